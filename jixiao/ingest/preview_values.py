"""Where a preview's indicator rows end when they carry no weight and score to end them.

A target form (绩效目标申报表), a transfer region form without 分值/得分, or a scored form's
sub-rows (``其中…``) run together as ``name target [actual]`` with nothing after: the weight and
score ``ingest.preview.row_ends`` cuts at are not there.  Such a row ends after its values,
where the next row's words begin, and the table's own shape says which values those are:

* a target and an actual run together (``1.5亩1.5亩``, ``95%98%``) end a row wherever they
  stand: two values in a row are the row's two figure cells;
* where no row of the table holds two values (a target form), each value written with its unit
  or per cent (``280人次``, ``70%``, ``2023年12月``) ends a row, unless the words after it reach
  the next level label or the 总分 without a value of their own (``12月|底到位``: the words are
  the value's own, not a row), and a 一级 or 二级 label (``质量指标``) opens a row of its own.

A figure with a unit inside a name (``补助标准为500元的人数``) cannot be told from a row's end by
the text alone; the rows cut so are read, then vouched for by ``preview_check``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from jixiao.ingest import labels as L
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.model.values import is_unit
from jixiao.model.vocabulary import LazyPattern, vocabulary

_FIGURE = re.compile(r"[≥≤><=≧≦]*\d[\d.]*")
_BARE = re.compile(r"\d[\d.]*")
_PER_CENT = "%‰"
_YEAR_DIGITS = 4
_DATE = LazyPattern(lambda: re.compile(vocabulary().dates.pattern))
_OPENS_ROW = re.compile(r"[\u4e00-\u9fff“\"'‘(（《★☆]")
"""A row's words begin: a Han character, a quote or bracket, or a key indicator's star (★)."""


@dataclass(frozen=True)
class Run:
    """Values run together from ``start`` to ``end``: ``values`` with a unit or per cent up to
    ``last``, then bare figures (a weight and a score)."""

    start: int
    end: int
    values: int
    last: int


def unit_length(text: str, at: int, settings: Settings = DEFAULT) -> int:
    """The length of the unit of measure written at ``at`` (``人次``, ``元/人·月``), 0 when none is:
    the longest one, each part of a rate a unit itself (``元/人``, not ``元/人给补``)."""
    for n in range(settings.preview_unit_max_chars, 0, -1):
        word = text[at : at + n]
        if len(word) == n and is_unit(word) and all(is_unit(p) for p in word.split("/") if p):
            return n
    return 0


def value_end(text: str, at: int, settings: Settings = DEFAULT) -> int | None:
    """Where the value beginning at ``at`` ends: a date (``2021年1月-12月``), a figure with its per
    cent or its unit (``>=21933人``, ``95%``); None when no figure begins there or it is bare."""
    date = _DATE.match(text, at)
    if date is not None:
        return date.end()
    m = _FIGURE.match(text, at)
    if m is None:
        return None
    if text[m.end() : m.end() + 1] and text[m.end()] in _PER_CENT:
        return m.end() + 1
    unit = unit_length(text, m.end(), settings)
    if text.startswith(vocabulary().dates.year, m.end()) and len(m.group()) > _YEAR_DIGITS:
        return None  # a weight and score run into a year (``80%54|2021年``): no count of years
    return m.end() + unit if unit else None


def _unit(value: str) -> str:
    """What a value is written in, its figures left out (``%``, ``亩``, ``年月日``)."""
    return "".join(ch for ch in _FIGURE.sub("", value, count=1) if not ch.isdigit())


def value_runs(rows: str, settings: Settings = DEFAULT) -> list[Run]:
    """The runs of values in ``rows`` (places in it) that words follow: each value with a unit
    or per cent, the next beginning where it ends in the same unit (a target and its actual),
    then any bare figures (``29.5亩29.5亩2020``; ``95%100%1010|家长…``: 家 is no actual's unit)."""
    runs: list[Run] = []
    at = 0
    for m in _FIGURE.finditer(rows):
        if m.start() < at:
            continue
        end, values, unit = m.start(), 0, None
        while (nxt := value_end(rows, end, settings)) is not None and unit in (None, _unit(rows[end:nxt])):
            end, values, unit = nxt, values + 1, _unit(rows[end:nxt])
        if values == 0:
            twin = twin_text(rows, m.start(), settings)
            if twin is None or not (bare := _BARE.match(rows, m.start())) or not _OPENS_ROW.match(rows, bare.end()):
                continue
            runs.append(Run(m.start() - 2 * twin, bare.end(), 2, m.start()))
            at = bare.end()
            continue
        last = end
        bare = _BARE.match(rows, end)
        end = bare.end() if bare is not None else end
        at = end
        if _OPENS_ROW.match(rows, end):
            runs.append(Run(m.start(), end, values, last))
    return runs


_WORD = re.compile(r"[\u4e00-\u9fff]+")


def twin_text(rows: str, at: int, settings: Settings = DEFAULT) -> int | None:
    """The length of a text written twice just before ``at`` (``已完成已完成``: a target and an
    actual alike), the shortest such, the first not the end of a label; None when none is."""
    least, most = settings.preview_twin_text_chars
    for n in range(least, most + 1):
        if at - 2 * n < 0:
            return None
        word = rows[at - n : at]
        if rows[at - 2 * n : at - n] == word and _WORD.fullmatch(word) and not _label_ends(rows, at - n):
            return n
    return None


def _label_ends(rows: str, at: int) -> bool:
    """A 一级 or 二级 label ends at ``at`` (``数量指标|指标1``: a label and a row's number, no twin)."""
    return any(L.is_level1(rows[k:at]) or L.is_level2(rows[k:at]) for k in range(max(0, at - 12), at - 1))


def level_starts(rows: str, level_at: Callable[[str, int], int]) -> list[int]:
    """Where a 一级 or 二级 label opens a row (``level_at`` the length of the one at a place):
    not at the very start, nor straight after another label (``满意度指标满意度指标``)."""
    out: list[int] = []
    k, after_label = 0, True
    while k < len(rows):
        n = level_at(rows, k)
        if n and not _is_label(rows, k, n):
            n = 0
        if n == 0:
            k, after_label = k + 1, False
            continue
        if not after_label:
            out.append(k)
        k, after_label = k + n, True
    return out


_POINTS_OPEN = re.compile(r"[(（]")


def _is_label(rows: str, at: int, n: int) -> bool:
    """A level label as it opens a row: no figure in its words (its points in brackets aside) nor
    straight after it (``满意度100%`` is a name and its value, not the label 满意度)."""
    words = _POINTS_OPEN.split(rows[at : at + n], maxsplit=1)[0]
    return not any(map(str.isdigit, words)) and _FIGURE.match(rows, at + n) is None


@lru_cache(maxsize=1)
def _totals() -> tuple[str, ...]:
    return tuple(sorted(L.TOTAL, key=len, reverse=True))


def total_start(rows: str) -> int | None:
    """Where the 总分 line begins: the last place a total label stands."""
    places = [rows.rfind(t) for t in _totals()]
    found = [p for p in places if p > 0]
    return max(found) if found else None


def value_ends(
    rows: str, runs: list[Run], level_at: Callable[[str, int], int], settings: Settings = DEFAULT
) -> list[int]:
    """Where rows of one value each end (places in ``rows``; no row holds two values run
    together): after each value whose following words hold a value of their own before the next
    label or the 总分, and before each level label and the 总分 (a bare figure before one is a
    value too: ``开设课程数量220|质量指标``)."""
    labels = level_starts(rows, level_at)
    total = total_start(rows)
    bounds = {*labels, *([total] if total is not None else [])}
    stops = sorted({*bounds, len(rows)})
    singles = sorted({*(r.end for r in runs), *(b for b in bounds if rows[b - 1].isdigit())})
    kept = [r.end for r in runs if _words_hold_value(r.end, singles, stops) and _ends_row(rows, r, settings)]
    return sorted({*kept, *bounds})


def _ends_row(rows: str, run: Run, settings: Settings) -> bool:
    """A single value followed by words ends its row only where the value reads as a row's target
    by itself: a per cent or a bound written before it (``70%``, ``≥95%``), the unit its name
    ends with (``培训人次280人次``: the row names what it counts), or a name ending in what a
    value measures (``领取人数326人``, not a date).  A figure inside a name (``缴费超过15年的人数``,
    ``档次为100元的人数``) is none of these."""
    head = rows[run.start : run.last]
    if head[-1] in _PER_CENT or not head[0].isdigit():
        return True
    if _DATE.match(head) is None and rows[: run.start].endswith(tuple(L.MEASURE_ENDINGS)):
        return True  # the name says what the value measures (领取人数|326人)
    figure = _FIGURE.match(rows, run.start)
    unit = rows[figure.end() : run.last] if figure is not None else ""
    return bool(unit) and rows[: run.start].endswith(unit[-1])


def _words_hold_value(end: int, singles: list[int], stops: list[int]) -> bool:
    """The words after a single value reach the next value before the next label or 总分 (they
    are a row's name), or a label or the 总分 stands straight after it."""
    stop = next(s for s in stops if s >= end)
    return stop == end or any(end < e <= stop for e in singles)
