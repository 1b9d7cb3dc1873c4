"""The labels that identify a self-evaluation table's parts, as the field writes them.

Recognition is by content: a cell is a label when, with white space and point counts removed,
it reads as one of these.  Variants seen in the seeds and corpus are listed, not guessed.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import lru_cache

from jixiao.ingest.normalise import reading
from jixiao.model.vocabulary import is_points_mark, level2_names, strip_points, without_points


@lru_cache(maxsize=16_384)
def key(text: str) -> str:
    """A cell reduced for label matching: no spaces, no ``(50分)``, no trailing colon."""
    s = "".join(reading(unicodedata.normalize("NFKC", text)).split())
    if "分" in s or "(" in s:
        s = strip_points(s)
    return s.rstrip(":：")


PROJECT_NAME = {"项目名称", "转移(项目)名称", "转移支付(项目)名称", "专项名称"}
# in order of preference: a transfer form's 地方主管部门 is the evaluating department
DEPARTMENT_ORDER = (
    "主管部门", "项目主管部门", "地方主管部门", "主管部门及代码", "省级主管部门", "中央主管部门", "预算单位",
    "一级预算单位名称", "级预算单位名称",  # the second as OCR leaves it (corpus 061)
)  # fmt: skip
DEPARTMENT = set(DEPARTMENT_ORDER)
IMPLEMENTING_UNIT = {
    "实施单位", "项目实施单位", "实施单位(盖章)", "预算单位名称", "单位名称", "资金使用单位",
}  # fmt: skip
PROJECT_ATTRIBUTE = {"项目属性"}
PROJECT_PERIOD = {"项目期"}

BUDGET_LABELS = {"预算数", "全年预算数", "年度金额", "年度金额(提前下达)"}
EXECUTED_LABELS = {"执行数", "全年执行数", "资金使用情况(万元)合计", "资金使用情况合计"}
FUND_TOTAL = {"年度资金总额", "总额", "年度财政资金总额", "资金总额", "项目金额"}
FUND_SOURCES = {
    "其中:当年财政拨款": "当年财政拨款",
    "其中:本年财政拨款": "本年财政拨款",
    "其中:财政拨款": "财政拨款",
    "其中:财政资金": "财政资金",
    "当年财政拨款": "当年财政拨款",
    "财政拨款": "财政拨款",
    "上年结转资金": "上年结转资金",
    "上年结转": "上年结转资金",
    "其他资金": "其他资金",
    "财政专户管理资金": "财政专户管理资金",
    "单位资金": "单位资金",
    "其中:中央财政资金": "中央财政资金",
    "中央财政资金": "中央财政资金",
    "地方资金": "地方资金",
}

_LEVEL_SOURCE = re.compile(r"^(中央|省级|省|市级|市|县级|县|区级|区|地方|本级)(财政)?(补助|资金|拨款|补助资金)?$")


@lru_cache(maxsize=16_384)
def fund_source(text: str) -> str | None:
    """The source a fund-row label names (``其中:中央补助)`` → 中央补助), or None.

    The ``其中:`` prefix and a bracket left over from OCR are dropped; besides the fixed names
    a level of government with 财政/补助/资金 (中央财政, 省级财政, 地方资金 …) is a source.
    """
    k = key(text)
    if k in FUND_SOURCES:
        return FUND_SOURCES[k]
    k = re.sub(r"^其中[:：]?", "", k).rstrip(")）")
    if f"其中:{k}" in FUND_SOURCES or k in FUND_SOURCES:
        return FUND_SOURCES.get(k) or FUND_SOURCES[f"其中:{k}"]
    if _LEVEL_SOURCE.match(k) and len(k) >= 3:
        return k
    return None


class FundColumn(StrEnum):
    INITIAL = "initial_budget"
    ADJUSTED = "adjusted_budget"
    EXECUTED = "executed"
    WEIGHT = "weight"
    RATE = "rate"
    SCORE = "score"


FUND_HEADERS: dict[str, FundColumn] = {
    "年初预算数": FundColumn.INITIAL,
    "年初预算": FundColumn.INITIAL,
    "全年预算数": FundColumn.ADJUSTED,
    "全年预算数(A)": FundColumn.ADJUSTED,
    "调整后预算数": FundColumn.ADJUSTED,
    "预算数(A)": FundColumn.ADJUSTED,
    "预算数": FundColumn.ADJUSTED,
    "全年执行数": FundColumn.EXECUTED,
    "全年执行数(B)": FundColumn.EXECUTED,
    "预算执行数": FundColumn.EXECUTED,
    "执行数(B)": FundColumn.EXECUTED,
    "执行数": FundColumn.EXECUTED,
    "分值": FundColumn.WEIGHT,
    "权重": FundColumn.WEIGHT,
    "执行率": FundColumn.RATE,
    "执行率(B/A)": FundColumn.RATE,
    "预算执行率": FundColumn.RATE,
    "得分": FundColumn.SCORE,
    "得分(20分*执行率)": FundColumn.SCORE,
    "得分(分*执行率)": FundColumn.SCORE,
}

GOAL_EXPECTED = {"预期目标", "年初设定目标", "项目年度目标", "年度目标"}
GOAL_ACTUAL = {"实际完成情况", "年度总体目标完成情况", "年度总体目标完成情况综述", "年度目标完成情况"}


class Column(StrEnum):
    """Columns of the indicator table after 三级指标."""

    NATURE = "nature"
    VALUE = "value"
    UNIT = "unit"
    TARGET = "target"
    ACTUAL = "actual"
    WEIGHT = "weight"
    SCORE = "score"
    NOTE = "deviation_note"
    METHOD = "method"
    PROGRESS = "progress"
    BASIS = "basis"  # 指标标准或依据: read past, not kept


INDICATOR_HEADERS: dict[str, Column] = {
    "年度指标值": Column.TARGET,
    "年度数值": Column.TARGET,
    "指标值(包含数字及文字描述)": Column.TARGET,
    "全年完成值": Column.ACTUAL,
    "全年实际完成值": Column.ACTUAL,
    "未完成原因和改进措施": Column.NOTE,
    "备注": Column.NOTE,
    "指标标准或依据": Column.BASIS,
    "指标值(A)": Column.TARGET,
    "年初目标值(A)": Column.TARGET,
    "目标值": Column.TARGET,
    "指标值": Column.VALUE,
    "指标性质": Column.NATURE,
    "度量单位": Column.UNIT,
    "实际完成值": Column.ACTUAL,
    "实际完成值(B)": Column.ACTUAL,
    "全年实际值": Column.ACTUAL,
    "完成值": Column.ACTUAL,
    "实际完成指标值": Column.ACTUAL,
    "分值": Column.WEIGHT,
    "权重": Column.WEIGHT,
    "得分": Column.SCORE,
    "偏差原因分析及改进措施": Column.NOTE,
    "未完成原因及拟采取的改进措施": Column.NOTE,
    "未完成原因分析": Column.NOTE,
    "偏差原因分析": Column.NOTE,
    "得分计算方法": Column.METHOD,
    "完成进度": Column.PROGRESS,
}
LEVEL_HEADERS = {"一级指标", "二级指标", "三级指标", "绩效指标(二级)", "绩效指标(三级)", "一级", "二级", "三级"}


def is_indicator_heading(text: str) -> bool:
    """A cell of the indicator table's heading row (一级指标 … 得分), as repeated on each page."""
    k = key(text)
    return k in INDICATOR_HEADERS or k in LEVEL_HEADERS or k == "绩效指标"


