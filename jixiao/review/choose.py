"""``--rules auto``: the rule set a table declares by its layout and weights, and why.

A table does not name its rule set, but it shows it.  Each rule set says in its ``[detect]``
table (rules as data, ``jixiao/rules/data/*.toml``) what its tables look like: a 评分表, no
execution line, a column, a 一级 weight split.  A rule set whose conditions a table meets
claims it (highest priority first).  Between the rule sets of one family (same layout, e.g.
national and 昌吉's practice) the one the stated scores follow is chosen, the default on a tie.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from jixiao import rules
from jixiao.model.evaluation import Evaluation
from jixiao.model.vocabulary import level_name
from jixiao.review.dimensions import dimension_of
from jixiao.rules.ruleset import Detect, DetectSign, RuleSet
from jixiao.scoring.engine import agreements, score
from jixiao.scoring.results import ScoreResult


@dataclass(frozen=True, slots=True)
class Choice:
    rule_set: RuleSet
    reason: str
    scored: dict[int, ScoreResult] = field(default_factory=dict, compare=False, repr=False)
    """Scores already computed while choosing, by ``id`` of the evaluation: the review reuses
    them rather than scoring the same table under the same rules twice."""


@cache
def _claimants() -> tuple[RuleSet, ...]:
    """Shipped rule sets that claim tables by layout, highest priority first."""
    found = [rules.get(n) for n in rules.available()]
    return tuple(sorted((rs for rs in found if rs.detect.claims), key=lambda rs: -rs.detect.priority))


@cache
def _family() -> tuple[RuleSet, ...]:
    """The default rule set's family: chosen between by the scores the rows follow."""
    default = rules.get(rules.DEFAULT)
    name = default.detect.family
    members = [rules.get(n) for n in rules.available()]
    same = [rs for rs in members if name is not None and rs.detect.family == name and not rs.detect.claims]
    return tuple(same) or (default,)


def _split(ev: Evaluation) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for ind in ev.indicators:
        dim = dimension_of(ind)
        if dim is not None and ind.weight is not None:
            out[dim] = out.get(dim, Decimal(0)) + ind.weight
    return out


def _has_execution_line(ev: Evaluation) -> bool:
    return any(v is not None for v in (ev.execution_weight, ev.execution_score_stated, ev.execution_rate_stated))


def _sign_holds(
    sign: DetectSign, ev: Evaluation, split: dict[str, Decimal] | None
) -> tuple[bool, dict[str, Decimal] | None]:
    """Does one sign hold?  The 一级 split is computed once, on first need, and passed on."""
    if sign.columns and not all(c in ev.columns for c in sign.columns):
        return False, split
    if sign.kinds and ev.kind.value not in sign.kinds:
        return False, split
    if sign.level1_words and not {level_name(ind.level1 or "") for ind in ev.indicators} & set(sign.level1_words):
        return False, split
    if sign.level1_split:
        split = _split(ev) if split is None else split
        return split == sign.level1_split, split
    return True, split


def _claims(detect: Detect, ev: Evaluation) -> str | None:
    """The reason this rule set claims the table, or None."""
    if detect.scoring_sheet is not None and bool(ev.scoring_items) != detect.scoring_sheet:
        return None
    if detect.execution_line is not None and _has_execution_line(ev) != detect.execution_line:
        return None
    if not detect.any_of:
        return detect.reason
    split: dict[str, Decimal] | None = None
    for sign in detect.any_of:
        holds, split = _sign_holds(sign, ev, split)
        if holds:
            return f"{detect.reason}，{sign.label}" if detect.reason else sign.label
    return None


def _layout_choice(ev: Evaluation) -> Choice | None:
    """A layout that names its rule set outright; None for the default family's layout."""
    for rs in _claimants():
        reason = _claims(rs.detect, ev)
        if reason is not None:
            return Choice(rs, reason)
    return None


def _agreeing_rows(result: ScoreResult) -> int:
    rows = sum(1 for r in result.rows if r.agrees)
    return rows + (1 if result.execution.score_agrees else 0)


def _family_choice(group: list[Evaluation]) -> Choice:
    """Among the default family's rule sets, the one the stated scores follow (default on a tie).

    Decided over all tables of one file together: one unit fills all its tables by one practice,
    and a table whose rows happen to fit both must not be read by another rule than its siblings.
    """
    family = _family()
    default = rules.get(rules.DEFAULT)
    counts: dict[str, int] = {}
    results: list[ScoreResult] = []
    if len(family) > 1:
        # scored by the default alone: another member's agreements are counted from these
        # results, scoring again only the rows that read a setting in which the two differ
        results = [score(ev, default) for ev in group]
        for rs in family:
            found = (_agreeing_rows(r) if rs is default else agreements(ev, r, default, rs)
                     for ev, r in zip(group, results, strict=True))  # fmt: skip
            counts[rs.name] = sum(found)
    best = max(family, key=lambda rs: (counts.get(rs.name, 0), rs.name == default.name))
    scored = {id(ev): r for ev, r in zip(group, results, strict=True)} if best is default else {}
    scope = f"同一文件 {len(group)} 张表合计" if len(group) > 1 else "本表"
    if best.name != default.name and counts[best.name] > counts.get(default.name, 0):
        return Choice(
            best,
            f"{best.detect.reason or best.meta.title}与 {best.name} 一致（{scope} {counts[best.name]} 项得分相符，"
            f"按{default.detect.reason or default.meta.title} {counts.get(default.name, 0)} 项）",
            scored,
        )
    return Choice(default, f"{default.detect.reason or default.meta.title}（{scope}得分与之相符 "
                           f"{counts.get(default.name, 0)} 项）", scored)  # fmt: skip


def choose_all(evaluations: Sequence[Evaluation]) -> list[Choice]:
    """The rule set for each table, with the reason in Chinese; tables of one file decide together."""
    choices = [_layout_choice(ev) for ev in evaluations]
    groups: dict[str | None, list[int]] = {}
    for k, (ev, choice) in enumerate(zip(evaluations, choices, strict=True)):
        if choice is None:
            groups.setdefault(ev.source.file if ev.source else None, []).append(k)
    for file, members in groups.items():
        if file is None:  # evaluations without a source decide alone
            for k in members:
                choices[k] = _family_choice([evaluations[k]])
            continue
        family = _family_choice([evaluations[k] for k in members])
        for k in members:
            choices[k] = family
    return [c for c in choices if c is not None]


def choose(ev: Evaluation) -> Choice:
    return choose_all([ev])[0]
