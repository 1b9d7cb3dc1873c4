"""Scoring one indicator row (A = target 年度指标值, B = actual 实际完成值, w = weight).

Each function returns a ``RowResult`` whose explanation is one Chinese line an accountant can
check by hand, e.g. ``实际12488人 < 目标13440人：8 × 12488 ÷ 13440 = 7.43``.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import lru_cache
from typing import Any

from jixiao.model.evaluation import Indicator
from jixiao.model.values import Op, ParsedValue, normalise_text, parse_value, with_unit
from jixiao.model.writing import drop_bracketed
from jixiao.rules.ruleset import Quantitative, ReverseMet, ReverseUnmet, RuleSet, Tier, ZeroTarget
from jixiao.scoring.numbers import agrees, quantize
from jixiao.scoring.results import RowResult, RowStatus

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)

CONSULTED = {name: 1 << k for k, name in enumerate(Quantitative.model_fields)}
"""A bit for each ``[quantitative]`` setting: a row's scoring records each one it reads (see
``score_traced``), so a rule set that differs from another only in settings a row never read
scores that row as the other does, without scoring it again."""
ROW_SECTIONS = ("rounding", "qualitative", "over_completion", "deviation")
"""The rule set's other sections a row's scoring reads (untraced): two rule sets that differ in
any of them may score any row differently."""


def fmt(value: Decimal) -> str:
    """A number as a person writes it: no exponent, no trailing zeros (``1E+1`` → ``10``)."""
    text = format(value.normalize(), "f")
    return text


def _shown(pv: ParsedValue) -> str:
    if pv.value is None:
        return pv.text.strip()
    return f"{fmt(pv.value)}{pv.unit}"


def _round(rs: RuleSet, value: Decimal) -> Decimal:
    return quantize(value, rs.rounding.digits, rs.rounding.mode)


def _clamp(value: Decimal, weight: Decimal) -> Decimal:
    """得分不得突破权重, and never below zero."""
    return min(max(value, ZERO), weight)


class _Row:
    """The pieces every scoring path needs; keeps the path functions short.  ``consulted``:
    the ``CONSULTED`` bits of the quantitative settings the path has read."""

    __slots__ = ("consulted", "ind", "rs", "weight")

    def __init__(self, ind: Indicator, rs: RuleSet, weight: Decimal) -> None:
        self.ind, self.rs, self.weight = ind, rs, weight
        self.consulted = 0

    def quantitative(self, name: str) -> Any:
        """A ``[quantitative]`` setting, recorded as read."""
        self.consulted |= CONSULTED[name]
        return getattr(self.rs.quantitative, name)

    def result(
        self,
        exact: Decimal,
        formula: str,
        *,
        target_met: bool | None = None,
        completion: Decimal | None = None,
        over_completion: bool = False,
    ) -> RowResult:
        """A computed score; the explanation ends with the rounded result."""
        return self._make(
            exact, f"{formula} = {_round(self.rs, _clamp(exact, self.weight))}", target_met, completion, over_completion
        )

    def full(
        self,
        why: str,
        *,
        target_met: bool | None = None,
        completion: Decimal | None = None,
        over_completion: bool = False,
    ) -> RowResult:
        return self._make(self.weight, f"{why}，得满分{fmt(self.weight)}", target_met, completion, over_completion)

    def _make(
        self, exact: Decimal, explanation: str, target_met: bool | None, completion: Decimal | None, over: bool
    ) -> RowResult:
        exact = _clamp(exact, self.weight)
        computed = _round(self.rs, exact)
        stated = self.ind.score
        ok = None if stated is None else agrees(stated, exact, self.rs.rounding.digits, self.rs.rounding.mode)
        return RowResult(
            RowStatus.COMPUTED,
            computed,
            exact,
            explanation,
            ok,
            target_met=target_met,
            completion=completion,
            over_completion=over,
            verified=stated if ok else computed,
        )

    def not_computable(self, reason: str) -> RowResult:
        return RowResult(
            RowStatus.NOT_COMPUTABLE,
            None,
            None,
            f"无法计算：{reason}",
            None,
            reason=reason,
            verified=self.ind.score,
        )


def score_indicator(ind: Indicator, rs: RuleSet) -> RowResult:
    """Score one row by the rule set.  Pure: the same row and rules give the same result."""
    return score_traced(ind, rs)[0]


def score_traced(ind: Indicator, rs: RuleSet) -> tuple[RowResult, int]:
    """The row's score and the ``CONSULTED`` bits of the quantitative settings it read: under
    a rule set equal in ``ROW_SECTIONS`` and in those settings the row scores the same."""
    if ind.not_applicable:
        return RowResult(RowStatus.NOT_APPLICABLE, None, None, "不适用，不计分", None), 0
    if ind.weight is None:
        return RowResult(RowStatus.UNWEIGHTED, None, None, "未设分值，不单独计分", None), 0
    row = _Row(ind, rs, ind.weight)
    target = _target(ind, rs, row)
    actual = parse_value(ind.actual)

    if target.op is Op.QUALITATIVE:
        return _qualitative(row, target, actual), row.consulted
    if target.op is Op.DEADLINE:
        return _deadline(row, target, actual), row.consulted
    if target.op is Op.EMPTY:
        return row.not_computable("未填写年度指标值"), row.consulted
    return _quantitative(row, target, actual), row.consulted


def target_of(ind: Indicator, rs: RuleSet | None = None) -> ParsedValue:
    """The row's target as scored: its 度量单位 and 指标性质 columns applied, and the direction
    its name gives a bare target (``森林火灾受害率 0.9%`` is at most 0.9%) under ``rs``."""
    return _target(ind, rs, None)


def _target(ind: Indicator, rs: RuleSet | None, row: _Row | None) -> ParsedValue:
    target = parse_value(ind.target)
    if ind.unit:
        target = with_unit(target, ind.unit)
    target = _apply_nature(target, ind.nature)
    if rs is not None and target.op is Op.EQ and not ind.nature and ind.name:
        if row is not None:
            row.consulted |= CONSULTED["reverse_names"]
        if _ends_with(ind.name, rs.quantitative.reverse_names):
            return replace(target, op=Op.LE)
    return target


@lru_cache(maxsize=16_384)
def _ends_with(name: str, endings: tuple[str, ...]) -> bool:
    """Does the name (its bracketed unit dropped) end in one of the endings?  Cached: names recur."""
    return drop_bracketed(normalise_text(name)).endswith(endings)


def assess(ind: Indicator, rs: RuleSet) -> RowResult:
    """Compare target and actual even where the row has no 分值 (central transfer forms):
    scored on a weight of 1, so ``completion`` and ``target_met`` are known for every row."""
    if ind.weight is not None or ind.not_applicable:
        return score_indicator(ind, rs)
    return score_indicator(ind.model_copy(update={"weight": ONE, "score": None}), rs)


def _apply_nature(target: ParsedValue, nature: str | None) -> ParsedValue:
    """A 指标性质 column (四川 forms) decides the direction when the value has no sign."""
    if not nature or target.op is not Op.EQ:
        return target
    n = normalise_text(nature)
    if "定性" in n:
        return replace(target, op=Op.QUALITATIVE)
    if "反向" in n or "逆向" in n:
        return replace(target, op=Op.LE)
    if "正向" in n:
        return replace(target, op=Op.GE)
    return target


# --- quantitative -------------------------------------------------------------------------


def _align_actual(target: ParsedValue, actual: ParsedValue) -> tuple[ParsedValue, str]:
    """Give a bare actual the target's unit; read ``0.8`` beside a percentage target as 80%."""
    if actual.value is None or actual.unit:
        return actual, ""
    if target.is_percent and target.value is not None and actual.value <= ONE < target.value:
        scaled = replace(actual, value=actual.value * HUNDRED)
        return with_unit(scaled, "%"), f"实际值{fmt(actual.value)}按比例读作{fmt(actual.value * HUNDRED)}%；"
    return with_unit(actual, target.unit), ""


