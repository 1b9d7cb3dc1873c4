"""Which of 产出 / 效益 / 满意度 a row belongs to, even when its 一级 label was lost.

Tables lose the 一级 column (vertical text, OCR, a blank column); the 二级 label still says
where a row belongs: 数量/质量/时效/成本 are 产出, 经济/社会/生态/可持续 are 效益.  The words
are the shared vocabulary's (jixiao/model/vocabulary.toml).  Labels written in traditional
characters, with pinyin glosses after some of them (``產(chǎn)出指標(biāo)``), are read through the
model's reading view (``jixiao.model.writing``) first, the same one ingest recognises labels by.
"""

from __future__ import annotations

from functools import lru_cache

from jixiao.model.evaluation import Indicator
from jixiao.model.vocabulary import dimension
from jixiao.model.writing import reading

DIMENSIONS = ("产出", "效益", "满意度")


@lru_cache(maxsize=4096)
def simplified_label(label: str | None) -> str | None:
    """A label in the simplified characters the vocabulary knows, pinyin glosses dropped."""
    return reading(label) if label else label


def dimension_of(ind: Indicator) -> str | None:
    """产出, 效益 or 满意度 (None for the 2013 framework's 投入/过程 or an unreadable label)."""
    return _dimension_of_labels(ind.level1, ind.level2)


@lru_cache(maxsize=4096)
def _dimension_of_labels(level1: str | None, level2: str | None) -> str | None:
    """Cached: a table's rows share a handful of labels, asked by several checks."""
    found = dimension(level1, level2)
    if found is not None:
        return found
    simple1, simple2 = simplified_label(level1), simplified_label(level2)
    if simple1 == level1 and simple2 == level2:
        return None
    return dimension(simple1, simple2)
