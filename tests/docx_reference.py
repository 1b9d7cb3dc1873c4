"""The .docx cell stream as python-docx gives it: the reader jixiao used before reading the
WordprocessingML itself, kept here so the tests can show both give the same cells."""

from __future__ import annotations

from pathlib import Path

from jixiao.ingest.cells import Cell, clean
from jixiao.ingest.label_value import split_pairs


def python_docx_cells(path: Path) -> list[Cell]:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.table import Table

    document = Document(str(path))
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
