"""Normalising passes: the ways real text distorts a table, each undone by one small step.

Each pass is a plain function with its own tests (tests/test_ingest_normalise.py); thresholds
come from ``Settings``.  Passes that change what a cell *means* for recognition (traditional
characters, pinyin glosses) work on a reading view of the text and never on the text kept as
the value: a value is given back as written.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Sized
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.model.values import Op, is_unit, parse_value
from jixiao.model.vocabulary import LazyPattern, declared_points, is_points_mark, strip_points, vocabulary

# The reading view (traditional characters, pinyin glosses) is made in the model layer, so the
# review names dimensions through the very same view; it is one of ingest's passes all the same.
from jixiao.model.writing import reading as reading
from jixiao.model.writing import reading_with_map as reading_with_map
from jixiao.model.writing import simplified as simplified
from jixiao.model.writing import strip_glosses as strip_glosses


def cut_as_written(text: str, index: list[int], spans: list[tuple[int, int]]) -> list[str]:
    """The pieces of ``text`` matching ``spans`` of its reading (glosses stay with the piece
    they follow)."""
    out = []
    for start, end in spans:
        a = index[start] if start < len(index) else len(text)
        b = index[end] if end < len(index) else len(text)
        out.append(text[a:b])
    return out


@lru_cache(maxsize=16_384)
def label_key(text: str) -> str:
    """A cell reduced for label matching: no spaces, no ``(50分)``, no trailing colon, read as
    simplified characters without glosses."""
    s = "".join(reading(unicodedata.normalize("NFKC", text)).split())
    if "(" in s or vocabulary().points.word in s:
        s = strip_points(s)
    s = s.rstrip(":：")
    return s[:-1].rstrip(":") if s.endswith(")") and "(" not in s else s  # a stray bracket (总额):)


# --- forms and spaces --------------------------------------------------------------------


_ENCLOSED = re.compile("[\u2460-\u24ff\u2776-\u2793]+")
"""Circled and parenthesised numbers (①, ⑴, ❶): list marks of a text column, which NFKC would turn
into plain digits that read as figures (``①支出符合…`` → ``1支出符合…``)."""


@lru_cache(maxsize=32_768)
def fold_forms(text: str) -> str:
    """Full-width forms (ＡＢ１２：) read as half-width; runs of white space become one space.
    Enclosed list marks (①) are kept as written, never folded into digits.  Remembered per text:
    every piece of every line is folded, and a batch's tables repeat their labels and figures."""
    if not _ENCLOSED.search(text):
        return " ".join(unicodedata.normalize("NFKC", text).split())
    pieces, pos = [], 0
    for m in _ENCLOSED.finditer(text):
        pieces.append(unicodedata.normalize("NFKC", text[pos : m.start()]))
        pieces.append(m.group())
        pos = m.end()
    pieces.append(unicodedata.normalize("NFKC", text[pos:]))
    return " ".join("".join(pieces).split())


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


_FIGURE_END = re.compile(r"\d$")
_WORD = re.compile(r"\w")
"""A piece holding a word or a figure: not only marks (a comparison sign, ``=``, ``≥``)."""
_BRACKETED = re.compile(r"[(（]([^()（）]+)[)）]")


def split_spaced(line: str, settings: Settings = DEFAULT) -> list[str]:
    """Cells of a line separated only by spaces (``年度资金总额: 880 880 880 10 10``).

    Single CJK characters spaced out for justified alignment (``项 目 名 称``) are joined back
    (one character twice, ``是 是``, is a target and its actual: no label repeats a character so),
    and so is text inside brackets (``( 2020 年度)``), and a figure with its unit written apart
    (``5.5 万人``, ``600 元/人/次``): a unit is never a cell of its own after a figure."""
    out: list[str] = []
    single = False
    depth = 0
    for part in line.split():
        is_single = len(part) == 1 and _is_cjk(part)
        if (is_single and single and out[-1] != part) or depth > 0:
            out[-1] += part
        elif out and _FIGURE_END.search(out[-1]) and is_unit(part):
            out[-1] += " " + part  # a figure and its unit written apart (5.5 万人): one cell, kept as written
        elif out and _bracketed_unit(part, settings) and _WORD.search(out[-1]) and not _FIGURE_END.search(out[-1]):
            out[-1] += " " + part  # a name's unit in brackets (扶持经营主体 (个)) belongs to the name
            # (not to a sign before it, = (元/人/年): a 计算符号 and its 计量单位 are cells of their own)
        else:
            out.append(part)
        depth = max(0, depth + part.count("(") + part.count("（") - part.count(")") - part.count("）"))
        single = is_single
    return out


# --- layouts of lines --------------------------------------------------------------------


def _bracketed_unit(part: str, settings: Settings) -> bool:
    """The piece is a unit in brackets (``(个)``, ``（元/人/年）``)."""
    m = _BRACKETED.fullmatch(part)
    return m is not None and len(m.group(1)) <= settings.bracketed_unit_max_chars and is_unit(m.group(1))


def is_one_cell_per_line(lines: list[str], settings: Settings = DEFAULT) -> bool:
    """Every cell on its own line behind one tab (wrapped text has no tab)."""
    filled = [ln for ln in lines if ln.strip()]
    if not filled:
        return False
    single = sum(1 for ln in filled if ln.startswith("\t") and "\t" not in ln[1:])
    return single / len(filled) > settings.one_cell_per_line_share


def is_tab_grid(lines: list[str], settings: Settings = DEFAULT) -> bool:
    """A grid written out as tab-separated rows with its empty cells kept (a spreadsheet copied
    as text): most tabbed lines have the same number of fields, several of them.  Such text
    keeps each cell's column; text whose tabs only separate the cells that are there does not."""
    widths = [ln.count("\t") + 1 for ln in lines if "\t" in ln and ln.strip()]
    if len(widths) < settings.tab_grid_min_lines:
        return False
    width = max(set(widths), key=widths.count)
    return width >= settings.tab_grid_min_width and widths.count(width) / len(widths) >= settings.tab_grid_share


