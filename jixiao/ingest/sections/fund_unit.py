"""The unit the funds' amounts are written in, where the table states it: a line above or beside
the table (``单位：元``, ``金额单位：万元``, in a title line or a cell of its own), or a mark at the
end of a label of the funds block (``年初预算数（元）``, ``项目资金（万元）``).

Every statement before the indicator table is gathered, whatever shape the funds take.  None:
the model's default (万元).  One unit, stated once or many times: that unit.  Two units (a title
line says 万元, the headers 元): ingest does not choose — the unit stays the default and a doubt
on ``funds.unit`` names the cells of both, so the review reports it and the reader checks.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from functools import lru_cache

from jixiao.ingest import labels as L
from jixiao.ingest import messages
from jixiao.ingest.cells import Cell
from jixiao.ingest.table import Table
from jixiao.model.evaluation import Doubt, Funds

DEFAULT_UNIT: str = Funds.model_fields["unit"].default


def clear_caches() -> None:
    """Forget the units found in texts (the active layouts changed)."""
    line_unit.cache_clear()
    mark_unit.cache_clear()
    own_unit.cache_clear()


@lru_cache(maxsize=16_384)
def line_unit(text: str) -> str | None:
    """The unit a unit line states (``金额单位：元`` → 元), searched in a cell's text, or None.
    Remembered per text, as ``mark_unit`` per key: both are asked of every cell above a table's
    indicators, and a batch's tables repeat their labels."""
    for pattern in L.FUND_UNIT_LINES:
        m = pattern.search(text)
        if m is not None:
            return str(m.group(1))
    return None


@lru_cache(maxsize=16_384)
def mark_unit(key: str) -> str | None:
    """The unit marked at the end of a funds label (``年初预算数(元)`` → 元; a reduced key), or None
    when the cell is not a label of the funds block (an indicator's ``成本(万元)`` never comes here,
    but a project's name might end in a bracket)."""
    for mark, unit in L.UNIT_MARKS.items():
        if key.endswith(mark) and _funds_label(key[: -len(mark)].rstrip(":")):
            return str(unit)
    return None


def _funds_label(k: str) -> bool:
    """A label of the funds block: its heading (项目资金), a column, the total, a budget label —
    or nothing (a mark wrapped onto a cell of its own)."""
    if not k or k in L.FUND_HEADERS or k in L.FUND_TOTAL or k in L.BUDGET_LABELS or k in L.EXECUTED_LABELS:
        return True
    words = (*L.LABEL_PREFIXES, *L.FUND_HEADER_PREFIXES)
    return k.startswith(words) or any(k.startswith(label) for label in L.FUND_HEADERS)


def _split_line(c: Cell, after: Cell | None) -> str | None:
    """A unit line split at its colon into two cells of one row (``单位`` | ``元``, as a merged
    cell of ``标签：值`` pairs is read): the unit the two state together, or None."""
    if after is None or after.key not in L.UNIT_MARKS.values() or (c.row, c.line) != (after.row, after.line):
        return None
    return line_unit(f"{c.text.rstrip(':：')}：{after.text}") if c.sheet == after.sheet else None


def declarations(t: Table) -> list[tuple[str, Cell]]:
    """Each statement of the funds' unit above the indicator table: (unit, its cell), in order."""
    cells = t.cells[: t.indicator_header()]
    out = []
    for i, c in enumerate(cells):
        after = cells[i + 1] if i + 1 < len(cells) else None
        unit = line_unit(c.text) or mark_unit(c.key) or _split_line(c, after)
        if unit is not None:
            out.append((unit, c))
    return out


def funds_unit(t: Table) -> str:
    """The unit the table states its funds in (the default when it states none); two different
    units stated: the default, and a doubt on ``funds.unit`` naming both cells."""
    found = declarations(t)
    units = list(dict.fromkeys(unit for unit, _c in found))
    if len(units) == 1:
        return units[0]
    if len(units) > 1:
        first = {unit: c for unit, c in reversed(found)}
        cells = [(unit, first[unit].text, first[unit].location().place()) for unit in units]
        t.doubts.append(
            Doubt(
                field="funds.unit",
                reading=None,
                alternatives=units,
                reason=messages.conflicting_units(cells, DEFAULT_UNIT),
                location=first[units[1]].location(),
            )
        )
    return DEFAULT_UNIT


@lru_cache(maxsize=16_384)
def own_unit(text: str) -> tuple[Decimal, str] | None:
    """The amount and the unit a cell holding one amount with its unit after it states
    (``131.22万元`` → (131.22, 万元)), or None (a bare figure, or any other text)."""
    pattern = L.AMOUNT_WITH_UNIT
    m = pattern.match(unicodedata.normalize("NFKC", text)) if pattern is not None else None
    if m is None or m.group(2) not in L.UNIT_SIZES:
        return None
    return Decimal(m.group(1).replace(",", "")), str(m.group(2))


def in_table_unit(t: Table, text: str, amount: Decimal | None) -> Decimal | None:
    """``amount`` read from a cell in the unit the table states its funds in: a cell that writes
    its own unit (``131.22万元`` in a table of 元 — a figure copied from another form) is converted,
    exactly (1312200); any other cell's amount is as read."""
    stated = own_unit(text) if amount is not None else None
    if stated is None:
        return amount
    table = _stated_unit(t)
    sizes: dict[str, Decimal] = L.UNIT_SIZES
    if stated[1] == table or table not in sizes:
        return amount
    return stated[0] * sizes[stated[1]] / sizes[table]


def _stated_unit(t: Table) -> str:
    """The one unit the table states (the default when it states none or two), without the doubt
    ``funds_unit`` adds for two."""
    units = list(dict.fromkeys(unit for unit, _c in declarations(t)))
    return units[0] if len(units) == 1 else DEFAULT_UNIT
