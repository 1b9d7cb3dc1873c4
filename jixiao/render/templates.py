"""The Jinja2 environment for every HTML output: templates are files, wording is not in code."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATE_DIR = Path(__file__).with_name("templates")


def _figure(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def _percent(value: Decimal) -> str:
    """A fraction as a percentage number without trailing zeros (0.8 → 80)."""
    return format((value * 100).normalize(), "f")


def _pct(rate: Decimal | None) -> str:
    """A fraction as a percentage with two decimals (0.9875 → 98.75%)."""
    return "—" if rate is None else f"{(rate * 100).quantize(Decimal('0.01'))}%"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(["html", "html.j2"], default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["figure"] = _figure
    env.filters["percent"] = _percent
    env.filters["pct"] = _pct
    return env
