"""The standard 自评表 in Word: one ruled table per evaluation, a page each.

Merged cells are real merges (``w:gridSpan`` / ``w:vMerge``) so the table reads back as the
grid it was built from; the indicator heading row repeats on every page and rows never
break across a page, as units set their forms.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt

from jixiao.render.sheet import Sheet, Style
from jixiao.render.word import HEADING, TABLE, east_asian, new_document

_ALIGN = {
    Style.TEXT: WD_ALIGN_PARAGRAPH.LEFT,
    Style.MONEY: WD_ALIGN_PARAGRAPH.RIGHT,
    Style.RATE: WD_ALIGN_PARAGRAPH.RIGHT,
}


def _title(doc: Any, sheet: Sheet) -> int:
    """Title and year above the table, as paragraphs; returns the first table row."""
    title, year = sheet.rows[0][0].text, sheet.rows[1][0].text
    para = doc.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = para.add_run(title)
    east_asian(run, HEADING)
    run.font.size = Pt(18)
    para = doc.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.add_run(year)
    return 2


def _mark_row(row: Any, *, header: bool) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _fill(cell: Any, text: str, style: Style) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    para = cell.paragraphs[0]
    para.alignment = _ALIGN.get(style, WD_ALIGN_PARAGRAPH.CENTER)
    run = para.add_run(text)
    east_asian(run, HEADING if style == Style.HEAD else TABLE)
    run.font.size = Pt(9)


def _table(doc: Any, sheet: Sheet, first: int) -> None:
    rows = sheet.rows[first:]
    table = doc.add_table(rows=len(rows), cols=sheet.columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(sheet.widths)
    usable = Mm(267)
    for c, width in enumerate(sheet.widths):
        table.columns[c].width = int(usable * width / total)
    spans, covered = sheet.spans()
    repeat = sheet.repeat_rows
    for r, tr in enumerate(table.rows):
        _mark_row(tr, header=repeat is not None and repeat[0] <= r + first <= repeat[1])
    for (r1, c1), (nr, nc) in spans.items():
        if r1 >= first:
            table.cell(r1 - first, c1).merge(table.cell(r1 - first + nr - 1, c1 + nc - 1))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if (r + first, c) in covered or not cell.text:
                continue
            _fill(table.cell(r, c), cell.text, cell.style)


def write_docx(sheets: Sequence[Sheet]) -> bytes:
    doc = new_document(landscape=True)
    for n, sheet in enumerate(sheets):
        if n:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        first = _title(doc, sheet)
        _table(doc, sheet, first)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
