"""What the engine returns: computed values beside the stated ones, never merged.

These are plain slotted dataclasses, not pydantic models: the engine builds hundreds of
thousands of them per second, and they carry already-validated values.  ``apply`` copies them
onto an ``Evaluation`` for JSON output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class RowStatus(StrEnum):
    """How a row's computed score was reached (or why there is none)."""

    COMPUTED = "computed"  # quantitative: the formula applied
    QUALITATIVE_ACCEPTED = "qualitative_accepted"  # the unit's score lies in its tier band
    QUALITATIVE_OUT_OF_BAND = "qualitative_out_of_band"  # outside the band: held to its edge
    QUALITATIVE_PROPOSED = "qualitative_proposed"  # no score stated; the rule set proposes one
    QUALITATIVE_UNSCORED = "qualitative_unscored"  # no score stated and none proposed
    NOT_COMPUTABLE = "not_computable"  # target and actual cannot be compared
    NOT_APPLICABLE = "not_applicable"  # 不适用: dropped, total re-normalised
    UNWEIGHTED = "unweighted"  # no 分值 (a sub-item such as 其中…): not scored

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    RowStatus.COMPUTED: "已计算",
    RowStatus.QUALITATIVE_ACCEPTED: "定性·档内",
    RowStatus.QUALITATIVE_OUT_OF_BAND: "定性·超出档次",
    RowStatus.QUALITATIVE_PROPOSED: "定性·建议分",
    RowStatus.QUALITATIVE_UNSCORED: "定性·未评分",
    RowStatus.NOT_COMPUTABLE: "无法计算",
    RowStatus.NOT_APPLICABLE: "不适用",
    RowStatus.UNWEIGHTED: "无分值",
}


@dataclass(slots=True, frozen=True)
class RowResult:
    """One indicator row, scored.  Results are positional: ``rows[i]`` belongs to
    ``indicators[i]``.  Carrying no position lets identical rows share one result."""

    status: RowStatus
    computed: Decimal | None
    """The computed score, rounded by the rule set."""
    exact: Decimal | None
    """The computed score before rounding (what agreement is judged against)."""
    explanation: str
    agrees: bool | None = None
    """Does the stated score agree with the computed one (None: nothing to compare)."""
    band: tuple[Decimal, Decimal] | None = None
    tier: str | None = None
    target_met: bool | None = None
    completion: Decimal | None = None
    """Actual ÷ target for a quantitative row (for over-completion and shortfall checks)."""
    over_completion: bool = False
    reason: str | None = None
    """Why the row is not computable."""
    verified: Decimal | None = None
    """核定得分: the stated score where it agrees with the rules, else the computed one."""


@dataclass(slots=True, frozen=True)
class ItemResult:
    """One line of a 投入/过程/产出/效果 评分表."""

    index: int
    status: RowStatus
    computed: Decimal | None
    exact: Decimal | None
    explanation: str
    agrees: bool | None = None


@dataclass(slots=True, frozen=True)
class ExecutionResult:
    """预算执行率 and its score.  The explanation is written when asked for: scoring a
    province's tables needs the figures, not a sentence per table."""

    rate: Decimal | None
    """Exact 执行率 as a fraction."""
    weight: Decimal
    score: Decimal | None
    exact: Decimal | None
    note: str = ""
    """Why there is no rate (or which denominator stood in); empty when all is normal."""
    executed: Decimal | None = None
    denominator: Decimal | None = None
    capped: bool = False
    rate_agrees: bool | None = None
    score_agrees: bool | None = None

    @property
    def explanation(self) -> str:
        if self.rate is None or self.executed is None or self.denominator is None:
            return self.note
        pct = (self.rate * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        cap = "（超过 100% 按 100% 计）" if self.capped else ""
        note = f"（{self.note}）" if self.note else ""
        if not self.weight:
            return f"执行率 = {_plain(self.executed)} ÷ {_plain(self.denominator)} = {pct}%{note}"
        return (
            f"执行率 = {_plain(self.executed)} ÷ {_plain(self.denominator)} = {pct}%{cap}{note}；"
            f"得分 = {_plain(self.weight)} × {pct}% = {self.score}"
        )


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


@dataclass(slots=True, frozen=True)
class Subtotal:
    level1: str
    level2: str | None
    weight: Decimal
    computed: Decimal | None


@dataclass(slots=True, frozen=True)
class ScoreResult:
    """An evaluation, scored by one rule set."""

    rule_set: str
    execution: ExecutionResult
    rows: tuple[RowResult, ...]
    items: tuple[ItemResult, ...]
    total: Decimal | None
    """Execution + Σ computed rows; None when a scored row cannot be computed."""
    verified_total: Decimal | None
    """核定总分: stated figures that agree with the rules, computed ones where they do not."""
    grade: str | None
    verified_grade: str | None
    weight_total: Decimal
    uncomputed_rows: tuple[int, ...] = field(default=())
    na_weight: Decimal = Decimal(0)
    """Weight of the rows marked 不适用."""
    renormalized_from: Decimal | None = None
    """The applicable weight the total was scaled from to 100, when rows were 不适用."""

    @property
    def total_explanation(self) -> str:
        if self.items:
            return "评分表各项得分之和"
        if self.execution.weight and self.execution.score is None:
            return "预算执行率无法计算，总分无法计算"
        if self.uncomputed_rows:
            return f"第 {'、'.join(str(i + 1) for i in self.uncomputed_rows)} 行无法计算，总分无法计算"
        if self.renormalized_from is not None:
            return (
                f"不适用指标（{_plain(self.na_weight)}分）剔除后按 {_plain(self.renormalized_from)} 分"
                f"折算为百分制 = {self.total}"
            )
        return f"总分 = 执行率得分 + 各指标得分 = {self.total}"
