"""The context every section reader works on: one table's cells and the lookups over them."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache

from jixiao.ingest import labels as L
from jixiao.ingest import messages
from jixiao.ingest.cells import Cell, same_line
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.ingest.shapes import is_label
from jixiao.model.evaluation import Doubt, Location
from jixiao.model.values import is_unit, normalise_text, number_refusal, parse_decimal
from jixiao.model.vocabulary import is_dash, vocabulary

_LABELLED = re.compile(r"^[\u4e00-\u9fff]{2,8}:")
"""A cell that is another label with its value (评价方式:…), never the value of the label before."""

DoubtSink = Callable[..., None]
"""Told of a run of figures that two readings fit equally: the run and the readings (and the
reason, where it is not that figures ran together)."""


_NUMBER_SHAPE = re.compile(r"[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?|infinity|inf|nan)%?", re.IGNORECASE)
"""A cell written as one number, an exponent, NaN or an infinity included (what the value parser
may refuse)."""


def refused_number(text: str) -> str | None:
    """Why a cell written as a number (with its unit or points word, ``1e400万元``) is not read as
    one (``1e400``, 20 digits, NaN), or None."""
    number = _number_part(text, vocabulary().points.word)
    if number is not None and number.lstrip("+-").startswith("."):
        return messages.LOST_INTEGER_PART
    return None if number is None else number_refusal(number)


@lru_cache(maxsize=16_384)
def _number_part(text: str, points_word: str) -> str | None:
    """The number a cell is written as (a unit or the vocabulary's ``points_word`` after it), or
    None: worked out once per text and points word, the two it depends on (the limits it is
    checked against may change, so not the refusal)."""
    s = normalise_text(text).replace(",", "").replace(" ", "")
    m = _NUMBER_SHAPE.match(s)
    rest = s[m.end() :] if m else ""
    if m is None or not (not rest or rest == points_word or is_unit(rest)):
        return None
    return m.group()


_FIGURE_RUN = re.compile(r"^\d[\d.]*\.\d*\.[\d.]*%?[\d.]*$|^\d[\d.]*%[\d.]+$")
"""Figures run together (``300.00300.00296.26``, ``296.261098.75%9.88``): two decimal points or more,
or a rate with figures after it."""


@dataclass
class Table:
    """One table's cells (a region found by ``regions``) with the lookups every section uses,
    and what the sections record while reading: where each value came from, the doubts, the
    grid columns of the indicator header."""

    cells: list[Cell]
    file: str
    table: int
    provenance: dict[str, Location] = field(default_factory=dict)
    doubts: list[Doubt] = field(default_factory=list)
    """Close calls: values read with another reading nearly as good (left empty)."""
    header_columns: dict[L.Column, int] = field(default_factory=dict)
    """Grid column of each indicator header, when the source has a grid (Word, Excel)."""
    level_columns: dict[L.Level, int] = field(default_factory=dict)
    """Grid column of 一级 / 二级 / 三级, when the source has a grid."""
    settings: Settings = DEFAULT
    """The windows the sections look in."""
    row_fits: dict[tuple[str | None, int], bool] = field(default_factory=dict)
    """Per grid row (sheet, row): whether its cells stand under the indicator header's columns."""
    unknown_header: Cell | None = None
    """An indicator header's cell no layout knows, read past as a column (sections/indicators)."""
    recheck_total: Decimal | None = None
    """The 复核总分: the 总分 row's figure under the 复核得分 column, when the grid has one."""
    lone_total: Decimal | None = None
    """A 总分 row's only figure in text (weight sum or score?), for ``sections.total_check``."""
    weight_sum: Decimal | None = None
    """The 总分 row's 分值合计 where it stands beside the score: no reading of the rows' lone
    figures as weights adds up to more (``sections.lone_figures``)."""
    fund_headers: dict[int, list[tuple[Cell, L.FundColumn]]] = field(default_factory=dict)
    """The funds header's cells before each fund row read so far (``sections.funds.header_cells``:
    the total's row asks twice, and the cells never change)."""

    def doubt_sink(self, path: str, cell: Cell) -> DoubtSink:
        """Where a run of figures that two readings fit is recorded, as a doubt on ``path``."""

        def sink(run: str, readings: list[str], reason: str | None = None) -> None:
            self.doubts.append(
                Doubt(
                    field=path,
                    reading=None,
                    alternatives=readings,
                    reason=reason or messages.run_together(run),
                    location=cell.location(),
                )
            )

        return sink

    def refused(self, cell: Cell, path: str, figure: str | None = None, row: str | None = None) -> bool:
        """Whether ``cell`` holds a number the value parser refuses; if so, a doubt on ``path``
        naming the cell and its ``figure`` (or the ``row`` it stands in), once however often the
        cell is read."""
        why = refused_number(cell.text)
        if why is None:
            return False
        where = cell.location()
        if not any(d.field == path and d.location == where for d in self.doubts):
            if figure is not None:
                reason = messages.refused_figure(figure, cell.text, why)
            else:
                reason = messages.refused_in_row(row or "", cell.text, why)
            self.doubts.append(Doubt(field=path, reading=None, reason=reason, location=where))
        return True

    def find(self, names: set[str] | dict[str, object], start: int = 0, stop: int | None = None) -> int | None:
        """The first cell from ``start`` (up to ``stop``) whose key is one of ``names``: looked up in
        the table's index of keys when there are fewer names than cells."""
        if start < 0 or (stop is not None and stop < 0) or len(names) > len(self.cells):
            return next((i for i, c in enumerate(self.cells[start:stop], start) if c.key in names), None)
        end = len(self.cells) if stop is None else min(stop, len(self.cells))
        first = None
        for name in names:
            at = self._places.get(name)
            if at is not None and (k := bisect_left(at, start)) < len(at) and at[k] < end:
                first = at[k] if first is None else min(first, at[k])
        return first

    @cached_property
    def _places(self) -> dict[str, list[int]]:
        """Where each key stands in the table, in order (the cells never change)."""
        places: dict[str, list[int]] = {}
        for i, c in enumerate(self.cells):
            places.setdefault(c.key, []).append(i)
        return places

    def value_after(self, names: set[str], field_name: str, stop: int | None = None) -> str | None:
        """The cell after the first of these labels that has a value (a blank 中央主管部门 is
        passed over for the 地方主管部门 after it)."""
        start = 0
        while (i := self.find(names, start, stop)) is not None and i + 1 < len(self.cells):
            nxt = self.cells[i + 1]
            if not (is_label(nxt.text) or self.labels_a_field(nxt.key) or _LABELLED.match(nxt.key)):
                self.provenance[field_name] = nxt.location()
                return nxt.text
            start = i + 1
        return None

    def labels_a_field(self, k: str) -> bool:
        """Is this cell a header field's label, known or read by its words (业务主管单位: 主管 …
        单位)?  Then it is never the value of the label before it (a blank 项目名称 stays blank)."""
        if k in L.IMPLEMENTING_UNIT or k in L.DEPARTMENT:
            return True
        words = (w for ws in L.FIELD_WORDS.values() for w in ws)
        max_chars = self.settings.field_word_max_chars
        return len(k) <= max_chars and k.endswith(L.FIELD_WORD_ENDS) and any(w in k for w in words)

    def first_value(self, labels_in_order: Sequence[str], field_name: str) -> str | None:
        for label in labels_in_order:
            value = self.value_after({label}, field_name)
            if value is not None:
                return value
        return None

    def numbers_after(self, at: int, path: str | None = None) -> list[str | None]:
        """The figures after a label, up to ``settings.numbers_ahead`` cells (a dash is an empty
        figure), stopping at the first cell that is not one.  A number the value parser refuses
        is an empty figure in its place, and with ``path`` a doubt naming its cell."""
        out: list[str | None] = []
        for c in self.cells[at + 1 : at + 1 + self.settings.numbers_ahead]:
            text = c.text.strip()
            if is_dash(text):
                out.append(None)
            elif parse_decimal(text) is not None or _FIGURE_RUN.match(text):
                out.append(text)  # a run of figures is kept whole for the fund row's arithmetic
            elif refused_number(text) is not None:
                out.append(None)
                if path is not None:
                    self.refused(c, path, row=self.cells[at].text.rstrip(":："))
            else:
                break
        return out

    @cached_property
    def lines_hold_one_cell(self) -> bool:
        """Text whose every cell is a line of its own (a web page's cells as lines, a text file's, a
        web page's or Word document's paragraphs one cell each): there a header's cells share no
        line, they follow one another.  Text is what stands in no grid column (a paragraph of a
        web page is a row without column: its block)."""
        lines = [c.line_key for c in self.cells if c.column is None and c.line_key is not None]
        enough = len(lines) >= self.settings.cell_per_line_min_lines
        return enough and len(set(lines)) >= self.settings.one_cell_lines_share * len(lines)

    def header_together(self, a: Cell, b: Cell) -> bool:
        """Do two cells stand in one header row: on one line or grid row — or, in text of one cell
        per line, both lines of text (the callers walk a header's cells in order)."""
        return same_line(a, b) or (self.lines_hold_one_cell and a.column is None and b.column is None)

    @cached_property
    def _header_at(self) -> int | None:
        return self.find(L.LEVEL_HEADERS)

    def indicator_header(self) -> int | None:
        return self._header_at


def cells_of_row(cells: list[Cell], at: int, ahead: int) -> list[Cell]:
    """The cells after ``at`` on its grid row, up to ``ahead`` of them."""
    row = cells[at].row
    out = []
    for c in cells[at + 1 : at + 1 + ahead]:
        if c.row != row or c.sheet != cells[at].sheet:
            break
        out.append(c)
    return out
