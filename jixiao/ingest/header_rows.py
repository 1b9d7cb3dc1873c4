"""A grid's header over two rows read as one: a label on the first row spanning several columns
(``预算数`` over ``年初`` | ``全年``, ``指标值`` over ``目标值`` | ``实际值``) gives way to the labels
under it, which take its place on the first row, named in full (``年初预算数``) where the label and
the group together make a column header the layouts know.

A second row is taken as the labels under a first only where every cell of it stands under a
column header of the first row that has two or more of them (a column split in two), none holds
a figure or is long, and each names a column (a header the layouts know, or a word of one:
计划值, 完成值) and no label of another kind (a field's, a block's) — the first row of values
under a header has a cell under every header, and its figures."""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.ingest import labels as L
from jixiao.ingest.cells import Cell

_Run = tuple[int, int]
"""The (start, end) indexes of a run of cells on one row."""


def lift_subheaders(cells: Sequence[Cell], max_chars: int) -> list[Cell]:
    """The cells with each two-row grid header made one row (see the module's docstring).  Cells
    of text (no row and column) are returned as they are, without looking for rows."""
    if not any(c.row is not None and c.column is not None for c in cells):
        return list(cells)  # no cell opens a run of two: every run is one cell, and none is lifted
    rows = _grid_rows(cells)
    out: list[Cell] = []
    k = 0
    while k < len(rows):
        first, second = rows[k], rows[k + 1] if k + 1 < len(rows) else None
        lifted = _lifted(cells, first, second, max_chars) if second is not None else None
        if lifted is None:
            out += cells[first[0] : first[1]]
            k += 1
        else:
            out += lifted
            k += 2
    return out


def _grid_rows(cells: Sequence[Cell]) -> list[_Run]:
    """(start, end) of each run of cells on one row; a cell off any grid is a run of its own."""
    runs: list[_Run] = []
    start = 0
    for k in range(1, len(cells) + 1):
        if k == len(cells) or not _same_row(cells[start], cells[k]):
            runs.append((start, k))
            start = k
    return runs


def _same_row(a: Cell, b: Cell) -> bool:
    if a.row is None or a.column is None or b.column is None:
        return False
    return (a.row, a.sheet, a.page) == (b.row, b.sheet, b.page)


def _lifted(cells: Sequence[Cell], first: _Run, second: _Run, max_chars: int) -> list[Cell] | None:
    """The first row with the second's labels in place of the groups over them, or None when the
    second row is not the labels under the first."""
    top, under = list(cells[first[0] : first[1]]), list(cells[second[0] : second[1]])
    if len(under) < 2 or len(top) < 2 or not _next_row(top[0], under[0]):
        return None
    if any(len(c.text) > max_chars or any(map(str.isdigit, c.text)) for c in under):
        return None
    groups: dict[int, list[Cell]] = {}
    for c in under:
        g = _group_of(top, c)
        if g is None:
            return None
        groups.setdefault(g, []).append(c)
    if any(len(subs) < 2 or not _column_header(top[g]) for g, subs in groups.items()):
        return None
    named = {g: [_named(top[g], c) for c in subs] for g, subs in groups.items()}
    flat = [c for subs in named.values() for c in subs]
    if not all(_column_header(c) or _column_word(c) for c in flat):
        return None  # a label of another kind under the group (a block's, a field's), or no column's
    if any(L.known_label(c.text) and not _column_header(c) for c in flat):
        return None
    out: list[Cell] = []
    for g, c in enumerate(top):
        out += named.get(g, [c])
    return out


def _column_word(c: Cell) -> bool:
    """A header no layout names that holds a word of a column (计划值, 完成值, 年初预算)."""
    return any(word in c.key for word, _col in (*L.COLUMN_WORDS, *L.FUND_COLUMN_WORDS))


def _column_header(c: Cell) -> bool:
    """A header of a column of the funds or the indicator table, as the layouts name them."""
    return c.key in L.INDICATOR_HEADERS or c.key in L.FUND_HEADERS


def _next_row(top: Cell, under: Cell) -> bool:
    return under.row == (top.row or 0) + 1 and (under.sheet, under.page) == (top.sheet, top.page)


def _group_of(top: list[Cell], c: Cell) -> int | None:
    """The index of the first-row cell whose columns ``c`` stands in: the last one at or left of its
    column (the first row's cells are in column order)."""
    at = None
    for g, t in enumerate(top):
        if t.column is not None and c.column is not None and t.column <= c.column:
            at = g
    return at


def _named(group: Cell, sub: Cell) -> Cell:
    """The label under a group on the group's row: in full (``年初`` + ``预算数``) where that is a
    known label and the label alone is not."""
    text = sub.text
    if not _column_header(sub):
        both = (Cell(text + group.text), Cell(group.text + text))
        text = next((c.text for c in both if _column_header(c)), text)
    return Cell(text, sub.line, group.row, sub.column, sub.cell, sub.page, sub.sheet)
