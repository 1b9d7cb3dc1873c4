"""The 自评报告: the figures of a unit's evaluations put into the wording of
``templates/report.txt.j2``, then laid out as Word (``report_docx``) or PDF (``report_pdf``).

The template writes a small line markup (``#`` title, ``##`` chapter, ``###`` section,
``####`` sub-section, ``[图:name]`` a chart, anything else a paragraph), so the wording is
edited in one file and both formats follow it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from jixiao.model.evaluation import Evaluation, Indicator
from jixiao.model.vocabulary import strip_points
from jixiao.render import charts
from jixiao.render.layouts import fill_computed, in_wan_yuan, money_text
from jixiao.render.templates import environment

ZERO = Decimal(0)
LOW_EXECUTION = Decimal("0.6")


class BlockKind(StrEnum):
    TITLE = "title"
    CHAPTER = "chapter"
    SECTION = "section"
    SUBSECTION = "subsection"
    PARAGRAPH = "paragraph"
    CHART = "chart"


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str


_MARKS = (("#### ", BlockKind.SUBSECTION), ("### ", BlockKind.SECTION), ("## ", BlockKind.CHAPTER),
          ("# ", BlockKind.TITLE))  # fmt: skip


def parse(text: str) -> list[Block]:
    """The template's output as blocks; blank lines only separate."""
    blocks: list[Block] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("[图:") and line.endswith("]"):
            blocks.append(Block(BlockKind.CHART, line[3:-1]))
            continue
        for mark, kind in _MARKS:
            if line.startswith(mark):
                blocks.append(Block(kind, line[len(mark) :].strip()))
                break
        else:
            blocks.append(Block(BlockKind.PARAGRAPH, line))
    return blocks


def _sum(values: Sequence[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), ZERO)


def _level1(ind: Indicator) -> str:
    return strip_points(ind.level1 or "其他指标") or "其他指标"


def _dimensions(ev: Evaluation) -> list[dict[str, Any]]:
    """一级 → 二级 → rows, in the order of the table."""
    dims: dict[str, dict[str, list[Indicator]]] = {}
    for ind in ev.indicators:
        dims.setdefault(_level1(ind), {}).setdefault(ind.level2 or "其他", []).append(ind)
    return [{"name": name, "groups": [{"name": g, "rows": rows} for g, rows in groups.items()]}
            for name, groups in dims.items()]  # fmt: skip


def _deviations(evaluations: Sequence[Evaluation]) -> list[dict[str, Any]]:
    """Rows below full marks or with a stated deviation reason, quoted."""
    out = []
    for ev in evaluations:
        for ind in ev.indicators:
            short = ind.score is not None and ind.weight is not None and ind.score < ind.weight
            if short or (ind.deviation_note and ind.deviation_note.strip() not in ("无", "/", "-", "—")):
                out.append({"project": ev.project_name or "", "name": ind.name or "", "target": ind.target,
                            "actual": ind.actual, "weight": ind.weight, "score": ind.score,
                            "note": (ind.deviation_note or "").strip()})  # fmt: skip
    return out


def context(evaluations: Sequence[Evaluation]) -> dict[str, Any]:
    """What the template needs, from scored evaluations (stated figures first, computed ones
    where nothing is stated)."""
    evs = [fill_computed(in_wan_yuan(ev)) for ev in evaluations]
    projects: list[dict[str, Any]] = []
    for ev in evs:
        f = ev.funds
        initial, adjusted, executed = (None, None, None) if f is None else (f.initial_budget, f.adjusted_budget,
                                                                             f.executed)  # fmt: skip
        rate = executed / adjusted if executed is not None and adjusted else ev.execution_rate_stated
        projects.append({"name": ev.project_name or "（未注明项目）", "initial": initial or ZERO,
                         "adjusted": adjusted or ZERO, "executed": executed or ZERO, "rate": rate,
                         "goals": ev.goals, "dimensions": _dimensions(ev), "total": ev.total_score_stated,
                         "grade": ev.grade_stated})  # fmt: skip
    adjusted = _sum([p["adjusted"] for p in projects])
    executed = _sum([p["executed"] for p in projects])
    allocated = [ev.funds.allocated for ev in evs if ev.funds and ev.funds.allocated is not None]
    years = sorted({ev.year for ev in evs if ev.year})
    units = [ev.implementing_unit for ev in evs if ev.implementing_unit]
    return {
        "unit": max(set(units), key=units.count) if units else "",
        "year_text": f"{years[-1]}年度" if years else "",
        "projects": projects,
        "totals": {
            "initial": _sum([p["initial"] for p in projects]),
            "adjusted": adjusted,
            "executed": executed,
            "allocated": _sum(allocated) if allocated else None,
            "rate": executed / adjusted if adjusted else None,
        },
        "low_execution": [p["name"] for p in projects if p["rate"] is not None and p["rate"] < LOW_EXECUTION],
        "low_threshold": LOW_EXECUTION,
        "deviations": _deviations(evs),
        "other": "；".join(ev.problems for ev in evs if ev.problems) or None,
    }


def report_blocks(evaluations: Sequence[Evaluation]) -> list[Block]:
    env = environment()
    env.filters.setdefault("wan", money_text)
    return parse(env.get_template("report.txt.j2").render(**context(evaluations)))


def chart_png(name: str, evaluations: Sequence[Evaluation]) -> bytes:
    """The charts a report may name: execution rate against score, the score histogram."""
    evs = [fill_computed(ev) for ev in evaluations]
    scores = [ev.total_score_stated for ev in evs if ev.total_score_stated is not None]
    if name == "execution":
        points = []
        for ev in evs:
            f = ev.funds
            rate = f.executed / f.adjusted_budget if f and f.executed is not None and f.adjusted_budget else None
            if rate is not None and ev.total_score_stated is not None:
                points.append((rate, ev.total_score_stated))
        return charts.to_png(charts.execution_vs_score(points))
    if name == "scores":
        return charts.to_png(charts.score_histogram(scores))
    raise ValueError(f"报告模板引用了未知图表“{name}”（可用：execution、scores）")
