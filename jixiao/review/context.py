"""What every check sees: the evaluation, its rule set, its scores, and the findings so far."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from jixiao.model.evaluation import Evaluation, Indicator, Location
from jixiao.review.catalogue import Code
from jixiao.review.findings import Finding
from jixiao.rules.ruleset import RuleSet
from jixiao.scoring.numbers import quantize, shown_digits
from jixiao.scoring.results import RowResult, ScoreResult


def show(value: Decimal | None, suffix: str = "") -> str | None:
    """A figure as the document prints it: the digits stated, never an exponent (``1E+1`` → 10)."""
    return None if value is None else format(value, "f") + suffix


def percent(rate: Decimal | None, digits: int = 2) -> str | None:
    """A fraction as a percentage: 0.98753 → 98.75%."""
    return None if rate is None else f"{quantize(rate * 100, digits)}%"


@dataclass
class Context:
    ev: Evaluation
    rs: RuleSet
    result: ScoreResult
    implied_weights: frozenset[int] = frozenset()
    """Rows whose 分值 the table does not state and the review inferred from the score."""
    findings: list[Finding] = field(default_factory=list)
    _rows: list[tuple[int, Indicator, RowResult]] | None = None

    @property
    def rule(self) -> str:
        return _rule_name(self.rs.meta.title, self.rs.name)

    def rows(self) -> list[tuple[int, Indicator, RowResult]]:
        if self._rows is None:
            self._rows = list(enumerate_rows(self.ev.indicators, self.result.rows))
        return self._rows

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
        source = self.ev.source
        self.findings.append(
            Finding(
                code=code,
                severity=code.severity,
                file=source.file if source else None,
                table=source.table if source else None,
                project=self.ev.project_name,
                where=where,
                row=None if row is None else row + 1,
                field=field,
                location=location,
                stated=stated,
                computed=computed,
                message=message,
                rule=f"{self.rule}：{rule}" if rule else self.rule,
            )
        )

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
        location = ind.provenance.get(field) or ind.provenance.get("name")
        self.add(code, row_label(ind), message, row=i, field=field, location=location,
                 stated=stated, computed=computed, rule=rule)  # fmt: skip

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


@lru_cache(maxsize=64)
def _rule_name(title: str, name: str) -> str:
    return f"{title}（{name}）"
