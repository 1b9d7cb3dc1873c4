"""A grid whose header was cut off (a sheet's or a Word table's next page): its columns told by
where its cells stand.

With no header, a row's values are matched to the layouts' column orders by what they look like,
and a lone figure (``已完成 | 已完成 | 5``) cannot say whether it is the 分值 or the 得分.  A grid
can: its cells keep their columns, blank ones included.  Every row names its indicator in one
column, its level labels stand in the two columns before it, and each value stands as many places
after the name as its column stands in one of the layouts' orders.  Where every cell of the rows
fits so, the table is read by those columns as under a header; otherwise by the values' looks.
"""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.ingest import labels as L
from jixiao.ingest.cells import Cell
from jixiao.ingest.sections.columns import fit
from jixiao.ingest.table import Table
from jixiao.model.vocabulary import is_empty_value


def by_place(t: Table, start: int) -> list[L.Column] | None:
    """The first of the layouts' column orders that every cell of the rows from ``start`` to the
    总分 row fits by its place after the name's column; its columns recorded on ``t`` as a header's
    would be.  None where the cells are no grid or do not fit one."""
    end = next((i for i in range(start, len(t.cells)) if t.cells[i].key in L.TOTAL), len(t.cells))
    body = t.cells[start:end]
    if not body or any(c.column is None or c.row is None for c in body):
        return None
    name = _name_column(body)
    if name is None:
        return None
    for order in L.COLUMN_ORDERS:
        if all(_fits(c, name, order) for c in body):
            t.level_columns.update({L.Level.LEVEL1: name - 2, L.Level.LEVEL2: name - 1, L.Level.NAME: name})
            t.header_columns.update({col: name + 1 + k for k, col in enumerate(order)})
            return list(order)
    return None


def _name_column(body: Sequence[Cell]) -> int | None:
    """The column every row names its indicator in: the last that opens a row after its level
    labels (a label the vocabulary does not know stands before it), held by every row."""
    rows: dict[tuple[str | None, int | None], list[Cell]] = {}
    for c in body:
        rows.setdefault((c.sheet, c.row), []).append(c)
    firsts = [next((c.column for c in row if not (L.is_level1(c.text) or L.is_level2(c.text))), None)
              for row in rows.values()]  # fmt: skip
    if any(f is None for f in firsts):
        return None
    name = max(f for f in firsts if f is not None)
    if name < 2 or not all(any(c.column == name for c in row) for row in rows.values()):
        return None
    return name


def _fits(cell: Cell, name: int, order: Sequence[L.Column]) -> bool:
    column = cell.column if cell.column is not None else -1
    if column < name:
        return column >= name - 2  # a level label, in the 一级 or 二级 column
    if column == name:
        return True
    k = column - name - 1
    return k < len(order) and (is_empty_value(cell.text) or fit(order[k], cell.text) is not None)
