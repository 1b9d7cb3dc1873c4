"""What the engine returns: computed values beside the stated ones, never merged.

These are plain slotted dataclasses, not pydantic models: the engine builds hundreds of
thousands of them per second, and they carry already-validated values.  ``apply`` copies them
onto an ``Evaluation`` for JSON output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
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
    rate: Decimal | None
    """Exact 执行率 as a fraction."""
    weight: Decimal
    score: Decimal | None
    exact: Decimal | None
    explanation: str
    rate_agrees: bool | None = None
    score_agrees: bool | None = None


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
    total_explanation: str
    uncomputed_rows: tuple[int, ...] = field(default=())
