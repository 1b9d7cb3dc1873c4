"""Readings checked by the table's own arithmetic.

Where a page ran cells together (``年度资金总额86000.0086000.0085120.001098.98%9.9``,
``…18.6公里1010``) the figures can be cut in many ways.  Every well-formed cut is a candidate
reading; each is checked against what the table itself says must hold — the rate is 执行数 ÷
预算数 at its shown digits, the execution score is the weight × the rate, a score is at most its
weight, amounts are written alike — and the reading that satisfies most checks wins.  When two
readings are equally good the choice is a close call: it is returned as such, never as fact.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import lru_cache

from jixiao.ingest import labels as L
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.model.values import is_unit, number_refusal
from jixiao.model.vocabulary import LazyPattern, vocabulary

_NUMBER = re.compile(r"^(0|[1-9]\d*)(\.\d+)?$")
_HUNDRED = Decimal(100)
MAX_PARTS = 8
"""Cuts into more parts than this are not tried (a row has at most this many figures)."""
MAX_DIGITS = 40
"""A run longer than this is not cut (the candidates would be too many to be telling)."""
MAX_STARTS = 8
"""Places a run-together row's values may begin at, tried from the end (where they stand)."""


def cuts(digits: str, parts: int) -> list[list[str]]:
    """Every way to cut a run of figures into ``parts`` well-formed numbers (no leading zeros,
    at most one decimal point each)."""
    if parts < 1 or parts > MAX_PARTS or len(digits) > MAX_DIGITS:
        return []
    if parts == 1:
        return [[digits]] if _well_formed(digits) else []
    out: list[list[str]] = []
    for cut in range(1, len(digits)):
        head = digits[:cut]
        if _well_formed(head):
            out.extend([head, *rest] for rest in cuts(digits[cut:], parts - 1))
    return out


def _well_formed(part: str) -> bool:
    """A number a table can hold: past the value parser's digit limits a part is no candidate
    (its arithmetic would overflow the decimal context)."""
    return _NUMBER.match(part) is not None and number_refusal(part) is None


def shown(value: Decimal, like: Decimal) -> Decimal:
    """``value`` rounded to the digits ``like`` is written with (ROUND_HALF_UP)."""
    digits = max(0, -int(like.as_tuple().exponent))
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def cut_to(value: Decimal, like: Decimal) -> Decimal:
    """``value`` cut short (not rounded) to the digits ``like`` is written with."""
    digits = max(0, -int(like.as_tuple().exponent))
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_DOWN)


Check = Callable[[dict[str, Decimal]], bool | None]
"""A check on a reading: True holds, False fails, None does not apply (a figure is missing)."""


@dataclass(frozen=True)
class Choice:
    """The reading chosen, how many checks it passed, and the readings as good as it."""

    reading: dict[str, Decimal] | None
    passed: int = 0
    ties: list[dict[str, Decimal]] = field(default_factory=list)

    @property
    def close(self) -> bool:
        return bool(self.ties)


Evidence = Callable[[dict[str, Decimal]], int]
"""How strongly the relations among a reading's figures confirm it (0: not at all)."""


def choose(
    candidates: Sequence[dict[str, Decimal]],
    checks: Sequence[Check],
    first: Sequence[Check] = (),
    evidence: Evidence | None = None,
) -> Choice:
    """The candidate with the most checks holding and none failing; a tie is a close call.
    ``first``: checks counted before the others (relations among the figures outrank what is
    only likely); ``evidence``, where given, weighs them instead of counting."""
    scored: list[tuple[tuple[int, int], dict[str, Decimal]]] = []
    for cand in candidates:
        results = [check(cand) for check in checks]
        if any(r is False for r in results):
            continue
        ranked = evidence(cand) if evidence is not None else sum(1 for check in first if check(cand))
        scored.append(((ranked, sum(1 for r in results if r)), cand))
    if not scored:
        return Choice(None)
    best = max(s for s, _ in scored)
    top = [c for s, c in scored if s == best]
    distinct = [c for k, c in enumerate(top) if c not in top[:k]]
    return Choice(distinct[0], best[1], distinct[1:])


# --- the checks a table's figures obey ---------------------------------------------------


def rate_is_executed_over_budget(budget: str | Sequence[str], executed: str, rate: str) -> Check:
    """执行率 = 执行数 ÷ 预算数, at the rate's shown digits (in per cent).  ``budget``: the budget
    column, or the budget columns before 执行数 — the last one filled is the one divided by (a row
    that leaves 全年预算数 blank states its rate against 年初预算数).  Spending against a budget of
    nought fails: no rate is stated so."""
    budgets = (budget,) if isinstance(budget, str) else tuple(budget)

    def check(r: dict[str, Decimal]) -> bool | None:
        a = next((r[n] for n in reversed(budgets) if n in r), None)
        b, p = r.get(executed), r.get(rate)
        if a is None or b is None or p is None:
            return None
        if a == 0:
            return None if b == 0 else False
        if p == 0:  # a zero rate is no spending, not a rate rounded away; with no spending it
            return None if b == 0 else False  # holds for every budget: it confirms no cut
        exact = b / a * _HUNDRED
        return p in (shown(exact, p), cut_to(exact, p))  # rounded, or cut short as some forms do

    return check


def score_is_weight_times_rate(weight: str, rate: str, score: str) -> Check:
    """得分 = 分值 × 执行率 at the score's shown digits (full marks at or above 100 %)."""

    def check(r: dict[str, Decimal]) -> bool | None:
        w, p, s = r.get(weight), r.get(rate), r.get(score)
        if w is None or p is None or s is None:
            return None
        expected = w if p >= _HUNDRED else w * p / _HUNDRED
        return shown(expected, s) == s or shown(expected, Decimal("0.01")) == s

    return check


def at_most(part: str, whole: str) -> Check:
    """A score is at most its weight."""

    def check(r: dict[str, Decimal]) -> bool | None:
        a, b = r.get(part), r.get(whole)
        return None if a is None or b is None else a <= b

    return check


def within(name: str, low: Decimal, high: Decimal) -> Check:
    """A weight, a rate or a score lies in its range (a weight is never over 100 points)."""

    def check(r: dict[str, Decimal]) -> bool | None:
        v = r.get(name)
        return None if v is None else low <= v <= high

    return check


def written_alike(names: Sequence[str]) -> Check:
    """Amounts of one row are written with the same number of decimals (86000.00, 85120.00)."""

    def check(r: dict[str, Decimal]) -> bool | None:
        got = [r[n] for n in names if n in r]
        if len(got) < 2:
            return None
        return True if len({v.as_tuple().exponent for v in got}) == 1 else None  # a preference, not a rule

    return check


# --- readings of run-together rows -------------------------------------------------------

