"""The review as one self-contained HTML page: counts by code, severity and unit, then every
evaluation as its table, the flagged cells highlighted and the messages beside them.

The page is written in pieces so that a batch of any size streams: each table's entry in the
table of contents and its section are rendered on their own (``table_parts``, in the worker that
reviewed it, with ``NUMBER`` standing for its number in the batch), and the head with the counts
(``page_parts``) once they are all known.  ``write_html`` puts the pieces together in memory.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from markupsafe import Markup

from jixiao.model.evaluation import Indicator
from jixiao.render.templates import environment
from jixiao.review import Code, Finding, Review, Severity


@dataclass
class RowView:
    number: int
    indicator: Indicator
    findings: list[Finding] = field(default_factory=list)
    flagged: dict[str, str] = field(default_factory=dict)
    """Field name → the gravest severity flagged on that cell (CSS class)."""


@dataclass
class EvaluationView:
    review: Review
    table_findings: list[Finding]
    rows: list[RowView]
    anchor: str


def _gravest(findings: list[Finding]) -> Severity:
    return max((f.severity for f in findings), key=lambda s: s.rank)


def _view(k: int, review: Review) -> EvaluationView:
    rows = [RowView(i + 1, ind) for i, ind in enumerate(review.evaluation.indicators)]
    table: list[Finding] = []
    for f in review.findings:
        if f.row is None or not 0 < f.row <= len(rows):
            table.append(f)
            continue
        row = rows[f.row - 1]
        row.findings.append(f)
        cell = f.field or "name"
        if cell not in row.flagged or f.severity.rank > Severity(row.flagged[cell]).rank:
            row.flagged[cell] = f.severity.value
    return EvaluationView(review, table, rows, f"ev{k + 1}")


def _unit(review: Review) -> str:
    ev = review.evaluation
    return ev.implementing_unit or ev.department or "（未注明单位）"


NUMBER = "<jixiao-number>"
"""Stands for a table's number in the batch in its pieces until the page is put together.  It
holds ``<``, which the templates escape in every text they are given (a project name, a title):
only the template's own mark can stand for the number, whatever a table says."""
_TOC, _SECTIONS = "<jixiao-toc>", "<jixiao-sections>"


class TableParts(NamedTuple):
    """One table of the page, rendered: plain strings and counts, cheap to hand between processes."""

    toc: str
    section: str
    unit: str
    severities: tuple[tuple[str, int], ...]


def table_parts(review: Review) -> TableParts:
    view = _view(0, review)
    env = environment()
    # (jinja drops a template's last newline: each piece gets it back)
    toc = env.get_template("review_toc.html.j2").render(view=view, number=Markup(NUMBER)) + "\n"
    section = env.get_template("review_section.html.j2").render(view=view, number=Markup(NUMBER)) + "\n"
    severities = Counter(f.severity.value for f in review.findings)
    return TableParts(toc, section, _unit(review), tuple(severities.items()))


def numbered(piece: str, number: int) -> str:
    return piece.replace(NUMBER, str(number))


def page_parts(
    tables: int,
    severities: Mapping[str, int],
    codes: Mapping[str, int],
    by_unit: Mapping[str, Mapping[str, int]],
    title: str = "绩效自评复核报告",
) -> tuple[str, str, str]:
    """The page around its tables, from counts only: what comes before the table of contents,
    between it and the sections, and after them."""
    by_code = Counter({Code(c): n for c, n in codes.items()})
    page = (
        environment()
        .get_template("review.html.j2")
        .render(
            title=title,
            generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            tables=tables,
            toc=Markup(_TOC),
            sections=Markup(_SECTIONS),
            severities=[(s, severities.get(s.value, 0)) for s in Severity],
            by_code=[(c, by_code[c]) for c in Code if by_code[c]],
            by_unit=sorted(by_unit.items()),
            total_findings=sum(by_code.values()),
        )
    )
    head, rest = page.split(_TOC)
    middle, tail = rest.split(_SECTIONS)
    return head, middle, tail


def count_units(by_unit: dict[str, Counter[str]], parts: Iterable[TableParts]) -> None:
    """Add the tables to the counts per unit (tables, and findings by severity)."""
    for part in parts:
        counts = by_unit.setdefault(part.unit, Counter())
        counts["tables"] += 1
        counts.update(dict(part.severities))


def write_html(reviews: Sequence[Review], title: str = "绩效自评复核报告") -> str:
    parts = [table_parts(r) for r in reviews]
    by_unit: dict[str, Counter[str]] = {}
    count_units(by_unit, parts)
    findings = [f for r in reviews for f in r.findings]
    severities = Counter(f.severity.value for f in findings)
    codes = Counter(f.code.value for f in findings)
    head, middle, tail = page_parts(len(parts), severities, codes, by_unit, title)
    toc = "".join(numbered(p.toc, k) for k, p in enumerate(parts, start=1))
    sections = "".join(numbered(p.section, k) for k, p in enumerate(parts, start=1))
    return head + toc + middle + sections + tail
