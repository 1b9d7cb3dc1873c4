"""The 部门整体 评分表 (jixiao.ingest.sections.scoring_sheet)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest.cells import Cell
from jixiao.ingest.sections.scoring_sheet import framework_rows, read_scoring_sheet
from jixiao.model.evaluation import Indicator


def test_items_subtotals_total_and_grade_up_to_the_sheet_end() -> None:
    texts = ("评分表", "投入", "20", "19.8", "预算编制", "5", "5", "综合得分", "100", "99", "评价结果等次", "优")
    items, subtotals, total, grade, recheck = read_scoring_sheet([Cell(t) for t in (*texts, "评价人员签字", "产出", "30", "30")])
    assert [(i.level1, i.name, i.weight, i.score) for i in items] == [("投入", "预算编制", Decimal("5"), Decimal("5"))]
    assert [(s.level1, s.weight, s.score) for s in subtotals] == [
        ("投入", Decimal("20"), Decimal("19.8"))
    ]  # 产出 after the end
    assert (total, grade, recheck) == (Decimal("99"), "优", None)


def test_a_group_read_before_its_level2_name_gets_it() -> None:
    texts = ("评分表", "过程", "20", "18", "资金到位率", "5", "4", "资金管理")
    items = read_scoring_sheet([Cell(t) for t in texts])[0]
    assert [(i.level2, i.name) for i in items] == [("资金管理", "资金到位率")]


def test_no_sheet_label_no_sheet() -> None:
    assert read_scoring_sheet([Cell("投入"), Cell("20"), Cell("19")]) == ([], [], None, None, None)


def test_rows_under_the_framework_s_own_level1_words() -> None:
    assert framework_rows([Indicator(level1="投入", name="a")]) is True
    assert framework_rows([Indicator(level1="决策", name="a")]) is True
    assert framework_rows([Indicator(level1="效果", name="a"), Indicator(level1="产出指标", name="b")]) is False
