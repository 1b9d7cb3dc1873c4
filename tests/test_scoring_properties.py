"""Properties every rule set must keep, whatever the figures (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao import rules, scoring
from jixiao.model.evaluation import Evaluation, Funds, Indicator
from jixiao.rules.ruleset import RoundingMode
from jixiao.scoring.numbers import quantize

RULE_SETS = [rules.get(n) for n in rules.available()]
amounts = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False, allow_infinity=False)
positive = st.decimals(min_value=Decimal("0.01"), max_value=100_000, places=2, allow_nan=False, allow_infinity=False)
weights = st.decimals(min_value=Decimal("0.5"), max_value=30, places=1, allow_nan=False, allow_infinity=False)
signs = st.sampled_from(["≥", "≤", "=", ">", "<", ""])
units = st.sampled_from(["人", "万人", "%", "万元", "元", "次", ""])
actual_units = st.sampled_from(["人", "%", "元", "万元", ""])
qualitative = st.sampled_from(["长期", "提高", "有效", "显著提升", "部分达成", "未完成", "达成预期指标"])


@st.composite
def indicators(draw: st.DrawFn) -> Indicator:
    weight = draw(weights)
    if draw(st.booleans()):
        target = f"{draw(signs)}{draw(positive)}{draw(units)}"
        actual = f"{draw(amounts)}{draw(actual_units)}"
    else:
        target = draw(qualitative)
        actual = draw(st.one_of(qualitative, st.builds(lambda d: f"{d}%", amounts)))
    score = draw(st.one_of(st.none(), st.decimals(min_value=0, max_value=40, places=2)))
    return Indicator(
        level1="产出指标", level2="数量指标", name="x", target=target, actual=actual, weight=weight, score=score
    )


@st.composite
def evaluations(draw: st.DrawFn) -> Evaluation:
    budget = draw(positive)
    return Evaluation(
        funds=Funds(adjusted_budget=budget, allocated=budget, executed=draw(amounts)),
        indicators=draw(st.lists(indicators(), min_size=1, max_size=15)),
    )


@settings(max_examples=300, deadline=None)
@given(evaluations(), st.sampled_from(RULE_SETS))
def test_every_row_lies_between_zero_and_its_weight(ev: Evaluation, rs: rules.RuleSet) -> None:
    result = scoring.score(ev, rs)
    for ind, row in zip(ev.indicators, result.rows, strict=True):
        if row.computed is not None:
            assert ind.weight is not None
            assert 0 <= row.computed <= ind.weight


@settings(max_examples=300, deadline=None)
@given(evaluations(), st.sampled_from(RULE_SETS))
def test_total_is_execution_plus_rows(ev: Evaluation, rs: rules.RuleSet) -> None:
    result = scoring.score(ev, rs)
    if result.total is None:
        assert result.uncomputed_rows or result.execution.score is None
        return
    rows = sum((r.computed for r in result.rows if r.computed is not None), Decimal(0))
    assert result.total == (result.execution.score or Decimal(0)) + rows


@given(st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False, allow_infinity=False))
def test_half_up_rounding_never_rounds_half_to_even(value: Decimal) -> None:
    rounded = quantize(value, 2)
    assert abs(rounded - value) <= Decimal("0.005")
    if value.as_tuple().digits[-1:] == (5,) and -value.as_tuple().exponent == 3:  # type: ignore[operator]
        assert rounded > value


def test_half_up_hand_examples() -> None:
    assert [quantize(Decimal(x), 2) for x in ("2.675", "2.665", "0.125", "7.7333", "4.93766")] == [
        Decimal("2.68"),
        Decimal("2.67"),
        Decimal("0.13"),
        Decimal("7.73"),
        Decimal("4.94"),
    ]
    assert quantize(Decimal("4.93766"), 2, RoundingMode.TRUNCATE) == Decimal("4.93")


@settings(max_examples=300, deadline=None)
@given(positive, positive, weights)
def test_ge_and_le_mirror_each_other(a: Decimal, b: Decimal, w: Decimal) -> None:
    """Swapping target and actual turns a ≥ row into the matching ≤ row (ratio rule)."""
    rs = rules.get("national-2020")

    def one(target: str, actual: str) -> Decimal | None:
        ev = Evaluation(indicators=[Indicator(target=target, actual=actual, weight=w)])
        return scoring.score(ev, rs).rows[0].computed

    assert one(f"≥{a}人", f"{b}人") == one(f"≤{b}人", f"{a}人")
