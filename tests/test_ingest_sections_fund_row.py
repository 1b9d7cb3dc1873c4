"""A funds row's figures matched to its header (jixiao.ingest.sections.fund_row)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest.labels import FundColumn as F
from jixiao.ingest.sections.fund_row import assign_fund_row

FULL = [F.INITIAL, F.ADJUSTED, F.EXECUTED, F.WEIGHT, F.RATE, F.SCORE]


def test_as_many_figures_as_columns() -> None:
    got = assign_fund_row(["10", "9", "10", "90%", "9"], [F.ADJUSTED, F.EXECUTED, F.WEIGHT, F.RATE, F.SCORE])
    assert got == {
        F.ADJUSTED: Decimal("10"),
        F.EXECUTED: Decimal("9"),
        F.WEIGHT: Decimal("10"),
        F.RATE: Decimal("0.9"),
        F.SCORE: Decimal("9"),
    }


def test_the_rate_fixes_where_the_figures_go_missing_amounts_are_the_leading_ones() -> None:
    assert assign_fund_row(["9", "90%", "9"], FULL) == {
        F.EXECUTED: Decimal("9"),
        F.RATE: Decimal("0.9"),
        F.SCORE: Decimal("9"),
    }


def test_a_lone_figure_before_the_rate_is_the_weight_when_the_score_is_weight_times_rate() -> None:
    """``10 79.27% 7.93`` under 年初 | 全年 | 执行 | 分值 | 执行率 | 得分: 10 × 79.27 % = 7.93, so 10 is
    the 分值 (no amount is written); where the score says nothing of it, the figure stays an amount."""
    assert assign_fund_row(["10", "79.27%", "7.93"], FULL) == {
        F.WEIGHT: Decimal("10"),
        F.RATE: Decimal("0.7927"),
        F.SCORE: Decimal("7.93"),
    }
    assert assign_fund_row(["10", "79.27%", "9"], FULL)[F.EXECUTED] == Decimal("10")
    assert F.WEIGHT not in assign_fund_row(["10", "79.27%", "7.93"], [F.ADJUSTED, F.EXECUTED, F.RATE, F.SCORE])


def test_without_a_rate_the_amounts_come_first() -> None:
    assert assign_fund_row(["5", "4"], [F.INITIAL, F.ADJUSTED, F.EXECUTED]) == {
        F.ADJUSTED: Decimal("5"),
        F.EXECUTED: Decimal("4"),
    }
    assert assign_fund_row(["5", "4", "10", "8"], []) == {
        F.ADJUSTED: Decimal("5"),
        F.EXECUTED: Decimal("4"),
        F.WEIGHT: Decimal("10"),
        F.SCORE: Decimal("8"),
    }


def test_a_whole_number_after_amounts_with_decimals_is_no_amount() -> None:
    """``2.38 2.38 20``: a form writes its amounts alike, so ``20`` is a 分值 or 得分 and the two
    amounts are the last two; which of 分值 and 得分 it is the row does not say — a doubt, no figure."""
    told: list[tuple[str, list[str]]] = []
    got = assign_fund_row(["2.38", "2.38", "20"], FULL, lambda run, readings: told.append((run, readings)))
    assert got == {F.ADJUSTED: Decimal("2.38"), F.EXECUTED: Decimal("2.38")}
    assert told == [("2.38 2.38 20", ["分值 20", "得分 20"])]
    only_score = [F.INITIAL, F.ADJUSTED, F.EXECUTED, F.SCORE]
    assert assign_fund_row(["2.38", "2.38", "20"], only_score)[F.SCORE] == Decimal("20")
    assert assign_fund_row(["5.00", "4.00", "10", "8"], FULL) == {
        F.ADJUSTED: Decimal("5.00"),
        F.EXECUTED: Decimal("4.00"),
        F.WEIGHT: Decimal("10"),
        F.SCORE: Decimal("8"),
    }
    assert assign_fund_row(["2", "2", "20"], FULL)[F.EXECUTED] == Decimal("20")  # written alike: amounts


def test_a_whole_sum_spent_within_the_budget_beside_decimals_stays_an_amount() -> None:
    """``12.50 12.50 10`` (年初预算数, 全年预算数, 10 spent): read all as amounts the row spends within
    its budget, so the whole number is the 执行数, not a 分值 or 得分 — as before the rule above."""
    told: list[tuple[str, list[str]]] = []
    got = assign_fund_row(["12.50", "12.50", "10"], FULL, lambda run, readings: told.append((run, readings)))
    assert got == {F.INITIAL: Decimal("12.50"), F.ADJUSTED: Decimal("12.50"), F.EXECUTED: Decimal("10")}
    assert told == []
    assert assign_fund_row(["86.5", "80"], FULL) == {F.ADJUSTED: Decimal("86.5"), F.EXECUTED: Decimal("80")}


def test_figures_run_together_are_cut_where_the_arithmetic_holds() -> None:
    told: list[tuple[str, list[str]]] = []
    got = assign_fund_row(
        ["86000.0086000.0085120.001098.98%9.9"], FULL, lambda run, readings: told.append((run, readings))
    )
    assert got == {
        F.INITIAL: Decimal("86000.00"),
        F.ADJUSTED: Decimal("86000.00"),
        F.EXECUTED: Decimal("85120.00"),
        F.WEIGHT: Decimal("10"),
        F.RATE: Decimal("0.9898"),
        F.SCORE: Decimal("9.9"),
    }
    assert told == []


def test_a_run_only_zeros_confirm_is_a_doubt_and_no_figure() -> None:
    """``111100.00%`` under 全年预算数 | 全年执行数 | 执行率: nothing spent at 0.00 % holds for every
    budget, so it confirms no cut; 1111 | 0 | 0.00 and 11110 | 0.0 | 0 are then equally good."""
    told: list[tuple[str, list[str]]] = []
    got = assign_fund_row(["111100.00%"], [F.ADJUSTED, F.EXECUTED, F.RATE], lambda r, rs: told.append((r, rs)))
    assert got == {F.EXECUTED: None}
    assert [run for run, _ in told] == ["111100.00%"]
    assert told[0][1][:2] == [
        "全年预算数 1111 | 全年执行数 0 | 执行率(%) 0.00",
        "全年预算数 11110 | 全年执行数 0.0 | 执行率(%) 0",
    ]  # and the readings leaving a column blank (全年执行数 111 | 100.00 %), no better


def test_a_rate_the_amounts_confirm_wins_over_zero_readings() -> None:
    """``202010100.00%``: 20 | 20 | 10 | 100.00 % (20 ÷ 20) against readings that spent nothing,
    which the rate does not confirm; the 得分 after the rate is not in the run."""
    told: list[tuple[str, list[str]]] = []
    got = assign_fund_row(
        ["202010100.00%"], [F.ADJUSTED, F.EXECUTED, F.WEIGHT, F.RATE, F.SCORE], lambda r, rs: told.append((r, rs))
    )
    assert got == {
        F.ADJUSTED: Decimal(20), F.EXECUTED: Decimal(20), F.WEIGHT: Decimal(10), F.RATE: Decimal("1.00"), F.SCORE: None
    }  # fmt: skip
    assert told == []


def test_the_figure_before_the_rate_is_the_weight_up_to_the_settings_points() -> None:
    """Five figures under six columns: the one before the rate is the 分值 while it is no more than a
    table's points (``Settings.points_max``); past them it is the last amount."""
    from jixiao.ingest.settings import Settings

    values: list[str | None] = ["10", "9", "20", "90%", "18"]
    assert assign_fund_row(values, FULL) == {
        F.ADJUSTED: Decimal(10), F.EXECUTED: Decimal(9), F.WEIGHT: Decimal(20), F.RATE: Decimal("0.9"),
        F.SCORE: Decimal(18),
    }  # fmt: skip
    assert assign_fund_row(values, FULL, settings=Settings(points_max=15)) == {
        F.INITIAL: Decimal(10), F.ADJUSTED: Decimal(9), F.EXECUTED: Decimal(20), F.RATE: Decimal("0.9"),
        F.SCORE: Decimal(18),
    }  # fmt: skip


