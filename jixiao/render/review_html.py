"""The review as one self-contained HTML page: counts by code, severity and unit, then every
evaluation as its table, the flagged cells highlighted and the messages beside them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

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


def write_html(reviews: Sequence[Review], title: str = "绩效自评复核报告") -> str:
    findings = [f for r in reviews for f in r.findings]
    by_code = Counter(f.code for f in findings)
    by_unit: dict[str, Counter[str]] = {}
    for r in reviews:
        counts = by_unit.setdefault(_unit(r), Counter())
        counts["tables"] += 1
        for f in r.findings:
            counts[f.severity.value] += 1
    return (
        environment()
        .get_template("review.html.j2")
        .render(
            title=title,
            generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            reviews=[_view(k, r) for k, r in enumerate(reviews)],
            severities=[(s, sum(1 for f in findings if f.severity is s)) for s in Severity],
            by_code=[(c, by_code[c]) for c in Code if by_code[c]],
            by_unit=sorted(by_unit.items()),
            total_findings=len(findings),
        )
    )
