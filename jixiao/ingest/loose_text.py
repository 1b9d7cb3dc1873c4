"""A PDF page's text that no ruled cell holds: put in the row it is printed on, or read before the
table it stands above.

pdfplumber's table finder makes cells of closed rectangles only.  A range merged across the cut of
a sheet printed in strips (``side_pages``) has no rule on the cut, and a sheet ruled only in part
leaves cells open: their text (the 项目名称's value, the 总分 label of a row merged across) is in
no cell, and was lost.  So is a line printed between two ruled tables on one page (the next
form's title and year).  Each run of such text (``Piece``) is put into the row it is printed on
at the column under it, where that cell is empty — once on its own page, and again, for what is
left of the first page of a strip, after the strips are joined (a row merged across the cut is
ruled on the strip only); a piece between two tables is read as text before the lower one.
Text below a page's last table (page numbers, notes) is left as before.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from jixiao.ingest.settings import DEFAULT, Settings

if TYPE_CHECKING:
    from jixiao.ingest.pdf import Page


@dataclass(frozen=True)
class Piece:
    """A run of characters on one line, in no cell: its box and text."""

    top: float
    bottom: float
    x0: float
    x1: float
    text: str


Box = tuple[float, float, float, float]


def pieces(
    chars: list[dict[str, Any]], tables: list[tuple[Box, list[Box]]], settings: Settings = DEFAULT
) -> list[Piece]:
    """The runs of characters below the first table's top (the text above it is read as the
    page's opening text) whose centres no cell holds, broken where a line has a gap wider than
    ``pdf_loose_gap``; ``tables``: each table's box and its cells' boxes."""
    from jixiao.ingest.pdf import cell_text, line_clusters

    top = min(box[1] for box, _cells in tables)

    def inside(c: dict[str, Any]) -> bool:
        x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        for (bx0, bt, bx1, bb), cells in tables:
            if bx0 <= x < bx1 and bt <= y < bb:
                return any(x0 <= x < x1 and t <= y < b for x0, t, x1, b in cells)
        return False

    loose = [c for c in chars if c["top"] >= top and not c["text"].isspace() and not inside(c)]
    out = []
    for line in line_clusters(loose):
        line.sort(key=lambda c: c["x0"])
        run: list[dict[str, Any]] = []
        for char in [*line, None]:
            if run and (char is None or char["x0"] > run[-1]["x1"] + settings.pdf_loose_gap):
                out.append(Piece(min(c["top"] for c in run), max(c["bottom"] for c in run), run[0]["x0"],
                                 run[-1]["x1"], cell_text(run)))  # fmt: skip
                run = []
            if char is not None:
                run.append(char)
    return out


def place(page: Page, final: bool = True) -> Page:
    """The page with each loose piece in the row it is printed on (its cell empty); when
    ``final``, the pieces between two tables as the lower table's opening text (``Page.between``)
    and the rest let go, else kept for the rows a strip of further columns brings (``side_pages``)."""
    if not page.loose or not page.tables:
        return page
    tables = [(bottom, [list(r) for r in rows]) for bottom, rows in page.tables]
    left = [p for p in page.loose if not _into_row(p, (p.top + p.bottom) / 2, page, tables)]
    if not final:
        return replace(page, tables=tables, loose=left)
    between: dict[int, list[Piece]] = {}
    for piece in left:
        middle = (piece.top + piece.bottom) / 2
        t = next((k for k, s in enumerate(page.shapes) if s.rows and middle < s.rows[0][0]), None)
        if t is not None and t > 0 and middle > page.tables[t - 1][0]:
            between.setdefault(t, []).append(piece)
    texts = {t: "\n".join(_lines(ps)) for t, ps in between.items()}
    return replace(page, tables=tables, loose=[], between=texts)


def _into_row(piece: Piece, middle: float, page: Page, tables: list[tuple[float, list[list[str]]]]) -> bool:
    """Put ``piece`` into the row of a table it is printed on, at the column under its start,
    where that cell is empty; whether it was."""
    for (bottom, rows), shape in zip(tables, page.shapes, strict=True):
        tops = [t for t, _b in shape.rows]
        if not tops or not tops[0] <= middle < bottom or not shape.columns[0] <= piece.x0 < shape.columns[-1]:
            continue
        r = bisect_right(tops, middle) - 1
        c = bisect_right(shape.columns, piece.x0) - 1
        if r < len(rows) and c < len(rows[r]) and not rows[r][c]:
            rows[r][c] = piece.text
            return True
        return False
    return False


def _lines(found: list[Piece]) -> list[str]:
    """Pieces on one line joined by a space, lines in order down the page."""
    out: list[tuple[float, list[Piece]]] = []
    for piece in sorted(found, key=lambda p: (p.top, p.x0)):
        if out and abs(out[-1][0] - piece.top) <= (piece.bottom - piece.top) / 2:
            out[-1][1].append(piece)
        else:
            out.append((piece.top, [piece]))
    return [" ".join(p.text for p in sorted(ps, key=lambda p: p.x0)) for _t, ps in out]
