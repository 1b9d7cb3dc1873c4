"""The indicator table walked into rows (jixiao.ingest.sections.indicators)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest.cells import Cell
from jixiao.ingest.labels import Column as C
from jixiao.ingest.sections.indicators import indicator_columns, indicators
from jixiao.ingest.table import Table
from jixiao.model.evaluation import Location

HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
ROWS = (
    *("产出指标", "数量指标", "修建道路", "10公里", "10公里", "20", "20", "无"),
    *("质量指标", "验收合格率", "100%", "100%", "20", "18", "部分未达标"),
    *("效益指标", "社会效益指标", "受益人数", "≥1000人", "1200人", "30", "30"),
)


def table(*texts: str) -> Table:
    return Table([Cell(t, line=n) for n, t in enumerate(texts, start=1)], "t.txt", 1)


def test_the_header_s_columns_after_the_level_headers() -> None:
    assert indicator_columns(table(*HEADER, "产出指标")) == (8, [C.TARGET, C.ACTUAL, C.WEIGHT, C.SCORE, C.NOTE])
    assert indicator_columns(table("说明", "x")) is None


def test_a_split_target_header_orders_nature_value_unit_where_the_target_is() -> None:
    header = ("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "分值", "得分")
    assert indicator_columns(table(*header, "产出指标")) == (
        9,
        [C.NATURE, C.VALUE, C.UNIT, C.ACTUAL, C.WEIGHT, C.SCORE],
    )


def test_rows_levels_total_and_grade() -> None:
    t = table(*HEADER, *ROWS, "总分", "100", "98", "优")
    rows, cols, total, grade = indicators(t)
    assert [(r.level1, r.level2, r.name, r.target, r.actual, r.weight, r.score, r.deviation_note) for r in rows] == [
        (
            "产出指标",
            "数量指标",
            "修建道路",
            "10公里",
            "10公里",
            Decimal("20"),
            Decimal("20"),
            None,
        ),  # 无: a placeholder
        ("产出指标", "质量指标", "验收合格率", "100%", "100%", Decimal("20"), Decimal("18"), "部分未达标"),
        ("效益指标", "社会效益指标", "受益人数", "≥1000人", "1200人", Decimal("30"), Decimal("30"), None),
    ]
    assert (cols, total, grade) == ([C.TARGET, C.ACTUAL, C.WEIGHT, C.SCORE, C.NOTE], Decimal("98"), "优")
    assert t.provenance == {"total_score_stated": Location(line=31)}  # the 总分 cell


def test_a_column_numbering_row_is_read_past() -> None:
    t = table(*HEADER, "列次", "1", "2", "3", "4", "5", "6", "7", "8", *ROWS[:8], "总分", "100", "20")
    rows = indicators(t)[0]
    assert [(r.name, r.score) for r in rows] == [("修建道路", Decimal("20"))]


def test_a_document_that_ends_mid_row_keeps_the_whole_rows_only() -> None:
    rows, _cols, total, _grade = indicators(table(*HEADER, *ROWS[:15], "效益指标", "社会效益指标", "受益人数"))
    assert [r.name for r in rows] == ["修建道路", "验收合格率"]
    assert total is None


SHORT = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")


def test_a_label_both_level1_and_level2_is_a_level2_under_a_level1_unless_level2_labels_follow() -> None:
    under = table(
        *SHORT,
        *("产出指标", "数量指标", "道路", "10公里", "10公里", "20", "20"),
        *("成本指标", "单价", "100元", "100元", "10", "10"),
        *("满意度指标", "满意度指标", "群众满意度", "90%", "95%", "10", "10", "总分", "40", "40"),
    )
    assert [(r.level1, r.level2, r.name) for r in indicators(under)[0]] == [
        ("产出指标", "数量指标", "道路"),
        ("产出指标", "成本指标", "单价"),  # 成本指标: a 二级 under 产出
        ("满意度指标", "满意度指标", "群众满意度"),  # 满意度指标 under its own 一级: its 二级
    ]
    heading = table(*SHORT, "成本指标", "经济成本指标", "单价", "100元", "100元", "10", "10", "总分", "10", "10")
    assert [(r.level1, r.level2) for r in indicators(heading)[0]] == [("成本指标", "经济成本指标")]


def test_a_level1_is_given_back_to_the_rows_above_it_up_to_one_of_another_dimension() -> None:
    from jixiao.ingest.sections.indicators import _fill_level1_backwards
    from jixiao.model.evaluation import Indicator

    rows = [Indicator(name="甲"), Indicator(name="乙", level2="成本指标"), Indicator(name="丙"),
            Indicator(name="丁", level1="效益指标", level2="社会效益指标")]  # fmt: skip
    _fill_level1_backwards(rows)
    assert [r.level1 for r in rows] == [None, None, "效益指标", "效益指标"]  # 成本指标 is no 效益 row
    centred = [Indicator(name="甲", level2="社会效益指标"), Indicator(name="乙", level1="效益指标")]
    _fill_level1_backwards(centred)
    assert [r.level1 for r in centred] == ["效益指标", "效益指标"]


def test_rows_of_a_target_only_one_cell_per_line() -> None:
    """A form of targets only, a cell per line: after a row's target, a name — words, or a text
    with a figure inside (…标准为300元的人数) — followed by a value with its unit is the next row;
    an actual written like its target is not; a name alone before a 二级 is no row of its own."""
    t = table(
        *HEADER,
        *("产出指标", "数量指标", "预计缴费标准为100元的人数", "23715人", "预计缴费标准为300元的人数", "7977人"),
        *("时效指标", "资金拨付", "12月底到位", "补助标准", "1000元/人"),
        *("效益指标", "社会效益", "提高群众参与积极性,参与人数逐年增加", "完成年度目标任务"),
        *("满意度指标", "受益群众满意度", "95%"),
    )
    rows, _, _, _ = indicators(t)
    assert [(r.name, r.target, r.actual) for r in rows] == [
        ("预计缴费标准为100元的人数", "23715人", None),
        ("预计缴费标准为300元的人数", "7977人", None),
        ("资金拨付", "12月底到位", None),
        ("补助标准", "1000元/人", None),
        ("提高群众参与积极性,参与人数逐年增加", "完成年度目标任务", None),
        ("受益群众满意度", "95%", None),
    ]
    target, actual = "受益人口每年116.11万人次", "受益人口每年108.13万人次"
    actual_alike = table(*HEADER, "产出指标", "数量指标", "补助人数", target, actual, "93.13%")
    (row,) = indicators(actual_alike)[0]
    assert (row.target, row.actual) == (target, actual)


def test_after_two_figures_a_short_text_with_a_figure_after_it_is_the_next_name() -> None:
    """``预算调整率 | 3 | 3 | 支付进度 | 3 | 3``: a text where 分值 stands is no 分值, and a note is
    followed by no figure — 支付进度 opens the next row."""
    t = table(*HEADER, "产出指标", "数量指标", "调整比率", "3", "3", "拨付进度", "3", "3", "总分", "6", "6")
    rows, _, _, _ = indicators(t)
    assert [r.name for r in rows] == ["调整比率", "拨付进度"]
