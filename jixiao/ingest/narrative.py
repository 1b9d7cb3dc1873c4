"""A narrative 自评报告 of one project (layouts/narrative-report.toml ``[narrative]``).

No table: numbered chapters (基本情况 / 资金投入和使用 / 目标完成情况 / 自评结论 …), the funds as
clauses of a sentence (``年初预算300万元，全年预算300万元，全年执行296.26万元，预算执行率98.75%``),
each indicator a sentence under its 一级 / 二级 headings, the score and grade in the conclusion.
The heading levels are told apart by their numbering style, not by their words: under the
results chapter the first style met names the 一级, another style the 二级.  A funds clause is
named by its words; a clause two names fit, or a figure stated twice differently, is left empty
with a doubt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.ingest import labels as L
from jixiao.ingest import messages
from jixiao.ingest.cells import Cell, clean
from jixiao.ingest.layouts.schema import NarrativePatterns
from jixiao.ingest.report import is_report, read_report
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.model.evaluation import Doubt, Evaluation, Funds, Indicator, Location, Source, TableKind

_CLAUSE = re.compile(r"[，,；;。]")
_SENTENCE_END = re.compile(r"。\s*(?=[^\s，,；;：:。)）”])")
_FILLER = re.compile(r"^[—－\-_]+$")
_FUND_FIELDS = ("initial_budget", "adjusted_budget", "executed")


def patterns(text: str, settings: Settings = DEFAULT) -> NarrativePatterns | None:
    """The narrative layout whose title words are in the text's head, or None."""
    head = text[: settings.report_head_chars]
    found: list[NarrativePatterns] = L.NARRATIVES
    return next((np for np in found if any(w in head for w in np.recognised_by)), None)


def heading(line: str, np: NarrativePatterns, settings: Settings = DEFAULT) -> tuple[int, str] | None:
    """``(style, text)`` of a numbered heading: a marker, then a short text with no sentence in it."""
    for style, marker in enumerate(np.markers):
        m = re.match(marker, line)
        if m is None:
            continue
        text = line[m.end() :].strip()
        if text and len(text) <= settings.report_heading_chars and not re.search(r"[。，,：:；;]", text.rstrip("。")):
            return style, text.rstrip("。")
        return None
    return None


def strip_marker(line: str, np: NarrativePatterns) -> str:
    for marker in np.markers:
        if m := re.match(marker, line):
            return line[m.end() :].strip()
    return line


def chapters(lines: list[str], np: NarrativePatterns, settings: Settings = DEFAULT) -> list[tuple[str, int, int]]:
    """``(heading, first line, end)`` of each chapter: headings in the style of the first one."""
    found = [(k, h) for k, line in enumerate(lines) if (h := heading(line, np, settings))]
    if not found:
        return []
    top = found[0][1][0]
    starts = [(k, h[1]) for k, h in found if h[0] == top]
    ends = [k for k, _ in starts[1:]] + [len(lines)]
    return [(text, k + 1, end) for (k, text), end in zip(starts, ends, strict=True)]


def _chapter(spans: list[tuple[str, int, int]], words: list[str]) -> tuple[int, int] | None:
    return next(((a, b) for text, a, b in spans if any(w in text for w in words)), None)


def title_fields(title: str, np: NarrativePatterns) -> tuple[str | None, int | None]:
    """The project and the year a title names (``2021年度某项目绩效自评报告``)."""
    for pattern in np.title:
        if m := re.match(pattern, title.strip()):
            groups = m.groupdict()
            year = next((groups[g] for g in ("year", "year2", "year3") if groups.get(g)), None)
            return clean(groups.get("project") or "") or None, int(year) if year else None
    return None, None


def _title(lines: list[str], np: NarrativePatterns) -> tuple[str, str | None, int | None]:
    """The first line of the head with the title words that names a project or a year (a page's
    heading above it may be the title words alone)."""
    titles = [line for line in lines if any(w in line for w in np.recognised_by)]
    for line in titles:
        project, year = title_fields(line, np)
        if project or year:
            return line, project, year
    return (titles[0] if titles else ""), None, None


def header_fields(lines: list[str], np: NarrativePatterns) -> dict[str, tuple[str, int]]:
    """``标签：值`` or ``标签为值`` of the header fields, each with its line (the first one stated)."""
    labels = {lb: name for name, lbs in np.fields.items() for lb in lbs}
    if not labels:
        return {}
    alt = "|".join(sorted(map(re.escape, labels), key=len, reverse=True))
    pair = re.compile(rf"({alt})\s*(?:{np.field_joiner})\s*(.+?)(?=\s*[，,；;。]\s*(?:{alt})|\s*[。；;]?$)")
    out: dict[str, tuple[str, int]] = {}
    for k, line in enumerate(lines):
        for m in pair.finditer(line):
            if (m.start() == 0 or line[m.start() - 1] in "，,；; ") and (value := clean(m.group(2))):
                out.setdefault(labels[m.group(1)], (value, k + 1))
    return out


