"""Reviewing one evaluation: choose its rule set, score it, run every check."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from jixiao.model.evaluation import Evaluation
from jixiao.review import doubts
from jixiao.review.checks import funds, rows, sheets, text, totals
from jixiao.review.choose import Choice, choose, choose_all
from jixiao.review.context import Context
from jixiao.review.findings import Finding
from jixiao.review.weights import with_implied_weights
from jixiao.rules.ruleset import RuleSet
from jixiao.scoring.engine import apply, score
from jixiao.scoring.results import ScoreResult

Check = Callable[[Context], None]
CHECKS: tuple[Check, ...] = (*funds.CHECKS, *rows.CHECKS, *totals.CHECKS, *sheets.CHECKS, *text.CHECKS)


@dataclass(frozen=True)
class Review:
    """One evaluation, re-scored and checked."""

    checked: Evaluation
    """The evaluation as reviewed (weights its layout or scores imply filled in)."""
    result: ScoreResult
    rule_set: RuleSet
    reason: str
    """Why this rule set: chosen from the table, or given by the user."""
    findings: tuple[Finding, ...]

    @cached_property
    def evaluation(self) -> Evaluation:
        """The evaluation with the computed values filled in, for output (built when asked:
        a batch that only counts findings never pays for the copies)."""
        return apply(self.checked, self.result, self.rule_set)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


def _order(f: Finding) -> int:
    """Table-level findings (funds, totals) first, then rows in table order (rows count from 1)."""
    row = f.row
    return 0 if row is None else row


def review(ev: Evaluation, rules: RuleSet | Choice | None = None) -> Review:
    """Re-score one evaluation and flag every inconsistency.  ``None``: choose from the table."""
    choice = choose(ev) if rules is None else rules if isinstance(rules, Choice) else Choice(rules, "由用户指定")
    rs, reason = choice.rule_set, choice.reason
    checked, implied = with_implied_weights(ev, rs)
    known = choice.scored.get(id(ev)) if checked is ev else None
    result = known if known is not None else score(checked, rs)
    ctx = Context(checked, rs, result, implied)
    for check in CHECKS:
        check(ctx)
    doubtful = [*checked.doubts, *doubts.suspected(ctx)]
    ctx.findings = doubts.without_doubtful_errors(ctx.findings, ctx, doubtful)
    doubts.report(ctx, doubtful)
    findings = tuple(sorted(ctx.findings, key=_order))
    return Review(checked, result, rs, reason, findings)


def review_all(evaluations: Sequence[Evaluation], rs: RuleSet | None = None) -> Iterator[Review]:
    """Review a batch; with no rule set given, the tables of one file share their choice."""
    choices: Sequence[RuleSet | Choice] = choose_all(evaluations) if rs is None else [rs] * len(evaluations)
    for ev, choice in zip(evaluations, choices, strict=True):
        yield review(ev, choice)