def is_cell_per_line(lines: list[str], settings: Settings = DEFAULT) -> bool:
    """Every cell on its own line with nothing to mark it (a web page's cells as lines): nearly
    every line is one cell as spaces would cut it (``one_cell_share``).  Then a single space is
    inside a cell (``5.5 万人``, ``效益指标 (40分)``) and only a wider gap separates two."""
    filled = [ln.strip() for ln in lines if ln.strip()]
    if len(filled) < settings.cell_per_line_min_lines:
        return False
    return _share_at_least(filled, settings.cell_per_line_share, lambda ln: "|" not in ln and _one_cell(ln, settings))


def _share_at_least(items: list[str], share: float, test: Callable[[str], bool]) -> bool:
    """Do at least ``share`` of ``items`` pass ``test``?  The same answer as counting them all, but
    the count stops once the items left could no longer reach the share: every text is asked this
    of its lines, and a page of spaced cells fails within its first few."""
    failed = 0
    for item in items:
        if not test(item):
            failed += 1
            if (len(items) - failed) / len(items) < share:
                return False
    return True


def one_cell_share(lines: list[str], settings: Settings = DEFAULT) -> float:
    """Share of a text's lines that are one cell as spaces would cut them: no space, or spaces only
    inside a cell (a label justified, a figure and its unit, a bracketed unit).  A cell wrapped in
    its box and joined with a space (``社会效益指 标``) still counts against it."""
    filled = [ln.strip() for ln in lines if ln.strip()]
    single = sum(1 for ln in filled if "|" not in ln and _one_cell(ln, settings))
    return single / len(filled) if filled else 0.0


def _one_cell(line: str, settings: Settings) -> bool:
    return _SPACE.search(line) is None or len(split_spaced(line, settings)) < 2


def space_free_share(lines: list[str]) -> float:
    """Share of a text's lines that are one run of text, without a space or a pipe."""
    filled = [ln.strip() for ln in lines if ln.strip()]
    single = sum(1 for ln in filled if "|" not in ln and _SPACE.search(ln) is None)
    return single / len(filled) if filled else 0.0


_SPACE = re.compile(r"\s")
"""Any white space: the pattern class of white space is exactly what ``str.isspace`` calls space."""


_GAP = re.compile(r"\s{2,}|\t")


def split_gaps(line: str) -> list[str]:
    """A line of a cell-per-line text: a gap of two spaces or more (or a tab) separates cells
    (``项目名称        某项目``); a single space is inside a cell (``5.5 万人``, ``社会效益指 标``),
    except in a page's navigation line (``首页 > 信息公开 > …``) and before the year a title
    closes with (``…自评表 (2021年度)``)."""
    if _CRUMB.search(line):
        return split_spaced(line.strip())
    out: list[str] = []
    for piece in _GAP.split(line.strip()):
        m = _TITLE_YEAR.search(piece)
        out += [piece[: m.start()], m.group(1)] if m and m.start() > 0 else [piece]
    return [p for p in out if p]


_CRUMB = re.compile(r"\s[>»]\s")


def _title_year() -> re.Pattern[str]:
    """A title's closing year in brackets: ``(2021年度)``, ``（2021年）``."""
    dates = vocabulary().dates
    year = "|".join(re.escape(w) for w in sorted({dates.fiscal_year, dates.year}, key=len, reverse=True))
    return re.compile(rf"\s+([(（]\s*\d{{4}}\s*(?:{year})\s*[)）])$")


_TITLE_YEAR = LazyPattern(_title_year)


def _pipe_shape(lines: list[str]) -> tuple[int, int, int]:
    """(content lines, content lines ending in a lone pipe, lines that are only pipes)."""
    content = ends = lone = 0
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        if not s.strip("| "):
            lone += 1
            continue
        content += 1
        if s.endswith("|") and s.count("|") == 1:
            ends += 1
    return content, ends, lone


def is_pipe_per_line(lines: list[str], settings: Settings = DEFAULT) -> bool:
    """Cells one per line, each closed by ``|`` at its end or by a line holding only ``|``:
    the text of a table copied cell by cell, with no row holding two cells."""
    if settings.pipe_line_share > 0 and not any("|" in ln for ln in lines):
        return False  # no pipe at all: no line is closed by one
    content, ends, lone = _pipe_shape(lines)
    if content == 0 or any(ln.count("|") > 1 and ln.strip().strip("| ") for ln in lines):
        return False
    return (ends + lone) / (content + lone) >= settings.pipe_line_share


def pipe_cells(lines: list[str], settings: Settings = DEFAULT, keep_empty: bool = False) -> list[tuple[str, int]]:
    """(text, 1-based line) of each cell of a pipe-per-line text.

    When most content lines end in ``|``, every line is a cell; otherwise a cell runs over its
    lines up to the next lone ``|`` and its lines are joined as they are (``投 入`` + ``(15分)``).
    ``keep_empty``: a lone ``|`` that closes no text is an empty cell, kept (its place in the row)."""
    content, ends, _lone = _pipe_shape(lines)
    per_line = content > 0 and ends / content >= settings.pipe_cell_per_line_share
    out: list[tuple[str, int]] = []
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(lines, start=1):
        s = raw.strip()
        closes = s.endswith("|")
        body = s.rstrip("|").strip()
        if body:
            if not pending:
                start = number
            pending.append(body)
        elif keep_empty and closes and not pending:
            out.append(("", number))
        if pending and (closes or per_line or not s):
            out.append(("".join(pending), start))
            pending = []
    if pending:
        out.append(("".join(pending), start))
    return out


_PAGE_MARKER = re.compile(r"^(\d{1,3})、")


def join_page_markers(lines: list[str], settings: Settings = DEFAULT) -> list[str]:
    """Run-together text split by a document site's page numbers: a line ``2、…`` continuing the
    line before it (``…12.51`` / ``2、2.512.5…``).  The marker goes, the line joins the one above;
    markers must count up from 1 so that a numbered paragraph (``1、执行率情况``) is left alone."""
    out: list[str] = []
    expected = 1
    for raw in lines:
        m = _PAGE_MARKER.match(raw)
        number = int(m.group(1)) if m else 0
        if m and number == expected and number <= settings.page_marker_max:
            expected += 1
            above = next((k for k in range(len(out) - 1, -1, -1) if out[k].strip()), None)
            if above is not None and number > 1 and _is_chunk(out[above], settings):
                del out[above + 1 :]
                out[above] += raw[m.end() :]
                continue
            out.append(raw[m.end() :] if number == 1 and _is_chunk(raw[m.end() :], settings) else raw)
            continue
        out.append(raw)
    return out


