"""Born-digital PDF: ruled tables per page, text between them.

Pages are read by PDFium (``pdfium_page``) and their tables found by pdfplumber's table
finder on what PDFium read (``ruled``): the geometry pdfplumber is good at, without pdfminer's
pure-Python parsing, which cost nine tenths of the time.

Merged cells come back as one value and ``None`` for the positions they cover, so the
non-empty cells read in order form the same stream as the Word table the PDF was made from.
A table continued on the next page is simply more rows in the stream; a row broken by the
page (its long cells going on at the top of the next page) is joined back into one row.  A PDF without a text
layer (a scan) is refused by name: jixiao does no OCR.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from operator import itemgetter
from pathlib import Path
from typing import Any

from jixiao.ingest.assemble import extract
from jixiao.ingest.budget import check_cells, check_count, check_size
from jixiao.ingest.cells import Cell, clean, text_cells
from jixiao.ingest.errors import IngestError
from jixiao.ingest.label_value import split_pairs
from jixiao.ingest.labels import is_indicator_heading, known_label
from jixiao.ingest.loose_text import Piece, pieces
from jixiao.ingest.loose_text import place as place_loose
from jixiao.ingest.narrative import cells_report
from jixiao.ingest.pdfium_page import PdfiumPage
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.ingest.side_pages import Shape
from jixiao.ingest.side_pages import join as join_side_pages
from jixiao.model.evaluation import Evaluation


@dataclass
class Page:
    """One page's text above its first table and its ruled tables (rows of cell texts);
    ``openings``: its text keeps the spaces its lines open with (``opening_spaces``)."""

    number: int
    above: str
    tables: list[tuple[float, list[list[str]]]]  # (bottom of the table, its rows)
    text: str
    openings: bool = False
    shapes: list[Shape] = field(default_factory=list)
    """Each table's rows' heights and columns' edges on the page (``side_pages``)."""
    loose: list[Piece] = field(default_factory=list)
    """Text below the first table's top in no cell, not yet placed (``loose_text``)."""
    between: dict[int, str] = field(default_factory=dict)
    """The text printed above table ``k`` (k ≥ 1), below the one before it."""


def pdf_cells(path: Path, settings: Settings = DEFAULT) -> list[Cell]:
    """The document's cell stream, a sheet's right-hand columns printed on pages of their own put
    back beside their rows (``side_pages``)."""
    pages = [place_loose(page, final=False) for page in _pages(path, settings)]
    pages = [place_loose(page) for page in join_side_pages(pages, settings)]
    return page_cells(path, pages, settings)


def page_cells(path: Path, pages: list[Page], settings: Settings = DEFAULT) -> list[Cell]:
    """The cell stream of the pages read: text above and between tables, table rows, rows
    broken by a page joined back."""
    if not any(p.tables or p.text.strip() for p in pages):
        raise IngestError(
            path, "PDF 没有文字层（可能是扫描件），jixiao 不做文字识别，请提供可复制文字的 PDF 或原始文档"
        )
    floor = max((bottom for p in pages for bottom, _rows in p.tables), default=0.0)
    cells: list[Cell] = []
    last_row: list[int] = []  # where the last table row's cells are, while nothing came after it
    last_bottom = 0.0
    text_only: list[Page] = []  # pages of text alone, read as one text when a table page or the end comes
    for page in pages:
        if not page.tables:
            text_only.append(page)
            last_row = []
            continue
        cells += _text_pages(text_only, settings)
        text_only = []
        for c in text_cells(page.above, settings, openings=page.openings):
            cells.append(
                Cell(
                    c.text,
                    line=c.line,
                    row=c.row if c.preview else None,
                    page=page.number,
                    unsure=c.unsure,
                    preview=c.preview,
                    apart=c.apart,
                )
            )
            last_row = []
        for t, (bottom, rows) in enumerate(page.tables):
            if t in page.between:
                cells += [replace(c, page=page.number) for c in text_cells(page.between[t], settings)]
                last_row = []
            for r, row in enumerate(rows, start=1):
                texts = [clean(_unwrap(value)) for value in row]
                if t == 0 and last_row and last_bottom >= floor - _LINE and _continues(cells, last_row, texts, rows, r):
                    _join(cells, last_row, texts)
                    continue
                at = len(cells)
                cells.extend(_row_cells(texts, r, page.number))
                if len(cells) > at:
                    last_row = list(range(at, len(cells)))
            last_bottom = bottom
    return check_cells(path, cells + _text_pages(text_only, settings))


