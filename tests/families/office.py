"""Office layouts of the national form the other families do not write.

- ``two_row_header``: headers over two rows — the funds' 预算数 spanning 年初 | 全年 and the
  indicators' 指标值 spanning 目标值 | 实际值, the other headers merged down both rows.
"""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

from tests.families.form import Grid, Labels, Style, layout
from tests.families.truth import Truth

# (seen, held out) label variants of the groups and of the labels under them
_FUNDS_GROUP = (("预算数",), ("预算数",))
_FUNDS_UNDER = ((("年初", "全年"), ("年初预算数", "全年预算数")), (("年初预算", "全年预算"),))
_TARGET_GROUP = (("指标值",), ("年度指标值",))
_TARGET_UNDER = ((("目标值", "实际值"), ("年度目标值", "实际完成值")), (("计划值", "完成值"), ("目标值", "完成值")))


def _pick(rng: random.Random, held_out: bool, variants: tuple[tuple[Any, ...], tuple[Any, ...]]) -> Any:
    seen, held = variants
    return rng.choice(seen + held if held_out else seen)


def insert_row(grid: Grid, at: int, row: list[str]) -> Grid:
    """A row put in before row ``at``: merges below it move down, merges over it grow by it."""
    merges = [(r1 + (r1 >= at), c1, r2 + (r2 >= at), c2) for r1, c1, r2, c2 in grid.merges]
    return replace(grid, rows=[*grid.rows[:at], row + [""] * (grid.width - len(row)), *grid.rows[at:]], merges=merges)


def split_header(grid: Grid, first: str, group: str, under: tuple[str, str]) -> Grid:
    """The header row holding ``first`` (and the label after it) over two rows: ``group`` spans the
    two columns on the first, ``under`` names them on the second; every other header cell of the
    row is merged down both rows."""
    r = next(k for k, row in enumerate(grid.rows) if first in row)
    c = grid.rows[r].index(first)
    grid = insert_row(grid, r + 1, [""] * c + list(under))
    rows = [list(row) for row in grid.rows]
    rows[r][c], rows[r][c + 1] = group, ""
    merges = []
    for r1, c1, r2, c2 in grid.merges:
        merges.append((r1, c1, r + 1, c2) if r1 == r == r2 else (r1, c1, r2, c2))  # a header spanning across
    covered = {(rr, cc) for r1, c1, r2, c2 in merges for rr in range(r1, r2 + 1) for cc in range(c1, c2 + 1)}
    merges.append((r, c, r, c + 1))
    for k, text in enumerate(rows[r]):
        if text and k != c and (r, k) not in covered:
            merges.append((r, k, r + 1, k))
    return replace(grid, rows=rows, merges=merges)


def two_row_header(truth: Truth, rng: random.Random, held_out: bool) -> Any:
    """The national form with its funds' and indicators' headers each over two rows."""
    from tests.families.families import Doc, Part, labels

    lb: Labels = labels(rng, held_out)
    (grid,) = layout(truth, Style(labels=lb))
    grid = split_header(grid, lb.initial, _pick(rng, held_out, _FUNDS_GROUP), _pick(rng, held_out, _FUNDS_UNDER))
    grid = split_header(grid, lb.target, _pick(rng, held_out, _TARGET_GROUP), _pick(rng, held_out, _TARGET_UNDER))
    return Doc([Part("自评表", [grid])])
