"""Funds written in shapes other than the national row block (``年度资金总额 | 300 | 300 | 296.26 …``).

Two shapes are common in provincial forms and system exports (layouts.md, 一体化 exports):

- **label / value pairs**: each figure in the cell right after its own label —
  ``年初预算数 | 300 | 全年预算数 | 300 | 全年执行数 | 296.26``, and the execution line as
  ``分值 | 10 | 执行率 | 98.75% | 得分 | 9.88``;
- **transposed**: the sources across and the amounts down — ``年度资金总额 | 其中：当年财政拨款 |
  上年结转资金``, then a row per amount: ``年初预算数 | 300 | 300 | 0``.

Which label is which column comes from the layouts (``labels.FUND_HEADERS``, the funds' column
headers, and ``labels.fund_source``); nothing here names a form.  On a grid each figure is
matched to the label above it by column; in text the figures of a transposed row are matched
in order only when there is exactly one per column — a row short of figures cannot say which
one is missing, so it is left unread and reported (a doubt), never guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.ingest import labels as L
from jixiao.ingest.cells import Cell
from jixiao.model.values import parse_decimal
from jixiao.model.vocabulary import is_dash

AMOUNTS = (L.FundColumn.INITIAL, L.FundColumn.ADJUSTED, L.FundColumn.EXECUTED)

Row = dict[L.FundColumn, Decimal | None]
ShortRow = Callable[[Cell, int, int], None]
"""Told of a transposed row in text with fewer figures than columns: its label cell, the figures
found and the columns expected."""


def _figure(text: str) -> bool:
    """A funds figure, or the form's dash for "nothing here"."""
    return is_dash(text) or parse_decimal(text) is not None


def _value(text: str) -> Decimal | None:
    return None if is_dash(text) else parse_decimal(text)


def label_pairs(cells: Sequence[Cell], start: int, stop: int) -> dict[L.FundColumn, tuple[Decimal | None, Cell]]:
    """Every funds column label directly followed by a figure, between ``start`` and ``stop``:
    the column, the figure, and the label's cell (the first pair of a column wins)."""
    out: dict[L.FundColumn, tuple[Decimal | None, Cell]] = {}
    i = start
    while i + 1 < min(stop, len(cells)):
        col = L.FUND_HEADERS.get(cells[i].key)
        if col is not None and col not in out and _figure(cells[i + 1].text):
            out[col] = (_value(cells[i + 1].text), cells[i])
            i += 2
            continue
        i += 1
    return out


@dataclass
class Transposed:
    """The funds read from a transposed block: the total's row and each source's, by column."""

    total: Row = field(default_factory=dict)
    sources: list[tuple[str, Cell, Row]] = field(default_factory=list)
    end: int = 0
    """The index of the first cell after the block."""


def _source_labels(cells: Sequence[Cell], at: int, stop: int) -> list[int]:
    """The source labels right after the total's label (``其中：当年财政拨款 | 上年结转资金 …``)."""
    out = []
    i = at + 1
    while i < stop and L.fund_source(cells[i].text) is not None:
        out.append(i)
        i += 1
    return out


def is_transposed(cells: Sequence[Cell], total_at: int, stop: int) -> bool:
    """Is the total's label a column header: followed (past the source labels) by an amount's
    label and its figure?"""
    i = total_at + 1 + len(_source_labels(cells, total_at, stop))
    return i + 1 < stop and L.FUND_HEADERS.get(cells[i].key) in AMOUNTS and _figure(cells[i + 1].text)


def read_transposed(cells: Sequence[Cell], total_at: int, stop: int, short: ShortRow | None = None) -> Transposed:
    """The block whose header is the total's label and the sources; each amount row below it."""
    heads = [total_at, *_source_labels(cells, total_at, stop)]
    got = Transposed(sources=[(L.fund_source(cells[h].text) or "", cells[h], {}) for h in heads[1:]])
    rows: list[Row] = [got.total, *(row for _n, _c, row in got.sources)]
    i = heads[-1] + 1
    while i < stop:
        col = L.FUND_HEADERS.get(cells[i].key)
        if col not in AMOUNTS:
            break
        figures = _figures_after(cells, i, stop)
        placed = _by_column(cells, heads, figures) if figures else None
        if placed is None and len(figures) == len(heads):
            placed = list(range(len(heads)))
        if placed is None and figures and short is not None:
            short(cells[i], len(figures), len(heads))
        for k, f in zip(placed or [], figures, strict=False):
            rows[k][col] = _value(cells[f].text)  # type: ignore[index]
        i += 1 + len(figures)
    got.end = i
    return got


def _figures_after(cells: Sequence[Cell], at: int, stop: int) -> list[int]:
    out = []
    for j in range(at + 1, stop):
        if not _figure(cells[j].text) or (cells[j].row is not None and cells[j].row != cells[at].row):
            break
        out.append(j)
    return out


def _by_column(cells: Sequence[Cell], heads: list[int], figures: list[int]) -> list[int] | None:
    """On a grid: the header each figure stands under (None when the source has no columns or a
    figure stands under no header)."""
    columns = [cells[h].column for h in heads]
    if any(c is None for c in columns) or any(cells[f].column is None for f in figures):
        return None
    out = []
    for f in figures:
        if cells[f].column not in columns:
            return None
        out.append(columns.index(cells[f].column))
    return out