def _text_pages(run: list[Page], settings: Settings) -> list[Cell]:
    """Pages holding text alone, read as one text: a table written out as text (pipes, tabs, one
    cell per line) goes on over the page break as it does in a .txt, its header read on the first
    page placing the rows of the next.  Each cell keeps its page and its line there; a grid
    written out as text keeps its columns."""
    starts: list[int] = []
    lines: list[str] = []
    for page in run:
        starts.append(len(lines))
        lines += page.text.splitlines()
    out: list[Cell] = []
    openings = all(page.openings for page in run)
    for c in text_cells("\n".join(lines), settings, openings=openings) if lines else []:
        at = (c.line or 1) - 1
        k = bisect_right(starts, at) - 1
        line = at - starts[k] + 1
        number = run[k].number
        out.append(Cell(c.text, line, c.row, c.column, page=number, unsure=c.unsure, preview=c.preview, apart=c.apart))
    return out


def _row_cells(texts: list[str], r: int, page: int) -> list[Cell]:
    """One table row's cells; a wide merged cell (the empty positions after it are the ones it
    covers) holding ``标签：值`` pairs is handed on as label and value cells (``label_value``)."""
    out: list[Cell] = []
    for col, text in enumerate(texts, 1):
        if not text:
            continue
        span = 1 + next((k for k, t in enumerate(texts[col:]) if t), len(texts) - col)
        parts = split_pairs(text, span) or [text]
        out += [Cell(part, row=r, column=col + k, page=page) for k, part in enumerate(parts) if part]
    return out


def _pages(path: Path, settings: Settings = DEFAULT) -> list[Page]:
    import pypdfium2 as pdfium

    if check_size(path) == 0:
        raise IngestError(path, "文件为空")
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as exc:  # PdfiumError, and whatever a damaged file makes the binding raise
        if "password" in str(exc).lower():
            raise IngestError(path, "是加密的 PDF，无法读取") from None
        raise IngestError(path, f"不是有效的 PDF 文件或文件已损坏（{type(exc).__name__}）") from None
    try:
        check_count(path, "pages", len(pdf), "页数")
        return [_read_page(path, number, pdf, number - 1, settings) for number in range(1, len(pdf) + 1)]
    finally:
        pdf.close()


def _read_page(path: Path, number: int, pdf: Any, index: int, settings: Settings = DEFAULT) -> Page:
    from jixiao.ingest.ruled import RuledTables

    try:
        page = pdf[index]
        try:
            source = PdfiumPage(page)
        finally:
            page.close()
        check_count(path, "page_lines", len(source.edges), f"第 {number} 页的线段数")
        check_count(path, "cells", len(source.chars), f"第 {number} 页的字符数")
        found = RuledTables(source).tables
        top = min((t.bbox[1] for t in found), default=None)
        above, openings = _text(source, (0, 0, source.width, top), settings) if top and top > 1 else ("", False)
        tables = [(t.bbox[3], [[v or "" for v in row] for row in _extract(t, source.chars)]) for t in found]
        if found:
            loose = pieces(source.chars, [(t.bbox, t.cells) for t in found], settings)
            return Page(number, above, tables, "", openings, [_shape(t) for t in found], loose)
        text, openings = _text(source, source.bbox, settings)
        return Page(number, above, tables, text, openings)
    except IngestError:
        raise
    except RecursionError:
        raise IngestError(path, f"PDF 第 {number} 页结构嵌套过深，无法读取") from None
    except Exception as exc:  # a damaged page fails in many ways
        raise IngestError(path, f"PDF 第 {number} 页已损坏，无法读取（{type(exc).__name__}）") from None


def _shape(table: Any) -> Shape:
    rows = tuple((row.bbox[1], row.bbox[3]) for row in table.rows)
    return Shape(rows, tuple(sorted({x for cell in table.cells for x in (cell[0], cell[2])})))


def _extract(table: Any, chars: list[dict[str, Any]]) -> list[list[str | None]]:
    """``table.extract()``, the same texts: each character goes to the row and cell holding its
    centre, in page order; found by bisection on the centres instead of a scan per row."""
    from bisect import bisect_left

    h_mid = [(c["x0"] + c["x1"]) / 2 for c in chars]
    v_mid = [(c["top"] + c["bottom"]) / 2 for c in chars]
    order = sorted(range(len(chars)), key=v_mid.__getitem__)
    keys = [v_mid[i] for i in order]
    out: list[list[str | None]] = []
    for row in table.rows:
        x0, top, x1, bottom = row.bbox
        inside = sorted(i for i in order[bisect_left(keys, top) : bisect_left(keys, bottom)] if x0 <= h_mid[i] < x1)
        texts: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                texts.append(None)
                continue
            cx0, ctop, cx1, cbottom = cell
            mine = [chars[i] for i in inside if cx0 <= h_mid[i] < cx1 and ctop <= v_mid[i] < cbottom]
            texts.append(cell_text(mine) if mine else "")
        out.append(texts)
    return out