def _quantitative(row: _Row, target: ParsedValue, actual: ParsedValue) -> RowResult:
    w = row.weight
    if actual.op is Op.EMPTY:
        return row.not_computable("未填写实际完成值")
    if not actual.is_quantity:
        if normalise_text(actual.text) == normalise_text(target.text):
            return row.full("实际完成值与年度指标值相同")
        return row.not_computable(f"实际完成值“{actual.text.strip()}”不是数值")
    actual, note = _align_actual(target, actual)
    if actual.base_unit != target.base_unit:
        if actual.is_percent and row.quantitative("percent_actual_is_completion"):
            completion = actual.base or ZERO
            exact = w * min(completion, ONE)
            return row.result(
                exact,
                f"实际完成值以完成率表示（{_shown(actual)}）：{fmt(w)} × {_shown(actual)}",
                target_met=completion >= ONE,
                completion=completion,
            )
        return row.not_computable(
            f"单位不一致：年度指标值为“{target.unit or '无单位'}”，实际完成值为“{actual.unit or '无单位'}”"
        )
    a = target.base or ZERO
    b = max(actual.base or ZERO, ZERO)
    if target.op in (Op.GE, Op.GT):
        return _positive(row, target, actual, a, b, note)
    if target.op in (Op.LE, Op.LT):
        return _reverse(row, target, actual, a, b, note)
    if target.op is Op.RANGE:
        hi = target.base_upper or a
        if b < a:
            return _positive(row, target, actual, a, b, note)
        if b > hi:
            upper = replace(target, value=target.upper)
            return _reverse(row, upper, actual, hi, b, note)
        return row.full(
            f"{note}实际{_shown(actual)}在目标区间{_shown(target)}–{fmt(target.upper or ZERO)}内", target_met=True
        )
    # Op.EQ
    if a == 0:
        return _zero_target(row, target, actual, b, note)
    return _positive(row, target, actual, a, b, note)


