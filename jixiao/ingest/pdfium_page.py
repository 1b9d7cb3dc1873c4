"""A PDF page's characters and ruling lines read by PDFium, in the form pdfplumber's table
finder takes them.

pdfplumber finds ruled tables well, but it reads a page through pdfminer, pure Python, which
spends nine tenths of the time interpreting content streams.  PDFium (pypdfium2, Apache/BSD)
parses the page in C++; this module hands what it finds to pdfplumber's own geometry (edges
snapped and joined, intersections, cells, the text of each cell), so the tables are found
by the same rules.  Characters carry PDFium's "loose" widths (the advance, as pdfminer's)
and one height per font size from their baseline; paths are split into subpaths
and each straight segment becomes an edge, as pdfminer's lines, rectangles and curves do.
"""

from __future__ import annotations

import ctypes
from typing import Any

_LINETO, _BEZIERTO, _MOVETO = 0, 1, 2
_PATH, _FORM = 2, 5  # FPDF_PAGEOBJ_PATH, FPDF_PAGEOBJ_FORM
_Matrix = tuple[float, float, float, float, float, float]
_ASCENT = 0.88
"""Of a character's font size, the part above its baseline: one box height for every
character of a line (PDFium's loose box follows a flat glyph such as 一 down, which would
put it on a line of its own); the rest, below the baseline, as pdfminer counts a descent."""
_DESCENT = 1 - _ASCENT


class PdfiumPage:
    """``chars``, ``edges``, ``bbox``, ``width`` and ``height`` of one page (top-down
    coordinates, as pdfplumber's): all that ``TableFinder`` and ``Table.extract`` read.

    PDFium leaves most drawn spaces out of its characters and puts in spaces of its own where
    it sees a gap between words.  In a ruled cell the rules separate the cells and a space is
    only layout, so ``chars`` has none of PDFium's spaces; text outside the rules is split
    into cells at its spaces, so ``spaced`` keeps them."""

    def __init__(self, page: Any) -> None:
        self.width, self.height = (float(v) for v in page.get_size())
        self.bbox = (0.0, 0.0, self.width, self.height)
        spaced = _chars(page, self.height)
        self.chars = [c for c in spaced if not c["generated"]]
        self.spaced = _without_abutting_spaces(spaced)
        self.edges = _edges(page, self.height)


def _chars(page: Any, height: float) -> list[dict[str, Any]]:
    import pypdfium2.raw as c

    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        codes = _codes(raw)
        loose, size_of, origin = c.FPDFText_GetLooseCharBox, c.FPDFText_GetFontSize, c.FPDFText_GetCharOrigin
        angle, generated_at = c.FPDFText_GetCharAngle, c.FPDFText_IsGenerated
        box = c.FS_RECTF()
        x, y = ctypes.c_double(0), ctypes.c_double(0)
        out = []
        for i, code in enumerate(codes):
            generated = code in _MADE and generated_at(raw, i) == 1
            if code in _SKIPPED or (generated and code != 32) or not loose(raw, i, box):
                continue  # PDFium's own line breaks: pdfminer has none
            size = size_of(raw, i)
            if size > 0 and origin(raw, i, x, y):  # the line's box, not the glyph's (一)
                base = y.value
                top, bottom = height - (base + _ASCENT * size), height - (base - _DESCENT * size)
            else:
                top, bottom = height - box.top, height - box.bottom
            left, right = box.left, box.right
            # 2: PDFium's mark for a hyphen at a line end; a lone surrogate is no character
            text = "-" if code == 2 else chr(code) if code < 0xD800 or code > 0xDFFF else "\ufffd"
            out.append({"text": text, "x0": left, "x1": right, "top": top, "bottom": bottom, "doctop": top,
                        "upright": abs(angle(raw, i)) < 0.01, "width": right - left, "height": bottom - top,
                        "object_type": "char", "generated": generated})  # fmt: skip
        return out
    finally:
        textpage.close()