class _CharWidths(dict[str, int]):
    """Display columns of each character met so far (2 for wide and full-width ones); only the
    basic plane's are kept, so the table stays small whatever a file holds."""

    def __missing__(self, ch: str) -> int:
        width = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if ch < "\U00010000":
            self[ch] = width
        return width


_WIDTHS = _CharWidths()


def join_broken_pipe_rows(lines: list[str], settings: Settings = DEFAULT) -> list[str]:
    """Pipe rows written closed at both ends (``| a | b |``), one broken over lines where a viewer
    wrapped it at the page's edge (``| … | 按B/A×该指标分值记`` / ``分。 | 15 | |``): a line opened by
    a pipe and not closed goes on in the lines after it that a pipe does not open, up to the one
    that closes it — joined with no space (the break falls inside a cell's text; two Latin words
    keep one).  Only where most lines are such rows; a joined line's place is left blank."""
    filled = [ln.strip() for ln in lines if ln.strip()]
    closed = sum(1 for ln in filled if len(ln) > 1 and ln.startswith("|") and ln.endswith("|"))
    if not filled or closed < settings.pipe_rows_share * len(filled):
        return lines
    out = list(lines)
    k = 0
    while k < len(out):
        line = out[k].strip()
        j = k
        if line.startswith("|") and not line.endswith("|"):
            j = _broken_row_end(out, k)
        if j > k:
            out[k] = _joined_pieces([ln.strip() for ln in out[k : j + 1]])
            out[k + 1 : j + 1] = [""] * (j - k)
        k = j + 1
    return out


def _broken_row_end(lines: list[str], k: int) -> int:
    """The line that closes the pipe row line ``k`` opens, or ``k`` where none does: every line
    between holds text a pipe does not open, and the last ends with one."""
    for j in range(k + 1, len(lines)):
        nxt = lines[j].strip()
        if not nxt or nxt.startswith("|"):
            return k
        if nxt.endswith("|"):
            return j
    return k


_LATIN_EDGES = re.compile(r"[A-Za-z]\Z")


def _joined_pieces(parts: list[str]) -> str:
    out = parts[0]
    for part in parts[1:]:
        apart = bool(_LATIN_EDGES.search(out)) and part[:1].isascii() and part[:1].isalpha()
        out += (" " if apart else "") + part
    return out


def join_chunk_wraps(lines: list[str], settings: Settings = DEFAULT) -> list[str]:
    """A preview's chunks broken again at a page's width (a PDF made of it): the lines after a page
    marker (``1、…``, ``2、…``, counting up from 1) joined onto it up to the next marker, where a
    joined text is a chunk run together (``_is_chunk``): then every chunk is, though one holds the
    spaces of its texts (``满 意度 指标``); a joined line's place is left blank.  The last chunk goes
    on up to the first blank line.  The caller keeps the join only where a page is
    then cut out of it (``preview.cut_placed``)."""
    marks = [k for k, raw in enumerate(lines) if _PAGE_MARKER.match(raw)]
    numbers = [int(m.group(1)) for k in marks if (m := _PAGE_MARKER.match(lines[k]))]
    if not marks or numbers != list(range(1, len(marks) + 1)):
        return lines
    end = next((k for k in range(marks[-1], len(lines)) if not lines[k].strip()), len(lines))
    spans = [(a, b, "".join(ln.strip() for ln in lines[a:b])) for a, b in itertools.pairwise([*marks, end])]
    if not any(_is_chunk(_PAGE_MARKER.sub("", joined), settings) for _a, _b, joined in spans):
        return lines
    out = list(lines)
    for a, b, joined in spans:
        if b - a > 1:
            out[a:b] = [joined, *([""] * (b - a - 1))]
    return out


_SCRIPT_GAP = re.compile(
    r"(?<=[\u4e00-\u9fff]) (?=[\d(])|(?<=[\d%)]) (?=[\u4e00-\u9fff])"
    r"|(?<=[“‘]) +| +(?=[”’])|(?<=[”’]) +(?=[\u4e00-\u9fff“‘])|(?<=[\u4e00-\u9fff，。、,]) +(?=[“‘])"
)
"""A space a PDF's text layer puts between Han characters and a figure (``2023 年度``), and on
either side of a quotation mark inside Han text (``推进“ 放管服 ” 改革``)."""


def without_script_gaps(line: str) -> str:
    """The line without the spaces a text layer puts between Han characters and figures, and
    around quotation marks."""
    return _SCRIPT_GAP.sub("", line)


def _is_chunk(line: str, settings: Settings) -> bool:
    """A page of a document site's preview: text run together, cut into chunks of a few hundred
    characters (each shorter than a whole page run together on one line)."""
    chunk = replace(
        settings,
        glued_min_length=settings.page_chunk_min_length,
        glued_chars_per_space=settings.page_chunk_chars_per_space,
    )
    line = without_letter_spacing(without_script_gaps(line))
    return is_glued(line, settings) or is_glued(line, chunk)


_LETTER_SPACING = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


def without_letter_spacing(line: str) -> str:
    """The line without the spaces between two Han characters: a preview keeps those inside its
    labels (``项 目 名 称``, ``分 值``, ``实际 完成值``), which part no cells of it."""
    return _LETTER_SPACING.sub("", line)


def _display_width(line: str) -> int:
    """Display columns of a line: its length plus one for each wide or full-width character.  Each
    character's width is looked up once (``_WIDTHS``): only the few longest lines of a text are
    measured (``_display_widths``), so a table of the whole basic plane's wide characters, built
    once per process from 65,536 look-ups, would cost more than all of them."""
    if line.isascii():
        return len(line)
    return sum(map(_WIDTHS.__getitem__, line))


