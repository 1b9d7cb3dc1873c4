"""The table layouts a rule set may score, apart from the rule-set schema: the command line
names them among its options, and must not load every rule-set model to start."""

from __future__ import annotations

from enum import StrEnum


class Layout(StrEnum):
    """Which table layout a rule set scores (and which the renderer draws)."""

    NATIONAL = "national"
    METHOD_COLUMN = "method-column"  # 40/40/20 with a 得分计算方法 column (宁夏, seed 001)
    FRAMEWORK_2013 = "framework-2013"  # 投入/过程/产出/效果 评分表 (seed 002)