def _positive(row: _Row, target: ParsedValue, actual: ParsedValue, a: Decimal, b: Decimal, note: str) -> RowResult:
    """正向 (≥, >, and = with A > 0): met → w; else w × B ÷ A."""
    rs, w = row.rs, row.weight
    if a == 0:
        return _zero_target(row, target, actual, b, note)
    completion = b / a
    over = completion >= rs.over_completion.ratio
    if b >= a:
        deduction = rs.over_completion.deduction
        if over and deduction > 0 and not has_reason(row.ind, rs):
            return row.result(
                w - deduction,
                f"{note}实际{_shown(actual)}超目标{_shown(target)}的{fmt(rs.over_completion.ratio * HUNDRED)}%"
                f"且未说明：{fmt(w)} − {fmt(deduction)}",
                target_met=True,
                completion=completion,
                over_completion=True,
            )
        return row.full(
            f"{note}实际{_shown(actual)} ≥ 目标{_shown(target)}，达标",
            target_met=True,
            completion=completion,
            over_completion=over,
        )
    return row.result(
        w * b / a,
        f"{note}实际{_shown(actual)} < 目标{_shown(target)}："
        f"{fmt(w)} × {fmt(b / target.scale)} ÷ {fmt(a / target.scale)}",
        target_met=False,
        completion=completion,
    )


def _reverse(row: _Row, target: ParsedValue, actual: ParsedValue, a: Decimal, b: Decimal, note: str) -> RowResult:
    """反向 (≤, <): met → w (or w × B ÷ A where the rule set scores spending); else by formula."""
    w = row.weight
    if a == 0:
        return _zero_target(row, target, actual, b, note)
    completion = b / a
    bs, as_ = fmt(b / target.scale), fmt(a / target.scale)
    if b <= a:
        if row.quantitative("reverse_met") is ReverseMet.SPEND_RATIO and target.base_unit.startswith("元"):
            return row.result(
                w * b / a,
                f"{note}实际{_shown(actual)} ≤ 目标{_shown(target)}，按支出比例计分：{fmt(w)} × {bs} ÷ {as_}",
                target_met=True,
                completion=completion,
            )
        return row.full(
            f"{note}反向指标，实际{_shown(actual)} ≤ 目标{_shown(target)}，达标", target_met=True, completion=completion
        )
    if row.quantitative("reverse_unmet") is ReverseUnmet.LINEAR:
        exact = w * max(ZERO, ONE - (b - a) / a)
        return row.result(
            exact,
            f"{note}反向指标，实际{_shown(actual)} > 目标{_shown(target)}：{fmt(w)} × (1 − ({bs} − {as_}) ÷ {as_})",
            target_met=False,
            completion=completion,
        )
    return row.result(
        w * a / b,
        f"{note}反向指标，实际{_shown(actual)} > 目标{_shown(target)}：{fmt(w)} × {as_} ÷ {bs}",
        target_met=False,
        completion=completion,
    )


def _zero_target(row: _Row, target: ParsedValue, actual: ParsedValue, b: Decimal, note: str) -> RowResult:
    """A = 0 (``=0%`` 故障率, ``0次`` 事故): full when B ≤ 0 (or B ≥ 0 for ≥ 0), else 0."""
    if target.op in (Op.GE, Op.GT):
        return row.full(f"{note}目标为{_shown(target)}，实际{_shown(actual)}达标", target_met=True)
    if row.quantitative("equal_zero_target") is ZeroTarget.MANUAL and b > 0:
        return row.not_computable("目标值为 0 且实际不为 0，规则集要求人工评分")
    if b <= 0:
        return row.full(f"{note}目标为{_shown(target)}，实际{_shown(actual)}", target_met=True)
    return row.result(ZERO, f"{note}目标为{_shown(target)}，实际{_shown(actual)}未达标：得0分", target_met=False)


