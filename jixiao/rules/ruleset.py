"""The rule-set schema: every number of ``../shared/rules.md`` as a parameter.

A rule set is a TOML file.  The ones jixiao ships live in ``jixiao/rules/data``; a user passes
their own with ``--rules PATH``.  Nothing in the scoring engine is specific to a province: a
local variant is a new file, never a code fork.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from jixiao.model.vocabulary import level_name
from jixiao.rules.layout import Layout as Layout  # re-exported: the schema's own name for it

DATA_DIR = Path(__file__).with_name("data")


class _Rules(BaseModel):
    """TOML is read with parse_float=Decimal, so ``0.8`` in a rule file is exactly Decimal("0.8")."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Meta(_Rules):
    name: str
    title: str
    follows: str = Field(description="the document this rule set follows")
    layout: Layout = Layout.NATIONAL
    notes: str = ""


class Level1Weight(_Rules):
    name: str
    weight: Decimal
    aliases: tuple[str, ...] = ()


class Weights(_Rules):
    execution: Decimal = Field(description="预算执行率 weight; 0 when the table has no execution line")
    indicators_total: Decimal = Field(description="sum of all indicator weights")
    level1: tuple[Level1Weight, ...] = ()
    missing_satisfaction_to: str | None = Field(
        default=None, description="一级 that takes the 满意度 weight when a table has none"
    )


class Denominator(StrEnum):
    ADJUSTED = "adjusted_budget"
    INITIAL = "initial_budget"
    ALLOCATED = "allocated"


class Execution(_Rules):
    denominator: Denominator = Denominator.ADJUSTED
    cap_at_weight: bool = True
    explain_below: Decimal | None = Field(default=None, description="rate below which a reason is due")


class ReverseUnmet(StrEnum):
    RATIO = "ratio"  # w × A / B
    LINEAR = "linear"  # w × max(0, 1 − (B − A) / A): 0 at 2A


class ReverseMet(StrEnum):
    FULL = "full"
    SPEND_RATIO = "spend_ratio"  # a met ≤ money row still scored w × B / A (昌吉 practice)


class ZeroTarget(StrEnum):
    ALL_OR_NOTHING = "all_or_nothing"  # = 0: full when B ≤ 0, else 0
    MANUAL = "manual"


class Quantitative(_Rules):
    reverse_unmet: ReverseUnmet = ReverseUnmet.RATIO
    reverse_met: ReverseMet = ReverseMet.FULL
    equal_zero_target: ZeroTarget = ZeroTarget.ALL_OR_NOTHING
    percent_actual_is_completion: bool = Field(
        default=True,
        description="a percentage actual beside a non-percentage target is a completion rate",
    )
    deadline_late_score: Decimal = Field(default=Decimal(0), description="fraction for a late date")
    reverse_names: tuple[str, ...] = Field(
        default=(
            "受害率", "成灾率", "发生率", "事故率", "投诉率", "差错率", "失误率", "违规率", "违纪率", "死亡率",
            "病死率", "误差率", "返工率", "逾期率", "不合格率", "损失率", "损耗率", "流失率", "辍学率", "失业率",
            "空置率", "超支率", "漏报率", "误报率",
        ),
        description="name endings of rates where less is better: a bare target (no ≤ / ≥, no 指标性质) "
        "under such a name is an upper bound",
    )  # fmt: skip


class Tier(_Rules):
    label: str
    low: Decimal
    high: Decimal
    keywords: tuple[str, ...] = ()


class Qualitative(_Rules):
    tiers: tuple[Tier, ...]
    propose_default: bool = Field(default=False, description="propose the top of the band when no score is stated")
    same_as_target_is_top_tier: bool = True


class OverCompletion(_Rules):
    ratio: Decimal = Decimal("1.2")
    requires: str = "explanation"
    deduction: Decimal = Decimal(0)


class RoundingMode(StrEnum):
    HALF_UP = "half_up"
    TRUNCATE = "truncate"


class Rounding(_Rules):
    mode: RoundingMode = RoundingMode.HALF_UP
    digits: int = 2
    round_rows_before_sum: bool = True


class Grade(_Rules):
    label: str
    min: Decimal


