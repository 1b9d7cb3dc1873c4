"""Every seed-004 and seed-001 table written to .docx and .xlsx by the generator reads back
as the same evaluation; damaged office files give one Chinese line."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from jixiao.ingest import IngestError, read
from tests.documents import comparable, soffice, to_pdfs, write_docx, write_html, write_xlsx


def _tables(shared: Path) -> list:  # type: ignore[type-arg]
    """Seed 004's 18 tables, seed 001's 9, and seed 000's 9 projects (targets only)."""
    return [ev for name in ("004_54816bb8253fb7bd", "001_cdcd01df25b0754b", "000_ce0902d32becac69")
            for ev in read(shared / "seeds" / f"{name}.txt")]  # fmt: skip


@pytest.mark.parametrize("suffix", [".xlsx", ".docx", ".html"])
def test_round_trip(shared: Path, tmp_path: Path, suffix: str) -> None:
    for n, ev in enumerate(_tables(shared)):
        path = tmp_path / f"t{n}{suffix}"
        if suffix == ".xlsx":
            write_xlsx(ev, path)
        elif suffix == ".html":
            write_html(ev, path)
        else:
            write_docx(ev, path, split_after=3 if n % 2 else None)  # every other table crosses a page
        (back,) = read(path)
        assert comparable(back) == comparable(ev), (n, suffix)


def test_provenance_names_the_cell(shared: Path, tmp_path: Path) -> None:
    ev = read(shared / "seeds" / "004_54816bb8253fb7bd.txt")[7]
    path = tmp_path / "t.xlsx"
    write_xlsx(ev, path)
    (back,) = read(path)
    loc = back.indicators[0].provenance["score"]
    assert (loc.sheet, loc.cell) == ("自评表", f"H{loc.row}")


def test_damaged_office_files(tmp_path: Path, shared: Path) -> None:
    ev = read(shared / "seeds" / "004_54816bb8253fb7bd.txt")[0]
    good = tmp_path / "good.xlsx"
    write_xlsx(ev, good)
    truncated = tmp_path / "cut.xlsx"
    truncated.write_bytes(good.read_bytes()[:2000])
    encrypted = tmp_path / "locked.docx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    junk = tmp_path / "junk.docx"
    with zipfile.ZipFile(junk, "w") as z:
        z.writestr("hello.txt", "不是 Word 文档")
    cases = {
        truncated: "不是有效的 Excel 文件或文件已损坏",
        encrypted: "是加密的 Word 文档或旧版 .doc 格式，无法直接读取（请另存为未加密的 .docx）",
        junk: "不是有效的 Word（.docx）文档",
    }
    for path, message in cases.items():
        with pytest.raises(IngestError) as exc:
            read(path)
        assert str(exc.value).startswith(f"文件 {path}：{message}")


def test_pdf_round_trip_through_libreoffice(shared: Path, tmp_path: Path) -> None:
    """Every table written to Word, converted by LibreOffice headless to born-digital PDF
    (every other one with the indicator table continued on a second page), reads back the same."""
    tables = _tables(shared)
    docs = []
    for n, ev in enumerate(tables):
        docx = tmp_path / f"t{n}.docx"
        write_docx(ev, docx, split_after=4 if n % 2 else None)
        docs.append(docx)
    pdfs = to_pdfs(docs, tmp_path)
    assert pdfs, "LibreOffice (soffice) is needed: `make test` installs libreoffice-writer-nogui"
    for n, (ev, pdf) in enumerate(zip(tables, pdfs, strict=True)):
        (back,) = read(pdf)
        assert comparable(back) == comparable(ev), n
        assert back.indicators[0].provenance["name"].page == 1


def test_pdf_rows_broken_across_pages(shared: Path, tmp_path: Path) -> None:
    """Word's default lets a row break across a page: the long 偏差原因 and 年度总体目标 cells go on
    at the top of the next page.  Each broken row reads back as one row, its text whole."""
    import pdfplumber

    note = "受疫情影响，部分工作推迟开展，已调整实施计划并加强督导，" * 6
    tables = []
    for ev in _tables(shared)[:6]:
        goals = [
            g.model_copy(update={"expected": f"{g.expected}{note}", "actual": f"{g.actual}{note}"}) for g in ev.goals
        ]
        rows = [ind.model_copy(update={"deviation_note": f"{ind.name}：{note}"}) for ind in ev.indicators]
        tables.append(ev.model_copy(update={"goals": goals, "indicators": rows}))
    docs = []
    for n, ev in enumerate(tables):
        write_docx(ev, tmp_path / f"f{n}.docx", flowing=True)
        docs.append(tmp_path / f"f{n}.docx")
    pdfs = to_pdfs(docs, tmp_path)
    assert pdfs, "LibreOffice (soffice) is needed: `make test` installs libreoffice-writer-nogui"
    broken = 0
    for ev, pdf in zip(tables, pdfs, strict=True):
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages[1:]:
                first = page.find_tables()[0].extract()[0]
                broken += not any(first[:8])  # only the last column goes on: a broken row
        (back,) = read(pdf)
        assert comparable(back) == comparable(ev), pdf.name
    assert broken >= 6


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    from PIL import Image

    scan = tmp_path / "scan.pdf"
    Image.new("RGB", (600, 800), "white").save(scan)  # an image-only PDF, as a scanner makes it
    with pytest.raises(IngestError) as exc:
        read(scan)
    assert str(exc.value) == (
        f"文件 {scan}：PDF 没有文字层（可能是扫描件），jixiao 不做文字识别，请提供可复制文字的 PDF 或原始文档"
    )


def test_doc_through_libreoffice(shared: Path, tmp_path: Path) -> None:
    ev = _tables(shared)[3]
    docx = tmp_path / "old.docx"
    write_docx(ev, docx)
    soffice("doc", [docx], tmp_path, timeout=180).check_returncode()
    (back,) = read(tmp_path / "old.doc")
    assert comparable(back) == comparable(ev)
    assert back.source is not None and back.source.file == "old.doc"