def test_a_row_leaving_its_leading_budget_blank_is_cut_with_that_column_empty() -> None:
    """``404010100%10``: no 年初预算数; 40 | 40 | 10 | 100 % | 10 (40 ÷ 40) against 4 | 0 | 40 …,
    which spends against a budget of nought.  The lone budget is the 全年预算数 (the rate's divisor)."""
    assert assign_fund_row(["404010100%10"], FULL) == {
        F.INITIAL: None, F.ADJUSTED: Decimal(40), F.EXECUTED: Decimal(40), F.WEIGHT: Decimal(10),
        F.RATE: Decimal("1"), F.SCORE: Decimal(10),
    }  # fmt: skip
    assert assign_fund_row(["3500.413500.41100%"], FULL) == {
        F.INITIAL: None, F.ADJUSTED: Decimal("3500.41"), F.EXECUTED: Decimal("3500.41"), F.WEIGHT: None,
        F.RATE: Decimal("1"), F.SCORE: None,
    }  # fmt: skip


def test_a_close_call_keeps_the_figures_every_reading_gives() -> None:
    """``7777100%`` under 年初预算数 | 全年预算数 | 全年执行数 | 执行率: 77 | 7 | 7 and — 77 | 77 both
    hold; the rate they give alike stands, the amounts are a doubt told, not a guess."""
    told: list[tuple[str, list[str]]] = []
    header = [F.INITIAL, F.ADJUSTED, F.EXECUTED, F.RATE]
    got = assign_fund_row(["7777100%"], header, lambda r, rs: told.append((r, rs)))
    assert got == {F.INITIAL: None, F.ADJUSTED: None, F.EXECUTED: None, F.RATE: Decimal(1)}
    assert told == [("7777100%", ["年初预算数 77 | 全年预算数 7 | 全年执行数 7 | 执行率(%) 100",
                                  "全年预算数 77 | 全年执行数 77 | 执行率(%) 100"])]  # fmt: skip
    assert assign_fund_row(["1085%8.5"], FULL) == {
        F.INITIAL: None, F.ADJUSTED: None, F.EXECUTED: None, F.WEIGHT: Decimal(10), F.RATE: Decimal("0.85"),
        F.SCORE: Decimal("8.5"),
    }  # fmt: skip


