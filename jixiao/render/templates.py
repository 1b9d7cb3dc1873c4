"""The Jinja2 environment for every HTML output: templates are files, wording is not in code."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATE_DIR = Path(__file__).with_name("templates")


def _figure(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["figure"] = _figure
    return env
