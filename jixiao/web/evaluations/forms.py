"""The fill-in form laid out like the standard table, read back into the core model.

Field names follow the model (``project_name``, ``ind-3-target`` …).  A figure that is not
a number is reported in Chinese with the row and column it is in; the text typed is kept."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import QueryDict

from jixiao.model.evaluation import Evaluation, Funds, Goal, Indicator

HEADER = (("project_name", "项目名称"), ("department", "主管部门"), ("implementing_unit", "实施单位"))
FUND_FIGURES = (("initial_budget", "年初预算数"), ("adjusted_budget", "全年预算数"), ("executed", "全年执行数"))
ROW_TEXTS = (("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"), ("target", "年度指标值"),
             ("actual", "实际完成值"), ("deviation_note", "偏差原因分析及改进措施"))  # fmt: skip
ROW_FIGURES = (("weight", "分值"), ("score", "得分"))


def _decimal(text: str, where: str, errors: list[str]) -> Decimal | None:
    text = text.strip().replace(",", "").replace("，", "")
    if not text:
        return None
    try:
        value = Decimal(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    except InvalidOperation:
        errors.append(f"{where}“{text}”不是数字")
        return None
    if not value.is_finite():
        errors.append(f"{where}“{text}”不是数字")
        return None
    return value


def _text(post: QueryDict, name: str) -> str | None:
    value = post.get(name, "").strip()
    return value or None


def row_keys(post: QueryDict) -> list[str]:
    """The indicator rows on the form, in their order (``row`` holds one key per row)."""
    return [k for k in post.getlist("row") if k.isdigit()]


def parse(post: QueryDict, base: Evaluation) -> tuple[Evaluation, list[str]]:
    """The evaluation the form describes, on top of ``base`` (fields the form has no input
    for, such as the source, are kept), and the errors found."""
    errors: list[str] = []
    data: dict[str, Any] = {name: _text(post, name) for name, _ in HEADER}
    year = _decimal(post.get("year", ""), "评价年度", errors)
    data["year"] = int(year) if year is not None and year == year.to_integral_value() else None
    if year is not None and data["year"] is None:
        errors.append("评价年度应为整数")
    figures = {name: _decimal(post.get(name, ""), label, errors) for name, label in FUND_FIGURES}
    data["funds"] = (base.funds or Funds(name="年度资金总额")).model_copy(update=figures)
    data["execution_weight"] = _decimal(post.get("execution_weight", ""), "执行率分值", errors)
    data["execution_rate_stated"] = _decimal(post.get("execution_rate_stated", ""), "执行率", errors)
    data["execution_score_stated"] = _decimal(post.get("execution_score_stated", ""), "执行率得分", errors)
    data["total_score_stated"] = _decimal(post.get("total_score_stated", ""), "总分", errors)
    data["grade_stated"] = _text(post, "grade_stated")
    expected, actual = _text(post, "goal_expected"), _text(post, "goal_actual")
    data["goals"] = [Goal(expected=expected, actual=actual)] if expected or actual else []
    rows = []
    for n, key in enumerate(row_keys(post), start=1):
        texts = {name: _text(post, f"ind-{key}-{name}") for name, _ in ROW_TEXTS}
        numbers = {name: _decimal(post.get(f"ind-{key}-{name}", ""), f"第 {n} 行“{label}”", errors)
                   for name, label in ROW_FIGURES}  # fmt: skip
        if any(texts.values()) or any(v is not None for v in numbers.values()):
            rows.append(Indicator(**texts, **numbers, not_applicable=post.get(f"ind-{key}-na") == "1"))
    data["indicators"] = rows
    return base.model_copy(update=data), errors


def blank(year: int, unit: str, department: str) -> Evaluation:
    """A new evaluation: the standard 一级/二级 rows to fill in."""
    skeleton = [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"), ("产出指标", "成本指标"),
                ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标")]  # fmt: skip
    return Evaluation(
        year=year, implementing_unit=unit, department=department, execution_weight=Decimal(10),
        funds=Funds(), indicators=[Indicator(level1=a, level2=b) for a, b in skeleton],
    )  # fmt: skip


def next_year(ev: Evaluation) -> Evaluation:
    """Last year's goals and indicators for a new year: targets and weights kept, results,
    scores and reasons cleared."""
    rows = [i.model_copy(update={"actual": None, "score": None, "deviation_note": None, "provenance": {}})
            for i in ev.indicators]  # fmt: skip
    goals = [Goal(expected=g.expected) for g in ev.goals]
    return Evaluation(
        year=(ev.year or 0) + 1 if ev.year else None, project_name=ev.project_name, department=ev.department,
        implementing_unit=ev.implementing_unit, execution_weight=ev.execution_weight, funds=Funds(),
        goals=goals, indicators=rows, columns=ev.columns,
    )  # fmt: skip
