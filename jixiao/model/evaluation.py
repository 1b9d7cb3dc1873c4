"""The evaluation data model: one 项目支出绩效自评表 and what jixiao computes from it.

The JSON form is versioned (``SCHEMA_VERSION``).  Field names are English snake_case; the
names marked *fixed* are read by other tools and by ``../shared/corpus/*.json`` and must not
change.  Every amount, rate, weight and score is a ``Decimal``: floats in JSON input are read
through their shortest decimal representation, so ``0.1`` is exactly ``Decimal("0.1")``.

Stated values (what the document says) and computed values (what jixiao works out) sit side
by side and are never merged: ``score`` is stated, ``computed_score`` is ours.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

SCHEMA_VERSION = "1.0"


def _to_decimal(value: Any) -> Any:
    """Floats go through ``repr`` so 0.9875 stays 0.9875, not its binary approximation."""
    if isinstance(value, bool):
        raise ValueError("应为数字，不能是 true/false")
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        return text if text else None
    return value


Amount = Annotated[Decimal, BeforeValidator(_to_decimal)]
"""A money amount, rate, weight or score: always ``Decimal``."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True, validate_assignment=False)


class Location(_Model):
    """Where a value was read: enough to point a reviewer at the cell or line."""

    line: int | None = None
    row: int | None = None
    column: int | None = None
    cell: str | None = Field(default=None, description="Spreadsheet address, e.g. 'C7'")
    page: int | None = None
    sheet: str | None = None

    def place(self) -> str:
        """Where to look, as a reviewer says it: 第12行 / 自评表!C7 / 第2页表格第5行."""
        if self.cell:
            return f"{self.sheet}!{self.cell}" if self.sheet else self.cell
        parts = []
        if self.page:
            parts.append(f"第{self.page}页")
        if self.line:
            parts.append(f"第{self.line}行")
        elif self.row is not None:
            parts.append(f"表格第{self.row}行")
        return "".join(parts)


class TableKind(StrEnum):
    """Kinds of table found in the field's documents."""

    PROJECT_SELF_EVALUATION = "项目支出绩效自评表"
    SCORING_SHEET = "评分表"
    DEPARTMENT_OVERALL = "部门整体支出绩效自评表"
    PERFORMANCE_TARGETS = "绩效目标表"
    SELF_EVALUATION_REPORT = "绩效自评报告"


class Source(_Model):
    """The document and table an evaluation came from."""

    file: str | None = None
    table: int | None = Field(default=None, description="1-based number of the table in the file")
    title: str | None = None
    document_title: str | None = Field(
        default=None, description="the document's own title or file name where it differs from the table's title"
    )
    location: Location | None = None


class FundLine(_Model):
    """One fund row: 年度资金总额 or one source (当年财政拨款, 上年结转资金, 其他资金 …)."""

    name: str | None = None
    initial_budget: Amount | None = Field(default=None, description="年初预算数 (fixed)")
    adjusted_budget: Amount | None = Field(default=None, description="全年预算数 (fixed)")
    executed: Amount | None = Field(default=None, description="全年执行数 (fixed)")
    allocated: Amount | None = Field(
        default=None, description="预算下达/到位资金, where the table gives it (framework-2013, 湖南 forms)"
    )
    balance: Amount | None = Field(default=None, description="结余 as stated, where the table gives it")
    parts: list[FundLine] = Field(
        default_factory=list, description="其中 lines under this one (a programme's own 中央/市级/本级 split)"
    )
    provenance: dict[str, Location] = Field(default_factory=dict)


class Funds(FundLine):
    """The funds block: the 年度资金总额 line, its sources, and the unit they are written in."""

    unit: str = Field(default="万元", description="万元 or 元, as the table's header says")
    year: int | None = Field(
        default=None, description="the year the figures are stated for, where the text names one (2020年年初下达…)"
    )
    sources: list[FundLine] = Field(default_factory=list)


class Goal(_Model):
    """One line of 年度总体目标: 预期目标 and 实际完成情况."""

    expected: str | None = None
    actual: str | None = None
    provenance: dict[str, Location] = Field(default_factory=dict)


class Indicator(_Model):
    """One three-level indicator row."""

    level1: str | None = Field(default=None, description="一级指标 (fixed)")
    level2: str | None = Field(default=None, description="二级指标 (fixed)")
    name: str | None = Field(default=None, description="三级指标 (fixed)")
    target: str | None = Field(default=None, description="年度指标值 as written (fixed)")
    actual: str | None = Field(default=None, description="实际完成值 as written (fixed)")
    weight: Amount | None = Field(default=None, description="分值 (fixed)")
    score: Amount | None = Field(default=None, description="stated 得分 (fixed)")
    deviation_note: str | None = Field(default=None, description="偏差原因分析及改进措施 (fixed)")
    not_applicable: bool = Field(default=False, description="row marked 不适用 / '/'")
    nature: str | None = Field(default=None, description="指标性质 column (正向/反向/定性) if any")
    unit: str | None = Field(default=None, description="度量单位 column if any")
    progress_stated: Amount | None = Field(default=None, description="完成进度 as a fraction")
    recheck_score: Amount | None = Field(
        default=None, description="复核得分: a department's or finance's spot-check score, kept apart from score"
    )
    remark: str | None = Field(default=None, description="备注 column if any")
    standard: str | None = Field(
        default=None, description="评分标准 / 指标解释 column if any: the scoring rule as written (a 评分表's rows)"
    )
    review_comment: str | None = Field(default=None, description="复核意见 written by a reviewer on this row")
    provenance: dict[str, Location] = Field(default_factory=dict)

    computed_score: Amount | None = Field(default=None, description="computed by jixiao")
    explanation: str | None = Field(default=None, description="how computed_score was reached")
    status: str | None = Field(default=None, description="computed by jixiao: scoring status")
    band: tuple[Amount, Amount] | None = Field(default=None, description="qualitative tier band")
    verified_score: Amount | None = Field(default=None, description="核定得分 after checking")


