"""Formulas a workbook holds without their results, worked out as the spreadsheet would.

Excel and WPS save each formula's last result beside it; a workbook written by a program
(openpyxl, some systems' exports) saves the formula alone, and a reader of the file finds the
cell empty where anyone opening the sheet sees a figure (the rate ``=E6/D6``, the total
``=SUM(H13:H19)``).  Such a formula is worked out here when it is plain arithmetic of this
sheet's cells — numbers, references and ranges, ``+ - * /``, brackets, ``SUM`` and ``ROUND`` —
in decimals; any other formula (another sheet, another function, text, an error) stays empty,
as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from html import unescape

from jixiao.ingest.settings import DEFAULT, Settings

_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_REF = re.compile(rb'\br="\$?([A-Z]{1,3})\$?([0-9]{1,7})"')
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*>(.*?)</(?:\w+:)?f>", re.DOTALL)
_VALUE = re.compile(rb"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", re.DOTALL)
_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d*)?|\.\d+)|\$?([A-Z]{1,3})\$?(\d{1,7})|([A-Z]+)\s*\(|([-+*/(),:]))")
_DEPTH = 64
"""References followed through other formulas at most this deep (a cycle is no figure)."""

Position = tuple[int, int]


def uncached(data: bytes) -> dict[Position, str]:
    """The formulas of a worksheet's XML that carry no result, by (row, column)."""
    if b"<f" not in data:
        return {}
    out: dict[Position, str] = {}
    for m in _CELL.finditer(data):
        body = m.group(2) or b""
        formula, value = _FORMULA.search(body), _VALUE.search(body)
        ref = _REF.search(m.group(1))
        if formula is None or ref is None or (value is not None and value.group(1).strip()):
            continue
        out[(int(ref.group(2)), _column(ref.group(1).decode()))] = unescape(formula.group(1).decode("utf-8", "replace"))
    return out


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def with_results(
    values: Iterable[tuple[int, int, object]], formulas: dict[Position, str], settings: Settings = DEFAULT
) -> list[tuple[int, int, object]]:
    """The sheet's cells with each formula worked out placed among them, in sheet order."""
    return worked_out(values, formulas, settings)[0]


def worked_out(
    values: Iterable[tuple[int, int, object]], formulas: dict[Position, str], settings: Settings = DEFAULT
) -> tuple[list[tuple[int, int, object]], dict[Position, str]]:
    """The sheet's cells with each formula worked out placed among them, and the formulas not
    worked out (``=IF(…)``, another sheet's cell): those cells stay empty, and the reader says
    so (``sections.refused.unworked_formulas``) rather than leaving an empty figure unexplained."""
    cells = list(values)
    known = {(r, c): v for r, c, v in cells}
    worked = _Sheet(known, formulas, settings)
    added: list[tuple[int, int, object]] = []
    left: dict[Position, str] = {}
    for at, formula in formulas.items():
        if at not in known:
            d = worked.value(at)
            if d is None:
                left[at] = formula
            else:
                added.append((at[0], at[1], float(d)))
    return (sorted([*cells, *added], key=lambda x: (x[0], x[1])) if added else cells), left


class _Sheet:
    """Values of the sheet's cells, formulas worked out on demand (each once)."""

    def __init__(self, known: dict[Position, object], formulas: dict[Position, str], settings: Settings) -> None:
        self.known, self.formulas, self.settings = known, formulas, settings
        self.done: dict[Position, Decimal | None] = {}
        self.depth = 0
        self.visited = 0
        """Cells the sheet's ranges have looked at so far: a workbook of many formulas over wide
        ranges stops being worked out at ``settings.formula_cells_max`` (its formulas stay empty)."""

    def value(self, at: Position) -> Decimal | None:
        """The figure at ``at`` (an empty cell is 0, as in the spreadsheet), None for text or a
        formula that cannot be worked out."""
        if at in self.formulas and at not in self.known:
            if at not in self.done:
                self.done[at] = None  # a cycle meets None
                self.depth += 1
                self.done[at] = _Parser(self.formulas[at], self).result() if self.depth <= _DEPTH else None
                self.depth -= 1
            return self.done[at]
        v = self.known.get(at)
        if v is None:
            return Decimal(0)
        if isinstance(v, bool) or not isinstance(v, int | float):
            return None
        return Decimal(repr(v)) if isinstance(v, float) else Decimal(v)


