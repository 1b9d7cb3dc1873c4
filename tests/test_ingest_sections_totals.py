"""The stated total and grade (jixiao.ingest.sections.totals)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest.cells import Cell
from jixiao.ingest.labels import Column
from jixiao.ingest.sections.totals import self_score, total, total_after
from jixiao.ingest.settings import Settings
from jixiao.ingest.table import Table
from jixiao.model.evaluation import Location


def table(*texts: str, **settings: int) -> Table:
    return Table([Cell(t, line=n) for n, t in enumerate(texts, start=1)], "t.txt", 1, settings=Settings(**settings))


def test_a_total_row_gives_weight_sum_score_and_grade() -> None:
    assert total(table("总分", "100", "95.5", "优"), 0) == (Decimal("100"), Decimal("95.5"), "优")
    assert total(table("总分", "95.5"), 0) == (None, Decimal("95.5"), None)


def test_a_lone_figure_under_a_weight_sum_label_is_the_weight_sum() -> None:
    assert total(table("合计", "100"), 0) == (Decimal("100"), None, None)


def test_total_figures_are_read_total_figure_cells_after_the_label() -> None:
    assert total(table("总分", "100", "95", total_figure_cells=1), 0) == (None, Decimal("100"), None)


def test_on_a_grid_the_figures_sit_under_the_weight_and_score_headers() -> None:
    grid = [
        Cell("总分", row=9, column=0),
        Cell("95", row=9, column=4),
        Cell("良", row=9, column=5),
        Cell("100", row=9, column=3),
    ]
    t = Table(grid, "t.xlsx", 1, header_columns={Column.WEIGHT: 3, Column.SCORE: 4})
    assert total(t, 0) == (Decimal("100"), Decimal("95"), "良")


def test_a_total_after_the_closing_sections_within_total_reach() -> None:
    t = table("其他需要说明事项", "无", "总分", "100", "90")
    assert total_after(t, 0) == (Decimal("90"), None)
    assert t.provenance == {"total_score_stated": Location(line=3)}
    assert total_after(table("其他需要说明事项", "无", "总分", "100", "90", total_reach=2), 0) == (None, None)


def test_a_self_score_near_the_top_within_self_score_cells() -> None:
    assert self_score(table("自评得分", "说明", "x", "95")) == (Decimal("95"), Location(line=4))
    assert self_score(table("自评得分", "说明", "x", "95", self_score_cells=2)) == (None, None)
    assert self_score(table("自评得分", "120")) == (None, None)  # over 100: not a total


def test_a_refused_figure_of_the_total_row_is_a_doubt_on_its_own_field() -> None:
    """``总分 | 1e400 | 95 | 优``: the weight sum is refused, the total read; the doubt names the
    weight sum, not the total."""
    t = table("总分", "1e400", "95", "优")
    assert total(t, 0) == (None, Decimal("95"), "优")
    assert [(d.field, d.location) for d in t.doubts] == [("total_weight_stated", Location(line=2))]
    t = table("总分", "100", "1e400")
    assert total(t, 0) == (Decimal("100"), None, None)
    assert [(d.field, d.location) for d in t.doubts] == [("total_score_stated", Location(line=3))]
    t = table("总分", "1e400")
    assert total(t, 0) == (None, None, None)
    assert [(d.field, d.location) for d in t.doubts] == [("total_score_stated", Location(line=2))]
    t = table("合计", "1e400")
    assert total(t, 0) == (None, None, None)
    assert [(d.field, d.location) for d in t.doubts] == [("total_weight_stated", Location(line=2))]


def test_a_refused_weight_sum_under_its_grid_column_is_a_doubt_on_it() -> None:
    grid = [Cell("总分", row=9, column=0), Cell("1e400", row=9, column=3), Cell("95", row=9, column=4)]
    t = Table(grid, "t.xlsx", 1, header_columns={Column.WEIGHT: 3, Column.SCORE: 4})
    assert total(t, 0) == (None, Decimal("95"), None)
    assert [(d.field, d.location) for d in t.doubts] == [("total_weight_stated", Location(row=9, column=3))]


def test_a_grade_under_its_own_label_after_the_total_row() -> None:
    from jixiao.ingest.sections.totals import grade_after

    assert grade_after(table("合计", "100", "92.5", "评价等级", "优"), 0) == "优"
    assert grade_after(table("总分", "95", "自评等次", "良好"), 0) == "良好"
    # not a grade word beside the label: no grade, never the next word that is one
    assert grade_after(table("总分", "95", "评价等级", "见附件", "优"), 0) is None
    # past grade_label_cells: not the total row's
    assert grade_after(table("总分", "95", "评价等级", "优", grade_label_cells=1), 0) is None
    assert grade_after(table("总分", "95", "其他说明", "优"), 0) is None


def test_a_grade_legend_after_the_total_is_no_grade() -> None:
    from jixiao.ingest.sections.totals import grade_after

    def lined(*rows: tuple[str, ...]) -> Table:
        return Table([Cell(x, line=n) for n, row in enumerate(rows, start=1) for x in row], "t.txt", 1)

    assert grade_after(lined(("合计", "18", "17"), ("评价等级", "优", "良", "中", "差")), 0) is None
    assert grade_after(lined(("合计", "18", "17"), ("等级", "优", "90分以上")), 0) is None
    assert grade_after(lined(("合计", "18", "17"), ("评价等级", "良"), ("填报人", "某某")), 0) == "良"