_GLUED_RATE = re.compile(r"^([\d.]+)%([\d.]*)$")


def fund_row_readings(run: str, before_rate: Sequence[str], after_rate: Sequence[str]) -> list[dict[str, Decimal]]:
    """Candidate readings of a fund row's figures run together around its rate: the columns
    before the rate (amounts, then 分值 where the header has it), the rate, those after it.  Any
    of those columns may be blank (a source row with only 全年执行数 filled, a total with no
    年初预算数): every choice of the columns filled, in their order, is a candidate."""
    m = _GLUED_RATE.match(run.replace(" ", ""))
    if m is None:
        return []
    head, tail = m.group(1), m.group(2)
    tails = [r for names in _filled_columns(after_rate, 1) for r in _named_cuts(tail, names)] if tail else [{}]
    out: list[dict[str, Decimal]] = []
    for names in _filled_columns(before_rate, 0):
        for parts in cuts(head, len(names) + 1):
            reading = {name: Decimal(v) for name, v in zip(names, parts, strict=False)}
            reading["rate"] = Decimal(parts[-1])
            out.extend(reading | rest for rest in tails)
    return out


def _filled_columns(names: Sequence[str], least: int) -> list[tuple[str, ...]]:
    """Every choice of at least ``least`` of the columns, in their order, the fullest first."""
    return [c for k in range(len(names), least - 1, -1) for c in itertools.combinations(names, k)]


def _named_cuts(run: str, names: Sequence[str]) -> list[dict[str, Decimal]]:
    return [{n: Decimal(v) for n, v in zip(names, parts, strict=True)} for parts in cuts(run, len(names))]


def agreed(readings: Sequence[dict[str, Decimal]]) -> dict[str, Decimal]:
    """The figures every reading gives alike (a cell in every reading, with one value): what a
    close call still settles."""
    if not readings:
        return {}
    first = readings[0]
    return {k: v for k, v in first.items() if all(r.get(k) == v for r in readings[1:])}


def amount_readings(run: str, names: Sequence[str]) -> list[dict[str, Decimal]]:
    """Amounts alone run together (``6078.005932.305932.30``, no rate after them): cut into as
    many amounts as the header has, every one written with the same decimals — a form writes its
    amounts alike, and decimals are what mark where one ends."""
    out = []
    for parts in cuts(run, len(names)):
        places = {len(p.partition(".")[2]) for p in parts}
        if len(places) == 1 and places != {0}:
            out.append({n: Decimal(p) for n, p in zip(names, parts, strict=True)})
    return out


def amounts_then_points(run: str, most_amounts: int, points_max: int) -> list[tuple[list[str], str]]:
    """Fewer amounts than the header has, written alike, then one whole number within a table's
    points (``2.382.3820``: 2.38 | 2.38, then 20 — a 分值 or a 得分): every such cut, the amounts
    with the same decimals (one at least), two of them or more; and every cut into amounts alike
    alone (``2.382.38``: 2.38 | 2.38, as well as 2.3 | 82.3 | 8), the tail then ``""``."""
    out = []
    for k in range(2, most_amounts + 1):
        for parts in cuts(run, k):
            if _alike(parts) and k < most_amounts:
                out.append((parts, ""))
        for parts in cuts(run, k + 1):
            *amounts, tail = parts
            if k < most_amounts and _alike(amounts) and tail.isdigit() and 0 < int(tail) <= points_max:
                out.append((amounts, tail))
    return out


def _alike(amounts: Sequence[str]) -> bool:
    places = {len(p.partition(".")[2]) for p in amounts}
    return len(places) == 1 and places != {0}


def fund_row_checks(amounts: Sequence[str], settings: Settings = DEFAULT, related: bool = True) -> list[Check]:
    """What a 年度资金总额 row obeys: rate = executed ÷ the budget before it, score = weight × rate, a
    weight above nought; and what it is likely to show: amounts written alike, a 全年预算数 of its
    年初预算数's order, a lone budget with the 执行数 the 全年预算数 (the rate's divisor on the form).
    ``related`` False: the bounds and the likelihoods alone (no relation among the figures)."""
    bounds = [
        within("rate", Decimal(0), settings.rate_max),
        within("weight", Decimal(0), _HUNDRED),
        above_nought("weight"),
        at_most("score", "weight"),
        implied_weight_at_most("rate", "score", _HUNDRED, settings.implied_weight_slack),
        *[decimals_at_most(a, settings.amount_decimals_max) for a in amounts],
        decimals_at_most("rate", settings.rate_decimals_max),
    ]
    checks: list[Check] = [
        *map(refuting_only, bounds),  # a figure within its bounds refutes nothing and confirms nothing
        written_alike(amounts),
    ]
    if related:
        checks += fund_row_relations(amounts)
    if "executed" in amounts and amounts.index("executed") > 0:
        budgets = amounts[: amounts.index("executed")]
        if len(budgets) > 1:
            checks.append(of_one_order(budgets[0], budgets[-1], settings.budget_order_ratio))
            checks.append(divided_by(budgets[-1], "executed"))
    return checks


def refuting_only(check: Check) -> Check:
    """A check that can only fail: a bound held is no support for a cut (or the cut filling more
    columns would win for the bounds it meets)."""

    def only(r: dict[str, Decimal]) -> bool | None:
        return False if check(r) is False else None

    return only


def implied_weight_at_most(
    rate: str, score: str, most: Decimal, slack: Decimal = DEFAULT.implied_weight_slack
) -> Check:
    """With no 分值 read, the score at the rate still implies one (score ÷ rate): at most ``most``
    (9 points at 1 % would need a weight of 900), with ``slack`` for a score rounded to its digits."""

    def check(r: dict[str, Decimal]) -> bool | None:
        p, s = r.get(rate), r.get(score)
        if p is None or s is None or "weight" in r or p >= _HUNDRED:
            return None
        return (p > 0 and s * _HUNDRED / p <= most * (1 + slack)) or s == 0

    return check


def decimals_at_most(name: str, most: int) -> Check:
    """An amount has at most ``most`` decimals (a cut leaving 664.62387 万元 is no reading)."""

    def check(r: dict[str, Decimal]) -> bool | None:
        v = r.get(name)
        return None if v is None else -int(v.as_tuple().exponent) <= most

    return check


def above_nought(name: str) -> Check:
    """A 分值 is above nought (a cut leaving a weight of 0 is no reading)."""

    def check(r: dict[str, Decimal]) -> bool | None:
        v = r.get(name)
        return None if v is None else v > 0

    return check


