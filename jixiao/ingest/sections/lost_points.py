"""A 得分 whose decimal point a scan lost (``7.43`` read ``743``), given it back by the table's figures.

A whole-number score above its weight may be a score with its point lost.  Its readings are the
point put back between two of its digits, at most ``settings.lost_point_decimals`` decimals, never
above the weight (``743`` under 8: only 7.43).  When the stated 总分 is the sum of the scores for
exactly one of the readings, that reading holds.  Else a score many times its weight
(``settings.lost_point_ratio``), no over-scoring a form would state, is left empty with a doubt
naming its readings — even one reading is a guess where a born-digital form may have swapped 分值
and 得分 (分值 2, 得分 10), and a guess is worse than an empty cell; a score less far above its weight
stays as stated (an over-scoring the review reports).  A row with no weight is bound by the
stated total instead: a score above the whole table's total is none a form would state.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import product
from math import prod

from jixiao.ingest import messages
from jixiao.ingest.settings import Settings
from jixiao.ingest.table import Table
from jixiao.model.evaluation import Doubt, Indicator


def readings(score: Decimal, weight: Decimal, settings: Settings) -> list[Decimal] | None:
    """The scores ``score`` may be with its point put back, none above ``weight`` (None: ``score``,
    a whole number, is not above ``weight``)."""
    if weight <= 0 or score.as_tuple().exponent != 0 or score <= weight:
        return None
    digits = str(score)
    out = []
    for k in range(1, len(digits)):
        decimals = len(digits) - k
        value = Decimal(digits[:k] + "." + digits[k:])
        if decimals <= settings.lost_point_decimals and value <= weight:
            out.append(value)
    return out


def restore(t: Table, indicators: list[Indicator], others: Decimal | None, total: Decimal | None) -> list[Indicator]:
    """The rows with each lost point given back where the stated total confirms one reading, else
    a score far above its weight left empty with a doubt.  ``others``: the execution score."""
    found = {
        i: r
        for i, ind in enumerate(indicators)
        if ind.score is not None and (bound := _bound(ind, total)) is not None
        and (r := readings(ind.score, bound, t.settings)) is not None
    }  # fmt: skip
    if not found:
        return indicators
    out = list(indicators)
    joint = _by_total(indicators, found, others, total, t.settings.lost_point_choices_max)
    for i, options in found.items():
        confirmed = None if joint is None else joint[i]
        if confirmed is None and not _far(indicators[i], t.settings):
            continue  # over its weight, not far: an over-scoring as stated, unless the total says otherwise
        out[i] = indicators[i].model_copy(update={"score": confirmed})
        if confirmed is None:
            t.doubts.append(_doubt(i, indicators[i], options))
    return out


def _bound(ind: Indicator, total: Decimal | None) -> Decimal | None:
    """What a row's score cannot be above: its weight, or with none the table's stated total."""
    return ind.weight if ind.weight is not None else total


def _far(ind: Indicator, settings: Settings) -> bool:
    """A score no form would state: many times its weight, or with no weight above the total."""
    assert ind.score is not None
    return ind.weight is None or ind.score >= ind.weight * settings.lost_point_ratio


def _by_total(
    indicators: list[Indicator],
    found: dict[int, list[Decimal]],
    others: Decimal | None,
    total: Decimal | None,
    most: int,
) -> dict[int, Decimal] | None:
    """The one choice of readings that makes the scores (and ``others``) add up to the stated
    total, the other scores as read; None: no total, a score missing, none or two choices fit."""
    rest = [ind.score for k, ind in enumerate(indicators) if k not in found]
    if total is None or any(s is None for s in rest) or prod(map(len, found.values())) > most:
        return None
    need = total - sum((s for s in rest if s is not None), others or Decimal(0))
    fits = [c for c in product(*found.values()) if sum(c) == need]
    return dict(zip(found, fits[0], strict=True)) if len(fits) == 1 else None


def _doubt(at: int, ind: Indicator, options: list[Decimal]) -> Doubt:
    """The doubt on a score left empty: as written, then each reading with its point put back."""
    written = str(ind.score)
    return Doubt(
        field=f"indicators[{at}].score",
        reading=None,
        alternatives=[written, *(str(o) for o in options)],
        reason=messages.point_lost(written, ind.weight, [str(o) for o in options]),
        location=(ind.provenance or {}).get("score"),
    )
