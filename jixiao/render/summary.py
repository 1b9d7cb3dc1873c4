"""Summaries of a batch, a unit or a department: one row per project, totals, the grade
distribution and counts of findings, from reviewed evaluations.

Stated and computed figures sit side by side, as the finance bureau checks one against the
other; the grade distribution counts the computed grade (the stated one where jixiao could
not compute a total).  A reviewer's 复核得分 (the spot-check score) is a third figure, never
mixed with the computed one: the 复核总分 as stated, and each row's 复核得分 / 复核意见 listed apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.render import charts
from jixiao.render.layouts import in_wan_yuan
from jixiao.review import Review
from jixiao.scoring.numbers import quantize

ZERO = Decimal(0)
GRADES = ("优", "良", "中", "差")


@dataclass(frozen=True, slots=True)
class Row:
    unit: str
    department: str
    project: str
    year: int | None
    adjusted: Decimal | None
    executed: Decimal | None
    rate: Decimal | None
    stated_total: Decimal | None
    computed_total: Decimal | None
    recheck_total: Decimal | None
    stated_grade: str | None
    grade: str | None
    errors: int
    warnings: int
    infos: int
    rule_set: str


@dataclass(frozen=True, slots=True)
class RowReview:
    """One indicator row a reviewer gave a 复核得分 or a 复核意见."""

    project: str
    row: int
    """1-based, in the table's indicator order."""
    indicator: str
    weight: Decimal | None
    score: Decimal | None
    recheck: Decimal | None
    comment: str


@dataclass(slots=True)
class Summary:
    title: str
    rows: list[Row]
    adjusted: Decimal = ZERO
    executed: Decimal = ZERO
    rate: Decimal | None = None
    mean_stated: Decimal | None = None
    mean_computed: Decimal | None = None
    grades: dict[str, int] = field(default_factory=dict)
    findings: dict[str, int] = field(default_factory=dict)
    """Count per finding code, keyed by '代码 问题'."""
    severities: dict[str, int] = field(default_factory=dict)
    row_reviews: list[RowReview] = field(default_factory=list)

    @property
    def has_recheck_total(self) -> bool:
        return any(r.recheck_total is not None for r in self.rows)


def _row(review: Review) -> Row:
    ev = in_wan_yuan(review.evaluation)
    f = ev.funds
    adjusted, executed = (None, None) if f is None else (f.adjusted_budget, f.executed)
    rate = review.result.execution.rate
    return Row(
        unit=ev.implementing_unit or "", department=ev.department or "", project=ev.project_name or "（未注明项目）",
        year=ev.year, adjusted=adjusted, executed=executed, rate=None if rate is None else quantize(rate, 4),
        stated_total=ev.total_score_stated, computed_total=ev.total_score,
        recheck_total=ev.recheck_total_stated, stated_grade=ev.grade_stated,
        grade=ev.grade or ev.grade_stated, errors=review.count("error"), warnings=review.count("warning"),
        infos=review.count("info"), rule_set=review.rule_set.meta.title,
    )  # fmt: skip


def _row_reviews(review: Review) -> list[RowReview]:
    ev = review.evaluation
    project = ev.project_name or "（未注明项目）"
    return [RowReview(project, k, i.name or "", i.weight, i.score, i.recheck_score, i.review_comment or "")
            for k, i in enumerate(ev.indicators, start=1)
            if i.recheck_score is not None or i.review_comment]  # fmt: skip


def _mean(values: list[Decimal]) -> Decimal | None:
    return quantize(sum(values, ZERO) / len(values)) if values else None


def summarise(reviews: Sequence[Review], title: str = "项目支出绩效自评汇总") -> Summary:
    rows = [_row(r) for r in reviews]
    summary = Summary(title=title, rows=rows)
    summary.adjusted = sum((r.adjusted for r in rows if r.adjusted is not None), ZERO)
    summary.executed = sum((r.executed for r in rows if r.executed is not None), ZERO)
    summary.rate = quantize(summary.executed / summary.adjusted, 4) if summary.adjusted else None
    summary.mean_stated = _mean([r.stated_total for r in rows if r.stated_total is not None])
    summary.mean_computed = _mean([r.computed_total for r in rows if r.computed_total is not None])
    counted = Counter(r.grade for r in rows if r.grade)
    summary.grades = {g: counted.get(g, 0) for g in GRADES} | {g: n for g, n in counted.items() if g not in GRADES}
    codes: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    for review in reviews:
        for finding in review.findings:
            codes[f"{finding.code.value} {finding.title}"] += 1
            severities[finding.severity.label] += 1
    summary.row_reviews = [line for review in reviews for line in _row_reviews(review)]
    summary.findings = dict(codes.most_common())
    summary.severities = dict(severities)
    return summary


def plotted_scores(summary: Summary) -> tuple[str, list[tuple[Decimal | None, Decimal]]]:
    """The one score the charts plot, with its name: the units' 自评得分 where any table states
    one (projects without it are left out), else jixiao's 计算得分 — never the two mixed."""
    if any(r.stated_total is not None for r in summary.rows):
        return "自评得分", [(r.rate, r.stated_total) for r in summary.rows if r.stated_total is not None]
    return "计算得分", [(r.rate, r.computed_total) for r in summary.rows if r.computed_total is not None]


def chart_pngs(summary: Summary) -> dict[str, bytes]:
    """The three charts of a summary, as PNG, keyed by their titles; a chart with nothing to
    plot is left out."""
    out: dict[str, bytes] = {}
    label, scored = plotted_scores(summary)
    points = [(rate, score) for rate, score in scored if rate is not None]
    if points:
        title = f"预算执行率与{label}"
        out[title] = charts.to_png(charts.execution_vs_score(points, title=title, score_label=label))
    if scored:
        title = f"{label}分布"
        out[title] = charts.to_png(charts.score_histogram([s for _, s in scored], title=title, score_label=label))
    if summary.findings:
        out["复核问题"] = charts.to_png(charts.findings_by_code(summary.findings))
    return out