_TOLERANCE = 3
"""Points: pdfplumber's default x and y tolerance, within which characters join a word or a line."""


def cell_text(chars: list[dict[str, Any]]) -> str:
    """``pdfplumber.utils.extract_text(chars)`` with its default settings, the same string,
    without its general machinery (a third of the reading time of a table): characters
    clustered into lines by their top, each line sorted by x, words broken at white space and
    at gaps, lines of words clustered again by their top."""
    from pdfplumber.utils.text import LIGATURES, extract_text

    if not all(c["upright"] for c in chars):
        return str(extract_text(chars))
    words: list[tuple[float, str]] = []
    for line in _clusters(chars, lambda c: c["top"]):
        line.sort(key=lambda c: c["x0"])
        word: list[dict[str, Any]] = []
        for char in [*line, None]:
            last = word[-1] if word else None
            if char is None or char["text"].isspace() or (last is not None and _breaks(last, char)):
                if word:
                    words.append(
                        (min(c["top"] for c in word), "".join(LIGATURES.get(c["text"], c["text"]) for c in word))
                    )
                word = [] if char is None or char["text"].isspace() else [char]
            else:
                word.append(char)
    return "\n".join(" ".join(text for _top, text in line) for line in _clusters(words, lambda w: w[0]))


def _breaks(last: dict[str, Any], char: dict[str, Any]) -> bool:
    return bool(
        char["x0"] < last["x0"] or char["x0"] > last["x1"] + _TOLERANCE or abs(char["top"] - last["top"]) > _TOLERANCE
    )


def line_clusters(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters in lines by their tops (``_clusters``)."""
    return _clusters(chars, lambda c: c["top"])


def _clusters(items: list[Any], key: Any) -> list[list[Any]]:
    """pdfplumber's ``cluster_objects``: values within the tolerance of the last one form a
    cluster; clusters in order of value, items in their order within each."""
    values = sorted({key(item) for item in items})
    index: dict[float, int] = {}
    group, last = 0, None
    for value in values:
        if last is not None and value > last + _TOLERANCE:
            group += 1
        index[value], last = group, value
    out: list[list[Any]] = [[] for _ in range(group + 1)] if values else []
    for item in items:
        out[index[key(item)]].append(item)
    return out


def _text(
    source: PdfiumPage, bbox: tuple[float, float, float, float], settings: Settings = DEFAULT
) -> tuple[str, bool]:
    """The text of the characters wholly inside ``bbox`` (``layout_text``)."""
    from pdfplumber.utils.geometry import within_bbox

    return layout_text(within_bbox(source.spaced, bbox), bbox, settings)


def layout_text(
    chars: list[dict[str, Any]], bbox: tuple[float, float, float, float], settings: Settings = DEFAULT
) -> tuple[str, bool]:
    """The text of ``chars`` as pdfplumber's page text is made, each line's opening spaces kept
    (``opening_spaces``), and whether they could be: the text has space glyphs to measure a
    space by."""
    from pdfplumber.utils.text import chars_to_textmap

    space = space_width(chars)
    if space is not None:
        chars = opening_spaces(chars, space, settings)
    width, height = bbox[2] - bbox[0], bbox[3] - bbox[1]
    text = chars_to_textmap(chars, layout_bbox=bbox, layout_width=width, layout_height=height, x_tolerance=2.0)
    return str(text.as_string).replace(_OPENING, " "), space is not None


_OPENING = "\x00"
"""Stands for a line's opening space while the text is laid out by words (which drops spaces); no
character of a PDF's text is NUL (PDFium's code 0 is passed over)."""


def space_width(chars: list[dict[str, Any]]) -> float | None:
    """The width of a space: the middle one of the text's own space glyphs (not PDFium's)."""
    widths = sorted(c["width"] for c in chars if c["text"] == " " and not c["generated"] and c["width"] > 0)
    return widths[len(widths) // 2] if widths else None


def opening_spaces(chars: list[dict[str, Any]], space: float, settings: Settings = DEFAULT) -> list[dict[str, Any]]:
    """The characters, each line that opens with spaces given them back as placeholders.

    A fixed-width copy broken just before a space opens its next line with that space, which
    tells the break from one inside a word.  A PDF's text layer keeps it as a space glyph or only
    by setting the line's first glyph in by a space's width, and laying the text out by words
    drops both.  A line set in from the text's left edge (the commonest start of its lines) by a
    whole number of spaces' widths, up to ``pdf_opening_spaces_max``, opens with as many; set in
    further, it is centred or indented.  ``space``: the width of a space (``space_width``)."""
    firsts = _line_starts([c for c in chars if not c["text"].isspace()])
    if len(firsts) < 2:
        return chars
    edge = Counter(round(c["x0"], 1) for c in firsts).most_common(1)[0][0]
    opening: dict[int, int] = {}
    for first in firsts:
        count = round((first["x0"] - edge) / space)
        if (
            1 <= count <= settings.pdf_opening_spaces_max
            and abs(first["x0"] - edge - count * space) <= settings.pdf_opening_space_slack * space
        ):
            opening[id(first)] = count
    if not opening:
        return chars
    return _put_back(chars, opening, space)


def _line_starts(glyphs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The first glyph of each line: glyphs clustered by their top as ``_clusters`` does, the one
    furthest left of each cluster."""
    out: list[dict[str, Any]] = []
    last: float | None = None
    for char in sorted(glyphs, key=itemgetter("top")):
        if last is None or char["top"] > last + _TOLERANCE:
            out.append(char)
        elif char["x0"] < out[-1]["x0"]:
            out[-1] = char
        last = char["top"]
    return out