def test_cuts_the_form_cannot_hold_are_no_readings() -> None:
    from jixiao.ingest import arithmetic as A

    D = Decimal
    rate = A.rate_is_executed_over_budget(["a", "b"], "x", "p")
    assert rate({"a": D(0), "x": D(5), "p": D(100)}) is False  # spending against a budget of nought
    assert rate({"a": D(200), "x": D(100), "p": D(50)}) is True  # 全年预算数 blank: against 年初预算数
    assert rate({"a": D(2000), "x": D("1157.97"), "p": D("57.89")}) is True  # cut short, not rounded
    implied = A.implied_weight_at_most("p", "s", D(100))
    assert implied({"p": D(1), "s": D(9)}) is False  # 9 points at 1 % needs a weight of 900
    assert implied({"p": D(80), "s": D(8)}) is True
    assert A.decimals_at_most("a", 4)({"a": D("664.62387")}) is False
    assert A.agreed([{"w": D(10), "a": D(1)}, {"w": D(10), "a": D(2)}]) == {"w": D(10)}


def test_whole_numbers_run_together_with_no_rate_are_cut_where_the_score_confirms_it() -> None:
    """``6006006001515``: 600 | 600 | 600 | 15 | 15 — 15 × 600 ÷ 600 = 15, and no other cut earns its
    score so (full marks for over-spending, or a score of 0, confirm nothing); the rate stays empty.
    ``30302020`` is confirmed by no cut alone (30 | 30 | 20 | 20 or 3030 | … ) and stays as it is."""
    assert assign_fund_row(["6006006001515"], FULL) == {
        F.INITIAL: Decimal(600), F.ADJUSTED: Decimal(600), F.EXECUTED: Decimal(600), F.WEIGHT: Decimal(15),
        F.RATE: None, F.SCORE: Decimal(15),
    }  # fmt: skip
    from jixiao.ingest import arithmetic as A

    spent = A.score_is_weight_times_spent("w", ["a"], "x", "s")
    assert spent({"a": Decimal(200), "x": Decimal(150), "w": Decimal(10), "s": Decimal("7.5")}) is True
    assert spent({"a": Decimal(20), "x": Decimal(150), "w": Decimal(10), "s": Decimal(10)}) is None
    assert spent({"a": Decimal(2000), "x": Decimal(1), "w": Decimal(10), "s": Decimal(0)}) is None
