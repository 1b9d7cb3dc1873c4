"""The narrative 自评报告 (seed 000): projects as numbered headings, indicators as lines.

A report has no table.  Each project opens with ``1某项目县级配套资金``; under it
``1.1产出指标…``, ``(1)数量指标。`` and lines ``指标1：name：target``.  The funds are sentences:
``年初下达项目资金共计5200万元。其中：某专项资金3100万元，…``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.ingest import labels as L
from jixiao.ingest.cells import clean
from jixiao.ingest.layouts.schema import ReportPatterns
from jixiao.model.evaluation import Evaluation, Funds, Indicator, Location, Source, TableKind

_LEVEL2 = re.compile(r"^\s*[（(]\s*\d+\s*[）)]\s*([^。，,]{2,12}?)\s*。?\s*$")
_HEADING = re.compile(r"^(\d{1,2})\s*([\u4e00-\u9fff].{1,60})$")
_TRAILING_VALUE = re.compile(r"^(.*?[^\d.])([≥≤<>=]?\d+(?:\.\d+)?%)$")


def is_report(text: str) -> ReportPatterns | None:
    """The report layout this text is written in (its title words in the head, enough indicator
    lines), or None: not a narrative report."""
    head = text[:600]
    reports: list[ReportPatterns] = L.REPORTS
    for rp in reports:
        if any(w in head for w in rp.recognised_by):
            indicator = re.compile(rp.indicator)
            if sum(1 for line in text.splitlines() if indicator.match(line)) >= rp.min_indicators:
                return rp
    return None


@dataclass
class _Project:
    number: int
    name: str
    line: int
    indicators: list[Indicator] = field(default_factory=list)


@dataclass(frozen=True)
class _FundFigure:
    name: str
    amount: Decimal
    line: int
    year: int | None
    """The year the sentence names (``2020年年初下达…``): the review checks it against the title."""


def _fund_sentences(lines: list[str], rp: ReportPatterns) -> list[_FundFigure]:
    """Each ``name 金额万元`` after ``其中：`` in a funds sentence, in 万元."""
    out = []
    pair, sentence_year = re.compile(rp.fund_pair), re.compile(rp.sentence_year)
    for number, line in enumerate(lines, start=1):
        if not rp.fund_parts_after or not all(w in line for w in rp.fund_sentence):
            continue
        year = sentence_year.match(line.strip())
        part = line.split(rp.fund_parts_after, 1)[1].lstrip("：:")
        for name, amount in pair.findall(part):
            out.append(_FundFigure(name.strip(), Decimal(amount), number, int(year.group(1)) if year else None))
    return out


def _match_fund(project: str, funds: list[_FundFigure]) -> _FundFigure | None:
    """The funds sentence naming this project: contained in one another, or nearly the same."""
    best: tuple[float, _FundFigure] | None = None
    for figure in funds:
        if figure.name and (figure.name in project or project in figure.name):
            return figure
        ratio = difflib.SequenceMatcher(None, figure.name, project).ratio()
        if ratio >= 0.8 and (best is None or ratio > best[0]):
            best = (ratio, figure)
    return None if best is None else best[1]


def _next_text(lines: list[str], k: int) -> tuple[str, int] | None:
    for j in range(k + 1, min(k + 3, len(lines))):
        if lines[j].strip():
            return lines[j].strip(), j
    return None


def _split_indicator(rest: str, lines: list[str], k: int, indicator: re.Pattern[str]) -> tuple[str, str | None]:
    """``name：target``; a target wrapped onto the next line; or a value glued to the name."""
    colon = max(rest.rfind("："), rest.rfind(":"))
    if colon >= 0:
        name, target = rest[:colon].strip(), rest[colon + 1 :].strip()
        if target:
            return name, target
        following = _next_text(lines, k)
        if following and len(following[0]) <= 20 and not indicator.match(following[0]):
            return name, following[0]
        return name, None
    following = _next_text(lines, k)
    if following and following[0][:1] in "：:":
        return rest.strip(), following[0][1:].strip() or None
    m = _TRAILING_VALUE.match(rest.strip())
    if m:
        return m.group(1).strip(), m.group(2)
    return rest.strip(), None


def read_report(text: str, file: str) -> list[Evaluation]:
    """One evaluation per project of a narrative report: targets, no actuals or scores."""
    rp = is_report(text)
    if rp is None:
        return []
    lines = text.splitlines()
    title_year_at = re.compile(rp.title_year)
    title_year = next((int(m.group(1)) for line in lines[:10] if (m := title_year_at.search(line))), None)
    title = next((line.strip() for line in lines[:10] if any(w in line for w in rp.recognised_by)), "")
    unit = title.split(rp.unit_before)[0] if rp.unit_before and rp.unit_before in title else None
    funds = _fund_sentences(lines, rp)
    out = []
    for project in _projects(lines, rp):
        match = _match_fund(project.name, funds)
        fund = None
        provenance = {"project_name": Location(line=project.line)}
        if match is not None:
            where = Location(line=match.line)
            fund = Funds(initial_budget=match.amount, year=match.year, provenance={"initial_budget": where})
            provenance["funds"] = where
        out.append(Evaluation(
            kind=TableKind.SELF_EVALUATION_REPORT, year=title_year, project_name=project.name,
            implementing_unit=unit or None, funds=fund, indicators=project.indicators,
            source=Source(file=file, table=project.number, title=title, location=Location(line=project.line)),
            provenance=provenance,
        ))  # fmt: skip
    return out


def _projects(lines: list[str], rp: ReportPatterns) -> list[_Project]:
    """The report's numbered projects, each with the indicators listed under it."""
    indicator, level1_at = re.compile(rp.indicator), re.compile(rp.level1)
    projects: list[_Project] = []
    level1 = level2 = None
    for k, raw in enumerate(lines):
        line = raw.strip()
        heading = _HEADING.match(line)
        following = _next_text(lines, k)
        if (
            heading
            and int(heading.group(1)) == len(projects) + 1
            and following
            and following[0].startswith(f"{heading.group(1)}.")
        ):
            projects.append(_Project(int(heading.group(1)), clean(heading.group(2)), k + 1))
            level1 = level2 = None
            continue
        if not projects:
            continue
        if (m := level1_at.match(line)) is not None:
            level1, level2 = rp.level1_label.format(m.group(1)), None
            continue
        if (m := _LEVEL2.match(line)) is not None and not indicator.match(line):
            level2 = m.group(1)
            continue
        if (m := indicator.match(line)) is not None:
            name, target = _split_indicator(m.group(1), lines, k, indicator)
            name, target = clean(name), None if target is None else clean(target)
            projects[-1].indicators.append(Indicator(
                level1=level1, level2=level2, name=name, target=target,
                provenance={"name": Location(line=k + 1), "target": Location(line=k + 1)},
            ))  # fmt: skip
    return projects
