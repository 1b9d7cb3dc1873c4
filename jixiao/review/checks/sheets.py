"""Every stated figure against the figures it derives from, wherever the table states it.

A table states points and sums in more places than its total row: a heading that declares
points (``投 入(15分)``, ``预算配置(15分)``), a subtotal line, a 复核得分 column beside the
自评得分 one with its own total.  Each is checked against its parts, for the indicator rows
and for the lines of a 评分表 (项目 2013 framework, 部门整体 投入/过程/产出/效果 or
决策/过程/产出/效益) alike.  On a table cut off mid-way the last group may be incomplete, so it
is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.evaluation import Location, Subtotal, TableKind
from jixiao.model.values import normalise_text
from jixiao.model.vocabulary import declared_points
from jixiao.review.catalogue import Code
from jixiao.review.context import Context, show

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Line:
    """One scored line, indicator row or 评分表 item, as these checks see it."""

    index: int
    level1: str
    level2: str
    name: str
    weight: Decimal | None
    score: Decimal | None
    recheck: Decimal | None
    reason: str | None
    location: Location | None
    is_item: bool


def _lines(ctx: Context) -> list[Line]:
    ev = ctx.ev
    if ev.scoring_items:
        return [
            Line(i, it.level1 or "", it.level2 or "", it.name or "", it.weight, it.score, it.recheck_score,
                 it.deduction_reason, it.provenance.get("score") or it.provenance.get("name"), True)
            for i, it in enumerate(ev.scoring_items)
        ]  # fmt: skip
    return [
        Line(i, ind.level1 or "", ind.level2 or "", ind.name or "", ind.weight, ind.score, ind.recheck_score,
             ind.deviation_note, ind.provenance.get("score") or ind.provenance.get("name"), False)
        for i, ind in enumerate(ev.indicators)
        if not ind.not_applicable
    ]  # fmt: skip


def _where(line: Line) -> str:
    return " › ".join(p.replace(" ", "") for p in (line.level1, line.level2, line.name) if p)


def _add_line(ctx: Context, line: Line, code: Code, message: str, **kw: str | None) -> None:
    if line.is_item:
        ctx.add(code, _where(line), message, location=line.location, **kw)  # type: ignore[arg-type]
    else:
        ctx.add_row(code, line.index, message, **kw)  # type: ignore[arg-type]


def _groups(lines: Sequence[Line], level: str) -> dict[str, list[Line]]:
    out: dict[str, list[Line]] = {}
    for line in lines:
        label = line.level1 if level == "level1" else line.level2
        if label:
            out.setdefault(label, []).append(line)
    return out


def check_declared_points(ctx: Context, lines: list[Line]) -> None:
    """Each 一级 or 二级 heading that declares its points against the weights of its lines."""
    if not lines or ctx.implied_weights:
        return
    for level in ("level1", "level2"):
        groups = list(_groups(lines, level).items())
        if ctx.ev.truncated and groups:
            groups = groups[:-1]  # the group the cut runs through
        for label, members in groups:
            points = declared_points(label)
            weights = [m.weight for m in members if m.weight is not None]
            blank = [m for m in members if m.weight is None]
            if points is None or not weights or any(m.score is None for m in blank):
                continue  # a line with neither 分值 nor 得分 may be a sub-item, not part of the sum
            got = sum(weights, ZERO)
            if got == points:
                continue
            shown = label.replace(" ", "")
            note = f"（{'、'.join(m.name or '（未命名）' for m in blank)} 有得分而未填分值）" if blank else ""
            ctx.add(
                Code.WEIGHT_SUM, shown, f"“{shown}”标明 {show(points)} 分，其下各项分值之和为 {show(got)} 分{note}",
                field="weight", location=members[0].location, stated=show(points), computed=show(got),
                rule="标题标明的分值应等于其下各项分值之和",
            )  # fmt: skip


def check_subtotals(ctx: Context, lines: list[Line]) -> None:
    """Each stated subtotal line (一级 or 二级) against the scores of its lines."""
    ev = ctx.ev
    for sub in ev.subtotals_stated:
        members = [
            m for m in lines
            if normalise_text(m.level1) == normalise_text(sub.level1)
            and (sub.level2 is None or normalise_text(m.level2) == normalise_text(sub.level2))
        ]  # fmt: skip
        cut = ev.truncated and bool(members) and members[-1] is lines[-1]
        if cut:
            continue
        _subtotal_weight(ctx, sub, members)
        scores = [m.score for m in members if m.score is not None]
        if sub.score is None or not scores:
            continue
        summed = sum(scores, ZERO)
        code = ctx.sum_code(sub.score, summed)
        if code is None:
            continue
        label = (sub.level2 or sub.level1).replace(" ", "")
        ctx.add(
            code, f"{label}小计",
            f"{label}小计填 {show(sub.score)}，而其下各项得分之和为 {show(summed)}"
            f"{ctx.rounding_note(code, sub.score, summed)}",
            field="subtotal", location=sub.provenance.get("row"),
            stated=show(sub.score), computed=show(summed), rule="小计 = 其下各项得分之和",
        )  # fmt: skip


def _subtotal_weight(ctx: Context, sub: Subtotal, members: list[Line]) -> None:
    """A subtotal line's 分值 against the 分值 of its lines (all of them stated)."""
    weights = [m.weight for m in members if m.weight is not None]
    if sub.weight is None or not weights or len(weights) < len(members) or sum(weights, ZERO) == sub.weight:
        return
    label = (sub.level2 or sub.level1).replace(" ", "")
    ctx.add(
        Code.WEIGHT_SUM, f"{label}小计",
        f"{label}小计的分值填 {show(sub.weight)}，而其下各项分值之和为 {show(sum(weights, ZERO))}",
        field="weight", location=sub.provenance.get("row"), stated=show(sub.weight),
        computed=show(sum(weights, ZERO)), rule="小计分值 = 其下各项分值之和",
    )  # fmt: skip


