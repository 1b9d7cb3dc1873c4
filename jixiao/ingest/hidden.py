"""What a spreadsheet hides: columns and rows hidden in an .xlsx or .xls sheet.

An export of a 预算管理一体化 system carries ID and code columns hidden from the user; a unit
hides working rows before printing.  What is hidden is not part of the table as printed and
signed, so the Excel reader passes over it.  calamine does not report hidden columns or rows,
so they are read from the sheet's XML (``<col hidden="1">``, ``<row hidden="1">``) with a
streaming parser: only those two elements are looked at, and each is freed once read.
Hidden sheets are known from calamine itself for .xlsx and .xls alike; an .xls's hidden
columns and rows come from its BIFF records (``biff``).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from lxml import etree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


@dataclass(frozen=True)
class Hidden:
    """1-based numbers of the hidden columns and rows of one sheet."""

    columns: frozenset[int] = field(default_factory=frozenset)
    rows: frozenset[int] = field(default_factory=frozenset)

    def covers(self, row: int, column: int) -> bool:
        return row in self.rows or column in self.columns


def _flag(value: str | None) -> bool:
    return value in {"1", "true"}


def _sheet_paths(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its XML part, from the workbook and its relationships."""
    rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(_PKG_REL)}
    workbook = etree.fromstring(z.read("xl/workbook.xml"))
    out = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_REL), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        out[sheet.get("name", "")] = path
    return out


def _read_sheet(z: zipfile.ZipFile, part: str) -> Hidden:
    with z.open(part) as stream:
        return _parse(stream)


def sheet_hidden(data: bytes) -> Hidden:
    """The hidden columns and rows of a worksheet's bytes already read.  A sheet whose bytes
    never say ``hidden`` hides nothing (an attribute's name is never escaped), so it is not
    parsed at all; a sheet the XML parser refuses is taken as hiding nothing (calamine, which
    reads the cells, says what is wrong with it)."""
    if b"hidden" not in data:
        return Hidden()
    try:
        return _parse(io.BytesIO(data))
    except (ValueError, etree.XMLSyntaxError):
        return Hidden()


def _parse(stream: IO[bytes]) -> Hidden:
    columns: set[int] = set()
    rows: set[int] = set()
    for _event, el in etree.iterparse(stream, tag=(f"{_MAIN}col", f"{_MAIN}row"), resolve_entities=False):
        if el.tag == f"{_MAIN}col" and _flag(el.get("hidden")):
            low, high = int(el.get("min", "0")), int(el.get("max", "0"))
            columns.update(range(low, min(high, low + 16_384) + 1))  # 16,384: Excel's last column
        elif el.tag == f"{_MAIN}row" and _flag(el.get("hidden")) and el.get("r", "").isdigit():
            rows.add(int(el.get("r", "0")))
        el.clear()
    return Hidden(frozenset(columns), frozenset(rows))


def hidden_parts(path: Path) -> dict[str, Hidden]:
    """Hidden columns and rows per sheet name of an .xlsx or .xls; empty for anything else or on
    damage (a damaged file is refused by the reader itself, with its own message)."""
    if path.suffix.lower() == ".xls":
        from jixiao.ingest.biff import BiffError, hidden_cells

        try:
            return {
                name: Hidden(frozenset(c), frozenset(r)) for name, (c, r) in hidden_cells(path.read_bytes()).items()
            }
        except (BiffError, OSError):
            return {}
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        return {}
    try:
        with zipfile.ZipFile(path) as z:
            return {name: _read_sheet(z, part) for name, part in _sheet_paths(z).items() if part in z.namelist()}
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, etree.XMLSyntaxError):
        return {}