@dataclass
class FundReading:
    values: dict[str, Decimal] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    doubts: list[Doubt] = field(default_factory=list)


def _clause_field(clause: str, np: NarrativePatterns) -> list[str]:
    if "rate" in np.funds and any(w in clause for w in np.funds["rate"]):
        return ["rate"]
    return [f for f in _FUND_FIELDS if any(w in clause for w in np.funds.get(f, []))]


def read_funds(lines: list[str], first: int, np: NarrativePatterns) -> FundReading:
    """The funds clauses of lines (numbered from ``first``): each clause with one figure, named by its words."""
    out = FundReading()
    amount, rate = re.compile(np.amount), re.compile(np.rate)
    for k, line in enumerate(lines, start=first):
        for clause in _CLAUSE.split(line):
            names = _clause_field(clause, np)
            figures = (rate if names == ["rate"] else amount).findall(clause)
            if not names or not figures:
                continue
            where = Location(line=k)
            if len(names) > 1 or len(figures) > 1:
                out.doubts.append(Doubt(field="funds", reason=messages.report_funds_ambiguous(clause), location=where))
                continue
            value = Decimal(figures[0]) / (100 if names[0] == "rate" else 1)
            if out.values.get(names[0], value) != value:
                path = "execution_rate_stated" if names[0] == "rate" else f"funds.{names[0]}"
                out.doubts.append(Doubt(field=path, reason=messages.report_funds_differ(clause), location=where))
                out.values.pop(names[0])
                continue
            out.values[names[0]], out.lines[names[0]] = value, k
    return out


def parse_row(text: str, np: NarrativePatterns) -> tuple[str, str | None, str | None] | None:
    """``(name, target, actual)`` of an indicator sentence, or None; a value holding another's
    words (the sentence read wrong) is left empty."""
    for pattern in np.rows:
        if m := re.match(pattern, text):
            groups = m.groupdict()
            values = [clean(groups.get(g) or "") or None for g in ("name", "target", "actual")]
            name, target, actual = values
            if name is None:
                continue
            target, actual = (None if v is None or any(w in v for w in np.not_in_values) else v
                              for v in (target, actual))  # fmt: skip
            return name, target, actual
    return None


def _level(text: str, np: NarrativePatterns) -> str:
    for tail in np.heading_tails:
        if text.endswith(tail) and len(text) > len(tail):
            return text[: -len(tail)]
    return text


def read_rows(lines: list[str], first: int, np: NarrativePatterns, settings: Settings = DEFAULT) -> list[Indicator]:
    """The indicator sentences of the results chapter, each under the headings above it."""
    styles: list[int] = []
    level1 = level2 = None
    out = []
    for k, line in enumerate(lines, start=first):
        if (h := heading(line.strip(), np, settings)) is not None:
            if not styles or h[0] == styles[0]:
                styles[:1], level1, level2 = [h[0]], _level(h[1], np), None
            else:
                level2 = _level(h[1], np)
            continue
        if (row := parse_row(strip_marker(line.strip(), np), np)) is not None:
            where = Location(line=k)
            out.append(Indicator(level1=level1, level2=level2, name=row[0], target=row[1], actual=row[2],
                                 provenance={"name": where, "target": where, "actual": where}))  # fmt: skip
    return out


def reports_of(text: str, file: str, settings: Settings = DEFAULT) -> list[Evaluation] | None:
    """A report's evaluations: numbered projects (report.py), else one project's report; None when
    the text is no report."""
    numbered = is_report(text)
    projects = read_report(text, file) if numbered else []
    return projects or read_narrative(text, file, settings) or ([] if numbered else None)


def over_tables(found: list[Evaluation], text: str, file: str, settings: Settings = DEFAULT) -> list[Evaluation]:
    """The tables read, or the one project's report the text is when it states more indicators than
    they do (its 项目名称：… lines read as a form's header are no table)."""
    if patterns(text, settings) is None:
        return found
    one = read_narrative(text, file, settings)
    if one and len(one[0].indicators) > sum(len(ev.indicators) for ev in found):
        return one
    return [completed(found[0], one[0])] if one and len(found) == 1 else found