def _without_abutting_spaces(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The characters less PDFium's own spaces that stand where no gap is: at a point of a line
    where one glyph ends and the next begins.  PDFium puts one in wherever the font changes (a
    curly quotation mark of another font: ``宁夏“ 网上人社 ” 电子签章``), and such a space would cut a
    cell of text in two; a space it puts in a gap between words is kept."""
    ends: dict[int, list[float]] = {}
    starts: dict[int, list[float]] = {}
    for c in chars:
        if c["text"] != " ":
            line = round(c["top"])
            ends.setdefault(line, []).append(c["x1"])
            starts.setdefault(line, []).append(c["x0"])
    return [c for c in chars if not (c["generated"] and _at_joint(c, ends, starts))]


def _at_joint(space: dict[str, Any], ends: dict[int, list[float]], starts: dict[int, list[float]]) -> bool:
    """A glyph of the space's line ends where it stands and another begins there."""
    line, x = round(space["top"]), space["x0"]
    return any(abs(e - x) <= _ABUTTING for e in ends.get(line, ())) and any(
        abs(b - x) <= _ABUTTING for b in starts.get(line, ())
    )


_ABUTTING = 0.5
"""Points: a glyph beginning this close to the end of the one before it leaves no gap between them."""
_SAME_LINE = 1.0
"""Points: glyphs whose tops lie this close are on one line."""

_SKIPPED = frozenset({0, 10, 13, 0xFFFE, 0xFFFF})
_MADE = frozenset({2, 32, 45})
"""The only characters PDFium makes up itself (beside line breaks): spaces and hyphens."""


def _codes(raw: Any) -> list[int]:
    """Each character's code, one call each (the bulk text call leaves out the mark PDFium
    puts for a hyphen at a line end, code 2)."""
    import pypdfium2.raw as c

    get = c.FPDFText_GetUnicode
    return [get(raw, i) for i in range(max(0, c.FPDFText_CountChars(raw)))]


def _edges(page: Any, height: float) -> list[dict[str, Any]]:
    import pypdfium2.raw as c

    out: list[dict[str, Any]] = []
    count = c.FPDFPage_CountObjects(page.raw)
    _objects([c.FPDFPage_GetObject(page.raw, i) for i in range(count)], (1, 0, 0, 1, 0, 0), height, out, 0)
    return out


def _objects(objects: list[Any], outer: _Matrix, height: float, out: list[dict[str, Any]], depth: int) -> None:
    """Edges of the painted paths among ``objects``, forms entered (to a bounded depth)."""
    import pypdfium2.raw as c

    for obj in objects:
        kind = c.FPDFPageObj_GetType(obj)
        if kind == _FORM and depth < 8:
            inner = _combine(_matrix(obj), outer)
            children = [c.FPDFFormObj_GetObject(obj, i) for i in range(c.FPDFFormObj_CountObjects(obj))]
            _objects(children, inner, height, out, depth + 1)
        elif kind == _PATH and _painted(obj):
            _path_edges(obj, _combine(_matrix(obj), outer), height, out)


def _painted(obj: Any) -> bool:
    import pypdfium2.raw as c

    fill, stroke = ctypes.c_int(0), ctypes.c_int(0)
    if not c.FPDFPath_GetDrawMode(obj, fill, stroke):
        return False
    return bool(fill.value) or bool(stroke.value)


def _matrix(obj: Any) -> _Matrix:
    import pypdfium2.raw as c

    m = c.FS_MATRIX()
    if not c.FPDFPageObj_GetMatrix(obj, m):
        return (1, 0, 0, 1, 0, 0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _combine(m: _Matrix, n: _Matrix) -> _Matrix:
    """``m`` then ``n`` (PDF row-vector convention: p' = p · m · n)."""
    a, b, c_, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c_ * A + d * C, c_ * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _path_edges(obj: Any, m: _Matrix, height: float, out: list[dict[str, Any]]) -> None:
    """Each straight horizontal or vertical segment of a path, subpath by subpath."""
    import pypdfium2.raw as c

    x, y = ctypes.c_float(0), ctypes.c_float(0)
    start: tuple[float, float] | None = None
    last: tuple[float, float] | None = None
    for i in range(c.FPDFPath_CountSegments(obj)):
        segment = c.FPDFPath_GetPathSegment(obj, i)
        if not c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        point = (x.value * m[0] + y.value * m[2] + m[4], x.value * m[1] + y.value * m[3] + m[5])
        kind = c.FPDFPathSegment_GetType(segment)
        if kind == _MOVETO or last is None:
            start = point
        else:
            _edge(last, point, height, out)
        last = point
        if c.FPDFPathSegment_GetClose(segment) and start is not None:
            _edge(point, start, height, out)
            last = start


def _edge(p: tuple[float, float], q: tuple[float, float], height: float, out: list[dict[str, Any]]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) < 1e-3:
        orientation = "h"
    elif abs(x0 - x1) < 1e-3:
        orientation = "v"
    else:
        return  # a diagonal or a curve's chord: never a table rule
    left, right = min(x0, x1), max(x0, x1)
    top, bottom = height - max(y0, y1), height - min(y0, y1)
    out.append({"x0": left, "x1": right, "top": top, "bottom": bottom, "doctop": top, "width": right - left,
                "height": bottom - top, "orientation": orientation, "object_type": "line"})  # fmt: skip
