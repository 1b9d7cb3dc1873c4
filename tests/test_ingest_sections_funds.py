"""The funds block read from a table's cells (jixiao.ingest.sections.funds)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from jixiao.ingest import labels
from jixiao.ingest.cells import Cell
from jixiao.ingest.layouts.schema import SHIPPED, catalogue_of
from jixiao.ingest.sections.funds import funds
from jixiao.ingest.settings import Settings
from jixiao.ingest.table import Table
from jixiao.model.evaluation import TableKind

PROJECT = TableKind.PROJECT_SELF_EVALUATION


def table(*texts: str, **settings: int) -> Table:
    return Table([Cell(t) for t in texts], "t.txt", 1, settings=Settings(**settings))


@pytest.fixture
def restore() -> Iterator[None]:
    yield
    labels.use_catalogue(None)


def test_a_row_under_its_header_of_amounts() -> None:
    got, rate, weight, score = funds(
        table("年初预算数", "全年预算数", "全年执行数", "年度资金总额", "10", "9", "8"), PROJECT
    )
    assert got is not None
    assert (got.name, got.initial_budget, got.adjusted_budget, got.executed, got.unit) == (
        "年度资金总额",
        Decimal("10"),
        Decimal("9"),
        Decimal("8"),
        "万元",
    )
    assert (rate, weight, score) == (None, None, None)


def test_the_header_is_looked_for_header_back_cells_before_the_total() -> None:
    got = funds(
        table("年初预算数", "全年预算数", "全年执行数", "年度资金总额", "10", "9", "8", header_back_cells=1), PROJECT
    )[0]
    assert got is not None  # only 全年执行数 is named: which of 10 9 8 it is is not known
    assert (got.initial_budget, got.adjusted_budget, got.executed) == (None, None, None)


def test_a_header_naming_the_spending_but_no_budget_leaves_a_rateless_row_empty_with_a_doubt() -> None:
    t = lined(("项目资金（万元）", "甲栏", "乙栏", "全年执行数"), ("年度资金总额", "500", "480", "456"))
    got = funds(t, PROJECT)[0]
    assert got is not None and (got.initial_budget, got.adjusted_budget, got.executed) == (None, None, None)
    assert [(d.field, d.alternatives) for d in t.doubts] == [
        ("funds", ["全年执行数 500", "全年执行数 480", "全年执行数 456"])
    ]
    assert "多于表头认得出的资金栏（全年执行数）" in t.doubts[0].reason


def test_a_unit_mark_in_the_header_states_the_unit() -> None:
    got = funds(
        table("资金情况(元)", "年初预算数", "全年预算数", "全年执行数", "年度资金总额", "10", "9", "8"), PROJECT
    )[0]
    assert got is not None and got.unit == "元"


def test_a_header_cell_read_by_its_first_words() -> None:
    got, rate, weight, score = funds(
        table(
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率(%)",
            "得分(分值×执行率)",
            "年度资金总额",
            "10",
            "9",
            "10",
            "90%",
            "9",
        ),
        PROJECT,
    )
    assert got is not None and (got.adjusted_budget, got.executed) == (Decimal("10"), Decimal("9"))
    assert (rate, weight, score) == (Decimal("0.9"), Decimal("10"), Decimal("9"))


def test_staged_funds_each_behind_its_own_label() -> None:
    got = funds(table("预算资金", "100", "预算下达资金", "90", "实际支出资金", "80"), PROJECT)[0]
    assert got is not None
    assert (got.initial_budget, got.allocated, got.executed) == (Decimal("100"), Decimal("90"), Decimal("80"))


def test_a_staged_figure_is_searched_staged_figure_cells_after_its_label() -> None:
    assert funds(table("预算下达资金", "x", "y", "z", "90"), PROJECT)[0].allocated is None  # type: ignore[union-attr]
    got = funds(table("预算下达资金", "x", "y", "z", "90", staged_figure_cells=4), PROJECT)[0]
    assert got is not None and got.allocated == Decimal("90")


def test_staged_funds_labels_are_layout_data(restore: None) -> None:
    """Without the staged-funds layout file its labels are nothing to the reader."""
    labels.use_catalogue(catalogue_of([SHIPPED / "national.toml"]))
    assert funds(table("预算资金", "100", "预算下达资金", "90", "实际支出资金", "80"), PROJECT) == (
        None,
        None,
        None,
        None,
    )


def test_parts_under_a_blank_total_within_parts_reach() -> None:
    cells = ("全年预算数", "年度资金总额", "-", "x", "x", "(一)财政拨款小计", "6.30")
    got = funds(table(*cells), PROJECT)[0]
    assert got is not None and got.adjusted_budget == Decimal("6.30")
    assert [(s.name, s.adjusted_budget) for s in got.sources] == [("财政拨款", Decimal("6.30"))]
    got = funds(table(*cells, parts_reach=3), PROJECT)[0]
    assert got is not None and (got.adjusted_budget, got.sources) == (None, [])


def lined(*rows: tuple[str, ...]) -> Table:
    return Table([Cell(t, line=n) for n, row in enumerate(rows, start=1) for t in row], "t.txt", 1)


def test_funds_headers_no_layout_names_read_by_their_words_beside_known_ones() -> None:
    t = lined(
        ("项目资金（万元）", "年初预算", "调整后预算", "实际支出", "分值", "执行率", "得分"),
        ("年度资金总额", "500", "480", "456", "10", "95%", "9.5"),
    )
    got, rate, weight, score = funds(t, PROJECT)
    assert got is not None
    assert (got.initial_budget, got.adjusted_budget, got.executed) == (Decimal("500"), Decimal("480"), Decimal("456"))
    assert (rate, weight, score) == (Decimal("0.95"), Decimal("10"), Decimal("9.5"))


def test_more_amounts_than_the_header_names_are_left_empty_with_a_doubt() -> None:
    # only 年初预算数 is named: which of the three figures is it is not known
    t = lined(
        ("项目资金（万元）", "年初预算数", "甲栏", "乙栏", "分值", "执行率", "得分"),
        ("年度资金总额", "500", "480", "456", "10", "95%", "9.5"),
    )
    got, rate, weight, score = funds(t, PROJECT)
    assert got is not None and (got.initial_budget, got.adjusted_budget, got.executed) == (None, None, None)
    assert (rate, weight, score) == (Decimal("0.95"), Decimal("10"), Decimal("9.5"))
    assert [(d.field, d.alternatives) for d in t.doubts] == [
        ("funds", ["年初预算数 500", "年初预算数 480", "年初预算数 456"])
    ]
    assert "多于表头认得出的资金栏（年初预算数）" in t.doubts[0].reason


def test_the_funds_block_s_label_before_its_headers_is_no_column() -> None:
    # 预算执行情况 holds 执行, but it labels the block's rows (left of the headers), it heads no column
    t = lined(
        ("预算执行情况（万元）", "年初预算数", "全年预算数", "实际支出数", "分值", "执行率", "得分"),
        ("年度资金总额", "100", "120", "108", "10", "90%", "9"),
    )
    got = funds(t, PROJECT)[0]
    assert got is not None
    assert (got.initial_budget, got.adjusted_budget, got.executed) == (Decimal("100"), Decimal("120"), Decimal("108"))


def test_funds_headers_read_by_their_words_in_text_of_one_cell_per_line() -> None:
    # the block's label, then its headers one per line; the field value before the label heads nothing
    texts = ("项目名称", "某项目", "实施单位", "某单位", "项目资金（万元）", "年初预算金额", "调整后预算", "实际支出",
             "分值", "执行率", "得分", "年度资金总额", "500", "480", "456", "10", "95%", "9.5")  # fmt: skip
    t = Table([Cell(x, line=n) for n, x in enumerate(texts, start=1)], "t.txt", 1)
    got, rate, weight, score = funds(t, PROJECT)
    assert got is not None and (got.initial_budget, got.adjusted_budget, got.executed) == (
        Decimal("500"), Decimal("480"), Decimal("456")
    )  # fmt: skip
    assert (rate, weight, score) == (Decimal("0.95"), Decimal("10"), Decimal("9.5"))