_REPORT_FIELDS = (
    "project_name", "department", "implementing_unit", "year", "funds",
    "execution_rate_stated", "total_score_stated", "grade_stated",
)  # fmt: skip
"""What a report's paragraphs state around its own table: its header, funds and conclusion."""


def completed(table: Evaluation, report: Evaluation) -> Evaluation:
    """The report's one table with what its paragraphs state and the table does not (a small table
    of the indicators under 目标完成情况, the funds and the 自评得分 in sentences).  A field both
    state differently keeps the table's reading, with a doubt naming both."""
    update: dict[str, object] = {}
    provenance = dict(table.provenance)
    doubts = list(table.doubts)
    for name in _REPORT_FIELDS:
        mine, said = getattr(table, name), getattr(report, name)
        if said is None:
            continue
        if mine is None:
            update[name] = said
            if name in report.provenance:
                provenance[name] = report.provenance[name]
        elif name != "funds" and mine != said:
            label = messages.REPORT_FIELD_NAMES.get(name, name)
            doubts.append(Doubt(field=name, reading=str(mine), alternatives=[str(said)],
                                reason=messages.report_differs_from_table(label, mine, said),
                                location=report.provenance.get(name)))  # fmt: skip
    if not update and len(doubts) == len(table.doubts):
        return table
    return table.model_copy(update={**update, "provenance": provenance, "doubts": doubts})


def paragraphs(cells: list[Cell]) -> str:
    """The document's lines again: the cells cut from one paragraph (one line, or one row of a
    sheet) joined in order, a line again wherever a sentence ends inside one (the cutting may
    have joined short paragraphs as a wrapped line), a cut's dash filler left out."""
    lines: dict[tuple[str | None, int | None, int | None, int | None], list[str]] = {}
    for c in cells:
        if not _FILLER.match(c.text):
            lines.setdefault((c.sheet, c.page, c.line, c.row), []).append(c.text)
    return "\n".join(_SENTENCE_END.sub("。\n", "".join(pieces)) for pieces in lines.values())


def cells_report(
    found: list[Evaluation], cells: list[Cell], file: str, settings: Settings = DEFAULT
) -> list[Evaluation]:
    """The tables read, else its paragraphs (cells in order, one a line) read as a report."""
    text = paragraphs(cells)
    if found:
        return over_tables(found, text, file, settings)
    return reports_of(text, file, settings) or []


def read_narrative(text: str, file: str, settings: Settings = DEFAULT) -> list[Evaluation]:
    """The report's one evaluation, or none: not a narrative report, or no chapter read."""
    np = patterns(text, settings)
    if np is None:
        return []
    lines = [line.strip() for line in text.splitlines()]
    spans = chapters(lines, np, settings)
    results = _chapter(spans, np.results_chapter)
    if results is None:
        return []
    title, project, year = _title(lines[: settings.report_title_lines], np)
    fields = header_fields(lines[: results[0]], np)
    money = _chapter(spans, np.funds_chapter)
    funds = read_funds(lines[money[0] : money[1]], money[0] + 1, np) if money else FundReading()
    rows = read_rows(lines[results[0] : results[1]], results[0] + 1, np, settings)
    score, grade = _conclusion(lines[results[1] :], np)
    return [_evaluation(file, title, year, project, fields, funds, rows, score, grade)]


def _conclusion(lines: list[str], np: NarrativePatterns) -> tuple[Decimal | None, str | None]:
    text = "\n".join(lines)
    score, grade = re.search(np.score, text), re.search(np.grade, text)
    return (Decimal(score.group(1)) if score else None), (grade.group(1) if grade else None)


def _evaluation(
    file: str, title: str, year: int | None, project: str | None, fields: dict[str, tuple[str, int]],
    funds: FundReading, rows: list[Indicator], score: Decimal | None, grade: str | None,
) -> Evaluation:  # fmt: skip
    provenance = {name: Location(line=line) for name, (_v, line) in fields.items()}
    amounts = {f: funds.values[f] for f in _FUND_FIELDS if f in funds.values}
    fund = Funds(**amounts, provenance={f: Location(line=funds.lines[f]) for f in amounts}) if amounts else None
    named = fields.get("project_name", (project, 0))[0]
    return Evaluation(
        kind=TableKind.SELF_EVALUATION_REPORT, year=year, project_name=named,
        department=fields.get("department", (None, 0))[0],
        implementing_unit=fields.get("implementing_unit", (None, 0))[0],
        funds=fund, execution_rate_stated=funds.values.get("rate"), indicators=rows,
        total_score_stated=score, grade_stated=grade, doubts=funds.doubts,
        source=Source(file=file, table=1, title=title, location=Location(line=1)), provenance=provenance,
    )  # fmt: skip
