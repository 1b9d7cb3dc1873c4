"""Readings checked by the table's own arithmetic.

Where a page ran cells together (``年度资金总额86000.0086000.0085120.001098.98%9.9``,
``…18.6公里1010``) the figures can be cut in many ways.  Every well-formed cut is a candidate
reading; each is checked against what the table itself says must hold — the rate is 执行数 ÷
预算数 at its shown digits, the execution score is the weight × the rate, a score is at most its
weight, amounts are written alike — and the reading that satisfies most checks wins.  When two
readings are equally good the choice is a close call: it is returned as such, never as fact.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

_NUMBER = re.compile(r"^(0|[1-9]\d*)(\.\d+)?$")
_HUNDRED = Decimal(100)
MAX_PARTS = 8
"""Cuts into more parts than this are not tried (a row has at most this many figures)."""
MAX_DIGITS = 40
"""A run longer than this is not cut (the candidates would be too many to be telling)."""


def cuts(digits: str, parts: int) -> list[list[str]]:
    """Every way to cut a run of figures into ``parts`` well-formed numbers (no leading zeros,
    at most one decimal point each)."""
    if parts < 1 or parts > MAX_PARTS or len(digits) > MAX_DIGITS:
        return []
    if parts == 1:
        return [[digits]] if _NUMBER.match(digits) else []
    out: list[list[str]] = []
    for cut in range(1, len(digits)):
        head = digits[:cut]
        if _NUMBER.match(head):
            out.extend([head, *rest] for rest in cuts(digits[cut:], parts - 1))
    return out


def shown(value: Decimal, like: Decimal) -> Decimal:
    """``value`` rounded to the digits ``like`` is written with (ROUND_HALF_UP)."""
    digits = max(0, -int(like.as_tuple().exponent))
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


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


def choose(candidates: Sequence[dict[str, Decimal]], checks: Sequence[Check]) -> Choice:
    """The candidate with the most checks holding and none failing; a tie is a close call."""
    scored: list[tuple[int, dict[str, Decimal]]] = []
    for cand in candidates:
        results = [check(cand) for check in checks]
        if any(r is False for r in results):
            continue
        scored.append((sum(1 for r in results if r), cand))
    if not scored:
        return Choice(None)
    best = max(s for s, _ in scored)
    top = [c for s, c in scored if s == best]
    distinct = [c for k, c in enumerate(top) if c not in top[:k]]
    return Choice(distinct[0], best, distinct[1:])


# --- the checks a table's figures obey ---------------------------------------------------


def rate_is_executed_over_budget(budget: str, executed: str, rate: str) -> Check:
    """执行率 = 执行数 ÷ 预算数, at the rate's shown digits (in per cent)."""

    def check(r: dict[str, Decimal]) -> bool | None:
        a, b, p = r.get(budget), r.get(executed), r.get(rate)
        if a is None or b is None or p is None or a == 0:
            return None
        if p == 0:
            return b == 0  # a zero rate is no spending, not a rate rounded away
        return shown(b / a * _HUNDRED, p) == p

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
    before the rate (amounts, then 分值 where the header has it), the rate, those after it."""
    m = _GLUED_RATE.match(run.replace(" ", ""))
    if m is None:
        return []
    head, tail = m.group(1), m.group(2)
    out: list[dict[str, Decimal]] = []
    for parts in cuts(head, len(before_rate) + 1):
        reading = {name: Decimal(v) for name, v in zip(before_rate, parts, strict=False)}
        reading["rate"] = Decimal(parts[-1])
        tails = cuts(tail, len(after_rate)) if tail else [[]]
        for rest in tails:
            out.append(reading | {name: Decimal(v) for name, v in zip(after_rate, rest, strict=False)})
    return out


def fund_row_checks(amounts: Sequence[str]) -> list[Check]:
    """What a 年度资金总额 row obeys: rate = executed ÷ the budget before it, score = weight × rate."""
    checks: list[Check] = [
        within("rate", Decimal(0), Decimal(1000)),
        within("weight", Decimal(0), _HUNDRED),
        at_most("score", "weight"),
        score_is_weight_times_rate("weight", "rate", "score"),
        written_alike(amounts),
    ]
    if "executed" in amounts and amounts.index("executed") > 0:
        budget = amounts[amounts.index("executed") - 1]
        checks.append(rate_is_executed_over_budget(budget, "executed", "rate"))
    return checks


def weight_and_score(run: str) -> Choice:
    """A row's last two figures run together (``1010``, ``1510``, ``2019.5``): 分值 then 得分, the
    score at most the weight, the weight at most 100."""
    candidates = [{"weight": Decimal(w), "score": Decimal(s)} for w, s in cuts(run, 2)]
    return choose(candidates, [within("weight", Decimal(0), _HUNDRED), at_most("score", "weight")])
