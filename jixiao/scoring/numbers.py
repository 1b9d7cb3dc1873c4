"""Decimal rounding and the stated-versus-computed agreement convention.

Python's ``round`` rounds half to even (2.675 → 2.67 on a float, and banker's rounding on a
Decimal); the field rounds half up.  Every rounding in jixiao goes through ``quantize``.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from jixiao.rules.ruleset import RoundingMode

_STEPS = {d: Decimal(1).scaleb(-d) for d in range(0, 9)}


def quantize(value: Decimal, digits: int = 2, mode: RoundingMode = RoundingMode.HALF_UP) -> Decimal:
    """Round to ``digits`` decimals, half up (or truncate, as some local systems do)."""
    rounding = ROUND_HALF_UP if mode is RoundingMode.HALF_UP else ROUND_DOWN
    return value.quantize(_STEPS[digits], rounding=rounding)


def shown_digits(value: Decimal) -> int:
    """How many decimals a stated figure shows: ``9.4`` → 1, ``99.81`` → 2, ``10`` → 0."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def agrees(stated: Decimal, exact: Decimal, digits: int, mode: RoundingMode) -> bool:
    """Is a stated figure the exact value, rounded as shown?

    The convention of the corpus reviews: a stated value equal to the exact value rounded to
    the decimals it shows is not a finding (``9.4`` for 9.3805).  A whole number is held to
    the rule set's own digits, because ``10`` written for 9.8 is full marks for a missed
    target, not a rounding.
    """
    shown = shown_digits(stated)
    if shown >= 1 and stated == quantize(exact, min(shown, 8), mode):
        return True
    return stated == quantize(exact, digits, mode)


def rate_agrees(stated: Decimal, exact: Decimal, mode: RoundingMode) -> bool:
    """A stated rate (a fraction) against the exact one, compared in percentage points.

    ``0.9875`` shows 98.75% (two decimals of a percentage); ``0.1`` shows 10%, which does not
    agree with 14.46% although it equals 0.1446 rounded to one decimal.
    """
    pct_digits = max(0, shown_digits(stated) - 2)
    return stated * 100 == quantize(exact * 100, min(pct_digits, 6), mode)
