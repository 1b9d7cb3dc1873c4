"""What every check sees: the evaluation, its rule set, its scores, and the findings so far."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from jixiao.model.evaluation import Evaluation, Indicator, Location
from jixiao.model.values import ParsedValue
from jixiao.review.catalogue import Code, Severity
from jixiao.review.findings import Finding, new_finding
from jixiao.rules.ruleset import RuleSet
from jixiao.scoring.indicators import assess, target_of
from jixiao.scoring.numbers import quantize, shown_digits
from jixiao.scoring.results import RowResult, RowStatus, ScoreResult


def show(value: Decimal | None, suffix: str = "") -> str | None:
    """A figure as the document prints it: the digits stated, never an exponent (``1E+1`` → 10)."""
    return None if value is None else format(value, "f") + suffix


def percent(rate: Decimal | None, digits: int = 2) -> str | None:
    """A fraction as a percentage: 0.98753 → 98.75%."""
    return None if rate is None else f"{quantize(rate * 100, digits)}%"


@dataclass
class Context:
    """One table under review.  The facts every check asks of the table — its rows beside their
    results, each row's comparison and parsed target, where a finding is filed (file, table,
    project, rule set) — are worked out once here, on first need, not by each check again: a
    province's batch reviews tens of thousands of tables, each with a score of findings."""

    ev: Evaluation
    rs: RuleSet
    result: ScoreResult
    implied_weights: frozenset[int] = frozenset()
    """Rows whose 分值 the table does not state and the review inferred from the score."""
    findings: list[Finding] = field(default_factory=list)
    _rows: list[tuple[int, Indicator, RowResult]] | None = None
    _assessed: list[tuple[int, Indicator, RowResult]] | None = None
    _targets: dict[int, ParsedValue] = field(default_factory=dict)
    _scored: list[tuple[Decimal, Decimal | None]] | None = None
    rule: str = field(init=False)
    """The rule set as a finding names it: 标题（名称）."""
    _file: str | None = field(init=False)
    _table: int | None = field(init=False)

    def __post_init__(self) -> None:
        self.rule = _rule_name(self.rs.meta.title, self.rs.name)
        source = self.ev.source
        self._file = source.file if source else None
        self._table = source.table if source else None

    def rows(self) -> list[tuple[int, Indicator, RowResult]]:
        if self._rows is None:
            indicators = self.ev.indicators
            self._rows = list(zip(range(len(indicators)), indicators, self.result.rows, strict=True))
        return self._rows

    def assessed(self) -> list[tuple[int, Indicator, RowResult]]:
        """Every applicable row with its comparison, rows without a 分值 included (assessed
        on a weight of 1: their completion and whether the target is met)."""
        if self._assessed is None:
            rs = self.rs
            self._assessed = [
                (i, ind, r if r.status is not RowStatus.UNWEIGHTED else assess(ind, rs))
                for i, ind, r in self.rows()
                if not ind.not_applicable
            ]
        return self._assessed

    def scored(self) -> list[tuple[Decimal, Decimal | None]]:
        """(分值, 得分) of every applicable row with a 分值, in table order."""
        if self._scored is None:
            self._scored = [
                (ind.weight, ind.score)
                for ind in self.ev.indicators
                if ind.weight is not None and not ind.not_applicable
            ]
        return self._scored

    def target(self, i: int) -> ParsedValue:
        """Row ``i``'s target as scored (``target_of`` under this rule set)."""
        target = self._targets.get(i)
        if target is None:
            target = self._targets[i] = target_of(self.ev.indicators[i], self.rs)
        return target

    def add(
        self,
        code: Code,
        where: str,
        message: str,
        *,
        row: int | None = None,
        field: str | None = None,
        location: Location | None = None,
        stated: str | None = None,
        computed: str | None = None,
        rule: str | None = None,
    ) -> None:
        self.findings.append(
            new_finding(
                code, _SEVERITY.get(code) or _severity(code), where, message,
                f"{self.rule}：{rule}" if rule else self.rule,
                self._file, self._table, self.ev.project_name, None if row is None else row + 1, field, location,
                stated, computed,
            )
        )  # fmt: skip

    def add_row(
        self,
        code: Code,
        i: int,
        message: str,
        *,
        field: str = "score",
        stated: str | None = None,
        computed: str | None = None,
        rule: str | None = None,
    ) -> None:
        """A finding about indicator row ``i`` (0-based), located at the cell of ``field``."""
        ind = self.ev.indicators[i]
        provenance = ind.provenance
        location = provenance.get(field) or provenance.get("name") if provenance else None
        self.findings.append(
            new_finding(
                code, _SEVERITY.get(code) or _severity(code), _label(ind.level1, ind.level2, ind.name), message,
                f"{self.rule}：{rule}" if rule else self.rule,
                self._file, self._table, self.ev.project_name, i + 1, field, location, stated, computed,
            )
        )  # fmt: skip

    def sum_code(self, stated: Decimal, summed: Decimal) -> Code | None:
        """A stated total or subtotal against the sum of its parts: None when equal; a rounding
        (SCORE_ROUNDING) when within the rule set's tolerance and not a whole number (96 for
        95.98 is a point given, not rounded); else TOTAL_MISMATCH."""
        if stated == summed:
            return None
        if shown_digits(stated) > 0 and abs(stated - summed) <= self.rs.tolerance.rounding:
            return Code.SCORE_ROUNDING
        return Code.TOTAL_MISMATCH

    @staticmethod
    def rounding_note(code: Code, stated: Decimal, summed: Decimal) -> str:
        return f"，相差 {show(abs(stated - summed))} 分，属舍入尾差" if code is Code.SCORE_ROUNDING else ""

    def has_column(self, column: str) -> bool:
        """Does the table have this column?  Unknown (JSON input without columns): assume yes."""
        return not self.ev.columns or column in self.ev.columns


def enumerate_rows(
    indicators: list[Indicator], results: tuple[RowResult, ...]
) -> Iterator[tuple[int, Indicator, RowResult]]:
    for i, (ind, r) in enumerate(zip(indicators, results, strict=True)):
        yield i, ind, r


def row_label(ind: Indicator) -> str:
    return _label(ind.level1, ind.level2, ind.name)


@lru_cache(maxsize=16_384)
def _label(level1: str | None, level2: str | None, name: str | None) -> str:
    parts = [p.replace(" ", "") for p in (level1, level2, name) if p]
    return " › ".join(parts) or "（未命名指标）"


_SEVERITY: dict[Code, Severity] = {}
"""Each code's severity, from the catalogue (filled on first use)."""


def _severity(code: Code) -> Severity:
    severity = _SEVERITY[code] = code.severity
    return severity


@lru_cache(maxsize=64)
def _rule_name(title: str, name: str) -> str:
    return f"{title}（{name}）"