def _unpadded_length(line: str) -> int:
    """A line's length less the spaces a PDF's text layer sets around curly quotation marks
    (``对“ 甲乙系统 ” 数据``, a change of font): the length the line had when it was broken."""
    if _CURLY_QUOTE.search(line) is None:
        return len(line)  # one plain search: most lines have no curly quotation mark
    return len(line) - len(_QUOTE_PADDING.findall(line))


_QUOTE_PADDING = re.compile("(?<=[\u201c\u2018]) | (?=[\u201d\u2019])|(?<=[\u201d\u2019]) ")
_CURLY_QUOTE = re.compile("[\u201c\u2018\u201d\u2019]")


Measured = list[tuple[Callable[[str], int], list[int]]]
"""Each measure (characters, display columns, characters less the quotation marks' padding) with
every line's width by it (the line without its ``\r``)."""


def measure_lines(lines: list[str]) -> Measured:
    """Every line measured once by each measure, for the tests of a fixed width to share.

    Only the widest lines matter (the tests take the widest width and the lines at it or one
    column short of it)."""
    stripped = [ln.rstrip("\r") for ln in lines]
    lengths = list(map(len, stripped))
    # one search of the whole text: most have no curly quotation mark, and then every line is as
    # long as it is unpadded
    quoted = _CURLY_QUOTE.search("".join(stripped)) is not None
    unpadded = list(map(_unpadded_length, stripped)) if quoted else list(lengths)
    return [(len, lengths), (_display_width, _display_widths(stripped, lengths)),
            (_unpadded_length, unpadded)]  # fmt: skip


def _display_widths(stripped: list[str], lengths: list[int]) -> list[int]:
    """Each line's display columns where it may be the widest filled line or one column short of
    it, else its length (under that width by two columns or more either way).  A line is at most
    twice as wide as it is long: measured longest first, the lines stop being measured once one
    is less than half as wide as the widest filled line so far — in text of wide characters only
    the few longest lines are measured, not every line."""
    display = list(lengths)
    top = -1
    for k in sorted(range(len(stripped)), key=lengths.__getitem__, reverse=True):
        if 2 * lengths[k] < top - 1:
            break
        display[k] = width = _display_width(stripped[k])
        if width > top and stripped[k].strip():
            top = width
    return display


def wrap_width(
    lines: list[str], settings: Settings = DEFAULT, measured: Measured | None = None
) -> tuple[Callable[[str], int], int] | None:
    """The measure (characters or display columns) and width at which a text's lines were broken,
    or None.  A pasted fixed-width copy breaks every longer line at the same width, so several
    lines are exactly as long as the longest; in text as written, hardly two are.  ``measured``:
    the lines' widths (``measure_lines``), when worked out already."""
    filled = [k for k, ln in enumerate(lines) if ln.rstrip("\r").strip()]
    if not filled:
        return None
    best: tuple[Callable[[str], int], int] | None = None
    most = 0
    for measure, every in measured or measure_lines(lines):
        widths = [every[k] for k in filled]
        top = max(widths)
        at_top = widths.count(top)
        if top >= settings.wrap_min_width and at_top >= settings.wrap_min_lines and at_top > most:
            best, most = (measure, top), at_top
    if best is not None and _few(sum(1 for k in filled if " " in lines[k].rstrip("\r").strip()), filled, settings):
        return None if _few(most, filled, settings) else best  # cells one per line: a few alike by chance
    return best


def _label_broken_width(
    lines: list[str], settings: Settings, is_label: Callable[[str], bool] | None, measured: Measured
) -> tuple[Callable[[str], int], int] | None:
    """A width met by fewer lines than ``wrap_min_lines``, taken when the lines at it show that
    they were broken: one of two or more breaks a label of the form in two (``…得分 偏差原`` /
    ``因分析及改进措施``: text as written does not cut its labels at a line's end), or each of
    them goes on in a line that cannot stand alone (``spills``)."""
    if is_label is None or settings.wrap_min_lines < 2:
        return None
    for measure, widths in measured:
        top = max(widths, default=0)
        at_top = [k for k, w in enumerate(widths) if w == top and k + 1 < len(lines)]
        if top < settings.wrap_min_width or not at_top:
            continue
        pairs = [(lines[k].rstrip("\r"), lines[k + 1].rstrip("\r")) for k in at_top]
        if len(at_top) >= settings.wrap_min_lines - 1 and any(_breaks_label(a, b, is_label) for a, b in pairs):
            return measure, top
        if all(spills(a, b, is_label, alone=len(pairs) == 1, settings=settings) for a, b in pairs):
            return measure, top
    return None


def _trimmed_width(
    lines: list[str], settings: Settings, measured: Measured, is_label: Callable[[str], bool] | None = None
) -> tuple[Callable[[str], int], int] | None:
    """In a source that drops the space a line ends with (a PDF's text layer: no line ends in
    one), a line cut just before a space comes out one short of the width: the longest line,
    met once or more, and the lines one short of it together as many as ``wrap_min_lines``
    make the width — each of those short lines goes on in a line opening with no space, and
    most of the lines at the width or one short go on in the next (``_continues``: rows of about
    one length, each followed by a row of its own, are rows met by chance)."""
    stripped = [ln.rstrip("\r") for ln in lines]
    if any(ln.endswith(" ") or "\t" in ln for ln in stripped):
        return None  # (spaces kept, or cells between tabs: a grid's rows, no lines broken)
    if is_cell_per_line(lines, settings):
        return None  # one cell a line: names of about one length are no width (…补贴标准 | 5元/人)
    for measure, widths in measured:
        top = max(widths, default=0)
        short = [k for k, w in enumerate(widths) if w == top - measure(" ") and k + 1 < len(lines)]
        if top < settings.wrap_min_width or not short or widths.count(top) + len(short) < settings.wrap_min_lines:
            continue
        if all(stripped[k + 1][:1] not in ("", " ") for k in short) and _most_go_on(stripped, widths, top, is_label):
            return measure, top
    return None


def _most_go_on(lines: list[str], widths: list[int], top: int, is_label: Callable[[str], bool] | None) -> bool:
    """Do more than half of the lines at the width ``top`` or one short of it go on in the next?"""
    if is_label is None:
        return True
    ends = [k for k, w in enumerate(widths) if w >= top - 1 and k + 1 < len(lines)]
    return 2 * sum(1 for k in ends if _continues(lines[k], lines[k + 1], is_label)) > len(ends)


