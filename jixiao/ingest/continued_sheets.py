"""A table continued on the workbook's next sheet (自评表 | 自评表(续)): the indicator rows a form
ran past its printed page with, put on a sheet of their own, with or without the indicator
header printed again.

Each sheet is read on its own; a sheet that opens inside a table (indicator rows before any
项目名称, no funds block of its own) while the sheet before it holds a table that has not
reached its 总分 goes on with that table: its opening cells are read after the previous sheet's.
Each cell keeps its own sheet, so every value still names the sheet and cell it was read from.
"""

from __future__ import annotations

from jixiao.ingest import labels as L
from jixiao.ingest.cells import Cell
from jixiao.ingest.regions import leading_fragment
from jixiao.ingest.sections.fitting import headerless_rows
from jixiao.ingest.settings import DEFAULT, Settings

Sheets = list[tuple[str, list[Cell]]]


def join_continued(sheets: Sheets, settings: Settings = DEFAULT) -> Sheets:
    """The sheets with each one's opening rows that continue the sheet before it moved there
    (a sheet left with nothing is dropped)."""
    out: Sheets = []
    for name, cells in sheets:
        at = _continuation_end(cells, settings) if out and _open_table(out[-1][1]) else 0
        if at:
            out[-1] = (out[-1][0], out[-1][1] + cells[:at])
            cells = cells[at:]
        if cells:
            out.append((name, cells))
    return out


def _anchors(cells: list[Cell]) -> list[int]:
    return [i for i, c in enumerate(cells) if c.key in L.PROJECT_NAME]


def _open_table(cells: list[Cell]) -> bool:
    """The sheet's last table has its indicator header and has not reached a 总分 line."""
    anchors = _anchors(cells)
    if not anchors:
        return False
    last = cells[anchors[-1] :]
    return any(c.key in L.LEVEL_HEADERS for c in last) and not any(c.key in L.TOTAL for c in last)


def _continuation_end(cells: list[Cell], settings: Settings) -> int:
    """How many of the sheet's opening cells continue a table (0: none) — the cells before its
    first 项目名称 (all of them when it has none), when they hold indicator rows (an indicator
    header, or rows the headerless reading takes) and no funds block of their own."""
    anchors = _anchors(cells)
    first = anchors[0] if anchors else len(cells)
    head = cells[:first]
    if not head or any(c.key in L.FUND_TOTAL for c in head):
        return 0
    header = sum(1 for c in head if c.key in L.LEVEL_HEADERS) >= 2
    if not header and not headerless_rows(head, settings):
        return 0
    if anchors and not leading_fragment(cells, first) and not header:
        return 0
    return first
