"""The parts of an .xlsx package jixiao looks at before, or instead of, calamine.

calamine holds a sheet as one dense grid from A1 to its last cell: a 5 KB file with a single
value at XFD1048576 asks for 17 billion positions (512 GiB).  So each worksheet's XML is first
measured (its values and its farthest cell reference, found by a scan of the bytes that costs
what the bytes cost); a sheet whose grid would pass the budget is read here instead, cell by
cell, so that reading a sparse sheet costs what its cells cost.  The values come out as
calamine gives them (shared and inline strings, numbers as floats, dates as datetimes,
booleans), so the cell stream is the same either way.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jixiao.ingest.budget import parse_xml, read_member

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_WHAT = "Excel 文件"
_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
_TAGS = re.compile(rb"<(?:\w+:)?(?:(c)[\s>/]|(row)[\s>/]|(?:v|is)[\s>])")
"""A cell, a row or a value element opening: one pass counts all three (their openings never
overlap, so the counts are those of three separate searches)."""
_PREFIXED = re.compile(rb"<\w+:")
"""An element written with a namespace prefix (``<x:c``): without one anywhere, the searches
below need not allow for it."""
_PLAIN_REF = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
_PLAIN_TAGS = (re.compile(rb"<c[\s>/]"), re.compile(rb"<row[\s>/]"), re.compile(rb"<(?:v|is)[\s>]"))
"""``_REF`` and ``_TAGS``'s three openings where no element has a prefix (as most writers write
them): each opens with its literal, which the search skips to — a third of the time."""
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3}[0-9]{1,7}):([A-Z]{1,3}[0-9]{1,7})"')
_SPLIT_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


@dataclass(frozen=True)
class SheetScan:
    """What a worksheet's XML holds: its values, and the grid from A1 to its farthest cell."""

    part: str
    values: int
    rows: int
    columns: int

    @property
    def area(self) -> int:
        return self.rows * self.columns


