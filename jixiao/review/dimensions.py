"""Which of 产出 / 效益 / 满意度 a row belongs to, even when its 一级 label was lost.

Tables lose the 一级 column (vertical text, OCR, a blank column); the 二级 label still says
where a row belongs: 数量/质量/时效/成本 are 产出, 经济/社会/生态/可持续 are 效益.  The words
are the shared vocabulary's (jixiao/model/vocabulary.toml).
"""

from __future__ import annotations

from jixiao.model.evaluation import Indicator
from jixiao.model.vocabulary import dimension

DIMENSIONS = ("产出", "效益", "满意度")


def dimension_of(ind: Indicator) -> str | None:
    """产出, 效益 or 满意度 (None for the 2013 framework's 投入/过程 or an unreadable label)."""
    return dimension(ind.level1, ind.level2)