def _put_back(chars: list[dict[str, Any]], opening: dict[int, int], space: float) -> list[dict[str, Any]]:
    """Each opening line's spaces as placeholders right before its first glyph (one word with it),
    the space glyphs on its line before that glyph left out."""
    starts = [c for c in chars if id(c) in opening]
    reach = max(c["x0"] for c in starts) + _TOLERANCE / 2  # (most spaces stand further right: not looked at)
    left = {id(c) for c in chars if c["x1"] <= reach and c["text"].isspace() and any(_before(c, f) for f in starts)}
    out: list[dict[str, Any]] = []
    for char in chars:
        if id(char) in left:
            continue
        count = opening.get(id(char))
        if count:
            out += [dict(char, text=_OPENING, x0=char["x0"] - (count - k) * space,
                         x1=char["x0"] - (count - k - 1) * space, width=space) for k in range(count)]  # fmt: skip
        out.append(char)
    return out


def _before(space: dict[str, Any], first: dict[str, Any]) -> bool:
    """The space stands on the line of ``first`` (its opening glyph), before it."""
    return bool(abs(space["top"] - first["top"]) <= _TOLERANCE and space["x1"] <= first["x0"] + _TOLERANCE / 2)


_LINE = 14.0
"""Points: a row broken by the page fills the page to within about one line of its foot."""
_WRAPPING = 8
"""Characters: shorter text fits on one line of a cell, so it ends on the first page."""
_PLAIN_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def _continues(cells: list[Cell], last_row: list[int], texts: list[str], rows: list[list[str]], r: int) -> bool:
    """Is this row, at the top of a page, the rest of the row the page before ended with?

    Word and LibreOffice let a row break across pages: the cells whose text did not fit go on
    at the top of the next page, in the same columns, and the short cells (a weight, a score,
    a label) end on the first page.  So the rest has text only where the row had text long
    enough to wrap, and no figure and no label of its own; a repeated heading row before it
    is passed over.  The caller also asks that the page before was filled to its foot.
    """
    for earlier in rows[: r - 1]:
        if any(v.strip() and not is_indicator_heading(v) for v in earlier):
            return False  # not the first row under the repeated heading
    if all(is_indicator_heading(v) for v in texts if v):
        return False
    filled = {col for col, text in enumerate(texts, 1) if text}
    wrapped = {cells[i].column for i in last_row if len(cells[i].text) >= _WRAPPING}
    if not filled or not filled <= wrapped:
        return False
    return not any(_PLAIN_NUMBER.match(text) or known_label(text) for text in texts if text)


def _join(cells: list[Cell], last_row: list[int], texts: list[str]) -> None:
    """Append each part to the cell of its column in the row it continues (no space between:
    the break falls inside a sentence)."""
    for i in last_row:
        cell = cells[i]
        rest = texts[cell.column - 1] if cell.column is not None else ""
        if rest:
            cells[i] = Cell(cell.text + rest, row=cell.row, column=cell.column, page=cell.page)


_WRAP = re.compile(r"(?<![A-Za-z])\n|\n(?![A-Za-z])")


def _unwrap(text: str) -> str:
    """A cell's text wrapped at the column edge joins without a space (Chinese, and figures
    broken mid-number in narrow columns); only two Latin words keep a space between them."""
    return _WRAP.sub("", text).replace("\n", " ")


def read_pdf(path: Path, settings: Settings = DEFAULT) -> list[Evaluation]:
    cells = pdf_cells(path, settings)
    return cells_report(extract(cells, path.name, settings), cells, path.name, settings)
