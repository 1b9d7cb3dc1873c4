"""The standard 自评表 as an Excel workbook, one sheet per evaluation (XlsxWriter).

XlsxWriter, not openpyxl: a formula cell must carry the value it computes, or a reader that
does not recalculate (calamine, a previewer, jixiao's own ingest) sees an empty cell, and
openpyxl cannot store that value.  Printing is set up as the forms are printed: A4 landscape,
one page wide, the indicator heading repeated on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from typing import Any

import xlsxwriter

from jixiao.render.cells import is_risky
from jixiao.render.sheet import Cell, Sheet, Style

FONT = "宋体"
_FORMATS: dict[Style, dict[str, Any]] = {
    Style.TITLE: {"bold": True, "font_size": 16, "font_name": "黑体", "align": "center", "border": 0},
    Style.SUBTITLE: {"font_size": 11, "align": "center", "border": 0},
    Style.HEAD: {"bold": True, "align": "center", "bg_color": "#F2F2F2"},
    Style.TEXT: {"align": "left"},
    Style.CENTER: {"align": "center"},
    Style.MONEY: {"align": "right", "num_format": "0.00"},
    Style.RATE: {"align": "right", "num_format": "0.00%"},
    Style.NUMBER: {"align": "center", "num_format": "General"},
}


class _Formats:
    """Cell formats made once per workbook; 分值/得分 keep the decimals they are written with
    (a stated 19.80 shows 19.80, not 19.8)."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self._book = book
        self._made: dict[tuple[Style, int, bool], Any] = {}

    def __call__(self, cell: Cell) -> Any:
        quoted = cell.formula is None and is_risky(cell.text)
        digits = 0
        if cell.style == Style.NUMBER and cell.value is not None:
            exponent = cell.value.as_tuple().exponent
            digits = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        key = (cell.style, digits, quoted)
        if key not in self._made:
            extra = dict(_FORMATS[cell.style])
            if digits:
                extra["num_format"] = "0." + "0" * digits
            if quoted:  # text from the document that a spreadsheet would run: kept as text
                extra["quote_prefix"] = True
            base = {"font_name": FONT, "font_size": 10, "valign": "vcenter", "text_wrap": True, "border": 1}
            self._made[key] = self._book.add_format({**base, **extra})
        return self._made[key]


def _sheet_name(sheet: Sheet, n: int, used: set[str]) -> str:
    name = f"{sheet.name}{n}" if n > 1 or sheet.name in used else sheet.name
    used.add(name)
    return name[:31]


def _write(ws: Any, sheet: Sheet, fmt: _Formats) -> None:
    spans, covered = sheet.spans()
    for (r1, c1), (rows, cols) in spans.items():
        cell = sheet.rows[r1][c1]
        value: Any = float(cell.value) if cell.value is not None and cell.style != Style.TEXT else cell.text
        if cell.formula is None and isinstance(value, str):
            ws.merge_range(r1, c1, r1 + rows - 1, c1 + cols - 1, "", fmt(cell))
            ws.write_string(r1, c1, value, fmt(cell))
        elif cell.formula is None:
            ws.merge_range(r1, c1, r1 + rows - 1, c1 + cols - 1, value, fmt(cell))
        else:
            ws.merge_range(r1, c1, r1 + rows - 1, c1 + cols - 1, "", fmt(cell))
            ws.write_formula(r1, c1, cell.formula, fmt(cell), value)
    for r, row in enumerate(sheet.rows):
        for c, cell in enumerate(row):
            if (r, c) in covered or (r, c) in spans:
                continue
            if cell.formula is not None:
                ws.write_formula(r, c, cell.formula, fmt(cell), float(cell.value or 0))
            elif cell.value is not None and cell.style in (Style.MONEY, Style.RATE, Style.NUMBER):
                # a float is what the file format holds; the Decimal's shortest form round-trips exactly
                ws.write_number(r, c, float(cell.value), fmt(cell))
            else:
                ws.write_string(r, c, cell.text, fmt(cell))


def _page_setup(ws: Any, sheet: Sheet) -> None:
    for c, width in enumerate(sheet.widths):
        ws.set_column(c, c, width)
    ws.set_row(0, 30)
    ws.set_paper(9)  # A4
    if sheet.landscape:
        ws.set_landscape()
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    if sheet.repeat_rows is not None:
        ws.repeat_rows(*sheet.repeat_rows)
    ws.set_footer("&C第 &P 页，共 &N 页")


def write_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """The workbook's bytes: one worksheet per table."""
    buffer = BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})
    fmt = _Formats(book)
    used: set[str] = set()
    for n, sheet in enumerate(sheets, start=1):
        ws = book.add_worksheet(_sheet_name(sheet, n if len(sheets) > 1 else 1, used))
        _write(ws, sheet, fmt)
        _page_setup(ws, sheet)
    book.close()
    return buffer.getvalue()
