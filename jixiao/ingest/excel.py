"""Spreadsheets (.xlsx, .xls) through python-calamine, sheet by sheet, row by row.

A merged range holds its value in the top-left cell and nothing elsewhere, so reading the
non-empty cells in order gives the same stream as the printed sheet.  Numbers stored as
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
    for name in workbook.sheet_names:
        cells: list[Cell] = []
        try:
            rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as exc:
            raise IngestError(path, f"工作表“{name}”无法读取（{type(exc).__name__}）") from None
        letters = [get_column_letter(c) for c in range(1, max(map(len, rows), default=0) + 1)]
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                text = _text(value)
                if text:
                    cells.append(Cell(text, row=r, column=c + 1, cell=f"{letters[c]}{r}", sheet=name))
        out.append((name, cells))
    return out


def read_excel(path: Path) -> list[Evaluation]:
    evaluations: list[Evaluation] = []
    for _name, cells in sheet_cells(path):
        for ev in extract(cells, path.name):
            number = len(evaluations) + 1
            source = ev.source.model_copy(update={"table": number}) if ev.source else None
            evaluations.append(ev.model_copy(update={"source": source}))
    return evaluations
