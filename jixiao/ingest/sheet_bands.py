"""Tables side by side on one sheet, read one after the other.

A workbook may put two projects' forms beside each other on one sheet, with an empty column
between them.  Read row by row, the two forms' rows would alternate (the left form's 项目名称,
then the right one's, …) and neither would be read.  So a sheet whose shown cells fall into bands
of columns with an empty column between them (a merged range covers the columns under it) is
read band by band, when every band holds a form's own labels — a 项目名称 or an indicator level
header: a column left empty inside one form leaves a band of figures or notes, which holds none,
and the sheet is read as it is."""

from __future__ import annotations

from jixiao.ingest import labels as L
from jixiao.ingest.cells import Cell


def band_by_band(cells: list[Cell], spans: dict[tuple[int, int], int]) -> list[Cell]:
    """The cells band by band (each band's in the sheet's order), or as they are."""
    bands = _bands(cells, spans)
    if len(bands) < 2:
        return cells
    parts: list[list[Cell]] = [[] for _ in bands]
    for c in cells:
        parts[_band_of(bands, c.column or 0)].append(c)
    if not all(any(_opens_form(c) for c in part) for part in parts):
        return cells
    return [c for part in parts for c in part]


def _bands(cells: list[Cell], spans: dict[tuple[int, int], int]) -> list[tuple[int, int]]:
    """(first, last) column of each run of used columns."""
    used: set[int] = set()
    for c in cells:
        if c.column is None:
            return []
        width = spans.get((c.row or 0, c.column), 1) if spans else 1
        if width == 1:
            used.add(c.column)
        else:
            used.update(range(c.column, c.column + width))
    out: list[tuple[int, int]] = []
    for col in sorted(used):
        if out and col == out[-1][1] + 1:
            out[-1] = (out[-1][0], col)
        else:
            out.append((col, col))
    return out


def _band_of(bands: list[tuple[int, int]], column: int) -> int:
    return next((k for k, (first, last) in enumerate(bands) if first <= column <= last), 0)


def _opens_form(c: Cell) -> bool:
    return c.key in L.PROJECT_NAME or c.key in L.LEVEL_HEADERS
