"""Hidden columns and rows, and number formats, of an .xls: the binary Excel 97–2003 format
(BIFF8 records in an OLE compound file), which calamine reads but whose hidden flags and
number formats it does not report.

Only what is needed is read: the compound file's FAT (and mini FAT, for a small workbook) and
its directory to find the ``Workbook`` stream, the sheet list (``BOUNDSHEET``), the number
formats (``FORMAT``) and cell formats (``XF``), and in each sheet the ``COLINFO`` (hidden column
ranges) and ``ROW`` (hidden rows) records and the format of each number cell.  Every offset
and chain is bounds-checked and every loop bounded by the file's own size, so a damaged or
hostile file ends in ``BiffError`` (the caller then reads the file whole), never in a loop or
an exception of another kind.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator

_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFFFFFE
_BOUNDSHEET, _BOF, _EOF, _COLINFO, _ROW = 0x0085, 0x0809, 0x000A, 0x007D, 0x0208
_ROW_HIDDEN = 0x0020  # fDyZero: the row's height is zero
_COL_HIDDEN = 0x0001
# Records of one cell holding a value (FORMULA, NUMBER, RK, LABELSST, LABEL, RSTRING, BOOLERR):
# calamine keeps these, and not BLANK / MULBLANK or the DIMENSIONS record.
_VALUE_CELLS = frozenset({0x0006, 0x0203, 0x027E, 0x007E, 0x00FD, 0x0204, 0x00D6, 0x0205})
_MULRK = 0x00BD  # several RK numbers in one row: row, first column, …, last column
_FORMAT, _XF = 0x041E, 0x00E0
_NUMBER_CELLS = frozenset({0x0203, 0x027E, 0x0006})  # NUMBER, RK, FORMULA: row, column, XF index


class BiffError(ValueError):
    """The file is not a readable BIFF8 workbook."""


def _u16(data: bytes, at: int) -> int:
    if at + 2 > len(data):
        raise BiffError("short read")
    return int.from_bytes(data[at : at + 2], "little")


def _u32(data: bytes, at: int) -> int:
    if at + 4 > len(data):
        raise BiffError("short read")
    return int.from_bytes(data[at : at + 4], "little")


class _Compound:
    """Sectors, the FAT and the directory of an OLE compound file."""

    def __init__(self, data: bytes) -> None:
        if not data.startswith(_MAGIC):
            raise BiffError("not a compound file")
        self.data = data
        shift = _u16(data, 0x1E)
        if shift not in (9, 12):
            raise BiffError("sector size")
        self.size = 1 << shift
        self.sectors = max(0, len(data) // self.size - 1)
        self.fat = self._fat()

    def _sector(self, n: int) -> bytes:
        if not 0 <= n < self.sectors:
            raise BiffError("sector out of range")
        start = (n + 1) * self.size
        return self.data[start : start + self.size]

    def _fat(self) -> list[int]:
        listed = [_u32(self.data, 0x4C + 4 * k) for k in range(109)]
        difat, count = _u32(self.data, 0x44), _u32(self.data, 0x48)
        for _ in range(min(count, self.sectors)):
            if difat >= _END_OF_CHAIN:
                break
            block = self._sector(difat)
            listed += [_u32(block, 4 * k) for k in range(self.size // 4 - 1)]
            difat = _u32(block, self.size - 4)
        fat: list[int] = []
        for n in listed[: _u32(self.data, 0x2C)]:
            block = self._sector(n)
            fat += [_u32(block, 4 * k) for k in range(self.size // 4)]
        return fat

    def chain(self, first: int) -> bytes:
        out: list[bytes] = []
        n = first
        for _ in range(self.sectors + 1):
            if n >= _END_OF_CHAIN:
                return b"".join(out)
            out.append(self._sector(n))
            n = self.fat[n] if n < len(self.fat) else _END_OF_CHAIN
        raise BiffError("FAT chain loops")

    def stream(self, name: str) -> bytes:
        directory = self.chain(_u32(self.data, 0x30))
        for at in range(0, len(directory) - 127, 128):
            length = min(_u16(directory, at + 64), 64)
            entry = directory[at : at + max(0, length - 2)].decode("utf-16-le", "replace")
            if entry == name and directory[at + 66] == 2:
                size, start = _u32(directory, at + 120), _u32(directory, at + 116)
                if size < _u32(self.data, 0x38):  # a small stream lives in the mini stream
                    return self._mini(directory, start)[:size]
                return self.chain(start)[:size]
        raise BiffError(f"no {name} stream")

    def _mini(self, directory: bytes, first: int) -> bytes:
        """A stream kept in 64-byte mini sectors inside the root entry's stream."""
        mini = self.chain(_u32(directory, 116))  # the root entry (directory entry 0)
        table = self.chain(_u32(self.data, 0x3C))
        fat = [_u32(table, 4 * k) for k in range(len(table) // 4)]
        size = 1 << _u16(self.data, 0x20)
        out: list[bytes] = []
        n = first
        for _ in range(len(fat) + 1):
            if n >= _END_OF_CHAIN:
                return b"".join(out)
            if n >= len(fat) or (n + 1) * size > len(mini):
                raise BiffError("mini sector out of range")
            out.append(mini[n * size : (n + 1) * size])
            n = fat[n]
        raise BiffError("mini FAT chain loops")


def _records(stream: bytes, start: int) -> Iterator[tuple[int, bytes]]:
    """The records from ``start`` to the substream's EOF, one at a time (a 50 MB file of empty
    records is millions of them: never held as a list)."""
    at = start
    while at + 4 <= len(stream):
        kind, length = _u16(stream, at), _u16(stream, at + 2)
        yield kind, stream[at + 4 : at + 4 + length]
        at += 4 + length
        if kind == _EOF:
            break


def _sheet_name(data: bytes) -> str:
    count, flags = data[6], data[7]
    raw = data[8 : 8 + count * (2 if flags & 1 else 1)]
    return raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")


def _hidden(stream: bytes, start: int) -> tuple[set[int], set[int]]:
    columns: set[int] = set()
    rows: set[int] = set()
    for kind, data in _records(stream, start):
        if kind == _COLINFO and len(data) >= 10 and _u16(data, 8) & _COL_HIDDEN:
            first, last = _u16(data, 0), min(_u16(data, 2), 255)
            columns.update(range(first + 1, last + 2))
        elif kind == _ROW and len(data) >= 14 and _u16(data, 12) & _ROW_HIDDEN:
            rows.add(_u16(data, 0) + 1)
    return columns, rows


def hidden_cells(data: bytes) -> dict[str, tuple[set[int], set[int]]]:
    """Sheet name → (hidden columns, hidden rows), 1-based, of a BIFF8 workbook."""
    try:
        stream = _Compound(data).stream("Workbook")
        out = {}
        for kind, record in _records(stream, 0):
            if kind == _BOUNDSHEET and len(record) >= 8:
                out[_sheet_name(record)] = _hidden(stream, _u32(record, 0))
        return out
    except (struct.error, IndexError, UnicodeError) as exc:
        raise BiffError(type(exc).__name__) from None


def _extent(stream: bytes, start: int) -> tuple[int, int, int]:
    last_row = last_column = count = 0
    for kind, data in _records(stream, start):
        if kind in _VALUE_CELLS and len(data) >= 4:
            row, column, cells = _u16(data, 0), _u16(data, 2), 1
        elif kind == _MULRK and len(data) >= 6:
            row, column = _u16(data, 0), _u16(data, len(data) - 2)
            cells = max(0, column - _u16(data, 2) + 1)
        else:
            continue
        last_row, last_column, count = max(last_row, row), max(last_column, column), count + cells
    return last_row, last_column, count


def sheet_extents(data: bytes) -> dict[str, tuple[int, int, int]]:
    """Sheet name → (last row, last column, cells holding a value), 0-based, of a BIFF8 workbook.

    calamine builds every sheet at open as a dense grid over its cells, so one value at IV65536
    costs 16 million positions (half a gigabyte) before anything can be refused: the caller
    measures the sheets from their cell records first."""
    try:
        compound = _Compound(data)
        try:
            stream = compound.stream("Workbook")
        except BiffError:
            stream = compound.stream("Book")  # BIFF5
        return {
            _sheet_name(record): _extent(stream, _u32(record, 0))
            for kind, record in _records(stream, 0)
            if kind == _BOUNDSHEET and len(record) >= 8
        }
    except (struct.error, IndexError, UnicodeError) as exc:
        raise BiffError(type(exc).__name__) from None


def _format_code(data: bytes) -> tuple[int, str]:
    """A ``FORMAT`` record's (number, code): the code an ``XLUnicodeString`` after the number."""
    number, count, flags = _u16(data, 0), _u16(data, 2), data[4]
    raw = data[5 : 5 + count * (2 if flags & 1 else 1)]
    return number, raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")


def _number_formats(stream: bytes) -> tuple[dict[int, str], list[int]]:
    """The workbook's own number formats by number, and each cell format's (XF's) number."""
    codes: dict[int, str] = {}
    xfs: list[int] = []
    for kind, record in _records(stream, 0):
        if kind == _FORMAT and len(record) >= 5:
            number, code = _format_code(record)
            codes[number] = code
        elif kind == _XF and len(record) >= 4:
            xfs.append(_u16(record, 2))
    return codes, xfs


def _styled(stream: bytes, start: int, shown: dict[int, str]) -> dict[tuple[int, int], str]:
    """(row, column), 1-based, → the code of each number cell whose format ``shown`` holds."""
    out: dict[tuple[int, int], str] = {}
    for kind, data in _records(stream, start):
        if kind in _NUMBER_CELLS and len(data) >= 6:
            code = shown.get(_u16(data, 4))
            if code is not None:
                out[(_u16(data, 0) + 1, _u16(data, 2) + 1)] = code
        elif kind == _MULRK and len(data) >= 6:
            row, first = _u16(data, 0) + 1, _u16(data, 2) + 1
            for k in range((len(data) - 6) // 6):
                code = shown.get(_u16(data, 4 + 6 * k))
                if code is not None:
                    out[(row, first + k)] = code
    return out


def cell_codes(data: bytes, built_in: Callable[[int], str | None]) -> dict[str, dict[tuple[int, int], str]]:
    """Sheet name → the number format code of each number cell shown through one that is not
    the general format, of a BIFF8 workbook: its own ``FORMAT`` codes, else ``built_in(number)``
    (the formats Excel names by number alone)."""
    try:
        stream = _Compound(data).stream("Workbook")
        codes, xfs = _number_formats(stream)
        shown = {k: code for k, n in enumerate(xfs) if n and (code := codes.get(n) or built_in(n))}
        if not shown:
            return {}
        return {
            _sheet_name(record): _styled(stream, _u32(record, 0), shown)
            for kind, record in _records(stream, 0)
            if kind == _BOUNDSHEET and len(record) >= 8
        }
    except (struct.error, IndexError, UnicodeError) as exc:
        raise BiffError(type(exc).__name__) from None
