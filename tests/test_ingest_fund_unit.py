"""The funds' unit as the table states it (jixiao.ingest.sections.fund_unit): a unit line above or
beside the table, a mark at the end of a funds label, both — and two different units, a doubt."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.ingest import labels as L
from jixiao.ingest import read
from jixiao.ingest.cells import Cell
from jixiao.ingest.regions import split_tables
from jixiao.ingest.sections.fund_unit import declarations, funds_unit, line_unit, mark_unit
from jixiao.ingest.sections.funds import funds
from jixiao.ingest.table import Table
from jixiao.model.evaluation import TableKind
from jixiao.review import Code, review

PROJECT = TableKind.PROJECT_SELF_EVALUATION


def table(*texts: str) -> Table:
    return Table([Cell(t, line=k + 1) for k, t in enumerate(texts)], "t.txt", 1)


def grid(*rows: list[str]) -> Table:
    """Cells of a ruled table, row by row (an empty text is no cell)."""
    cells = [
        Cell(t, row=r, column=c, sheet="表格1") for r, row in enumerate(rows, 1) for c, t in enumerate(row, 1) if t
    ]
    return Table(cells, "t.docx", 1)


HEADER = ["年初预算数", "全年预算数", "全年执行数"]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("单位：元", "元"),
        ("金额单位:万元", "万元"),
        ("单位： 元", "元"),
        ("（2022年度）    金额单位：元", "元"),
        ("某县项目支出绩效自评表（单位：元）", "元"),
        ("资金单位：万元，保留两位小数", "万元"),
    ],
)
def test_a_unit_line_states_the_unit(text: str, unit: str) -> None:
    assert line_unit(text) == unit


@pytest.mark.parametrize("text", ["实施单位：元宝区某某局", "单位：元宝区某某局", "单位：人次", "主管单位", "元"])
def test_other_lines_state_no_unit(text: str) -> None:
    assert line_unit(text) is None


@pytest.mark.parametrize(
    ("key", "unit"),
    [("年初预算数(元)", "元"), ("全年执行数(万元)", "万元"), ("项目资金(元)", "元"), ("资金情况(万元)", "万元"),
     ("(元)", "元")],
)  # fmt: skip
def test_a_mark_at_the_end_of_a_funds_label(key: str, unit: str) -> None:
    assert mark_unit(key) == unit


@pytest.mark.parametrize("key", ["某某专项补助(元)", "人均补助标准(元)", "年初预算数", "项目资金"])
def test_a_mark_on_another_cell_or_no_mark_states_nothing(key: str) -> None:
    assert mark_unit(key) is None


def test_marked_headers_are_still_their_columns() -> None:
    for mark in ("(元)", "(万元)"):
        assert L.FUND_HEADERS["年初预算数" + mark] is L.FundColumn.INITIAL
        assert L.FUND_HEADERS["全年执行数" + mark] is L.FundColumn.EXECUTED
    assert "预算数(元)" in L.BUDGET_LABELS


def test_none_stated_is_the_default() -> None:
    t = table("项目资金", *HEADER, "年度资金总额", "10", "9", "8")
    assert (funds_unit(t), t.doubts) == ("万元", [])


def test_a_unit_line_above_the_table() -> None:
    got = funds(table("项目支出绩效自评表", "单位：元", "项目资金", *HEADER, "年度资金总额", "100000", "90000",
                      "80000"), PROJECT)[0]  # fmt: skip
    assert got is not None and (got.unit, got.executed) == ("元", Decimal("80000"))


def test_a_unit_line_split_at_its_colon_in_one_row() -> None:
    t = grid(["项目支出绩效自评表"], ["", "", "单位", "元"], ["项目名称", "某项目"], ["项目资金", "", *HEADER],
             ["", "年度资金总额", "100000", "90000", "80000"])  # fmt: skip
    assert funds_unit(t) == "元"


def test_a_label_and_a_unit_on_different_rows_are_no_unit_line() -> None:
    t = grid(["项目支出绩效自评表", "单位"], ["元"], ["项目资金", "", *HEADER], ["", "年度资金总额", "1", "1", "1"])
    assert funds_unit(t) == "万元"


def test_marked_headers_give_the_unit_and_their_columns() -> None:
    marked = [h + "（元）" for h in HEADER]
    got = funds(grid(["项目资金", "", *marked], ["", "年度资金总额", "100000", "90000", "80000"]), PROJECT)[0]
    assert got is not None
    assert (got.unit, got.initial_budget, got.adjusted_budget, got.executed) == (
        "元", Decimal("100000"), Decimal("90000"), Decimal("80000"))  # fmt: skip


def test_marked_headers_in_text() -> None:
    t = table("项目资金", *(h + "(元)" for h in HEADER), "年度资金总额", "100000", "90000", "80000")
    got = funds(t, PROJECT)[0]
    assert got is not None and (got.unit, got.executed) == ("元", Decimal("80000"))


def test_the_unit_of_every_shape_of_funds() -> None:
    """Label/value pairs too: the unit is the table's, whichever shape its funds take."""
    got = funds(table("金额单位：元", "预算数", "100000", "执行数", "80000", "10"), PROJECT)[0]
    assert got is not None and (got.unit, got.adjusted_budget) == ("元", Decimal("100000"))