class _Parser:
    """A recursive descent over one formula's tokens; ``result`` None where it is not plain
    arithmetic of the sheet's own cells."""

    def __init__(self, formula: str, sheet: _Sheet) -> None:
        self.sheet = sheet
        self.tokens = _tokens(formula.upper().lstrip("="))
        self.at = 0

    def result(self) -> Decimal | None:
        if self.tokens is None:
            return None
        try:
            value = self.sum()
        except (_Refused, InvalidOperation, ArithmeticError):
            return None
        return value if self.at == len(self.tokens) else None

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.at] if self.tokens is not None and self.at < len(self.tokens) else None

    def take(self, kind: str, text: str | None = None) -> tuple[str, str]:
        tok = self.peek()
        if tok is None or tok[0] != kind or (text is not None and tok[1] != text):
            raise _Refused
        self.at += 1
        return tok

    def sum(self) -> Decimal:
        value = self.product()
        while (tok := self.peek()) is not None and tok[1] in {"+", "-"}:
            self.at += 1
            other = self.product()
            value = value + other if tok[1] == "+" else value - other
        return value

    def product(self) -> Decimal:
        value = self.unary()
        while (tok := self.peek()) is not None and tok[1] in {"*", "/"}:
            self.at += 1
            other = self.unary()
            value = value * other if tok[1] == "*" else value / other
        return value

    def unary(self) -> Decimal:
        tok = self.peek()
        if tok is not None and tok[1] in {"+", "-"}:
            self.at += 1
            value = self.unary()
            return -value if tok[1] == "-" else value
        return self.atom()

    def atom(self) -> Decimal:
        kind, text = self.take_any()
        if kind == "num":
            return Decimal(text)
        if kind == "ref":
            value = self.sheet.value(_position(text))
            if value is None:
                raise _Refused
            return value
        if kind == "fn":
            return self.call(text)
        if text == "(":
            value = self.sum()
            self.take("op", ")")
            return value
        raise _Refused

    def take_any(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise _Refused
        self.at += 1
        return tok

    def call(self, name: str) -> Decimal:
        args = self.arguments()
        if name == "SUM":
            return sum((v for arg in args for v in arg), Decimal(0))
        if name == "ROUND" and len(args) == 2 and len(args[0]) == 1 and len(args[1]) == 1:
            places = int(args[1][0])
            return args[0][0].quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        raise _Refused

    def arguments(self) -> list[list[Decimal]]:
        """A call's arguments up to its closing bracket: each a figure, or a range's figures (text
        and empty cells in a range are passed over, as SUM passes them)."""
        out: list[list[Decimal]] = []
        while True:
            tok, nxt = self.peek(), self.tokens[self.at + 1] if self.tokens and self.at + 1 < len(self.tokens) else None
            if tok is not None and tok[0] == "ref" and nxt == ("op", ":"):
                self.at += 2
                out.append(self.range(_position(tok[1]), _position(self.take("ref")[1])))
            else:
                out.append([self.sum()])
            if self.take_any() == ("op", ")"):
                return out
            if self.tokens is None or self.tokens[self.at - 1] != ("op", ","):
                raise _Refused

    def range(self, a: Position, b: Position) -> list[Decimal]:
        (r1, r2), (c1, c2) = sorted((a[0], b[0])), sorted((a[1], b[1]))
        size = (r2 - r1 + 1) * (c2 - c1 + 1)
        self.sheet.visited += size
        if size > self.sheet.settings.formula_range_max or self.sheet.visited > self.sheet.settings.formula_cells_max:
            raise _Refused
        got = (self.sheet.value((r, c)) if (r, c) in self.sheet.known or (r, c) in self.sheet.formulas else None
               for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))  # fmt: skip
        return [v for v in got if v is not None]


class _Refused(Exception):
    """The formula is not one worked out here."""


def _tokens(text: str) -> list[tuple[str, str]] | None:
    out: list[tuple[str, str]] = []
    at = 0
    while at < len(text):
        if text[at:].strip() == "":
            break
        m = _TOKEN.match(text, at)
        if m is None:
            return None
        num, letters, digits, fn, op = m.groups()
        out.append(("num", num) if num else ("ref", letters + digits) if letters else ("fn", fn) if fn else ("op", op))
        at = m.end()
    return out


def _position(ref: str) -> Position:
    m = re.fullmatch(r"([A-Z]{1,3})(\d{1,7})", ref)
    if m is None:
        raise _Refused
    return int(m.group(2)), _column(m.group(1))
