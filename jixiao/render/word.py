"""What every Word output shares: page set-up and the official fonts with their fallbacks.

Official documents name 仿宋_GB2312 for the body, 黑体 for headings and 宋体 in tables.  Few
machines outside government offices have 仿宋_GB2312, so each font is also entered in the
document's font table with a free CJK font as its alternative (``w:altName``): Word and
LibreOffice use the official font where it is installed and Noto CJK where it is not.
"""

from __future__ import annotations

from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

BODY, HEADING, TABLE, KAITI = "仿宋_GB2312", "黑体", "宋体", "楷体_GB2312"
FALLBACKS = {
    BODY: "Noto Serif CJK SC",
    HEADING: "Noto Sans CJK SC",
    TABLE: "Noto Serif CJK SC",
    KAITI: "Noto Serif CJK SC",
}
LATIN = "Times New Roman"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def east_asian(target: Any, font: str) -> None:
    """Name the font for Chinese text (w:eastAsia) and Times New Roman for Latin and figures,
    on a run or a style."""
    target.font.name = LATIN
    r_pr = target.element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.insert(0, r_fonts)
    r_fonts.set(qn("w:eastAsia"), font)


def _register_fallbacks(doc: Any) -> None:
    part = doc.part.part_related_by(RT.FONT_TABLE)
    root = etree.fromstring(part.blob)
    for name, alternative in FALLBACKS.items():
        font = etree.SubElement(root, f"{{{_W}}}font", {f"{{{_W}}}name": name})
        etree.SubElement(font, f"{{{_W}}}altName", {f"{{{_W}}}val": alternative})
        etree.SubElement(font, f"{{{_W}}}charset", {f"{{{_W}}}val": "86"})  # GB2312
        etree.SubElement(font, f"{{{_W}}}family", {f"{{{_W}}}val": "roman" if name != HEADING else "modern"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def new_document(*, landscape: bool) -> Any:
    """An A4 document in the official fonts (body 仿宋_GB2312 三号-like 14 pt in reports)."""
    doc = Document()
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        margins = (Mm(15), Mm(15), Mm(12), Mm(12))
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
        margins = (Mm(37), Mm(35), Mm(28), Mm(26))  # GB/T 9704 公文 margins
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = margins
    normal = doc.styles["Normal"]
    east_asian(normal, BODY)
    normal.font.size = Pt(14 if not landscape else 10)
    for style_name, size in (("Heading 1", 16), ("Heading 2", 14), ("Title", 22)):
        style = doc.styles[style_name]
        east_asian(style, HEADING)
        style.font.size = Pt(size)
        style.font.bold = False
        style.font.color.rgb = None
    _register_fallbacks(doc)
    return doc
