"""Query and form parameters read defensively: only ASCII digits, only a few of them.

``"²".isdigit()`` is True and ``int("²")`` raises; ``int(Decimal("1e999999"))`` holds the interpreter
for many seconds.  Every integer a request carries goes through ``small_int`` instead."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"[0-9]{1,9}")


def small_int(text: str | None) -> int | None:
    """``"2021"`` → 2021; anything but 1–9 ASCII digits → None."""
    text = (text or "").strip()
    return int(text) if _DIGITS.fullmatch(text) else None


def year(text: str | None) -> int | None:
    """A four-digit year between 1900 and 2100, else None."""
    value = small_int(text)
    return value if value is not None and 1900 <= value <= 2100 else None
