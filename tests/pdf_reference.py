"""PDF pages as pdfplumber reads them through pdfminer: the reader jixiao used before PDFium,
kept here so the tests can show both give the same cells."""

from __future__ import annotations

from pathlib import Path

from jixiao.ingest.pdf import Page


def pdfplumber_pages(path: Path) -> list[Page]:
    import pdfplumber

    pages = []
    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            found = page.find_tables()
            top = min((t.bbox[1] for t in found), default=None)
            above = page.within_bbox((0, 0, page.width, top)).extract_text() if top and top > 1 else ""
            tables = [(t.bbox[3], [[v or "" for v in row] for row in t.extract()]) for t in found]
            pages.append(Page(number, above or "", tables, "" if found else page.extract_text() or ""))
    return pages
