"""A ``Doc`` written as .txt, .docx, .xlsx, .html; .pdf and .xls made from the .docx and .xlsx by
LibreOffice headless, many files per start-up.

Grids keep their merged cells (Word gridSpan / vMerge, Excel merged ranges, HTML row/colspan);
text lines become paragraphs (Word, PDF, web page) or one line per cell in column A (Excel).
In a spreadsheet hidden columns are hidden and figures are stored as numbers; in the other
formats an ID column is simply a column (Word, PDF and web pages have no hidden columns).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from decimal import Decimal, InvalidOperation
from html import escape
from pathlib import Path

from tests.families.families import Doc
from tests.families.form import Grid

FORMATS = (".txt", ".docx", ".xlsx", ".xls", ".pdf", ".html")


def write_txt(doc: Doc, path: Path) -> None:
    """Lines as they are; a grid as tab-separated rows, merged cells left empty (seed 001)."""
    out: list[str] = []
    for part in doc.parts:
        for block in part.blocks:
            if isinstance(block, Grid):
                covered = block.covered()
                out += ["\t".join("" if (r, c) in covered else t for c, t in enumerate(row))
                        for r, row in enumerate(block.rows)]  # fmt: skip
            else:
                out += block
            out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


def write_docx(doc: Doc, path: Path) -> None:
    """A4 landscape; each grid a ruled table, a page break between the parts and the tables (not
    between a table and the lines written right before it, a caption such as ``单位：元``)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_BREAK
    from docx.shared import Mm, Pt

    word = Document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Mm(12)
    word.styles["Normal"].font.size = Pt(8)
    first = True
    for part in doc.parts:
        caption = False
        for block in part.blocks:
            if not first and not (caption and isinstance(block, Grid)):
                word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            first = False
            caption = not isinstance(block, Grid)  # lines right before a table stay on its page
            if isinstance(block, Grid):
                _docx_table(word, block)
            else:
                for line in block:
                    word.add_paragraph(line)
    word.save(str(path))


def _docx_table(word: object, grid: Grid) -> None:
    from docx.oxml import OxmlElement

    table = word.add_table(rows=len(grid.rows), cols=grid.width)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for tr in table.rows:
        tr._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for r, row in enumerate(grid.rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    for r1, c1, r2, c2 in grid.merges:
        text = grid.rows[r1][c1]
        merged = table.cell(r1, c1).merge(table.cell(r2, c2))
        merged.text = text


def _as_number(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def write_xlsx(doc: Doc, path: Path) -> None:
    """One sheet per part; grids one below the other with two empty rows between them."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for part in doc.parts:
        ws = wb.create_sheet(part.name[:31])
        top = 1
        for block in part.blocks:
            if not isinstance(block, Grid):
                for k, line in enumerate(block):
                    ws.cell(row=top + k, column=1, value=line).data_type = "s"
                top += len(block) + 2
                continue
            for r, row in enumerate(block.rows):
                for c, text in enumerate(row):
                    if not text:
                        continue
                    cell = ws.cell(row=top + r, column=c + 1)
                    value = _as_number(text) if c in block.numeric else None
                    cell.value = value if value is not None else text
                    if value is None:
                        cell.data_type = "s"  # '=20个' is text, not a formula
                    cell.alignment = Alignment(wrap_text=True, vertical="center")
            for r1, c1, r2, c2 in block.merges:
                ws.merge_cells(start_row=top + r1, start_column=c1 + 1, end_row=top + r2, end_column=c2 + 1)
            for c in block.hidden:
                ws.column_dimensions[get_column_letter(c + 1)].hidden = True
            top += len(block.rows) + 2
    wb.save(str(path))


def write_html(doc: Doc, path: Path) -> None:
    """A government site's page: navigation, the parts under headings, tables with row/colspan."""
    body = ["<nav>首页 &gt; 信息公开 &gt; 绩效管理</nav>"]
    for part in doc.parts:
        body.append(f"<h2>{escape(part.name)}</h2>")
        for block in part.blocks:
            html = _html_table(block) if isinstance(block, Grid) else "".join(f"<p>{escape(x)}</p>" for x in block)
            body.append(html)
    page = ("<!doctype html><html><head><meta charset='utf-8'><title>绩效自评</title></head><body>"
            + "".join(body) + "</body></html>")  # fmt: skip
    path.write_text(page, encoding="utf-8")


def _html_table(grid: Grid) -> str:
    covered = grid.covered()
    spans = {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in grid.merges}
    rows = []
    for r, row in enumerate(grid.rows):
        tds = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            tds.append(f"<td{attrs}>{escape(text)}</td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return "<table border='1'>" + "".join(rows) + "</table>"


WRITERS = {".txt": write_txt, ".docx": write_docx, ".xlsx": write_xlsx, ".html": write_html}
CONVERTED = {".pdf": ".docx", ".xls": ".xlsx"}  # made by LibreOffice from these


def convert(files: list[Path], to: str, out_dir: Path, batch: int = 60) -> None:
    """LibreOffice headless, with its own profile (other LibreOffice runs may be going on)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is needed for .pdf and .xls: apt-get install libreoffice-calc-nogui")
    target = {".pdf": "pdf", ".xls": "xls:MS Excel 97"}[to]
    with tempfile.TemporaryDirectory() as profile:
        for k in range(0, len(files), batch):
            subprocess.run(
                [soffice, "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", target,
                 "--outdir", str(out_dir), *map(str, files[k : k + batch])],
                check=True, capture_output=True, timeout=900,
            )  # fmt: skip
