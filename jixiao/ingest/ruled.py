"""Ruled tables of a PDF page found by pdfplumber's rules, its slowest step done in less time.

pdfplumber's ``TableFinder`` snaps and joins the page's ruling lines, finds where they cross,
makes a cell of every smallest rectangle whose four corners are joined by lines, and groups
the cells into tables.  Its cell step (``intersections_to_cells``) turns each crossing's lines
into a set again for every pair of crossings it compares, and looks for the crossings below
and to the right of each one by scanning all that follow: three quarters of the finder's time
on a form's page.  ``cells_of`` asks the same questions in the same order, with each
crossing's lines made a set once and the crossings grouped by column and by row, so it gives
the very same cells (a test compares it with pdfplumber's on every PDF the tests have and on
random grids); the other steps are pdfplumber's own.
"""

from __future__ import annotations

from typing import Any

from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections
from pdfplumber.table import intersections_to_cells as pdfplumber_cells
from pdfplumber.utils.geometry import obj_to_bbox

_Point = tuple[float, float]
_Bbox = tuple[float, float, float, float]


class RuledTables(TableFinder):
    """``TableFinder`` (pdfplumber 0.11's steps, in its order) with ``cells_of`` for its cell step."""

    def __init__(self, page: Any, settings: Any = None) -> None:
        self.page = page
        self.settings = TableSettings.resolve(settings)
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges, self.settings.intersection_x_tolerance, self.settings.intersection_y_tolerance
        )
        self.cells = cells_of(self.intersections)
        self.tables = [Table(self.page, group) for group in cells_to_tables(self.cells)]


def cells_of(intersections: dict[_Point, dict[str, list[Any]]]) -> list[_Bbox]:
    """``pdfplumber.table.intersections_to_cells``, the same cells in the same order."""
    points = sorted(intersections)
    if any(x != x or y != y for x, y in points):
        return list(pdfplumber_cells(intersections))  # NaN: no grouping by value can stand for ==
    vertical = {p: {obj_to_bbox(e) for e in intersections[p]["v"]} for p in points}
    horizontal = {p: {obj_to_bbox(e) for e in intersections[p]["h"]} for p in points}
    column: dict[float, list[_Point]] = {}
    row: dict[float, list[_Point]] = {}
    for p in points:  # sorted by x then y: a column's points by y, a row's by x
        column.setdefault(p[0], []).append(p)
        row.setdefault(p[1], []).append(p)

    def connects(p: _Point, q: _Point) -> bool:
        if p[0] == q[0] and not vertical[p].isdisjoint(vertical[q]):
            return True
        return p[1] == q[1] and not horizontal[p].isdisjoint(horizontal[q])

    cells: list[_Bbox] = []
    for pt in points:
        below = [q for q in column[pt[0]] if q[1] > pt[1]]
        right = [q for q in row[pt[1]] if q[0] > pt[0]]
        cell = _smallest(pt, below, right, connects, intersections)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest(
    pt: _Point, below: list[_Point], right: list[_Point], connects: Any, at: dict[_Point, Any]
) -> _Bbox | None:
    """The first cell with ``pt`` as its top-left corner, in pdfplumber's order of trying."""
    for below_pt in below:
        if not connects(pt, below_pt):
            continue
        for right_pt in right:
            if not connects(pt, right_pt):
                continue
            corner = (right_pt[0], below_pt[1])
            if corner in at and connects(corner, right_pt) and connects(corner, below_pt):
                return (pt[0], pt[1], corner[0], corner[1])
    return None
