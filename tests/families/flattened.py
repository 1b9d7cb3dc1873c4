"""Other kinds and forms flattened to text: every grid of a kind's document (a transfer region
form, a target form, a department-wide sheet, a key evaluation, the 2013 评分表, the 四川 split
target …) written out the ways text reaches us — pipe rows, one cell per line, spaced rows, a PDF's
text order, lines wrapped at a width.

The text families of ``families.py`` flatten the national form only; a page of a real site
flattens whatever form it holds, so each pairing of a kind and a flattening is a layout the
reader must have met.  The kind's writer decides the document and what it states; the
flattening only changes how its grids reach the reader.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from tests.families.form import Grid
from tests.families.truth import Truth

KINDS = (
    "transfer_region", "target_form", "department_overall", "department_sheet", "key_evaluation",
    "framework_2013", "sichuan_split", "method_column", "split_columns", "review_columns", "level_points",
    "formula_execution", "unnamed_headers",
)  # fmt: skip
"""The families whose documents are flattened (their writers are looked up in ``FAMILIES``)."""


def _pipe_rows(grid: Grid, rng: random.Random) -> list[str]:
    """Whole rows between pipes, a merged range's covered cells left empty; closed by pipes or not."""
    covered = grid.covered()
    rows = [["" if (r, c) in covered else t for c, t in enumerate(row)] for r, row in enumerate(grid.rows)]
    closed = rng.random() < 0.5
    return [("| " + " | ".join(row) + " |") if closed else " | ".join(row) for row in rows if any(row)]


def _cell_per_line(grid: Grid, rng: random.Random) -> list[str]:
    """Every printed cell on its own line (a merged range's text once)."""
    return [t for row in grid.visible_rows() for t in row if t]


def _spaced(grid: Grid, rng: random.Random) -> list[str]:
    """Each row's printed cells separated by single spaces."""
    return [" ".join(t for t in row if t) for row in grid.visible_rows() if any(row)]


def _pdf_order(grid: Grid, rng: random.Random) -> list[str]:
    """A PDF's text layer: a label merged down several rows printed on its middle row's line."""
    covered = grid.covered()
    moved = [["" if (r, c) in covered else t for c, t in enumerate(row)] for r, row in enumerate(grid.rows)]
    for r1, c1, r2, _c2 in grid.merges:
        mid = (r1 + r2) // 2
        if r2 > r1 and mid != r1:
            moved[mid][c1], moved[r1][c1] = moved[r1][c1], ""
    return [" ".join(t for t in row if t) for row in moved if any(row)]


def _wrapped(grid: Grid, rng: random.Random) -> list[str]:
    """Spaced rows, every line then broken at one fixed width."""
    width = rng.randint(30, 60)
    out: list[str] = []
    for line in _spaced(grid, rng):
        out += [line[k : k + width] for k in range(0, len(line), width)]
    return out


FLATTENINGS: dict[str, Callable[[Grid, random.Random], list[str]]] = {
    "pipes": _pipe_rows,
    "one_per_line": _cell_per_line,
    "spaced": _spaced,
    "pdf_order": _pdf_order,
    "wrapped": _wrapped,
}


def flattened_kinds(truth: Truth, rng: random.Random, held_out: bool) -> Any:
    """A kind's document (drawn among ``KINDS``) with every grid flattened one way (drawn among
    ``FLATTENINGS``); what it states is what the kind's document states."""
    from tests.families.families import FAMILIES, Doc, Part

    kind = rng.choice(KINDS)
    flatten = FLATTENINGS[rng.choice(sorted(FLATTENINGS))]
    doc = FAMILIES[kind](truth, rng, held_out)
    parts = [Part(p.name, [flatten(b, rng) if isinstance(b, Grid) else b for b in p.blocks]) for p in doc.parts]
    return Doc(parts, expected=doc.expected)
