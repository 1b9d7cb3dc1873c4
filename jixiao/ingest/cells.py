"""A document as a stream of cells, whatever its layout.

Text copied out of Word, Excel, PDF and web pages loses the table grid in many ways: one cell
per line (seed 004), tabs with empty merged cells (seed 001), ``|`` between cells, cells glued
together, runs of spaces.  What survives is the order of the cells.  Each reader turns its
input into ``Cell``s in reading order; the extractor works on that stream and finds the
tables by their labels, not by their position.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any

from jixiao.ingest import labels, ocr
from jixiao.ingest.column_runs import mark_unplaced, rows_from_column_runs
from jixiao.ingest.glued_rows import glued_block, glued_grid
from jixiao.ingest.labels import key as label_key
from jixiao.ingest.normalise import (
    UNSURE_JOIN,
    cut_as_written,
    drop_passed_over_columns,
    fold_forms,
    is_cell_per_line,
    is_glued,
    is_one_cell_per_line,
    is_pipe_per_line,
    is_tab_grid,
    join_broken_pipe_rows,
    join_chunk_wraps,
    join_fixed_width,
    join_page_markers,
    join_set_apart_quotes,
    pipe_cells,
    reading_with_map,
    space_free_share,
    split_gaps,
    split_spaced,
)
from jixiao.ingest.pipe_grid import pipe_grid, stream_grid
from jixiao.ingest.preview import chunked, cut_placed, cut_whole_pages
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.ingest.unglue import Unsure, is_glued_rows, runs_on_directly, separated, unglue_lines
from jixiao.model.evaluation import Location
from jixiao.model.values import unit_names, unit_pattern
from jixiao.model.vocabulary import level2_names, vocabulary
from jixiao.model.writing import read_as


@dataclass(slots=True)
class Cell:
    """One cell's text and where it was read.

    ``key`` (the text reduced for label matching) is worked out once here: the extractor
    compares every cell with the label sets many times over.  Cells are never changed after
    they are made; the class is not frozen only because a frozen dataclass takes three times
    as long to build, and a document has thousands of cells.
    """

    text: str
    line: int | None = None
    row: int | None = None
    column: int | None = None
    cell: str | None = None
    page: int | None = None
    sheet: str | None = None
    unsure: bool = field(default=False, repr=False, compare=False)
    """Two cells ran together here and where one ends is not known (``unglue``): read neither."""
    preview: bool = field(default=False, repr=False, compare=False)
    """Read from a preview's page cut back into rows by guesswork (``ingest.preview``): the rows
    read from it are kept only where the table's arithmetic vouches for them (``preview_check``)."""
    apart: str | None = field(default=None, repr=False, compare=False)
    """A figure joined at a line's end that may as well be two: the two as apart (``5 4.08``)."""
    raw: str | None = field(default=None, repr=False, compare=False)
    """The text as the source held it, edge spaces and all, where a line of pasted text may have
    been broken at a fixed width (a space at a line's end tells how to join it back)."""
    unplaced: str | None = field(default=None, repr=False, compare=False)
    """On the first cell of an indicator table copied column by column and read back into rows
    (``column_runs``): the columns that could not be placed row by row, as its doubt says."""
    key: str = field(init=False, repr=False, compare=False)
    line_key: tuple[object, ...] | None = field(init=False, repr=False, compare=False)
    """Which line of text the cell is on (``sections.line_rows.line_of``), worked out once here:
    the row walk compares the lines of neighbouring cells over and over."""

    def __post_init__(self) -> None:
        self.key = label_key(self.text)
        # a grid's cell (a row and a column: a web page's table may stand on one line) is on its
        # row; a text block of a web page (a row without column) is its block; else its line
        if self.row is not None:
            self.line_key = (self.page, self.sheet, "row" if self.column is None else "grid", self.row)
        else:
            self.line_key = None if self.line is None else (self.page, self.sheet, self.line)

    def location(self) -> Location:
        return _location(self.line, self.row, self.column, self.cell, self.page, self.sheet)


def read_from_text(cell: Cell) -> bool:
    """The cell was cut from a line of text (pasted, scanned or a PDF's text), not taken from a
    Word, Excel, web or ruled PDF grid: only such text can have had a ``≥`` read as a ``2``."""
    return cell.line is not None and cell.sheet is None


def same_line(a: Cell, b: Cell) -> bool:
    """On one row of a grid (and sheet), or one line of text: where a header's cells stand together."""
    if a.row is not None:
        return a.row == b.row and a.sheet == b.sheet
    return a.line is not None and a.line == b.line


