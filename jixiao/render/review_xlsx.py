"""The review as a workbook: one row per finding, filters on, header frozen, columns sized.

Written by XlsxWriter in constant-memory mode, row after row as findings come, so a province's
batch costs the same memory as one file's; every text from the documents is stored as text
(``jixiao.render.cells``), never as a formula.  A worksheet holds 1,048,576 rows: the findings
past them go on to a second sheet (复核意见（2）, its own header and filters), and so on —
XlsxWriter would otherwise drop them without a word.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from io import BytesIO
from pathlib import Path
from typing import IO, Any

import xlsxwriter

from jixiao.render.cells import is_risky
from jixiao.review import Finding, Review

COLUMNS = (
    ("级别", 8), ("代码", 22), ("问题", 22), ("文件", 28), ("表号", 6), ("项目名称", 30), ("位置", 36),
    ("行号", 6), ("原文位置", 14), ("填报值", 14), ("复核值", 14), ("说明", 70), ("依据", 40), ("规则集", 16),
)  # fmt: skip
_FILL = {"error": "#FFEBE9", "warning": "#FFF8C5", "info": "#DDF4FF"}
_SEVERITY = {"错误": "error", "警告": "warning", "提示": "info"}
_MESSAGE = 11
SHEET = "复核意见"
ROWS = 1_048_576
"""Rows of a worksheet (the header's included): Excel's limit."""


def finding_row(review: Review, f: Finding) -> list[Any]:
    """The cells of one finding's row (plain values: text, whole numbers or empty)."""
    return [
        f.severity.label, f.code.value, f.title, f.file, f.table, f.project, f.where, f.row, f.place,
        f.stated, f.computed, f.message, f.rule, review.rule_set.name,
    ]  # fmt: skip


class ReviewWorkbook:
    """A review workbook written as rows arrive; ``close()`` finishes the file."""

    def __init__(self, target: str | Path | IO[bytes]) -> None:
        options: dict[str, Any] = {"constant_memory": True, "strings_to_numbers": False,
                                   "strings_to_formulas": False, "strings_to_urls": False}  # fmt: skip
        if not isinstance(target, str | Path):
            options["in_memory"] = True
        self._book = xlsxwriter.Workbook(target, options)
        self._formats: dict[tuple[str | None, bool, bool], Any] = {}
        self._plain: dict[str | None, tuple[Any, ...]] = {}
        self._bold = self._book.add_format({"bold": True})
        self._sheets = 0
        self._new_sheet()

    def _new_sheet(self) -> None:
        self._sheets += 1
        self._ws = self._book.add_worksheet(SHEET if self._sheets == 1 else f"{SHEET}（{self._sheets}）")
        for k, (name, width) in enumerate(COLUMNS):
            self._ws.set_column(k, k, width)
            self._ws.write_string(0, k, name, self._bold)
        self._ws.freeze_panes(1, 0)
        self._row = 0

    def _end_sheet(self) -> None:
        self._ws.autofilter(0, 0, self._row, len(COLUMNS) - 1)

    def _format(self, fill: str | None, wrap: bool, quoted: bool) -> Any:
        key = (fill, wrap, quoted)
        if key not in self._formats:
            spec: dict[str, Any] = {}
            if fill:
                spec.update(pattern=1, bg_color=fill)
            if wrap:
                spec.update(text_wrap=True, valign="top")
            if quoted:
                spec["quote_prefix"] = True
            self._formats[key] = self._book.add_format(spec) if spec else None
        return self._formats[key]

    def _row_formats(self, fill: str | None) -> tuple[Any, ...]:
        """Each column's format for a row of this fill when no cell of it is risky."""
        if fill not in self._plain:
            self._plain[fill] = tuple(self._format(fill if k < 3 else None, k == _MESSAGE, False)
                                      for k in range(len(COLUMNS)))  # fmt: skip
        return self._plain[fill]

    def add(self, row: Sequence[Any]) -> None:
        if self._row + 1 >= ROWS:
            self._end_sheet()
            self._new_sheet()
        self._row += 1
        n, ws = self._row, self._ws
        fill = _FILL.get(_SEVERITY.get(str(row[0]), ""))
        formats = self._row_formats(fill)
        for k, value in enumerate(row):
            fmt = formats[k]
            if value is None:
                if fmt is not None:
                    ws.write_blank(n, k, None, fmt)
            elif isinstance(value, int | float):
                ws.write_number(n, k, value, fmt)
            else:
                if is_risky(value):
                    fmt = self._format(fill if k < 3 else None, k == _MESSAGE, True)
                ws.write_string(n, k, str(value), fmt)

    def close(self) -> None:
        self._end_sheet()
        self._book.close()


def write_rows(target: str | Path | IO[bytes], rows: Iterable[Sequence[Any]]) -> None:
    book = ReviewWorkbook(target)
    for row in rows:
        book.add(row)
    book.close()


def write_xlsx(reviews: Sequence[Review]) -> bytes:
    buffer = BytesIO()
    write_rows(buffer, (finding_row(r, f) for r in reviews for f in r.findings))
    return buffer.getvalue()
