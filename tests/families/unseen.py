"""Families of the classes found on real pages ingest had not seen (corpus2): a page that begins
inside the indicator table, a form that names its project only in its title, and a document
site's preview (the whole form run together, cut into numbered chunks).

A family that leaves part of a table out says what its document still states (``Doc.expected``):
a page cut above the indicator rows states no header, funds or first labels.
"""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

from tests.families.form import Grid, Style, layout
from tests.families.truth import Truth

TOP_CUT = (
    "year", "project_name", "department", "implementing_unit", "execution_rate_stated",
    "execution_weight", "execution_score_stated",
)  # fmt: skip
KINDS = ("绩效自评表", "项目支出绩效自评表", "自评结果", "绩效自评")


def _grid(truth: Truth, rng: random.Random, held_out: bool, labels: Any) -> Grid:
    (grid,) = layout(truth, Style(labels=labels(rng, held_out)))
    return grid


def cut_above_rows(grid: Grid) -> tuple[list[list[str]], int]:
    """The printed rows from the first indicator row on (header, funds, goals and the indicator
    header cut away), the first row's 一级 and 二级 cells blank: the page begins inside the
    table.  Returns the rows and how many leading truth rows lost their 一级 / 二级 with the cut."""
    rows = grid.visible_rows() if not grid.merges else _unmerged(grid)
    header = next(k for k, row in enumerate(rows) if "三级指标" in row or any("三级" in c for c in row))
    body = [list(r) for r in rows[header + 1 :]]
    body[0][1:3] = ["", ""]
    return body, header


def _unmerged(grid: Grid) -> list[list[str]]:
    covered = grid.covered()
    return [["" if (r, c) in covered else t for c, t in enumerate(row)] for r, row in enumerate(grid.rows)]


def headerless_expected(truth: Truth) -> dict[str, Any]:
    """What a page cut just above the indicator rows still states: the rows, their 一级 / 二级
    where a label cell is printed below the cut, the total."""
    data = {k: v for k, v in truth.data.items()}
    for key in TOP_CUT:
        data[key] = None
    data["funds"] = {"initial_budget": None, "adjusted_budget": None, "executed": None}
    rows = [dict(r) for r in truth.rows]
    for key in ("level1", "level2"):
        first = rows[0].get(key) if rows else None
        for r in rows:
            if r.get(key) != first or (key == "level2" and r.get("level1") != rows[0].get("level1")):
                break
            r[key] = None
    data["indicators"] = rows
    return data


def preview_chunks(text: str, rng: random.Random) -> list[str]:
    """A document site's preview: the text run together, cut into chunks of a few hundred
    characters, each after its page number (``1、…``, ``2、…``)."""
    size = rng.randint(200, 290)
    chunks = [text[k : k + size] for k in range(0, len(text), size)]
    return [f"{n}、{chunk}" for n, chunk in enumerate(chunks, start=1)]


def title_project(truth: Truth, rng: random.Random) -> tuple[str, str] | None:
    """A title that names the project (``2021年度某项目绩效自评表``) and a prefix for it, or None
    when the truth has no year or no project to name."""
    year, project = truth.data.get("year"), truth.data.get("project_name")
    if not year or not project:
        return None
    return f"{year}年度{project}{rng.choice(KINDS)}", rng.choice(("", "某县", "某市财政局"))


def drop_project_row(grid: Grid) -> Grid:
    """The form without its 项目名称 row (the title names the project)."""
    at = next((k for k, row in enumerate(grid.rows) if row and row[0].replace(" ", "") == "项目名称"), None)
    if at is None:
        return grid
    rows = [r for k, r in enumerate(grid.rows) if k != at]
    merges = []
    for r1, c1, r2, c2 in grid.merges:
        if r1 <= at <= r2 and r1 == r2:
            continue
        shift = lambda r: r - 1 if r > at else r  # noqa: E731
        merges.append((shift(r1), c1, shift(r2) if r2 != at else r2 - 1, c2))
    return replace(grid, rows=rows, merges=[m for m in merges if m[0] <= m[2]])