def _breaks_label(line: str, nxt: str, is_label: Callable[[str], bool]) -> bool:
    """The line's last piece and the next line's first are one label (``偏差原因分析`` +
    ``及改进措施``), the second a piece of words that is no label alone.  A label written with a
    space inside it (``偏差原因分析及 改进`` + ``措施``) may begin a piece earlier."""
    pieces, head = line.split(), (nxt.split() or [""])[0]
    if not pieces or not head or not _is_cjk(head[0]) or is_label(head):
        return False
    return is_label(pieces[-1] + head) or (len(pieces) >= 2 and is_label(" ".join(pieces[-2:]) + head))


def _ends_in_label(line: str, is_label: Callable[[str], bool]) -> bool:
    """The line ends with a whole label: its last piece, or its last two written with a space
    inside the label (``… 得分 偏差原因分析及 改进措施``)."""
    pieces = line.split()
    return bool(pieces) and (is_label(pieces[-1]) or (len(pieces) >= 2 and is_label(" ".join(pieces[-2:]))))


def spills(
    line: str, nxt: str, is_label: Callable[[str], bool], alone: bool = False, settings: Settings = DEFAULT
) -> bool:
    """Does ``nxt`` read as the rest of ``line``, cut off at its end, and not as a line of its own?
    It breaks a label in two; or it opens with the space the line was cut before; or it holds
    the rest of a figure and nothing more (``…10 1`` / ``0``).  Where more than one line is at
    the width (not ``alone``), also a single text that is no label, after a text that is no
    figure (``…全年共完`` / ``成12处…``) — a line with no space in it ending in figures after its
    words is a row run together, ended (``…培训覆盖人数≥800人1010``)."""
    pieces, tail = nxt.split(), (line.split() or [""])[-1]
    if not pieces or not tail:
        return False
    if line.endswith(" "):  # cut at a space: only a lone figure after the row's figures is its rest
        return _figures_cut_at_space(line, pieces, alone)
    if _breaks_label(line, nxt, is_label) or (nxt.startswith(" ") and not nxt.startswith("  ")):
        return True
    if nxt[0] in _NO_OPENING:
        return True  # a line never opens with a closing mark (``…37个`` / ``。 本年度…``): cut before it
    if len(pieces) > 1 or is_label(pieces[0]) or _whole_row(nxt):
        return False
    if _FIGURE.match(tail) and _FIGURE.match(pieces[0]):
        return True
    if len(line.split()) == 1 and _ROW_END.search(line) and not _opens_with_unit(pieces[0], settings):
        return False  # a row run together ends in its figures after its words (…人1010): not cut
    return not alone and not _figure(tail) and not _figure(pieces[0])


def _figures_cut_at_space(line: str, pieces: list[str], alone: bool) -> bool:
    """A line at the width cut just after a space (``… 8 `` / ``8``), where more than one line is
    at the width (not ``alone``): a lone bare figure after the line's own last figure is the row's
    next cell (its 得分) — no row is a figure alone."""
    if alone or line.endswith("  ") or len(pieces) != 1:
        return False
    return bool(_FIGURE.match(line.split()[-1]) and _FIGURE.match(pieces[0]))


_ROW_END = re.compile(r"[^\d\s.][\d.]*\d$")
"""Words, then the figures a line ends with."""


def _opens_with_unit(text: str, settings: Settings) -> bool:
    """The text opens with a unit (``公里，惠及…``): the rest of a figure cut at the line's end."""
    lead = _LEAD_WORD.match(text)
    word = lead.group() if lead else ""
    return any(is_unit(word[:n]) for n in range(1, min(len(word), settings.line_unit_max_chars) + 1))


def _few(count: int, lines: Sized, settings: Settings) -> bool:
    return count < settings.wrap_min_share * len(lines)


def join_fixed_width(
    lines: list[str],
    settings: Settings = DEFAULT,
    is_label: Callable[[str], bool] | None = None,
    is_field: Callable[[str], bool] | None = None,
    run_together: bool | Callable[[], bool] = False,
    openings: bool = False,
    is_column: Callable[[str], bool] | None = None,
) -> list[str]:
    """Lines broken at a fixed width joined back: a line exactly as long as the width goes on in
    the next one (``…采购价格略低`` + ``于120万…``, ``9.8`` + ``8``), unless the next line opens
    a row of its own that the join would spoil: a field's label (``is_field``: ``主管部门 …``), a
    一级 or 二级 after a figure, a label or a whole row's note (``时效指标 …``), a row after a
    figure (a long name and a figure at its end, or a name and a figure after it).
    A joined line's place is left blank, so the lines keep their numbers.  ``run_together``: rows
    whose cells ran together, one row a line — broken only where several lines meet the width
    (``wrap_width``); a line or two of one width with a label across the break or a line one
    short of it is a row's length met by chance (``_chance_width``).  ``openings``: the source
    keeps the spaces lines open with (``keeps_openings``).  ``is_column``: a label that heads an
    indicator column (分值, 权重): a header's line goes on in a line of them (``_header_goes_on``)."""
    measured = measure_lines(lines)
    if max(max(widths, default=0) for _, widths in measured) < settings.wrap_min_width:
        return lines  # no line as wide as a width lines are broken at
    found = wrap_width(lines, settings, measured) or _chance_width(lines, settings, is_label, measured, run_together)
    if found is None:
        return lines
    measure, width = found
    widths = next(every for m, every in measured if m is measure)
    out = [ln.rstrip("\r") for ln in lines]
    # a source that drops the space a line ends with (a PDF's text layer) leaves a line broken
    # after a space one short of the width: it goes on in the next line, after that space
    trimmed = not any(ln.endswith(" ") for ln in out)
    short = {k for k, w in enumerate(widths) if trimmed and w == width - measure(" ")}
    broken = {k for k, w in enumerate(widths) if w == width} | short
    # where the source kept the spaces lines open with, a line at the width broken before a
    # space says so in the next line: one that opens without it was broken inside a word
    guess = trimmed and not (openings or keeps_openings(out, widths, width))
    k = 0
    while k < len(out):
        j = k
        # the line so far, joined: a row's last pieces may lie on the lines before (``10 8`` / ``.75 …``)
        while j + 1 < len(out) and j in broken and _continues("".join(out[k : j + 1]), out[j + 1], is_label, is_field,
                                                              not guess and j not in short, is_column):  # fmt: skip
            j += 1
        if j > k:
            out[k] = _joined(out, k, j, short, guess, is_label, settings)
            out[k + 1 : j + 1] = [""] * (j - k)
        k = j + 1
    return out