def check_recheck(ctx: Context, lines: list[Line]) -> None:
    """复核得分 beside 自评得分: each difference (info), and the 复核 total against its column."""
    ev = ctx.ev
    rechecked = [m for m in lines if m.recheck is not None]
    for m in rechecked:
        if m.score is not None and m.recheck is not None and m.score != m.recheck:
            _add_line(
                ctx, m, Code.RECHECK_DIFFERS,
                f"自评得分 {show(m.score)}，复核得分 {show(m.recheck)}（相差 {show(m.recheck - m.score)} 分）",
                field="recheck_score", stated=show(m.score), computed=show(m.recheck),
                rule="复核得分为上级核定的得分",
            )  # fmt: skip
    total = ev.recheck_total_stated
    if total is None:
        return
    if ev.total_score_stated is not None and ev.total_score_stated != total:
        ctx.add(
            Code.RECHECK_DIFFERS, "总分",
            f"自评总分 {show(ev.total_score_stated)}，复核总分 {show(total)}",
            field="recheck_total_stated", location=ev.provenance.get("recheck_total_stated"),
            stated=show(ev.total_score_stated), computed=show(total), rule="复核得分为上级核定的得分",
        )  # fmt: skip
    if ev.truncated or not rechecked or len(rechecked) < len([m for m in lines if m.weight is not None]):
        return
    execution = ZERO if ev.scoring_items else ev.execution_score_stated or ZERO
    summed = execution + sum((m.recheck for m in rechecked if m.recheck is not None), ZERO)
    code = ctx.sum_code(total, summed)
    if code is not None:
        ctx.add(
            code, "复核总分",
            f"复核总分填 {show(total)}，而复核得分一栏之和为 {show(summed)}{ctx.rounding_note(code, total, summed)}",
            field="recheck_total_stated", location=ev.provenance.get("recheck_total_stated"),
            stated=show(total), computed=show(summed), rule="复核总分 = 复核得分一栏之和",
        )  # fmt: skip


def check_deduction_reasons(ctx: Context, lines: list[Line]) -> None:
    """评分表 lines below full marks need their 扣分原因 (the indicator rows' 偏差原因 is
    checked with the rows) — where the sheet has that column: every 部门整体 sheet, or one whose
    lines carry the field (an empty cell is ``""``, no column is ``None``)."""
    ev = ctx.ev
    has_column = (
        ev.kind is TableKind.DEPARTMENT_OVERALL
        or "deduction_reason" in ev.columns
        or any(it.deduction_reason is not None for it in ev.scoring_items)
    )
    if not ev.scoring_items or not has_column:
        return  # a 评分表 without a 扣分原因 column (seed 002) asks for none
    placeholders = {normalise_text(t) for t in ctx.rs.deviation.placeholder_texts}
    for m in lines:
        if m.score is None or m.weight is None or m.score >= m.weight:
            continue
        reason = normalise_text(m.reason or "")
        if reason and reason not in placeholders:
            continue
        said = "为空" if not reason else f"只写了“{(m.reason or '').strip()}”"
        _add_line(
            ctx, m, Code.REASON_MISSING, f"得分 {show(m.score)} 低于分值 {show(m.weight)}，扣分原因栏{said}",
            field="deduction_reason", stated=m.reason or "", rule="未得满分的须说明扣分原因",
        )  # fmt: skip


def _needed(ctx: Context) -> bool:
    """Does the table state anything these checks read?  (Most tables do not: skip building lines.)"""
    ev = ctx.ev
    if ev.scoring_items or ev.subtotals_stated or ev.recheck_total_stated is not None:
        return True
    labels = {ind.level1 for ind in ev.indicators} | {ind.level2 for ind in ev.indicators}
    return any(declared_points(label) is not None for label in labels if label) or any(
        ind.recheck_score is not None for ind in ev.indicators
    )


def check_item_blanks(ctx: Context, lines: list[Line]) -> None:
    """A 评分表 line with its 分值 and no 得分 while the others are scored (the rows' blanks are
    checked with the rows)."""
    if not ctx.ev.scoring_items or not any(m.score is not None for m in lines):
        return
    for m in lines:
        if m.weight is not None and m.score is None:
            _add_line(ctx, m, Code.SCORE_MISSING, f"分值 {show(m.weight)} 分的评分项未填得分", field="score")


def check_sheet(ctx: Context) -> None:
    """The four checks over one list of lines (built once: a batch reviews thousands of tables)."""
    if not _needed(ctx):
        return
    lines = _lines(ctx)
    check_declared_points(ctx, lines)
    if ctx.ev.subtotals_stated:
        check_subtotals(ctx, lines)
    if ctx.ev.recheck_total_stated is not None or any(m.recheck is not None for m in lines):
        check_recheck(ctx, lines)
    check_deduction_reasons(ctx, lines)
    check_item_blanks(ctx, lines)


CHECKS = (check_sheet,)