def of_one_order(first: str, second: str, ratio: Decimal) -> Check:
    """Two amounts within ``ratio`` of each other: holds (a preference, never a failure)."""

    def check(r: dict[str, Decimal]) -> bool | None:
        a, b = r.get(first), r.get(second)
        if a is None or b is None or a <= 0 or b <= 0:
            return None
        return True if a / ratio <= b <= a * ratio else None

    return check


def divided_by(budget: str, executed: str) -> Check:
    """The 执行数 stands with the budget the form divides it by: holds (a preference)."""

    def check(r: dict[str, Decimal]) -> bool | None:
        return True if budget in r and executed in r else None

    return check


def fund_row_relations(amounts: Sequence[str]) -> list[Check]:
    """The checks among a fund row that tie its figures to each other (rate = executed ÷ budget,
    score = weight × rate): a cut none of them confirms is only not refuted."""
    checks: list[Check] = [score_is_weight_times_rate("weight", "rate", "score")]
    if "executed" in amounts and amounts.index("executed") > 0:
        checks.append(rate_is_executed_over_budget(amounts[: amounts.index("executed")], "executed", "rate"))
    return checks


def choose_fund_row(
    candidates: Sequence[dict[str, Decimal]], amounts: Sequence[str], settings: Settings = DEFAULT
) -> Choice:
    """The reading of a fund row's run: the relations holding (rate, score) weighed by the digits
    they match, then the most checks; a choice no relation confirms is a close call with every
    reading not refuted.  Where that leaves no reading, or a close call, a rate the form states
    against its own amounts is looked for (``misstated_rate``)."""
    checks = fund_row_checks(amounts, settings)
    relations = fund_row_relations(amounts)
    choice = choose(candidates, checks, relations, relation_evidence(relations_weighed(amounts)))
    rivals = unconfirmed(choice, candidates, checks, relations)
    choice = Choice(choice.reading, choice.passed, rivals) if rivals else choice
    if choice.reading is not None and not choice.close:
        return choice
    return misstated_rate(candidates, amounts, settings) or choice


def significant_digits(value: Decimal) -> int:
    """The digits a figure is written with, leading noughts aside (57.89: 4, 9: 1, 0.5: 1)."""
    return max(1, len(str(value).replace(".", "").lstrip("0")))


Weighed = tuple[Check, str]
"""A relation and the figure whose digits it matches (the rate for rate = 执行数 ÷ 预算数)."""


def relations_weighed(amounts: Sequence[str], spent: bool = False) -> list[Weighed]:
    """The fund row's relations with the figure each matches: the rate (执行数 ÷ 预算数), the score
    (分值 × 执行率); ``spent``: also the score as 分值 × 执行数 ÷ 预算数 (the rate not stated right)."""
    out: list[Weighed] = [(score_is_weight_times_rate("weight", "rate", "score"), "score")]
    if "executed" in amounts and amounts.index("executed") > 0:
        budgets = amounts[: amounts.index("executed")]
        if spent:
            out.append((score_is_weight_times_spent("weight", budgets, "executed", "score"), "score"))
        else:
            out.append((rate_is_executed_over_budget(budgets, "executed", "rate"), "rate"))
    return out


def relation_evidence(weighed: Sequence[Weighed]) -> Evidence:
    """A reading's evidence: for each relation holding, the digits of the figure it matches — a rate
    of 57.89 % matched to its four digits says more than a rate of 9 % matched to one (any cut
    meets that by chance); a score that is its weight at the score's digits (full marks) counts
    one, once, however many relations it meets (any 10 and 10 meet them at a rate near 100 %)."""

    def evidence(r: dict[str, Decimal]) -> int:
        total, full = 0, 0
        for check, figure in weighed:
            if check(r) and figure in r:
                if figure == "score" and "weight" in r and shown(r["weight"], r[figure]) == r[figure]:
                    full = 1
                else:
                    total += significant_digits(r[figure])
        return total + full

    return evidence


def misstated_rate(
    candidates: Sequence[dict[str, Decimal]], amounts: Sequence[str], settings: Settings = DEFAULT
) -> Choice | None:
    """A row whose stated rate its own amounts do not give (``…3824.2610100%10``: 3824.26 of
    4753.66 is 80 %, the form says 100 %): the rate is then no bound; the reading the score still
    confirms — 得分 = 分值 × 执行率, or 分值 × 执行数 ÷ 预算数 — best and alone, with the figures'
    bounds and likelihoods weighed as ever.  None when no reading or several are so."""
    bound = within("rate", Decimal(0), settings.misstated_rate_max)
    checks = [*fund_row_checks(amounts, settings, related=False), bound]
    evidence = relation_evidence(relations_weighed(amounts, spent=True))
    choice = choose(candidates, checks, evidence=evidence)
    if choice.reading is None or choice.close or evidence(choice.reading) == 0:
        return None
    return choice


def rateless_fund_row(run: str, names: Sequence[str], amounts: Sequence[str]) -> dict[str, Decimal] | None:
    """A fund row's whole numbers run together with no rate: the one cut (any columns blank)
    that the score confirms — 得分 = 分值 × 执行数 ÷ 预算数 (full marks from 100 %) — with no other
    cut as well confirmed; None when none or several are."""
    if len(run) > MAX_DIGITS or "executed" not in amounts or amounts.index("executed") == 0:
        return None
    budgets = amounts[: amounts.index("executed")]
    spent = score_is_weight_times_spent("weight", budgets, "executed", "score")
    checks = [c for c in fund_row_checks(amounts) if c is not None]
    found = [
        r
        for cols in _filled_columns(names, 3)
        for r in _named_cuts(run, cols)
        if spent(r) and not any(ch(r) is False for ch in checks)
    ]
    distinct = [r for k, r in enumerate(found) if r not in found[:k]]
    return distinct[0] if len(distinct) == 1 else None


def score_is_weight_times_spent(weight: str, budgets: Sequence[str], executed: str, score: str) -> Check:
    """得分 = 分值 × 执行数 ÷ 预算数 (the last budget filled), to the score's shown digits: the rate
    the row does not state, worked out.  Only within the budget and above nought: full marks for
    any over-spending, or a score of 0 at a rate rounded away, would hold for many cuts."""

    def check(r: dict[str, Decimal]) -> bool | None:
        a = next((r[n] for n in reversed(budgets) if n in r), None)
        w, b, s = r.get(weight), r.get(executed), r.get(score)
        if a is None or w is None or b is None or s is None or a <= 0 or s <= 0 or b > a:
            return None  # a score of nought, or full marks for spending over the budget, confirm no cut
        return shown(w * b / a, s) == s

    return check