def _chance_width(
    lines: list[str],
    settings: Settings,
    is_label: Callable[[str], bool] | None,
    measured: Measured,
    run_together: bool | Callable[[], bool],
) -> tuple[Callable[[str], int], int] | None:
    """A width met by too few lines, told by a label broken across it or by lines one short of it
    (``_label_broken_width``, ``_trimmed_width``) — none in rows run together, where such a width
    is a row's length met by chance.  ``run_together`` may be a test, asked only once such a width
    is found: most texts have none, and the test reads the labels every line opens with."""
    found = _label_broken_width(lines, settings, is_label, measured) or _trimmed_width(
        lines, settings, measured, is_label
    )
    if found is None:
        return None
    return None if (run_together() if callable(run_together) else run_together) else found


def keeps_openings(lines: list[str], widths: list[int], width: int) -> bool:
    """Some line at the width goes on in one that opens with a space: the source keeps the spaces
    lines open with (a PDF's text layer read with them, a copy whose editor dropped only the
    spaces lines end with).  A source that drops them too opens no line with a space."""
    return any(w == width and k + 1 < len(lines) and lines[k + 1][:1] == " " and lines[k + 1].strip()
               for k, w in enumerate(widths))  # fmt: skip


def _joined(
    out: list[str],
    k: int,
    j: int,
    short: set[int],
    guess: bool,
    is_label: Callable[[str], bool] | None,
    settings: Settings,
) -> str:
    """Lines ``k`` to ``j`` as one: after a line one short of the width the space it was cut after;
    after a line at the width, where the source tells no break before a space (``guess``), the
    space the cut may have fallen before (``cut_before_space``), or the mark that the figures
    either side may be one or two (``figures_either_way``)."""
    cut = {n for n in range(k, j) if n in short or (guess and cut_before_space(out[n], out[n + 1], is_label, settings))}
    either = {n for n in range(k, j) if guess and figures_either_way(out[n], out[n + 1], settings)} - cut
    return "".join(_joint(ln, n, cut, either) for n, ln in enumerate(out[k : j + 1], start=k))


def cut_before_space(
    line: str, nxt: str, is_label: Callable[[str], bool] | None = None, settings: Settings = DEFAULT
) -> bool:
    """A line at the width in a source that drops the spaces at a line's ends: was it cut just
    before a space?  A figure, then a text that is no unit (``9.89`` / ``因为…``); a rate, then a
    figure (``95%`` / ``10``); a figure with its unit or a bracket, then a bare number (``87人`` / ``30``,
    ``产值(%)`` / ``8000``); two figures of one unit (``<=62万元`` / ``62万元``, a target and its
    actual); two labels (``年度指标值`` / ``实际 完成值``); a row's weight and score that joined
    would be no row's last figure (``15`` / ``15``: see ``weight_and_score_apart``).  Other bare
    numbers (``5`` / ``4.08``) stay one: either reading is a guess."""
    tail, head = (line.split() or [""])[-1], (nxt.split() or [""])[0]
    if not tail or not head or nxt[0].isspace():
        return False  # (a space the next line opens with was kept: nothing to put back)
    if is_label is not None and between_labels(tail, nxt, is_label):
        return True
    if weight_and_score_apart(tail, nxt, settings) or amounts_written_alike_apart(line, head):
        return True
    if _FIGURE.match(tail) and _is_cjk(head[0]):
        lead = _LEAD_WORD.match(head)
        return not (lead and is_unit(lead.group()))
    if tail.endswith("%") and head[0].isdigit():
        return True
    if _BARE.match(head) and _figure(tail) and not tail[-1].isdigit() and tail[-1] not in ".,":
        return True  # a figure with its unit, then a bare number (``87人`` / ``30``): no figure reads 87人30
    if _BARE.match(head) and tail[-1] in ")）":
        return True  # a name's unit in brackets, then a bare number (``产值(%)`` / ``8000``)
    unit = _UNIT_END.search(tail)
    return bool(unit and _figure(tail) and _figure(head) and head.endswith(unit.group()) and head[0].isdigit())


def weight_and_score_apart(tail: str, nxt: str, settings: Settings = DEFAULT) -> bool:
    """Two bare numbers either side of a cut, the second ending the row (alone on its line or
    before a note): joined they would be one figure above a table's points (``1515``, no weight
    or score is), apart a weight and a score no greater than it (``15`` | ``15``).  The table's
    arithmetic allows only the reading apart."""
    pieces = nxt.split()
    head = pieces[0]
    if not (_BARE.match(tail) and _BARE.match(head)) or (len(pieces) > 1 and _figure(pieces[1])):
        return False
    if "." in tail and "." in head:
        return False  # joined no number at all: left to the passes that cut run-together figures
    limit = Decimal(settings.points_max)
    return Decimal(tail + head) > limit and Decimal(head) <= Decimal(tail) <= limit


def amounts_written_alike_apart(line: str, head: str) -> bool:
    """Amounts written alike (``15.00 15.00``) end the line and a bare number opens the next
    (``10 100% …``, a funds row's weight): joined, the last amount would have more decimals than the
    one before it (``15.0010``); a form writes its amounts alike, so the cut fell before a space."""
    pieces = line.split()
    if len(pieces) < 2 or not _BARE.match(head):
        return False
    prev, tail = _DECIMALS.match(pieces[-2]), _DECIMALS.match(pieces[-1])
    return prev is not None and tail is not None and len(prev.group(1)) == len(tail.group(1))


_DECIMALS = re.compile(r"^\d+\.(\d+)$")
_BARE = re.compile(r"^(0|[1-9]\d*)(\.\d+)?$")