class ScoringItem(_Model):
    """One line of a 投入/过程/产出/效果 评分表 (the 2013 framework, seed 002)."""

    level1: str | None = None
    level2: str | None = None
    name: str | None = None
    weight: Amount | None = None
    score: Amount | None = None
    standard: str | None = Field(default=None, description="评分标准 as written")
    recheck_score: Amount | None = Field(default=None, description="复核得分 beside the stated score")
    deduction_reason: str | None = Field(default=None, description="扣分原因 / 说明")
    provenance: dict[str, Location] = Field(default_factory=dict)

    computed_score: Amount | None = None
    explanation: str | None = None
    status: str | None = None


class Subtotal(_Model):
    """A stated subtotal (一级 or 二级 line) or a computed one."""

    level1: str
    level2: str | None = None
    weight: Amount | None = None
    score: Amount | None = None
    provenance: dict[str, Location] = Field(default_factory=dict)


class Doubt(_Model):
    """A value ingest read but is not sure of: the reading kept, the one nearly as good.

    Ingest never passes a close call on as fact: the review reports each doubt as
    ``INGEST_UNCERTAIN`` and raises no error computed from the doubtful value.
    """

    field: str = Field(description="path of the value, e.g. 'indicators[3].score' or 'funds.executed'")
    reading: str | None = Field(default=None, description="the value kept, as text (None when left empty)")
    alternatives: list[str] = Field(default_factory=list, description="other readings nearly as good")
    reason: str = Field(default="", description="why the reading is doubtful, in Chinese")
    location: Location | None = None


class Evaluator(_Model):
    """A person named in the 评价人员 block."""

    name: str | None = None
    title: str | None = None
    office: str | None = None
    phone: str | None = None


class Evaluation(_Model):
    """One self-evaluation table (一张自评表).

    A JSON object holding only the fixed names is a valid evaluation.
    """

    schema_version: str = SCHEMA_VERSION
    kind: TableKind = TableKind.PROJECT_SELF_EVALUATION
    year: int | None = Field(default=None, description="评价年度 (fixed)")
    project_name: str | None = Field(default=None, description="项目名称 (fixed)")
    department: str | None = Field(default=None, description="主管部门 (fixed)")
    implementing_unit: str | None = Field(default=None, description="实施单位 (fixed)")
    project_attribute: str | None = Field(default=None, description="项目属性")
    project_period: str | None = Field(default=None, description="项目期")
    funds: Funds | None = None
    execution_rate_stated: Amount | None = Field(default=None, description="fraction (fixed)")
    execution_weight: Amount | None = Field(default=None, description="(fixed)")
    execution_score_stated: Amount | None = Field(default=None, description="(fixed)")
    goals: list[Goal] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    columns: list[str] = Field(
        default_factory=list,
        description="the indicator table's columns after 三级指标 as read (target, actual, weight, score, "
        "deviation_note, method …); empty when unknown",
    )
    scoring_items: list[ScoringItem] = Field(default_factory=list)
    subtotals_stated: list[Subtotal] = Field(default_factory=list)
    total_score_stated: Amount | None = Field(default=None, description="总分 (fixed)")
    recheck_total_stated: Amount | None = Field(default=None, description="复核总分 where the table states one")
    grade_stated: str | None = Field(default=None, description="评价等次 (fixed)")
    evaluators: list[Evaluator] = Field(default_factory=list)
    fill_date: dt.date | None = Field(default=None, description="填报日期")
    preparer: str | None = Field(default=None, description="填报人")
    preparer_phone: str | None = Field(default=None, description="联系电话")
    conclusion: str | None = Field(default=None, description="评价结论")
    problems: str | None = Field(default=None, description="存在问题")
    improvements: str | None = Field(default=None, description="改进措施")
    source: Source | None = None
    truncated: bool = Field(default=False, description="the table ends mid-way in its source")
    doubts: list[Doubt] = Field(default_factory=list, description="values ingest read with doubt")
    provenance: dict[str, Location] = Field(default_factory=dict)

    rule_set: str | None = Field(default=None, description="computed: rule set used")
    execution_rate: Amount | None = Field(default=None, description="computed (fixed)")
    execution_score: Amount | None = Field(default=None, description="computed (fixed)")
    total_score: Amount | None = Field(default=None, description="computed (fixed)")
    grade: str | None = Field(default=None, description="computed (fixed)")
    verified_total: Amount | None = Field(default=None, description="核定总分 after checking")
    subtotals: list[Subtotal] = Field(default_factory=list, description="computed per 一级/二级")
