"""What a cell's text looks like: a plain number, a rate, a label, a value, a scoring rule.

Shared by the stages that find tables and read their sections; nothing here knows a layout
beyond the active label sets of ``labels``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.ingest import labels as L
from jixiao.model.values import Op, parse_value
from jixiao.model.vocabulary import LazyPattern, is_dash, vocabulary

PLAIN_NUMBER = LazyPattern(lambda: re.compile(rf"^-?\d+(?:\.\d+)?(?:{re.escape(vocabulary().points.word)})?$"))
"""A number alone, or with its points word (9.88分)."""
RATE = re.compile(r"^-?\d+(?:\.\d+)?%$")
RATE_PER = LazyPattern(
    lambda: re.compile(re.escape(vocabulary().figures.per) + r"[\u4e00-\u9fff]{1,2}\d+(?:\.\d+)?[\u4e00-\u9fff/]{0,4}")
)
"""A rate per unit written out (每亩300)."""
DATE = LazyPattern(lambda: re.compile(vocabulary().dates.pattern))
"""A date or period as values write it (2023年1-12月), its year's figure read as written (202年)."""
SIGN = re.compile(r"[≥≤=<>≧≦═]+|>=|<=")
"""A comparison sign as a 指标性质 cell writes it."""


def title_pattern() -> re.Pattern[str]:
    """A table's title: one of the layouts' title words, later one of their forms (…自评表)."""
    return _title(L.TITLE_WORDS, L.TITLE_FORMS)


def year_pattern() -> re.Pattern[str]:
    """A year as a title or header writes it (2020年度); group 1 is the year."""
    return _year(r"(20\d{2}|19\d{2})", L.YEAR_WORDS)


def loose_year_pattern() -> re.Pattern[str]:
    """A year written short (2020年), taken only in a title that names its form."""
    return _year(r"(20\d{2})", L.YEAR_LOOSE_WORDS)


@lru_cache(maxsize=16)
def _title(words: tuple[str, ...], forms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(f"({_any(words)}).*({_any(forms)})")


@lru_cache(maxsize=16)
def _year(figure: str, words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(f"{figure}\\s*(?:{_any(words)})")


def _any(words: tuple[str, ...]) -> str:
    """An alternation of the words; one that never matches when there are none."""
    return "|".join(map(re.escape, words)) if words else "(?!)"


LIST_MARK = re.compile("[\u2460-\u24ff\u2776-\u2793]")
"""An enclosed list mark (①, ⑴, ❶): the start of a list in a text column, never a figure."""


def clear_caches() -> None:
    """Forget what was worked out from the label sets (the active layouts changed)."""
    for fn in (is_label, value_like):
        fn.cache_clear()


@lru_cache(maxsize=16_384)
def is_label(text: str) -> bool:
    return L.known_label(text) or L.is_level1(text) or L.is_level2(text)


@lru_cache(maxsize=16_384)
def value_like(text: str) -> bool:
    t = text.strip()
    if t and LIST_MARK.match(t):
        return False  # ①…: a list written out in a text column (评分标准), however short
    if not t or len(t) <= 4 or is_dash(t):
        return True  # a short text is value-like whatever it parses as
    pv = parse_value(t)
    return pv.op is not Op.QUALITATIVE or bool(RATE_PER.fullmatch(t) or DATE.fullmatch(t))


def looks_like_method(text: str) -> bool:
    """A 得分计算方法 cell: the scoring rule written out (宁夏 forms)."""
    return len(text) > 12 and any(w in text for w in L.METHOD_WORDS)
