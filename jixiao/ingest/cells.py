"""A document as a stream of cells, whatever its layout.

Text copied out of Word, Excel, PDF and web pages loses the table grid in many ways: one cell
per line (seed 004), tabs with empty merged cells (seed 001), ``|`` between cells, cells glued
together, runs of spaces.  What survives is the order of the cells.  Each reader turns its
input into ``Cell``s in reading order; the extractor works on that stream and finds the
tables by their labels, not by their position.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from jixiao.model.evaluation import Location


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell's text and where it was read."""

    text: str
    line: int | None = None
    row: int | None = None
    column: int | None = None
    cell: str | None = None
    page: int | None = None
    sheet: str | None = None

    def location(self) -> Location:
        return Location(
            line=self.line, row=self.row, column=self.column, cell=self.cell, page=self.page, sheet=self.sheet
        )


_TAGS = re.compile(r"</?(?:p|br|div|span|td|tr|th|table|tbody|thead|b|strong|font)[^>]*>", re.IGNORECASE)
_BLANK = re.compile(r"[\s\u3000\xa0]+")
_SEPARATORS = re.compile(r"\s*[|\t]\s*")


def clean(text: str) -> str:
    """One cell's text: full-width spaces and runs of white space become one space, trimmed."""
    return _BLANK.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _split_spaced(line: str) -> list[str]:
    """A line whose cells are separated only by spaces (``年度资金总额: 880 880 880 10 10``).

    Single CJK characters spaced out for justified alignment (``产 出 指 标``) are joined back.
    """
    out: list[str] = []
    single = False
    for part in line.split():
        is_single = len(part) == 1 and _is_cjk(part)
        if is_single and single:
            out[-1] += part
        else:
            out.append(part)
        single = is_single
    return out


def _one_cell_per_line(lines: list[str]) -> bool:
    """Seed-004 style: every cell on its own line behind one tab; wrapped text has no tab."""
    tabbed = [ln for ln in lines if ln.strip()]
    if not tabbed:
        return False
    single = sum(1 for ln in tabbed if ln.startswith("\t") and "\t" not in ln[1:])
    return single / len(tabbed) > 0.6


def text_cells(text: str) -> list[Cell]:
    """Cells of a text extraction, each with its line number (1-based)."""
    lines = text.splitlines()
    if _one_cell_per_line(lines):
        return _cells_one_per_line(lines)
    cells: list[Cell] = []
    for number, raw in enumerate(lines, start=1):
        line = _TAGS.sub("|", raw)
        if not line.strip():
            continue
        pieces = _SEPARATORS.split(line) if "|" in line or "\t" in line else _split_spaced(line.strip())
        for piece in pieces:
            text_ = clean(piece)
            if text_:
                cells.append(Cell(text_, line=number))
    return cells


def _cells_one_per_line(lines: list[str]) -> list[Cell]:
    cells: list[Cell] = []
    pending: list[str] = []
    start = 0

    def flush() -> None:
        text_ = clean(" ".join(pending))
        if text_:
            cells.append(Cell(text_, line=start))

    for number, raw in enumerate(lines, start=1):
        if raw.startswith("\t") or not raw.strip():
            flush()
            pending, start = [raw[1:] if raw.startswith("\t") else ""], number
        else:  # a wrapped line continues the cell above
            pending.append(raw)
    flush()
    return cells
