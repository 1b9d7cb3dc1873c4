"""A document site's preview: the whole form run together on one line (its numbered chunks joined
back by ``normalise.join_page_markers``), cut back into the form's rows before it is read.

A preview keeps no boundary at all — ``项目名称某项目主管部门某局实施单位某中心项目资金(万元)…`` —
but the form's rows can be found again:

* the top of the form is made of rows each opened by a label of its own (项目名称, 主管部门,
  实施单位, 项目资金, 年度资金总额, 其中:当年财政拨款, 上年结转资金, 其他资金, 年度总体目标): the
  line is cut in front of the first place each of those labels stands, and after the goals'
  header (年度总体目标 预期目标 实际完成情况);
* the indicator header is cut off by its known labels (``glued_rows.find_header``);
* an indicator row ends with its weight and score, bare figures run together (``…=20个20个55``)
  followed by the next row's words: the rows are cut there.  A figure followed by a unit
  (``300万元``, ``2021年``) or inside a range (``2018-2022``) ends no row; a note after the
  figures (``48.60原计划采购200台,实际到货180台。``) stays with its row up to its full stop.

The lines are then read as a table run together line by line (``unglue``), as a glued page is.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache, partial

from jixiao.ingest import labels as L
from jixiao.ingest.glued_rows import find_header, glued_block
from jixiao.ingest.normalise import is_glued, join_page_markers, without_letter_spacing, without_script_gaps
from jixiao.ingest.preview_values import level_starts, value_ends, value_runs
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.model.values import is_unit
from jixiao.model.vocabulary import vocabulary


@lru_cache(maxsize=1)
def _row_labels() -> tuple[tuple[str, ...], ...]:
    """The labels opening a row of the form's top, by group (a group's first place is its row);
    the goals' heading last."""
    fields = (L.PROJECT_NAME, L.DEPARTMENT, L.IMPLEMENTING_UNIT, L.PROJECT_ATTRIBUTE, L.PROJECT_PERIOD)
    sources: dict[str, set[str]] = {}
    for label, source in L.FUND_SOURCES.items():
        sources.setdefault(source, set()).add(label)
    groups = [*fields, set(L.LABEL_PREFIXES), L.FUND_TOTAL, *sources.values(), L.GOAL_OVERALL]
    return tuple(tuple(sorted(g, key=len, reverse=True)) for g in groups)


_FIELD_GROUPS = 5
"""The first groups are the fields' (项目名称 … 项目期): their labels follow the value before them."""


@lru_cache(maxsize=4)
def _pattern(shortest: int) -> re.Pattern[str]:
    words = sorted({w for g in _row_labels() for w in g if len(w) >= shortest}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)) if words else "(?!)")


@lru_cache(maxsize=1)
def _goal_heads() -> re.Pattern[str]:
    words = sorted({*L.GOAL_EXPECTED, *L.GOAL_ACTUAL}, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, words)) + ")+")


def _group(label: str) -> int:
    return next(k for k, g in enumerate(_row_labels()) if label in g)


def _view(text: str) -> tuple[str, list[int]]:
    """The text without white space (``项 目 名 称``), and where each of its characters stands."""
    index = [k for k, ch in enumerate(text) if not ch.isspace()]
    return "".join(text[k] for k in index), index


def row_cuts(top: str, settings: Settings = DEFAULT) -> list[int]:
    """Where the rows of a form's top run together begin (places in ``top``, a view without
    spaces): in front of the first place each row label stands (a label met again is text), up
    to the goals' heading, and after that heading's column labels (the goals' texts hold any words)."""
    cuts: list[int] = []
    seen: set[int] = set()
    last = len(_row_labels()) - 1
    for m in _pattern(settings.preview_label_min_chars).finditer(top):
        group = _group(m.group())
        if group in seen:
            continue
        named = group < _FIELD_GROUPS  # a field's label follows a value (the one before it)
        cuts.append(_shortest(top, m.start(), m.end(), _row_labels()[group], settings) if named else m.start())
        seen.add(group)
        if group == last:
            heads = _goal_heads().match(top, m.end())
            if heads is not None and heads.end() < len(top):
                cuts.append(heads.end())
            break
    return cuts


