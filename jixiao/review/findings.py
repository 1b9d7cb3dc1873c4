"""A finding: one problem in one evaluation, with where it is and what the figures are.

Findings are the review's public output (JSON, HTML, XLSX, the web app); their field names
are fixed.  They are slotted dataclasses like the engine's results, not pydantic models: a
province's batch makes hundreds of thousands of them, each from values already typed.
Stated and computed values are strings as a reader would write them (``98.6%``, ``7.74``),
because a finding may compare a rate, a score or a year.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jixiao.model.evaluation import Location
from jixiao.review.catalogue import Code, Severity


@dataclass(frozen=True, slots=True)
class Finding:
    code: Code
    severity: Severity
    where: str
    """资金 / 总分 / 一级 › 二级 › 三级指标: what the finding concerns."""
    message: str
    rule: str
    """The rule set and the rule the finding rests on."""
    file: str | None = None
    table: int | None = None
    """1-based table number in the document."""
    project: str | None = None
    row: int | None = None
    """1-based indicator row in the table, if the finding is about a row."""
    field: str | None = None
    """The value concerned: score, weight, execution_rate_stated …"""
    location: Location | None = None
    """The source line or cell."""
    stated: str | None = None
    computed: str | None = None

    @property
    def title(self) -> str:
        return self.code.entry.title

    @property
    def place(self) -> str:
        """Where to look in the source, as a reviewer says it: 第12行 / Sheet1!C7 / 第2页."""
        return "" if self.location is None else self.location.place()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: the fixed fields, the catalogue title and the readable place."""
        return {
            "code": self.code.value,
            "severity": self.severity.value,
            "title": self.title,
            "file": self.file,
            "table": self.table,
            "project": self.project,
            "where": self.where,
            "row": self.row,
            "field": self.field,
            "location": None if self.location is None else self.location.model_dump(exclude_none=True),
            "place": self.place,
            "stated": self.stated,
            "computed": self.computed,
            "message": self.message,
            "rule": self.rule,
        }


class _Draft:
    """A finding while it is filled in: Finding's very slots, in a class that lets them be set."""

    __slots__ = Finding.__slots__


def new_finding(
    code: Code, severity: Severity, where: str, message: str, rule: str, file: str | None, table: int | None,
    project: str | None, row: int | None, field: str | None, location: Location | None, stated: str | None,
    computed: str | None, /,
) -> Finding:  # fmt: skip
    """``Finding(...)`` with every field given, in field order, at a fifth of the cost: the frozen
    dataclass's ``__init__`` goes through ``object.__setattr__`` field by field; this fills the
    same slots in a plain class and then makes the object a Finding (same layout, so Python
    allows it; frozen from then on).  The review makes a score of findings a table, hundreds of
    thousands a batch."""
    f: Any = _Draft()
    f.code = code
    f.severity = severity
    f.where = where
    f.message = message
    f.rule = rule
    f.file = file
    f.table = table
    f.project = project
    f.row = row
    f.field = field
    f.location = location
    f.stated = stated
    f.computed = computed
    f.__class__ = Finding
    done: Finding = f
    return done
