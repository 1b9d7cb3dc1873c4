"""Rows run together line by line under a header run together (a table pasted without separators).

Some pages keep one table row per line but lose every cell boundary inside it::

    评价指标评价内容指标名称指标说明目标值分值备注
    产出数量指标参训学员人数达到计划值210010
    资金支出率达到目标值95%10

The header line is nothing but known column labels, so it can be cut exactly, and it says
which columns each row has and in which order.  Each row is then cut from both ends: its
leading 一级 / 二级 labels (known ones, or any short label ending in 指标), its trailing figures,
and the name between them.  Figures run together (``210010``) are cut by the table's own
arithmetic: a weight is a plain number above 0 and at most 100, a score at most its weight,
and the weights add up to the table's stated 总分.  A text column between the name and the
figures (指标说明) is told from the name only where several rows end with the same words.

The result is a grid: each piece carries the column of its header cell, so the extractor
places it by column, as it does a Word or Excel table.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from jixiao.ingest import arithmetic
from jixiao.ingest import labels as L
from jixiao.ingest.normalise import cut_as_written, reading_with_map
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.model.values import is_unit
from jixiao.model.vocabulary import LazyPattern, vocabulary


def _figure() -> str:
    """A figure as a row writes it: a sign, the number, a per cent or per mille, a bound (以上)."""
    bounds = "|".join(map(re.escape, vocabulary().figures.bounds))
    return r"[≥≤><=≧≦]{0,2}\d[\d.]*(?:%|‰)?(?:" + bounds + ")?"


_PARTS = re.compile(r"^([≥≤><=≧≦]{0,2})([\d.]+)(.*)$")
_TAIL = LazyPattern(lambda: re.compile(f"(?:{_figure()})+$"))
_TOKEN = LazyPattern(lambda: re.compile(_figure()))
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")
_SEPARATED = re.compile(r"[|\t]|\s{2,}|\S\s\S{2}")
"""A line with cell separators: pipes, tabs, runs of spaces, or a space between words (a space
inside a justified label, 项 目, is not one)."""


def _generic_level() -> re.Pattern[str]:
    """A level label the layouts do not list: a few words and the level suffix (…指标, …(…指标))."""
    s = re.escape(L.LEVEL_SUFFIX)
    return re.compile(rf"^[\u4e00-\u9fff]{{2,12}}?(?:\([\u4e00-\u9fff]{{1,8}}{s}\)|{s})")


_GENERIC_LEVEL = LazyPattern(_generic_level)
_LEVELS_ABOVE = (L.Level.LEVEL1, L.Level.LEVEL2)
"""The level columns before the name (三级)."""
_FIGURE_COLUMNS = (L.Column.TARGET, L.Column.ACTUAL, L.Column.WEIGHT, L.Column.SCORE)
_READ_FIGURES = (L.Column.TARGET, L.Column.VALUE, L.Column.ACTUAL, L.Column.WEIGHT, L.Column.SCORE)
_TEXT_BETWEEN = (L.Column.BASIS, L.Column.STANDARD, L.Column.NOTE, L.Column.REMARK)


def _fold(line: str) -> str:
    return "".join(unicodedata.normalize("NFKC", line).split())


def clear_caches() -> None:
    """Forget what was worked out from the label sets (the active layouts changed)."""
    _label_starts.cache_clear()
    _GENERIC_LEVEL.reset()
    _name_headers.cache_clear()
    _header_keys.cache_clear()


@lru_cache(maxsize=1)
def _name_headers() -> tuple[str, ...]:
    """The headers of the 三级 column (三级指标, 指标名称 …), reduced."""
    return tuple(k for k in L.LEVEL_HEADERS if column_of(k) == L.Level.NAME)


@lru_cache(maxsize=1)
def _label_starts() -> frozenset[str]:
    """The first two characters of every header label and section heading: where a header may begin."""
    heads = set(L.LEVEL_HEADERS) | set(L.INDICATOR_HEADERS) | set(L.SECTION_HEADINGS)
    return frozenset(h[:2] for h in heads if len(h) >= 2)


def column_of(label: str) -> str | L.Column | None:
    """The column a header label heads: a level (``L.Level``), or an indicator column."""
    k = L.key(label)
    if k in L.LEVEL1_HEADERS:
        return L.Level.LEVEL1
    if k in L.LEVEL2_HEADERS:
        return L.Level.LEVEL2
    if k in L.NAME_HEADERS:
        return L.Level.NAME
    if k in L.LEVEL_HEADERS:
        return None
    col: L.Column | None = L.INDICATOR_HEADERS.get(k)
    return col


def header_cut(line: str, settings: Settings = DEFAULT) -> list[str] | None:
    """The labels a header line is made of, run together, or None when it is not only labels."""
    if _SEPARATED.search(line.strip()):
        return None  # cells with separators between them: not run together
    if not any(h in L.key(line) for h in _name_headers()):
        return None  # no 三级 column among its words: no indicator header (most lines end here)
    text = _fold(line)
    n = len(text)
    if n == 0 or n > settings.glued_header_max_chars:
        return None
    longest = settings.glued_label_max_chars
    reach: list[list[str] | None] = [None] * (n + 1)
    reach[0] = []
    for i in range(n):
        got = reach[i]
        if got is None:
            continue
        for j in range(min(n, i + longest), i, -1):
            if reach[j] is None and column_of(text[i:j]) is not None:
                reach[j] = [*got, text[i:j]]
    cut = reach[n]
    if cut is None or len(cut) < settings.glued_header_min_labels:
        return None
    columns = [column_of(c) for c in cut]
    return cut if L.Level.NAME in columns and any(c in _FIGURE_COLUMNS for c in columns) else None


@dataclass
class RowCut:
    """One row cut into its leading labels, name, and the figures' run."""

    levels: list[str]
    name: str
    tail: str


