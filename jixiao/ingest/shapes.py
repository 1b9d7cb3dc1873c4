"""What a cell's text looks like: a plain number, a rate, a label, a value, a scoring rule.

Shared by the stages that find tables and read their sections; nothing here knows a layout
beyond the active label sets of ``labels``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.ingest import labels as L
from jixiao.model.values import Op, parse_value
from jixiao.model.vocabulary import is_dash

YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年度")
YEAR_LOOSE = re.compile(r"(20\d{2})\s*年")
PLAIN_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?分?$")
RATE = re.compile(r"^-?\d+(?:\.\d+)?%$")
RATE_PER = re.compile(r"每[\u4e00-\u9fff]{1,2}\d+(?:\.\d+)?[\u4e00-\u9fff/]{0,4}")  # 每亩300
TITLE = re.compile(r"(自评|目标|绩效|评分|申报|批复).*表")


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
    if not t or is_dash(t):
        return True
    pv = parse_value(t)
    return pv.op is not Op.QUALITATIVE or len(t) <= 4 or bool(RATE_PER.fullmatch(t))


def looks_like_method(text: str) -> bool:
    """A 得分计算方法 cell: the scoring rule written out (宁夏 forms)."""
    return len(text) > 12 and any(w in text for w in ("记分", "计分", "定性指标", "定量指标", "三档", "该指标分值"))
