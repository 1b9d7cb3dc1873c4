"""What ingest tells its users, in their words: the warnings and doubts of the reading stages.

Kept together so the stages hold no Chinese text of their own (their layout knowledge is in the
layout TOML files) and every message is worded in one place.
"""

from __future__ import annotations

from collections.abc import Mapping

FIGURE_NAMES = {
    "initial_budget": "年初预算数",
    "adjusted_budget": "全年预算数",
    "executed": "全年执行数",
    "weight": "分值",
    "rate": "执行率(%)",
    "score": "得分",
}
"""The funds row's figures by the names a user reads them under, in a doubt's readings."""


def run_together(run: str) -> str:
    """The reason of a doubt on figures run together that two readings fit equally."""
    return f"“{run}”是连写的数字，按表内勾稽关系有不止一种同样成立的拆分，未取值"


def unread_table(file: str, where: str, title: str) -> str:
    """A titled table with nothing after it that could be read."""
    return f"文件 {file}：{where}识别到“{title}”，但未能读出其中的表格（没有找到项目名称、资金或绩效指标）"


def show_reading(reading: Mapping[str, object]) -> str:
    """One reading of a funds row, as a doubt lists it: ``全年预算数 86000.00 | …``."""
    return " | ".join(f"{FIGURE_NAMES.get(k, k)} {v}" for k, v in reading.items())