def sheet_parts(path: Path, archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the worksheet part holding it, from the workbook and its relationships."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        return {}
    book: Any = parse_xml(path, read_member(path, archive, "xl/workbook.xml", _WHAT), _WHAT)
    targets: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in names:
        rels: Any = parse_xml(path, read_member(path, archive, "xl/_rels/workbook.xml.rels", _WHAT), _WHAT)
        for rel in rels:
            target = rel.get("Target") or ""
            targets[rel.get("Id") or ""] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    out: dict[str, str] = {}
    for sheet in book.iter(_NS + "sheet"):
        part = targets.get(sheet.get(_REL) or "")
        if part in names:
            out[sheet.get("name") or ""] = part
    return out


def scan(path: Path, archive: zipfile.ZipFile, part: str) -> SheetScan:
    """Count a worksheet's values and find its farthest cell, without building anything."""
    return measure(part, read_member(path, archive, part, _WHAT))


def measure(part: str, data: bytes) -> SheetScan:
    """``scan`` of a worksheet's bytes already read: two searches of the bytes, the column
    letters met turned into numbers once each."""
    plain = _PREFIXED.search(data) is None
    refs = (_PLAIN_REF if plain else _REF).findall(data)
    columns = max((_column(letters) for letters in {c for c, _r in refs}), default=0)
    rows = max((int(r) for r in {r for _c, r in refs}), default=0)
    cells, row_tags, values = _tag_counts(data, plain)
    referenced = len(refs)
    if referenced < cells:  # cells placed by order rather than by reference: each may push the grid
        columns += cells - referenced
        rows = max(rows, row_tags) + cells - referenced
    return SheetScan(part, values, rows, columns)


def _tag_counts(data: bytes, plain: bool) -> tuple[int, int, int]:
    """How many cell, row and value elements open in a worksheet's bytes (``plain``: none has a
    namespace prefix)."""
    if plain:
        cell, row, value = (len(p.findall(data)) for p in _PLAIN_TAGS)
        return cell, row, value
    cells = row_tags = values = 0
    for cell, row in _TAGS.findall(data):
        if cell:
            cells += 1
        elif row:
            row_tags += 1
        else:
            values += 1
    return cells, row_tags, values


def _column(letters: bytes) -> int:
    return column_number(letters.decode())


def column_number(letters: str) -> int:
    """A column's number from its one to three capital letters (A → 1, AA → 27)."""
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


class Package:
    """The shared strings, date styles and date system a sparse read needs, read once."""

    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self.path, self.archive = path, archive
        names = set(archive.namelist())
        self.strings = self._strings() if "xl/sharedStrings.xml" in names else []
        self.dates = self._date_styles() if "xl/styles.xml" in names else set()
        book: Any = parse_xml(path, read_member(path, archive, "xl/workbook.xml", _WHAT), _WHAT)
        pr = book.find(_NS + "workbookPr")
        self.epoch = dt.datetime(1904, 1, 1) if pr is not None and pr.get("date1904") in {"1", "true"} else None

    def _xml(self, part: str) -> Any:
        return parse_xml(self.path, read_member(self.path, self.archive, part, _WHAT), _WHAT)

    def _strings(self) -> list[str]:
        return [_string(si) for si in self._xml("xl/sharedStrings.xml").iter(_NS + "si")]

    def _date_styles(self) -> set[int]:
        """Indexes of the cell formats that show a number as a date or time."""
        styles = self._xml("xl/styles.xml")
        custom = {f.get("numFmtId"): f.get("formatCode") or "" for f in styles.iter(_NS + "numFmt")}
        xfs = styles.find(_NS + "cellXfs")
        out: set[int] = set()
        for n, xf in enumerate([] if xfs is None else xfs.iter(_NS + "xf")):
            fmt = xf.get("numFmtId") or "0"
            if fmt in custom:
                if _is_date_code(custom[fmt]):
                    out.add(n)
            elif fmt.isdigit() and int(fmt) in _DATE_FORMATS:
                out.add(n)
        return out

    def cells(self, part: str) -> list[tuple[int, int, object]]:
        """(row, column, value) of every cell holding a value, in sheet order."""
        from lxml import etree

        data = read_member(self.path, self.archive, part, _WHAT)
        out: list[tuple[int, int, object]] = []
        row = column = 0
        events = etree.iterparse(io.BytesIO(data), events=("start", "end"), resolve_entities=False, no_network=True)
        for event, element in events:
            if event == "start":
                if element.tag == _NS + "row":
                    row = int(element.get("r") or row + 1)
                    column = 0
                continue
            if element.tag == _NS + "c":
                row, column = _position(element.get("r"), row, column + 1)
                value = self._value(element)
                if value is not None and value != "":
                    out.append((row, column, value))
                element.clear()
        return out

    def merges(self, part: str) -> dict[tuple[int, int], int]:
        """Merged ranges' widths by their top-left (row, column)."""
        data = read_member(self.path, self.archive, part, _WHAT)
        out: dict[tuple[int, int], int] = {}
        for m in _MERGE.finditer(data):
            (r1, c1), (_r2, c2) = (_position(ref.decode(), 0, 0) for ref in m.groups())
            out[(r1, c1)] = c2 - c1 + 1
        return out

    def _value(self, c: Any) -> object:
        kind = c.get("t") or "n"
        if kind == "inlineStr":
            inline = c.find(_NS + "is")
            return None if inline is None else _string(inline)
        v = c.find(_NS + "v")
        text = None if v is None else v.text
        if text is None:
            return None
        if kind == "s":
            return self.strings[int(text)] if text.isdigit() and int(text) < len(self.strings) else None
        if kind == "b":
            return text.strip() in {"1", "true"}
        if kind in {"str", "e", "d"}:
            return text
        try:
            number = float(text)
        except ValueError:
            return text
        style = c.get("s")
        if style is not None and style.isdigit() and int(style) in self.dates:
            return self._date(number)
        return number

    def _date(self, serial: float) -> object:
        epoch = self.epoch or dt.datetime(1899, 12, 30)
        try:
            return epoch + dt.timedelta(days=serial)
        except OverflowError:
            return serial


def _position(ref: str | None, row: int, column: int) -> tuple[int, int]:
    m = _SPLIT_REF.fullmatch(ref or "")
    if m is None:
        return row, column
    return int(m.group(2)), column_number(m.group(1))


def _string(si: Any) -> str:
    """A shared or inline string: its text runs, without the phonetic guide (``rPh``)."""
    return "".join(t.text or "" for t in si.iter(_NS + "t") if t.getparent().tag != _NS + "rPh")


_DATE_FORMATS = {*range(14, 23), *range(27, 37), 45, 46, 47, *range(50, 59)}
"""Excel's built-in number formats that are dates or times (14–22, 45–47, and the CJK ones)."""
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def _is_date_code(code: str) -> bool:
    bare = _QUOTED.sub("", code).lower()
    return any(ch in bare for ch in "ymdhs") and "general" not in bare