def unconfirmed(
    choice: Choice, candidates: Sequence[dict[str, Decimal]], checks: Sequence[Check], relations: Sequence[Check]
) -> list[dict[str, Decimal]]:
    """The other readings no check refutes, when no relation confirms the chosen one: then the
    choice is a guess between them (a close call), else none."""
    if choice.reading is None or choice.close or any(rel(choice.reading) for rel in relations):
        return []
    rivals = [c for c in candidates if c != choice.reading and not any(ch(c) is False for ch in checks)]
    return [c for k, c in enumerate(rivals) if c not in rivals[:k]]


def execution_tail(run: str) -> dict[str, Decimal] | None:
    """执行率 | 分值 | 得分 at the end of a fund row's run whose amounts were damaged (digits lost:
    ``.32.06.579.27107.93``): the one cut of a tail of the run into three figures where the score
    is the weight × the rate to the cent (full marks from 100 %), the weight at most 100 and the
    score above nought; None when no tail or more than one reads so (no figure is then given)."""
    if "%" in run or len(run) > MAX_DIGITS:
        return None
    found: list[dict[str, Decimal]] = []
    for start in range(len(run) - 2):
        for rate, weight, score in cuts(run[start:], 3):
            r = {"rate": Decimal(rate), "weight": Decimal(weight), "score": Decimal(score)}
            if _execution_holds(r) and r not in found:
                found.append(r)
    return found[0] if len(found) == 1 else None


def _execution_holds(r: dict[str, Decimal]) -> bool:
    w, p, s = r["weight"], r["rate"], r["score"]
    if not (Decimal(0) < w <= _HUNDRED and Decimal(0) < s <= w and p <= 10 * _HUNDRED):
        return False
    cent = Decimal("0.01")
    return shown(w if p >= _HUNDRED else w * p / _HUNDRED, cent) == shown(s, cent)


def execution_weight_confirmed(run: str, weight: Decimal) -> bool:
    """Does a fund total's run (``202010100%10``) state this execution weight, confirmed by its
    score: its figures before the rate end in the weight and a rate (10 | 100 %), and the score
    after the rate is the weight × the rate (``score_is_weight_times_rate``)?"""
    m = _GLUED_RATE.match(run.replace(" ", ""))
    if m is None or not m.group(2) or not _well_formed(m.group(2)):
        return False
    head, score, written = m.group(1), Decimal(m.group(2)), str(weight)
    check = score_is_weight_times_rate("weight", "rate", "score")
    for j in range(len(written), len(head)):
        rate = head[j:]
        if head[:j].endswith(written) and _well_formed(rate) and check({"weight": weight, "rate": Decimal(rate),
                                                                       "score": score}):  # fmt: skip
            return True
    return False


def weight_and_score(run: str) -> Choice:
    """A row's last two figures run together (``1010``, ``1510``, ``2019.5``): 分值 then 得分, the
    score at most the weight, the weight at most 100."""
    candidates = [{"weight": Decimal(w), "score": Decimal(s)} for w, s in cuts(run, 2)]
    return choose(candidates, [within("weight", Decimal(0), _HUNDRED), at_most("score", "weight")])


_TRAILING_FIGURES = re.compile(r"\d[\d.]*$")


def weight_splits(text: str) -> list[tuple[str, str | None]]:
    """Every cut of the figures ending ``text`` into a 分值 and the 得分 after it (``…惠及人民1520``:
    1 and 520, 15 and 20, 152 and 0, 1520 alone), each part a number a table can hold; none
    where no figure ends the text.  Which cut it is, the table's points tell (``unglue.settle_by_rest``)."""
    m = _TRAILING_FIGURES.search(text)
    if m is None:
        return []
    run = m.group()
    out: list[tuple[str, str | None]] = [(run, None)] if _well_formed(run) else []
    out += [(w, sc) for w, sc in cuts(run, 2) if Decimal(w) > 0]
    return out


def implied_weights(target: str, actual: str, score: str, most: Decimal) -> list[int]:
    """The whole-number weights (1 to ``most``) a row stating no 分值 may have been scored by, in
    proportion: 得分 = 分值 × 实际完成值 ÷ 指标值 at the score's shown digits (``15`` | ``6`` | ``8.0``:
    20).  None where a figure is nought (a score of 0 or a target of 0 holds for any weight)."""
    t, x, s = Decimal(target), Decimal(actual), Decimal(score)
    if t <= 0 or x <= 0 or s <= 0:
        return []
    half = Decimal(1).scaleb(int(s.as_tuple().exponent)) / 2
    low = max(1, int(((s - half) * t / x).to_integral_value(rounding=ROUND_DOWN)))
    high = min(int(most), int(((s + half) * t / x).to_integral_value(rounding=ROUND_DOWN)) + 1)
    return [w for w in range(low, high + 1) if shown(w * x / t, s) == s]


Proportioned = tuple[str, str, str, tuple[int, ...]]
"""A bare run cut into a target, an actual and a score, and the whole weights it implies."""


def proportioned_cuts(run: str, most: Decimal) -> list[Proportioned]:
    """Every cut of a bare run of figures (``1568.0``) into 指标值 | 实际完成值 | 得分 whose score is in
    proportion to the target and the actual for some whole weight (``implied_weights``)."""
    out: list[Proportioned] = []
    for target, actual, score in cuts(run, 3):
        if Decimal(score) <= most and (weights := implied_weights(target, actual, score, most)):
            out.append((target, actual, score, tuple(weights)))
    return out


def proportioned_fits(
    options: Sequence[Sequence[Proportioned]], scores: Decimal, weights: int, most: int = 20_000
) -> list[tuple[Proportioned, ...]] | None:
    """The choices of one cut per row whose scores add up to ``scores`` and whose implied weights,
    one per row, add up to ``weights`` (the full marks the stated figures leave); None when more
    than ``most`` choices would have to be tried."""
    count = 1
    for o in options:
        count *= len(o)
    if count > most:
        return None
    out = []
    for combo in itertools.product(*options):
        if sum((Decimal(c[2]) for c in combo), Decimal(0)) != scores:
            continue
        reach = {0}
        for c in combo:
            reach = {r + w for r in reach for w in c[3] if r + w <= weights}
        if weights in reach:
            out.append(combo)
    return out


Pair = tuple[Decimal, Decimal]
"""What a reading adds to two sums: the one that must make the total, the one kept under a cap."""


def fitting_options(
    options: Sequence[Sequence[Pair]], total: Decimal, cap: Decimal, most: int = 20_000
) -> list[list[bool]] | None:
    """For each row's options (what each reading adds: its 得分 and its 分值, say), whether some
    choice of one option per row makes the first sums add up to ``total`` with the second sums at
    most ``cap`` — worked out by the sums the rows before and after can reach (for each first sum
    the least second), not by trying every combination.  None when more than ``most`` sums would
    have to be kept."""
    before = _reach(options, total, most)
    after = _reach(options[::-1], total, most)
    if before is None or after is None:
        return None
    after.reverse()
    out = []
    for k, opts in enumerate(options):
        fit = []
        for first, second in opts:
            fit.append(any(
                (least := after[k + 1].get(total - a - first)) is not None and b + second + least <= cap
                for a, b in before[k].items()
            ))  # fmt: skip
        out.append(fit)
    return out


