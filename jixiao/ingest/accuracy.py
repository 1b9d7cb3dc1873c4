"""Field-by-field comparison of an extraction with its expected form (``../shared/corpus``).

Text is compared after removing white space and unifying full-width and half-width forms;
``产出指标(50分)`` and ``产出指标`` count as the same 一级 name; numbers compare as decimals.

A field that differs is either **wrong** (a value was given and it is not the truth) or
**missing** (nothing was given where the truth has a value): a wrong value misleads the
review, a missing one only leaves it less to check, so the two are counted apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from jixiao.model.evaluation import Evaluation
from jixiao.model.vocabulary import without_points

TOP_FIELDS = (
    "year", "project_name", "department", "implementing_unit",
    "funds.initial_budget", "funds.adjusted_budget", "funds.executed",
    "execution_rate_stated", "execution_weight", "execution_score_stated",
    "total_score_stated", "grade_stated",
)  # fmt: skip
STATED_FIELDS = ("funds.unit",)
"""Compared only where the expectation records them (the corpus pages leave the funds' unit out)."""
ROW_FIELDS = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation_note")
ROW_STATED = ("standard",)
"""Row fields compared only where the expected row records them (the corpus pages leave 评分标准 out)."""
ITEM_FIELDS = ("level1", "level2", "name", "weight", "score", "deduction_reason")
"""A 评分表 item's fields (``scoring_items``), compared where the expectation records the sheet."""
ITEM_STATED = ("standard", "recheck_score")


def _text(value: Any) -> str:
    s = unicodedata.normalize("NFKC", str(value))
    return re.sub(r"\s+", "", s)


def _level1(value: Any) -> str:
    return without_points(_text(value))


def same(field_name: str, got: Any, want: Any) -> bool:
    """Equal under the comparison rules of the corpus README."""
    if want is None or got is None:
        return want is None and (got is None or _text(got) == "")
    if isinstance(want, bool) or isinstance(got, bool):
        return bool(want) == bool(got)
    if isinstance(want, int | float | Decimal):
        try:
            return Decimal(str(got)) == Decimal(repr(want) if isinstance(want, float) else str(want))
        except InvalidOperation:
            return False
    if field_name == "level1":
        return _level1(got) == _level1(want)
    return _text(got) == _text(want)


def _get(data: dict[str, Any], dotted: str) -> Any:
    cur: Any = data
    for part in dotted.split("."):
        if not isinstance(cur, dict):
            return None
        cur = cur.get(part)
    return cur


@dataclass
class Comparison:
    """Counts of matched and compared fields, per field name."""

    matched: Counter[str] = field(default_factory=Counter)
    compared: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[str, Any, Any]] = field(default_factory=list)
    wrong: Counter[str] = field(default_factory=Counter)
    missing: Counter[str] = field(default_factory=Counter)

    def add(self, name: str, ok: bool, got: Any = None, want: Any = None) -> None:
        self.compared[name] += 1
        if ok:
            self.matched[name] += 1
            return
        self.misses.append((name, got, want))
        if _given(got) and not (name.endswith(".count") and got < want):
            self.wrong[name] += 1
        else:
            self.missing[name] += 1

    @property
    def accuracy(self) -> float:
        total = sum(self.compared.values())
        return 1.0 if total == 0 else sum(self.matched.values()) / total

    @property
    def wrong_rate(self) -> float:
        """Share of compared fields given a value that differs from the truth."""
        total = sum(self.compared.values())
        return 0.0 if total == 0 else sum(self.wrong.values()) / total

    @property
    def missing_rate(self) -> float:
        """Share of compared fields left empty where the truth has a value (fewer rows read count here)."""
        total = sum(self.compared.values())
        return 0.0 if total == 0 else sum(self.missing.values()) / total

    def merge(self, other: Comparison) -> None:
        self.matched.update(other.matched)
        self.compared.update(other.compared)
        self.misses.extend(other.misses)
        self.wrong.update(other.wrong)
        self.missing.update(other.missing)


def _given(value: Any) -> bool:
    """A value was read: not None and not blank text."""
    return value is not None and _text(value) != ""


def compare(got: Evaluation | None, want: dict[str, Any]) -> Comparison:
    """Compare one extracted evaluation with its expected JSON."""
    result = Comparison()
    data = {} if got is None else got.model_dump(mode="python")
    for name in TOP_FIELDS:
        g = _get(data, name)
        w = _get(want, name)
        result.add(name, same(name, g, w), g, w)
    for name in STATED_FIELDS:
        if (w := _get(want, name)) is not None:
            g = _get(data, name)
            result.add(name, same(name, g, w), g, w)
    _rows(result, "indicators", data.get("indicators", []), want.get("indicators", []), ROW_FIELDS, ROW_STATED)
    if "scoring_items" in want:
        _rows(result, "scoring_items", data.get("scoring_items", []), want["scoring_items"], ITEM_FIELDS, ITEM_STATED)
    return result


def _rows(
    result: Comparison,
    head: str,
    rows: list[dict[str, Any]],
    expected: list[dict[str, Any]],
    fields: tuple[str, ...],
    stated: tuple[str, ...],
) -> None:
    """Row ``k`` read against row ``k`` expected, field by field, then the number of rows."""
    for k, row in enumerate(expected):
        have = rows[k] if k < len(rows) else {}
        for name in (*fields, *(n for n in stated if n in row)):
            g, w = have.get(name), row.get(name)
            result.add(f"{head}.{name}", same(name, g, w), g, w)
    result.add(f"{head}.count", len(rows) == len(expected), len(rows), len(expected))
