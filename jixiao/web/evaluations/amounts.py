"""Amounts as the web shows them: always in 万元, the standard table's unit.

A table may state its funds in 元 (``项目资金（元）``); ``Record.data`` keeps them exactly as read,
with ``funds.unit`` saying which, and everything shown, summed or exported is converted here
(exact decimal division, never a float), so a 元 table is never read as 万元."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from jixiao.model.evaluation import Evaluation, Funds
from jixiao.render.layouts import in_wan_yuan, money_text

WAN = "万元"
SCALE = {"万元": Decimal(1), "元": Decimal(10000)}


def to_wan(value: Decimal | None, unit: str | None) -> Decimal | None:
    """An amount stated in ``unit`` expressed in 万元."""
    if value is None:
        return None
    return value / SCALE.get(unit or WAN, Decimal(1))


def from_wan(value: Decimal | None, unit: str | None) -> Decimal | None:
    """An amount typed in 万元 expressed in the table's own unit."""
    if value is None:
        return None
    return value * SCALE.get(unit or WAN, Decimal(1))


COLUMN_LIMIT = Decimal(10) ** 12  # Record's amount columns hold 12 integer and 6 decimal digits
COLUMN_PLACES = Decimal("0.000001")


def column(value: Decimal | None, unit: str | None) -> Decimal | None:
    """The 万元 figure for a list column; None when it does not fit one (it stays in ``data``)."""
    wan = to_wan(value, unit)
    if wan is None or not wan.is_finite() or abs(wan) >= COLUMN_LIMIT:
        return None
    return wan.quantize(COLUMN_PLACES, rounding=ROUND_HALF_UP)


def unit_of(funds: Funds | None) -> str:
    return funds.unit if funds is not None and funds.unit in SCALE else WAN


def in_wan(ev: Evaluation) -> Evaluation:
    """The evaluation with every amount in 万元, for display only (never stored)."""
    return in_wan_yuan(ev)


def wan_text(value: Decimal | None) -> str:
    """万元 with two decimals; more digits are kept, never rounded away."""
    return money_text(value)
