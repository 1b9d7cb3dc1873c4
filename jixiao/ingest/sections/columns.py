"""Values matched to the indicator header's columns by what they look like (a weight is a plain
number, a unit a short word): the best-scoring match of a handful of cells."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from jixiao.ingest import labels as L
from jixiao.ingest.settings import DEFAULT
from jixiao.ingest.shapes import PLAIN_NUMBER, RATE, SIGN, looks_like_method, value_like
from jixiao.model.values import is_unit, number_refusal, parse_decimal
from jixiao.model.vocabulary import is_dash


def clear_caches() -> None:
    """Forget what was worked out from the label sets (the active layouts changed)."""
    fit.cache_clear()
    _aligned.cache_clear()
    _match.cache_clear()
    aligns.cache_clear()


_ASIDE = re.compile(r"[(（][^()（）]{1,8}[)）]$")
"""A short remark in brackets after a unit (万人(预估), 人(含退休))."""


def unit_like(text: str) -> bool:
    """A 度量单位 cell: a unit, or a unit with a short remark in brackets after it (万人(预估)) or a
    word that bounds the figure (天内, 人以上)."""
    if is_unit(text):
        return True
    bare = _ASIDE.sub("", text.strip())
    bound = next((w for w in L.VALUE_BOUNDS if bare.endswith(w) and len(bare) > len(w)), "")
    unit = bare[: len(bare) - len(bound)]
    return (bound != "" or unit != text.strip()) and is_unit(unit)


def _is_nature(text: str) -> bool:
    """A 指标性质 cell: a comparison sign or one of the layouts' nature words (正向, 定性)."""
    words: set[str] = L.NATURE_WORDS
    return bool(SIGN.fullmatch(text)) or text in words


# A figure written as no table holds one (1e400, NaN, inf): still a figure for the columns, so it
# stays in its column, is left empty there and becomes a doubt (sections/refused).
_REFUSED_SHAPE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?[eE][+-]?\d+|nan|inf(?:inity)?)", re.IGNORECASE)


def _points(text: str) -> bool:
    """A weight or a score: a plain number no larger than a table's points (a count of 2689 is a
    target, never a weight), or a figure the value parser refuses (20 digits, ``1e400``)."""
    s = text.replace(" ", "")
    if not PLAIN_NUMBER.match(s):
        return bool(_REFUSED_SHAPE.fullmatch(s)) and number_refusal(s) is not None
    d = parse_decimal(s)
    return d <= DEFAULT.points_max if d is not None else number_refusal(s) is not None


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


_ALLOWED: dict[L.Column, Callable[[str], bool]] = {
    L.Column.WEIGHT: lambda t: _points(t) or bool(RATE.match(t.replace(" ", ""))),
    L.Column.SCORE: _points,
    L.Column.NATURE: lambda t: _is_nature(t.replace(" ", "")),
    L.Column.UNIT: unit_like,
    L.Column.NOTE: lambda t: not PLAIN_NUMBER.match(t.replace(" ", "")),
    L.Column.REMARK: lambda t: not PLAIN_NUMBER.match(t.replace(" ", "")),
    L.Column.REVIEW_COMMENT: lambda t: not PLAIN_NUMBER.match(t.replace(" ", "")),
    L.Column.METHOD: looks_like_method,
    L.Column.PROGRESS: lambda t: bool(RATE.match(t.replace(" ", ""))),
    L.Column.RECHECK: _points,
    L.Column.BASIS: lambda t: is_dash(t) or not value_like(t),  # 指标解释 explains: never a target or figure
    L.Column.SKIP: lambda t: len(t) <= 40 and (" " not in t.strip() or not _has_cjk(t)),  # a code wraps in its cell
}
_SCORE = {
    L.Column.WEIGHT: 3,
    L.Column.SCORE: 3,
    L.Column.NATURE: 3,
    L.Column.UNIT: 2,
    L.Column.PROGRESS: 3,
    L.Column.METHOD: 2,
    L.Column.RECHECK: 3,
}


