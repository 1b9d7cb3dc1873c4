"""Web pages (.html, .htm): text and tables in document order, each table cell once.

A cell spanning rows or columns (rowspan/colspan) appears once in the markup, at its origin,
which is where a reader meets it; script, style and navigation text are left out.  A wide
merged cell of ``标签：值`` pairs is handed on as label and value cells (``label_value``).
"""

from __future__ import annotations

from pathlib import Path

from jixiao.ingest.cells import Cell, clean
from jixiao.ingest.errors import IngestError
from jixiao.ingest.extract import extract
from jixiao.ingest.label_value import split_pairs
from jixiao.ingest.text import decode
from jixiao.model.evaluation import Evaluation

_SKIP = {"script", "style", "noscript", "head", "nav", "footer", "header"}
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "span", "td", "th", "section", "article"}


def html_cells(path: Path) -> list[Cell]:
    from lxml import etree
    from lxml import html as lxml_html

    text = decode(path.read_bytes(), path)
    if not text.strip():
        raise IngestError(path, "文件为空")
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise IngestError(path, f"不是有效的网页（{exc}）") from None
    cells: list[Cell] = []
    table_no = 0

    def walk(node: etree._Element) -> None:
        nonlocal table_no
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _SKIP:
            return
        if tag == "table":
            table_no += 1
            occupied: set[tuple[int, int]] = set()  # grid positions taken by rowspans above
            for r, tr in enumerate(node.iter("tr"), start=1):
                c = 1
                for td in tr.iterchildren("td", "th"):
                    while (r, c) in occupied:
                        c += 1
                    rowspan, colspan = _span(td.get("rowspan")), _span(td.get("colspan"))
                    occupied |= {(r + i, c + j) for i in range(rowspan) for j in range(colspan)}
                    t = clean(td.text_content())
                    cells.extend(Cell(part, row=r, column=c + k, sheet=f"表格{table_no}", line=td.sourceline)
                                 for k, part in enumerate(split_pairs(t, colspan) or [t]) if part)  # fmt: skip
                    c += colspan
            return
        if tag in _BLOCKS and not any(child.tag in _BLOCKS | {"table"} for child in node if isinstance(child.tag, str)):
            t = clean(node.text_content())
            if t:
                cells.append(Cell(t, line=node.sourceline))
            return
        if node.text and clean(node.text) and tag not in _BLOCKS:
            cells.append(Cell(clean(node.text), line=node.sourceline))
        for child in node:
            walk(child)
            if child.tail and clean(child.tail):
                cells.append(Cell(clean(child.tail), line=child.sourceline))

    body = root.find("body")
    walk(body if body is not None else root)
    return cells


def _span(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def read_html(path: Path) -> list[Evaluation]:
    return extract(html_cells(path), path.name)