def _leading_labels(text: str, most: int, settings: Settings) -> tuple[list[str], str]:
    out: list[str] = []
    while len(out) < most:
        label = _known_prefix(text, settings) or _generic_prefix(text)
        if label is None or len(label) >= len(text):
            break
        out.append(label)
        text = text[len(label) :]
    return out, text


def _known_prefix(text: str, settings: Settings) -> str | None:
    for j in range(min(len(text), settings.glued_label_max_chars), 1, -1):
        head = text[:j]
        if L.is_level1(head) or L.is_level2(head):
            return head
    return None


def _generic_prefix(text: str) -> str | None:
    m = _GENERIC_LEVEL.match(text)
    return m.group() if m else None


def cut_row(line: str, levels: int, settings: Settings = DEFAULT) -> RowCut:
    """Leading labels (at most ``levels``), the name, and the trailing figures of a row."""
    text = _fold(line)
    found, rest = _leading_labels(text, levels, settings)
    m = _TAIL.search(rest)
    tail = m.group() if m else ""
    return RowCut(found, rest[: len(rest) - len(tail)], tail)


def figure_readings(tail: str, columns: Sequence[L.Column], settings: Settings = DEFAULT) -> list[dict[L.Column, str]]:
    """Every reading of a row's trailing figures into the figure columns, in their order: each
    run of digits may be several figures (``0.4100.110``: 0.4 | 10 | 0.1 | 10), a row may leave
    columns blank."""
    options = [_token_parts(tok, len(columns)) for tok in _TOKEN.findall(tail)]
    out: list[dict[L.Column, str]] = []
    for combo in itertools.product(*options):
        figures = [f for part in combo for f in part]
        if not figures or len(figures) > len(columns):
            continue
        for places in itertools.combinations(range(len(columns)), len(figures)):
            reading = {columns[p]: f for p, f in zip(places, figures, strict=True)}
            if _plausible(reading, settings):
                out.append(reading)
        if len(out) > settings.glued_readings_max:
            break
    return out


def _token_parts(token: str, most: int) -> list[list[str]]:
    """The ways one run of figures splits into up to ``most`` figures; its sign stays with the first,
    its % or 以上 with the last."""
    m = _PARTS.match(token)
    if m is None:
        return [[token]]
    sign, digits, suffix = m.groups()
    out = []
    for k in range(1, most + 1):
        for parts in arithmetic.cuts(digits, k):
            out.append([sign + parts[0], *parts[1:]] if k > 1 else [sign + parts[0]])
            out[-1][-1] += suffix
    return out or [[token]]


