"""The 部门整体 评分表 (jixiao.ingest.sections.scoring_sheet)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest.cells import Cell
from jixiao.ingest.sections.scoring_sheet import framework_rows, read_scoring_sheet
from jixiao.model.evaluation import Indicator


def test_items_subtotals_total_and_grade_up_to_the_sheet_end() -> None:
    texts = ("评分表", "投入", "20", "19.8", "预算编制", "5", "5", "综合得分", "100", "99", "评价结果等次", "优")
    cells = [Cell(t) for t in (*texts, "评价人员签字", "产出", "30", "30")]
    items, subtotals, total, grade, recheck, _doubts = read_scoring_sheet(cells)
    assert [(i.level1, i.name, i.weight, i.score) for i in items] == [("投入", "预算编制", Decimal("5"), Decimal("5"))]
    assert [(s.level1, s.weight, s.score) for s in subtotals] == [
        ("投入", Decimal("20"), Decimal("19.8"))
    ]  # 产出 after the end
    assert (total, grade, recheck) == (Decimal("99"), "优", None)


def test_a_group_read_before_its_level2_name_gets_it() -> None:
    texts = ("评分表", "过程", "20", "18", "资金到位率", "5", "4", "资金管理")
    items = read_scoring_sheet([Cell(t) for t in texts])[0]
    assert [(i.level2, i.name) for i in items] == [("资金管理", "资金到位率")]


def test_a_label_printed_in_the_middle_of_its_lines_reads_the_lines_before_it() -> None:
    # a PDF prints the label merged down the sheet's rows on its middle line: the sheet starts at
    # its first 一级 after its header row, not at the label; the table above ends at its closing label
    texts = ("其他需说明的问题", "无", "二级指标", "三级指标", "分值", "投入", "20", "19", "某环节", "某项甲", "5", "4",
             "评分表", "某项乙", "15", "15", "综合得分", "20", "19")  # fmt: skip
    items, subtotals, total, _g, _r, _d = read_scoring_sheet([Cell(t) for t in texts])
    assert [(i.level1, i.level2, i.name, i.weight, i.score) for i in items] == [
        ("投入", "某环节", "某项甲", Decimal("5"), Decimal("4")),
        ("投入", "某环节", "某项乙", Decimal("15"), Decimal("15")),
    ]
    assert [(s.level1, s.weight, s.score) for s in subtotals] == [("投入", Decimal("20"), Decimal("19"))]
    assert total == Decimal("19")
    # no header row before the 一级: lines above the label are not the sheet's
    items = read_scoring_sheet([Cell(t) for t in ("投入", "20", "19", "评分表", "某项乙", "15", "15")])[0]
    assert items == []


def test_no_sheet_label_no_sheet() -> None:
    assert read_scoring_sheet([Cell("投入"), Cell("20"), Cell("19")]) == ([], [], None, None, None, ())


def test_rows_under_the_framework_s_own_level1_words() -> None:
    assert framework_rows([Indicator(level1="投入", name="a")]) is True
    assert framework_rows([Indicator(level1="决策", name="a")]) is True
    assert framework_rows([Indicator(level1="效果", name="a"), Indicator(level1="产出指标", name="b")]) is False


def test_a_recheck_column_gives_each_line_a_third_figure() -> None:
    """With 复核得分 in the sheet's header, an item's third figure is the reviewer's score (kept beside
    the stated one), a line with two figures has none, and the 综合得分's third is the 复核总分."""
    texts = ("评分表", "指标分值", "评价得分", "复核得分", "投入", "20", "19", "18", "预算编制", "5", "5", "4",
             "资金到位", "5", "4", "综合得分", "100", "99", "97")  # fmt: skip
    items, subtotals, total, _grade, recheck, _doubts = read_scoring_sheet([Cell(t) for t in texts])
    assert [(i.name, i.weight, i.score, i.recheck_score) for i in items] == [
        ("预算编制", Decimal(5), Decimal(5), Decimal(4)),
        ("资金到位", Decimal(5), Decimal(4), None),
    ]
    assert [(s.weight, s.score) for s in subtotals] == [(Decimal(20), Decimal(19))]
    assert (total, recheck) == (Decimal(99), Decimal(97))
    without = read_scoring_sheet([Cell(t) for t in texts if t != "复核得分"])
    assert [(i.name, i.score, i.recheck_score) for i in without.items] == [
        ("预算编制", Decimal(5), None),
        ("资金到位", Decimal(4), None),
    ]  # the figures past two stand alone and are passed over
    assert without.recheck_total is None and without.total == Decimal(99)


def test_a_figure_the_value_parser_refuses_is_an_empty_figure_and_a_doubt() -> None:
    """An item's score written 1e400 keeps its place (the next item is read as before), is left
    empty and named; so is a refused 综合得分."""
    texts = ("评分表", "投入", "20", "19", "预算编制", "5", "1e400", "资金到位", "5", "4",
             "综合得分", "100", "12345678901234567890")  # fmt: skip
    sheet = read_scoring_sheet([Cell(t, line=n) for n, t in enumerate(texts, start=1)])
    assert [(i.name, i.weight, i.score) for i in sheet.items] == [
        ("预算编制", Decimal(5), None),
        ("资金到位", Decimal(5), Decimal(4)),
    ]
    assert sheet.total is None
    assert [(d.field, d.reason, d.location.line if d.location else None) for d in sheet.doubts] == [
        ("scoring_items[0].score", "“得分”写作“1e400”：数字用了科学计数法（如 1e400），请直接写出数字，未读作数字", 7),
        ("total_score_stated", "“总分”写作“12345678901234567890”：数字超过 15 位整数，超出表格能容纳的范围，"
         "未读作数字", 13),
    ]  # fmt: skip


def test_a_lone_refused_total_figure_is_a_doubt_on_the_total() -> None:
    """A 综合得分 line with one figure states the total alone; refused, it is empty and named."""
    texts = ("评分表", "投入", "20", "19", "预算编制", "5", "5", "综合得分", "1e400", "评价结果等次", "优")
    sheet = read_scoring_sheet([Cell(t, line=n) for n, t in enumerate(texts, start=1)])
    assert sheet.total is None
    assert sheet.grade == "优"
    assert [(d.field, d.location.line if d.location else None) for d in sheet.doubts] == [("total_score_stated", 9)]
    plain = read_scoring_sheet([Cell("99" if t == "1e400" else t, line=n) for n, t in enumerate(texts, start=1)])
    assert (plain.total, plain.doubts) == (Decimal(99), ())