class ReasonRequired(StrEnum):
    BELOW_FULL = "below_full"  # any row scored below its weight
    TARGET_MISSED = "target_missed"


class Deviation(_Rules):
    required_when: tuple[ReasonRequired, ...] = (ReasonRequired.BELOW_FULL, ReasonRequired.TARGET_MISSED)
    placeholder_texts: tuple[str, ...] = (
        "无", "/", "-", "—", "——", "无。", "暂无", "不适用", "0", "*", "…", "……", "无偏差",
    )  # fmt: skip


class Tolerance(_Rules):
    strict: Decimal = Decimal("0.01")
    rounding: Decimal = Field(default=Decimal("0.05"), description="off by at most this: a rounding habit")


class ReviewThresholds(_Rules):
    """Where the review starts to doubt a table (not scoring rules: they flag, never score)."""

    low_execution: Decimal = Field(
        default=Decimal("0.6"), description="execution rate below which full marks are doubted"
    )
    near_full: Decimal = Field(
        default=Decimal("0.9"), description="share of the output/benefit points that counts as (nearly) full marks"
    )
    dimensions: tuple[str, ...] = Field(
        default=("产出", "效益", "满意度"), description="the 一级 dimensions a table's indicators must cover"
    )
    actual_required: bool = Field(
        default=True, description="a scored row needs its 实际完成值 (not on a 评分表, which has no such column)"
    )
    text_min_terms: int = Field(
        default=2, description="key terms (two-character words of its name) a text must share with a row to name it"
    )
    text_min_share: Decimal = Field(default=Decimal("0.3"), description="… and at least this share of the row's terms")
    text_target_words: tuple[str, ...] = Field(
        default=("计划", "目标", "预期", "预计", "年初", "下达", "批复", "要求", "不低于", "不少于", "不超过", "不高于",
                 "力争", "争取", "标准", "上年", "去年", "同比", "比上"),
        description="words before a figure that make it a target or another year's figure, not this year's actual",
    )  # fmt: skip
    text_measure_words: tuple[str, ...] = Field(
        default=(
            "满意度",
            "率",
            "度",
            "人数",
            "次数",
            "户数",
            "个数",
            "数量",
            "数",
            "量",
            "金额",
            "额",
            "面积",
            "时间",
        ),
        description="the measure a name ends in: a text naming one measure never matches a row of another",
    )
    text_spent_words: tuple[str, ...] = Field(
        default=("已支付", "已拨付", "已支出", "共支出", "累计支出", "实际支出", "实际使用", "已使用", "已兑现",
                 "全年支出", "累计拨付", "累计支付", "实际拨付", "实际支付", "已兑付", "已发放", "支出", "执行", "支付",
                 "拨付", "兑付", "使用"),
        description="words before an amount (元, 万元, 亿元) that make it the year's spending (全年执行数)",
    )  # fmt: skip
    text_skip_after: tuple[str, ...] = Field(
        default=("以上", "以下", "左右", "以内", "标准", "余", "多"),
        description="words after a figure that make it a bound or an estimate",
    )


class FrameworkMethod(StrEnum):
    JUDGEMENT = "judgement"  # the unit's judgement, only 0 ≤ s ≤ w is checkable
    FUNDS_ARRIVAL = "funds_arrival"  # w × 到位资金 / 预算资金
    BUDGET_EXECUTION = "budget_execution"  # w × 实际支出 / 到位资金
    QUANTITY_COMPLETION = "quantity_completion"  # w × completion of the 数量指标 rows
    TIMELINESS = "timeliness"  # w × completion of the 时效指标 rows
    QUALITY = "quality"  # w × completion of the 质量指标 rows
    COST_SAVING = "cost_saving"  # full when spending stayed within the cost target


class FrameworkItem(_Rules):
    level1: str
    level2: str
    name: str
    weight: Decimal
    method: FrameworkMethod = FrameworkMethod.JUDGEMENT


class NotApplicable(_Rules):
    renormalize: bool = True


