"""Scoring a whole evaluation: execution, every row, subtotals per 一级/二级, total and grade."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao.model.evaluation import Evaluation
from jixiao.model.evaluation import Subtotal as SubtotalModel
from jixiao.rules.ruleset import Layout, RuleSet, canonical_level1
from jixiao.scoring.execution import score_execution
from jixiao.scoring.framework import item_total, score_items
from jixiao.scoring.indicators import fmt, score_indicator
from jixiao.scoring.numbers import quantize
from jixiao.scoring.results import ExecutionResult, RowResult, RowStatus, ScoreResult, Subtotal

ZERO = Decimal(0)
_UNSCORED = (RowStatus.NOT_APPLICABLE, RowStatus.UNWEIGHTED)


def grade_of(total: Decimal | None, rs: RuleSet) -> str | None:
    """优/良/中/差 by the rule set's thresholds."""
    if total is None:
        return None
    for grade in rs.grades:
        if total >= grade.min:
            return grade.label
    return rs.grades[-1].label


def level1_name(label: str | None, rs: RuleSet) -> str:
    """The rule set's own name for a table's 一级 label, or the label cleaned up."""
    lw = rs.level1_of(label)
    if lw is not None:
        return lw.name
    return canonical_level1(label) if label else "未分类"


def _subtotals(ev: Evaluation, rows: tuple[RowResult, ...], rs: RuleSet) -> tuple[Subtotal, ...]:
    groups: dict[tuple[str, str | None], list[RowResult]] = {}
    names: dict[str | None, str] = {}  # labels repeat down a table: look each up once
    for ind, row in zip(ev.indicators, rows, strict=True):
        if row.status in _UNSCORED:
            continue
        l1 = names.get(ind.level1) or names.setdefault(ind.level1, level1_name(ind.level1, rs))
        groups.setdefault((l1, None), []).append(row)
        groups.setdefault((l1, (ind.level2 or "").replace(" ", "") or None), []).append(row)
    out = []
    for (l1, l2), members in groups.items():
        weight = sum((ev.indicators[r.index].weight or ZERO for r in members), ZERO)
        computed = (
            None
            if any(r.computed is None for r in members)
            else sum((r.computed for r in members if r.computed is not None), ZERO)
        )
        out.append(Subtotal(l1, l2, weight, computed))
    return tuple(out)


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    total = ZERO
    for v in values:
        if v is None:
            return None
        total += v
    return total


def _indicator_totals(
    ev: Evaluation, rows: tuple[RowResult, ...], execution: ExecutionResult, rs: RuleSet
) -> tuple[Decimal | None, Decimal | None, str]:
    """Total and 核定总分, re-normalised to 100 when weighted rows are 不适用."""
    scored = [r for r in rows if r.status not in _UNSCORED]
    exec_part = execution.score if execution.weight else ZERO
    exec_verified = ZERO
    if execution.weight:
        stated = ev.execution_score_stated
        exec_verified = stated if execution.score_agrees and stated is not None else (execution.score or ZERO)
    if rs.rounding.round_rows_before_sum:
        total = _sum([exec_part, *(r.computed for r in scored)])
    else:
        exact = _sum([execution.exact if execution.weight else ZERO, *(r.exact for r in scored)])
        total = None if exact is None else quantize(exact, rs.rounding.digits, rs.rounding.mode)
    any_verified = any(r.verified is not None for r in scored)
    verified = (exec_verified + sum((r.verified or ZERO for r in scored), ZERO)) if any_verified else None

    na_weight = sum((ev.indicators[r.index].weight or ZERO for r in rows if r.status is RowStatus.NOT_APPLICABLE), ZERO)
    if na_weight and rs.not_applicable.renormalize:
        applicable = execution.weight + sum((ev.indicators[r.index].weight or ZERO for r in scored), ZERO)
        if applicable:

            def renorm(x: Decimal | None) -> Decimal | None:
                return None if x is None else quantize(x / applicable * 100, rs.rounding.digits, rs.rounding.mode)

            return (
                renorm(total),
                renorm(verified),
                f"不适用指标（{fmt(na_weight)}分）剔除后按 {fmt(applicable)} 分折算为百分制",
            )
    return total, verified, ""


def score(ev: Evaluation, rs: RuleSet) -> ScoreResult:
    """Score one evaluation.  Stated values are compared, never copied into computed ones."""
    execution = score_execution(ev, rs)
    rows = tuple(score_indicator(i, ind, rs) for i, ind in enumerate(ev.indicators))
    items = score_items(ev, rs) if rs.meta.layout is Layout.FRAMEWORK_2013 else ()
    weight_total = execution.weight + sum(
        (ind.weight or ZERO for ind, r in zip(ev.indicators, rows, strict=True) if r.status not in _UNSCORED), ZERO
    )
    uncomputed = tuple(r.index for r in rows if r.status not in _UNSCORED and r.computed is None)

    if items:
        total = item_total(items)
        verified = total
        note = "评分表各项得分之和"
    else:
        total, verified, note = _indicator_totals(ev, rows, execution, rs)
        if execution.weight and execution.score is None:
            total = None
            note = "预算执行率无法计算，总分无法计算"
        elif uncomputed:
            note = f"第 {'、'.join(str(i + 1) for i in uncomputed)} 行无法计算，总分无法计算"
        else:
            note = note or f"总分 = 执行率得分 + 各指标得分 = {total}"
    return ScoreResult(
        rule_set=rs.name,
        execution=execution,
        rows=rows,
        items=items,
        subtotals=_subtotals(ev, rows, rs),
        total=total,
        verified_total=verified,
        grade=grade_of(total, rs),
        verified_grade=grade_of(verified, rs),
        weight_total=weight_total,
        total_explanation=note,
        uncomputed_rows=uncomputed,
    )


def apply(ev: Evaluation, result: ScoreResult) -> Evaluation:
    """A copy of the evaluation with the computed fields filled in, for JSON output."""
    indicators = [
        ind.model_copy(
            update={
                "computed_score": r.computed,
                "explanation": r.explanation,
                "status": r.status.value,
                "band": r.band,
                "verified_score": r.verified,
            }
        )
        for ind, r in zip(ev.indicators, result.rows, strict=True)
    ]
    items = [
        item.model_copy(update={"computed_score": r.computed, "explanation": r.explanation, "status": r.status.value})
        for item, r in zip(ev.scoring_items, result.items, strict=False)
    ] or ev.scoring_items
    rate = result.execution.rate
    return ev.model_copy(
        update={
            "rule_set": result.rule_set,
            "execution_rate": None if rate is None else quantize(rate, 4),
            "execution_score": result.execution.score,
            "indicators": indicators,
            "scoring_items": items,
            "total_score": result.total,
            "grade": result.grade,
            "verified_total": result.verified_total,
            "subtotals": [
                SubtotalModel(level1=s.level1, level2=s.level2, weight=s.weight, score=s.computed)
                for s in result.subtotals
            ],
        }
    )