@lru_cache(maxsize=65_536)
def fit(col: L.Column, text: str) -> int | None:
    allowed = _ALLOWED.get(col)
    if allowed is not None and not allowed(text):
        return None
    if col is L.Column.WEIGHT and RATE.match(text.replace(" ", "")):
        return 1  # a weight written as 20% is possible, a target of 100% far likelier
    if col in _SCORE:
        return _SCORE[col]
    if col in (L.Column.NOTE, L.Column.REMARK, L.Column.REVIEW_COMMENT):
        return 1
    if col in _FIGURE_FREE and is_unit(text):
        return 1  # a unit alone (人, 万元) is no target or actual: a 计量单位 column beside takes it first
    return 2 if value_like(text) else 1


_FIGURE_FREE = frozenset({L.Column.TARGET, L.Column.VALUE, L.Column.ACTUAL})
"""Columns whose value states a figure or a word, never a unit alone."""


_fit = fit  # its former name, which tests/test_ingest_shortcuts.py compares the shortcuts against


def fits_column(col: L.Column, text: str) -> bool:
    """Can this column hold this text at all (a weight is a figure, a method is a rule written out)?"""
    return fit(col, text) is not None


def align(values: Sequence[str], cols: Sequence[L.Column]) -> dict[L.Column, int] | None:
    """Match values to columns in order, each value to one column, by what the values look
    like; the best-scoring match wins (dynamic programming over a handful of cells).

    A row's values are matched to the same columns several times over (its line's fit, its
    indicator, the table's usual columns): the match is worked out once per row (``_aligned``)."""
    if len(values) > len(cols):
        return None  # more values than columns: no match takes them all
    found = _aligned(tuple(values), tuple(cols))
    return None if found is None else dict(found)


@lru_cache(maxsize=4_096)
def _aligned(values: tuple[str, ...], cols: tuple[L.Column, ...]) -> tuple[tuple[L.Column, int], ...] | None:
    """``align``'s match as pairs.  It depends on the values only through their fits, and the rows
    of a table fit its columns in a few ways over and over: worked out once per pattern of fits."""
    n, m = len(values), len(cols)
    if n == m:  # every column taken in order: the only full match there is
        return tuple((col, k) for k, col in enumerate(cols)) if all(map(fit, cols, values)) else None
    if n > m:
        return None  # more values than columns: no match takes them all
    # only cells from which the values left can still take a column each lie on a full match
    fits = tuple(fit(cols[j - 1], values[i - 1]) for i in range(1, n + 1) for j in range(i, m - n + i + 1))
    return _match(cols, n, fits)


@lru_cache(maxsize=1_024)
def aligns(values: tuple[str, ...], cols: tuple[L.Column, ...]) -> bool:
    """Do the values match the columns at all?  (Asked for each cell of a line of text, with the
    same values: sections/line_rows.fits_line.)"""
    return _aligned(values, cols) is not None


@lru_cache(maxsize=4_096)
def _match(cols: tuple[L.Column, ...], n: int, fits: tuple[int | None, ...]) -> tuple[tuple[L.Column, int], ...] | None:
    """``align``'s match from the fits of the band (value i, column j for i <= j <= m - n + i)."""
    m = len(cols)
    width = m - n + 1
    NEG = -(10**6)
    best = [[NEG] * (m + 1) for _ in range(n + 1)]
    choice: list[list[tuple[int, int, bool] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        best[0][j] = 0
    for i in range(1, n + 1):
        above, here = best[i - 1], best[i]
        for j in range(i, m - n + i + 1):
            skip = here[j - 1]
            if skip > here[j]:
                here[j], choice[i][j] = skip, (i, j - 1, False)
            got = fits[(i - 1) * width + (j - i)]
            if got is not None and above[j - 1] > NEG and above[j - 1] + got > here[j]:
                here[j], choice[i][j] = above[j - 1] + got, (i - 1, j - 1, True)
    if best[n][m] <= NEG // 2:
        return None
    out: dict[L.Column, int] = {}
    i, j = n, m
    while i > 0 and j > 0:
        step = choice[i][j]
        if step is None:
            break
        pi, pj, took = step
        if took:
            out[cols[j - 1]] = i - 1
        i, j = pi, pj
    return tuple(out.items()) if len(out) == n else None
