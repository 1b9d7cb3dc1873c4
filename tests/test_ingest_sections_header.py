"""A table's year (jixiao.ingest.sections.header)."""

from __future__ import annotations

from jixiao.ingest.cells import Cell
from jixiao.ingest.sections.header import year
from jixiao.ingest.settings import Settings
from jixiao.ingest.table import Table
from jixiao.model.evaluation import Location


def table(*texts: str, **settings: int) -> Table:
    return Table([Cell(t, line=n) for n, t in enumerate(texts, start=1)], "t.txt", 1, settings=Settings(**settings))


def test_the_year_in_the_head_within_header_year_cells() -> None:
    t = table(*["x"] * 11, "(2021年度)")
    assert year(t, None) == 2021
    assert t.provenance == {"year": Location(line=12)}
    assert year(table(*["x"] * 11, "(2021年度)", header_year_cells=11), 2020) == 2020  # the document's


def test_a_short_year_only_in_a_title_that_names_its_form() -> None:
    assert year(table("2019年项目支出绩效自评表"), None) == 2019
    assert year(table("2019年工作总结"), 2018) == 2018
    assert year(table("x", "2019年项目支出绩效自评表", title_year_cells=1), None) is None


def test_a_header_field_label_no_layout_names_is_read_by_its_words() -> None:
    from jixiao.ingest.sections.header import field_by_words

    t = Table(
        [Cell(x) for x in ("项目主管单位", "某局", "项目承担单位", "某中心", "年度资金总额", "10")],
        "t.txt",
        1,
    )
    assert (field_by_words(t, "department"), field_by_words(t, "implementing_unit")) == ("某局", "某中心")
    # a label with no value after it (the next cell another field's label): nothing read
    blank = Table([Cell(x) for x in ("项目主管单位", "项目承担单位", "某中心", "年度资金总额")], "t.txt", 1)
    assert (field_by_words(blank, "department"), field_by_words(blank, "implementing_unit")) == (None, "某中心")
    # below the funds block: a row's words, not a header field
    late = Table([Cell(x) for x in ("年度资金总额", "10", "承担单位", "某中心")], "t.txt", 1)
    assert field_by_words(late, "implementing_unit") is None


def test_a_known_label_with_its_value_left_blank_is_not_read_again_by_its_words() -> None:
    from jixiao.ingest.sections.header import field_by_words

    t = Table([Cell(x) for x in ("主管部门", "评价方式:自评", "年度资金总额", "10")], "t.txt", 1)
    assert field_by_words(t, "department") is None
