"""Words, not codes: the history's changes and the review's findings as a user reads them.

The fields' names are the model's (``jixiao.model.field_names``); finding codes are fixed
identifiers that a user reads and searches by their catalogue title.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jixiao.model.field_names import field_label, show_value
from jixiao.review import Code, catalogue

__all__ = ["Change", "code_choices", "codes_matching", "describe", "field_label", "finding_title", "show_value"]


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str
    field: str

    def __str__(self) -> str:
        return f"{self.label}：{self.old} → {self.new}"


def describe(changes: list[dict[str, Any]], snapshot: dict[str, Any] | None = None) -> list[Change]:
    """The history's changes in words, every one of them."""
    out = []
    for c in changes:
        path = c["field"]
        out.append(
            Change(field_label(path, snapshot), show_value(path, c.get("old")), show_value(path, c.get("new")), path)
        )
    return out


def finding_title(code: str) -> str:
    """The catalogue title of a finding code (the code itself if unknown)."""
    try:
        return Code(code).entry.title
    except ValueError:
        return code


def codes_matching(text: str) -> list[str]:
    """The codes a filter text means: the code itself, or every code whose title contains it."""
    text = text.strip()
    if not text:
        return []
    if text.upper() in Code.__members__:
        return [text.upper()]
    return [code.value for code, entry in catalogue().items() if text in entry.title]


def code_choices() -> list[tuple[str, str]]:
    """(code, title) for the filter's suggestions, in catalogue order."""
    return [(code.value, entry.title) for code, entry in catalogue().items()]
