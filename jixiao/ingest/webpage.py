"""Web pages (.html, .htm): text and tables in document order, each table cell once.

A cell spanning rows or columns (rowspan/colspan) appears once in the markup, at its origin,
which is where a reader meets it; script, style and navigation text are left out, and so is what
the page does not show (``display:none``: the hidden rows and columns of a sheet Excel saved as a
web page).  A wide
merged cell of ``标签：值`` pairs is handed on as label and value cells (``label_value``).
Text outside tables is read as the lines of a text file (a table published as paragraphs).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jixiao.ingest.assemble import extract
from jixiao.ingest.budget import check_cells, check_count, read_bytes
from jixiao.ingest.cells import Cell, as_line, clean, text_cells
from jixiao.ingest.errors import IngestError
from jixiao.ingest.label_value import split_pairs
from jixiao.ingest.narrative import cells_report
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.ingest.text import decode
from jixiao.model.evaluation import Evaluation

_SKIP = {"script", "style", "noscript", "head", "nav", "footer", "header"}
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "span", "td", "th", "section", "article"}
_NOT_SHOWN = re.compile(r"display\s*:\s*none", re.IGNORECASE)


def _hidden(node: Any) -> bool:
    """Whether the page does not show ``node`` (``style="display:none"`` or ``hidden``): a row or
    column hidden in the sheet Excel saved as a web page holds figures no reader sees."""
    style = node.get("style")
    return (style is not None and _NOT_SHOWN.search(style) is not None) or node.get("hidden") is not None


def html_cells(path: Path, settings: Settings = DEFAULT) -> list[Cell]:
    from lxml import etree
    from lxml import html as lxml_html

    text = decode(read_bytes(path), path)
    if not text.strip():
        raise IngestError(path, "文件为空")
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise IngestError(path, f"不是有效的网页（{exc}）") from None
    cells: list[Cell] = []
    loose: list[Cell] = []  # text outside tables since the last table, read as lines of text
    table_no = 0

    def walk(node: etree._Element) -> None:
        nonlocal table_no
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _SKIP or _hidden(node):
            return
        if tag == "table":
            cells.extend(_text_lines(loose, settings))
            loose.clear()
            table_no += 1
            cells.extend(_table_cells(path, node, f"表格{table_no}"))
            check_count(path, "cells", len(cells), "单元格数")
            return
        if tag in _BLOCKS and not any(child.tag in _BLOCKS | {"table"} for child in node if isinstance(child.tag, str)):
            t = clean(node.text_content())
            if t:
                loose.append(Cell(t, line=node.sourceline, raw=node.text_content()))
            return
        if node.text and clean(node.text):
            loose.append(Cell(clean(node.text), line=node.sourceline))
        for child in node:
            walk(child)
            if child.tail and clean(child.tail):
                loose.append(Cell(clean(child.tail), line=child.sourceline))

    body = root.find("body")
    walk(body if body is not None else root)
    return check_cells(path, cells + _text_lines(loose, settings))


def _text_lines(blocks: list[Cell], settings: Settings = DEFAULT) -> list[Cell]:
    """Text outside tables read as the lines of a text file, one block a line: a table published
    as paragraphs (``|`` between cells, cells spaced out or one per line) splits into its cells
    as it would from a .txt; each cell keeps its block's source line, and its block's number as
    the row (a page's source is often one line: the blocks are what tell its rows apart)."""
    lines = [b.line for b in blocks]
    pieces = text_cells("\n".join(as_line(b) for b in blocks), settings)
    return [Cell(c.text, line=lines[(c.line or 1) - 1], row=c.line if c.row is None else c.row,
                 column=c.column, unsure=c.unsure, preview=c.preview) for c in pieces]  # fmt: skip


def _table_cells(path: Path, table: Any, sheet: str) -> list[Cell]:
    """A table's cells at their grid positions.  A rowspan reaching past the table's last row
    stops there, as a browser stops it; a span past the ``span`` limit, or spans covering more
    than the ``grid`` limit of positions, refuse the file before any grid is built.  A row or a
    cell the page does not show keeps its place in the grid and gives no text."""
    rows = list(table.iter("tr"))
    taken: dict[int, list[tuple[int, int]]] = {}  # row → (first, last) columns held by rowspans above
    area = 0
    out: list[Cell] = []
    for r, tr in enumerate(rows, start=1):
        c, shown = 1, not _hidden(tr)
        for td in tr.iterchildren("td", "th"):
            c = _free(taken.get(r, ()), c)
            rowspan = min(_span(path, td.get("rowspan")), len(rows) - r + 1)
            colspan = _span(path, td.get("colspan"))
            area += rowspan * colspan
            check_count(path, "grid", area, "表格网格位置数")
            for below in range(r + 1, r + rowspan):
                taken.setdefault(below, []).append((c, c + colspan - 1))
            t = clean(td.text_content()) if shown and not _hidden(td) else ""
            out += [Cell(part, row=r, column=c + k, sheet=sheet, line=td.sourceline)
                    for k, part in enumerate(split_pairs(t, colspan) or [t]) if part]  # fmt: skip
            c += colspan
        taken.pop(r, None)
    return out


def _free(taken: Iterable[tuple[int, int]], c: int) -> int:
    """The first column from ``c`` on that no rowspan from above holds."""
    spans = sorted(taken)
    for first, last in spans:
        if first <= c <= last:
            c = last + 1
    return c


def _span(path: Path, value: str | None) -> int:
    try:
        span = max(1, int(value or 1))
    except ValueError:
        return 1
    check_count(path, "span", span, "合并单元格跨度")
    return span


def read_html(path: Path, settings: Settings = DEFAULT) -> list[Evaluation]:
    cells = html_cells(path, settings)
    return cells_report(extract(cells, path.name, settings), cells, path.name, settings)
