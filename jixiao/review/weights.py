"""Weights a table does not state but its layout or its scores reveal.

Some forms have no 分值 column (corpus 031: scores 8.0, 7.3, 31.9 …; 区域 forms scoring the
execution block 20).  When every score is w × completion for a round w, that w is the weight
the unit used — and a score above it is then a score over its weight.  Only a table with no
weight at all is read this way; a stated weight is never replaced.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.evaluation import Evaluation, Indicator
from jixiao.rules.ruleset import RuleSet
from jixiao.scoring.indicators import assess
from jixiao.scoring.numbers import agrees

_ZERO = Decimal(0)
_HUNDRED = Decimal(100)
# multiples of 5 first (the weights forms use), then any whole number up to 100
_CANDIDATES = tuple(sorted(range(1, 101), key=lambda w: (w % 5 != 0, w)))


def implied_weight(score: Decimal, completion: Decimal, rs: RuleSet) -> Decimal | None:
    """The round weight w with score = w × completion at the digits the score shows."""
    for w in _CANDIDATES:
        exact = Decimal(w) * completion
        if agrees(score, exact, rs.rounding.digits, rs.rounding.mode):
            return Decimal(w)
    return None


def _without_execution_line(ev: Evaluation) -> bool:
    """No execution item at all and indicator weights of 100: the table scores no execution
    (corpus 030), so the rule set's 10 points must not be added."""
    if ev.execution_weight is not None or ev.execution_score_stated is not None:
        return False
    if ev.execution_rate_stated is not None:
        return False
    weights = [ind.weight for ind in ev.indicators if ind.weight is not None]
    return bool(weights) and sum(weights, Decimal(0)) == 100


def with_implied_weights(ev: Evaluation, rs: RuleSet) -> tuple[Evaluation, frozenset[int]]:
    """A copy with the weights the table implies, and the rows whose weight was filled."""
    if _without_execution_line(ev):
        return ev.model_copy(update={"execution_weight": Decimal(0)}), frozenset()
    if "weight" in ev.columns or any(ind.weight is not None for ind in ev.indicators):
        return ev, frozenset()
    if not any(ind.score is not None for ind in ev.indicators):
        return ev, frozenset()
    indicators, implied = list(ev.indicators), set()
    for i, ind in enumerate(ev.indicators):
        if ind.score is None or ind.not_applicable:
            continue
        completion = assess(ind, rs).completion
        w = None
        if completion is not None and completion >= 1:
            w = implied_weight(ind.score, Decimal(1), rs)  # met or over-achieved, scored in full
        if w is None and completion is not None:
            w = implied_weight(ind.score, completion, rs)  # by its completion, even past 100% (corpus 031)
        if w is not None:
            indicators[i] = ind.model_copy(update={"weight": w})
            implied.add(i)
    update: dict[str, object] = {"indicators": indicators}
    funds = ev.funds
    if ev.execution_weight is None and ev.execution_score_stated is not None and funds and funds.executed is not None:
        budget = funds.adjusted_budget if funds.adjusted_budget is not None else funds.initial_budget
        if budget:
            w = implied_weight(ev.execution_score_stated, min(funds.executed / budget, Decimal(1)), rs)
            if w is not None:
                update["execution_weight"] = w
    execution = update.get("execution_weight", ev.execution_weight)
    if not ev.truncated and isinstance(execution, Decimal):
        _remainder(indicators, implied, execution)
    return ev.model_copy(update=update), frozenset(implied)


def _remainder(indicators: list[Indicator], implied: set[int], execution: Decimal) -> None:
    """The one scored row no round weight fits takes what the others leave of the 100 points.

    Corpus2 112: execution 20, rows implied 10, 10, 20, 20 and one row scored 19.6 against a
    met target — no w gives w × 100% = 19.6, but 100 − 20 − 60 leaves it 20: a row scored
    below full.  Only one unknown, on a complete table, is filled; never more than it can hold.
    """
    open_rows = [i for i, ind in enumerate(indicators) if i not in implied and ind.score is not None
                 and not ind.not_applicable]  # fmt: skip
    if len(open_rows) != 1 or not implied:
        return
    (i,) = open_rows
    rest = _HUNDRED - execution - sum((indicators[k].weight or _ZERO for k in implied), _ZERO)
    score = indicators[i].score
    if score is not None and rest >= score and rest > 0 and rest == rest.to_integral_value():
        indicators[i] = indicators[i].model_copy(update={"weight": rest})
        implied.add(i)
