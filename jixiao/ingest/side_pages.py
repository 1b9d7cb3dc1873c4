"""A sheet printed wider than its paper: the right-hand columns on pages of their own.

Excel and LibreOffice print a sheet that does not fit the page's width (no fit-to-page set) in
strips: the first pages hold the left-hand columns, later ones the columns to their right, each
strip's rows at the same heights on the paper as the rows they continue (the same rows, cut).
Read page by page, the right-hand strip is a second table of the 分值 / 得分 / 偏差原因 columns
alone, its rows taken for more indicator rows under the left-hand strip's header — wrong values.

A page whose ruled rows open, one for one, at the heights of an earlier page's rows is that page's
columns continued: its cells are put at the end of those rows (``join``).  A table continued *down*
the next page also starts its rows where the page starts, so the heights alone could match by
chance when every row is one line high; two things tell a strip from a continuation down: the
strip's columns are other columns (edges the page it continues has not: a table's going on down
has its columns, or some of them, where the funds' columns fall away), or its rows' heights vary
as the rows of the page it continues do — a run of rows of different heights does not recur by
chance.  Where
both fail (columns of one width, rows of one line), a row of column headers at the height of a
row of headers, none of them on the page it continues (年度指标值 | 实际完成值 beside 一级指标 |
二级指标), tells a strip; a header printed again over a table's going on down is one that page has.
The rows are told by their tops, where the rules cut the page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TYPE_CHECKING

from jixiao.ingest import labels as L
from jixiao.ingest.settings import DEFAULT, Settings

if TYPE_CHECKING:
    from jixiao.ingest.pdf import Page


@dataclass(frozen=True)
class Shape:
    """One ruled table's geometry on its page: each row's (top, bottom), its columns' edges."""

    rows: tuple[tuple[float, float], ...]
    columns: tuple[float, ...]


def join(pages: list[Page], settings: Settings = DEFAULT) -> list[Page]:
    """The pages with every strip of right-hand columns put beside the rows it continues."""
    out: list[Page] = []
    for page in pages:
        left = next((k for k, p in enumerate(out) if beside(p, page, settings)), None)
        if left is None:
            out.append(page)
        else:
            out[left] = _joined(out[left], page, settings)
    return out


def beside(left: Page, right: Page, settings: Settings = DEFAULT) -> bool:
    """Does ``right`` continue ``left``'s rows with further columns? Its rows (at least
    ``side_page_min_rows``, and ``side_page_min_share`` of them) at the heights of ``left``'s, and
    either other column edges or rows of more than one height among those matched."""
    if not left.shapes or not right.shapes or len(left.shapes) != len(left.tables):
        return False
    theirs = [row for s in right.shapes for row in s.rows]
    ours = [row for s in left.shapes for row in s.rows]
    matched = [row for row in theirs if _match(row, ours, settings) is not None]
    if len(matched) < settings.side_page_min_rows or len(matched) < settings.side_page_min_share * len(theirs):
        return False
    tol = settings.side_page_tolerance
    tops = sorted(t for t, _b in matched)
    heights = {round((b - a) / tol) for a, b in pairwise(tops)}
    edges = {round(x / tol) for s in left.shapes for x in s.columns}
    other_columns = any(round(x / tol) not in edges for s in right.shapes for x in s.columns)
    return other_columns or len(heights) > 1 or _other_headers(left, right, settings)


def _other_headers(left: Page, right: Page, settings: Settings) -> bool:
    """A row of column headers at the height of a row of headers, none of them a header of the
    page it continues (年度指标值 | 实际完成值 beside 一级指标 | 二级指标): further columns of the
    header row.  A table going on down the page with its header printed again repeats headers
    that page has."""
    ours = {round(t / settings.side_page_tolerance): row for s, (_b, rows) in zip(left.shapes, left.tables, strict=True)
            for (t, _bottom), row in zip(s.rows, rows, strict=False)}  # fmt: skip
    anywhere = set().union(*(_headers(row) for row in ours.values()))
    for s, (_b, rows) in zip(right.shapes, right.tables, strict=True):
        for (t, _bottom), row in zip(s.rows, rows, strict=False):
            mine, theirs = _headers(row), _headers(ours.get(round(t / settings.side_page_tolerance), []))
            if mine and theirs and not mine & anywhere:
                return True
    return False


def _headers(row: list[str]) -> set[str]:
    keys = {L.key(text) for text in row if text}
    return {k for k in keys if k in L.INDICATOR_HEADERS or k in L.FUND_HEADERS or k in L.LEVEL_HEADERS}


def _match(row: tuple[float, float], rows: list[tuple[float, float]], settings: Settings) -> int | None:
    """The index of the row of ``rows`` whose top is ``row``'s, or None (a row's bottom is that of
    the tallest cell it opens, a range merged down: not the row's own)."""
    tol = settings.side_page_tolerance
    return next((k for k, (t, _b) in enumerate(rows) if abs(t - row[0]) <= tol), None)


def _joined(left: Page, right: Page, settings: Settings) -> Page:
    """``left`` with ``right``'s cells after its rows' cells: each right-hand row beside the
    left-hand row at its height; one with none there (a row whose left-hand cells are one merged
    range, printed without its rules) in the left-hand table it lies in or right under."""
    added = max((len(r) for _b, rows in right.tables for r in rows), default=0)
    entries: list[list[_Entry]] = []
    for (_b, rows), shape in zip(left.tables, left.shapes, strict=True):
        width = max((len(r) for r in rows), default=0)
        pairs = zip(shape.rows, rows, strict=False)
        entries.append([_Entry(top, bottom, r + [""] * (width - len(r))) for (top, bottom), r in pairs])
    for (_b, rows), shape in zip(right.tables, right.shapes, strict=True):
        for row, cells in zip(shape.rows, rows, strict=False):
            _entry(entries, row, settings).right = cells + [""] * (added - len(cells))
    tables, shapes = [], []
    for (bottom, _rows), shape, table in zip(left.tables, left.shapes, entries, strict=True):
        table.sort(key=lambda e: e.top)
        tables.append((max([bottom, *(e.bottom for e in table)]), [e.left + (e.right or [""] * added) for e in table]))
        shapes.append(Shape(tuple((e.top, e.bottom) for e in table), shape.columns))
    return replace(left, tables=tables, shapes=shapes)


@dataclass
class _Entry:
    top: float
    bottom: float
    left: list[str]
    right: list[str] | None = None


def _entry(entries: list[list[_Entry]], row: tuple[float, float], settings: Settings) -> _Entry:
    """The left-hand row at ``row``'s height, or a new one, empty on the left, in the left-hand
    table the row lies in or closes (the first table when it lies in none)."""
    for table in entries:
        if (k := _match(row, [(e.top, e.bottom) for e in table], settings)) is not None:
            return table[k]
    tol = settings.side_page_tolerance
    spans = [(k, min(e.top for e in t), max(e.bottom for e in t)) for k, t in enumerate(entries) if t]
    at = next((k for k, a, b in spans if a - tol <= row[0] <= b + tol), 0)
    width = len(entries[at][0].left) if entries[at] else 0
    new = _Entry(row[0], row[1], [""] * width)
    entries[at].append(new)
    return new
