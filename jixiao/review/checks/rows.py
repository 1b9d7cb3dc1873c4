"""The indicator rows: each score against its rule, its weight and its tier; reasons for
shortfalls and over-completion; values that cannot be measured or compared."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from jixiao.model.evaluation import Indicator, TableKind
from jixiao.model.values import Op, normalise_text, parse_value
from jixiao.model.vocabulary import is_placeholder
from jixiao.review.catalogue import Code
from jixiao.review.context import Context, show
from jixiao.rules.ruleset import ReasonRequired, ReverseMet, RuleSet
from jixiao.scoring.indicators import fmt, has_reason
from jixiao.scoring.results import RowResult, RowStatus

_VAGUE = (
    "提高",
    "提升",
    "有效",
    "显著",
    "明显",
    "增强",
    "改善",
    "逐步",
    "较好",
    "良好",
    "加强",
    "稳步",
    "大幅",
    "进一步",
)
_QUANTITY_NAME = re.compile(
    r"率|人数|次数|户数|个数|数量|面积|金额|比例|比重|占比|覆盖|收入|产值|天数|时长|人次|满意度"
)
_RATE_NAME = re.compile(r"率|满意度|比例|比重|占比")
_MAY_EXCEED = ("增长", "增幅", "增速", "上升", "放大", "增加", "提高", "倍")
_ANY_VAGUE = re.compile("|".join(map(re.escape, _VAGUE)))
_ANY_MAY_EXCEED = re.compile("|".join(map(re.escape, _MAY_EXCEED)))
"""Either word list as one search (is any of the words in the text?)."""
_NUMBERED = re.compile(r"^指标\d+[:：]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_UNSCORED_KINDS = (TableKind.PERFORMANCE_TARGETS, TableKind.SELF_EVALUATION_REPORT)


@lru_cache(maxsize=16_384)
def _blank(text: str | None) -> bool:
    """Nothing but dashes, slashes or stars (cached: asked of every row's target and actual)."""
    return not normalise_text(text or "").strip("/-—*…")


def _is_cost_deduction(i: int, ind: Indicator, r: RowResult, ctx: Context) -> bool:
    """A met ``≤`` row scored below full, where the rule set gives full marks."""
    return (
        ctx.rs.quantitative.reverse_met is ReverseMet.FULL
        and r.target_met is True
        and ind.score is not None
        and ind.weight is not None
        and ind.score < ind.weight
        and ctx.target(i).op in (Op.LE, Op.LT)
    )


def _said(note: str | None) -> str:
    return "为空" if not note or not note.strip() else f"只写了“{note.strip()}”"


def _implied(ctx: Context, i: int) -> str:
    return "（表中无分值栏，分值按得分反推）" if i in ctx.implied_weights else ""


def check_scores(ctx: Context) -> None:
    """Each stated score: present, within its weight, by the rule, inside its tier."""
    weighted = [(i, ind, r) for i, ind, r in ctx.rows() if ind.weight is not None and not ind.not_applicable]
    any_scored = any(ind.score is not None for _, ind, _ in weighted)
    cut = _cut_group(ctx)
    for i, ind, r in weighted:
        assert ind.weight is not None
        if ind.score is None:
            if any_scored and ctx.ev.kind not in _UNSCORED_KINDS and (ind.level1, ind.level2) != cut:
                ctx.add_row(
                    Code.SCORE_MISSING, i, f"分值 {show(ind.weight)} 分的指标未填得分", computed=show(r.computed)
                )
            continue
        if ind.score > ind.weight:
            ctx.add_row(
                Code.SCORE_OVER_WEIGHT, i,
                f"得分 {show(ind.score)} 超过分值 {show(ind.weight)}{_implied(ctx, i)}；"
                f"按规则应为 {r.explanation.removeprefix('无法计算：')}",
                stated=show(ind.score), computed=show(r.computed if r.computed is not None else ind.weight),
                rule="各指标得分不得超过其分值",
            )  # fmt: skip
            continue
        if r.status is RowStatus.COMPUTED and r.agrees is False and r.computed is not None:
            _score_off(ctx, i, ind, r)
        elif r.status is RowStatus.QUALITATIVE_OUT_OF_BAND and r.band is not None:
            low, high = r.band
            ctx.add_row(
                Code.QUAL_BAND, i,
                f"定性指标得分 {show(ind.score)} 不在“{r.tier or '未定档'}”档的 {show(low)}–{show(high)} 分之间："
                f"{r.explanation}",
                stated=show(ind.score), computed=f"{show(low)}–{show(high)}",
                rule=f"定性指标按档次计分（{tier_bands(ctx.rs)}）",
            )  # fmt: skip


def tier_bands(rs: RuleSet) -> str:
    """The rule set's tiers as a reader checks them: 达成年度指标 80%–100%、… (80/50 under 宁夏)."""
    return "、".join(f"{t.label} {fmt(t.low * 100)}%–{fmt(t.high * 100)}%" for t in rs.qualitative.tiers)


def _cut_group(ctx: Context) -> tuple[str | None, str | None] | None:
    """On a table cut off mid-way, the group (一级, 二级) the cut runs through: its blanks may be
    the cut, not the unit's (corpus2 105 ends inside 预算管理)."""
    rows = ctx.ev.indicators
    if not ctx.ev.truncated or not rows:
        return None
    return rows[-1].level1, rows[-1].level2


def _score_off(ctx: Context, i: int, ind: Indicator, r: RowResult) -> None:
    assert ind.score is not None and r.computed is not None
    if _is_cost_deduction(i, ind, r, ctx):
        ctx.add_row(
            Code.COST_DEDUCTED, i,
            f"“≤”成本指标已达标（{ind.actual} 不超过 {ind.target}），"
            f"却只得 {show(ind.score)} 分（分值 {show(ind.weight)}）",
            stated=show(ind.score), computed=show(r.computed), rule="反向指标达标得满分",
        )  # fmt: skip
        return
    off = abs(ind.score - r.computed)
    code = Code.SCORE_ROUNDING if off <= ctx.rs.tolerance.rounding else Code.SCORE_MISMATCH
    stated, computed = show(ind.score), show(r.computed)
    ctx.add_row(
        code, i,
        f"得分填 {stated}，按规则应为 {computed}（相差 {show(off)} 分）：{r.explanation}{_implied(ctx, i)}",
        stated=stated, computed=computed,
        rule="达标得满分，未达标按完成比例计分" if code is Code.SCORE_MISMATCH else "得分保留两位小数、四舍五入",
    )  # fmt: skip


def check_reasons(ctx: Context) -> None:
    """偏差原因 where a row lost points or missed its target, and where it overshot."""
    if ctx.ev.kind in _UNSCORED_KINDS:
        return
    rs, required = ctx.rs, ctx.rs.deviation.required_when
    note_column = ctx.has_column("deviation_note")
    when_below = note_column and ReasonRequired.BELOW_FULL in required
    when_missed = note_column and ReasonRequired.TARGET_MISSED in required
    for i, ind, r in ctx.assessed():
        if has_reason(ind, rs):
            continue
        below = ind.score is not None and ind.weight is not None and ind.score < ind.weight
        missed = r.target_met is False
        if (below and when_below) or (missed and when_missed):
            why = (
                f"得分 {show(ind.score)} 低于分值 {show(ind.weight)}" if below else f"未达到年度指标值（{ind.target}）"
            )
            if below and missed:
                why += f"，实际 {ind.actual} 未达到目标 {ind.target}"
            ctx.add_row(
                Code.REASON_MISSING, i, f"{why}，偏差原因栏{_said(ind.deviation_note)}",
                field="deviation_note", stated=ind.deviation_note or "",
                rule="未完成目标或未得满分的须说明偏差原因及改进措施",
            )  # fmt: skip
        elif r.over_completion and r.completion is not None:
            ratio = ctx.rs.over_completion.ratio
            ctx.add_row(
                Code.OVER_COMPLETION, i,
                f"实际 {ind.actual} 为目标 {ind.target} 的 {show((r.completion * 100).quantize(Decimal(1)))}%，"
                f"超过 {fmt(ratio * 100)}% 而未说明原因",
                field="actual", stated=ind.actual, computed=f"{(r.completion * 100).quantize(Decimal('0.01'))}%",
                rule=f"实际完成超过目标 {fmt(ratio * 100)}% 的须说明原因",
            )  # fmt: skip


def check_values(ctx: Context) -> None:
    """Targets and actuals: missing, not comparable, impossible, or not measurable."""
    scored_kind = ctx.ev.kind not in _UNSCORED_KINDS
    no_actual_column = not ctx.has_column("actual")
    scored_without_actual = []
    actual_required = scored_kind and ctx.rs.review.actual_required
    for i, ind, r in ctx.assessed():
        if actual_required and ind.score is not None and _blank(ind.actual):
            scored_without_actual.append(i)
        elif r.status is RowStatus.NOT_COMPUTABLE and not _blank(ind.actual) and not _blank(ind.target):
            ctx.add_row(
                Code.NOT_COMPUTABLE, i, f"年度指标值“{ind.target}”与实际完成值“{ind.actual}”无法比较：{r.reason}",
                field="actual", stated=ind.actual, computed=None, rule="实际完成值应与年度指标值口径、单位一致",
            )  # fmt: skip
        name = ind.name or ""
        if _RATE_NAME.search(name) and not _ANY_MAY_EXCEED.search(name) and _over_100(ind.actual):
            ctx.add_row(
                Code.PERCENT_OVER_100, i, f"比率类指标的实际完成值为 {ind.actual}，超过 100%",
                field="actual", stated=ind.actual, rule="覆盖率、合格率、满意度等比率不超过 100%",
            )  # fmt: skip
        if _QUANTITY_NAME.search(name) and _ANY_VAGUE.search(ind.target or "") and ctx.target(i).op is Op.QUALITATIVE:
            ctx.add_row(
                Code.VAGUE_TARGET, i, f"“{name}”应当量化，年度指标值却只写了“{ind.target}”",
                field="target", stated=ind.target, rule="绩效指标应细化、量化、可衡量",
            )  # fmt: skip
    _actual_missing(ctx, scored_without_actual, no_actual_column)


def _over_100(text: str | None) -> bool:
    """A percentage above 100 (the name is looked at first: most rows are not rates)."""
    actual = parse_value(text)
    return actual.is_percent and actual.value is not None and actual.value > 100


def _actual_missing(ctx: Context, rows: list[int], no_column: bool) -> None:
    if not rows:
        return
    if no_column:
        ctx.add(
            Code.ACTUAL_MISSING, "指标表",
            f"表中没有实际完成值栏，{len(rows)} 项指标的得分没有实际完成值作依据",
            field="actual", location=ctx.ev.indicators[rows[0]].provenance.get("name"),
            rule="得分应以实际完成值为依据",
        )  # fmt: skip
        return
    for i in rows:
        ind = ctx.ev.indicators[i]
        ctx.add_row(
            Code.ACTUAL_MISSING, i,
            f"得分 {show(ind.score)}，但未填写实际完成值{'（年度指标值也未填写）' if _blank(ind.target) else ''}",
            field="actual", stated=show(ind.score), rule="得分应以实际完成值为依据",
        )  # fmt: skip


_normalised = lru_cache(maxsize=4096)(normalise_text)
"""normalise_text of a 二级 label (a table repeats a few)."""


@lru_cache(maxsize=16_384)
def _name_key(name: str | None) -> str:
    """The name compared for duplicates; empty for what is not an indicator's name — a figure
    (``100%``, ``5``: a value read into the name column), a placeholder, a label (``其中:``)."""
    key = _NUMBERED.sub("", normalise_text(name or ""))
    if len(_CJK.findall(key)) < 2 or key.endswith((":", "：")) or is_placeholder(key):
        return ""
    return key


def check_duplicates(ctx: Context) -> None:
    """Two rows with one name (seed 000: a 成本 row copied from the 数量 row above it).

    A name repeated under three or more different 二级 is the form's habit of naming every row
    after the project (seed 002: ``指标1: 补助城乡居民养老保险`` under 数量, 质量, 时效, 成本,
    the measure in the value), not a duplicate.
    """
    groups: dict[str, list[int]] = {}
    for i, ind in enumerate(ctx.ev.indicators):
        key = _name_key(ind.name)
        holds = ind.target or ind.actual or ind.weight is not None or ind.score is not None
        if key and holds:  # a name alone, with no value beside it, is not yet an indicator row
            groups.setdefault(key, []).append(i)
    for rows in groups.values():
        if len(rows) < 2:
            continue
        level2 = {_normalised(ctx.ev.indicators[i].level2 or "") for i in rows}
        if len(level2) >= 3:
            continue
        for i in rows[1:]:
            ind = ctx.ev.indicators[i]
            ctx.add_row(
                Code.DUPLICATE_INDICATOR, i, f"指标“{ind.name}”与第 {rows[0] + 1} 项指标重名",
                field="name", stated=ind.name, rule="同一张表的三级指标不应重复",
            )  # fmt: skip


def check_items(ctx: Context) -> None:
    """评分表 lines (2013 framework) whose score follows from the figures."""
    for item, r in zip(ctx.ev.scoring_items, ctx.result.items, strict=False):
        if item.score is None or item.weight is None:
            continue
        where = " › ".join(p for p in (item.level1, item.level2, item.name) if p)
        location = item.provenance.get("name")
        if item.score > item.weight:
            ctx.add(
                Code.SCORE_OVER_WEIGHT, where, f"得分 {show(item.score)} 超过分值 {show(item.weight)}",
                field="score", location=location, stated=show(item.score), computed=show(item.weight),
                rule="各项得分不得超过其分值",
            )  # fmt: skip
        elif r.agrees is False and r.computed is not None:
            off = abs(item.score - r.computed)
            code = Code.SCORE_ROUNDING if off <= ctx.rs.tolerance.rounding else Code.SCORE_MISMATCH
            ctx.add(
                code, where,
                f"得分填 {show(item.score)}，按规则应为 {show(r.computed)}（相差 {show(off)} 分）：{r.explanation}",
                field="score", location=location, stated=show(item.score), computed=show(r.computed),
                rule="评分表各项按其计分方法计算",
            )  # fmt: skip


CHECKS = (check_scores, check_items, check_reasons, check_values, check_duplicates)
