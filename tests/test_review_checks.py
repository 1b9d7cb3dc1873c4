"""The review's general checks (issue 13), one error injected at a time into tables it passes clean.

Each case starts from a table with no finding at all (an invented complete table, and seed
004's 表4 and 表6 typed as numbers), injects one problem and asserts the finding, its place
and its figures — and that nothing else appeared.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao import rules
from jixiao.model.evaluation import (
    Doubt,
    Evaluation,
    FundLine,
    Funds,
    Goal,
    Indicator,
    ScoringItem,
    Source,
    Subtotal,
    TableKind,
)
from jixiao.review import Code, Review, Severity, explain, review
from jixiao.review.choose import choose
from tests.conftest import seed004_table

D = Decimal


def row(name: str, target: str, actual: str, weight: str, score: str, level1: str = "产出指标",
        level2: str = "数量指标", **kw: object) -> Indicator:  # fmt: skip
    return Indicator(level1=level1, level2=level2, name=name, target=target, actual=actual, weight=D(weight),
                     score=D(score), **kw)  # type: ignore[arg-type]  # fmt: skip


def clean_table(**fields: object) -> Evaluation:
    base: dict[str, object] = {
        "project_name": "测试项目",
        "year": 2024,
        "funds": Funds(initial_budget=D(100), adjusted_budget=D(100), executed=D(95)),
        "execution_rate_stated": D("0.95"),
        "execution_weight": D(10),
        "execution_score_stated": D("9.5"),
        "total_score_stated": D("99.5"),
        "grade_stated": "优",
        "source": Source(file="test.json", table=1, title="2024年度项目支出绩效自评表"),
        "indicators": [
            row("咨询热线接听量（个）", "≥50000", "50000", "20", "20"),
            row("补贴发放人数", "≥1200人", "1250人", "20", "20", level2="质量指标"),
            row("补贴发放完成时间", "2024年12月31日前", "2024年12月31日前", "10", "10", level2="时效指标"),
            row("群众收入增长", "≥5%", "5%", "30", "30", "效益指标", "经济效益指标"),
            row("群众满意度", "≥90%", "95%", "10", "10", "满意度指标", "服务对象满意度指标"),
        ],
    }
    base.update(fields)
    return Evaluation(**base)  # type: ignore[arg-type]


def national(ev: Evaluation) -> Review:
    return review(ev, rules.get("national-2020"))


def only(r: Review, code: Code) -> list[tuple[int | None, str | None, str | None]]:
    return [(f.row, f.stated, f.computed) for f in r.findings if f.code is code]


@pytest.mark.parametrize("ev", [clean_table(), seed004_table(4), seed004_table(6)], ids=["invented", "004-4", "004-6"])
def test_base_tables_are_clean(ev: Evaluation) -> None:
    assert review(ev).findings == ()


def _with(ev: Evaluation, i: int, **update: object) -> Evaluation:
    rows = list(ev.indicators)
    rows[i] = rows[i].model_copy(update=update)
    return ev.model_copy(update={"indicators": rows})


# --- text against table ----------------------------------------------------------------------


def test_text_names_the_row_in_its_own_words_and_the_actual_repeats_the_target() -> None:
    goal = Goal(actual="全年接听咨询电话5.2万个，发放补贴人数1250人，群众满意度达到95%。")
    r = national(clean_table(goals=[goal]))
    assert only(r, Code.TEXT_TABLE_MISMATCH) == [(1, "5.2万个", "50000")]
    (f,) = r.findings
    assert "疑照抄目标值" in f.message and f.severity is Severity.WARNING


def test_text_figure_without_a_verb_and_the_rounding_of_the_text() -> None:
    ok = national(clean_table(goals=[Goal(actual="发放补贴人数1250人，接听咨询电话5万个")]))
    assert ok.findings == ()
    off = national(clean_table(goals=[Goal(actual="发放补贴人数1286人")]))
    assert only(off, Code.TEXT_TABLE_MISMATCH) == [(2, "1286人", "1250人")]


def test_text_ambiguous_or_target_figures_are_skipped() -> None:
    twin = row("补贴发放人次", "≥1200人", "1250人", "0", "0", level2="质量指标")
    ev = clean_table(goals=[Goal(actual="补贴发放1300人")])
    ev = ev.model_copy(update={"indicators": [*ev.indicators, twin]})
    assert only(national(ev), Code.TEXT_TABLE_MISMATCH) == []  # 发放人数 or 发放人次: not guessed
    planned = national(clean_table(goals=[Goal(actual="计划发放补贴人数1300人，实际发放补贴人数1250人")]))
    assert planned.findings == ()


def test_text_spending_phrases() -> None:
    r = national(clean_table(goals=[Goal(actual="全年实际支出资金96万元，预算执行率95%")]))
    assert only(r, Code.TEXT_TABLE_MISMATCH) == [(None, "96万元", "95万元")]


def test_text_figures_no_table_can_hold_are_passed_over() -> None:
    huge = "9" * 30
    for text in (f"全年实际支出{huge}万元", f"预算执行率为{huge}%"):
        assert national(clean_table(goals=[Goal(actual=text)])).findings == ()


# --- stated figures against their parts --------------------------------------------------------


def test_heading_declaring_points_at_level2() -> None:
    ev = _with(clean_table(), 0, level2="数量指标(25分)")
    assert only(national(ev), Code.WEIGHT_SUM) == [(None, "25", "20")]


def test_truncated_table_leaves_the_cut_group_out() -> None:
    ev = _with(clean_table(), 4, level2="服务对象满意度指标(15分)")
    assert only(national(ev), Code.WEIGHT_SUM) == [(None, "15", "10")]
    cut = ev.model_copy(update={"truncated": True})
    assert only(national(cut), Code.WEIGHT_SUM) == []


def test_stated_subtotal() -> None:
    ev = clean_table(subtotals_stated=[Subtotal(level1="产出指标", score=D(48))])
    assert only(national(ev), Code.TOTAL_MISMATCH) == [(None, "48", "50")]
    weighted = clean_table(subtotals_stated=[Subtotal(level1="产出指标", weight=D(45), score=D(50))])
    assert [(f.code, f.stated, f.computed) for f in national(weighted).findings] == [(Code.WEIGHT_SUM, "45", "50")]


def test_funds_parts_and_balance() -> None:
    split = [FundLine(name="中央补助", adjusted_budget=D(25)), FundLine(name="市级资金", adjusted_budget=D(16))]
    programme = FundLine(name="项目二", adjusted_budget=D(40), parts=split)
    funds = Funds(initial_budget=D(100), adjusted_budget=D(100), executed=D(95), balance=D(5),
                  parts=[FundLine(name="项目一", adjusted_budget=D(60)), programme])  # fmt: skip
    r = national(clean_table(funds=funds))
    assert only(r, Code.FUNDS_SUM) == [(None, "40", "41")]
    r = national(clean_table(funds=funds.model_copy(update={"balance": D(0), "parts": []})))
    assert only(r, Code.FUNDS_SUM) == [(None, "0", "5")]


def test_weight_left_to_the_one_row_no_round_weight_fits() -> None:
    rows = [
        row("咨询热线接听量（个）", "≥50000", "50000", "30", "30"),
        row("补贴发放人数", "≥1200人", "1250人", "20", "19.6", level2="质量指标"),
        *clean_table().indicators[3:],
    ]
    rows = [r.model_copy(update={"weight": None}) for r in rows]
    ev = clean_table(indicators=rows, total_score_stated=D("99.1"), grade_stated=None)
    r = national(ev)
    assert only(r, Code.SCORE_MISMATCH) == [(2, "19.6", "20.00")]
    assert only(r, Code.REASON_MISSING) == [(2, "", None)]


def test_less_is_better_rate_with_a_bare_target() -> None:
    rate = row("安全事故发生率", "0.5%", "0", "20", "20", level2="质量指标")
    assert national(_with(clean_table(), 1, **rate.model_dump(include={"name", "target", "actual"}))).findings == ()
    over = national(_with(clean_table(), 1, name="安全事故发生率", target="0.5%", actual="1%"))
    assert only(over, Code.SCORE_MISMATCH) == [(2, "20", "10.00")]


# --- 复核得分 ------------------------------------------------------------------------------------


def test_recheck_differs_and_the_recheck_total() -> None:
    ev = _with(clean_table(), 3, recheck_score=D(27))
    r = national(ev.model_copy(update={"recheck_total_stated": D("96.5")}))
    assert only(r, Code.RECHECK_DIFFERS) == [(None, "99.5", "96.5"), (4, "30", "27")]
    assert only(r, Code.TOTAL_MISMATCH) == []
    rows = [i.model_copy(update={"recheck_score": i.score}) for i in ev.indicators]
    rows[3] = rows[3].model_copy(update={"recheck_score": D(27)})
    wrong = national(ev.model_copy(update={"indicators": rows, "recheck_total_stated": D("99.5")}))
    assert only(wrong, Code.TOTAL_MISMATCH) == [(None, "99.5", "96.5")]
    assert Code.RECHECK_DIFFERS.severity is Severity.INFO


# --- 部门整体 评分表 ------------------------------------------------------------------------------


def department_sheet(**update: object) -> Evaluation:
    items = [
        ScoringItem(level1="投入(10分)", level2="预算配置(10分)", name="重点支出安排率", weight=D(5), score=D(5),
                    standard="≥90% 得满分"),
        ScoringItem(level1="投入(10分)", level2="预算配置(10分)", name="财政供养人员控制率", weight=D(5), score=D(5)),
        ScoringItem(level1="过程(10分)", level2="预算执行(10分)", name="预算完成率", weight=D(10), score=D(10)),
    ]  # fmt: skip
    ev = Evaluation(kind=TableKind.DEPARTMENT_OVERALL, year=2023, scoring_items=items, total_score_stated=D(20))
    return ev.model_copy(update=update)


def test_department_sheet_clean_then_each_problem() -> None:
    assert review(department_sheet()).findings == ()
    assert review(department_sheet()).rule_set.name == "department-2020"
    items = department_sheet().scoring_items
    below = [items[0].model_copy(update={"score": D(4)}), *items[1:]]
    r = review(department_sheet(scoring_items=below, total_score_stated=D(19)))
    assert [(f.code, f.where) for f in r.findings] == [
        (Code.REASON_MISSING, "投入(10分) › 预算配置(10分) › 重点支出安排率")
    ]
    given = [below[0].model_copy(update={"deduction_reason": "控制率未达标"}), *below[1:]]
    assert review(department_sheet(scoring_items=given, total_score_stated=D(19))).findings == ()
    heavy = [items[0].model_copy(update={"weight": D(6), "score": D(6)}), *items[1:]]
    r = review(department_sheet(scoring_items=heavy, total_score_stated=D(21)))
    assert sorted((f.code.value, f.stated, f.computed) for f in r.findings) == [
        ("WEIGHT_SUM", "10", "11"),
        ("WEIGHT_SUM", "10", "11"),
    ]
    blank = [items[0].model_copy(update={"score": None}), *items[1:]]
    r = review(department_sheet(scoring_items=blank, total_score_stated=D(15)))
    assert [(f.code, f.where) for f in r.findings] == [
        (Code.SCORE_MISSING, "投入(10分) › 预算配置(10分) › 重点支出安排率")
    ]
    over = [items[0].model_copy(update={"score": D(6)}), *items[1:]]
    r = review(department_sheet(scoring_items=over, total_score_stated=D(21)))
    assert [f.code for f in r.findings] == [Code.SCORE_OVER_WEIGHT]


# --- years -----------------------------------------------------------------------------------


def test_title_year_and_deadline_year() -> None:
    title = Source(
        file="t.json", table=1, title="2024年度项目支出绩效自评表", document_title="2023年度项目支出绩效自评表"
    )
    r = national(clean_table(source=title))
    assert only(r, Code.YEAR_MISMATCH) == [(None, "2023", "2024")]
    r = national(_with(clean_table(), 2, target="2023年12月31日前", actual="2023年12月31日前"))
    assert only(r, Code.YEAR_MISMATCH) == [(3, "2023", "2024")]


# --- ingest doubts -----------------------------------------------------------------------------


def test_doubtful_value_is_reported_and_no_error_rests_on_it() -> None:
    ev = _with(clean_table(), 1, score=D(2))  # SCORE_MISMATCH and TOTAL_MISMATCH without the doubt
    assert {f.code for f in national(ev).findings} >= {Code.SCORE_MISMATCH, Code.TOTAL_MISMATCH}
    doubt = Doubt(field="indicators[1].score", reading="2", alternatives=["20"], reason="“20”与下一栏粘连")
    r = national(ev.model_copy(update={"doubts": [doubt]}))
    assert [f.severity for f in r.findings if f.severity is Severity.ERROR] == []
    (f,) = [f for f in r.findings if f.code is Code.INGEST_UNCERTAIN]
    assert (f.row, f.field, f.stated, f.computed) == (2, "indicators[1].score", "2", "“20”")
    assert "粘连" in f.message and "未据此值判定错误" in f.message


def test_doubtful_funds_figure_raises_no_funds_error() -> None:
    ev = clean_table(execution_rate_stated=D("0.5"))
    assert only(national(ev), Code.EXEC_RATE_MISMATCH)
    doubt = Doubt(field="funds.executed", reading="95", alternatives=["50"])
    r = national(ev.model_copy(update={"doubts": [doubt]}))
    assert [f.code for f in r.findings] == [Code.INGEST_UNCERTAIN]


def test_a_doubtful_unit_is_reported_and_only_the_amount_in_the_text_goes_unchecked() -> None:
    """Two units stated for the funds (ingest's doubt on ``funds.unit``): every amount scales
    alike, so the rate and sums are still checked; the text's amount is not compared."""
    ev = clean_table(execution_rate_stated=D("0.5"), goals=[Goal(actual="全年实际支出资金96万元")])
    assert {f.code for f in national(ev).findings} == {Code.EXEC_RATE_MISMATCH, Code.TEXT_TABLE_MISMATCH}
    doubt = Doubt(field="funds.unit", reading=None, alternatives=["万元", "元"], reason="两种单位")
    r = national(ev.model_copy(update={"doubts": [doubt]}))
    assert {f.code for f in r.findings} == {Code.EXEC_RATE_MISMATCH, Code.INGEST_UNCERTAIN}
    (f,) = [f for f in r.findings if f.code is Code.INGEST_UNCERTAIN]
    assert (f.where, f.field) == ("资金", "funds.unit")


# --- rules as data ----------------------------------------------------------------------------


def test_qual_band_message_follows_the_rule_set() -> None:
    qual = row(
        "服务质量", "有效提升", "部分完成", "10", "10", "满意度指标", "服务对象满意度指标", deviation_note="原因"
    )
    ev = clean_table(indicators=[qual])
    national_band = [f for f in national(ev).findings if f.code is Code.QUAL_BAND]
    ningxia_band = [f for f in review(ev, rules.get("ningxia")).findings if f.code is Code.QUAL_BAND]
    assert "60%–80%" in national_band[0].rule and "50%–80%" not in national_band[0].rule
    assert "50%–80%" in ningxia_band[0].rule
    assert ningxia_band[0].computed == "5.00–8.00"


def test_auto_choice_comes_from_the_detect_tables() -> None:
    assert choose(department_sheet()).rule_set.name == "department-2020"
    project_sheet = department_sheet().model_copy(update={"kind": TableKind.PROJECT_SELF_EVALUATION})
    assert choose(project_sheet).rule_set.name == "framework-2013"
    rows = [
        row("甲", "≥1人", "1人", "40", "40"),
        row("乙", "≥1人", "1人", "40", "40", "效益指标", "社会效益指标"),
        row("丙", "≥90%", "95%", "20", "20", "满意度指标", "服务对象满意度指标"),
    ]
    split = clean_table(execution_weight=None, execution_score_stated=None, execution_rate_stated=None, indicators=rows)
    choice = choose(split)
    assert choice.rule_set.name == "ningxia"
    assert "产出 40、效益 40、满意度 20" in choice.reason
    assert choose(clean_table()).rule_set.name == "national-2020"
    assert rules.get("ningxia").detect.claims and not rules.get("national-2020").detect.claims


def test_new_codes_explained_in_chinese() -> None:
    assert explain("recheck_differs").startswith("RECHECK_DIFFERS（提示）：自评得分与复核得分不同")
    assert explain("INGEST_UNCERTAIN").startswith("INGEST_UNCERTAIN（警告）：读取存疑的数值")


def test_blank_execution_score_while_rows_are_scored() -> None:
    r = national(clean_table(execution_score_stated=None, total_score_stated=D(90), grade_stated=None))
    assert only(r, Code.SCORE_MISSING) == [(None, None, "9.50")]


def test_traditional_labels_with_glosses_name_their_dimension() -> None:
    rows = [
        row("甲", "≥1人", "1人", "50", "50", "產(chǎn)出指標(biāo)", "數(shù)量指標(biāo)"),
        row("乙", "≥90%", "95%", "40", "40", "滿(mǎn)意度指標(biāo)", "服務(wù)對象滿(mǎn)意度指標(biāo)"),
    ]
    r = national(clean_table(indicators=rows))
    assert [(f.code, f.computed) for f in r.findings] == [(Code.DIMENSION_MISSING, "效益")]


def test_no_dimension_said_when_no_label_names_one() -> None:
    rows = [row(n, "≥1人", "1人", w, w, None, None) for n, w in (("甲", "45"), ("乙", "45"))]  # type: ignore[arg-type]
    assert only(national(clean_table(indicators=rows)), Code.DIMENSION_MISSING) == []


def test_department_table_read_as_rows_needs_no_satisfaction_indicator() -> None:
    rows = [
        row("重点支出安排率", "", "", "50", "50", "决策", "预算配置"),
        row("产出数量", "≥1项", "1项", "25", "25", "产出", "数量指标"),
        row("社会效益", "≥1项", "1项", "25", "25", "效益", "社会效益指标"),
    ]
    ev = Evaluation(kind=TableKind.DEPARTMENT_OVERALL, year=2023, indicators=rows, total_score_stated=D(100))
    r = review(ev)
    assert r.rule_set.name == "department-2020"
    assert only(r, Code.DIMENSION_MISSING) == []
    assert only(review(ev, rules.get("national-2020")), Code.DIMENSION_MISSING) == [(None, None, "满意度")]


def test_scoring_sheet_read_as_rows_is_recognised_by_its_level1() -> None:
    """A 评分表 given as rows (投入/过程 lines with 分值 and 得分, no target or actual), of any kind."""
    rows = [
        Indicator(level1="投 入(15分)", level2="预算配置(15分)", name="重点支出安排率", weight=D(15), score=D(15)),
        Indicator(level1="过程(85分)", level2="预算执行(85分)", name="支付进度", weight=D(85), score=D(80)),
    ]
    r = review(Evaluation(year=2023, indicators=rows, total_score_stated=D(95)))
    assert r.rule_set.name == "department-2020" and "投入" in r.reason
    assert [(f.code, f.row) for f in r.findings] == [(Code.REASON_MISSING, 2)]
    national_codes = {
        f.code for f in review(Evaluation(year=2023, indicators=rows), rules.get("national-2020")).findings
    }
    assert Code.ACTUAL_MISSING in national_codes


def test_over_achieved_row_without_weight_is_full_marks_not_over_weight() -> None:
    """100% against 90% scored 10 with no 分值 column: weight 10 at full marks, not 9 × 111%."""
    rows = [r.model_copy(update={"weight": None}) for r in clean_table().indicators]
    rows[4] = rows[4].model_copy(update={"actual": "100%"})
    r = national(clean_table(indicators=rows))
    assert r.findings == ()
    assert r.checked.indicators[4].weight == D(10)


def test_ocr_sign_read_as_2_is_a_doubt_not_an_error() -> None:
    """``28万亩`` beside ``8`` scored in full: ``≥8万亩`` as likely — said, not judged."""
    ev = _with(clean_table(), 1, name="公益林管护面积", target="28万亩", actual="8", score=D(20))
    r = national(ev)
    assert [f.severity for f in r.findings if f.severity is Severity.ERROR] == []
    (f,) = [f for f in r.findings if f.code is Code.INGEST_UNCERTAIN]
    assert (f.row, f.stated, f.computed) == (2, "28万亩", "“≥8万亩”")
    scored_low = national(_with(ev, 1, score=D(5)))
    assert only(scored_low, Code.SCORE_MISMATCH) == [(2, "5", "5.71")]  # not full marks: no reason to doubt


def test_duplicates_only_among_named_indicators() -> None:
    """A figure read into the name column, a label, or a bare name with nothing beside it is no duplicate."""
    noise = [Indicator(level1="产出指标", level2="质量指标", name=n, target=t, actual=t)
             for n, t in (("100%", "100%"), ("100%", "100%"), ("其中:", "5"), ("其中:", "5"))]  # fmt: skip
    bare = [Indicator(name="资金投入"), Indicator(name="资金投入")]
    ev = clean_table()
    r = national(ev.model_copy(update={"indicators": [*ev.indicators, *noise, *bare]}))
    assert only(r, Code.DUPLICATE_INDICATOR) == []
    twice = national(ev.model_copy(update={"indicators": [*ev.indicators, ev.indicators[0]]}))
    assert only(twice, Code.DUPLICATE_INDICATOR) == [(6, "咨询热线接听量（个）", None)]


@pytest.mark.parametrize("note", ["0", "*", "无偏差"])
def test_placeholder_reason_is_no_reason(note: str) -> None:
    ev = _with(clean_table(), 1, actual="1100人", score=D("18.33"), deviation_note=note)
    ev = ev.model_copy(update={"total_score_stated": D("97.83")})
    assert [(f.code, f.row) for f in national(ev).findings] == [(Code.REASON_MISSING, 2)]


def test_blank_in_the_group_a_cut_runs_through_is_not_an_error() -> None:
    ev = _with(clean_table(), 4, score=None)
    assert only(national(ev), Code.SCORE_MISSING) == [(5, None, "10.00")]
    cut = ev.model_copy(update={"truncated": True})
    assert only(national(cut), Code.SCORE_MISSING) == []
    earlier = _with(clean_table(truncated=True), 0, score=None)
    assert only(national(earlier), Code.SCORE_MISSING) == [(1, None, "20.00")]


def test_block_read_from_inside_is_a_doubt_not_a_weight_error() -> None:
    """The first row without its 一级 while later rows have one: the rows above the cut are
    missing (corpus2 107), so the weights' sum and the dimensions are not judged."""
    ev = clean_table()
    rows = [r.model_copy(update={"level1": None}) if i == 2 else r for i, r in enumerate(ev.indicators)][2:]
    cut = ev.model_copy(update={"indicators": rows, "funds": None, "execution_rate_stated": None,
                                "execution_weight": None, "execution_score_stated": None, "total_score_stated": D(50),
                                "grade_stated": None})  # fmt: skip
    r = national(cut)
    assert [(f.code, f.where) for f in r.findings] == [(Code.INGEST_UNCERTAIN, "指标表")]
    first = rows[0].model_copy(update={"level1": "产出指标"})
    whole = national(cut.model_copy(update={"indicators": [first, *rows[1:]]}))
    assert [(f.code, f.stated) for f in whole.findings] == [(Code.WEIGHT_SUM, "50")]


def test_lone_figure_on_the_total_line_read_as_a_doubt_raises_no_total_missing() -> None:
    """``合计 | 100 |`` with the rows scored (corpus2 103): weight sum or total; ingest's doubt on
    total_score_stated holds TOTAL_MISSING back and says so."""
    blank = clean_table(total_score_stated=None, grade_stated=None)
    assert [f.code for f in national(blank).findings] == [Code.TOTAL_MISSING]
    doubt = Doubt(field="total_score_stated", reading=None, alternatives=["100"], reason="合计行只有一个数")
    r = national(blank.model_copy(update={"doubts": [doubt]}))
    assert [(f.code, f.where, f.computed) for f in r.findings] == [(Code.INGEST_UNCERTAIN, "总分", "“100”")]


def test_fund_sources_read_a_column_off_are_a_doubt() -> None:
    """Sources whose 全年预算数 add up to the total's 全年执行数: read one column off, not summed wrong."""
    shifted = [FundLine(name="当年财政拨款", initial_budget=D(80), adjusted_budget=D(76)),
               FundLine(name="上年结转资金", initial_budget=D(20), adjusted_budget=D(19))]  # fmt: skip
    ev = clean_table(funds=Funds(initial_budget=D(100), adjusted_budget=D(100), executed=D(95), sources=shifted))
    r = national(ev)
    assert [(f.code, f.field) for f in r.findings] == [(Code.INGEST_UNCERTAIN, "funds.sources")]
    assert "全年执行数" in r.findings[0].message
    wrong = [shifted[0].model_copy(update={"adjusted_budget": D(70)}), shifted[1]]
    ev = clean_table(funds=Funds(initial_budget=D(100), adjusted_budget=D(100), executed=D(95), sources=wrong))
    assert [(f.code, f.stated, f.computed) for f in national(ev).findings] == [(Code.FUNDS_SUM, "100", "89")]


def test_total_a_few_hundredths_off_is_a_rounding_not_a_wrong_total() -> None:
    near = national(clean_table(total_score_stated=D("99.47")))
    assert [(f.code, f.where, f.stated, f.computed) for f in near.findings] == [
        (Code.SCORE_ROUNDING, "总分", "99.47", "99.5")
    ]
    spent = Funds(initial_budget=D(100), adjusted_budget=D(100), executed=D("99.7"))
    parts = {"funds": spent, "execution_rate_stated": D("0.997"), "execution_score_stated": D("9.97")}
    assert national(clean_table(**parts, total_score_stated=D("99.97"))).findings == ()
    whole = national(clean_table(**parts, total_score_stated=D("100")))  # 100 for 99.97: a point given, not rounded
    assert [(f.code, f.stated, f.computed) for f in whole.findings] == [(Code.TOTAL_MISMATCH, "100", "99.97")]


def test_fund_parts_rounded_each_may_miss_the_total_by_a_cent() -> None:
    """Two parts and a total each rounded to 万元 two decimals: 60.01 + 40.00 for 100.00 is rounding;
    one part alone must equal the total; 0.02 off is a wrong sum."""

    def funds(a: str, b: str) -> Funds:
        sources = [FundLine(name="当年财政拨款", executed=D(a)), FundLine(name="上年结转资金", executed=D(b))]
        return Funds(initial_budget=D("100.00"), adjusted_budget=D("100.00"), executed=D("95.00"), sources=sources)

    assert national(clean_table(funds=funds("55.01", "40.00"))).findings == ()
    assert [f.code for f in national(clean_table(funds=funds("55.02", "40.00"))).findings] == [Code.FUNDS_SUM]
    single = Funds(initial_budget=D("100.00"), adjusted_budget=D("100.00"), executed=D("95.00"),
                   sources=[FundLine(name="当年财政拨款", executed=D("95.01"))])  # fmt: skip
    assert [f.code for f in national(clean_table(funds=single)).findings] == [Code.FUNDS_SUM]


def test_score_beside_a_blank_weight_counts_in_the_total_and_the_weights_fall_short() -> None:
    ev = _with(clean_table(), 1, weight=None)
    r = national(ev)
    assert [(f.code, f.stated) for f in r.findings if f.severity is Severity.ERROR] == [(Code.WEIGHT_SUM, "80")]
    assert "补贴发放人数 有得分而未填分值" in next(f.message for f in r.findings if f.code is Code.WEIGHT_SUM)
    no_execution = ev.model_copy(update={"execution_weight": None, "execution_score_stated": None,
                                         "execution_rate_stated": None, "total_score_stated": D(90)})  # fmt: skip
    assert [f.code for f in national(no_execution).findings if f.severity is Severity.ERROR] == [Code.WEIGHT_SUM]


def test_subtotal_a_few_hundredths_off_is_a_rounding() -> None:
    near = national(clean_table(subtotals_stated=[Subtotal(level1="产出指标", score=D("50.03"))]))
    assert [(f.code, f.where) for f in near.findings] == [(Code.SCORE_ROUNDING, "产出指标小计")]
    off = national(clean_table(subtotals_stated=[Subtotal(level1="产出指标", score=D("50.3"))]))
    assert [(f.code, f.where) for f in off.findings] == [(Code.TOTAL_MISMATCH, "产出指标小计")]
