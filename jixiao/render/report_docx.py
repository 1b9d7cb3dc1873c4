"""The 自评报告 as a Word document in the layout of official papers (GB/T 9704 margins,
chapters in 黑体, sections in 楷体_GB2312, body in 仿宋_GB2312 with a two-character indent)."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm, Pt

from jixiao.model.evaluation import Evaluation
from jixiao.render.report import Block, BlockKind, chart_png, report_blocks
from jixiao.render.word import BODY, HEADING, KAITI, east_asian, new_document

_FONTS = {
    BlockKind.TITLE: (HEADING, 22, WD_ALIGN_PARAGRAPH.CENTER, False),
    BlockKind.CHAPTER: (HEADING, 16, WD_ALIGN_PARAGRAPH.LEFT, False),
    BlockKind.SECTION: (KAITI, 16, WD_ALIGN_PARAGRAPH.LEFT, False),
    BlockKind.SUBSECTION: (BODY, 16, WD_ALIGN_PARAGRAPH.LEFT, True),
    BlockKind.PARAGRAPH: (BODY, 16, WD_ALIGN_PARAGRAPH.JUSTIFY, False),
}


def write_report_docx(evaluations: Sequence[Evaluation], blocks: list[Block] | None = None) -> bytes:
    doc = new_document(landscape=False)
    for block in blocks if blocks is not None else report_blocks(evaluations):
        if block.kind == BlockKind.CHART:
            doc.add_picture(BytesIO(chart_png(block.text, evaluations)), width=Mm(140))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            continue
        font, size, align, bold = _FONTS[block.kind]
        style = {BlockKind.CHAPTER: "Heading 1", BlockKind.SECTION: "Heading 2"}.get(block.kind, "Normal")
        para = doc.add_paragraph(style=style)
        para.alignment = align
        fmt = para.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(28 if block.kind != BlockKind.TITLE else 40)
        fmt.space_before = fmt.space_after = Pt(0)
        if block.kind != BlockKind.TITLE:
            fmt.first_line_indent = Pt(2 * size)
        run = para.add_run(block.text)
        east_asian(run, font)
        run.font.size = Pt(size)
        run.font.bold = bold
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