class DetectSign(_Rules):
    """One sign that a table follows this rule set (any one of a rule set's signs is enough)."""

    label: str = Field(description="the sign in Chinese, for the reason given to the user")
    columns: tuple[str, ...] = Field(default=(), description="indicator-table columns that must all be present")
    level1_split: dict[str, Decimal] = Field(
        default_factory=dict, description="the 一级 weights the table must show exactly (产出 40, 效益 40 …)"
    )
    kinds: tuple[str, ...] = Field(default=(), description="table kinds (TableKind values), one of which the table is")
    level1_words: tuple[str, ...] = Field(
        default=(), description="一级 labels (points dropped) of which the indicator rows show at least one"
    )


class Detect(_Rules):
    """How ``--rules auto`` recognises a table of this rule set (the ``[detect]`` table).

    A rule set with a condition (scoring sheet, execution line, signs) claims the tables that
    meet it, highest ``priority`` first.  Tables no rule set claims are scored under each rule
    set of the default's ``family`` and take the one whose stated scores they follow.
    """

    priority: int = 0
    scoring_sheet: bool | None = Field(default=None, description="the table has 评分表 lines (True) or none (False)")
    execution_line: bool | None = Field(default=None, description="the table has an execution item (True) or none")
    any_of: tuple[DetectSign, ...] = Field(default=(), description="at least one of these signs must hold")
    family: str | None = Field(default=None, description="rule sets chosen between by the scores the rows follow")
    reason: str = Field(default="", description="the reason given when the conditions alone choose the rule set")

    @property
    def claims(self) -> bool:
        """Does this rule set claim tables by their layout (rather than by their scores)?"""
        return self.scoring_sheet is not None or self.execution_line is not None or bool(self.any_of)


class RuleSet(_Rules):
    """A complete, validated rule set."""

    meta: Meta
    weights: Weights
    execution: Execution = Execution()
    quantitative: Quantitative = Quantitative()
    qualitative: Qualitative
    over_completion: OverCompletion = OverCompletion()
    not_applicable: NotApplicable = NotApplicable()
    rounding: Rounding = Rounding()
    grades: tuple[Grade, ...]
    deviation: Deviation = Deviation()
    tolerance: Tolerance = Tolerance()
    review: ReviewThresholds = ReviewThresholds()
    items: tuple[FrameworkItem, ...] = ()
    detect: Detect = Detect()

    @property
    def name(self) -> str:
        return self.meta.name

    @model_validator(mode="after")
    def _check(self) -> RuleSet:
        if [g.min for g in self.grades] != sorted((g.min for g in self.grades), reverse=True):
            raise ValueError("grades 必须按 min 从高到低排列")
        for tier in self.qualitative.tiers:
            if not Decimal(0) <= tier.low <= tier.high <= Decimal(1):
                raise ValueError(f"档次“{tier.label}”的上下限应在 0 与 1 之间")
        total = self.weights.execution + self.weights.indicators_total
        if total != 100:
            raise ValueError(f"execution + indicators_total 应为 100，实为 {total}")
        if self.weights.level1 and sum(w.weight for w in self.weights.level1) != self.weights.indicators_total:
            raise ValueError("level1 各项权重之和应等于 indicators_total")
        return self

    def level1_of(self, label: str | None) -> Level1Weight | None:
        """The 一级 a table's label belongs to (``产出指标(50分)`` → 产出指标), if any."""
        if not label:
            return None
        key = canonical_level1(label)
        for lw in self.weights.level1:
            if key == canonical_level1(lw.name) or key in (canonical_level1(a) for a in lw.aliases):
                return lw
        return None


@lru_cache(maxsize=4096)
def canonical_level1(label: str) -> str:
    """``产 出 指 标 (50分)`` → ``产出``: spaces, the point label and the 指标/值 suffix go."""
    return level_name(label)


class RuleSetError(ValueError):
    """A rule-set file that cannot be used; the message names the file and the field."""


def load_rule_set_file(path: Path) -> RuleSet:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except FileNotFoundError:
        raise RuleSetError(f"规则集文件 {path} 不存在") from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleSetError(f"规则集文件 {path} 不是有效的 TOML：{exc}") from None
    try:
        return RuleSet.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise RuleSetError(f"规则集文件 {path}：{where} {err['msg']}") from None