_SUBHEADER = re.compile(r"^(\d{4}年实际实现值|预期\d{4}年实现值)$")


def is_subheader(text: str) -> bool:
    """Second-row header cells under 指标值 (绩效目标批复表): read past."""
    return bool(_SUBHEADER.match(key(text)))


_LEVEL1 = re.compile(r"^(产出|效益|满意度|服务对象满意度|成本|项目完成|项目效益)(指标|值)?$")


@lru_cache(maxsize=1)
def _level2_pattern() -> re.Pattern[str]:
    """The 二级 names of the shared vocabulary, with the 指标 / 值 / 等 they may carry."""
    return re.compile("^(" + "|".join(map(re.escape, level2_names())) + ")(指标|值)?等?$")


TOTAL = {"总分", "合计", "综合得分", "得分合计"}
TABLE_END = {
    "其他需要说明事项",
    "其他需说明的问题",
    "评价结论",
    "存在问题",
    "改进措施",
    "评价人员",
    "项目绩效情况",
    "评分表",
}
SCORING_SHEET = {"评分表"}
FRAMEWORK_LEVEL1 = {"投入", "过程", "产出", "效果"}
_PAGE_END = re.compile(r"盖章|年月日$|ICP备|主办|承办|版权所有|公务邮箱|内容保障|网站|填报人|审核人")


@lru_cache(maxsize=16_384)
def ends_table(text: str) -> bool:
    """Cells that close a table: its closing sections, signatures, a web page's footer."""
    k = key(text)
    return k in TABLE_END or k.startswith("注:") or bool(_PAGE_END.search(k))


@lru_cache(maxsize=16_384)
def is_level1(text: str) -> bool:
    """产出指标, 效益指标 (30分), 产 出 值 …, or a lone ``(50分)`` whose label text was lost."""
    return bool(_LEVEL1.match(without_points(key(text)))) or is_points_mark(text)


@lru_cache(maxsize=16_384)
def is_level2(text: str) -> bool:
    return bool(_level2_pattern().match(key(text)))


@lru_cache(maxsize=16_384)
def known_label(text: str) -> bool:
    """Any label of the form (a cell that is never a value)."""
    k = key(text)
    return (
        k in PROJECT_NAME
        or k in DEPARTMENT
        or k in IMPLEMENTING_UNIT
        or k in FUND_TOTAL
        or k in FUND_HEADERS
        or k in FUND_SOURCES
        or k in GOAL_EXPECTED
        or k in GOAL_ACTUAL
        or k in INDICATOR_HEADERS
        or k in LEVEL_HEADERS
        or k in TOTAL
        or k in PROJECT_ATTRIBUTE
        or k in PROJECT_PERIOD
        or k.startswith("项目资金")
        or k == "年度总体目标"
    )
