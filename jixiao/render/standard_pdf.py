"""The standard 自评表 as PDF: the grid as an HTML table, laid out by WeasyPrint.

The page is A4 landscape; the indicator heading is the table's ``<thead>`` so it repeats on
every page, and rows do not break across pages.  Fonts: the official names first, then
Noto CJK (Debian's fonts-noto-cjk), which WeasyPrint embeds as a subset.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jixiao.render.sheet import Sheet
from jixiao.render.templates import environment


@dataclass(frozen=True, slots=True)
class _Td:
    text: str
    style: str
    rows: int
    cols: int


def _rows(sheet: Sheet, first: int, last: int) -> list[list[_Td]]:
    """Rows first..last-1 as table cells.  A merge is cut where the part ends, and one that
    began in an earlier part starts again at the top of this one, its label repeated."""
    out: list[list[_Td]] = []
    starts: dict[tuple[int, int], tuple[int, int, str, str]] = {}
    covered: set[tuple[int, int]] = set()
    for r1, c1, r2, c2 in sheet.merges:
        if r2 < first or r1 >= last:
            continue
        top = max(r1, first)
        label = sheet.rows[r1][c1]
        starts[(top, c1)] = (min(r2, last - 1) - top + 1, c2 - c1 + 1, label.text, label.style.value)
        covered |= {(r, c) for r in range(top, min(r2, last - 1) + 1) for c in range(c1, c2 + 1)} - {(top, c1)}
    for r in range(first, last):
        tds = []
        for c, cell in enumerate(sheet.rows[r]):
            if (r, c) in covered:
                continue
            nr, nc, text, style = starts.get((r, c), (1, 1, cell.text, cell.style.value))
            tds.append(_Td(text, style, nr, nc))
        out.append(tds)
    return out


def _parts(sheet: Sheet) -> list[dict[str, Any]]:
    """The table before the indicator heading, then the indicator table with its heading as thead."""
    end = len(sheet.rows)
    if sheet.repeat_rows is None:
        return [{"head": [], "body": _rows(sheet, 2, end)}]
    top, bottom = sheet.repeat_rows
    return [
        {"head": [], "body": _rows(sheet, 2, top)},
        {"head": _rows(sheet, top, bottom + 1), "body": _rows(sheet, bottom + 1, end)},
    ]


def page_html(sheets: Sequence[Sheet]) -> str:
    """The HTML WeasyPrint lays out (also a printable page on its own)."""
    data = []
    for sheet in sheets:
        total = sum(sheet.widths)
        data.append({
            "title": sheet.rows[0][0].text, "year": sheet.rows[1][0].text, "parts": _parts(sheet),
            "widths": [round(100 * w / total, 2) for w in sheet.widths],
        })  # fmt: skip
    title = data[0]["title"] if data else "项目支出绩效自评表"
    return environment().get_template("standard.html.j2").render(sheets=data, title=title, landscape=True)


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    result: bytes = HTML(string=html).write_pdf()
    return result


def write_pdf(sheets: Sequence[Sheet]) -> bytes:
    return html_to_pdf(page_html(sheets))