def _plausible(reading: dict[L.Column, str], settings: Settings) -> bool:
    weight, score = reading.get(L.Column.WEIGHT), reading.get(L.Column.SCORE)
    for value in (weight, score):
        if value is not None and not _PLAIN.match(value):
            return False
    if weight is not None and not Decimal(0) < Decimal(weight) <= settings.weight_max:
        return False
    ceiling = Decimal(weight) if weight is not None else settings.weight_max
    return score is None or Decimal(score) <= ceiling  # a score is at most its weight


def choose_readings(
    rows: list[list[dict[L.Column, str]]], total: Decimal | None, settings: Settings = DEFAULT
) -> list[dict[L.Column, str] | None]:
    """One reading per row: the combination whose weights add up to the stated total; a row whose
    readings that combination does not settle is left unread (None)."""
    sizes = [len(r) for r in rows]
    count = 1
    for s in sizes:
        count *= max(s, 1)
    if total is None or count > settings.glued_readings_max or any(s == 0 for s in sizes):
        return [_preferred(r) for r in rows]
    fitting = [
        combo
        for combo in itertools.product(*rows)
        if sum((Decimal(c[L.Column.WEIGHT]) for c in combo if L.Column.WEIGHT in c), Decimal(0)) == total
    ]
    out: list[dict[L.Column, str] | None] = []
    for k in range(len(rows)):
        seen = [c[k] for c in fitting]
        out.append(seen[0] if seen and all(s == seen[0] for s in seen) else None)
    return out


def _preferred(readings: list[dict[L.Column, str]]) -> dict[L.Column, str] | None:
    """The one reading a row's own figures favour, or None when two are as good: a score above
    nought first (a run cut so that a row scores 0 is seldom right), then every column filled
    (blank cells are the exception), then an actual of the target's order of magnitude."""
    if not readings:
        return None
    ranked = sorted(readings, key=_preference, reverse=True)
    if len(ranked) > 1 and _preference(ranked[0]) == _preference(ranked[1]):
        return None
    return ranked[0]


def _preference(reading: dict[L.Column, str]) -> tuple[int, int, int]:
    score = reading.get(L.Column.SCORE)
    positive = int(score is None or Decimal(score) > 0)
    target = _amount(reading.get(L.Column.VALUE) or reading.get(L.Column.TARGET))
    actual = _amount(reading.get(L.Column.ACTUAL))
    alike = int(bool(target and actual and _MAGNITUDE_LOW <= actual / target <= _MAGNITUDE_HIGH))
    return positive, len(reading), alike


_MAGNITUDE_LOW, _MAGNITUDE_HIGH = Decimal("0.1"), Decimal(10)
"""An actual within a tenth and ten times its target is of the target's order of magnitude."""


def _amount(text: str | None) -> Decimal | None:
    m = _PARTS.match(text or "")
    try:
        return Decimal(m.group(2)) if m else None
    except ArithmeticError:
        return None


def shared_endings(names: Sequence[str], settings: Settings = DEFAULT) -> list[str]:
    """For each name, the words it shares as an ending with other rows (a text column's value
    repeated down the table, 达到目标值), or "" when it shares none.  The value is what every row
    sharing an ending with it has in common: two rows alone cannot tell a name's last character
    from the column's first (资金支出率 | 及时发放率 + 达到目标值), a third one can."""
    out = []
    for k, name in enumerate(names):
        common = name
        shared = False
        for j, other in enumerate(names):
            ending = _common_ending(name, other) if j != k else ""
            if len(ending) >= settings.glued_note_min_chars:
                common, shared = _common_ending(common, other), True
        if not shared or len(common) < settings.glued_note_min_chars or len(common) >= len(name):
            common = ""
        out.append(common)
    return _opened_endings(names, out, settings)


def _opened_endings(names: Sequence[str], endings: list[str], settings: Settings) -> list[str]:
    """The endings, and for a name that shares none, a text that opens as the column's values
    shared by other rows open (``达到计划值`` where rows end in ``达到目标值``): the column's texts of
    one table are written alike, so a name running on into one is cut where its opening words
    stand (the last place, a name before it of at least ``glued_note_min_chars``), when the text
    is no longer than the longest shared one and holds no figure."""
    seen = [e for e in endings if e]
    if not seen:
        return endings
    size = settings.glued_note_opening_chars
    openers = {e[:size] for e in seen}
    longest = max(map(len, seen))
    out = list(endings)
    for k, name in enumerate(names):
        if endings[k]:
            continue
        at = max((name.rfind(o) for o in openers), default=-1)
        tail = name[at:]
        if at >= settings.glued_note_min_chars and len(tail) <= longest and not any(map(str.isdigit, tail)):
            out[k] = tail
    return out


