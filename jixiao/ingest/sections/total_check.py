"""A 总分 row with one figure in text: the stated total, or the sum of the weights?

Where the grid is gone, ``总分 | 100`` may be the 分值 column's sum with the 得分 cell left blank,
or the score with the 分值 cell blank.  The table's own arithmetic tells them apart: a figure
equal to the weights' sum (execution weight included) and not to the scores' is the weight sum
— no total is stated; one equal to both cannot be told apart and is a doubt, left empty; any
other figure is the stated total (the review compares it with the computed one).
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest import messages
from jixiao.ingest.table import Table
from jixiao.model.evaluation import Doubt, Indicator


def _sum(first: Decimal | None, figures: list[Decimal | None]) -> Decimal | None:
    if not figures or any(f is None for f in figures):
        return None
    return sum((f for f in figures if f is not None), first or Decimal(0))


def settle(
    t: Table,
    total: Decimal | None,
    indicators: list[Indicator],
    execution_weight: Decimal | None,
    execution_score: Decimal | None,
) -> Decimal | None:
    """The stated total, with a lone 总分 figure checked against the sums of weights and scores."""
    if total is None or t.lone_total is None or total != t.lone_total:
        return total
    weights = _sum(execution_weight, [i.weight for i in indicators])
    scores = _sum(execution_score, [i.score for i in indicators])
    if weights != total:
        return total
    if scores != total:
        return None  # the weights' sum under 分值, the 得分 cell blank
    t.doubts.append(
        Doubt(
            field="total_score_stated",
            reading=None,
            alternatives=messages.total_readings(total),
            reason=messages.lone_total(total),
            location=t.provenance.get("total_score_stated"),
        )
    )
    return None
