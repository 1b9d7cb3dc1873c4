"""Template filters for the field's figures: a rate as a percentage, exactly."""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def pct(rate: Decimal | None) -> str:
    """0.9875 → 98.75%（two decimals, half up）."""
    return "" if rate is None else f"{(Decimal(rate) * 100).quantize(Decimal('0.01'))}%"


@register.filter
def pct_input(rate: Decimal | None) -> str:
    """A stated rate for an input box, every digit kept (0.98765 → 98.765%)."""
    return "" if rate is None else format((Decimal(rate) * 100).normalize(), "f") + "%"


@register.filter
def wan(amount: Decimal | None, unit: str | None = None) -> str:
    """An amount stated in ``unit`` (元 or 万元) shown in 万元: ``387664.62|wan:"元"`` → 38.766462."""
    from jixiao.web.evaluations.amounts import to_wan, wan_text

    return wan_text(to_wan(None if amount is None else Decimal(amount), unit))


@register.filter
def finding_title(code: str) -> str:
    """A finding code's Chinese catalogue title (SCORE_MISMATCH → 指标得分与计分规则不符)."""
    from jixiao.web.evaluations.labels import finding_title as title

    return title(code)


@register.filter
def item(mapping: dict[str, object], key: str) -> object:
    """``{{ figures|item:key }}``: a dictionary's value by a key held in a variable."""
    return mapping.get(key, "")
