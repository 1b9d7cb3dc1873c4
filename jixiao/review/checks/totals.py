"""Totals, weights, grades and the three dimensions: does the table add up as a whole?"""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.evaluation import TableKind
from jixiao.model.vocabulary import grade_of_word
from jixiao.review.catalogue import Code
from jixiao.review.context import Context, show
from jixiao.review.dimensions import dimension_of
from jixiao.review.doubts import starts_inside
from jixiao.scoring.engine import grade_of
from jixiao.scoring.numbers import agrees, shown_digits

ZERO = Decimal(0)
HUNDRED = Decimal(100)
_SCORED_KINDS = (TableKind.PROJECT_SELF_EVALUATION, TableKind.DEPARTMENT_OVERALL)


def _scored_rows(ctx: Context) -> list[tuple[Decimal, Decimal | None]]:
    return ctx.scored()


def _self_evaluated(ctx: Context) -> bool:
    """A table that is scored, so a total is due: a score stated somewhere, or 分值 beside what
    was done — 实际完成值 on its rows (corpus2 107) or the year's spending on a weighted execution
    line (corpus 006).  A targets table (weights, nothing done) or a list of actuals without
    weights owes no total."""
    ev = ctx.ev
    if ev.execution_score_stated is not None or any(ind.score is not None for ind in ev.indicators):
        return True
    weighted = [ind for ind in ev.indicators if ind.weight is not None]
    spent = ev.funds is not None and ev.funds.executed is not None and bool(ev.execution_weight)
    return bool(weighted) and (spent or any(ind.actual for ind in weighted))


def check_total(ctx: Context) -> None:
    """The stated total is the sum of the stated parts (execution + every row)."""
    ev = ctx.ev
    if ev.kind not in _SCORED_KINDS or ev.scoring_items:
        return
    if ev.total_score_stated is None:
        if not ev.truncated and _self_evaluated(ctx):
            ctx.add(
                Code.TOTAL_MISSING, "总分", "自评表没有填写总分",
                field="total_score_stated", location=ev.provenance.get("total_score_stated"),
                computed=show(ctx.result.total), rule="总分 = 预算执行得分 + 各指标得分",
            )  # fmt: skip
        return
    if ev.truncated:
        return  # the rows below the cut are missing: the parts cannot be summed
    rows = _scored_rows(ctx)
    parts = [score for _, score in rows if score is not None]
    if not parts and ev.execution_score_stated is None:
        return
    execution = ev.execution_score_stated or ZERO
    summed = execution + sum(parts, ZERO)
    stated = ev.total_score_stated
    candidates = [summed]
    weightless = [ind.score for ind in ev.indicators if ind.weight is None and ind.score is not None
                  and not ind.not_applicable]  # fmt: skip
    if weightless:  # a score beside a blank 分值 counts in the total, unless it is a sub-item's
        candidates.append(summed + sum(weightless, ZERO))
    applicable = sum((w for w, _ in rows), ZERO) + (ev.execution_weight or ZERO)
    if ctx.result.renormalized_from is not None and applicable:
        candidates.append(summed / applicable * HUNDRED)  # 不适用 rows dropped and re-scaled
    if any(agrees(stated, c, max(2, shown_digits(stated)), ctx.rs.rounding.mode) for c in candidates):
        return
    missing = sum(1 for _, score in rows if score is None)
    if not missing and ctx.sum_code(stated, summed) is Code.SCORE_ROUNDING:
        ctx.add(
            Code.SCORE_ROUNDING, "总分",
            f"总分填 {show(stated)}，预算执行得分与各指标得分之和为 {show(summed)}"
            f"{ctx.rounding_note(Code.SCORE_ROUNDING, stated, summed)}",
            field="total_score_stated", location=ev.provenance.get("total_score_stated"),
            stated=show(stated), computed=show(summed), rule="总分 = 预算执行得分 + 各指标得分（舍入尾差不作错误）",
        )  # fmt: skip
        return
    note = f"（其中 {missing} 项指标未填得分）" if missing else ""
    ctx.add(
        Code.TOTAL_MISMATCH, "总分",
        f"总分填 {show(stated)}，而预算执行得分 {show(execution)} 与各指标得分之和为 {show(summed)}{note}",
        field="total_score_stated", location=ev.provenance.get("total_score_stated"),
        stated=show(stated), computed=show(summed), rule="总分 = 预算执行得分 + 各指标得分",
    )  # fmt: skip


