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


def test_split_target_columns_written_in_the_header_s_one_row_keep_their_order() -> None:
    """指标值 | 实际完成值 | 计算符号 | 计量单位 on one line: no second header row to move to the front."""
    header = ("一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "计算符号", "计量单位", "权重", "得分")
    assert indicator_columns(table(*header, "产出指标")) == (
        9,
        [C.VALUE, C.ACTUAL, C.NATURE, C.UNIT, C.WEIGHT, C.SCORE],
    )
    two_rows = ("一级指标", "二级指标", "三级指标", "完成值", "分值", "得分", "指标性质", "指标值", "度量单位")
    assert indicator_columns(table(*two_rows, "产出指标")) == (
        9,
        [C.NATURE, C.VALUE, C.UNIT, C.ACTUAL, C.WEIGHT, C.SCORE],
    )


def test_rows_of_a_split_target_after_the_actual_one_cell_per_line() -> None:
    """The actual left empty and not written: the unit after the figure is the 计量单位's, the
    target joined back from 指标值 | 计算符号 | 计量单位."""
    header = ("一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "计算符号", "计量单位", "权重", "得分")
    t = table(*header, "产出指标", "数量指标", "发放人数", "5429", "人", "10", "10",
              "质量指标", "保障率", "90", "≥", "%", "10", "9", "总分", "20", "19")  # fmt: skip
    rows, _cols, total, _grade = indicators(t)
    assert [(r.name, r.target, r.actual, r.weight, r.score) for r in rows] == [
        ("发放人数", "5429人", None, Decimal("10"), Decimal("10")),
        ("保障率", "≥90%", None, Decimal("10"), Decimal("9")),
    ]
    assert total == Decimal("19")


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


def lined(*rows: tuple[str, ...]) -> Table:
    """Each row's cells on one line of text, as a page with tab- or space-separated cells gives them."""
    return Table([Cell(t, line=n) for n, row in enumerate(rows, start=1) for t in row], "t.txt", 1)


KEY_HEADER = ("一级指标", "二级指标", "三级指标", "指标解释", "评分标准", "分值", "得分", "扣分情况说明")


def test_a_header_no_layout_names_reads_by_the_word_it_ends_with_on_the_header_s_line() -> None:
    # 扣分情况说明 is no layout's label: it ends with 说明, the deviation note
    assert indicator_columns(lined(KEY_HEADER, ("决策(20分)",))) == (
        8,
        [C.BASIS, C.STANDARD, C.WEIGHT, C.SCORE, C.NOTE],
    )
    # on a line of its own it may be a row's text: the header ends before it
    assert indicator_columns(lined(KEY_HEADER[:-1], KEY_HEADER[-1:])) == (7, [C.BASIS, C.STANDARD, C.WEIGHT, C.SCORE])
    # a column the header has already: not a second one
    assert indicator_columns(lined((*KEY_HEADER[:-1], "扣分原因", "情况说明"), ("决策",)))[1][-1] is C.NOTE
    assert indicator_columns(lined((*KEY_HEADER[:-1], "扣分原因", "情况说明"), ("决策",)))[0] == 8


def test_a_scoring_rule_after_the_name_is_no_level_label_where_rows_keep_to_their_lines() -> None:
    # 立项规范得4分 reads like a 二级 stating its points; after the row's name on its line it is the rule
    t = lined(
        KEY_HEADER,
        ("决策(20分)", "项目立项(8分)", "立项依据充分性", "是否符合政策", "依据充分得4分", "4", "4"),
        ("决策(20分)", "项目立项(8分)", "立项程序规范性", "是否按程序申报", "立项规范得4分", "4", "3", "程序缺一项"),
        ("合计", "8", "7"),
        ("评价等级", "良"),
    )
    rows, _cols, total, grade = indicators(t)
    assert [(r.level1, r.level2, r.name, r.standard, r.weight, r.score, r.deviation_note) for r in rows] == [
        ("决策(20分)", "项目立项(8分)", "立项依据充分性", "依据充分得4分", Decimal("4"), Decimal("4"), None),
        ("决策(20分)", "项目立项(8分)", "立项程序规范性", "立项规范得4分", Decimal("4"), Decimal("3"), "程序缺一项"),
    ]
    assert (total, grade) == (Decimal("7"), "良")


def test_a_note_header_before_the_figures_explains_the_indicator_and_is_read_past() -> None:
    header = ("一级指标", "二级指标", "三级指标", "指标说明", "评分标准", "分值", "得分", "扣分原因")
    assert indicator_columns(lined(header, ("决策",)))[1] == [C.BASIS, C.STANDARD, C.WEIGHT, C.SCORE, C.NOTE]


UNNAMED = ("一级指标", "二级指标", "三级指标", "计划值", "实际值", "权重", "自评分", "未完成原因")


def test_headers_no_layout_names_read_by_their_words_where_the_line_holds_headers_only() -> None:
    t = lined(UNNAMED, ("产出指标", "数量指标", "新建站点", "≥12个", "12个", "20", "20"))
    assert indicator_columns(t) == (8, [C.TARGET, C.ACTUAL, C.WEIGHT, C.SCORE, C.NOTE])
    rows = indicators(t)[0]
    assert [(r.name, r.target, r.actual, r.weight, r.score) for r in rows] == [
        ("新建站点", "≥12个", "12个", Decimal("20"), Decimal("20"))
    ]
    # the header's line runs on into a row (a page joined into one line): those words are a row's
    joined = lined(("一级指标", "二级指标", "三级指标", "实际完成率", "100%", "20", "20"))
    assert indicator_columns(joined) == (3, [])


def test_a_header_holding_two_words_heads_the_column_not_yet_taken() -> None:
    # 自评分值 holds 分值 (weight) and 评分 (score): after a 分值 column it is the score
    header = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "自评分值")
    assert indicator_columns(lined(header, ("产出指标",)))[1] == [C.TARGET, C.ACTUAL, C.WEIGHT, C.SCORE]


def test_a_word_read_header_never_takes_a_column_a_known_header_later_on_its_line_names() -> None:
    # 评分要点 holds 评分, but 得分 after it names the score: the point is the rule
    header = ("一级指标", "二级指标", "三级指标", "指标解释", "评分要点", "分值", "得分", "扣分原因")
    assert indicator_columns(lined(header, ("决策",)))[1] == [C.BASIS, C.STANDARD, C.WEIGHT, C.SCORE, C.NOTE]
    # 计划完成值 holds 计划 and 完成: the target or the actual, not said — a column read past
    header = ("一级指标", "二级指标", "三级指标", "计划完成值", "实际完成值", "分值", "得分")
    assert indicator_columns(lined(header, ("产出指标",)))[1] == [C.SKIP, C.ACTUAL, C.WEIGHT, C.SCORE]


def test_word_read_headers_on_a_grid_row() -> None:
    cells = [Cell(x, row=3, column=k) for k, x in enumerate(UNNAMED)] + [Cell("产出指标", row=4, column=0)]
    t = Table(cells, "t.xlsx", 1)
    assert indicator_columns(t) == (8, [C.TARGET, C.ACTUAL, C.WEIGHT, C.SCORE, C.NOTE])
    assert t.header_columns == {C.TARGET: 3, C.ACTUAL: 4, C.WEIGHT: 5, C.SCORE: 6, C.NOTE: 7}


def test_a_line_opening_with_a_name_and_holding_its_figures_is_a_row_not_the_note_above() -> None:
    # 一级 / 二级 left blank on the second line (text copied from merged cells); the row above has no
    # note: the next line's name with its own figures after it opens a row of its own
    t = lined(
        KEY_HEADER,
        ("决策(20分)", "项目立项(8分)", "立项依据充分性", "是否符合政策", "依据充分得4分", "4", "4"),
        ("立项程序规范性", "是否按程序申报", "立项规范得4分", "4", "3", "程序缺一项"),
        ("合计", "8", "7"),
    )
    rows = indicators(t)[0]
    assert [(r.name, r.standard, r.weight, r.score, r.deviation_note) for r in rows] == [
        ("立项依据充分性", "依据充分得4分", Decimal("4"), Decimal("4"), None),
        ("立项程序规范性", "立项规范得4分", Decimal("4"), Decimal("3"), "程序缺一项"),
    ]


def test_headers_no_layout_names_are_read_by_their_words_in_text_of_one_cell_per_line() -> None:
    # every cell its own line: the header's cells share no line, they follow one another
    words = ("一级指标", "二级指标", "三级指标", "计划值", "实际值", "指标分值", "评分", "未完成原因")
    assert indicator_columns(table(*words, *ROWS)) == (8, [C.TARGET, C.ACTUAL, C.WEIGHT, C.SCORE, C.NOTE])
    # on lines of several cells, a header word is read on its own line only (a line run on into a row is not)
    lined = [Cell(t, line=1) for t in words] + [Cell(t, line=2 + k // 8) for k, t in enumerate(ROWS)]
    assert indicator_columns(Table(lined, "t.txt", 1)) == (8, [C.TARGET, C.ACTUAL, C.WEIGHT, C.SCORE, C.NOTE])


RULES_HEADER = ("一级指标", "二级指标", "三级指标", "指标解释", "评分标准", "分值", "得分", "扣分原因")


def test_two_rule_texts_before_the_figures_stay_with_their_row_name() -> None:
    """指标解释 | 评分标准 | 分值 | 得分 | 扣分原因, one cell per line, an empty 扣分原因 not written:
    the two texts after a name are its own, and a name is known by two texts and then a figure."""
    t = table(*RULES_HEADER,
              "决策（25分）", "项目立项（13分）", "立项程序规范性", "是否按规定程序申报审批",
              "程序完整规范得5分，每缺一项扣1分", "5", "5",
              "立项依据充分性", "立项是否符合相关政策和规划", "依据充分得8分", "8", "6", "依据不足",
              "预算执行率", "实际支出与到位资金之比", "按执行率计算", "12", "12", "合计", "25", "23")  # fmt: skip
    rows, cols, total, _grade = indicators(t)
    assert cols == [C.BASIS, C.STANDARD, C.WEIGHT, C.SCORE, C.NOTE]
    assert [(r.name, r.standard, r.weight, r.score, r.deviation_note) for r in rows] == [
        ("立项程序规范性", "程序完整规范得5分，每缺一项扣1分", Decimal("5"), Decimal("5"), None),
        ("立项依据充分性", "依据充分得8分", Decimal("8"), Decimal("6"), "依据不足"),
        ("预算执行率", "按执行率计算", Decimal("12"), Decimal("12"), None),
    ]
    assert total == Decimal("23")


def test_a_level2_word_right_after_a_level2_stating_points_is_a_row_name() -> None:
    """效益（11分） then 项目效益（9分） (a 一级 word stating fewer points: its 二级), then 社会效益 (a
    target form's 二级 word, stating none): the name of the 二级's first row."""
    t = table(*RULES_HEADER,
              "效益（11分）", "项目效益（9分）", "社会效益", "对当地经济社会发展的作用", "效果明显得6分", "6", "6",
              "可持续影响", "长效管护机制是否建立", "机制健全得3分", "3", "2", "管护制度尚不健全",
              "满意度（2分）", "受益群众满意度", "问卷调查受益群众的满意程度", "满意度≥90%得2分", "2", "2",
              "合计", "11", "10")  # fmt: skip
    rows, _cols, _total, _grade = indicators(t)
    assert [(r.level1, r.level2, r.name, r.weight, r.score) for r in rows] == [
        ("效益（11分）", "项目效益（9分）", "社会效益", Decimal("6"), Decimal("6")),
        ("效益（11分）", "项目效益（9分）", "可持续影响", Decimal("3"), Decimal("2")),
        ("效益（11分）", "满意度（2分）", "受益群众满意度", Decimal("2"), Decimal("2")),
    ]


REVIEW_HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "自评得分", "复核得分",
                 "偏差原因分析及改进措施", "备注")  # fmt: skip


def test_a_lone_closing_text_beside_two_text_columns_is_left_empty_with_a_doubt() -> None:
    """偏差原因 | 备注 close the table; a row read from text that fills one (抽评) may have filled
    either, and a word after a target with no figures after it (83 已核实) may be the actual or
    either text: each left empty, a doubt naming it; a row that fills both keeps both."""
    t = table(*REVIEW_HEADER,
              "产出指标", "数量指标", "发放次数", ">=12次", "12次", "15", "15", "14", "抽评",
              "成本指标", "支出金额", "<=35万元", "30.64万元", "10", "8.75", "6.75", "预算编制不精准，增强申请精准度",
              "复核组现场抽查核实",
              "时效指标", "缴费人数", "83", "已核实",
              "总分", "100", "97.5")  # fmt: skip
    rows, _cols, _total, _grade = indicators(t)
    assert [(r.name, r.actual, r.recheck_score, r.deviation_note, r.remark) for r in rows] == [
        ("发放次数", "12次", Decimal("14"), None, None),
        ("支出金额", "30.64万元", Decimal("6.75"), "预算编制不精准，增强申请精准度", "复核组现场抽查核实"),
        ("缴费人数", None, None, None, None),
    ]
    assert [(d.field, d.alternatives) for d in t.doubts] == [
        ("indicators[0].deviation_note", ["抽评"]),
        ("indicators[2].actual", ["已核实"]),
    ]
