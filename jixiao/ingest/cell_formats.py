"""A spreadsheet cell's stored value written as its number format shows it.

A sheet typed in Chinese stores ``2023年11月20日`` as the date 2023-11-20 shown through the
format ``yyyy"年"m"月"d"日"``, and a rate worked out by a formula as 0.98753… shown through
``0.00%`` as 98.75 %: the reader of the sheet reads the shown text, so is the cell read.  Only
formats of years, months and days (quoted or escaped text, CJK characters and separators between
them) and of fixed decimals or per cents (``0.00``, ``#,##0.0``, ``0.00%``) are rendered here; any
other (times, weekdays, month names, Chinese numerals, fractions, exponents) leaves the value as
the reader writes it otherwise (an ISO date, the number to 15 significant digits).
"""

from __future__ import annotations

import datetime as dt
import re
from abc import ABC, abstractmethod
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

BUILT_IN = {1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 14: "yyyy/m/d"}
"""Built-in formats by id (a file names them by id alone), as a Chinese Excel shows them: 14
follows the system's locale; the built-in CJK dates (27-36, 50-58) are the vocabulary's
(``dates.spreadsheet_formats``)."""


def built_in(number: int) -> str | None:
    """The code of the built-in format ``number``, or None when it is not one rendered here."""
    from jixiao.model.vocabulary import vocabulary

    return BUILT_IN.get(number) or vocabulary().dates.spreadsheet_formats.get(number)


_TOKEN = re.compile(r'"([^"]*)"|\\(.)|(\[[^\]]*\])|(y+|m+|d+)|(.)', re.IGNORECASE)
_SEPARATORS = set("/-. ")


@lru_cache(maxsize=256)
def _parts(code: str) -> tuple[tuple[str, str], ...] | None:
    """The format's pieces as (kind, text): ``lit`` text, or ``y``/``m``/``d`` with its length;
    None when the format holds anything else."""
    out: list[tuple[str, str]] = []
    for quoted, escaped, bracket, field, other in _TOKEN.findall(code.split(";")[0]):
        if bracket:
            if not bracket.startswith("[$"):
                return None  # [DBNum1] (Chinese numerals), [Red], [h] …
        elif field:
            if len(field) > (4 if field[0].lower() == "y" else 2):
                return None  # mmm (a month's name), ddd (a weekday)
            out.append((field[0].lower(), field))
        elif quoted or escaped:
            out.append(("lit", quoted or escaped))
        elif other in _SEPARATORS or "\u4e00" <= other <= "\u9fff":
            out.append(("lit", other))  # a separator, or a CJK character standing as text
        else:
            return None
    return tuple(out) if any(kind != "lit" for kind, _t in out) else None


def shown(value: dt.date, code: str) -> str | None:
    """``value`` as the format ``code`` shows it, or None when the format is not one of dates."""
    parts = _parts(code)
    if parts is None:
        return None
    out = []
    for kind, text in parts:
        if kind == "y":
            out.append(f"{value.year % 100:02d}" if len(text) <= 2 else f"{value.year:04d}")
        elif kind in ("m", "d"):
            n = value.month if kind == "m" else value.day
            out.append(f"{n:02d}" if len(text) == 2 else str(n))
        else:
            out.append(text)
    return "".join(out)


_PADDING = re.compile(r'"[^"]*"|\\.|_.|\*.|\[\$[^\]]*\]')
"""What a number format adds around the figure: quoted text, escaped characters, a space the
width of a character (``_)``), a fill (``*``), a currency or locale (``[$-804]``)."""
_DECIMALS = re.compile(r"[#,0]*0?(?:\.(0+))?(%?)")


def shown_number(exact: str, code: str) -> str | None:
    """``exact`` as a fixed-decimals or per-cent format shows it (rounded half up, as Excel
    rounds for display), or None for any other format."""
    m = _DECIMALS.fullmatch(_PADDING.sub("", code.split(";")[0]))
    if m is None or not m.group(0):
        return None
    value = Decimal(exact) * (100 if m.group(2) else 1)
    places = len(m.group(1) or "")
    return f"{value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP):f}" + m.group(2)


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*)>")
_ATTR = re.compile(rb'\b(r|s)="([^"]*)"')


class Formats(ABC):
    """The shown text of a sheet's date and decimal cells, from each cell's number format (an
    .xlsx's styles or an .xls's records give the codes: ``code`` is each reader's own)."""

    sheet: bytes | None = None
    """The sheet's XML, where it has one (an .xlsx): its formulas saved without results."""

    @abstractmethod
    def code(self, address: str) -> str | None:
        """The number format of the cell at ``address``, or None for the general one."""

    def text(self, address: str, value: dt.date) -> str | None:
        code = self.code(address)
        return None if code is None else shown(value, code)

    def number(self, address: str, exact: str) -> str | None:
        """A decimal ``exact`` (the stored number to 15 digits) as its cell's format shows it."""
        code = self.code(address)
        return None if code is None else shown_number(exact, code)


class CellCodes(Formats):
    """An .xls's cells' number formats, by address, as its records give them (``biff``)."""

    def __init__(self, codes: dict[str, str]) -> None:
        self.codes = codes

    def code(self, address: str) -> str | None:
        return self.codes.get(address)


class SheetFormats(Formats):
    """An .xlsx sheet's formats, from the workbook's styles and the sheet's XML (worked out at
    the first such cell met: a sheet without them costs nothing).  The sheet's cells are scanned
    for their styles only when a style gives a number format: a workbook whose styles give none
    (most exports write only fonts, borders and alignment) shows every cell as General."""

    def __init__(self, styles: bytes | None, sheet: bytes | None) -> None:
        self.styles, self.sheet = styles, sheet
        self._codes: dict[int, str] | None = None
        self._cells: dict[bytes, int] | None = None

    def code(self, address: str) -> str | None:
        """The number format of the cell at ``address``, or None for the general one."""
        if self.styles is None or self.sheet is None:
            return None
        if self._codes is None or self._cells is None:
            self._codes = _codes(self.styles)
            self._cells = _styled(self.sheet) if self._codes else {}
        if not self._codes:
            return None
        return self._codes.get(self._cells.get(address.encode(), 0))


@lru_cache(maxsize=64)
def _codes(styles: bytes) -> dict[int, str]:
    """Each cell format's number format code, by the format's index (built-in dates included).
    Remembered per styles part (never changed by the callers): the workbooks of one batch come
    from a few systems' exports, which write the same styles part into every file."""
    from lxml import etree

    try:
        root = etree.fromstring(styles, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    except (etree.XMLSyntaxError, ValueError):
        return {}
    custom = {f.get("numFmtId"): f.get("formatCode") or "" for f in root.iter(_NS + "numFmt")}
    xfs = root.find(_NS + "cellXfs")
    out: dict[int, str] = {}
    for n, xf in enumerate([] if xfs is None else xfs.iter(_NS + "xf")):
        fmt = xf.get("numFmtId") or "0"
        code = custom.get(fmt) or (built_in(int(fmt)) if fmt.isdigit() and len(fmt) < 6 else None)
        if code:
            out[n] = code
    return out


def _styled(sheet: bytes) -> dict[bytes, int]:
    """Each styled cell's format index, by its reference."""
    out: dict[bytes, int] = {}
    for m in _CELL.finditer(sheet):
        attrs = dict(_ATTR.findall(m.group(1)))
        ref, style = attrs.get(b"r"), attrs.get(b"s")
        if ref and style and style.isdigit():
            out[ref] = int(style)
    return out