def test_one_unit_stated_twice_is_that_unit() -> None:
    t = table("单位：元", "项目资金（元）", *HEADER, "年度资金总额", "1", "1", "1")
    assert [u for u, _c in declarations(t)] == ["元", "元"]
    assert (funds_unit(t), t.doubts) == ("元", [])


def test_two_units_stated_are_a_doubt_naming_both_cells() -> None:
    t = table("单位：万元", "项目资金", *(h + "（元）" for h in HEADER), "年度资金总额", "1", "1", "1")
    assert funds_unit(t) == "万元"  # not chosen: the default, and a doubt
    (doubt,) = t.doubts
    assert doubt.field == "funds.unit" and doubt.reading is None and doubt.alternatives == ["万元", "元"]
    assert "单位：万元" in doubt.reason and "年初预算数（元）" in doubt.reason
    assert "第1行" in doubt.reason and "第3行" in doubt.reason
    assert doubt.location is not None and doubt.location.line == 3


def test_a_conflict_is_a_doubt_in_the_funds_read() -> None:
    t = table("金额单位：元", "项目资金（万元）", *HEADER, "年度资金总额", "10", "9", "8")
    got = funds(t, PROJECT)[0]
    assert got is not None and got.unit == "万元" and [d.field for d in t.doubts] == ["funds.unit"]


def test_a_unit_stated_after_the_indicator_header_is_not_the_funds() -> None:
    t = table("项目资金", *HEADER, "年度资金总额", "10", "9", "8", "一级指标", "二级指标", "三级指标", "单位：元")
    assert funds_unit(t) == "万元"


def test_a_unit_line_above_the_title_belongs_to_the_table() -> None:
    cells = [Cell(t, line=k) for k, t in enumerate(["金额单位：元", "项目支出绩效自评表", "项目名称", "某项目"], 1)]
    assert split_tables(cells) == [(0, 4)]


def _document(unit_line: str, mark: str) -> str:
    rows = [
        ["项目支出绩效自评表"], [unit_line], ["项目名称", "某某服务项目"], ["主管部门", "某局", "实施单位", "某中心"],
        ["项目资金", "", *(h + mark for h in HEADER), "分值", "执行率", "得分"],
        ["", "年度资金总额", "100000", "100000", "95000", "10", "95%", "9.5"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
         "偏差原因分析及改进措施"],
        ["", "产出指标", "数量指标", "服务人数", "≥100人", "100人", "90", "90", ""],
        ["总分", "", "", "", "", "", "100", "99.5", "优"],
    ]  # fmt: skip
    return "\n".join("\t".join(r) for r in rows) + "\n"


def test_a_document_stating_one_unit_twice(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(_document("金额单位：元", "（元）"), encoding="utf-8")
    (ev,) = read(path)
    assert ev.funds is not None and (ev.funds.unit, ev.funds.executed) == ("元", Decimal("95000"))
    assert ev.execution_rate_stated == Decimal("0.95") and ev.doubts == []


def test_a_document_stating_two_units_is_read_with_a_doubt_the_review_reports(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(_document("单位：万元", "（元）"), encoding="utf-8")
    (ev,) = read(path)
    assert ev.funds is not None and (ev.funds.unit, ev.funds.executed) == ("万元", Decimal("95000"))
    assert [d.field for d in ev.doubts] == ["funds.unit"]
    r = review(ev)
    assert [f.field for f in r.findings if f.code is Code.INGEST_UNCERTAIN] == ["funds.unit"]
    assert r.result.execution.rate == Decimal("0.95")  # the rate is the same in either unit
