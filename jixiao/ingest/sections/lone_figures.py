"""Rows of text with one figure where the header has both 分值 and 得分: weights, or scores?

With the empty cells gone, ``指标1:培训 | 已完成 | 已完成 | 5`` may be a weight with its score
blank or a score with its weight blank.  The table's arithmetic decides for all its rows at once:
weights add up to the table's points (100, or 100 less the execution line's weight — the points
the 一级 labels declare, when they do); scores add up, with the execution score, to the stated
total.  When neither holds (a table cut at the top sums to neither) the figures stay as read.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest import labels as L
from jixiao.ingest.table import Table
from jixiao.model.evaluation import Indicator
from jixiao.model.vocabulary import declared_points

_HUNDRED = Decimal(100)


def _lone(rows: list[Indicator]) -> list[int]:
    """Rows whose only figure stands as the weight (read from text, no score beside it)."""
    return [k for k, r in enumerate(rows) if r.weight is not None and r.score is None]


def _points(rows: list[Indicator], execution_weight: Decimal | None) -> set[Decimal]:
    """The sums a table's weights may have: 100, 100 less the execution weight, the 一级 labels' points."""
    out = {_HUNDRED}
    if execution_weight is not None:
        out.add(_HUNDRED - execution_weight)
    declared = {r.level1: declared_points(r.level1) for r in rows if r.level1}
    if declared and all(p is not None for p in declared.values()):
        out.add(sum((p for p in declared.values() if p is not None), Decimal(0)))
    return out


def settle(
    t: Table,
    rows: list[Indicator],
    columns: list[L.Column],
    figures: tuple[Decimal | None, Decimal | None, Decimal | None],
) -> list[Indicator]:
    """``figures``: the execution line's weight and score, the stated total."""
    execution_weight, execution_score, total = figures
    lone = _lone(rows)
    text = all(r.provenance.get("weight") is None or r.provenance["weight"].column is None for r in rows)
    if not lone or not text or L.Column.WEIGHT not in columns or L.Column.SCORE not in columns:
        return rows
    if any(r.weight is not None and r.score is not None for r in rows):
        return rows  # the table states both somewhere: its columns are not in doubt
    weights = sum((w for k in lone if (w := rows[k].weight) is not None), Decimal(0))
    if weights in _points(rows, execution_weight):
        return rows
    out = list(rows)
    if total is not None and weights + (execution_score or Decimal(0)) == total:
        for k in lone:
            out[k] = out[k].model_copy(update={"weight": None, "score": rows[k].weight})
        return out
    return rows  # neither sum holds (a table cut at the top, say): the figures stay as read