def _common_ending(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return a[len(a) - n :]


Piece = tuple[str, int]
"""A cell's text and the grid column of its header cell."""


def glued_grid(lines: Sequence[str], settings: Settings = DEFAULT) -> dict[int, list[Piece]]:
    """The cells, by line index, of every table whose header and rows were run together line by
    line; lines not in the result are read as they are."""
    out: dict[int, list[Piece]] = {}
    k = 0
    while k < len(lines):
        cut = header_cut(lines[k], settings) if lines[k].strip() else None
        rows, stop = _row_lines(lines, k + 1, settings) if cut else ([], k + 1)
        if cut is None or len(rows) < settings.glued_rows_min:
            k += 1
            continue
        out[k] = [(label, col) for col, label in enumerate(cut)]
        out.update(_read_rows(lines, rows, [column_of(c) for c in cut], _total_after(lines, stop, settings), settings))
        k = stop
    return out


def _row_lines(lines: Sequence[str], start: int, settings: Settings) -> tuple[list[int], int]:
    """Indexes of the rows run together after a header, and where they stop."""
    rows: list[int] = []
    k = start
    while k < len(lines) and len(rows) < settings.glued_rows_max:
        text = lines[k].strip()
        if not text:
            k += 1
            continue
        if (
            len(text) > settings.glued_row_max_chars
            or _SEPARATED.search(text)
            or L.key(text) in L.TOTAL
            or L.ends_table(text)
            or not _TAIL.search(_fold(text))
        ):
            break
        rows.append(k)
        k += 1
    return rows, k


def _total_after(lines: Sequence[str], at: int, settings: Settings) -> Decimal | None:
    """The figure of a 总分 line after the rows (on its line or a few lines below)."""
    if at >= len(lines) or L.key(lines[at].strip()) not in L.TOTAL:
        head = _fold(lines[at]) if at < len(lines) else ""
        label = next((t for t in L.TOTAL if head.startswith(t) and _PLAIN.match(head[len(t) :])), None)
        return Decimal(head[len(label) :]) if label else None
    for line in lines[at + 1 : at + 1 + settings.glued_total_reach_lines]:
        text = _fold(line)
        if text:
            return Decimal(text) if _PLAIN.match(text) else None
    return None


def _read_rows(
    lines: Sequence[str],
    rows: list[int],
    columns: list[str | L.Column | None],
    total: Decimal | None,
    settings: Settings,
) -> dict[int, list[Piece]]:
    levels = sum(1 for c in columns[: columns.index(L.Level.NAME)] if c in _LEVELS_ABOVE)
    cuts = [cut_row(lines[k], levels, settings) for k in rows]
    return dict(zip(rows, grid_of(cuts, columns, total, settings), strict=True))


def grid_of(
    cuts: list[RowCut], columns: Sequence[str | L.Column | None], total: Decimal | None, settings: Settings = DEFAULT
) -> list[list[Piece]]:
    """Each row's pieces at the columns of its header: labels, name (a unit or a repeated text
    column cut off its end where the header has one there), the figures as the arithmetic reads
    them (a row it cannot settle gets none)."""
    name_at = columns.index(L.Level.NAME)
    level_cols = [k for k in range(name_at) if columns[k] in _LEVELS_ABOVE]
    figure_cols = [c for c in columns[name_at + 1 :] if isinstance(c, L.Column) and c in _READ_FIGURES]
    first_figure = next((k for k in range(name_at + 1, len(columns)) if columns[k] in _READ_FIGURES), len(columns))
    between = next((k for k in range(name_at + 1, first_figure) if columns[k] in _TEXT_BETWEEN), None)
    unit_at = next((k for k in range(name_at + 1, first_figure) if columns[k] is L.Column.UNIT), None)
    names, units = zip(*[_unit_off(c.name) if unit_at is not None else (c.name, "") for c in cuts], strict=True)
    endings = shared_endings(names, settings) if between is not None else [""] * len(cuts)
    readings = choose_readings([figure_readings(c.tail, figure_cols, settings) for c in cuts], total, settings)
    out: list[list[Piece]] = []
    for cut, name, unit, reading, ending in zip(cuts, names, units, readings, endings, strict=True):
        pieces = _level_pieces(cut.levels, level_cols)
        pieces.append((name[: len(name) - len(ending)] if ending else name, name_at))
        if ending and between is not None:
            pieces.append((ending, between))
        if unit and unit_at is not None:
            pieces.append((unit, unit_at))
        pieces.extend((figure, columns.index(col)) for col, figure in (reading or {}).items())
        out.append(pieces)
    return out


def _unit_off(name: str) -> tuple[str, str]:
    """A name with the unit that ends it cut off (``…面积万亩`` → ``…面积``, ``万亩``)."""
    for n in range(min(_UNIT_MAX_CHARS, len(name) - 1), 0, -1):
        if is_unit(name[-n:]):
            return name[:-n], name[-n:]
    return name, ""


_UNIT_MAX_CHARS = 4
"""A unit written at the end of a name is at most this long (万元/年 is a cell of its own)."""


def _level_pieces(found: list[str], level_cols: list[int]) -> list[Piece]:
    """A row's leading labels at their columns: both when it has both; one alone is the 一级 when
    it names a 一级 only, else the 二级 (the 一级 is merged over several rows)."""
    if len(found) >= len(level_cols):
        return list(zip(found, level_cols, strict=False))
    if not found:
        return []
    label = found[0]
    only_first = L.is_level1(label) and not L.is_level2(label)
    return [(label, level_cols[0] if only_first else level_cols[-1])]


# --- a whole page run together on one line ---------------------------------------------------


def _date_in_text() -> re.Pattern[str]:
    dates = vocabulary().dates
    ranges = "".join(map(re.escape, ["—", *dates.range_marks]))
    return re.compile(rf"(?:19|20)\d{{2}}(?=[{ranges}{re.escape(dates.year)}])|(?<=[{ranges}])(?:19|20)\d{{2}}")


_DATE_IN_TEXT = LazyPattern(_date_in_text)
"""A year inside a name (取得2018-2022监测资料): part of the text, never a figure."""


@dataclass
class Block:
    """An indicator block found inside a line of text run together: the text before it, its
    cells (text as written, grid row, grid column), and the text after it."""

    before: str
    pieces: list[tuple[str, int, int]]
    after: str


def _label_at(view: str, i: int, settings: Settings) -> tuple[str, str | L.Column] | None:
    """The longest header label starting at ``i`` and the column it heads (a plain lookup of the
    reading's text among the labels: this runs at every place of a page run together)."""
    keys = _header_keys()
    longest = min(settings.glued_label_max_chars, max(map(len, keys), default=0))
    for j in range(min(len(view), i + longest), i + 1, -1):
        col = keys.get(view[i:j])
        if col is not None:
            return view[i:j], col
    return None


@lru_cache(maxsize=1)
def _header_keys() -> dict[str, str | L.Column]:
    """Every header label (reduced) and the column it heads; section headings as ``section``."""
    out: dict[str, str | L.Column] = {k: "section" for k in L.SECTION_HEADINGS}
    for k in (*L.LEVEL_HEADERS, *L.INDICATOR_HEADERS):
        col = column_of(k)
        if col is not None:
            out[k] = col
    return out


def find_header(
    view: str, start: int = 0, settings: Settings = DEFAULT
) -> tuple[int, int, list[str | L.Column]] | None:
    """The first run of header labels in a reading view (start, end, their columns) that heads an
    indicator table: a 三级 column and a figure column among at least ``glued_header_min_labels``."""
    i = start
    starts = _label_starts()
    while i < len(view):
        if view[i : i + 2] not in starts:
            i += 1
            continue
        j, cols = i, list[str | L.Column]()
        while (got := _label_at(view, j, settings)) is not None:
            if got[1] != "section" or not cols:
                cols.append(got[1])
            j += len(got[0])
        heads = [c for c in cols if c != "section"]
        figures = {L.Column.VALUE, *_FIGURE_COLUMNS}
        if len(heads) >= settings.glued_header_min_labels and L.Level.NAME in heads and figures & set(heads):
            return i, j, heads
        i = j if j > i else i + 1
    return None


def _row_end(view: str, at: int, settings: Settings) -> bool:
    """Does the block end here: a 总分 line, a table's closing words?"""
    head = view[at : at + settings.glued_label_max_chars]
    starts = (*L.TOTAL, *L.SECTION_HEADINGS)  # a 总分 line, or the heading of the next block
    return any(head.startswith(t) for t in starts) or L.ends_table(head[: settings.glued_end_chars])


def _figure_run(view: str, at: int, stop: int) -> re.Match[str] | None:
    """The first run of figures from ``at`` (before ``stop``) that is not a year inside the text."""
    for m in _RUN.finditer(view, at, stop):
        if _DATE_IN_TEXT.match(view, m.start()) is None:
            return m
    return None


_RUN = LazyPattern(lambda: re.compile(f"(?:{_figure()})+"))


def long_rows(
    view: str, at: int, stop: int, levels: int, settings: Settings = DEFAULT
) -> tuple[list[tuple[int, RowCut]], int]:
    """Rows cut from a reading view after its header, up to ``stop`` (the next header): each row's
    labels (the last ``levels`` of those before it: a label line with no row of its own is passed
    over), name and figures, with where the row starts; and where the rows end."""
    rows: list[tuple[int, RowCut]] = []
    while at < stop and len(rows) < settings.glued_rows_max and not _row_end(view, at, settings):
        reach = min(stop, at + (2 * levels + 3) * settings.glued_label_max_chars)  # labels are short: look no further
        found, _rest = _leading_labels(view[at:reach], 2 * levels + 2, settings)
        start = at + sum(len(f) for f in found)
        m = _figure_run(view, start, stop)
        if m is None or m.start() == start or _row_end(view, start, settings):
            break
        rows.append((at, RowCut(found[-levels:] if levels else [], view[start : m.start()], m.group())))
        at = m.end()
    return rows, at


def glued_block(line: str, settings: Settings = DEFAULT) -> Block | None:
    """The first indicator block inside a line run together: its header cut by the labels, its
    rows by their labels and figure runs (up to a 总分, closing words or the next header)."""
    text = unicodedata.normalize("NFKC", line)
    view, index = reading_with_map(text)
    found = find_header(view, 0, settings)
    if found is None:
        return None
    start, end, columns = found
    nxt = find_header(view, end, settings)
    levels = sum(1 for c in columns[: columns.index(L.Level.NAME)] if c in _LEVELS_ABOVE)
    rows, stop = long_rows(view, end, nxt[0] if nxt else len(view), levels, settings)
    if len(rows) < settings.glued_rows_min:
        return None
    cuts = [_as_written(text, index, view, at, cut) for at, cut in rows]
    grid = grid_of(cuts, columns, None, settings)
    figure_at = {k for k, c in enumerate(columns) if c in _READ_FIGURES}
    if any(len({c for _t, c in pieces} & figure_at) < len(figure_at) for pieces in grid):
        return None  # a row whose figures do not fill its columns (a target in words): not read this way
    header = [(label, 0, k) for k, label in enumerate(_header_texts(text, index, view, start, end, settings))]
    body = [(t, r, c) for r, pieces in enumerate(grid, start=1) for t, c in pieces]
    a = index[start] if start < len(index) else len(text)
    z = index[stop] if stop < len(index) else len(text)
    return Block(text[:a], header + body, text[z:])


def _header_texts(text: str, index: list[int], view: str, start: int, end: int, settings: Settings) -> list[str]:
    spans, at = [], start
    while at < end and (got := _label_at(view, at, settings)) is not None:
        if got[1] != "section":
            spans.append((at, at + len(got[0])))
        at += len(got[0])
    return cut_as_written(text, index, spans)


def _as_written(text: str, index: list[int], view: str, at: int, cut: RowCut) -> RowCut:
    """A row cut on the reading view, its labels and name as the text writes them."""
    skipped = 0
    while not view.startswith("".join(cut.levels), at + skipped):
        skipped += 1
    spans, pos = [], at + skipped
    for label in cut.levels:
        spans.append((pos, pos + len(label)))
        pos += len(label)
    spans.append((pos, pos + len(cut.name)))
    pieces = cut_as_written(text, index, spans)
    return RowCut(pieces[:-1], pieces[-1], cut.tail)
