"""Born-digital PDF through pdfplumber: ruled tables per page, text between them.

Merged cells come back as one value and ``None`` for the positions they cover, so the
non-empty cells read in order form the same stream as the Word table the PDF was made from.
A table continued on the next page is simply more rows in the stream.  A PDF without a text
layer (a scan) is refused by name: jixiao does no OCR.
"""

from __future__ import annotations

import re
from pathlib import Path

from jixiao.ingest.cells import Cell, clean, text_cells
from jixiao.ingest.errors import IngestError
from jixiao.ingest.extract import extract
from jixiao.model.evaluation import Evaluation


def pdf_cells(path: Path) -> list[Cell]:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(str(path))
    except (PDFSyntaxError, ValueError, OSError) as exc:
        raise IngestError(path, f"不是有效的 PDF 文件或文件已损坏（{type(exc).__name__}）") from None
    except Exception as exc:  # pdfminer's encryption errors have no common base
        if "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
            raise IngestError(path, "是加密的 PDF，无法读取") from None
        raise IngestError(path, f"无法打开 PDF（{type(exc).__name__}）") from None
    cells: list[Cell] = []
    any_text = False
    with pdf:
        for page_no, page in enumerate(pdf.pages, start=1):
            tables = page.find_tables()
            outside = page
            for table in tables:
                outside = outside.outside_bbox(table.bbox)
            text = outside.extract_text() or ""
            any_text = any_text or bool(text.strip()) or bool(tables)
            # text above the first table, then the tables, then the rest: enough for order
            top = min((t.bbox[1] for t in tables), default=None)
            above = page.within_bbox((0, 0, page.width, top)).extract_text() if top and top > 1 else ""
            for c in text_cells(above or ""):
                cells.append(Cell(c.text, line=c.line, page=page_no))
            for table in tables:
                for r, row in enumerate(table.extract(), start=1):
                    for col, value in enumerate(row, start=1):
                        t = clean(_unwrap(value or ""))
                        if t:
                            cells.append(Cell(t, row=r, column=col, page=page_no))
            if top is None and text:
                for c in text_cells(text):
                    cells.append(Cell(c.text, line=c.line, page=page_no))
    if not any_text:
        raise IngestError(
            path, "PDF 没有文字层（可能是扫描件），jixiao 不做文字识别，请提供可复制文字的 PDF 或原始文档"
        )
    return cells


_WRAP = re.compile(r"(?<![A-Za-z])\n|\n(?![A-Za-z])")


def _unwrap(text: str) -> str:
    """A cell's text wrapped at the column edge joins without a space (Chinese, and figures
    broken mid-number in narrow columns); only two Latin words keep a space between them."""
    return _WRAP.sub("", text).replace("\n", " ")


def read_pdf(path: Path) -> list[Evaluation]:
    return extract(pdf_cells(path), path.name)
