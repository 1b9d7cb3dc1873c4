"""Which of 产出 / 效益 / 满意度 a row belongs to, even when its 一级 label was lost.

Tables lose the 一级 column (vertical text, OCR, a blank column); the 二级 label still says
where a row belongs: 数量/质量/时效/成本 are 产出, 经济/社会/生态/可持续 are 效益.
"""

from __future__ import annotations

from functools import lru_cache

from jixiao.model.evaluation import Indicator
from jixiao.rules.ruleset import canonical_level1

DIMENSIONS = ("产出", "效益", "满意度")
_LEVEL2 = (
    ("满意", "满意度"),
    ("数量", "产出"), ("质量", "产出"), ("时效", "产出"), ("成本", "产出"),
    ("经济效益", "效益"), ("社会效益", "效益"), ("生态效益", "效益"), ("可持续", "效益"),
)  # fmt: skip
_LEVEL1 = (("产出", "产出"), ("完成", "产出"), ("效益", "效益"), ("效果", "效益"), ("满意", "满意度"))


def dimension_of(ind: Indicator) -> str | None:
    """产出, 效益 or 满意度 (None for the 2013 framework's 投入/过程 or an unreadable label)."""
    return _dimension(ind.level1, ind.level2)


@lru_cache(maxsize=4096)
def _dimension(level1: str | None, level2: str | None) -> str | None:
    label = canonical_level1(level1 or "")
    for key, dim in _LEVEL1:
        if key in label:
            return dim
    flat = (level2 or "").replace(" ", "")
    for key, dim in _LEVEL2:
        if key in flat:
            return dim
    return None
