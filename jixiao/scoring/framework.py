"""The 投入/过程/产出/效果 评分表 of the 2013 framework (seed 002, 晋中).

Most lines are the unit's judgement (only 0 ≤ s ≤ w can be checked); a few follow from the
figures: 资金到位率, 预算执行率, and the 产出 lines from the 绩效目标 table's completion.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from jixiao.model.evaluation import Evaluation, Indicator, ScoringItem
from jixiao.model.values import parse_value
from jixiao.rules.ruleset import FrameworkMethod, RuleSet, canonical_level1
from jixiao.scoring.indicators import assess, fmt
from jixiao.scoring.numbers import agrees, quantize
from jixiao.scoring.results import ItemResult, RowStatus

ONE = Decimal(1)


def _category_rows(ev: Evaluation, level2_word: str) -> list[Indicator]:
    return [i for i in ev.indicators if level2_word in (i.level2 or "") and (i.target or i.actual)]


def _cost_completion(ind: Indicator) -> Decimal | None:
    """Spending within the cost target counts in full (成本节约); over it, target ÷ actual."""
    target, actual = parse_value(ind.target), parse_value(ind.actual)
    if not (target.is_quantity and actual.is_quantity) or target.base_unit != actual.base_unit:
        return None
    a, b = target.base or Decimal(0), actual.base or Decimal(0)
    if b <= a:
        return ONE
    return a / b


def _completion(ind: Indicator, rs: RuleSet, *, cost: bool = False) -> Decimal | None:
    """How far one target-table row was reached (0–1), read with the row scorer at weight 1."""
    if cost and (found := _cost_completion(ind)) is not None:
        return found
    result = assess(ind.model_copy(update={"weight": None, "not_applicable": False}), rs)
    if result.status is RowStatus.COMPUTED and result.exact is not None:
        return result.exact
    if result.band is not None and result.tier is not None:
        return result.band[1]
    return ind.progress_stated


def _mean_completion(ev: Evaluation, rs: RuleSet, word: str, *, cost: bool = False) -> tuple[Decimal | None, str]:
    rows = _category_rows(ev, word)
    values = [_completion(r, rs, cost=cost) for r in rows]
    known = [v for v in values if v is not None]
    if not known:
        return None, f"绩效目标表中没有可计算的{word}"
    mean = sum(known, Decimal(0)) / len(known)
    shown = "、".join(f"{quantize(v * 100, 2)}%" for v in known)
    return min(mean, ONE), f"{word}完成程度 {shown}"


def _funds_ratio(num: Decimal | None, den: Decimal | None, what: str) -> tuple[Decimal | None, str]:
    if num is None or den is None or den == 0:
        return None, f"无法计算{what}：资金数缺失"
    rate = num / den
    return min(rate, ONE), f"{what} = {fmt(num)} ÷ {fmt(den)} = {quantize(rate * 100, 2)}%"


def _method_ratio(method: FrameworkMethod, ev: Evaluation, rs: RuleSet) -> tuple[Decimal | None, str]:
    funds = ev.funds
    methods: dict[FrameworkMethod, Callable[[], tuple[Decimal | None, str]]] = {
        FrameworkMethod.FUNDS_ARRIVAL: lambda: _funds_ratio(
            funds.allocated if funds else None, funds.initial_budget if funds else None, "资金到位率"
        ),
        FrameworkMethod.BUDGET_EXECUTION: lambda: _funds_ratio(
            funds.executed if funds else None, funds.allocated if funds else None, "预算执行率"
        ),
        FrameworkMethod.QUANTITY_COMPLETION: lambda: _mean_completion(ev, rs, "数量"),
        FrameworkMethod.TIMELINESS: lambda: _mean_completion(ev, rs, "时效"),
        FrameworkMethod.QUALITY: lambda: _mean_completion(ev, rs, "质量"),
        FrameworkMethod.COST_SAVING: lambda: _mean_completion(ev, rs, "成本", cost=True),
    }
    return methods[method]()


def _method_of(item: ScoringItem, rs: RuleSet) -> FrameworkMethod:
    name = canonical_level1(item.name or "")
    for spec in rs.items:
        if canonical_level1(spec.name) == name:
            return spec.method
    return FrameworkMethod.JUDGEMENT


def score_items(ev: Evaluation, rs: RuleSet) -> tuple[ItemResult, ...]:
    return tuple(_score_item(i, item, ev, rs) for i, item in enumerate(ev.scoring_items))


def _score_item(index: int, item: ScoringItem, ev: Evaluation, rs: RuleSet) -> ItemResult:
    w, stated = item.weight, item.score
    if w is None:
        return ItemResult(index, RowStatus.UNWEIGHTED, None, None, "未设分值")
    method = _method_of(item, rs)
    if method is FrameworkMethod.JUDGEMENT:
        return _judgement(index, w, stated)
    ratio, why = _method_ratio(method, ev, rs)
    if ratio is None:
        return ItemResult(index, RowStatus.NOT_COMPUTABLE, None, None, why)
    exact = w * ratio
    computed = quantize(exact, rs.rounding.digits, rs.rounding.mode)
    ok = None if stated is None else agrees(stated, exact, rs.rounding.digits, rs.rounding.mode)
    return ItemResult(
        index,
        RowStatus.COMPUTED,
        computed,
        exact,
        f"{why}；得分 = {fmt(w)} × {quantize(ratio * 100, 2)}% = {computed}",
        ok,
    )


def _judgement(index: int, w: Decimal, stated: Decimal | None) -> ItemResult:
    if stated is None:
        return ItemResult(index, RowStatus.QUALITATIVE_UNSCORED, None, None, "评价类指标，未填得分")
    held = min(max(stated, Decimal(0)), w)
    if held == stated:
        return ItemResult(
            index,
            RowStatus.QUALITATIVE_ACCEPTED,
            stated,
            stated,
            f"评价类指标，自评{fmt(stated)}分在 0–{fmt(w)} 分内",
            True,
        )
    return ItemResult(
        index,
        RowStatus.QUALITATIVE_OUT_OF_BAND,
        held,
        held,
        f"评价类指标，自评{fmt(stated)}分超出 0–{fmt(w)} 分，按{fmt(held)}分核定",
        False,
    )


def item_total(results: Sequence[ItemResult]) -> Decimal | None:
    scored = [r for r in results if r.status is not RowStatus.UNWEIGHTED]
    if not scored or any(r.computed is None for r in scored):
        return None
    return sum((r.computed for r in scored if r.computed is not None), Decimal(0))
