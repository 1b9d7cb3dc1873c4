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

from jixiao.ingest import arithmetic, messages
from jixiao.ingest import labels as L
from jixiao.ingest.cells import Cell
from jixiao.ingest.table import Table
from jixiao.model.evaluation import Doubt, FundLine, Funds
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
    """Is the total's label a column header: followed (past the source labels) by the amounts'
    labels down, one of them with a figure after it?"""
    i = total_at + 1 + len(_source_labels(cells, total_at, stop))
    if i >= stop or L.FUND_HEADERS.get(cells[i].key) not in AMOUNTS:
        return False
    while i + 1 < stop and L.FUND_HEADERS.get(cells[i].key) in AMOUNTS:
        figures = _figures_after(cells, i, stop)
        if figures:
            return True
        i += 1
    return False


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
            rows[k][col] = _value(cells[f].text)
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


# --- the funds section's readings of these shapes --------------------------------------------

FundsReading = tuple[Funds | None, Decimal | None, Decimal | None, Decimal | None]
"""Funds, and the execution line's stated rate, weight and score."""


def _block_end(t: Table, at: int) -> int:
    """Where the funds block ends: the goals or the indicator table."""
    stop = t.find(L.GOAL_EXPECTED | L.GOAL_ACTUAL | L.GOAL_OVERALL | L.LEVEL_HEADERS, at)
    return stop if stop is not None else len(t.cells)


def _short_row(t: Table) -> ShortRow:
    def report(cell: Cell, found: int, expected: int) -> None:
        t.doubts.append(
            Doubt(
                field="funds",
                reading=None,
                alternatives=[],
                reason=messages.short_fund_row(cell.text, found, expected),
                location=cell.location(),
            )
        )

    return report


def transposed_funds(t: Table, total_at: int) -> FundsReading | None:
    """The funds of a transposed block, with the execution line written as pairs after it;
    None when the block at ``total_at`` is not transposed."""
    stop = _block_end(t, total_at)
    if not is_transposed(t.cells, total_at, stop):
        return None
    got = read_transposed(t.cells, total_at, stop, _short_row(t))
    line = {col: v for col, (v, _c) in label_pairs(t.cells, got.end, stop).items()}
    where = t.cells[total_at].location()
    funds = Funds(
        name=t.cells[total_at].text.rstrip(":："),
        initial_budget=got.total.get(L.FundColumn.INITIAL),
        adjusted_budget=got.total.get(L.FundColumn.ADJUSTED),
        executed=got.total.get(L.FundColumn.EXECUTED),
        provenance={"row": where},
        sources=[
            FundLine(name=name, initial_budget=row.get(L.FundColumn.INITIAL),
                     adjusted_budget=row.get(L.FundColumn.ADJUSTED), executed=row.get(L.FundColumn.EXECUTED),
                     provenance={"row": cell.location()})
            for name, cell, row in got.sources
        ],
    )  # fmt: skip
    t.provenance["funds"] = where
    return funds, line.get(L.FundColumn.RATE), line.get(L.FundColumn.WEIGHT), line.get(L.FundColumn.SCORE)


def with_pairs(t: Table, got: FundsReading) -> FundsReading:
    """Funds without a total's row: what the amounts' own labels give (``年初预算数 | 300 | …``),
    filling what the other readings left empty — never replacing a figure they read."""
    stop = t.indicator_header() or len(t.cells)
    pairs = label_pairs(t.cells, 0, _block_end(t, 0) if stop is None else min(stop, _block_end(t, 0)))
    amounts = [c for c in AMOUNTS if c in pairs]
    funds, rate, weight, score = got
    if funds is None and not amounts:
        return got
    fill = {c.value: pairs[c][0] for c in amounts if funds is None or getattr(funds, c.value) is None}
    if funds is None:
        where = pairs[amounts[0]][1].location()
        funds = Funds(provenance={"row": where}, **fill)
        t.provenance["funds"] = where
    elif fill:
        funds = funds.model_copy(update=fill)

    def pick(held: Decimal | None, col: L.FundColumn) -> Decimal | None:
        return held if held is not None or col not in pairs else pairs[col][0]

    return funds, pick(rate, L.FundColumn.RATE), pick(weight, L.FundColumn.WEIGHT), pick(score, L.FundColumn.SCORE)


def _confirmed_run(text: str, header: list[L.FundColumn]) -> bool:
    """Whole numbers run together that one cut alone reads, its score confirming it (amounts, 分值,
    得分 with no rate: ``arithmetic.rateless_fund_row``)."""
    names = [c.value for c in header if c is not L.FundColumn.RATE]
    amounts = [c.value for c in header if c in AMOUNTS]
    return text.isdigit() and arithmetic.rateless_fund_row(text, names, amounts) is not None


def lone_amount(t: Table, at: int, values: list[str | None], header: list[L.FundColumn], path: str) -> bool:
    """A fund row of text with one figure and nothing else (``年度资金总额 | 192``) under a header of
    several amounts: which column it stood in is gone with the empty cells.  Recorded as a doubt
    (True: leave the row unread) — a figure put in a guessed column is a wrong value."""
    amounts = [c for c in header if c in AMOUNTS]
    if len(values) != 1 or values[0] is None or len(amounts) < 2 or t.cells[at].column is not None:
        return False
    if parse_decimal(values[0]) is None or _confirmed_run(values[0], header):
        return False  # figures run together: the fund row's arithmetic cuts them
    t.doubts.append(
        Doubt(
            field=path,
            reading=None,
            alternatives=[f"{messages.FIGURE_NAMES[c.value]} {values[0]}" for c in amounts],
            reason=messages.lone_amount(t.cells[at].text, values[0], len(amounts)),
            location=t.cells[at].location(),
        )
    )
    return True