def _reach(options: Sequence[Sequence[Pair]], total: Decimal, most: int) -> list[dict[Decimal, Decimal]] | None:
    """The first sums the leading rows can reach (none past ``total``), each with its least second sum."""
    out: list[dict[Decimal, Decimal]] = [{Decimal(0): Decimal(0)}]
    for opts in options:
        reach: dict[Decimal, Decimal] = {}
        for a, b in out[-1].items():
            for first, second in opts:
                if a + first <= total and (a + first not in reach or b + second < reach[a + first]):
                    reach[a + first] = b + second
        if len(reach) > most:
            return None
        out.append(reach)
    return out


# --- readings of run-together indicator rows ---------------------------------------------

_SIGNS = "≥≤=<>≧≦═＝＞＜"
_FIG = r"\d+(?:\.\d+)?"
_UNIT = rf"[^\d.{_SIGNS},，;；。、()（）]"


def _measure() -> re.Pattern[str]:
    dates = vocabulary().dates
    ranges = "".join(map(re.escape, dates.range_marks))
    value = rf"(?:{_per()})?{_FIG}(?:[{ranges}/]{_FIG})?{_UNIT}{{0,8}}(?:{_ASIDE})?"
    return re.compile(rf"[{_SIGNS}]*(?:{dates.pattern}|{value})")


def _per() -> str:
    """A rate per period written before its figure (平均每月2次): the vocabulary's 每 and a word."""
    before = "|".join(map(re.escape, L.PER_PREFIXES))
    return rf"(?:{before})?{re.escape(vocabulary().figures.per)}[\u4e00-\u9fff]{{1,2}}"


_ASIDE = r"[(（][^()（）]{1,8}[)）]"
_MEASURE = LazyPattern(_measure)
"""A target or an actual written as a figure: a sign, a figure or a range or a date (as the shared
vocabulary writes dates), a unit; a rate per period before it (``平均每月2次``), an aside after it
(``16.4万人(预估)``)."""
_DATE = LazyPattern(lambda: re.compile(vocabulary().dates.pattern))
_DOTTED_YEAR = LazyPattern(lambda: re.compile(vocabulary().dates.dotted_year or r"(?!)"))
_DOTTED_END = LazyPattern(lambda: re.compile(f"(?:{vocabulary().dates.dotted_year or '(?!)'})\\d{{1,2}}$"))
_DATE_PART = re.compile(r"\d{1,2}")
"""A month's or a day's figure."""
_PER_START = LazyPattern(lambda: re.compile(rf"{_per()}\d"))
_PER_AT = LazyPattern(lambda: re.compile(f"^{_per()}"))
_ROW_COLUMNS = ("target", "actual", "weight", "score", "deviation_note")


@dataclass(frozen=True)
class RowCut:
    """A run-together indicator row cut into its cells (None: the cell is empty).  ``name`` None:
    the name and a written-out target ran together and where one ends is not known."""

    name: str | None
    values: list[str | None]
    clear: bool = True
    """The best readings agree on every cell (no cell was left empty for want of agreement)."""


def _note_starts(run: str) -> list[int]:
    """Where a note can begin after the figures: text after a figure that is not the figure's own
    unit (``864人``, ``2023年``) nor the rest of a range (``11-12月``), or a year opening the note
    (``…362023年平台运行稳定…``)."""
    out = []
    for j in range(1, len(run)):
        if not run[j - 1].isdigit():
            continue
        note = run[j:]
        opens = bool(_YEAR_FIRST.match(note)) or not (note[0].isdigit() or note[0] in ".%")
        dates = vocabulary().dates
        if (
            opens
            and len(note) >= _NOTE_MIN_CHARS
            and not (is_unit(note) or note[0] in (*dates.marks, *dates.range_marks))
        ):
            out.append(j)  # (a range mark goes on with the figure before it: 11-12月 is one value)
    return out


_YEAR_FIRST = LazyPattern(lambda: re.compile(r"^\d{4}" + re.escape(vocabulary().dates.year)))
_NOTE_MIN_CHARS = 2
"""A note is words: one character after a figure is its unit (``18卷``), not a note."""


_ZERO_NOTE = "0"
"""A note of nought after the figures (``…10100``: 分值 10, 得分 10, and 0 where the form asks why a
target was missed): a figure some forms write in the note column for "no deviation", so only
after full marks."""


def _zero_noted(run: str) -> list[tuple[str, str | None, str | None, str]]:
    """(what is left, weight, score, note) for a run ending in a nought note: full marks before it
    (no deviation is what the nought says: the score is the weight), as in ``_tails``."""
    j = len(run) - len(_ZERO_NOTE)
    if not run.endswith(_ZERO_NOTE) or not run[:j][-1:].isdigit():
        return []
    start = j
    while start > 0 and (run[start - 1].isdigit() or run[start - 1] == "."):
        start -= 1
    out: list[tuple[str, str | None, str | None, str]] = []
    for k in range(start, j):
        out += [(run[:k], w, s, _ZERO_NOTE) for w, s in cuts(run[k:j], 2) if w == s and 0 < Decimal(w) <= _HUNDRED]
    return out


def _tails(run: str, scored: bool, noted: bool) -> list[tuple[str, str | None, str | None, str]]:
    """(what is left, weight, score, note): the row's end cut after its 分值 and 得分."""
    ends = [len(run)] + (_note_starts(run)[:MAX_STARTS] if noted else [])  # a note follows the figures
    out = _zero_noted(run) if noted and scored else []
    for j in ends:
        note = run[j:]
        out.append((run[:j], None, None, note))
        if not scored:
            continue
        start = j
        while start > 0 and (run[start - 1].isdigit() or run[start - 1] == "."):
            start -= 1
        for k in range(start, j):
            figures = run[k:j]
            for w, s in cuts(figures, 2):
                if Decimal(s) <= Decimal(w) <= _HUNDRED and Decimal(w) > 0:
                    out.append((run[:k], w, s, note))
            if cuts(figures, 1) and 0 < Decimal(figures) <= _HUNDRED:  # one of the two left blank
                out += [(run[:k], figures, None, note), (run[:k], None, figures, note)]
    return out


Head = tuple[str | None, str | None, str | None, int]
"""(name — None when it runs into a written-out target —, target, actual, support)."""


