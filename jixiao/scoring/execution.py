"""Budget execution: rate r = 全年执行数 ÷ 全年预算数, score = weight × r (capped by the rule set)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.evaluation import Evaluation
from jixiao.rules.ruleset import Denominator, RuleSet
from jixiao.scoring.numbers import agrees, quantize, rate_agrees
from jixiao.scoring.results import ExecutionResult

_DENOMINATOR_LABEL = {
    Denominator.ADJUSTED: "全年预算数",
    Denominator.INITIAL: "年初预算数",
    Denominator.ALLOCATED: "到位资金",
}


def execution_weight(ev: Evaluation, rs: RuleSet) -> Decimal:
    """The table's own execution weight when it states one (some use 20), else the rule set's."""
    return ev.execution_weight if ev.execution_weight is not None else rs.weights.execution


def _denominator(ev: Evaluation, rs: RuleSet) -> tuple[Decimal | None, str]:
    funds = ev.funds
    if funds is None:
        return None, ""
    kind = rs.execution.denominator
    value = {
        Denominator.ADJUSTED: funds.adjusted_budget,
        Denominator.INITIAL: funds.initial_budget,
        Denominator.ALLOCATED: funds.allocated,
    }[kind]
    label = _DENOMINATOR_LABEL[kind]
    if value is None and kind is not Denominator.INITIAL and funds.initial_budget is not None:
        return funds.initial_budget, f"{label}未填，以年初预算数计算"
    return value, label


def score_execution(ev: Evaluation, rs: RuleSet) -> ExecutionResult:
    weight = execution_weight(ev, rs)
    denominator, label = _denominator(ev, rs)
    executed = ev.funds.executed if ev.funds else None
    if executed is None or denominator is None:
        missing = "全年执行数" if executed is None else label or "预算数"
        return ExecutionResult(None, weight, None, None, f"无法计算执行率：未填写{missing}")
    if denominator == 0:
        return ExecutionResult(None, weight, None, None, f"无法计算执行率：{label}为 0")
    rate = executed / denominator
    if weight == 0:  # the rate is still a fact the review and the summaries use
        return ExecutionResult(rate, weight, None, None, "本规则集不设预算执行率计分", executed, denominator)
    capped = rate > 1 and rs.execution.cap_at_weight
    exact = weight if capped else weight * rate
    digits, mode = rs.rounding.digits, rs.rounding.mode
    stated_rate, stated_score = ev.execution_rate_stated, ev.execution_score_stated
    return ExecutionResult(
        rate, weight, quantize(exact, digits, mode), exact,
        note="" if label in _DENOMINATOR_LABEL.values() else label,
        executed=executed, denominator=denominator, capped=capped,
        rate_agrees=None if stated_rate is None else rate_agrees(stated_rate, rate, mode),
        score_agrees=None if stated_score is None else agrees(stated_score, exact, digits, mode),
    )  # fmt: skip
