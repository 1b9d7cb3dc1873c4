"""The arithmetic chooser on its own, and its doubts reaching the evaluation."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from jixiao.ingest import arithmetic as A
from jixiao.ingest import read


def test_cuts_are_well_formed_numbers_only() -> None:
    assert A.cuts("1010", 2) == [["10", "10"], ["101", "0"]]
    assert A.cuts("0.5", 1) == [["0.5"]] and A.cuts("05", 1) == [] and A.cuts("1.2.3", 1) == []
    assert A.cuts("9" * 50, 2) == []  # too long to be telling
    # a part past the value parser's 15 integer digits is no candidate: 17 ones cut in two leave
    # the cuts after the 2nd … 15th digit
    assert A.cuts("1" * 16, 1) == []
    assert [len(head) for head, _ in A.cuts("1" * 17, 2)] == list(range(2, 16))


def test_a_fund_row_of_too_many_digits_is_left_empty_not_an_error() -> None:
    from jixiao.ingest import labels as L
    from jixiao.ingest.sections.fund_row import assign_fund_row

    f = L.FundColumn
    header = [f.INITIAL, f.ADJUSTED, f.EXECUTED, f.WEIGHT, f.RATE, f.SCORE]
    assert assign_fund_row(["1" * 35 + "%9"], header) == {f.EXECUTED: None}


def test_a_glued_fund_row_is_cut_where_its_arithmetic_holds() -> None:
    amounts = ["initial_budget", "adjusted_budget", "executed"]
    candidates = A.fund_row_readings("86000.0086000.0085120.001098.98%9.9", [*amounts, "weight"], ["score"])
    choice = A.choose(candidates, A.fund_row_checks(amounts))
    assert not choice.close
    assert choice.reading == {
        "initial_budget": D("86000.00"),
        "adjusted_budget": D("86000.00"),
        "executed": D("85120.00"),
        "weight": D("10"),
        "rate": D("98.98"),
        "score": D("9.9"),
    }


def test_the_score_in_a_cell_of_its_own_settles_the_cut() -> None:
    before = ["adjusted_budget", "executed", "weight"]
    candidates = [c | {"score": D(10)} for c in A.fund_row_readings("202010100.00%", before, [])]
    choice = A.choose(candidates, A.fund_row_checks(["adjusted_budget", "executed"]))
    assert choice.reading == {
        "adjusted_budget": D(20), "executed": D(20), "weight": D(10), "rate": D("100.00"), "score": D(10)
    }  # fmt: skip
    assert not choice.close


def test_two_readings_equally_good_are_a_close_call() -> None:
    candidates = A.fund_row_readings("1122%", ["adjusted_budget"], [])
    choice = A.choose(candidates, A.fund_row_checks(["adjusted_budget"]))
    assert choice.close and choice.reading is not None


def test_checks_fail_hold_or_do_not_apply() -> None:
    rate = A.rate_is_executed_over_budget("a", "b", "p")
    assert rate({"a": D(80), "b": D(60), "p": D("75.0")}) is True
    assert rate({"a": D(80), "b": D(60), "p": D(76)}) is False
    assert rate({"a": D(80), "b": D(60), "p": D(0)}) is False  # a zero rate is no spending
    assert rate({"a": D(80), "b": D(0), "p": D(0)}) is None  # nothing spent: holds for any budget, confirms no cut
    assert rate({"a": D(80), "p": D(75)}) is None
    score = A.score_is_weight_times_rate("w", "p", "s")
    assert score({"w": D(10), "p": D("98.98"), "s": D("9.9")}) is True
    assert score({"w": D(10), "p": D(120), "s": D(10)}) is True  # full marks at or over 100 %
    assert A.at_most("s", "w")({"s": D(11), "w": D(10)}) is False


def test_weight_and_score_run_together() -> None:
    assert A.weight_and_score("1010").reading == {"weight": D(10), "score": D(10)}
    assert A.weight_and_score("1510").reading == {"weight": D(15), "score": D(10)}
    assert A.weight_and_score("2019.5").reading == {"weight": D(20), "score": D("19.5")}


def test_an_ambiguous_run_is_a_doubt_and_no_value(tmp_path: Path) -> None:
    doc = tmp_path / "t.txt"
    doc.write_text(
        "项目支出绩效自评表\n项目名称\t某项目\n全年预算数\t分值\t执行率\t得分\n年度资金总额\t1122%\n"
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n总分\t100\t90\n",
        encoding="utf-8",
    )
    (ev,) = read(doc)
    assert ev.funds is not None and ev.funds.adjusted_budget is None and ev.execution_rate_stated is None
    (doubt,) = ev.doubts
    assert doubt.field == "funds" and len(doubt.alternatives) >= 2 and "1122%" in doubt.reason
    assert doubt.location is not None and doubt.location.line == 4


def test_jixiao_import_lists_the_doubts(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from jixiao.cli.main import app

    doc = tmp_path / "t.txt"
    doc.write_text(
        "项目支出绩效自评表\n项目名称\t某项目\n全年预算数\t分值\t执行率\t得分\n年度资金总额\t1122%\n"
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n总分\t100\t90\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["import", str(doc), "--jobs", "1", "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 0, result.output
    assert "第4行的项目资金存疑" in result.output


_ROW = ["target", "actual", "weight", "score", "deviation_note"]


def _never(text: str) -> int | None:
    return None


def _at_long_term(text: str) -> int | None:
    return len(text) - 2 if text.endswith("长期") else None


def test_a_glued_indicator_row_is_cut_by_what_its_values_show() -> None:
    cut = A.indicator_row("硬件、软件维护数量(个)=20个20个55", _ROW, _never)
    assert cut == A.RowCut("硬件、软件维护数量(个)", ["=20个", "20个", "5", "5", None])
    cut = A.indicator_row("升级改造费用(万元/年)<=300万元296.26万元54.93原定竞标价格为300万。", _ROW, _never)
    assert cut == A.RowCut("升级改造费用(万元/年)", ["<=300万元", "296.26万元", "5", "4.93", "原定竞标价格为300万。"])
    # the actual written without its unit is the target's own figure; 分值 and 得分 after it
    cut = A.indicator_row("学生受资助人数≧735人次7351010", _ROW, _never)
    assert cut == A.RowCut("学生受资助人数", ["≧735人次", "735", "10", "10", None])
    cut = A.indicator_row("项目完成时间2021年12月31日2021年12月31日55", _ROW, _never)
    assert cut == A.RowCut("项目完成时间", ["2021年12月31日", "2021年12月31日", "5", "5", None])


def test_a_month_or_a_day_goes_on_with_its_date_a_year_after_a_year_is_a_value_of_its_own() -> None:
    cut = A.indicator_row("某登记工作完成时间2021年12月31日2021年12月1010", _ROW, _never)
    assert cut == A.RowCut("某登记工作完成时间", ["2021年12月31日", "2021年12月", "10", "10", None])
    cut = A.indicator_row("某工程完成时间2023年2024年1010", _ROW, _never)
    assert cut == A.RowCut("某工程完成时间", ["2023年", "2024年", "10", "10", None])


def test_the_figures_ending_a_row_are_cut_every_way_into_a_weight_and_the_score_after_it() -> None:
    assert A.weight_splits("某项效益惠及人民1520") == [("1520", None), ("1", "520"), ("15", "20"), ("152", "0")]
    assert A.weight_splits("某项效益长期7.53") == [("7.53", None), ("7.5", "3")]  # .53 is no number
    assert A.weight_splits("某项效益长期1500") == [("1500", None), ("1", "500"), ("150", "0")]  # 00 is none
    assert A.weight_splits("某项效益长期") == []


def test_a_name_written_again_is_its_target_or_its_actual_the_row_alone_does_not_tell() -> None:
    cut = A.indicator_row("保障参保人员权益保障参保人员权益1010", _ROW, _never)
    assert cut == A.RowCut("保障参保人员权益", [None, None, "10", "10", None], clear=False)


def test_a_nought_after_full_marks_is_the_note_no_deviation() -> None:
    """``…80805050`` then ``0``: target and actual 80, 分值 50, 得分 50 and a nought in the note column
    (no deviation); a nought is that note only after full marks (``1530``: 分值 15, 得分 3 and 0 is
    no reading)."""
    cut = A.indicator_row("设备完好率808050500", _ROW, _never)
    assert cut == A.RowCut("设备完好率", ["80", "80", "50", "50", "0"])
    cut = A.indicator_row("设备完好率80805050", _ROW, _never)
    assert cut == A.RowCut("设备完好率", ["80", "80", "50", "50", None])
    assert all(c["deviation_note"] != "0" for _, c in A.indicator_readings("群众知晓1530", _ROW, _never))


def test_a_bound_is_a_target_never_an_actual_nor_the_end_of_a_name() -> None:
    """``…改善≥85%`` after a written-out word: the bound is the target (a sign bounds a target, an
    actual is what was done), not 改善 then an actual ≥85%; and no name ends in a sign and a figure
    (``…倍数≥3``: the bound's unit would open the values, ``倍12倍12`` read as written twice)."""
    improved = lambda t: len(t) - 2 if t.endswith("改善") else None  # noqa: E731
    cut = A.indicator_row("居住环境明显改善≥85%1515", _ROW, improved)
    assert cut == A.RowCut("居住环境明显改善", ["≥85%", None, "15", "15", None])
    cut = A.indicator_row("社会资金撬动倍数≥3倍12倍55", _ROW, _never)
    assert cut == A.RowCut("社会资金撬动倍数", ["≥3倍", "12倍", "5", "5", None])


def test_a_range_mark_goes_on_with_the_figure_before_it_and_opens_no_note() -> None:
    """``…203年3-4月`` (a year mistyped short): ``-4月`` is the rest of the range, no note after a
    分值 3 and 得分 3 cut off ``3``."""
    cut = A.indicator_row("政策宣传短信发送时间203年3-4月", _ROW, _never)
    assert cut == A.RowCut("政策宣传短信发送时间", ["203年3-4月", None, None, None, None])


def test_a_written_out_target_run_into_the_name_begins_at_its_word() -> None:
    """``…正常运行长期100%1010``: 长期 is the target, the name ends where it begins."""
    cut = A.indicator_row("保障经办系统正常运行长期100%1010", _ROW, _at_long_term)
    assert cut == A.RowCut("保障经办系统正常运行", ["长期", "100%", "10", "10", None])
    # a target written out alone, no figures after it (a form of targets only)
    cut = A.indicator_row("保障经办系统正常运行长期", _ROW, _at_long_term)
    assert cut == A.RowCut("保障经办系统正常运行", ["长期", None, None, None, None])
    # without the word list nothing says a target is there: the figure is the target
    assert A.indicator_row("保障经办系统正常运行长期100%1010", _ROW, _never) == A.RowCut(
        "保障经办系统正常运行长期", ["100%", None, "10", "10", None]
    )


def test_a_written_out_value_after_a_figure_target_is_the_actual() -> None:
    cut = A.indicator_row("成本控制数≤30万元完成9090", _ROW, lambda t: len(t) - 2 if t.endswith("完成") else None)
    assert cut == A.RowCut("成本控制数", ["≤30万元", "完成", "90", "90", None])


def test_a_row_that_would_be_all_name_is_not_read() -> None:
    """No cut finds a value: the values are somewhere in the text, so nothing is taken."""
    assert A.indicator_row("落实政策促进社会稳定有效促进", _ROW, _never) is None


def test_targets_with_a_bound_an_aside_or_a_rate_per_period_are_values() -> None:
    cut = A.indicator_row("困难群众救助金到账时间2天内", _ROW, _never)
    assert cut == A.RowCut("困难群众救助金到账时间", ["2天内", None, None, None, None])
    cut = A.indicator_row("农村低保对象覆盖人数(含特困)16.4万人(预估)1010", _ROW, _never)
    assert cut == A.RowCut("农村低保对象覆盖人数(含特困)", ["16.4万人(预估)", None, "10", "10", None])
    cut = A.indicator_row("组织应急演练频次平均每月1次", _ROW, _never)
    assert cut == A.RowCut("组织应急演练频次", ["平均每月1次", None, None, None, None])
    # one counting word after the figure is its unit, not a note
    cut = A.indicator_row("计划购置档案装具数量18卷", _ROW, _never)
    assert cut == A.RowCut("计划购置档案装具数量", ["18卷", None, None, None, None])


def test_a_note_after_no_figures_counts_against_a_reading() -> None:
    """``…标准为100元的人数23715人``: 元的人数… is no note after a 100 (the row has no 分值 or
    得分 for a note to follow); the figure at the end is the target."""
    cut = A.indicator_row("预计年缴费标准为100元的人数23715人", _ROW, _never)
    assert cut == A.RowCut("预计年缴费标准为100元的人数", ["23715人", None, None, None, None])


def test_a_glued_row_of_columns_it_does_not_know_is_not_cut() -> None:
    assert A.indicator_row("维修公里数=20公里20公里55", ["nature", "value", "unit"], _never) is None


def test_amounts_alone_run_together_are_cut_where_their_decimals_say() -> None:
    names = ["initial_budget", "adjusted_budget", "executed"]
    assert A.amount_readings("6078.005932.305932.30", names) == [
        {"initial_budget": D("6078.00"), "adjusted_budget": D("5932.30"), "executed": D("5932.30")}
    ]
    assert A.amount_readings("2.382.3820", names) == []  # not written alike: no cut
    assert A.amount_readings("300300296", names) == []  # no decimals: nothing marks the ends


_AMOUNTS = ["initial_budget", "adjusted_budget", "executed"]


def _fund_row(run: str) -> A.Choice:
    return A.choose_fund_row(A.fund_row_readings(run, [*_AMOUNTS, "weight"], ["score"]), _AMOUNTS)


def test_a_relation_weighs_the_digits_it_matches() -> None:
    # 2000 | 1157.97 | 57.89 %: the rate matched to four digits outweighs a cut meeting a rate of 9 % by chance
    # (200011 | 57.97 | 5 | 7.8 | 9 %: 5 ÷ 57.97 is 8.6 %)
    assert A.significant_digits(D("57.89")) == 4 and A.significant_digits(D(9)) == 1
    assert A.significant_digits(D("0.5")) == 1 and A.significant_digits(D("10.00")) == 4
    choice = _fund_row("20001157.9757.89%")
    # 1157.97 with 分值 blank, or 1157.9 with 分值 7: nothing tells, so only what both give stands
    assert choice.close and len(choice.ties) == 1
    assert A.agreed([choice.reading, *choice.ties]) == {"adjusted_budget": D(2000), "rate": D("57.89")}
    evidence = A.relation_evidence(A.relations_weighed(_AMOUNTS))
    assert evidence({"adjusted_budget": D(2000), "executed": D("1157.97"), "rate": D("57.89")}) == 4
    assert evidence({"adjusted_budget": D("57.97"), "executed": D(5), "weight": D("7.8"), "rate": D(9)}) == 1


def test_full_marks_count_once_whatever_the_digits() -> None:
    # 10.00 | 10.00 | 10.00 | 10 | 100 % | 10.00: not 10.00 | 10.00 | 分值 10.0010 (the score 10.00 is that weight
    # at its digits, as any weight near 10 would be)
    evidence = A.relation_evidence(A.relations_weighed(_AMOUNTS))
    assert evidence({"weight": D("10.0010"), "rate": D(100), "score": D("10.00")}) == 1
    assert _fund_row("10.0010.0010.0010100%10.00").reading == {
        "initial_budget": D("10.00"), "adjusted_budget": D("10.00"), "executed": D("10.00"),
        "weight": D(10), "rate": D(100), "score": D("10.00"),
    }  # fmt: skip


def test_a_rate_the_amounts_do_not_give_is_read_where_the_score_confirms_the_cut() -> None:
    # the form states 100 % though 3824.26 of 4753.66 is 80.4 %: 分值 10 × 100 % = 得分 10, the amounts alike
    choice = _fund_row("4753.664753.663824.2610100%10")
    assert choice.reading == {
        "initial_budget": D("4753.66"), "adjusted_budget": D("4753.66"), "executed": D("3824.26"),
        "weight": D(10), "rate": D(100), "score": D(10),
    }  # fmt: skip
    assert not choice.close
    # the form states 10 % though 94 of 650 is 14.46 %: 得分 2.9 = 分值 20 × 94 ÷ 650 (2.892)
    assert _fund_row("650942010%2.9").reading == {
        "adjusted_budget": D(650), "executed": D(94), "weight": D(20), "rate": D(10), "score": D("2.9")
    }  # fmt: skip
    # no score to confirm any cut: nothing is taken
    assert A.misstated_rate(A.fund_row_readings("65094%", _AMOUNTS, []), _AMOUNTS) is None


def test_a_rate_has_at_most_two_decimals() -> None:
    check = A.decimals_at_most("rate", 2)
    assert check({"rate": D("98.75")}) is True and check({"rate": D("824.2610100")}) is False


def test_fewer_amounts_than_the_columns_then_a_whole_number_are_cut_where_decimals_mark_them() -> None:
    # 2.38 | 2.38 | 20: two amounts alike, then one figure within the points (a 分值 or a 得分: placed later)
    assert A.amounts_then_points("2.382.3820", 3, 100) == [(["2.38", "2.38"], "20")]
    # two amounts alike alone, or 2.3 | 82.3 then 8: two readings, nothing taken (fund_row)
    assert A.amounts_then_points("2.382.38", 3, 100) == [(["2.38", "2.38"], ""), (["2.3", "82.3"], "8")]
    assert A.amounts_then_points("2.382.38120", 3, 100) == []  # 120 is no 分值 nor 得分 (2.381 | 20 unlike)
    from jixiao.ingest import labels as L
    from jixiao.ingest.sections.fund_row import assign_fund_row

    f = L.FundColumn
    header = [f.INITIAL, f.ADJUSTED, f.EXECUTED, f.WEIGHT, f.RATE, f.SCORE]
    assert assign_fund_row(["2.382.3820"], header) == {f.ADJUSTED: D("2.38"), f.EXECUTED: D("2.38")}
    assert assign_fund_row(["2.382.38"], header)[f.EXECUTED] is None


def test_a_score_in_proportion_implies_the_whole_weight_a_row_does_not_state() -> None:
    # 8.0 = 20 × 6 ÷ 15; 9.5 ≈ 10 × 90 ÷ 95 (9.47 shown at one decimal)
    assert A.implied_weights("15", "6", "8.0", D(100)) == [20]
    assert A.implied_weights("95", "90", "9.5", D(100)) == [10]
    assert A.implied_weights("12009", "602", "4.0", D(100)) == [79, 80]  # a small ratio: several weights
    assert A.implied_weights("56", "1", "8.0", D(100)) == []  # 448 points: no weight of a table
    assert A.implied_weights("15", "6", "0", D(100)) == [] and A.implied_weights("0", "6", "8.0", D(100)) == []
    # every cut of a bare run into target | actual | score that some whole weight scores so
    assert A.proportioned_cuts("1568.0", D(100)) == [("15", "6", "8.0", (20,))]
    assert A.proportioned_cuts("504527.0", D(100)) == [("50", "45", "27.0", (30,)), ("504", "52", "7.0", (68,))]


def test_proportioned_cuts_fit_where_scores_and_implied_weights_both_add_up() -> None:
    rows = [[("50", "45", "27.0", (30,)), ("504", "52", "7.0", (68,))], [("95", "90", "9.5", (10,))]]
    assert A.proportioned_fits(rows, D("36.5"), 40) == [(rows[0][0], rows[1][0])]
    assert A.proportioned_fits(rows, D("16.5"), 40) == []  # the scores add up, the weights (78) do not
    assert A.proportioned_fits(rows, D("16.5"), 78) == [(rows[0][1], rows[1][0])]
    assert A.proportioned_fits(rows, D("36.5"), 40, most=1) is None  # too many choices to try


def test_a_target_written_as_a_rating_scale_has_one_of_its_words_as_the_actual() -> None:
    # the scale: three of the layouts' grade words at least, each once; the actual one of them
    assert A._graded("管理制度健全性优良中差良") == [("管理制度健全性", "优良中差", "良", 3)]
    assert A._graded("制度集中优良中差优") == [("制度集中", "优良中差", "优", 3)]  # 中 twice: the name's
    assert A._graded("健全性优良优") == []  # two words are no scale
    assert A._graded("健全性优良中差好") == [] and A._graded("优良中差中") == []  # no grade after it; no name


def test_a_fund_runs_execution_weight_is_confirmed_by_its_score() -> None:
    # 50 | 49 | 10 | 98 % | 9.8: the figures before the rate end in 10 and a rate, and 9.8 = 10 × 98 %
    assert A.execution_weight_confirmed("50491098%9.8", D(10)) is True
    assert A.execution_weight_confirmed("50491098%9.8", D(20)) is False  # no 20 before a rate 9.8 confirms
    assert A.execution_weight_confirmed("50491098%", D(10)) is False  # no score: nothing confirms it
    assert A.execution_weight_confirmed("202010100%10", D(10)) is True  # full marks from 100 %


def test_a_name_never_ends_in_an_operator_nor_in_one_and_a_figure() -> None:
    # …标准×12 is a formula written as the target, not a name 〈…标准×〉 and a target 12
    assert A._name_like("补贴发放标准") is True
    assert A._name_like("补贴发放标准=某县月人均标准×") is False
    assert A._name_like("补贴发放标准=某县月人均标准×1") is False  # the formula's figure cut short
    assert A._name_like("补贴标准(元÷人)") is True


def test_a_date_written_with_a_point_then_a_rate_run_together() -> None:
    """``2021.12100%``: a year and month with a point (the month 12, one or two figures of 1–12)
    and the actual 100 % after it, not one target ``2021.12100%``; a month of one figure where two
    would leave a leading nought (``2021.1100%``: 2021.1 | 100%)."""
    cut = A.indicator_row("项目完成时间2021.12100%1010", _ROW, _never)
    assert cut == A.RowCut("项目完成时间", ["2021.12", "100%", "10", "10", None])
    cut = A.indicator_row("项目完成时间2021.1100%1010", _ROW, _never)
    assert cut == A.RowCut("项目完成时间", ["2021.1", "100%", "10", "10", None])
