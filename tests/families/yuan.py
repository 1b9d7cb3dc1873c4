"""The national form with its funds stated in 元 rather than 万元: every amount of the funds block
(年度资金总额 and its sources) ×10000, the execution rate, weight and score as they are, and the
unit written where forms write it — a line above the table (``单位：元``, ``金额单位：元``) in a
row of its own, in the year's line under the title, in a cell of its own at the row's right end
or as a paragraph before the table; or in the amount headers (``年初预算数（元）``) or the funds
label (``项目资金（元）``).  The document states unit 元: the expectation carries it.
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal
from typing import Any

from tests.families.form import Grid, Labels, Style, layout, number
from tests.families.truth import Truth

_AMOUNTS = ("initial_budget", "adjusted_budget", "executed")

# where the unit is written: a line above the table (class a), the headers (class b)
PLACES = ("row", "year_line", "right_cell", "paragraph", "headers", "funds_label")

# the words of a unit line; the second tuple only in held-out variants
_LINE_WORDS = (("单位：元", "金额单位：元"), ("单位:元", "金额单位:元", "单位： 元"))
_MARKS = (("（元）", "(元)"), (" (元)", "（ 元 ）"))


def to_yuan(value: Any) -> Decimal | None:
    """A truth amount in 万元 as the same amount in 元 (exact; two decimals where that is exact)."""
    if value is None:
        return None
    d = Decimal(number(value)) * 10000
    cents = d.quantize(Decimal("0.01"))
    return cents if cents == d else d


def in_yuan(truth: Truth) -> Truth:
    """The truth with its funds in 元 and its expected unit 元."""
    data = dict(truth.data)
    funds = dict(data.get("funds") or {})
    for key in _AMOUNTS:
        funds[key] = to_yuan(funds.get(key))
    funds["unit"] = "元"
    data["funds"] = funds
    sources = tuple((name, *(to_yuan(v) for v in amounts)) for name, *amounts in truth.sources)
    return replace(truth, data=data, sources=sources)  # type: ignore[arg-type]


def _pick(rng: random.Random, held_out: bool, words: tuple[tuple[str, ...], tuple[str, ...]]) -> str:
    seen, held = words
    return rng.choice(seen + held if held_out else seen)


def _unit_row(grid: Grid, at: int, text: str, *, right: bool) -> Grid:
    """A row of its own inserted at ``at``: the unit line spanning the row, or in its last cell only."""
    width = grid.width
    row = [""] * width
    row[width - 1 if right else 0] = text
    rows = [*grid.rows[:at], row, *grid.rows[at:]]
    merges = [(r1 + (r1 >= at), c1, r2 + (r2 >= at), c2) for r1, c1, r2, c2 in grid.merges]
    if not right:
        merges.append((at, 0, at, width - 1))
    return replace(grid, rows=rows, merges=merges)


def _captioned(grid: Grid, titles: int, line: str) -> list[Any]:
    """The title rows taken out of the grid as paragraphs, the unit line after them, then the
    table from its 项目名称 row (a Word document or a web page: the table under its caption)."""
    lines = [grid.rows[r][0] for r in range(titles)] + [line]
    merges = [(r1 - titles, c1, r2 - titles, c2) for r1, c1, r2, c2 in grid.merges if r1 >= titles]
    return [lines, replace(grid, rows=grid.rows[titles:], merges=merges)]


def _title_rows(truth: Truth) -> int:
    return 2 if truth.data.get("year") else 1


def written(truth: Truth, rng: random.Random, held_out: bool, labels: Labels) -> tuple[list[Any], str]:
    """The blocks of one 元 document (a paragraph and the grid, or the grid alone) and where its
    unit was written."""
    scaled = in_yuan(truth)
    place = rng.choice(PLACES)
    lb = replace(labels, funds=labels.funds.replace("万元", "元"))
    if place in ("headers", "funds_label"):
        mark = _pick(rng, held_out, _MARKS)
        if place == "headers":
            lb = replace(lb, funds=_bare(lb.funds), initial=lb.initial + mark, adjusted=lb.adjusted + mark,
                         executed=lb.executed + mark)  # fmt: skip
        (grid,) = layout(scaled, Style(labels=lb))
        return [grid], place
    lb = replace(lb, funds=_bare(lb.funds))
    (grid,) = layout(scaled, Style(labels=lb))
    line = _pick(rng, held_out, _LINE_WORDS)
    if place == "paragraph":
        return _captioned(grid, _title_rows(truth), line), place
    if place == "year_line" and truth.data.get("year"):
        grid.rows[1][0] = f"{grid.rows[1][0]}    {line}"
        return [grid], place
    return [_unit_row(grid, _title_rows(truth), line, right=place == "right_cell")], place


def _bare(label: str) -> str:
    """The funds label without its unit mark (项目资金（万元） → 项目资金)."""
    for mark in ("（万元）", "(万元)", "（元）", "(元)"):
        label = label.replace(mark, "")
    return label.rstrip()


def expected(truth: Truth) -> dict[str, Any]:
    return in_yuan(truth).data
