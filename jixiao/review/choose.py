"""``--rules auto``: the rule set a table declares by its layout and weights, and why.

A table does not name its rule set, but it shows it: a 投入/过程/产出/效果 评分表 is the 2013
framework; no execution line with 产出 40 / 效益 40 / 满意度 20 (or a 得分计算方法 column) is
宁夏's layout; a met ``≤`` money row scored by its spending ratio is 昌吉's practice.  Between
rule sets for the same layout, the one its stated scores follow is chosen, the national
default on a tie.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao import rules
from jixiao.model.evaluation import Evaluation
from jixiao.review.dimensions import dimension_of
from jixiao.rules.ruleset import RuleSet
from jixiao.scoring.engine import score

NINGXIA_SPLIT = {"产出": Decimal(40), "效益": Decimal(40), "满意度": Decimal(20)}
NATIONAL_FAMILY = ("national-2020", "changji-practice")


@dataclass(frozen=True, slots=True)
class Choice:
    rule_set: RuleSet
    reason: str


def _split(ev: Evaluation) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for ind in ev.indicators:
        dim = dimension_of(ind)
        if dim is not None and ind.weight is not None:
            out[dim] = out.get(dim, Decimal(0)) + ind.weight
    return out


def _has_execution_line(ev: Evaluation) -> bool:
    return any(v is not None for v in (ev.execution_weight, ev.execution_score_stated, ev.execution_rate_stated))


def _agreeing_rows(ev: Evaluation, rs: RuleSet) -> int:
    result = score(ev, rs)
    rows = sum(1 for r in result.rows if r.agrees)
    return rows + (1 if result.execution.score_agrees else 0)


def _layout_choice(ev: Evaluation) -> Choice | None:
    """A layout that names its rule set outright; None for the national layout's family."""
    if ev.scoring_items:
        return Choice(rules.get("framework-2013"), "表内有投入/过程/产出/效果评分表（2013 年框架）")
    split = _split(ev)
    if not _has_execution_line(ev) and ("method" in ev.columns or split == NINGXIA_SPLIT):
        why = "有“得分计算方法”栏" if "method" in ev.columns else "一级指标分值为产出 40、效益 40、满意度 20"
        return Choice(rules.get("ningxia"), f"无预算执行率计分行，{why}")
    return None


def _family_choice(group: list[Evaluation]) -> Choice:
    """Among the national layout's rule sets, the one the stated scores follow (national on a tie).

    Decided over all tables of one file together: one unit fills all its tables by one practice,
    and a table whose rows happen to fit both must not be read by another rule than its siblings.
    """
    counts = {name: sum(_agreeing_rows(ev, rules.get(name)) for ev in group) for name in NATIONAL_FAMILY}
    best = max(NATIONAL_FAMILY, key=lambda n: (counts[n], n == rules.DEFAULT))
    scope = f"同一文件 {len(group)} 张表合计" if len(group) > 1 else "本表"
    if best != rules.DEFAULT and counts[best] > counts[rules.DEFAULT]:
        return Choice(
            rules.get(best),
            f"“≤”成本指标达标仍按支出比例计分等做法与 {best} 一致（{scope} {counts[best]} 项得分相符，"
            f"按全国通用规则 {counts[rules.DEFAULT]} 项）",
        )
    return Choice(rules.get(rules.DEFAULT), f"全国通用规则（{scope}得分与之相符 {counts[rules.DEFAULT]} 项）")


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
