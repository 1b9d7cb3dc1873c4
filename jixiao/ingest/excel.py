"""Spreadsheets (.xlsx, .xls) through python-calamine, sheet by sheet, row by row.

A merged range holds its value in the top-left cell and nothing elsewhere, so reading the
non-empty cells in order gives the same stream as the printed sheet.  What the printed sheet
does not show is passed over: hidden sheets, and in an .xlsx hidden columns and rows
(``hidden``).  A wide merged cell of ``标签：值`` pairs is handed on as label and value cells
(``label_value``).  Numbers stored as
numbers come back as floats from the file format itself; they are written back as the
shortest decimal text (``296.26``, ``300``) before any Decimal is made from them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl.utils import get_column_letter

from jixiao.ingest.cells import Cell, clean
from jixiao.ingest.errors import IngestError
from jixiao.ingest.extract import extract
from jixiao.ingest.hidden import Hidden, hidden_parts
from jixiao.ingest.label_value import split_pairs
from jixiao.model.evaluation import Evaluation


def _text(value: object) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return clean(str(value))


def sheet_cells(path: Path) -> list[tuple[str, list[Cell]]]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for every kind of damage
        head = path.read_bytes()[:8]
        if not head:
            raise IngestError(path, "文件为空") from None
        if head.startswith(b"\xd0\xcf\x11\xe0") and path.suffix.lower() == ".xlsx":
            raise IngestError(path, "是加密的 Excel 文件，无法读取（请取消密码后另存）") from None
        raise IngestError(path, f"不是有效的 Excel 文件或文件已损坏（{type(exc).__name__}）") from None
    out = []
    hidden = hidden_parts(path)
    for name in _shown_sheets(workbook):
        cells: list[Cell] = []
        try:
            sheet = workbook.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            spans = {(r1 + 1, c1 + 1): c2 - c1 + 1 for (r1, c1), (_r2, c2) in sheet.merged_cell_ranges or []}
        except Exception as exc:
            raise IngestError(path, f"工作表“{name}”无法读取（{type(exc).__name__}）") from None
        letters = [get_column_letter(c) for c in range(1, max(map(len, rows), default=0) + 1)]
        skip = hidden.get(name, Hidden())
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if value is None or value == "" or skip.covers(r, c + 1):
                    continue
                text = _text(value)
                if text:
                    address = f"{letters[c]}{r}"
                    parts = split_pairs(text, spans.get((r, c + 1), 1)) if isinstance(value, str) else None
                    cells += [Cell(t, row=r, column=c + 1 + k, cell=address, sheet=name)
                              for k, t in enumerate(parts or [text]) if t]  # fmt: skip
        out.append((name, cells))
    return out


def _shown_sheets(workbook: object) -> list[str]:
    """Sheet names in order, without the hidden ones (code lists and settings of a system export)."""
    from python_calamine import SheetVisibleEnum

    return [m.name for m in workbook.sheets_metadata if m.visible == SheetVisibleEnum.Visible]  # type: ignore[attr-defined]


def read_excel(path: Path) -> list[Evaluation]:
    evaluations: list[Evaluation] = []
    for _name, cells in sheet_cells(path):
        for ev in extract(cells, path.name):
            number = len(evaluations) + 1
            source = ev.source.model_copy(update={"table": number}) if ev.source else None
            evaluations.append(ev.model_copy(update={"source": source}))
    return evaluations
