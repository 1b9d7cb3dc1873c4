"""The Chinese names of an evaluation's fields, as the standard table names them.

Field paths stay as the model names them (``funds.adjusted_budget``, ``indicators[3].actual``)
wherever they are stored or passed on, so that they stay machine-readable; a user reads them
through ``field_label`` (``全年预算数``, ``第 3 行指标“…”· 实际完成值``) — in the web's history,
in the command line's warnings, wherever a path reaches a person.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

EVALUATION = {
    "schema_version": "数据格式版本", "kind": "表格类型", "year": "评价年度", "project_name": "项目名称",
    "department": "主管部门", "implementing_unit": "实施单位", "project_attribute": "项目属性",
    "project_period": "项目期", "execution_rate_stated": "预算执行率（填报）", "execution_weight": "预算执行率分值",
    "execution_score_stated": "预算执行率得分（填报）", "columns": "表格列", "total_score_stated": "总分（填报）",
    "recheck_total_stated": "复核总分（表中所填）", "grade_stated": "评价等次（填报）", "fill_date": "填报日期",
    "preparer": "填报人", "preparer_phone": "联系电话", "conclusion": "评价结论", "problems": "存在问题",
    "improvements": "改进措施", "truncated": "表格不完整", "rule_set": "规则集", "execution_rate": "预算执行率（复核）",
    "execution_score": "预算执行率得分（复核）", "total_score": "总分（复核）", "grade": "评价等次（复核）",
    "verified_total": "核定总分",
}  # fmt: skip
FUNDS = {
    "name": "资金名称", "initial_budget": "年初预算数", "adjusted_budget": "全年预算数", "executed": "全年执行数",
    "allocated": "全年拨付数", "unit": "金额单位", "year": "资金年度",
}  # fmt: skip
INDICATOR = {
    "level1": "一级指标", "level2": "二级指标", "name": "三级指标", "target": "年度指标值", "actual": "实际完成值",
    "weight": "分值", "score": "自评得分", "deviation_note": "偏差原因分析及改进措施", "not_applicable": "不适用",
    "nature": "指标性质", "unit": "度量单位", "progress_stated": "完成进度", "recheck_score": "复核得分",
    "remark": "备注", "standard": "评分标准", "review_comment": "复核意见", "computed_score": "计算得分",
    "explanation": "计算说明", "status": "计分状态", "band": "档次", "verified_score": "核定得分",
}  # fmt: skip
GOAL = {"expected": "预期目标", "actual": "实际完成情况"}
EVALUATOR = {"name": "姓名", "title": "职务", "office": "单位", "phone": "电话"}
SCORING_ITEM = INDICATOR | {"deduction_reason": "扣分原因"}
SUBTOTAL = {"level1": "一级指标", "level2": "二级指标", "weight": "分值", "score": "得分"}
DOUBT = {"field": "字段", "reading": "读取值", "alternatives": "其他可能读法", "reason": "原因"}
RATES = {"execution_rate_stated", "execution_rate", "progress_stated"}

_LISTS = {
    "indicators": ("指标", INDICATOR), "goals": ("年度总体目标", GOAL), "evaluators": ("评价人员", EVALUATOR),
    "scoring_items": ("评分项", SCORING_ITEM), "subtotals_stated": ("小计（填报）", SUBTOTAL),
    "subtotals": ("小计（复核）", SUBTOTAL), "doubts": ("存疑读数", DOUBT),
}  # fmt: skip
_WHOLE = {"indicators": "指标表", "goals": "年度总体目标", "evaluators": "评价人员", "scoring_items": "评分表",
          "subtotals_stated": "小计（填报）", "subtotals": "小计（复核）", "doubts": "存疑读数"}  # fmt: skip
"""A list named as a whole, where a path has no row."""
_PART = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")


def _name_of(snapshot: dict[str, Any] | None, key: str, n: int) -> str:
    rows = (snapshot or {}).get(key) or []
    row = rows[n - 1] if 0 < n <= len(rows) and isinstance(rows[n - 1], dict) else {}
    return str(row.get("name") or row.get("expected") or "")[:30]


def field_label(path: str, snapshot: dict[str, Any] | None = None, first: int = 1) -> str:
    """``funds.adjusted_budget`` → 全年预算数; ``indicators[3].actual`` → 第 3 行指标“…”· 实际完成值.
    ``snapshot`` (the evaluation as JSON) names the row; an unknown path is shown as it is.
    ``first``: the index a path's first row has (the history counts from 1, ingest's doubts from 0)."""
    shift = 1 - first
    parts = [(m.group(1), int(m.group(2)) + shift if m.group(2) else None) for m in _PART.finditer(path)]
    if not parts:
        return path
    head, n = parts[0]
    rest = parts[1:]
    if head == "funds":
        if rest and rest[0][0] == "sources" and rest[0][1]:
            k = rest[0][1]
            source = ((snapshot or {}).get("funds") or {}).get("sources") or []
            name = source[k - 1].get("name") if 0 < k <= len(source) and isinstance(source[k - 1], dict) else None
            inner = FUNDS.get(rest[1][0], rest[1][0]) if len(rest) > 1 else ""
            return f"资金来源第 {k} 行{f'（{name}）' if name else ''}· {inner}".rstrip("· ")
        return FUNDS.get(rest[0][0], rest[0][0]) if rest else "项目资金"
    if head in _LISTS and n is not None:
        what, names = _LISTS[head]
        name = _name_of(snapshot, head, n) if head in ("indicators", "scoring_items", "goals") else ""
        where = f"第 {n} 行{what}{f'“{name}”' if name and head != 'goals' else ''}"
        if not rest:
            return where
        inner = names.get(rest[0][0], rest[0][0])
        return f"{where} · {inner}{'' if rest[0][1] is None else f'（第 {rest[0][1]} 项）'}"
    if head in ("source", "provenance"):
        return "来源"
    if head in _WHOLE and n is None and not rest:
        return _WHOLE[head]  # a doubt on the whole table (its rows cut where they broke)
    return EVALUATION.get(head, path)


def show_value(path: str, value: Any) -> str:
    """A stored value as a reader writes it: empty as （空）, yes/no in words, rates as percentages."""
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    last = path.rsplit(".", 1)[-1]
    if last in RATES:
        try:
            return f"{format((Decimal(str(value)) * 100).normalize(), 'f')}%"
        except InvalidOperation:
            return str(value)
    return str(value)
