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


def test_cell_text_is_pdfplumbers(tmp_path: Path) -> None:
    import pdfplumber
    from pdfplumber.utils.text import extract_text

    from jixiao.ingest.pdf import cell_text

    path = tmp_path / "ruled.pdf"
    path.write_bytes(ruled_pdf(pages=2, rows=10))
    checked = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.find_tables():
                for row in table.rows:
                    for box in filter(None, row.cells):
                        chars = [c for c in page.chars if box[0] <= (c["x0"] + c["x1"]) / 2 < box[2]
                                 and box[1] <= (c["top"] + c["bottom"]) / 2 < box[3]]  # fmt: skip
                        assert cell_text(chars) == extract_text(chars)
                        checked += 1
        lines = [dict(c, top=c["top"] + k % 3, x0=c["x0"] + k % 5) for k, c in enumerate(pdf.pages[0].chars)]
        assert cell_text(lines) == extract_text(lines)
    assert checked == 2 * 10 * 4