def has_reason(ind: Indicator, rs: RuleSet) -> bool:
    """A 偏差原因 that says something: not empty and not boilerplate (无, /, 暂无 …)."""
    return _says_something(ind.deviation_note or "", rs.deviation.placeholder_texts)


@lru_cache(maxsize=16_384)
def _says_something(note: str, placeholders: tuple[str, ...]) -> bool:
    """Cached: the review asks it of every row, and notes (mostly empty or 无) recur."""
    text = normalise_text(note)
    return bool(text) and text not in {normalise_text(t) for t in placeholders}


# --- deadlines -----------------------------------------------------------------------------


def _deadline(row: _Row, target: ParsedValue, actual: ParsedValue) -> RowResult:
    if actual.op is Op.EMPTY:
        return row.not_computable("未填写实际完成值")
    if normalise_text(actual.text) == normalise_text(target.text):
        return row.full(f"按期完成（{actual.text.strip()}）", target_met=True)
    if actual.op is Op.DEADLINE and actual.deadline and target.deadline:
        if actual.deadline <= target.deadline:
            return row.full(
                f"实际完成时间{actual.deadline:%Y年%m月%d日}不晚于目标{target.deadline:%Y年%m月%d日}", target_met=True
            )
        late = row.quantitative("deadline_late_score")
        return row.result(
            row.weight * late,
            f"实际完成时间{actual.deadline:%Y年%m月%d日}晚于目标{target.deadline:%Y年%m月%d日}："
            f"{fmt(row.weight)} × {fmt(late)}",
            target_met=False,
        )
    # A percentage or a sentence against a date is a judgement of timeliness: check the tier.
    return _qualitative(row, target, actual)


# --- qualitative ---------------------------------------------------------------------------


def find_tier(rs: RuleSet, target: ParsedValue, actual: ParsedValue) -> tuple[Tier | None, str]:
    """The tier an actual value puts a qualitative row in, and why."""
    tiers = rs.qualitative.tiers
    if actual.op is Op.EMPTY:
        return None, "未填写实际完成值"
    if rs.qualitative.same_as_target_is_top_tier and normalise_text(actual.text) == normalise_text(target.text):
        return tiers[0], "实际完成情况与目标表述一致"
    if actual.is_percent and actual.base is not None:
        for tier in tiers:
            if actual.base >= tier.low:
                return tier, f"完成程度{_shown(actual)}"
        return tiers[-1], f"完成程度{_shown(actual)}"
    text = normalise_text(actual.text)
    for tier in reversed(tiers):  # the gravest words first: 未完成 must not read as 完成
        if any(k in text for k in tier.keywords):
            return tier, f"实际“{actual.text.strip()}”"
    return None, f"无法从实际完成值“{actual.text.strip()}”判定档次"


def _qualitative(row: _Row, target: ParsedValue, actual: ParsedValue) -> RowResult:
    """The unit chooses a score inside the band of its tier; the engine checks the band."""
    rs, w, stated = row.rs, row.weight, row.ind.score
    tier, why = find_tier(rs, target, actual)
    if tier is None:
        low, high, label = ZERO, w, "未定档"
    else:
        low, high, label = _round(rs, w * tier.low), _round(rs, w * tier.high), tier.label
    top = tier is not None and tier is rs.qualitative.tiers[0]
    head = f"定性指标，{why}，属{label}（{fmt(low)}–{fmt(high)}分），"

    def banded(status: RowStatus, score: Decimal | None, text: str, ok: bool | None) -> RowResult:
        return RowResult(status, score, score, head + text, ok, (low, high), label,
                         target_met=top if stated is not None else None, verified=score)  # fmt: skip

    if stated is None:
        if rs.qualitative.propose_default and tier is not None:
            return banded(RowStatus.QUALITATIVE_PROPOSED, high, f"未填得分，建议{fmt(high)}分", None)
        return banded(RowStatus.QUALITATIVE_UNSCORED, None, "未填得分", None)
    if low <= stated <= high:
        return banded(RowStatus.QUALITATIVE_ACCEPTED, stated, f"自评{fmt(stated)}分在档内", True)
    held = min(max(stated, low), high)
    return banded(RowStatus.QUALITATIVE_OUT_OF_BAND, held, f"自评{fmt(stated)}分超出档次，按{fmt(held)}分核定", False)