UNSURE_JOIN = "\u2063"
"""Put where two figures were joined at a line's end that may as well be two (``5`` / ``4.08``):
the cell read there is unsure (``cells.read_from_text``), its value left to the table or to no one."""


def _joint(line: str, n: int, cut: set[int], either: set[int]) -> str:
    return line + " " if n in cut else line + UNSURE_JOIN if n in either else line


def figures_either_way(line: str, nxt: str, settings: Settings = DEFAULT) -> bool:
    """Two bare numbers either side of a cut in a source that drops line-end spaces, the second
    ending the row (alone on its line or before a note), that ``weight_and_score_apart`` did not
    put apart: joined one figure (``54.08``, ``1520``), apart perhaps a weight and a score
    (``5`` | ``4.08``); ``1`` / ``5`` stays one: apart the score would exceed its weight, joined 15
    may be either.  With figures after the second and a text before the first (the row's name):
    a target and its actual (``90`` | ``100 11.1``) or one figure (``90100``).  The row cannot
    tell which; the joined figure is unsure (the table's other rows may: sections/usual_rows)."""
    before, pieces = line.split() or [""], nxt.split()
    tail = before[-1]
    if not pieces or nxt[0].isspace() or not (_BARE.match(tail) and _BARE.match(pieces[0])):
        return False  # (the next line opening with its space: the figures stand apart as written)
    if "." in tail and "." in pieces[0]:
        return False
    if len(before) > 1 and _BARE.match(before[-2]):
        return False  # a bare figure before: joined the row's weight and score, apart one too many
    if len(pieces) > 1 and _figure(pieces[1]):  # figures after: the row's first two values apart (a
        return len(before) > 1 and not _figure(before[-2])  # target and its actual, 90 | 100), or one (90100)
    limit, joined = Decimal(settings.points_max), Decimal(tail + pieces[0])
    if max(Decimal(tail), Decimal(pieces[0])) > limit:
        return False
    return joined > limit or Decimal(pieces[0]) <= Decimal(tail)  # 1520 no weight; 5 | 4.08 one


def between_labels(tail: str, nxt: str, is_label: Callable[[str], bool]) -> bool:
    """A line ending in a whole label, the next opening with another (``年度指标值`` / ``实际 完成值``,
    the second perhaps written with a space inside it), the two together no label."""
    pieces = nxt.split()
    if not is_label(tail) or is_label(tail + pieces[0]):
        return False
    return is_label(pieces[0]) or (len(pieces) >= 2 and is_label(" ".join(pieces[:2])))


_LEAD_WORD = re.compile(r"[^\d\s.,%/()（）]+")
_UNIT_END = re.compile(r"[^\d\s.,%]+$")


def _continues(
    line: str,
    nxt: str,
    is_label: Callable[[str], bool] | None,
    is_field: Callable[[str], bool] | None = None,
    kept_spaces: bool = False,
    is_column: Callable[[str], bool] | None = None,
) -> bool:
    """Does ``nxt`` go on with ``line`` (broken at the width) rather than open a row of its own?
    ``kept_spaces``: the source keeps the spaces at a line's ends (a pasted copy, not a PDF)."""
    if not nxt.strip() or not line.split():
        return False  # a line of padding (U+3000) alone at the width continues nothing
    if line.endswith("|") and nxt.count("|") <= 1:
        return False  # cells one per line, each closed by its pipe: the longest are no broken lines
    if line.count("|") >= 2 and nxt.count("|") >= line.count("|"):
        return False  # a pipe row, then a whole row of its own (a row's rest holds fewer pipes)
    if line.endswith(" ") or nxt.startswith(" ") or is_label is None:
        return True  # broken at a space: joining gives the line as it was either way
    tail, head = line.split()[-1], nxt.split()[0]
    if is_column is not None and _header_goes_on(line, nxt, is_label, is_column):
        return True
    heading = is_label(head) or _states_points(head)
    if heading and not is_label(tail + head) and _ends_row(line, tail, head, is_label, is_field):
        return False  # a field's label (主管部门), or a 一级/二级 after a whole row: a row of its own
    if _figure(tail):  # a row that ends in a figure, then a row of its own
        if kept_spaces and scored_row_end(line, head):
            return False
        return not (_whole_row(nxt) or _opens_row(tail, nxt))
    if tail[-1] in _FULL_STOPS and _after_figure(line) and _opens_row(tail, nxt):
        return False  # a row's rule closed by its full stop just at the width, then a name and its figure
    return not (_after_figure(line) and _whole_row(nxt) and not _sentence_rest(nxt))


_FULL_STOPS = "。．"
"""Marks that close a sentence (a 得分计算方法, a note): a cell ends there."""


def _sentence_rest(nxt: str) -> bool:
    """After a row's text cut at the width (``… 15 达到目``), the rest of that text and one figure
    (``标值得满分，每降低1个百分点扣0.5分。 15``): a sentence (its commas, its full stop) and the
    row's last figure — a row of its own holds a name and more than one value."""
    pieces = nxt.split()
    return len(pieces) == 2 and any(mark in pieces[0] for mark in _SENTENCE_MARKS)


_SENTENCE_MARKS = "，。；;"
"""Marks a sentence holds (a full-width comma, a full stop, a semicolon) and a name mostly does not."""


def scored_row_end(line: str, head: str) -> bool:
    """In text that keeps the spaces at a line's ends: a line at the width ending in two bare
    figures (a row's weight and score, ``… 1440元 10 10``), then, with no space between, a text
    that is neither the rest of a figure nor a unit (``完成…``, ``★…``).  Text cut inside a row
    would have kept the space before its next cell: the row ended exactly at the width."""
    pieces = line.split()
    if len(pieces) < 3 or not all(_NUMBER.match(p) for p in pieces[-2:]):
        return False
    if head[0].isdigit() or head[0] in ".,%":
        return False
    lead = _LEAD_WORD.match(head)
    return not (lead and is_unit(lead.group()))


_NUMBER = re.compile(r"^\d+(\.\d+)?$")


def _opens_row(tail: str, nxt: str) -> bool:
    """After a figure, a line opening with a name and a figure after it (``培训开始日期 2022年…``):
    not the rest of the figure (``4`` / ``次 5 5``) nor of a note it begins (``2021`` / ``年…``)."""
    pieces = nxt.split()
    name = pieces[0]
    return len(pieces) >= 2 and _opens_text(name[0]) and not _figure(tail + name) and _figure(pieces[1])