def _repeats(head: str) -> list[Head]:
    """The actual written as the target (``=20个20个``, ``有效有效``): the one reading that needs
    no knowledge of values."""
    out: list[Head] = []
    for size in range(1, len(head) // 2 + 1):
        x = head[-size:]
        if head[-2 * size : -size] == x:
            name = head[: -2 * size]
            if x[0].isdigit() and (name[-1:].isdigit() or name.endswith(".")):
                continue  # 100 is no name ending in 1 and 0 written twice
            sign = len(name) - len(name.rstrip(_SIGNS))
            plain = x.replace(".", "").isdigit()  # 1010 is more likely 分值 10 and 得分 10
            out.append((name[: len(name) - sign], name[len(name) - sign :] + x, x, (2 if plain else 5) + (sign > 0)))
    return out + _name_repeated(head)


def _name_repeated(head: str) -> list[Head]:
    """The name written again as the target or the actual (``长期保障会员合法权益长期保障会员合法权益``):
    two equal halves of words; which of the two cells it fills, the table's other rows tell."""
    half = len(head) // 2
    if half == 0 or head[:half] != head[half:] or not _WORD_START.match(head):
        return []
    x = head[:half]
    return [(x, x, None, 1), (x, None, x, 1)]


_WORD_START = re.compile(r"[\u4e00-\u9fff]")


def _starts(head: str) -> list[int]:
    """Where a figure written as a value can begin: at a sign, or at a number not after one."""
    out = []
    per_figure = -1
    for i in range(1, len(head)):
        ch, before = head[i], head[i - 1]
        if (m := _PER_START.match(head, i)) and not any(head.endswith(w, 0, i) for w in L.PER_PREFIXES):
            out.append(i)  # a rate per period (平均每月2次): its figure opens no value of its own
            per_figure = m.end() - 1
            continue
        sign = ch in _SIGNS and before not in _SIGNS
        figure = ch.isdigit() and not (before.isdigit() or before == "." or before in _SIGNS)
        if i != per_figure and (sign or (figure and not _date_goes_on(head, i))):
            out.append(i)
            out += _after_dotted_month(head, i)
    return out


def _after_dotted_month(head: str, at: int) -> list[int]:
    """Where a value may begin right after a year and month written with a point that opens at
    ``at`` (``2021.12`` | ``100%``: a date target and a rate actual run together): after the month
    of two figures when it is one (10–12, 01–09), else of one, and only where a figure that is no
    leading nought follows.  Empty where no such date opens there."""
    m = _DOTTED_YEAR.match(head, at)
    if m is None:
        return []
    for width in (2, 1):
        month, end = head[m.end() : m.end() + width], m.end() + width
        if len(month) != width or not month.isdigit() or not 1 <= int(month) <= 12:
            continue
        if head[end : end + 1] in _NOUGHTLESS:
            return [end]
        if end == len(head) or not head[end].isdigit():
            return []  # the date ends here (2021.12, 2021.12月)
    return []


_NOUGHTLESS = tuple("123456789")


def _date_goes_on(head: str, at: int) -> bool:
    """The figure at ``at`` is a later part of the date before it (``2021年|12月``, ``12月|31日``):
    a date's mark after a figure stands before it, and a month's or a day's mark follows it (a
    year follows a year as a value of its own: ``2023年|2024年``)."""
    dates = vocabulary().dates
    if head[at - 1 : at] not in dates.marks or not head[at - 2 : at - 1].isdigit():
        return False
    m = _DATE_PART.match(head, at)
    return m is not None and head[m.end() : m.end() + 1] in dates.marks and head[m.end()] != dates.year


def _heads(head: str, target_start: Callable[[str], int | None]) -> list[Head]:
    """(name, target, actual, support) for what precedes the figures: repeats, a target and an
    actual that are figures, a figure after a written-out target (``…长期100%``), a written-out
    target alone, a figure alone.  Support: a target and an actual each count one; a sign before
    the target, one unit in both count one more; an actual that is a bare number unlike its
    target counts against."""
    out = _repeats(head)
    starts = _starts(head)[-MAX_STARTS:]  # the target and the actual end the head
    for a in starts:
        x = head[a:]
        if not _is_measure(x):
            continue
        before = head[:a]
        for b in (b for b in starts if b < a and _is_measure(head[b:a])):
            t = head[b:a]
            out.append((head[:b], t, x, 2 + (t[0] in _SIGNS) + _agree(t, x)))
        ends_in_value = any(_is_measure(before[c:]) and _unit(before[c:]) for c in starts if c < a)
        out.append((before, x, None, 1 + (x[0] in _SIGNS) - ends_in_value))
        if (q := target_start(before)) is not None and x[0] not in _SIGNS:  # a bound is a target's
            out += [(before[:p], before[p:], x, 3 - 2 * (not _unit(x))) for p in (q, *earlier_starts(before, q))]
    if (q := target_start(head)) is not None:
        out += [_written_out(head, p, starts) for p in (q, *earlier_starts(head, q))]
    out += _bare_pair(head) + _graded(head)
    out.append((head, None, None, -2))  # all of it the name: the reading of last resort
    return [(n, t, x, sup - _dotted_month_split(n, t)) for n, t, x, sup in out if n is None or _name_like(n)]


def _dotted_month_split(name: str | None, target: str | None) -> int:
    """1 against a reading that cuts a year and month written with a point (``2021.12``) from the
    figures after it the wrong way: a target running the date on into them (``2021.12100%``), or a
    name ending in the date with the figures after it its target (``…时间2021.12`` | ``100%``)."""
    if target and _after_dotted_month(target, 0):
        return 1
    if name and target and target[:1].isdigit():
        m = _DOTTED_END.search(name)
        return int(m is not None and bool(_after_dotted_month(name + target, m.start())))
    return 0


def _bare_pair(head: str) -> list[Head]:
    """A target and an actual both bare numbers run together after the name (``…学生人数1472615935``:
    14726 | 15935): the cuts whose two numbers have ``PAIR_DIGITS_MIN`` digits at least each and are
    within ``PAIR_RATIO`` of each other — an actual is of its target's order, and two numbers of
    several digits that close seldom meet by chance.  Each counts as a target and an actual (2)."""
    m = _TRAILING_RUN.search(head)
    if m is None or m.start() == 0:
        return []
    out: list[Head] = []
    for target, actual in cuts(m.group(), 2):
        t, x = Decimal(target), Decimal(actual)
        digits = min(significant_digits(t), significant_digits(x))
        if digits >= PAIR_DIGITS_MIN and t > 0 and 1 / PAIR_RATIO <= x / t <= PAIR_RATIO:
            out.append((head[: m.start()], target, actual, 2))
    return out


def _graded(head: str) -> list[Head]:
    """A 定性 target written as a rating scale and its actual one word of it after it
    (``…健全性优良中差优``: 优良中差 | 优): the scale is ``GRADE_SCALE_MIN`` of the layouts' scale words
    (``grade_scale``) at least, each once, the longest run so before the actual that holds it.
    Counts as a target and an actual whose words agree (3)."""
    words = sorted(L.GRADE_SCALE, key=len, reverse=True)
    actual = next((w for w in words if head.endswith(w)), None)
    if actual is None:
        return []
    end = len(head) - len(actual)
    start, seen = end, list[str]()
    while (word := next((w for w in words if head.endswith(w, 0, start) and w not in seen), None)) is not None:
        seen.append(word)
        start -= len(word)
    if len(seen) < GRADE_SCALE_MIN or actual not in seen or start == 0:
        return []
    return [(head[:start], head[start:end], actual, 3)]


GRADE_SCALE_MIN = 3
"""A rating scale written as a target names three grades at least (优良中差, 好较好一般)."""


_TRAILING_RUN = re.compile(r"(?<![\d.])\d[\d.]*$")
PAIR_DIGITS_MIN = 2
"""A bare target and actual run together are cut only into numbers of at least this many digits."""
PAIR_RATIO = Decimal(2)
"""… and only where one is within this factor of the other."""


def earlier_starts(text: str, start: int, settings: Settings = DEFAULT) -> list[int]:
    """Where a written-out target found at ``start`` may begin as well: at a word a target ends in
    or a qualifier (two characters or more: 是 and 否 stand in any text) ending 1 to
    ``target_word_gap_max`` characters before it (``…便捷提高人员保障``: 保障, or 提高人员保障) —
    none where such a word ends just before it (``…持续改善|长期``: the name ends in one), and none
    that ``_may_open`` refuses.  Read both ways, the row's name and target are a close call and
    left unsure."""
    words = [w for w in (*L.QUALITATIVE, *L.QUALIFIERS) if len(w) > 1]
    if any(text.endswith(w, 0, start) for w in words):
        return []
    gap = settings.target_word_gap_max
    found = {(start - k - len(w), w) for k in range(1, gap + 1) for w in words if text.endswith(w, 0, start - k)}
    return sorted({p for p, w in found if _may_open(text, p, w, start)})


def _may_open(text: str, at: int, word: str, start: int) -> bool:
    """Can a target begin at ``word`` (at ``at``) rather than at ``start``?  Not where the words
    between close a name (``…到位及时性|及时``, ``…改善情况|提高``: the layouts' name_endings — a
    target names no measure), nor where the target's own word comes again (``及时…及时``), nor at a
    word that only qualifies (``基本``, ``效果``) where no target word follows it (``基本生活|有效保障``:
    a qualifier stands right before the word it qualifies)."""
    between = text[at + len(word) : start]
    if any(between.endswith(e) for e in L.NAME_ENDINGS) or text.startswith(word, start):
        return False
    if word in L.QUALITATIVE:
        return True
    after = text[at + len(word) :]
    return any(after.startswith(w) for w in (*L.QUALITATIVE, *L.QUALIFIERS) if w)


def _written_out(head: str, q: int, starts: list[int]) -> Head:
    """A head ending in a written-out value at ``q``: the target, or — after a target that is a
    figure (``成本控制数≤30万元完成``) — the actual."""
    figure = next((b for b in starts if b < q and _is_measure(head[b:q])), None)
    if figure is None:
        return (head[:q], head[q:], None, 1)
    return (head[:figure], head[figure:q], head[q:], 2 + (head[figure] in _SIGNS))


def _name_like(name: str) -> bool:
    """A name does not end in a sign or in the first half of a range (``2023至`` | ``2024年…``), nor
    in a sign and a figure (``…倍数≥2``: a bound cut off its unit), holds no figure listed before a
    comma (``…时间上半年发放50%,下半年发放`` | ``50%``: the values run into it) and no sentence's end
    but at its own end (after ``…覆盖率实施…37个。`` a value goes on)."""
    t = name.rstrip()
    cut_bound = _CUT_BOUND.search(t) is not None or _LISTED_FIGURE.search(t) is not None
    return bool(t) and not t.endswith(_name_never_ends()) and not cut_bound and _STOP not in t.rstrip(_STOP)


_OPERATORS = "×÷"
"""The operators of a target written as a formula (=…标准×12): no name ends in one, nor in one
and the figure after it (the formula's figure cut short)."""
_CUT_BOUND = re.compile(rf"[{_SIGNS}{_OPERATORS}]{_FIG}$")
"""A sign and a figure ending a text: a bound whose unit went on into what follows (or an
operator and a figure: a formula cut short)."""


_LISTED_FIGURE = re.compile(r"\d[^\d,，;；。\s]{0,4}[,，;；](?!\d)")
"""A figure (and its unit) before a comma or a semicolon: a value listed in a sentence (上半年发放50%,
下半年发放50%), which is a target's words, not a name's (a comma between digits groups thousands)."""


_STOP = "\u3002"
"""The full stop that ends a sentence."""


@lru_cache(maxsize=1)
def _name_never_ends() -> tuple[str, ...]:
    """A name does not end in a sign, an operator (a formula's ``…×`` | ``12``) or in the first half
    of a range (``2023至`` | ``2024年…``)."""
    return (*_SIGNS, *_OPERATORS, *vocabulary().dates.range_marks)


def _is_measure(text: str) -> bool:
    """A figure with its sign and a unit of measure (or a date, a range)."""
    if not _MEASURE.fullmatch(text):
        return False
    unit = _ASIDE_END.sub("", _unit(text)).strip()
    bound = next((w for w in L.VALUE_BOUNDS if unit.endswith(w)), "")
    unit = unit[: len(unit) - len(bound)]
    if len(unit) == 1 and "\u4e00" <= unit <= "\u9fff":
        return True  # one counting word after the figure (18卷, 3项)
    return not unit or bool(_DATE.fullmatch(text.lstrip(_SIGNS))) or is_unit(unit)


_ASIDE_END = re.compile(rf"{_ASIDE}$")


def _agree(target: str, actual: str) -> int:
    """+1 for one unit in both; -2 for a bare number after a target with a unit (``≥90%`` then
    ``10``: the 10 is more likely the 分值), unless it is the target's own figure."""
    unit_t, unit_a = _unit(target), _unit(actual)
    if unit_a and unit_t == unit_a:
        return 1
    if unit_t and not unit_a and target.lstrip(_SIGNS)[: len(target.lstrip(_SIGNS)) - len(unit_t)] != actual:
        return -2
    return 0


def _unit(value: str) -> str:
    return _PER_AT.sub("", value.lstrip(_SIGNS)).lstrip("0123456789.")


def _figures_support(weight: str | None, score: str | None) -> int:
    """分值 and 得分 read: +2; a whole-number 分值 +1 (points are given whole; -1 for one with
    decimals), full marks +1, a score of 0 -1 (``10`` is likelier one figure than 1 and 0); one of
    them alone: +1 (which of the two it is, nothing tells)."""
    if weight is None or score is None:
        return 0 if weight is None and score is None else 1
    w, s = Decimal(weight), Decimal(score)
    return 2 + (-1 if "." in weight else 1) + (w == s) - (s == 0)


def _bare(value: str) -> bool:
    return value.replace(".", "", 1).isdigit()


def proportional(target: str, actual: str, weight: str | None, score: str | None) -> bool:
    """得分 = 分值 × 实际完成值 ÷ 指标值 at the score's digits, short of full marks (``43.237.24109``:
    10 × 37.24 ÷ 43.2 = 8.6, shown 9): a row scored in proportion, which a cut meets seldom by chance."""
    if weight is None or score is None:
        return False
    t, x, w, s = Decimal(target), Decimal(actual), Decimal(weight), Decimal(score)
    return t > 0 and 0 < s < w and x < t and shown(w * x / t, s) == s


def _bare_pair_unproven(target: str | None, actual: str | None, weight: str | None, score: str | None) -> bool:
    """A target and an actual both bare numbers (not one written twice, ``9090``) run into the 分值
    or 得分 after them, where the score is not in proportion (``proportional``)."""
    if target is None or actual is None or (weight is None and score is None) or target == actual:
        return False
    return _bare(target) and _bare(actual) and not proportional(target, actual, weight, score)


def _name_alone(cells: dict[str, str | None]) -> bool:
    return all(v is None for k, v in cells.items() if k != "name")


def _note_cost(note: str, weight: str | None, score: str | None, scored: bool) -> int:
    """A note read counts against a reading (most rows have none); more where the header has
    分值 and 得分 and neither was read (the note would follow two empty cells)."""
    if not note:
        return 0
    return 2 if scored and weight is None and score is None else 1


Reading = tuple[int, dict[str, str | None]]
"""A candidate cut of a run-together row and its support."""


def indicator_row(
    run: str, columns: Sequence[object], target_start: Callable[[str], int | None], margin: int = 1
) -> RowCut | None:
    """The cells of an indicator row whose name, target, actual, 分值, 得分 and note ran together
    (``维修公里数=20公里20公里55``), in the header's column order after the name.  Every cut is a
    candidate; the support of each is what the row shows (the actual written as the target, one
    unit in both, a score at most its weight); cells the best readings disagree on are left
    empty — those within ``margin`` of the best count as just as good.  ``target_start`` tells
    where a written-out target that ends a text begins (``…正常运行长期``), None if none does."""
    readings = indicator_readings(run, columns, target_start)
    return None if not readings else settle_row(readings, columns, margin)


def indicator_readings(run: str, columns: Sequence[object], target_start: Callable[[str], int | None]) -> list[Reading]:
    """Every candidate cut of the row with its support (none for columns it does not know)."""
    order = _order(columns)
    if not can_cut(columns):
        return []
    scored = "weight" in order and "score" in order
    readings: list[Reading] = []
    for head, w, s, note in _tails(run, scored, "deviation_note" in order):
        for name, target, actual, support in _heads(head, target_start) if head else []:
            if actual is not None and "actual" not in order:
                continue
            if actual is None and (w or s) and target is not None and _bare(target):
                continue  # a bare number run into the 分值 after it: where it ends, nothing says
            if _bare_pair_unproven(target, actual, w, s):
                continue  # two bare numbers and the 分值 after them in one run: as little is told
            cells = {"name": name, "target": target, "actual": actual, "weight": w, "score": s}
            cells["deviation_note"] = note or None
            readings.append((support + _figures_support(w, s) - _note_cost(note, w, s, scored), cells))
    return readings


def settle_row(
    readings: Sequence[Reading], columns: Sequence[object], margin: int = 1, shape: frozenset[str] | None = None
) -> RowCut | None:
    """The cut the best readings agree on, cell by cell.  ``shape``: the cells the table's other
    rows fill (where they read clearly); a reading counts one less for each cell it fills or
    leaves empty unlike them (``2020`` after a name: 分值 and 得分, where the rows have those)."""
    if shape is not None:
        readings = [(score - len(filled(cells) ^ shape), cells) for score, cells in readings]
    best = max(score for score, _ in readings)
    top = [cells for score, cells in readings if score >= best - margin]
    if all(_name_alone(c) for c in top):
        return None  # all of it the name and nothing else read: the row's values are in it
    agreed = {k: (v if all(c[k] == v for c in top) else None) for k, v in top[0].items()}
    if agreed["name"] is None:
        agreed["name"] = bracketed_end([c["name"] for c in top])
    clear = all(c == top[0] for c in top)
    return RowCut(agreed["name"], [agreed[c] for c in _order(columns)], clear)


def bracketed_end(names: Sequence[str | None]) -> str | None:
    """The name readings share where each is it and figures after it, when it ends in a bracket
    (``…主体 (个)`` and ``…主体 (个)15``): a name that closes on its unit in brackets goes on in no
    figure — where its values are cut, the readings may disagree, not where it ends."""
    ends = {_bracket_end(n) for n in names}
    end = ends.pop() if len(ends) == 1 else None
    return end if end and end.endswith(_CLOSING) else None


def _bracket_end(name: str | None) -> str | None:
    """The name up to its last closing bracket, where only figures follow it."""
    if name is None:
        return None
    at = max(name.rfind(c) for c in _CLOSING) + 1
    return name[:at] if at > 0 and _FIGURES_ONLY.fullmatch(name[at:]) else None


_CLOSING = (")", "）")
_FIGURES_ONLY = re.compile(r"[\d.]*")


def clear_caches() -> None:
    """Build the value patterns again (the active layouts changed their words)."""
    for pattern in (_MEASURE, _PER_START, _PER_AT):
        pattern.reset()


def filled(cells: dict[str, str | None]) -> frozenset[str]:
    """The cells a reading fills besides the name."""
    return frozenset(k for k, v in cells.items() if k != "name" and v is not None)


def can_cut(columns: Sequence[object]) -> bool:
    """Are these columns ones a run-together row can be cut into (target … note, no split target)?"""
    order = _order(columns)
    return bool(order) and all(c in _ROW_COLUMNS for c in order)


def column_names(columns: Sequence[object]) -> list[str]:
    """The columns by the names a reading's cells go by (target, actual, weight …)."""
    return _order(columns)


def _order(columns: Sequence[object]) -> list[str]:
    return [str(getattr(c, "value", c)) for c in columns]