def _shortest(top: str, start: int, end: int, group: tuple[str, ...], settings: Settings) -> int:
    """Where the shortest label of the group ending where this one ends begins: the words before
    it belong to the value before (``某设备购置项目|主管部门``, not ``…购置|项目主管部门``)."""
    latest = end - settings.preview_label_min_chars
    return next((k for k in range(latest, start, -1) if top[k:end] in group), start)


_BARE_RUN = re.compile(r"\d[\d.]*")
_DASHES = "\u2014"
"""A dash set as a range mark by some editors, beside the vocabulary's own marks."""


def _is_range_mark(char: str) -> bool:
    """Whether ``char`` joins a range's two ends (1-3, 11—12月): the figure before goes on with it."""
    return char in _DASHES or char in vocabulary().dates.range_marks


_OPENS_WORDS = re.compile(r"[\u4e00-\u9fff“\"'‘(（《]")


def row_ends(rows: str, settings: Settings = DEFAULT) -> list[int]:
    """Where the indicator rows run together end (places in ``rows``): after a run of bare figures
    of at least two digits (a weight and its score) that the next row's words follow, unless it
    is a value (a unit and a figure follow it, or a unit follows it and no value ends before it)
    or closes a range; a note after the figures is kept with its row up to its full stop."""
    ends = [e for m in _BARE_RUN.finditer(rows) if (e := _row_end(rows, m, settings)) is not None]
    return _after_notes(rows, ends, settings)


def _after_notes(rows: str, ends: list[int], settings: Settings) -> list[int]:
    """The row ends, each moved past the note that follows it (``_after_note``)."""
    return [_after_note(rows, e, nxt, settings) for e, nxt in zip(ends, [*ends[1:], len(rows)], strict=False)]


def indicator_ends(rows: str, columns: list[str | L.Column], settings: Settings = DEFAULT) -> list[int]:
    """Where the indicator rows run together end.  Where the header ends with the weight and the
    score and some row's figures follow a value (``row_ends``; none inside a value: ``280|人次``),
    after those and after each target and actual run together (a sub-row, ``其中…1.5亩1.5亩``);
    after the bare figures alone where they end as many rows as values do (``1001001010``);
    else, no row scored, after the values as the table's shape allows (``value_ends``)."""
    runs = value_runs(rows, settings)
    found = [(m, e) for m in _BARE_RUN.finditer(rows) if (e := _row_end(rows, m, settings)) is not None]
    found = [(m, e) for m, e in found if not any(r.start < e < r.last for r in runs)] if scored_last(columns) else []
    pairs = [r.end for r in runs if r.values >= 2]
    pairs = [p for p in pairs if not any(m.start() < p <= m.end() for m, _e in found)]  # the run's own end
    if any(_after_value(rows, m.start(), settings) for m, _e in found):
        return _after_notes(rows, sorted({*(e for _m, e in found), *pairs}), settings)
    if found and len(found) >= len(runs):
        return _after_notes(rows, [e for _m, e in found], settings)  # rows of bare figures (1001001010)
    if pairs:  # and before each level label (a row of bare figures ends there: …1472615935|质量指标)
        labels = level_starts(rows, partial(_level_at, settings=settings))
        return _after_notes(rows, sorted({*pairs, *labels}), settings)
    return value_ends(rows, runs, partial(_level_at, settings=settings), settings)


def _row_end(rows: str, m: re.Match[str], settings: Settings) -> int | None:
    """Where the row ends in or after this run of figures, None when it ends no row."""
    before = _before_year(rows, m, settings)
    if before is not None:
        return before
    if not _ends_row(rows, m, settings):
        return None
    if not _after_figured_value(rows, m.start(), settings):
        return m.end()  # bare figures may hold a target and an actual too (…满意度10010010100)
    return m.start() + _scored_part(m.group(), settings.preview_full_marks)


