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


def _char(text: str, x0: float, top: float, width: float = 8.0, generated: bool = False) -> dict:  # type: ignore[type-arg]
    return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + 8, "doctop": top,
            "upright": True, "width": width, "height": 8.0, "object_type": "char", "generated": generated}  # fmt: skip


def _line(text: str, x0: float, top: float) -> list:  # type: ignore[type-arg]
    out, x = [], x0
    for ch in text:
        width = 2.5 if ch == " " else 8.0
        out.append(_char(ch, x, top, width))
        x += width
    return out


def test_a_lines_opening_spaces_are_kept_from_its_glyphs_or_its_set_in() -> None:
    """A line opening with a space (a fixed-width copy broken before one) keeps it, whether the
    text layer has the space glyph or only sets the first glyph in by a space's width; a line
    set in further (centred) opens with none; the spaces lines end with are dropped."""
    from jixiao.ingest.pdf import layout_text, space_width

    chars = [*_line("甲乙 丙丁 ", 30, 10), *_line(" 戊己", 30, 30), *_line("庚辛", 32.5, 50), *_line("壬癸", 35, 70),
             *_line("子丑", 100, 90), *_line("寅卯", 30, 110)]  # fmt: skip
    assert space_width(chars) == 2.5
    text, kept = layout_text(chars, (0, 0, 200, 130))
    assert kept and [ln for ln in text.splitlines() if ln.strip()] == [
        "甲乙 丙丁",
        " 戊己",
        " 庚辛",
        "  壬癸",
        "子丑",
        "寅卯",
    ]
    no_spaces = [c for c in chars if c["text"] != " "]
    text, kept = layout_text(no_spaces, (0, 0, 200, 130))  # no space glyph to measure a space by
    assert not kept and [ln for ln in text.splitlines() if ln.strip()] == [
        "甲乙 丙丁",
        "戊己",
        "庚辛",
        "壬癸",
        "子丑",
        "寅卯",
    ]


def test_a_fixed_width_copy_in_a_pdf_keeps_its_opening_spaces(tmp_path: Path) -> None:
    from docx import Document

    from jixiao.ingest.pdf import _pages

    lines = ["成本指标 访惠聚工作运行成本(万元) =12.20万元 9.96万元 5", " 4.08 部分资金在年底未支付。",
             "效益指标 社会效益指标 政策知晓度 =100% 100% ", "15 15", " 执行率 得分"]  # fmt: skip
    word = Document()
    for line in lines:
        word.add_paragraph(line)
    word.save(str(tmp_path / "w.docx"))
    (pdf,) = to_pdfs([tmp_path / "w.docx"], tmp_path)
    (page,) = _pages(pdf)
    assert page.openings
    read = [ln for ln in page.text.splitlines() if ln.strip()]
    assert ["".join(ln.split()) for ln in read] == ["".join(ln.split()) for ln in lines]
    assert [len(ln) - len(ln.lstrip(" ")) for ln in read] == [0, 1, 0, 0, 1]
    assert not any(ln.endswith(" ") for ln in read)  # (the spaces lines end with are not told)
