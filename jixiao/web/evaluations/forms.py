"""New evaluations for the form: a blank standard table, or next year's from this year's.
Reading the form back is ``sheet``'s business."""

from __future__ import annotations

from decimal import Decimal

from django.http import QueryDict

from jixiao.model.evaluation import Evaluation, Funds, Goal, Indicator
from jixiao.web.evaluations import sheet


def parse(post: QueryDict, base: Evaluation) -> tuple[Evaluation, list[str]]:
    """The evaluation the form describes on top of ``base`` and its errors as messages
    (``sheet.parse`` gives them by field)."""
    ev, errors = sheet.parse(post, base)
    return ev, list(errors.values())


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
