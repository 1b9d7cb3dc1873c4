"""The PDF reader on PDFium gives the cells pdfplumber on pdfminer gave: the same cells at the
same rows, columns and pages, with the same text up to white space (pdfminer also reports the
spaces LibreOffice draws under justified CJK text, ``绩 效 指 标``; PDFium does not), on every
table the tests write (seeds and corpus, whole, split across pages, rows broken by a page)."""

from __future__ import annotations

from pathlib import Path

from jixiao.ingest import read
from jixiao.ingest.pdf import page_cells, pdf_cells
from tests.documents import to_pdfs, write_docx
from tests.hostile import ruled_pdf
from tests.pdf_reference import pdfplumber_pages


def _stream(cells: list) -> list:  # type: ignore[type-arg]
    return [("".join(c.text.split()), c.location()) for c in cells]


def test_same_cells_as_pdfplumber(shared: Path, tmp_path: Path) -> None:
    files = sorted((shared / "seeds").glob("*.txt")) + sorted((shared / "corpus").glob("*.txt"))
    tables = [ev for f in files for ev in read(f) if ev.funds is not None]
    docs = []
    for n, ev in enumerate(tables):
        docs.append(tmp_path / f"t{n}.docx")
        write_docx(ev, docs[-1], split_after=4 if n % 3 == 1 else None, flowing=n % 3 == 2)
    pdfs = to_pdfs(docs, tmp_path)
    assert len(pdfs) == len(tables) >= 50, "LibreOffice (soffice) is needed: make system-deps"
    for number, pages in (("ruled", 1), ("ruled", 3)):
        pdfs.append(tmp_path / f"{number}{pages}.pdf")
        pdfs[-1].write_bytes(ruled_pdf(pages=pages, rows=12))
    same_text = 0
    for pdf in pdfs:
        old, new = page_cells(pdf, pdfplumber_pages(pdf)), pdf_cells(pdf)
        assert _stream(new) == _stream(old), pdf.name
        same_text += sum(a.text == b.text for a, b in zip(old, new, strict=True))
    assert same_text > 0.9 * sum(len(pdf_cells(p)) for p in pdfs)