def _after_figured_value(rows: str, start: int, settings: Settings) -> bool:
    """The figures follow a value written with its figure: a per cent, or a unit (bare or in
    brackets) just after a figure (``…12月|88``, ``30(万元/年)|88``), not a word of a name ending
    in a unit's character (``满意度``)."""
    if start > 0 and rows[start - 1] in "%‰":
        return True
    head = rows[:start]
    if head.endswith((")", "）")):
        opened = max(head.rfind("("), head.rfind("（"))
        return opened > 0 and is_unit(head[opened + 1 : -1]) and head[opened - 1].isdigit()
    most = settings.preview_unit_max_chars
    return any(is_unit(head[-n:]) and head[-n - 1 : -n].isdigit() for n in range(1, min(most, len(head) - 1) + 1))


def _scored_part(run: str, full: Decimal) -> int:
    """How much of a run of bare figures ending a row after its values is its weight and score: all of it where it
    reads as a weight and a score at most that weight; else, where it opens with one figure written
    twice (``88|12333``: 分值 8, 得分 8), that pair, the rest opening the next row's name
    (``12333热线…``); else all of it (nothing tells where it ends)."""
    if any(_weight_and_score(run[:k], run[k:], full) for k in range(1, len(run))):
        return len(run)
    twice = next((k for k in range(1, len(run) // 2 + 1) if run[:k] == run[k : 2 * k]), None)
    if twice is not None and 2 * twice < len(run) and _weight_and_score(run[:twice], run[twice : 2 * twice], full):
        return 2 * twice
    return len(run)


def _weight_and_score(weight: str, score: str, full: Decimal) -> bool:
    """Two figures read as a row's weight and its score: each a plain number (no leading nought
    but ``0`` and ``0.5``), the score at most the weight, the weight at most the full marks."""
    if not all(_PLAIN.fullmatch(t) for t in (weight, score)):
        return False
    return Decimal(score) <= Decimal(weight) <= full


_PLAIN = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")


_YEAR_FIGURES = re.compile(r"(?:19|20)\d{2}")
_YEAR_DIGITS = 4


def _before_year(rows: str, m: re.Match[str], settings: Settings) -> int | None:
    """A weight and score run into the year that opens the next row's name (``…1944人1010|2023至
    2024年退休人员``, ``…8台55|2022年…``): the row ends before the year, when the run follows a
    value's ending and the year is followed by its mark or a range going on to a figure."""
    run, end = m.group(), m.end()
    year = run[-_YEAR_DIGITS:]
    if len(run) - _YEAR_DIGITS < 2 or "." in year or not _YEAR_FIGURES.fullmatch(year):
        return None
    after = rows[end : end + 1]
    dated = after == vocabulary().dates.year or (_is_range_mark(after) and rows[end + 1 : end + 2].isdigit())
    if not dated or not _after_value(rows, m.start(), settings):
        return None
    return end - _YEAR_DIGITS


def _ends_row(rows: str, m: re.Match[str], settings: Settings) -> bool:
    end = m.end()
    if len(m.group().replace(".", "")) < 2 or end >= len(rows) or not _OPENS_WORDS.match(rows, end):
        return False
    if m.start() > 0 and _is_range_mark(rows[m.start() - 1]):
        return False
    if _inside_date(rows, m.start(), end):
        return False  # the month or day of a date (2019年12月): its mark follows
    if _after_label(rows, m.start(), settings):
        return False  # a name opening with figures (数量指标|12333热线…): no weight before a name
    if _per_unit_value(rows, end):
        return False  # a value written per unit follows (每亩300|每亩300…): the actual, no name
    unit = _unit_after(rows, end, settings)
    if unit == 0:
        return True
    return _OPENS_WORDS.match(rows, end + unit) is not None and _after_value(rows, m.start(), settings)


def _after_label(rows: str, start: int, settings: Settings) -> bool:
    """A 一级 or 二级 label ends just before ``start``: the figures open the row's name."""
    longest = L.longest_level_label() + settings.preview_label_points_max_chars
    places = range(max(0, start - longest), start - _least_label(settings) + 1)
    return any(_level_at(rows, k, settings) == start - k for k in places)


def _per_unit_value(rows: str, at: int) -> bool:
    """A value written per unit before its figure begins here (``每亩300``, ``每人次50``)."""
    prefix = next((p for p in L.PER_UNIT_PREFIXES if rows.startswith(p, at)), None)
    if prefix is None:
        return False
    unit = at + len(prefix)
    return any(is_unit(rows[unit : unit + n]) and rows[unit + n : unit + n + 1].isdigit() for n in (1, 2))


def _inside_date(rows: str, start: int, end: int) -> bool:
    """The figures ``rows[start:end]`` are part of a date that goes on after them (``2019年12月``):
    a year's mark stands just before them and a date's mark just after."""
    dates = vocabulary().dates
    return rows[start - 1 : start] == dates.year and rows[end : end + 1] in dates.marks


def _unit_after(rows: str, end: int, settings: Settings) -> int:
    """The length of the unit that follows the figures (``300万元``), 0 when none does or the
    next row's level label stands there."""
    if L.is_level1(rows[end:]) or L.is_level2(rows[end:]):
        return 0
    bracketed = _bracketed(settings.bracketed_unit_max_chars).match(rows, end)
    if bracketed is not None and is_unit(bracketed.group(1)):
        return bracketed.end() - end  # a unit in brackets (1440(元/人/年))
    for n in range(settings.preview_unit_max_chars, 0, -1):
        if is_unit(rows[end : end + n]):
            return n
    if rows.startswith(vocabulary().points.word, end):
        return 1  # a label's points (产出指标(50分))
    return 1 if rows[end] in vocabulary().figures.magnitudes else 0


@lru_cache(maxsize=4)
def _bracketed(max_chars: int) -> re.Pattern[str]:
    """Text of at most ``max_chars`` characters in brackets."""
    return re.compile(rf"[(（]([^()（）]{{1,{max_chars}}})[)）]")


def _after_value(rows: str, start: int, settings: Settings) -> bool:
    """The figures follow a value's ending (a unit, a per cent: ``…20个|55``, ``…100%|55``): they
    are a weight and score after the actual, not a number inside a name (``为500元的``)."""
    if start == 0:
        return False
    if rows[start - 1] in "%‰":
        return True
    return any(is_unit(rows[max(0, start - n) : start]) for n in range(1, settings.preview_unit_max_chars + 1))


def _after_note(rows: str, end: int, nxt: int, settings: Settings) -> int:
    """A row's end moved past a note that follows its figures: up to the next row's level label
    when one opens a row in between, else past the note's last full stop before the next row
    (``原计划采购200台,实际到货180台。``)."""
    if _level_at(rows, end, settings) > 0:
        return end  # the next row opens with its level label: no note in between
    label = next((k for k in range(end + 1, nxt) if _opens_level(rows, k, settings)), None)
    if label is not None:
        return label
    stop = next((k for k in range(nxt - 1, end - 1, -1) if rows[k] in _NOTE_STOPS), None)
    return stop + 1 if stop is not None and stop + 1 < nxt else end


def _opens_level(rows: str, at: int, settings: Settings) -> bool:
    """A level label opening a row inside the words after a row's figures: a 二级, or a 一级 with
    its 二级 after it (a new 一级 opens a new 二级); a 一级 alone is a word of the note
    (``所以该效益指标未达到100%``)."""
    n = _level_at(rows, at, settings)
    return n > 0 and (L.is_level2(rows[at : at + n]) or _level_at(rows, at + n, settings) > 0)


def _level_at(rows: str, at: int, settings: Settings) -> int:
    """The length of the longest known 一级 or 二级 label beginning here, 0 when none does: tried
    from the vocabulary's longest label with its points (``服务对象满意度指标(10分)``) down to
    ``preview_label_min_chars``, or ``preview_ended_label_min_chars`` for a label written with its
    level's ending (``产出值``, ``成本值``: not ``满意度`` nor ``产出``, words of a name)."""
    longest = L.longest_level_label() + settings.preview_label_points_max_chars
    for n in range(longest, _least_label(settings) - 1, -1):
        word = rows[at : at + n]
        if n < settings.preview_label_min_chars and not word.endswith(L.LEVEL_ENDINGS):
            continue
        if L.is_level1(word) or L.is_level2(word):
            return n
    return 0


def _least_label(settings: Settings) -> int:
    """The shortest level label looked for (one written with its level's ending, or any)."""
    return min(settings.preview_label_min_chars, settings.preview_ended_label_min_chars)


_NOTE_STOPS = "。；;!！"


def scored_last(columns: list[str | L.Column]) -> bool:
    """The header's figure columns end with the weight and the score (a row ends with them)."""
    figures = [c for c in columns if c in _FIGURES]
    return figures[-2:] == [L.Column.WEIGHT, L.Column.SCORE]


_FIGURES = (L.Column.TARGET, L.Column.VALUE, L.Column.ACTUAL, L.Column.WEIGHT, L.Column.SCORE)


def _run_together(line: str, settings: Settings) -> bool:
    """No cell separators, and hardly a space (a preview keeps the spaces inside its texts and
    labels: ``项 目 名 称`` counts none)."""
    chunk = replace(
        settings,
        glued_min_length=settings.preview_min_chars - 1,
        glued_chars_per_space=settings.page_chunk_chars_per_space,
    )
    return is_glued(without_letter_spacing(without_script_gaps(line)), chunk)


@dataclass
class _Page:
    text: str
    view: str
    index: list[int]
    header: tuple[int, int, list[str | L.Column]]
    top: list[int]


def _page(line: str, settings: Settings) -> _Page | None:
    if len(line) < settings.preview_min_chars or not _run_together(line, settings):
        return None
    if glued_block(line, settings) is not None:
        return None  # its indicator rows read by the header's columns as it stands
    text = unicodedata.normalize("NFKC", line)
    view, index = _view(text)
    found = find_header(view, 0, settings)
    if found is None:
        return None
    top = row_cuts(view[: found[0]], settings)
    return _Page(text, view, index, found, top) if len(top) >= settings.preview_rows_min else None


def cut_page(line: str, settings: Settings = DEFAULT) -> list[str] | None:
    """A whole form run together cut back into its rows, or None when the line is none (too short,
    not run together, no indicator header, fewer than ``preview_rows_min`` top rows before it) or
    its header puts a weight or score elsewhere than at a row's end."""
    page = _page(line, settings)
    if page is None:
        return None
    start, end, columns = page.header
    if not scored_last(columns) and any(c in (L.Column.WEIGHT, L.Column.SCORE) for c in columns):
        return None  # weights and scores stand elsewhere than at a row's end: read as it stands
    rows = indicator_ends(page.view[end:], columns, settings)
    cuts = [0, *page.top, start, end, *(end + k for k in rows), len(page.view)]
    places = sorted({page.index[c] if c < len(page.index) else len(page.text) for c in cuts})
    return [p for p in (page.text[a:b].strip() for a, b in itertools.pairwise(places)) if p]


def cut_placed(lines: list[str], settings: Settings = DEFAULT) -> tuple[list[str], list[tuple[int, bool]]]:
    """The lines, each whole form run together cut back into its rows, and for each line out the
    (0-based) line it came from and whether it was cut from a page (its rows to be checked)."""
    out: list[str] = []
    origins: list[tuple[int, bool]] = []
    for k, line in enumerate(lines):
        cut = cut_page(line, settings)
        out.extend([line] if cut is None else cut)
        origins.extend([(k, cut is not None)] * (1 if cut is None else len(cut)))
    return out, origins


def chunked(lines: list[str], joined: list[str]) -> bool:
    """Lines joined back by ``normalise.join_page_markers`` were a preview's chunks: some were
    joined, or a lone first chunk lost its page number (``1、…``, a form short enough for one)."""
    return len(joined) < len(lines) or joined != lines


def is_preview(lines: list[str], settings: Settings = DEFAULT) -> bool:
    """Chunks of a page run together, numbered (``1、…``, ``2、…``), one of them a whole form."""
    joined = join_page_markers(lines, settings)
    return chunked(lines, joined) and any(cut_page(line, settings) is not None for line in joined)


def cut_whole_pages(lines: list[str], settings: Settings = DEFAULT) -> list[str]:
    """The lines, each whole form run together cut back into its rows."""
    out: list[str] = []
    for line in lines:
        cut = cut_page(line, settings)
        out.extend([line] if cut is None else cut)
    return out
