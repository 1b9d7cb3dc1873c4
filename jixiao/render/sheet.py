"""The standard 自评表 as a grid of cells, the one shape every writer (.xlsx, .docx, .pdf) draws.

A layout decides where each figure goes once; the writers only decide how a cell looks in
their format.  A cell keeps its figure as a ``Decimal`` beside the text shown, so the workbook
stores numbers, not text, and a formula carries the value it computes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from xlsxwriter.utility import xl_rowcol_to_cell


class Style(StrEnum):
    """What a cell is, which decides its font, alignment and number format in every writer."""

    TITLE = "title"
    SUBTITLE = "subtitle"
    HEAD = "head"  # column headings and row labels of the form
    TEXT = "text"  # free text (names, goals, reasons), left aligned
    CENTER = "center"  # short text, centred (一级/二级 names, targets)
    MONEY = "money"  # 万元, two decimals
    RATE = "rate"  # a fraction shown as a percentage with two decimals
    NUMBER = "number"  # 分值 and 得分, shown as written


@dataclass(slots=True)
class Cell:
    text: str = ""
    style: Style = Style.TEXT
    value: Decimal | None = None
    formula: str | None = None
    """An Excel formula whose result is ``value`` (only where it agrees with the stated figure)."""


@dataclass(slots=True)
class Sheet:
    """One evaluation's table, 0-based rows and columns; ``merges`` as (r1, c1, r2, c2) inclusive."""

    name: str
    widths: list[float]
    rows: list[list[Cell]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    repeat_rows: tuple[int, int] | None = None
    """Header rows printed again on every page (the indicator table's heading)."""
    landscape: bool = True

    @property
    def columns(self) -> int:
        return len(self.widths)

    def add(self, *cells: Cell | str) -> int:
        """Append a row (strings become text cells); returns its index."""
        row = [c if isinstance(c, Cell) else Cell(c) for c in cells]
        row += [Cell() for _ in range(self.columns - len(row))]
        self.rows.append(row)
        return len(self.rows) - 1

    def merge(self, r1: int, c1: int, r2: int, c2: int) -> None:
        if (r1, c1) != (r2, c2):
            self.merges.append((r1, c1, r2, c2))

    def merge_down(self, column: int, keys: list[str | None], first: int) -> None:
        """Merge runs of equal keys in ``column`` from row ``first`` down, as users merge a 一级
        or 二级 label over its rows; the label stays in the top cell only."""
        start = 0
        for k in range(1, len(keys) + 1):
            if k == len(keys) or keys[k] != keys[start]:
                if k - 1 > start and keys[start]:
                    self.merge(first + start, column, first + k - 1, column)
                    for r in range(first + start + 1, first + k):
                        self.rows[r][column] = Cell(style=self.rows[r][column].style)
                start = k

    def spans(self) -> tuple[dict[tuple[int, int], tuple[int, int]], set[tuple[int, int]]]:
        """(row span, column span) of each merge's top-left cell, and the cells merges cover."""
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        covered: set[tuple[int, int]] = set()
        for r1, c1, r2, c2 in self.merges:
            spans[(r1, c1)] = (r2 - r1 + 1, c2 - c1 + 1)
            covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - {(r1, c1)}
        return spans, covered


def ref(row: int, column: int) -> str:
    """0-based (row, column) → an A1 reference."""
    return str(xl_rowcol_to_cell(row, column))
