"""Spreadsheets (.xlsx, .xls) through python-calamine, sheet by sheet, row by row.

A merged range holds its value in the top-left cell and nothing elsewhere, so reading the
non-empty cells in order gives the same stream as the printed sheet.  What the printed sheet
does not show is passed over: hidden sheets, columns and rows (``hidden``).  A wide merged
cell of ``标签：值`` pairs is handed on as label and value cells (``label_value``); forms side by
side on one sheet are read one after the other (``sheet_bands``); a sheet of text pasted into one
column is read as the lines of a text file.  A sheet whose grid would
pass the budget is read by ``xlsx_parts``.  Numbers stored as numbers come back as floats
from the file format itself; they are written back as Excel shows them, the shortest decimal
text within 15 significant digits (``296.26``, ``300``; ``9.9`` for a stored 9.899999999999999),
before any Decimal is made from them; a date or a decimal with a number format of its own is
written as the format shows it (``cell_formats``); a formula saved without its result is worked
out where it is plain arithmetic of the sheet (``formulas``).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from jixiao.ingest.assemble import extract
from jixiao.ingest.budget import check_cells, check_count, check_size, open_package, read_member
from jixiao.ingest.cell_formats import CellCodes, Formats, SheetFormats, built_in, shown_number
from jixiao.ingest.cells import Cell, as_line, clean, text_cells
from jixiao.ingest.continued_sheets import join_continued
from jixiao.ingest.errors import IngestError
from jixiao.ingest.formulas import Position, uncached, worked_out
from jixiao.ingest.hidden import Hidden, hidden_parts, sheet_hidden
from jixiao.ingest.label_value import split_pairs
from jixiao.ingest.narrative import cells_report
from jixiao.ingest.normalise import join_page_markers
from jixiao.ingest.preview import chunked
from jixiao.ingest.recheck_sheets import joined_and_numbered
from jixiao.ingest.sections.refused import unworked_formulas
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.ingest.sheet_bands import band_by_band
from jixiao.ingest.xlsx_parts import Package, SheetScan, measure, sheet_parts
from jixiao.model.evaluation import Evaluation
from jixiao.model.limits import current


def _text(value: object) -> str:
    if isinstance(value, float):
        return _shown(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return clean(str(value))


def _shown(value: float) -> str:
    """A stored number as Excel shows it: at most 15 significant digits (Excel's precision), so
    the binary artefact of a sum or a formula (``148.47000000000003``, ``9.899999999999999``)
    reads as the figure on the screen, ``148.47`` and ``9.9``, never in exponent form."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if value != value or value in (float("inf"), float("-inf")):
        return repr(value)
    text = format(Decimal(format(value, ".15g")), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


Unworked = dict[str, dict[Position, str]]
"""By sheet, the shown cells holding a formula saved without its result and not worked out here."""


def sheet_cells(
    path: Path, settings: Settings = DEFAULT, unworked: Unworked | None = None
) -> list[tuple[str, list[Cell]]]:
    """Every shown sheet's non-empty cells, in order (into ``unworked``, where given, each sheet's
    formulas left empty).  An .xlsx is measured first
    (``xlsx_parts``): too many cells are refused, and a sheet whose grid from A1 would pass
    the budget is read cell by cell from its XML instead of through calamine's dense grid.
    Each worksheet's XML is read out of the package once, for its measure and what it hides."""
    check_size(path)
    if not zipfile.is_zipfile(path):
        _measure_biff(path)
        return _calamine_sheets(path, {}, hidden_parts(path), settings, _biff_formats(path), unworked)
    with open_package(path, _WHAT) as archive:
        scans: dict[str, SheetScan] = {}
        hidden: dict[str, Hidden] = {}
        formats: dict[str, SheetFormats] = {}
        styles = read_member(path, archive, _STYLES, _WHAT) if _STYLES in archive.namelist() else None
        for name, part in sheet_parts(path, archive).items():
            data = read_member(path, archive, part, _WHAT)
            scans[name], hidden[name], formats[name] = (
                measure(part, data),
                sheet_hidden(data),
                SheetFormats(styles, data),
            )
        check_count(path, "cells", sum(s.values for s in scans.values()), "单元格数")
        sparse = {name: s.part for name, s in scans.items() if s.area > current().grid}
        done: dict[str, _Sheet] = {}
        if sparse:
            package = Package(path, archive)
            done = {name: (package.cells(part), package.merges(part)) for name, part in sparse.items()}
    return _calamine_sheets(path, done, hidden, settings, formats, unworked)


_STYLES = "xl/styles.xml"
_WHAT = "Excel 文件"
"""How a message names the file kind read here."""


def _measure_biff(path: Path) -> None:
    """An .xls measured from its cell records before calamine opens it (calamine builds each
    sheet densely at open): too many cells, or a sheet whose grid from A1 would pass the budget,
    is refused here with the same line the grid check gives after reading."""
    from jixiao.ingest.biff import BiffError, sheet_extents

    try:
        extents = sheet_extents(path.read_bytes())
    except (BiffError, OSError):
        return  # not a BIFF8 workbook: calamine says what it is
    check_count(path, "cells", sum(count for _r, _c, count in extents.values()), "单元格数")
    for name, (row, column, _count) in extents.items():
        check_count(path, "grid", (row + 1) * (column + 1), f"工作表“{name}”的网格位置数")


def _biff_formats(path: Path) -> dict[str, Formats]:
    """Each sheet's cells' number formats, of an .xls (a file calamine reads but that is not a
    BIFF8 workbook has none)."""
    from jixiao.ingest.biff import BiffError, cell_codes

    try:
        sheets = cell_codes(path.read_bytes(), built_in)
    except (BiffError, OSError):
        return {}
    return {
        name: CellCodes({f"{_letter(c)}{r}": code for (r, c), code in codes.items()}) for name, codes in sheets.items()
    }


_Sheet = tuple[Iterable[tuple[int, int, object]], dict[tuple[int, int], int]]
"""A sheet's (row, column, value) cells and its merged ranges' widths by top-left cell."""


def _calamine_sheets(
    path: Path,
    done: dict[str, _Sheet],
    hidden: dict[str, Hidden],
    settings: Settings = DEFAULT,
    formats: Mapping[str, Formats] | None = None,
    unworked: Unworked | None = None,
) -> list[tuple[str, list[Cell]]]:
    """Shown sheets through calamine, except those already read (``done``), in workbook order."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        shown = _shown_sheets(workbook)
    except BaseException as exc:  # calamine's own error types, and a Rust panic (not an Exception)
        _passed_on(exc)
        raise IngestError(path, _why_not_excel(path, exc)) from None
    out = []
    for name in shown:
        values, spans = done[name] if name in done else _calamine_values(path, workbook, name)
        on_sheet = (formats or {}).get(name)
        skip = hidden.get(name, Hidden())
        if on_sheet is not None and (saved_alone := uncached(on_sheet.sheet or b"")):
            values, left = worked_out(values, saved_alone, settings)  # formulas saved without their results
            if unworked is not None and (seen := {at: f for at, f in left.items() if not skip.covers(*at)}):
                unworked[name] = seen
        cells = band_by_band(_cells(path, values, name, skip, spans, on_sheet), spans)
        out.append((name, _pasted_text(cells, settings)))
    return out


def _calamine_values(path: Path, workbook: object, name: str) -> _Sheet:
    try:
        sheet = workbook.get_sheet_by_name(name)  # type: ignore[attr-defined]
        end_row, end_column = sheet.end or (0, 0)
        check_count(path, "grid", (end_row + 1) * (end_column + 1), f"工作表“{name}”的网格位置数")
        rows = sheet.to_python(skip_empty_area=False) if sheet.height else []
        spans = {(r1 + 1, c1 + 1): c2 - c1 + 1 for (r1, c1), (_r2, c2) in sheet.merged_cell_ranges or []}
    except IngestError:
        raise
    except BaseException as exc:
        _passed_on(exc)
        raise IngestError(path, f"工作表“{name}”无法读取（{type(exc).__name__}）") from None
    return _filled(rows), spans


def _filled(rows: list[list[object]]) -> Iterator[tuple[int, int, object]]:
    """(row, column, value) of a dense grid's cells that hold something, 1-based."""
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value != "" and value is not None:
                yield r, c, value


def _cells(
    path: Path,
    values: Iterable[tuple[int, int, object]],
    sheet: str,
    skip: Hidden,
    spans: dict[tuple[int, int], int],
    formats: Formats | None = None,
) -> list[Cell]:
    """The cells shown (hidden rows and columns passed over), wide ``标签：值`` cells split; a
    date or a decimal as its number format shows it (``cell_formats``)."""
    cells: list[Cell] = []
    hides = bool(skip.rows or skip.columns)
    for r, c, value in values:
        if value is None or value == "" or (hides and skip.covers(r, c)):
            continue
        if type(value) is str:  # most cells: text, which no number format shows otherwise
            text = _cleaned(value)
            if text and (not spans or (r, c) not in spans):
                cells.append(Cell(text, row=r, column=c, cell=f"{_letter(c)}{r}", sheet=sheet, raw=value))
            elif text:
                cells += _merged_text(text, value, r, c, sheet, spans[(r, c)])
            continue
        raw = value if isinstance(value, str) else None
        text = _cleaned(raw) if raw is not None else _text(value)
        address = f"{_letter(c)}{r}"
        if formats is not None and isinstance(value, dt.date):
            text = formats.text(address, value) or text
        elif formats is not None and isinstance(value, (int, float)) and not isinstance(value, bool):
            text = _number_shown(formats, address, text, value)
        if not text:
            continue
        span = spans.get((r, c)) if spans else None
        parts = split_pairs(text, span) if raw is not None and span is not None else None
        if parts is None:
            cells.append(Cell(text, row=r, column=c, cell=address, sheet=sheet, raw=raw))
        else:
            cells += [Cell(t, row=r, column=c + k, cell=address, sheet=sheet) for k, t in enumerate(parts) if t]
    return check_cells(path, cells)


def _merged_text(text: str, raw: str, r: int, c: int, sheet: str, span: int) -> list[Cell]:
    """A merged text cell's cells: one, or a wide one's ``标签：值`` pairs one a cell."""
    address = f"{_letter(c)}{r}"
    parts = split_pairs(text, span)
    if parts is None:
        return [Cell(text, row=r, column=c, cell=address, sheet=sheet, raw=raw)]
    return [Cell(t, row=r, column=c + k, cell=address, sheet=sheet) for k, t in enumerate(parts) if t]


def _number_shown(formats: Formats, address: str, text: str, value: float) -> str:
    """A number as its cell's format shows it.  A whole number looks the same through any
    fixed-decimals format, so only a per-cent one is looked up for it: 1 through ``0%`` is the
    100% on the screen, never 1."""
    if isinstance(value, int) or value.is_integer():
        code = formats.code(address)
        return (shown_number(text, code) or text) if code is not None and "%" in code else text
    return formats.number(address, text) or text


@lru_cache(maxsize=16_384)
def _cleaned(text: str) -> str:
    """``clean`` once per text: a form's labels and headers come back in every table."""
    return clean(text)


def _pasted_text(cells: list[Cell], settings: Settings = DEFAULT) -> list[Cell]:
    """A sheet whose text is all in one column is text pasted into Excel, a line a cell: its lines
    split into cells as they would from a .txt (``|``, tabs, spaces, one cell per line) and are
    read as text, not as a grid of one column; each cell keeps its line's address.  One cell
    alone is such text when it is a preview's lone chunk (``1、…``: a short form run together)."""
    if not cells or len({c.column for c in cells}) > 1:
        return cells
    if len(cells) == 1 and not chunked([as_line(cells[0])], join_page_markers([as_line(cells[0])], settings)):
        return cells
    pieces = text_cells("\n".join(as_line(c) for c in cells), settings)
    return [
        Cell(
            p.text,
            (at := cells[(p.line or 1) - 1]).row,
            p.row,
            p.column,
            at.cell,
            sheet=at.sheet,
            unsure=p.unsure,
            preview=p.preview,
        )
        for p in pieces
    ]


def _shown_sheets(workbook: object) -> list[str]:
    """Sheet names in order, without the hidden ones (code lists and settings of a system export)."""
    from python_calamine import SheetVisibleEnum

    return [m.name for m in workbook.sheets_metadata if m.visible == SheetVisibleEnum.Visible]  # type: ignore[attr-defined]


@lru_cache(maxsize=1024)
def _letter(column: int) -> str:
    """A column's letters (1 → A, 27 → AA), as Excel writes them (openpyxl's rule, without
    importing openpyxl: it costs a reading process a third of a second)."""
    if not 1 <= column <= _LAST_COLUMN:
        raise ValueError(f"Invalid column index {column}")
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_LAST_COLUMN = 18_278
"""ZZZ, the last column three letters can name."""


def _passed_on(exc: BaseException) -> None:
    """Re-raise what is not a failure of the file: an interrupt, an exit, memory running out."""
    if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit | MemoryError):
        raise exc


def _why_not_excel(path: Path, exc: BaseException) -> str:
    head = path.read_bytes()[:8]
    if not head:
        return "文件为空"
    if head.startswith(b"\xd0\xcf\x11\xe0") and path.suffix.lower() == ".xlsx":
        return "是加密的 Excel 文件，无法读取（请取消密码后另存）"
    return f"不是有效的 Excel 文件或文件已损坏（{type(exc).__name__}）"


def read_excel(path: Path, settings: Settings = DEFAULT) -> list[Evaluation]:
    """Every table of the workbook, sheet by sheet — a sheet's opening rows that continue the
    table of the sheet before it read with that table (``continued_sheets``) — a reviewer's 复核
    copy joined to the self-evaluation it checks (``recheck_sheets``), numbered in order."""
    found: list[Evaluation] = []
    unworked: Unworked = {}
    for name, cells in join_continued(sheet_cells(path, settings, unworked), settings):
        read = cells_report(extract(cells, path.name, settings), cells, path.name, settings)
        found += [unworked_formulas(e, unworked[name]) for e in read] if name in unworked else read
    return joined_and_numbered(found)
