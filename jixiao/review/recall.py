"""Measuring the review against hand labels (``NNN.review.json``): recall per code and file.

A label lists the findings a careful reviewer made on one table (code, the row or place it
concerns), and the rows whose arithmetic is right (no error-level finding belongs there).
This module matches a review's findings to those labels; reading the documents is left to the
caller (ingest sits above the review), so the same matching serves the measurement script,
the tests and any other labelled set.

A label's truth extraction (``NNN.json``) holds only the fixed fields.  To review a perfect
extraction, those fields replace what ingest read, and what the truth file does not hold (the
funds' sources, the goal text, the title, the layout's columns, the 评分表 lines) is kept from
ingest's reading when there is one.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jixiao.model.evaluation import Evaluation, Funds
from jixiao.model.io import evaluation_from_dict
from jixiao.review.catalogue import Severity
from jixiao.review.engine import Review

TABLE_WIDE = ("funds", "total", "text")
"""Label places that concern the table as a whole rather than one row."""
_TRUTH_ONLY = {"file", "known_problems"}


def norm(text: str | None) -> str:
    """Compare names across width, spacing and line breaks."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


@dataclass(frozen=True)
class Label:
    """One ``NNN.review.json``: the expected findings and the rows that must stay free of errors."""

    path: Path
    file: str
    expected: tuple[tuple[str, str], ...]
    """(code, where) pairs; where is a row's name, or funds / total / text."""
    clean_rows: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.path.name.split(".")[0]

    @property
    def document(self) -> Path:
        return self.path.with_name(self.file)

    @property
    def truth(self) -> Path:
        return self.path.with_name(f"{self.name}.json")


def load_labels(folder: Path) -> list[Label]:
    out = []
    for path in sorted(folder.glob("*.review.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        expected = tuple((e["code"], e["where"]) for e in data["expected"])
        out.append(Label(path, data["file"], expected, tuple(data.get("clean_rows", []))))
    return out


def truth_evaluation(label: Label, read: Evaluation | None = None, extra: Path | None = None) -> Evaluation:
    """The truth extraction as an evaluation, over ``read`` (ingest's reading) for the rest.

    ``extra``: a supplement typed by hand (``tests/fixtures/truth/NNN.json``) for the fields the
    truth file does not hold — merged over both, so a perfect extraction has them too.
    """
    data: dict[str, Any] = json.loads(label.truth.read_text(encoding="utf-8"))
    fixed = {k: v for k, v in data.items() if k not in _TRUTH_ONLY}
    ev = _overlay(evaluation_from_dict(fixed, label.truth), fixed, read)
    if extra is None or not extra.is_file():
        return ev
    return _supplement(ev, json.loads(extra.read_text(encoding="utf-8")), extra)


def _supplement(ev: Evaluation, extra: dict[str, Any], path: Path) -> Evaluation:
    merged = ev.model_dump()
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    try:
        return Evaluation.model_validate(merged)
    except ValueError as exc:
        raise ValueError(f"文件 {path}：{exc}") from None


def _overlay(truth: Evaluation, fixed: dict[str, Any], read: Evaluation | None) -> Evaluation:
    if read is None:
        return truth
    update: dict[str, Any] = {k: getattr(truth, k) for k in (*fixed, "truncated")}
    if truth.funds is not None:
        sources = read.funds.sources if read.funds is not None else []
        allocated = read.funds.allocated if read.funds is not None else None
        unit = read.funds.unit if read.funds is not None else truth.funds.unit
        update["funds"] = Funds(
            **truth.funds.model_dump(exclude={"sources", "allocated", "unit"}),
            sources=sources, allocated=allocated, unit=unit,
        )  # fmt: skip
    if read.scoring_items and not truth.indicators:
        update.pop("indicators", None)
    return read.model_copy(update=update)


def row_name(r: Review, row: int | None) -> str:
    if row is None:
        return ""
    return r.checked.indicators[row - 1].name or ""


def at(r: Review, where: str, finding_row: int | None, finding_where: str) -> bool:
    """Is a finding at the label's place?  Table-wide places take table-wide findings; a row
    label takes the finding on the row (or the 评分表 line) of that name."""
    if where in TABLE_WIDE:
        return finding_row is None
    name = norm(row_name(r, finding_row)) if finding_row else norm(finding_where)
    want = norm(where)
    return bool(name) and (want in name or name in want)


@dataclass
class Outcome:
    """One table's review against its label."""

    label: Label
    found: list[tuple[str, str]] = field(default_factory=list)
    missed: list[tuple[str, str]] = field(default_factory=list)
    errors_on_clean: list[str] = field(default_factory=list)
    read: bool = True
    """False when nothing was read (ingest mode): every expected finding is then missed."""


def assess(label: Label, r: Review | None) -> Outcome:
    out = Outcome(label, read=r is not None)
    if r is None:
        out.missed = list(label.expected)
        return out
    unmatched = list(r.findings)
    for code, where in label.expected:
        hit = next((f for f in unmatched if f.code == code and at(r, where, f.row, f.where)), None)
        if hit is None:
            out.missed.append((code, where))
        else:
            out.found.append((code, where))
            unmatched.remove(hit)
    clean = {norm(n) for n in label.clean_rows}
    for f in r.findings:
        if f.severity is not Severity.ERROR:
            continue
        name = norm(row_name(r, f.row)) if f.row else norm(f.where)
        if name and name in clean:
            out.errors_on_clean.append(f"{f.code.value} {f.where}")
    return out


@dataclass
class Tally:
    """Recall per code over many outcomes."""

    found: dict[str, int] = field(default_factory=dict)
    expected: dict[str, int] = field(default_factory=dict)

    def add(self, outcomes: Iterable[Outcome]) -> None:
        for o in outcomes:
            for code, _ in o.found:
                self.found[code] = self.found.get(code, 0) + 1
            for code, _ in [*o.found, *o.missed]:
                self.expected[code] = self.expected.get(code, 0) + 1

    @property
    def recall(self) -> float:
        total = sum(self.expected.values())
        return sum(self.found.values()) / total if total else 1.0