@lru_cache(maxsize=8_192)
def _location(
    line: int | None, row: int | None, column: int | None, cell: str | None, page: int | None, sheet: str | None
) -> Location:
    """One ``Location`` for every value read from the same place (the cells of one text line):
    nothing changes a location once it is made, and a table gives tens of them."""
    return Location(line=line, row=row, column=column, cell=cell, page=page, sheet=sheet)


def as_line(cell: Cell) -> str:
    """A text cell as a line of pasted text: as the source held it, unless that spans lines."""
    raw = cell.raw
    return raw if raw is not None and "\n" not in raw and "\r" not in raw else cell.text


_TAGS = re.compile(r"</?(?:p|br|div|span|td|tr|th|table|tbody|thead|b|strong|font)[^>]*>", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*[|\t]\s*")
# Runs of blanks (not tabs) made one space before the split: the cells come out the same once
# cleaned, and a line of 100,000 spaces costs its length, not its square, in ``_SEPARATORS``.
_BLANKS = re.compile(r"[^\S\t]{2,}")


def clean(text: str) -> str:
    """One cell's text: full-width spaces and runs of white space become one space, trimmed."""
    return fold_forms(text)


def clear_caches() -> None:
    """Forget the labels taken from the layouts (the active layouts changed)."""
    _glued.cache_clear()
    _skip_characters.cache_clear()
    _passed_over.cache_clear()


_LABEL_SETS = (
    "PROJECT_NAME", "DEPARTMENT", "IMPLEMENTING_UNIT", "PROJECT_ATTRIBUTE", "PROJECT_PERIOD", "FUND_TOTAL",
    "BUDGET_LABELS", "EXECUTED_LABELS", "FUND_HEADERS", "FUND_SOURCES", "GOAL_EXPECTED", "GOAL_ACTUAL",
    "INDICATOR_HEADERS", "LEVEL_HEADERS", "SECTION_HEADINGS", "TOTAL", "SELF_SCORE", "REASON_SECTIONS",
    "LABEL_PREFIXES",
)  # fmt: skip
"""The layouts' label sets whose labels open a cell in run-together text."""


def _glued_labels() -> list[str]:
    """The words that open a cell in text run together, longest first: the layouts' run-together
    labels (as written), every header, field, fund and table label of the layouts, and the 二级
    names with their suffix (数量指标)."""
    layout_labels: set[str] = set()
    for name in _LABEL_SETS:
        layout_labels |= set(getattr(labels, name))
    level2 = {f"{n}{labels.LEVEL_SUFFIX}" for n in level2_names()}
    words = labels.RUN_TOGETHER | {w for w in layout_labels | level2 if len(w) >= _GLUED_MIN_CHARS}
    return sorted(words, key=len, reverse=True)


_GLUED_MIN_CHARS = 3
"""A layout label shorter than this (三级, 一级) never opens a cell in run-together text: prose has
such words inside it (三级以下道路)."""


def _year_whole() -> str:
    fiscal = re.escape(vocabulary().dates.fiscal_year)
    return rf"\(\d{{4}}{fiscal}\)|(?:19|20)\d{{2}}{fiscal}|"


@lru_cache(maxsize=1)
def _glued() -> re.Pattern[str]:
    return re.compile(
        "(?:"
        + _year_whole()  # a year stays whole (2020年度, not 20 | 20)
        + vocabulary().points.bracketed
        + "|"
        + "(?:"
        + "|".join(re.escape(w) for w in _glued_labels())
        + ")[:：]?"  # a label keeps its colon
        + r"|(?:\d+\.\d*){2,}\d*%?[\d.]*"  # figures run together (two decimal points or more)
        + r"|(?:[≥≤><=]{1,2})?\d+(?:\.\d+)?(?:(?:"
        + "|".join(map(re.escape, labels.RUN_TOGETHER_UNITS))
        + "|(?:"
        + unit_pattern()
        + r")(?=[^\u4e00-\u9fff]|$|"  # any unit the parser knows, where no word goes on after it (55 | 系统故障率)
        + "|".join(re.escape(w) for w in _glued_labels())
        + r"))(?:/[\u4e00-\u9fff]{1,2})?"
        + _unit_not_label()
        + ")?)"  # a figure keeps its unit (=1天, 5元/人), not the first characters of a label (97.93 | 年初预算数)
    )


def _unit_not_label() -> str:
    """A lookahead refusing a unit that is the start of a label run on after the figure: the rest
    of every label that begins with a unit (年 + 初预算数, 项 + 目名称) and of the fiscal year word (20 | 年度)."""
    units = unit_names()
    words = [*_glued_labels(), vocabulary().dates.fiscal_year]
    rests = {w[len(u) :] for w in words for u in units if len(w) > len(u) and w.startswith(u)}
    return "(?!" + "|".join(re.escape(r) for r in sorted(rests, key=len, reverse=True)) + ")"


def split_glued(line: str) -> list[str]:
    """Cells of a line whose cells were run together (``安装坡面水标尺10≥266米≥266米10``).

    Known labels and figures (a number with its sign and unit) become cells of their own; the
    text between them is a cell.  Figures glued to figures cannot always be told apart
    (``202010100.00%10``); those stay as read and the extractor treats them as unreadable.
    """
    written = unjustified(line) if " " in line else line
    view, index = reading_with_map(written)
    spans: list[tuple[int, int, bool]] = []  # (start, end, matched)
    pos = 0
    for m in _glued().finditer(view):
        if m.start() > pos:
            spans.append((pos, m.start(), False))
        spans.append((m.start(), m.end(), True))
        pos = m.end()
    if pos < len(view):
        spans.append((pos, len(view), False))
    out = cut_as_written(written, index, _prose_kept(view, spans))
    return _unglue_repeats([p for p in (x.strip(" ,，。;；") for x in out) if p])


def _prose_kept(view: str, spans: list[tuple[int, int, bool]]) -> list[tuple[int, int]]:
    """The spans with a column's header word met inside the text of a row (the indicator header
    already read: ``完成值达到指标值，记满分`` in a 得分计算方法 cell) joined back into that text:
    after its header, a header word beside text is the rule's word, not a column."""
    out: list[tuple[int, int, bool]] = []
    headers_run, after_header = 0, False
    for k, (a, b, matched) in enumerate(spans):
        header_word = matched and labels.key(view[a:b]) in labels.INDICATOR_HEADERS
        level_word = matched and labels.key(view[a:b]) in labels.LEVEL_HEADERS
        headers_run = headers_run + 1 if header_word or level_word else 0
        after_header = after_header or headers_run >= _HEADER_RUN
        beside_text = (out and not out[-1][2]) or (k + 1 < len(spans) and not spans[k + 1][2])
        if after_header and header_word and headers_run == 1 and beside_text:
            matched = False
        if out and not matched and not out[-1][2]:
            out[-1] = (out[-1][0], b, False)
        else:
            out.append((a, b, matched))
    return [(a, b) for a, b, _m in out]


_HEADER_RUN = 3
"""Column header words in a row that make an indicator header run together."""


_JUSTIFIED = re.compile(r"[\u4e00-\u9fff](?: [\u4e00-\u9fff]){1,7}")
"""Characters one space apart: a label justified across its cell (项 目 名 称)."""


def unjustified(line: str) -> str:
    """The line with each label written one space between its characters (项 目 名 称, 分 值)
    joined back, where joined it is a label of the form; other spaced text stays as written."""

    def join(m: re.Match[str]) -> str:
        joined = m.group().replace(" ", "")
        return joined if _is_label(joined) else m.group()

    return _JUSTIFIED.sub(join, line)


_DECIMAL = re.compile(r"\d+\.\d+")


def _unglue_repeats(tokens: list[str]) -> list[str]:
    """Target and actual are often the same, which is what lets run-together figures be split:
    ``显著提升显著提升`` is two cells, ``100100`` is 100 and 100, and ``1020万元`` before
    ``20万元`` is 10 and 20万元."""
    out: list[str] = []
    for k, tok in enumerate(tokens):
        half = len(tok) // 2
        if len(tok) >= 2 and len(tok) % 2 == 0 and tok[:half] == tok[half:]:
            out.extend([tok[:half], tok[half:]])
            continue
        third = len(tok) // 3
        if len(tok) >= 6 and len(tok) % 3 == 0 and tok == tok[:third] * 3 and _DECIMAL.fullmatch(tok[:third]):
            out.extend([tok[:third]] * 3)  # weight, target and actual alike (12.512.512.5)
            continue
        nxt = tokens[k + 1] if k + 1 < len(tokens) else ""
        if nxt and len(tok) > len(nxt) and tok.endswith(nxt) and re.fullmatch(r"\d+", tok[: -len(nxt)]):
            out.extend([tok[: -len(nxt)], nxt])
            continue
        out.append(tok)
    return out


def text_cells(
    text: str, settings: Settings = DEFAULT, whole_pages: bool = False, openings: bool = False
) -> list[Cell]:
    """Cells of a text extraction, each with its line number (1-based), cut with ``settings``.
    ``whole_pages``: a preview's page run together is cut back into its rows (``ingest.preview``),
    its cells then numbered by those rows (a text file's lines, its rows checked after reading);
    other sources map the line numbers back to their own places: a cut row's cells keep the line
    it was cut from, the row its cut (``placed``), and are marked ``preview``.  ``openings``: the
    source keeps the spaces lines open with though it drops those they end with (a PDF's text
    layer, ``pdf.opening_spaces``): a line broken before a space is told by the next line."""
    lines = labels.blank_furniture(ocr.repair_lines(text.splitlines()))
    lines, unplaced = rows_from_column_runs(lines, settings)
    joined = join_page_markers(lines, settings)
    origins: list[tuple[int, bool]] | None = None
    if chunked(lines, joined) and whole_pages:  # a document site's preview: chunks of a page, joined
        joined = cut_whole_pages(joined, settings)
    elif chunked(lines, joined):
        joined, origins = cut_placed(joined, settings)
    elif not whole_pages:  # a preview's chunks broken again at a page's width (a PDF of it)
        joined, origins = _wrapped_preview(lines, joined, settings)
    cells = mark_unplaced(_line_cells(joined, settings, openings), unplaced)
    return cells if origins is None else placed(cells, origins)


def _wrapped_preview(
    lines: list[str], joined: list[str], settings: Settings
) -> tuple[list[str], list[tuple[int, bool]] | None]:
    """Chunks joined back across their wrapped lines and the page cut, where one is then cut out;
    else the lines as they were."""
    rejoined = join_page_markers(join_chunk_wraps(lines, settings), settings)
    cut, origins = cut_placed(rejoined, settings)
    return (cut, origins) if any(was_cut for _k, was_cut in origins) else (joined, None)


def placed(cells: list[Cell], origins: list[tuple[int, bool]]) -> list[Cell]:
    """Cells of cut lines given back their source's line numbers: ``origins`` holds, for each cut
    line, the (0-based) line it came from and whether it was cut out of a preview's page.  A cut
    row's cells keep their row apart (``_PREVIEW_ROWS`` past their cut line: no block's number)."""
    out: list[Cell] = []
    for c in cells:
        number = c.line or 1
        origin, cut = origins[number - 1]
        row = c.row if c.row is not None or not cut else _PREVIEW_ROWS + number
        out.append(Cell(c.text, origin + 1, row, c.column, unsure=c.unsure, preview=cut, apart=c.apart))
    return out


_PREVIEW_ROWS = 1_000_000_000
"""Rows cut out of a preview's page are numbered past this, apart from a source's own rows."""


def _line_cells(joined: list[str], settings: Settings, openings: bool = False) -> list[Cell]:
    """The cells of lines, each with its line number (1-based); rows run together are broken at a
    width only where several lines meet it (``join_fixed_width``, which asks whether they are only
    where its answer matters)."""
    together = partial(_run_together, joined, settings)
    unbroken = join_broken_pipe_rows(joined, settings)
    marked = join_fixed_width(unbroken, settings, _is_label, _opens_a_row, together, openings, _heads_column)
    lines = [ln.replace(UNSURE_JOIN, "") for ln in marked]
    if is_one_cell_per_line(lines, settings):
        return _cells_one_per_line(lines)
    if is_pipe_per_line(lines, settings):
        cut = stream_grid(pipe_cells(lines, settings, keep_empty=True))
        return [Cell(clean(t), n, r, c) for t, n, r, c in cut if clean(t)]
    grid = is_tab_grid(lines, settings)
    glued = glued_grid(lines, settings)
    if not glued and not grid and (glued := pipe_grid(lines, settings)):
        apart = _lines_between_rows(lines, glued)
        lines, marked = (["" if k in apart else ln for k, ln in enumerate(ls)] for ls in (lines, marked))
    per_line = not grid and is_cell_per_line(lines, settings)
    if not grid and not glued and _run_together(lines, settings):
        rows = unglue_lines(lines, settings)
    else:
        spaced = split_gaps if per_line else split_spaced
        rows = drop_passed_over_columns(
            [[] if k in glued else _pieces(raw, spaced, grid, settings) for k, raw in enumerate(marked)],
            _passed_over,
            _none_passed_over,
        )
    cells: list[Cell] = []
    for number, (raw, pieces) in enumerate(zip(lines, rows, strict=True), start=1):
        if number - 1 in glued:  # a row cut by its header: run together (glued_rows) or between pipes (pipe_grid)
            cells.extend(Cell(clean(t), line=number, row=number, column=c) for t, c in glued[number - 1])
            continue
        if is_glued(raw, settings) and (blocks := _glued_blocks(raw, number, settings)) is not None:
            cells.extend(blocks)
            continue
        in_grid = grid and "\t" in raw
        for column, piece in enumerate(pieces):
            text_ = fold_forms(piece) if piece else ""  # clean(): a grid row's empty cells cost nothing
            if not text_:
                continue
            if in_grid:  # a row of a grid written out with its empty cells: each piece keeps its column
                cells.append(Cell(text_, number, number, column))
            else:
                cells.append(_text_cell(text_, number, isinstance(piece, Unsure)))
    return cells


def _lines_between_rows(lines: list[str], placed: dict[int, Any]) -> set[int]:
    """Lines of a pipe-row text that hold no pipe and stand between two rows placed in their
    columns: no cell of the table (a document site's banner printed between two pages of it,
    本文档由用户上传…), which read as text would open a row — they are read as empty lines."""
    filled = [k for k, ln in enumerate(lines) if ln.strip()]
    return {k for before, k, after in zip(filled, filled[1:], filled[2:], strict=False)
            if k not in placed and "|" not in lines[k] and before in placed and after in placed}  # fmt: skip


def _run_together(lines: list[str], settings: Settings) -> bool:
    """Rows whose cells ran together (``unglue.is_glued_rows``), in text mostly without spaces or
    whose labels run straight on into their values.  Text separated by tabs or pipes never is:
    that is asked first, as it costs one look at each line, where the others read the labels
    each line opens with."""
    if separated(lines, settings):
        return False
    space_free = space_free_share(lines) >= settings.glued_rows_space_free or runs_on_directly(lines, settings)
    return space_free and is_glued_rows(lines, settings)


def _text_cell(text: str, number: int, unsure: bool) -> Cell:
    """A cell of a line cut at its spaces; a figure joined at a line's end that may as well be two
    (``normalise.figures_either_way``) is unsure, both readings kept."""
    if UNSURE_JOIN not in text:
        return Cell(text, line=number, unsure=unsure)
    apart = text.replace(UNSURE_JOIN, " ")
    return Cell(text.replace(UNSURE_JOIN, ""), line=number, unsure=True, apart=apart)


def _glued_blocks(line: str, number: int, settings: Settings = DEFAULT) -> list[Cell] | None:
    """A line run together that holds indicator blocks: the text around them cut as run-together
    text, each block as a grid of its header's columns (rows numbered apart, block by block)."""
    block = glued_block(line, settings)
    if block is None:
        return None
    out: list[Cell] = []
    base = number * _BLOCK_ROWS
    first, count = True, 0
    while block is not None and count < settings.glued_blocks_max:
        count += 1
        out += _plain(block.before, number) if first else _between(block.before, number)
        first = False
        out += [Cell(clean(t), line=number, row=base + r, column=c) for t, r, c in block.pieces]
        base += _BLOCK_ROWS // settings.glued_blocks_max
        rest = block.after
        block = glued_block(rest, settings)
    return out + _plain(rest, number)


_BLOCK_ROWS = 10_000
"""Grid rows of the blocks of one line are numbered from line × 10,000, apart per block by 10,000
÷ ``settings.glued_blocks_max`` (1,000)."""


def _between(text: str, number: int) -> list[Cell]:
    """The text between two blocks of a line: a block's numbered heading (年度绩效目标2(40分)) is
    that heading alone, never a row."""
    view = labels.key(text)
    heading = next((h for h in labels.SECTION_HEADINGS if view.startswith(h)), None)
    if heading is not None and len(view) <= 2 * len(heading) + _HEADING_EXTRA:
        return [Cell(clean(text), line=number)] if view == heading else [Cell(heading, line=number)]
    return _plain(text, number)


_HEADING_EXTRA = 8
"""Characters a block's heading may carry beyond its words (a number, its points)."""


def _plain(text: str, number: int) -> list[Cell]:
    pieces = split_glued(unicodedata.normalize("NFKC", text)) if text.strip() else []
    return [Cell(t, line=number) for t in (clean(p) for p in pieces) if t]


def _pieces(
    raw: str, spaced: Callable[[str], list[str]], grid: bool = False, settings: Settings = DEFAULT
) -> list[str]:
    """One line's cells as written (empty pieces of separated text keep their places; in a tab
    grid every tab is a column); ``spaced`` cuts a line with no other separator."""
    if grid and "\t" in raw:
        return raw.split("\t")
    line = _TAGS.sub("|", raw) if "<" in raw else raw
    if not line.strip():
        return []
    if is_glued(line, settings):
        return split_glued(unicodedata.normalize("NFKC", line))
    if "|" in line or "\t" in line:
        return _SEPARATORS.split(_BLANKS.sub(" ", line))
    return join_broken_labels(join_set_apart_quotes(spaced(line.strip())), settings)


def _opens_a_row(text: str) -> bool:
    """A label a line may open a row with (主管部门, 年度资金总额) — a column's header (得分, 分值)
    opens none: at a line's start after a line at the width it is the rest of a cell (…违规不 / 得分)
    or of a header broken at the width."""
    k = label_key(text)
    columns = k in labels.INDICATOR_HEADERS or k in labels.FUND_HEADERS or k in labels.LEVEL_HEADERS
    return not columns and labels.known_label(text)


def _heads_column(text: str) -> bool:
    """A label that heads one of the indicator table's columns (分值, 权重, 得分)."""
    return label_key(text) in labels.INDICATOR_HEADERS


def _is_label(text: str) -> bool:
    return labels.known_label(text) or labels.is_level1(text) or labels.is_level2(text)


def join_broken_labels(pieces: list[str], settings: Settings = DEFAULT) -> list[str]:
    """Pieces of space-separated text that are one label broken at a space (``满意度 指标``,
    ``经济效益 指标``): joined back, kept as written, when together they are a label of the form
    and the second is no label alone (a fragment of one) — unless the first is a label whole on
    its own and the second heads a column next to it (``_heads_apart``)."""
    out: list[str] = []
    for piece in pieces:
        if out and not _is_label(piece) and _is_label(out[-1] + piece) and not _heads_apart(out[-1], piece, settings):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


def _heads_apart(first: str, piece: str, settings: Settings) -> bool:
    """Two headers side by side, not one label broken: the first is a label whole on its own and
    the join is only a label by the prefix the first already has (项目资金（万元） 年初安排数), or
    the second names a column by its words (年度目标 完成情况: the target's and the actual's)."""
    if not labels.whole_label(first) and not labels.known_label(first):
        return False
    return not labels.whole_label(first + piece) or labels.holds_column_words(piece, settings.header_word_max_chars)


@lru_cache(maxsize=32_768)
def _passed_over(text: str) -> bool:
    """A column header the layouts read past (行次, an export's ID).  A text that is NFKC already
    keys to its characters read as simplified, less some: without one that reads as a character
    of those headers, it is none of them (one search, where most pieces are values).  Remembered
    per text: asked of every piece of a row that may hold such a header."""
    if unicodedata.is_normalized("NFKC", text) and _skip_characters().search(text) is None:
        return False
    return label_key(text) in labels.SKIP_HEADERS


def _none_passed_over(row: list[str]) -> bool:
    """No piece of the row is a header read past (``_passed_over``'s test, made for the row at once)."""
    return all(map(_is_nfkc, row)) and _skip_characters().search("\t".join(row)) is None


_is_nfkc = partial(unicodedata.is_normalized, "NFKC")


@lru_cache(maxsize=1)
def _skip_characters() -> re.Pattern[str]:
    """Any character that reads as one of the passed-over headers' characters."""
    chars = read_as("".join(labels.SKIP_HEADERS))
    return re.compile("[" + "".join(map(re.escape, sorted(chars))) + "]" if chars else "(?!)")


def _cells_one_per_line(lines: list[str]) -> list[Cell]:
    cells: list[Cell] = []
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(lines, start=1):
        tabbed = raw.startswith("\t")
        if tabbed or not raw.strip():
            if pending:
                text_ = clean(pending[0] if len(pending) == 1 else " ".join(pending))
                if text_:
                    cells.append(Cell(text_, line=start))
            pending, start = ([raw[1:]] if tabbed else []), number
        else:  # a wrapped line continues the cell above
            pending.append(raw)
    if pending:
        text_ = clean(" ".join(pending))
        if text_:
            cells.append(Cell(text_, line=start))
    return cells
