"""Word documents (.docx): paragraphs and tables in document order, merged cells read once.

python-docx hands back the same cell for every grid position a merged cell covers
(horizontally through gridSpan, vertically through vMerge), so a cell is emitted the first
time it is met and skipped after: the stream then reads like the page.  A wide merged cell of
``标签：值`` pairs is handed on as label and value cells (``label_value``).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from jixiao.ingest.cells import Cell, clean
from jixiao.ingest.errors import IngestError
from jixiao.ingest.extract import extract
from jixiao.ingest.label_value import split_pairs
from jixiao.model.evaluation import Evaluation


def docx_cells(path: Path) -> list[Cell]:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml.ns import qn
    from docx.table import Table

    try:
        document = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise IngestError(path, _why_not_docx(path, exc)) from None
    cells: list[Cell] = []
    paragraph_no = 0
    table_no = 0
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph_no += 1
            text = clean("".join(t.text or "" for t in child.iter(qn("w:t"))))
            if text:
                cells.append(Cell(text, line=paragraph_no))
        elif child.tag == qn("w:tbl"):
            table_no += 1
            # lxml hands out a new proxy per access unless one is alive: keep the elements
            # themselves, so a merged cell met again is recognised as the same element
            seen: set[object] = set()
            table = Table(child, document)
            for r, row in enumerate(table.rows, start=1):
                for c, cell in enumerate(row.cells, start=1):
                    if cell._tc in seen:
                        continue
                    seen.add(cell._tc)
                    text = clean(cell.text)
                    parts = split_pairs(text, cell._tc.grid_span) or [text]
                    cells += [Cell(t, row=r, column=c + k, sheet=f"表格{table_no}") for k, t in enumerate(parts) if t]
    return cells


def _why_not_docx(path: Path, exc: Exception) -> str:
    head = path.read_bytes()[:8]
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "是加密的 Word 文档或旧版 .doc 格式，无法直接读取（请另存为未加密的 .docx）"
    if not head:
        return "文件为空"
    return f"不是有效的 Word（.docx）文档（{type(exc).__name__}）"


def read_docx(path: Path) -> list[Evaluation]:
    return extract(docx_cells(path), path.name)