def _ends_row(
    line: str, tail: str, head: str, is_label: Callable[[str], bool], is_field: Callable[[str], bool] | None
) -> bool:
    """Before a label ``head``: the line ends its row (the label a field's, or the line ending in
    a figure, a label or a whole row's note)."""
    if is_field is not None and is_field(head):
        return True
    return _figure(tail) or _ends_in_label(line, is_label) or _after_figure(line) or _header_line(line, is_label)


def _header_line(line: str, is_label: Callable[[str], bool]) -> bool:
    """A header's line: labels in a row (一级指标 二级指标 三级指标 …) and no figure, whatever words no
    layout knows close it (… 计划值 未完成原因): the first row comes after it."""
    pieces = line.split()
    if any(_figure(p) for p in pieces):
        return False
    run = 0
    for p in pieces:
        run = run + 1 if is_label(p) else 0
        if run >= _HEADER_LABELS:
            return True
    return False


def _states_points(text: str) -> bool:
    """A heading that declares its points (``预算管理（22分）``, a level no vocabulary knows): a line
    opening with one after a row's figures opens a row — no note goes on with a heading."""
    return declared_points(text) is not None and not is_points_mark(text) and not _figure(text)


def _header_goes_on(line: str, nxt: str, is_label: Callable[[str], bool], is_column: Callable[[str], bool]) -> bool:
    """A header's line at the width (``… 实际值 分值``), then a line with no figure that opens with
    a column's header (``权重 自评分值 情况说明``): the rest of the header — the first row after a
    header opens with its 一级 or its name, and holds the row's figures."""
    pieces, before = nxt.split(), line.split()
    if not is_column(pieces[0]) or any(_figure(p) for p in pieces + before):
        return False
    return sum(1 for p in before if is_label(p)) >= _HEADER_LABELS  # (some written apart: 一级 指标)


_HEADER_LABELS = 3
"""Labels in a row that make a line a header's (a row's line holds its 一级, 二级 and name at most)."""


def _after_figure(line: str) -> bool:
    """The line's last piece comes after a figure: a note at the end of a whole row."""
    pieces = line.split()
    return len(pieces) >= 3 and _figure(pieces[-2])


def _figure(text: str) -> bool:
    """A figure, with its sign and unit (``50元/人``, ``≥90%``): a cell that can end a row (a text
    with a figure inside it, ``每户按3000元的奖补额度``, is none)."""
    if _FIGURE.match(text):
        return True
    parsed = parse_value(text)
    return parsed.op not in (Op.QUALITATIVE, Op.EMPTY) and not parsed.embedded


def _whole_row(line: str, settings: Settings = DEFAULT) -> bool:
    """A line that is a row of its own: a name (a long text opening with a Chinese character, not
    with the rest of a figure) and, at its end, a figure."""
    pieces = line.split()
    name = pieces[0]
    return (
        len(pieces) >= 2 and len(name) > settings.row_line_name_chars and _opens_text(name[0])
        and not _figure(name) and _figure(pieces[-1])
    )  # fmt: skip


_FIGURE = re.compile(r"^[\d.,%—-]+$")
"""A cell that can end a row (a score, a weight)."""

_MARKS = "★☆●○◆◇■□▲△※"
"""Marks a name may open with (``★★★困难群众临时救助人数``: the indicator's weight class)."""


def _opens_text(ch: str) -> bool:
    """A name's first character: a Chinese character or a mark set before names."""
    return _is_cjk(ch) or ch in _MARKS


_OPENING = "“‘「『《"
_CLOSING = "”’」』》"
_NO_OPENING = "。，、；：？！）】" + _CLOSING
"""Marks no cell and no line as written opens with: a line opening with one was cut before it."""


def join_set_apart_quotes(pieces: list[str]) -> list[str]:
    """Quotation marks a PDF's text layer set apart (``实现“ 一卡通用 ”``: the gaps of a wide glyph
    read as spaces) joined back to what they quote: no cell ends with an opening mark or begins
    with a closing one.  (Whether a space after the closing mark was written is not known.)"""
    out: list[str] = []
    glue = False
    for piece in pieces:
        if out and (glue or piece[0] in _CLOSING):
            out[-1] += piece
        else:
            out.append(piece)
        glue = piece[-1] in _OPENING
    return out


def is_glued(line: str, settings: Settings = DEFAULT) -> bool:
    """A long line with no separators: a page's cells run together."""
    return (
        len(line) > settings.glued_min_length
        and "|" not in line
        and "\t" not in line
        and len(line.split()) < len(line) / settings.glued_chars_per_space
    )


# --- columns passed over -------------------------------------------------------------------


def _has_cjk(text: str) -> bool:
    return any(_is_cjk(ch) for ch in text)


def drop_passed_over_columns(
    rows: list[list[str]], passed_over: Callable[[str], bool], none_in: Callable[[list[str]], bool] | None = None
) -> list[list[str]]:
    """Rows of separated text (tabs, pipes) with the column under a header that is read past —
    a 行次 column numbering the rows, an export's ID column — taken out.

    Text has no hidden columns and no grid: the row numbers and codes would otherwise open
    every row (``1 | 产出指标 | …`` read as an indicator named ``1``).  The header goes, and under
    it the piece at its position while it holds no Chinese (a number, a code, nothing); a blank
    row ends the table and the column with it.  ``none_in``: a row certainly without such a
    header (one test of the row, before ``passed_over`` of each piece)."""
    out: list[list[str]] = []
    columns: set[int] = set()
    for row in rows:
        if not any(map(str.strip, row)):
            columns = set()
            out.append(row)
            continue
        if columns:
            row = [p for k, p in enumerate(row) if k not in columns or _has_cjk(p)]
        elif none_in is not None and none_in(row):
            pass  # no header read past here: the row as it is, and still no column to take out
        else:
            columns = {k for k, p in enumerate(row) if p.strip() and passed_over(p)}
            row = [p for k, p in enumerate(row) if k not in columns]
        out.append(row)
    return out
