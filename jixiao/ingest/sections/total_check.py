"""A 总分 row with one figure in text: the stated total, or the sum of the weights?

Where the grid is gone, ``总分 | 100`` may be the 分值 column's sum with the 得分 cell left blank,
or the score with the 分值 cell blank.  The table's own arithmetic tells them apart: a figure
equal to the weights' sum (execution weight included) and not to the scores' is the weight sum
— no total is stated; one equal to both cannot be told apart and is a doubt, left empty; any
other figure is the stated total (the review compares it with the computed one) — but for a
table of no indicator rows (cut before them, or a form not filled in): its 总分 row's lone figure
equal to a table's full points (the 100 a form prints under 分值) is no score the table can add up
to, unless the execution line's score is that figure; left empty with a doubt.  Rows with
neither a weight nor a score (``其中…`` parts of a row above) take no part in either sum.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest import messages
from jixiao.ingest.table import Table
from jixiao.model.evaluation import Doubt, Indicator


def _sum(first: Decimal | None, figures: list[Decimal | None]) -> Decimal | None:
    """The execution's figure plus the rows' (None where a row lacks its figure); a table of no rows
    with figures (cut before its indicators) sums to the execution's alone."""
    if not figures:
        return first
    if any(f is None for f in figures):
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
    if execution_weight is None and execution_score is None and t.indicator_header() is None:
        return _execution_unseen(t, total, indicators)
    figured = [i for i in indicators if i.weight is not None or i.score is not None]  # (其中 rows: none)
    if not indicators and total == t.settings.weight_max and total != execution_score:
        _doubt(t, total, messages.lone_total_points(total))  # the form's printed 100, no row to score
        return None
    weights = _sum(execution_weight, [i.weight for i in figured])
    scores = _sum(execution_score, [i.score for i in figured])
    if weights != total:
        return total
    if scores != total:
        return None  # the weights' sum under 分值, the 得分 cell blank
    _doubt(t, total)
    return None


def _execution_unseen(t: Table, total: Decimal, indicators: list[Indicator]) -> Decimal | None:
    """A table cut above its rows has lost its execution line: the lone figure is the weights' sum
    where it leaves room for an execution weight (within a table's points), the total where the
    scores leave room for an execution score within the weights' room; both, a doubt.  Rows of
    weights alone state no total score; rows with a figure missing check nothing (kept as read)."""
    figured = [i for i in indicators if i.weight is not None or i.score is not None]
    if not figured or any(i.weight is None for i in figured):
        return total
    weights = sum((i.weight for i in figured if i.weight is not None), Decimal(0))
    as_weight_sum = weights <= total <= t.settings.weight_max
    if all(i.score is None for i in figured):
        return None if as_weight_sum else total  # rows of weights alone: no total score is stated
    if any(i.score is None for i in figured):
        return total
    scores = sum((i.score for i in figured if i.score is not None), Decimal(0))
    as_total = scores <= total and total - scores <= t.settings.weight_max - weights
    if not as_weight_sum:
        return total  # the total (or a figure neither sum explains, stated as it is)
    if as_total:
        _doubt(t, total)
    return None


def _doubt(t: Table, total: Decimal, reason: str | None = None) -> None:
    t.doubts.append(
        Doubt(
            field="total_score_stated",
            reading=None,
            alternatives=messages.total_readings(total),
            reason=reason or messages.lone_total(total),
            location=t.provenance.get("total_score_stated"),
        )
    )
