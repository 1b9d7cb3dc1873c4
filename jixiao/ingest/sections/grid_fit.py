"""Does a row of a grid stand under the indicator header's columns?

A spreadsheet or a Word table places every cell in its column.  A grid written out as text —
tab-separated or pipe-separated rows, empty cells included — usually does too, but not always:
a row copied without its first (merged) cell comes out shifted one place to the left
(``满意度指标 | 服务对象满意度指标 | 群众满意 | 20 | ≥90% | 20 |  |``), and a page's pipe text may
drop a merged label column from every row.  Such a row is read by what its cells look like,
as text is, rather than by columns that would put every value one place off.

A row does not fit when a 一级 / 二级 label stands left of the 三级 column but not in its own
level column, or when a cell holds what its column never holds (text under 分值 or 得分, a bare
figure under 得分计算方法 or 偏差原因) — the form's dash and "nothing" words fit every column.
Only grids written out as text are checked: a spreadsheet's or a Word table's cells are where
the file puts them (their cells carry no text line).
"""

from __future__ import annotations

from jixiao.ingest import labels as L
from jixiao.ingest.cells import Cell
from jixiao.ingest.sections.columns import fits_column
from jixiao.ingest.shapes import PLAIN_NUMBER
from jixiao.ingest.table import Table
from jixiao.model.values import parse_decimal
from jixiao.model.vocabulary import is_empty_value

_TYPED = (L.Column.WEIGHT, L.Column.SCORE, L.Column.RECHECK, L.Column.METHOD, L.Column.NOTE, L.Column.REMARK,
          L.Column.REVIEW_COMMENT)  # fmt: skip
"""Columns whose content says where it belongs: figures, or texts that are never a bare figure
(a unit, a target or an actual may be written any way)."""


def _row(t: Table, at: int) -> list[Cell]:
    """The cells of the grid row of ``at``, from its first to its last."""
    c = t.cells[at]
    start = at
    while start > 0 and t.cells[start - 1].row == c.row and t.cells[start - 1].sheet == c.sheet:
        start -= 1
    end = at
    while end + 1 < len(t.cells) and t.cells[end + 1].row == c.row and t.cells[end + 1].sheet == c.sheet:
        end += 1
    return t.cells[start : end + 1]


def _out_of_column(under: dict[int, L.Column], cell: Cell) -> bool:
    col = under.get(cell.column) if cell.column is not None else None
    if col in _WRITTEN and _zero(cell.text):
        return False  # a 0 in 偏差原因 on a full-mark row: the form's "nothing", in its column
    return col in _TYPED and not is_empty_value(cell.text) and not fits_column(col, cell.text)


_WRITTEN = (L.Column.NOTE, L.Column.REMARK, L.Column.REVIEW_COMMENT)
"""Columns of words written out, where a bare zero stands for nothing to say."""


def _zero(text: str) -> bool:
    t = text.strip()
    return bool(PLAIN_NUMBER.match(t)) and parse_decimal(t) == 0


def _level_out_of_place(t: Table, cell: Cell) -> bool:
    name_column = t.level_columns.get(L.Level.NAME)
    if cell.column is None or name_column is None or cell.column >= name_column:
        return False
    if cell.column in (t.level_columns.get(L.Level.LEVEL1), t.level_columns.get(L.Level.LEVEL2)):
        return False
    return L.is_level1(cell.text) or L.is_level2(cell.text)


def row_fits(t: Table, at: int) -> bool:
    """Do the cells of the row of ``at`` stand in the columns of the indicator header?"""
    cell = t.cells[at]
    if cell.row is None or cell.line is None:
        return True
    where = (cell.sheet, cell.row)
    known = t.row_fits.get(where)
    if known is not None:
        return known
    under = {column: col for col, column in t.header_columns.items()}
    fits = not any(_level_out_of_place(t, c) or _out_of_column(under, c) for c in _row(t, at))
    t.row_fits[where] = fits
    return fits


def without_column(cell: Cell) -> Cell:
    """The cell as text gives it: where it was read, but no column to be placed by."""
    return Cell(cell.text, cell.line, cell.row, None, cell.cell, cell.page, cell.sheet)