def check_framework_totals(ctx: Context) -> None:
    """评分表: the 综合得分 is the sum of its items (subtotals: ``sheets.check_subtotals``)."""
    ev = ctx.ev
    if not ev.scoring_items:
        return
    summed = sum((it.score for it in ev.scoring_items if it.score is not None), ZERO)
    stated = ev.total_score_stated
    code = None if stated is None else ctx.sum_code(stated, summed)
    if code is not None and stated is not None:
        ctx.add(
            code, "综合得分",
            f"综合得分填 {show(stated)}，而各项得分之和为 {show(summed)}{ctx.rounding_note(code, stated, summed)}",
            field="total_score_stated", location=ev.provenance.get("total_score_stated"),
            stated=show(ev.total_score_stated), computed=show(summed), rule="综合得分 = 各项得分之和",
        )  # fmt: skip


def check_weights(ctx: Context) -> None:
    """Weights make 100 in all, and each 一级 group makes the points its label declares."""
    ev = ctx.ev
    rows = _scored_rows(ctx)
    if ev.truncated or not rows or ev.kind not in _SCORED_KINDS or ctx.implied_weights:
        return
    indicators = sum((w for w, _ in rows), ZERO)
    execution = ev.execution_weight
    total = indicators + (execution or ZERO)
    blank = [ind.name or "（未命名）" for ind in ev.indicators if ind.weight is None and ind.score is not None
             and not ind.not_applicable]  # fmt: skip
    # no execution line: its points may lie outside the table — unless a scored row lacks its own
    fits = total == HUNDRED or (execution is None and not blank and indicators + ctx.rs.weights.execution == HUNDRED)
    if not fits:
        shown = (
            f"预算执行率 {show(execution)} + 指标 {show(indicators)}"
            if execution
            else f"指标分值合计 {show(indicators)}"
        )
        note = f"（{'、'.join(blank)} 有得分而未填分值）" if blank else ""
        ctx.add(
            Code.WEIGHT_SUM, "分值合计", f"{shown} = {show(total)} 分，不是 100 分{note}",
            field="weight", stated=show(total), computed="100", rule="预算执行率与各指标分值合计 100 分",
        )  # fmt: skip


def check_grade(ctx: Context) -> None:
    ev = ctx.ev
    if not ev.grade_stated or ev.total_score_stated is None:
        return
    stated = grade_of_word(ev.grade_stated)
    expected = grade_of(ev.total_score_stated, ctx.rs)
    if stated is None or expected is None or stated == expected:
        return
    bounds = "、".join(f"{g.label}≥{show(g.min)}" for g in ctx.rs.grades[:-1])
    ctx.add(
        Code.GRADE_MISMATCH, "评价等次",
        f"总分 {show(ev.total_score_stated)} 应为“{expected}”，表中填“{ev.grade_stated}”",
        field="grade_stated", location=ev.provenance.get("total_score_stated"),
        stated=ev.grade_stated, computed=expected, rule=f"等次标准：{bounds}",
    )  # fmt: skip


def check_dimensions(ctx: Context) -> None:
    """产出, 效益 and 满意度 each present.  When no row's 一级 or 二级 names a dimension (the label
    columns lost, a 部门整体 投入/过程 sheet read as rows), nothing is said rather than guessed."""
    ev = ctx.ev
    if ev.truncated or not ev.indicators or ev.scoring_items or starts_inside(ev):
        return  # the rows of a missing dimension may lie past the cut
    present = {dimension_of(ind) for ind in ev.indicators if ind.name or ind.target or ind.actual}
    if not present - {None}:
        return
    missing = [d for d in ctx.rs.review.dimensions if d not in present]
    if missing:
        ctx.add(
            Code.DIMENSION_MISSING, "指标表",
            f"指标表中没有{'、'.join(d + '指标' for d in missing)}",
            field="level1", computed="、".join(missing),
            rule=f"绩效指标应包括{'、'.join(ctx.rs.review.dimensions)}指标",
        )  # fmt: skip


CHECKS = (check_total, check_framework_totals, check_weights, check_grade, check_dimensions)
