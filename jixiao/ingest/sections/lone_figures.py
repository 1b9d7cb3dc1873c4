"""Rows of text with one figure where the header has both 分值 and 得分: weights, or scores?

With the empty cells gone, ``指标1:培训 | 已完成 | 已完成 | 5`` may be a weight with its score
blank or a score with its weight blank.  The table's arithmetic decides for all its rows at once:
weights add up to the table's points (100, or 100 less the execution line's weight — the points
the 一级 labels declare, when they do); scores add up, with the execution score, to the stated
total.  A lone 总分 figure equal to their sum fits both readings (weights and their sum, or
scores and the total): a doubt, rows and total left empty; equal to the weights' sum alone, the
figures are weights and the 总分 figure their sum.  When neither sum holds and the table states a
total, the figures are a doubt, left empty; with no total to check by (a table cut at the top) they
stay as read.  Lone figures beside rows stating both are scores where only the scores reading
fits the sums those rows leave (the 分值合计 or the points, and the total); else as read.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest import labels as L
from jixiao.ingest import messages
from jixiao.ingest.table import Table
from jixiao.model.evaluation import Doubt, Indicator
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


def targets_only(rows: list[Indicator]) -> list[Indicator]:
    """A table of text whose rows state targets and no weight or score: a row whose one figure
    was read as its weight (``覆盖率 | 0.8``) states its target, as every other row does."""
    text = all(r.provenance.get("weight") is None or r.provenance["weight"].column is None for r in rows)
    lone = [k for k, r in enumerate(rows) if r.weight is not None and r.target is None and r.actual is None
            and r.score is None]  # fmt: skip
    others = [r for k, r in enumerate(rows) if k not in lone]
    if not text or not lone or len(others) < _TARGETS_ONLY_ROWS:
        return rows
    if not all(r.target is not None and r.weight is None and r.score is None for r in others):
        return rows
    out = list(rows)
    for k in lone:
        r = rows[k]
        prov = {("target" if f == "weight" else f): v for f, v in r.provenance.items()}
        out[k] = r.model_copy(update={"target": str(r.weight), "weight": None, "provenance": prov})
    return out


_TARGETS_ONLY_ROWS = 2
"""Rows stating a target and no figure that a table needs to be read as targets only."""


def _in_doubt(t: Table, rows: list[Indicator], lone: list[int], columns: list[L.Column]) -> bool:
    """Rows of text (or of a grid with no header: its columns say nothing) with lone figures
    under both 分值 and 得分, and no row stating both."""
    text = not t.header_columns or all(
        r.provenance.get("weight") is None or r.provenance["weight"].column is None for r in rows
    )
    if not lone or not text or L.Column.WEIGHT not in columns or L.Column.SCORE not in columns:
        return False
    return not any(r.weight is not None and r.score is not None for r in rows)


def _beside_full_rows(t: Table, rows: list[Indicator], lone: list[int], columns: list[L.Column]) -> bool:
    """Rows of text with lone figures under both 分值 and 得分 beside rows stating both."""
    text = not t.header_columns or all(
        r.provenance.get("weight") is None or r.provenance["weight"].column is None for r in rows
    )
    if not lone or not text or L.Column.WEIGHT not in columns or L.Column.SCORE not in columns:
        return False
    return any(r.weight is not None and r.score is not None for r in rows)


def _mixed(
    t: Table, rows: list[Indicator], lone: list[int], figures: tuple[Decimal | None, Decimal | None, Decimal | None]
) -> list[Indicator]:
    """Lone figures beside rows stating both: weights (as read) or scores, by the sums the rows
    stating both leave — the weights adding up to the table's points (or the 分值合计 stated beside
    the total), the scores with the execution score to the stated total.  Only the scores reading
    fits: they are scores; else as read (both cannot fit: the lone figures would add to nothing)."""
    execution_weight, execution_score, total = figures
    full = [r for k, r in enumerate(rows) if k not in lone]
    weights = sum((r.weight for r in full if r.weight is not None), Decimal(0))
    scores = sum((r.score for r in full if r.score is not None), Decimal(0))
    extra = sum((w for k in lone if (w := rows[k].weight) is not None), Decimal(0))

    def weights_fit(w: Decimal) -> bool:
        if t.weight_sum is not None:
            return w + (execution_weight or Decimal(0)) == t.weight_sum
        return w in _points(rows, execution_weight)

    def scores_fit(sc: Decimal) -> bool:
        return total is not None and sc + (execution_score or Decimal(0)) == total

    as_weights = weights_fit(weights + extra) and (total is None or scores_fit(scores))
    as_scores = weights_fit(weights) and scores_fit(scores + extra)
    return _as_scores(rows, lone) if as_scores and not as_weights else rows


def _only_scores(t: Table, figures: Decimal, total: Decimal) -> bool:
    """Can the lone figures be scores only: more than the 分值合计 stated beside the total (or than
    any table's points), no more than the total?"""
    over = t.weight_sum is not None and figures > t.weight_sum
    return (over or figures > t.settings.weight_max) and figures <= total


def _readings(
    t: Table, figures: Decimal, total: Decimal, execution_weight: Decimal | None, execution_score: Decimal | None
) -> tuple[bool, bool]:
    """Whether the lone figures add up, as scores, to the total and, as weights, to a lone 总分
    figure — with the execution line's figures, or, where it was cut off above the rows, with any
    execution figure the total leaves room for."""
    if execution_weight is None and execution_score is None and t.indicator_header() is None:
        return figures <= total, t.lone_total == total and figures <= total <= t.settings.weight_max
    as_scores = figures + (execution_score or Decimal(0)) == total
    return as_scores, t.lone_total == total and figures + (execution_weight or Decimal(0)) == total


def _as_scores(rows: list[Indicator], lone: list[int]) -> list[Indicator]:
    return [r.model_copy(update={"weight": None, "score": r.weight}) if k in lone else r for k, r in enumerate(rows)]


def settle(
    t: Table,
    rows: list[Indicator],
    columns: list[L.Column],
    figures: tuple[Decimal | None, Decimal | None, Decimal | None],
) -> tuple[list[Indicator], Decimal | None]:
    """The rows and the stated total; ``figures``: the execution line's weight and score, the total."""
    execution_weight, execution_score, total = figures
    lone = _lone(rows)
    if _beside_full_rows(t, rows, lone, columns):
        return _mixed(t, rows, lone, figures), total
    if not _in_doubt(t, rows, lone, columns):
        return rows, total
    weights = sum((w for k in lone if (w := rows[k].weight) is not None), Decimal(0))
    if weights in _points(rows, execution_weight):
        return rows, total
    if total is None:
        return rows, total  # nothing to check by (a table cut at the top, say): the figures stay as read
    if _only_scores(t, weights, total):
        return _as_scores(rows, lone), total
    as_scores, as_weight_sum = _readings(t, weights, total, execution_weight, execution_score)
    if as_scores and not as_weight_sum:
        return _as_scores(rows, lone), total
    if as_weight_sum and not as_scores:
        return rows, total  # weights, the 总分 figure their sum (sections/total_check leaves no total)
    reason = messages.lone_figures_and_total if as_scores else messages.lone_figures
    where = rows[lone[0]].provenance.get("weight")
    t.doubts.append(Doubt(field="indicators", alternatives=messages.lone_readings(weights),
                          reason=reason(len(lone), weights), location=where))  # fmt: skip
    if as_scores:  # the 总分 figure is the weights' sum or the total as the rows are
        where = t.provenance.get("total_score_stated")
        t.doubts.append(Doubt(field="total_score_stated", alternatives=messages.total_readings(total),
                              reason=reason(len(lone), total), location=where))  # fmt: skip
        total = None
    return [r.model_copy(update={"weight": None}) if k in lone else r for k, r in enumerate(rows)], total
