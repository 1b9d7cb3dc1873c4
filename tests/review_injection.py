"""Error injection over generated tables: one problem of each class the review checks.

Every truth table the layout-family generator knows (``tests/families/truth.py``: seeds,
corpus, corpus2, read from ../shared at run time) is first made consistent — each score as
its rule set computes it, the execution line from the amounts, the total and grade from the
parts, a reason beside every shortfall, fund sources that add up — so the review passes it
with no error.  Then one problem is injected at a random place with random wording: a wrong
sum, a score over its weight, a stated rate that is not 执行数 ÷ 预算数, a missing reason,
text that names an indicator in its own words with another figure, a copied target, a year
that is not the table's, a 复核得分 that differs, a 部门整体 评分表 line … (``INJECTORS``).

The review is then asked to find it, from the injected truth itself (a perfect extraction)
and, where ingest reads the family, from the generated document read back.  A case counts as
found when the review reports the injected code at the injected place; a false error is any
error-level finding the injection did not cause (not in the clean table's review, not the
injected code, not a stated consequence of it).  Controls inject wording that agrees with the
table (the same figures in other words, points declared right): any finding of the code they
exercise is a false one.

Randomness comes from ``random.Random(f"{injector}|{table}|{seed}")``: the tests and the
tuning use ``TUNING_SEEDS``; ``scripts/review_inject.py`` reports ``HELD_OUT_SEEDS`` apart,
which no check was tuned on.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jixiao.model.evaluation import (
    Doubt,
    Evaluation,
    FundLine,
    Funds,
    Goal,
    Indicator,
    ScoringItem,
    Source,
    Subtotal,
    TableKind,
)
from jixiao.model.values import Op, parse_value
from jixiao.review import Review, review
from jixiao.review.catalogue import Code, Severity
from jixiao.review.choose import choose
from jixiao.rules.ruleset import ReverseMet, RuleSet
from jixiao.scoring.engine import grade_of, score
from jixiao.scoring.indicators import target_of
from jixiao.scoring.numbers import shown_digits
from jixiao.scoring.results import RowStatus
from tests.families.truth import Truth

D = Decimal
ZERO = D(0)
CENT = D("0.01")
TUNING_SEEDS = (0, 1, 2)
HELD_OUT_SEEDS = (101, 102, 103, 104, 105)

Place = tuple[str, int | None]
"""("row", i) an indicator row (0-based), ("item", k) a 评分表 line, ("table", None) the table as a whole."""
TABLE: Place = ("table", None)


def _d(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal) else D(repr(value)) if isinstance(value, float) else D(str(value))


def q2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- the table as data: a truth (families' format) plus what only a perfect extraction holds -------


@dataclass
class Draft:
    """A table being injected: the families' truth fields (``data``, ``sources``, ``goals``) and
    ``extra`` — fields the generated documents cannot carry (复核得分, subtotal lines, doubts,
    a document title, a 评分表), so cases using them are measured from the truth alone."""

    name: str
    data: dict[str, Any]
    sources: list[list[Any]]
    goals: list[list[str]]
    extra: dict[str, Any] = field(default_factory=dict)
    row_extra: dict[int, dict[str, Any]] = field(default_factory=dict)
    truth_only: bool = False
    """A change the documents cannot carry (a page cut at the top, a subtotal line)."""
    layout: str = "families"
    """How a document is written: a layout family (``families``), the national form with
    自评得分 | 复核得分 columns (``review``), or a 部门整体 评分表 (``department``)."""

    @property
    def rows(self) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = self.data["indicators"]
        return rows

    @property
    def funds(self) -> dict[str, Any]:
        funds: dict[str, Any] = self.data.setdefault("funds", {})
        return funds

    @property
    def through_ingest(self) -> bool:
        if self.truth_only:
            return False
        if self.layout == "department":
            return set(self.extra) <= {"kind", "scoring_items", "total_score_stated"}
        recheck_only = all(set(x) == {"recheck_score"} for x in self.row_extra.values())
        return not self.extra and (not self.row_extra or (self.layout == "review" and recheck_only))

    def truth(self) -> Truth:
        return Truth(self.name, self.data, tuple(tuple(s) for s in self.sources),  # type: ignore[misc]
                     tuple(tuple(g) for g in self.goals))  # type: ignore[misc]  # fmt: skip

    def copy(self) -> Draft:
        return copy.deepcopy(self)

    def evaluation(self) -> Evaluation:
        """The table as a perfect extraction reads it."""
        d = self.data
        funds = None
        f = d.get("funds") or {}
        if any(f.get(k) is not None for k in ("initial_budget", "adjusted_budget", "executed")) or self.sources:
            funds = Funds(
                initial_budget=_d(f.get("initial_budget")), adjusted_budget=_d(f.get("adjusted_budget")),
                executed=_d(f.get("executed")),
                sources=[FundLine(name=s[0], initial_budget=_d(s[1]), adjusted_budget=_d(s[2]), executed=_d(s[3]))
                         for s in self.sources],
            )  # fmt: skip
        rows = []
        for i, r in enumerate(self.rows):
            ind = Indicator(level1=r.get("level1"), level2=r.get("level2"), name=r.get("name"), target=r.get("target"),
                            actual=r.get("actual"), weight=_d(r.get("weight")), score=_d(r.get("score")),
                            deviation_note=r.get("deviation_note"), **self.row_extra.get(i, {}))  # fmt: skip
            rows.append(ind)
        year = d.get("year")
        ev = Evaluation(
            year=year, project_name=d.get("project_name"), department=d.get("department"),
            implementing_unit=d.get("implementing_unit"), funds=funds,
            execution_rate_stated=_d(d.get("execution_rate_stated")), execution_weight=_d(d.get("execution_weight")),
            execution_score_stated=_d(d.get("execution_score_stated")),
            goals=[Goal(expected=e, actual=a) for e, a in self.goals], indicators=rows,
            total_score_stated=_d(d.get("total_score_stated")), grade_stated=d.get("grade_stated"),
            source=Source(file=f"{self.name}.json", table=1,
                          title=f"{year}年度项目支出绩效自评表" if year else "项目支出绩效自评表"),
        )  # fmt: skip
        return ev.model_copy(update=self.extra) if self.extra else ev


def draft_of(truth: Truth) -> Draft:
    data = copy.deepcopy(truth.data)
    data["indicators"] = [dict(r) for r in data.get("indicators") or []]
    return Draft(truth.name, data, [list(s) for s in truth.sources], [list(g) for g in truth.goals])


_REASONS = (
    "受天气影响，部分工作推迟，下一步将加快进度。",
    "因资金拨付较晚，未能全部完成，已督促实施单位加快推进。",
    "部分对象未按时申报，后续将加强宣传与跟踪。",
)
_SOURCE_NAMES = ("当年财政拨款", "上年结转资金", "其他资金")


def _rule_set(d: Draft) -> RuleSet:
    return choose(d.evaluation()).rule_set


def make_clean(truth: Truth) -> Draft | None:
    """The truth made consistent under the rule set the review chooses for it; None when the
    review still finds an error in it, or a doubt (a table read in part, corpus2 107): the table
    is then no base for injection."""
    d = draft_of(truth)
    rows = [r for r in d.rows if r.get("name") or r.get("target") or r.get("weight") is not None]
    if not rows:
        return None
    d.data["indicators"] = rows
    for _ in range(2):  # the rule set may change once the scores follow one
        rs = _rule_set(d)
        result = score(d.evaluation(), rs)
        for r, rr in zip(d.rows, result.rows, strict=True):
            w = _d(r.get("weight"))
            if w is None:
                continue
            s = rr.computed if rr.computed is not None else _d(r.get("score"))
            s = w if s is None or s > w else s
            r["score"] = s
            if (s < w or rr.target_met is False) and not (r.get("deviation_note") or "").strip("无/ —-"):
                r["deviation_note"] = _REASONS[len(r.get("name") or "") % len(_REASONS)]
        _clean_funds(d, rs)
        retotal(d, rs)
    if d.data.get("year") is None:
        d.data["year"] = 2023
    r = review(d.evaluation())
    if any(f.severity is Severity.ERROR or f.code is Code.INGEST_UNCERTAIN for f in r.findings):
        return None  # an error left, or a table read in part (its sums are not judged)
    return d


def _clean_funds(d: Draft, rs: RuleSet) -> None:
    f = d.funds
    budget = _d(f.get("adjusted_budget")) or _d(f.get("initial_budget"))
    executed = _d(f.get("executed"))
    if budget and executed is not None:
        d.data["execution_rate_stated"] = (executed / budget).quantize(D("0.0001"), rounding=ROUND_HALF_UP)
        w = _d(d.data.get("execution_weight"))
        if w:
            d.data["execution_score_stated"] = q2(w * min(executed / budget, D(1)))
    if not d.sources and any(f.get(k) is not None for k in ("initial_budget", "adjusted_budget", "executed")):
        share = D("0.8") if len(d.rows) % 2 else D("0.65")
        cols = [_d(f.get(k)) for k in ("initial_budget", "adjusted_budget", "executed")]
        first = [None if v is None else q2(v * share) for v in cols]
        second = [None if v is None or a is None else v - a for v, a in zip(cols, first, strict=True)]
        d.sources = [[_SOURCE_NAMES[0], *first], [_SOURCE_NAMES[1], *second]]


def retotal(d: Draft, rs: RuleSet | None = None) -> None:
    """The total as the sum of the stated parts, and the grade it earns."""
    scores = [_d(r.get("score")) for r in d.rows if r.get("weight") is not None]
    if not any(s is not None for s in scores):
        return
    total = (_d(d.data.get("execution_score_stated")) or ZERO) + sum((s for s in scores if s is not None), ZERO)
    d.data["total_score_stated"] = total
    d.data["grade_stated"] = grade_of(total, rs or _rule_set(d))


def shift_total(d: Draft, delta: Decimal) -> None:
    total = _d(d.data.get("total_score_stated"))
    if total is not None:
        d.data["total_score_stated"] = total + delta
        d.data["grade_stated"] = grade_of(total + delta, _rule_set(d))


# --- injection specs ------------------------------------------------------------------------------


@dataclass
class Injected:
    """One injected table: the draft, where each expected finding is, and what else it may cause."""

    draft: Draft
    expected: list[tuple[Code, Place]]
    allowed: frozenset[Code] = frozenset()
    absent: frozenset[Code] = frozenset()
    """Codes that must not appear at all (a control; a doubt that must hold an error back)."""
    message: str | None = None
    """Text the expected finding's message must contain (the copied-target note)."""


Injector = Callable[[Draft, random.Random], Injected | None]
INJECTORS: dict[str, tuple[Code | None, Injector]] = {}


def injector(name: str, code: Code | None) -> Callable[[Injector], Injector]:
    def register(fn: Injector) -> Injector:
        INJECTORS[name] = (code, fn)
        return fn

    return register


@dataclass(frozen=True)
class RowInfo:
    index: int
    weight: Decimal
    score: Decimal
    status: RowStatus
    met: bool | None
    op: Op
    target: Any
    unit: str
    percent: bool


def row_info(d: Draft) -> list[RowInfo]:
    rs = _rule_set(d)
    ev = d.evaluation()
    result = score(ev, rs)
    out = []
    for i, (ind, rr) in enumerate(zip(ev.indicators, result.rows, strict=True)):
        if ind.weight is None or ind.score is None:
            continue
        t = target_of(ind, rs)
        out.append(RowInfo(i, ind.weight, ind.score, rr.status, rr.target_met, t.op, t, t.unit or "", t.is_percent))
    return out


def _pick(rng: random.Random, items: list[Any]) -> Any:
    return rng.choice(items) if items else None


def _delta(rng: random.Random, low: str, high: str) -> Decimal:
    """A random amount between low and high, in hundredths."""
    lo, hi = int(D(low) * 100), int(D(high) * 100)
    return D(rng.randint(lo, hi)) / 100


def _computable(d: Draft, *, met: bool | None = None, positive: bool = True) -> list[RowInfo]:
    return [
        ri for ri in row_info(d)
        if ri.status is RowStatus.COMPUTED and ri.target.base is not None
        and (not positive or ri.op in (Op.GE, Op.GT, Op.EQ))
        and (met is None or ri.met is met)
    ]  # fmt: skip


def _set_score(d: Draft, i: int, new: Decimal) -> None:
    old = _d(d.rows[i].get("score")) or ZERO
    d.rows[i]["score"] = new
    shift_total(d, new - old)


def _with_reason(d: Draft, i: int) -> None:
    if not (d.rows[i].get("deviation_note") or "").strip("无/ —-"):
        d.rows[i]["deviation_note"] = _REASONS[i % len(_REASONS)]


def _figure(pv: Any) -> str:
    """A parsed value's figure as written (``≥1200人`` → ``1200``)."""
    return plain(pv.value)


# --- the funds block ------------------------------------------------------------------------------


def _budget(d: Draft) -> Decimal | None:
    f = d.funds
    return _d(f.get("adjusted_budget")) or _d(f.get("initial_budget"))


@injector("exec_rate", Code.EXEC_RATE_MISMATCH)
def _exec_rate(d: Draft, rng: random.Random) -> Injected | None:
    budget, executed = _budget(d), _d(d.funds.get("executed"))
    rate = _d(d.data.get("execution_rate_stated"))
    if not budget or executed is None or rate is None:
        return None
    off = _delta(rng, "0.02", "0.25") * rng.choice((1, -1))
    new = rate + off if D("0.05") < rate + off <= D("1.2") else rate - off
    d.data["execution_rate_stated"] = new.quantize(D("0.0001"))
    return Injected(d, [(Code.EXEC_RATE_MISMATCH, TABLE)])


@injector("exec_score", Code.EXEC_SCORE_MISMATCH)
def _exec_score(d: Draft, rng: random.Random) -> Injected | None:
    s, w = _d(d.data.get("execution_score_stated")), _d(d.data.get("execution_weight"))
    if s is None or not w:
        return None
    off = _delta(rng, "0.2", str(min(w, D(4))))
    new = s - off if s - off >= 0 else s + off if s + off <= w else None
    if new is None:
        return None
    d.data["execution_score_stated"] = new
    shift_total(d, new - s)
    return Injected(d, [(Code.EXEC_SCORE_MISMATCH, TABLE)])


@injector("exec_score_blank", Code.SCORE_MISSING)
def _exec_score_blank(d: Draft, rng: random.Random) -> Injected | None:
    s, w = _d(d.data.get("execution_score_stated")), _d(d.data.get("execution_weight"))
    if s is None or not w:
        return None
    d.data["execution_score_stated"] = None
    if rng.random() < 0.5:
        shift_total(d, -s)
    return Injected(d, [(Code.SCORE_MISSING, TABLE)], allowed=frozenset({Code.TOTAL_MISMATCH}))


def _source_columns(d: Draft) -> list[tuple[int, int]]:
    return [(k, c) for k, s in enumerate(d.sources) for c in (1, 2, 3) if _d(s[c]) is not None and _d(s[c])]


@injector("funds_sum", Code.FUNDS_SUM)
def _funds_sum(d: Draft, rng: random.Random) -> Injected | None:
    where = _pick(rng, _source_columns(d))
    if where is None:
        return None
    k, c = where
    value = _d(d.sources[k][c])
    assert value is not None
    coarsest = min(shown_digits(_d(x[c]) or ZERO) for x in [*d.sources, [None] + [d.funds.get(k) for k in
                   ("initial_budget", "adjusted_budget", "executed")]] if _d(x[c]) is not None)  # fmt: skip
    off = max(D(1).scaleb(-coarsest) * (len(d.sources) + 2), q2(value * _delta(rng, "0.01", "0.3")))
    d.sources[k][c] = value + off * rng.choice((1, -1)) if value > off else value + off
    return Injected(d, [(Code.FUNDS_SUM, TABLE)])


@injector("funds_rounding_control", None)
def _funds_rounding(d: Draft, rng: random.Random) -> Injected | None:
    """Sources each rounded to 万元 two decimals, missing the total by a cent: no FUNDS_SUM."""
    keys = ("", "initial_budget", "adjusted_budget", "executed")

    def half_units(c: int) -> Decimal:  # how far rounded figures of column c may miss their sum
        figures = [_d(x[c]) for x in d.sources] + [_d(d.funds.get(keys[c]))]
        return sum((D(1).scaleb(-n) / 2 for v in figures if v is not None and (n := shown_digits(v)) > 0), ZERO)

    where = _pick(rng, [(k, c) for k, c in _source_columns(d) if shown_digits(v := _d(d.sources[k][c]) or ZERO) >= 2
                        and half_units(c) > D(1).scaleb(-shown_digits(v))])  # fmt: skip
    if where is None:
        return None
    k, c = where
    value = _d(d.sources[k][c]) or ZERO
    d.sources[k][c] = value + D(1).scaleb(-shown_digits(value)) * rng.choice((1, -1))
    return Injected(d, [], absent=frozenset({Code.FUNDS_SUM}))


def _move_executed(d: Draft, new: Decimal) -> None:
    """Spending changed: the line, its first source, the stated rate and score, the total."""
    old = _d(d.funds.get("executed")) or ZERO
    d.funds["executed"] = new
    if d.sources and _d(d.sources[0][3]) is not None:
        d.sources[0][3] = (_d(d.sources[0][3]) or ZERO) + new - old
    budget = _budget(d)
    assert budget
    if d.data.get("execution_rate_stated") is not None:
        d.data["execution_rate_stated"] = (new / budget).quantize(D("0.0001"), rounding=ROUND_HALF_UP)
    w, s = _d(d.data.get("execution_weight")), _d(d.data.get("execution_score_stated"))
    if w and s is not None:
        d.data["execution_score_stated"] = q2(w * min(new / budget, D(1)))
        shift_total(d, d.data["execution_score_stated"] - s)


@injector("overspend", Code.OVERSPEND)
def _overspend(d: Draft, rng: random.Random) -> Injected | None:
    budget = _budget(d)
    if not budget or d.funds.get("executed") is None:
        return None
    _move_executed(d, q2(budget * (1 + _delta(rng, "0.01", "0.3"))))
    return Injected(d, [(Code.OVERSPEND, TABLE)])


@injector("low_exec_full_marks", Code.LOW_EXEC_FULL_MARKS)
def _low_execution(d: Draft, rng: random.Random) -> Injected | None:
    budget = _budget(d)
    if not budget or d.funds.get("executed") is None:
        return None
    from jixiao.review.dimensions import dimension_of

    ev = d.evaluation()
    rows = [(i, ind) for i, ind in enumerate(ev.indicators) if ind.weight is not None and dimension_of(ind) in
            ("产出", "效益") and "成本" not in (ind.level2 or "")]  # fmt: skip
    if not rows:
        return None
    got = sum((ind.score or ZERO for _, ind in rows), ZERO)
    weight = sum((ind.weight or ZERO for _, ind in rows), ZERO)
    if not weight or got < weight * D("0.9"):
        return None
    _move_executed(d, q2(budget * _delta(rng, "0.15", "0.55")))
    return Injected(d, [(Code.LOW_EXEC_FULL_MARKS, TABLE)])


# --- scores, weights, totals ----------------------------------------------------------------------


@injector("score_mismatch", Code.SCORE_MISMATCH)
def _score_mismatch(d: Draft, rng: random.Random) -> Injected | None:
    ri = _pick(rng, [ri for ri in _computable(d) if ri.weight >= 2])
    if ri is None:
        return None
    off = _delta(rng, "0.2", str(min(ri.weight, D(5))))
    new = ri.score - off if ri.score - off >= 0 else ri.score + off
    if new > ri.weight:
        return None
    _set_score(d, ri.index, new)
    _with_reason(d, ri.index)
    return Injected(d, [(Code.SCORE_MISMATCH, ("row", ri.index))])


@injector("score_rounding", Code.SCORE_ROUNDING)
def _score_rounding(d: Draft, rng: random.Random) -> Injected | None:
    ri = _pick(rng, [ri for ri in _computable(d, met=False) if ri.score != ri.score.quantize(D("0.1"))])
    if ri is None:
        return None
    new = ri.score - _delta(rng, "0.01", "0.04") * rng.choice((1, -1))
    _set_score(d, ri.index, new)
    return Injected(d, [(Code.SCORE_ROUNDING, ("row", ri.index))])


@injector("score_over_weight", Code.SCORE_OVER_WEIGHT)
def _over_weight(d: Draft, rng: random.Random) -> Injected | None:
    ri = _pick(rng, row_info(d))
    if ri is None:
        return None
    _set_score(d, ri.index, ri.weight + _delta(rng, "0.5", "5"))
    return Injected(d, [(Code.SCORE_OVER_WEIGHT, ("row", ri.index))])


@injector("score_missing", Code.SCORE_MISSING)
def _score_missing(d: Draft, rng: random.Random) -> Injected | None:
    infos = row_info(d)
    ri = _pick(rng, infos)
    if ri is None or len(infos) < 2:
        return None
    d.rows[ri.index]["score"] = None
    if rng.random() < 0.5:
        shift_total(d, -ri.score)
    return Injected(d, [(Code.SCORE_MISSING, ("row", ri.index))], allowed=frozenset({Code.TOTAL_MISMATCH}))


@injector("total_mismatch", Code.TOTAL_MISMATCH)
def _total_mismatch(d: Draft, rng: random.Random) -> Injected | None:
    if d.data.get("total_score_stated") is None:
        return None
    shift_total(d, _delta(rng, "0.3", "8") * rng.choice((1, -1)))
    return Injected(d, [(Code.TOTAL_MISMATCH, TABLE)])


@injector("total_rounded", Code.SCORE_ROUNDING)
def _total_rounded(d: Draft, rng: random.Random) -> Injected | None:
    """The total a few hundredths off its parts (taken from unrounded row scores): a rounding
    habit, reported as such, not a wrong total."""
    total = _d(d.data.get("total_score_stated"))
    if total is None:
        return None
    shown = q2(total + _delta(rng, "0.01", "0.04") * rng.choice((1, -1)))
    if shown == shown.quantize(D("0.1")):  # 99.80 is 99.8 in a spreadsheet cell: a rounding to one decimal
        shown += CENT
    d.data["total_score_stated"] = shown
    d.data["grade_stated"] = grade_of(shown, _rule_set(d))
    return Injected(d, [(Code.SCORE_ROUNDING, TABLE)], absent=frozenset({Code.TOTAL_MISMATCH}))


@injector("total_missing", Code.TOTAL_MISSING)
def _total_missing(d: Draft, rng: random.Random) -> Injected | None:
    if d.data.get("total_score_stated") is None:
        return None
    d.data["total_score_stated"] = None
    if rng.random() < 0.7:
        d.data["grade_stated"] = None
    return Injected(d, [(Code.TOTAL_MISSING, TABLE)])


@injector("grade_mismatch", Code.GRADE_MISMATCH)
def _grade(d: Draft, rng: random.Random) -> Injected | None:
    grade = d.data.get("grade_stated")
    if not grade:
        return None
    rs = _rule_set(d)
    words = {"优": ("优", "优秀"), "良": ("良", "良好"), "中": ("中", "合格", "中等"), "差": ("差", "不合格")}
    others = [g.label for g in rs.grades if g.label != grade and g.label in words]
    if not others:
        return None
    d.data["grade_stated"] = rng.choice(words[rng.choice(others)])
    return Injected(d, [(Code.GRADE_MISMATCH, TABLE)])


@injector("weight_sum", Code.WEIGHT_SUM)
def _weight_sum(d: Draft, rng: random.Random) -> Injected | None:
    ri = _pick(rng, [ri for ri in row_info(d) if ri.score == ri.weight and ri.status is not RowStatus.NOT_COMPUTABLE])
    if ri is None or any(_points(r.get("level1")) or _points(r.get("level2")) for r in d.rows):
        return None
    off = D(rng.choice((1, 2, 3, 5)))
    d.rows[ri.index]["weight"] = ri.weight + off
    _set_score(d, ri.index, ri.weight + off)
    return Injected(d, [(Code.WEIGHT_SUM, TABLE)])


@injector("weight_blank", Code.WEIGHT_SUM)
def _weight_blank(d: Draft, rng: random.Random) -> Injected | None:
    """A scored row's 分值 left blank: the weights no longer make 100; the total still holds."""
    ri = _pick(rng, [ri for ri in row_info(d) if ri.score == ri.weight])
    if ri is None or len(row_info(d)) < 2:
        return None
    d.rows[ri.index]["weight"] = None
    return Injected(d, [(Code.WEIGHT_SUM, TABLE)], absent=frozenset({Code.TOTAL_MISMATCH}))


def _points(label: str | None) -> Decimal | None:
    from jixiao.model.vocabulary import declared_points

    return declared_points(label)


_POINT_FORMS = ("{label}（{n}分）", "{label}({n}分)", "{label}（{n}）", "{label} {n}分", "{label}（权重{n}分）")


def _declare(d: Draft, rng: random.Random, wrong: bool) -> Injected | None:
    if any(_points(r.get("level1")) or _points(r.get("level2")) for r in d.rows):
        return None
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(d.rows):
        if r.get("level1"):
            groups.setdefault(r["level1"], []).append(i)
    usable = [(label, rows) for label, rows in groups.items() if all(d.rows[i].get("weight") is not None
                                                                     for i in rows)]  # fmt: skip
    chosen = _pick(rng, usable)
    if chosen is None:
        return None
    label, rows = chosen
    total = sum((_d(d.rows[i]["weight"]) or ZERO for i in rows), ZERO)
    n = total + D(rng.choice((-5, -2, -1, 1, 2, 5, 10))) if wrong else total
    if n <= 0:
        n = total + 5
    named = rng.choice(_POINT_FORMS).format(label=label, n=plain(n))
    for i in rows:
        d.rows[i]["level1"] = named
    if wrong:
        return Injected(d, [(Code.WEIGHT_SUM, ("label", rows[0]))])
    return Injected(d, [], absent=frozenset({Code.WEIGHT_SUM}))


@injector("declared_points", Code.WEIGHT_SUM)
def _declared_wrong(d: Draft, rng: random.Random) -> Injected | None:
    return _declare(d, rng, wrong=True)


@injector("declared_points_control", None)
def _declared_right(d: Draft, rng: random.Random) -> Injected | None:
    return _declare(d, rng, wrong=False)


# --- reasons, values ------------------------------------------------------------------------------

_PLACEHOLDER_REASONS = ("", "无", "/", "—", "无。", "暂无", "-")


def _shortfall(d: Draft, rng: random.Random) -> int | None:
    """A row scored below full by its completion: an existing one, or a met row made to fall short."""
    short = [ri for ri in row_info(d) if ri.score < ri.weight and ri.status is RowStatus.COMPUTED]
    if short:
        return int(rng.choice(short).index)
    ri = _pick(rng, [ri for ri in _computable(d, met=True) if ri.target.value and not ri.percent])
    if ri is None:
        return None
    a = ri.target.value
    b = (a * _delta(rng, "0.5", "0.95")).quantize(D(1) if a == a.to_integral_value() else CENT, rounding=ROUND_HALF_UP)
    if b <= 0 or b >= a:
        return None
    unit = ri.unit if ri.unit and (ri.target.text or "").rstrip().endswith(ri.unit) else ""
    d.rows[ri.index]["actual"] = f"{plain(b)}{unit}"
    rs = _rule_set(d)
    rr = score(d.evaluation(), rs).rows[ri.index]
    if rr.computed is None or rr.status is not RowStatus.COMPUTED:
        return None
    _set_score(d, ri.index, rr.computed)
    _with_reason(d, ri.index)
    return int(ri.index)


@injector("reason_missing", Code.REASON_MISSING)
def _reason_missing(d: Draft, rng: random.Random) -> Injected | None:
    i = _shortfall(d, rng)
    if i is None:
        return None
    d.rows[i]["deviation_note"] = rng.choice(_PLACEHOLDER_REASONS)
    return Injected(d, [(Code.REASON_MISSING, ("row", i))])


@injector("over_completion", Code.OVER_COMPLETION)
def _over_completion(d: Draft, rng: random.Random) -> Injected | None:
    ri = _pick(rng, [ri for ri in _computable(d, met=True) if ri.target.value and not ri.percent and ri.score ==
                     ri.weight and ri.op in (Op.GE, Op.GT)])  # fmt: skip
    if ri is None:
        return None
    a = ri.target.value
    b = (a * _delta(rng, "1.3", "3")).quantize(D(1) if a == a.to_integral_value() else CENT, rounding=ROUND_HALF_UP)
    unit = ri.unit if ri.unit and (ri.target.text or "").rstrip().endswith(ri.unit) else ""
    d.rows[ri.index]["actual"] = f"{plain(b)}{unit}"
    d.rows[ri.index]["deviation_note"] = rng.choice(("", "无", None))
    return Injected(d, [(Code.OVER_COMPLETION, ("row", ri.index))])


@injector("actual_missing", Code.ACTUAL_MISSING)
def _actual_missing(d: Draft, rng: random.Random) -> Injected | None:
    ri = _pick(rng, [ri for ri in row_info(d) if d.rows[ri.index].get("actual")])
    if ri is None:
        return None
    d.rows[ri.index]["actual"] = rng.choice(("", None, "/"))
    return Injected(d, [(Code.ACTUAL_MISSING, ("row", ri.index))])


_NOT_FIGURES = ("已完成", "完成", "按计划完成", "全部完成", "达标", "已落实")


@injector("not_computable", Code.NOT_COMPUTABLE)
def _not_computable(d: Draft, rng: random.Random) -> Injected | None:
    ri = _pick(rng, [ri for ri in _computable(d) if ri.unit and not ri.percent and ri.target.deadline is None])
    if ri is None:
        return None
    d.rows[ri.index]["actual"] = rng.choice(_NOT_FIGURES)
    return Injected(d, [(Code.NOT_COMPUTABLE, ("row", ri.index))])


_VAGUE = ("有所提高", "明显提升", "逐步改善", "进一步增强", "显著提高", "有效提升")
_QUANTITY_ENDINGS = ("覆盖率", "合格率", "人数", "户数", "数量", "面积", "收入")


@injector("vague_target", Code.VAGUE_TARGET)
def _vague(d: Draft, rng: random.Random) -> Injected | None:
    ri = _pick(rng, row_info(d))
    if ri is None:
        return None
    row = d.rows[ri.index]
    name = row.get("name") or ""
    if not any(w in name for w in ("率", "人数", "户数", "数量", "面积", "收入", "人次", "满意度")):
        row["name"] = name.rstrip("数量率") + rng.choice(_QUANTITY_ENDINGS)
    row["target"] = rng.choice(_VAGUE)
    row["actual"] = rng.choice(("达到预期", "有所提高", "效果明显"))
    return Injected(d, [(Code.VAGUE_TARGET, ("row", ri.index))], allowed=frozenset({Code.QUAL_BAND}))


@injector("percent_over_100", Code.PERCENT_OVER_100)
def _percent_over(d: Draft, rng: random.Random) -> Injected | None:
    growth = ("增长", "增幅", "增速", "上升", "增加", "提高", "倍")
    ri = _pick(rng, [ri for ri in _computable(d, met=True) if ri.percent and ri.score == ri.weight and ri.op in
                     (Op.GE, Op.GT) and ri.target.value and not any(w in (d.rows[ri.index].get("name") or "")
                                                                      for w in growth)])  # fmt: skip
    if ri is None:
        return None
    row = d.rows[ri.index]
    name = row.get("name") or ""
    if not any(w in name for w in ("率", "满意度", "比例", "比重", "占比")):
        row["name"] = name + rng.choice(("完成率", "覆盖率", "合格率"))
    row["actual"] = f"{rng.randint(101, 130)}%"
    row["deviation_note"] = "超额完成，系服务对象增加所致。"
    return Injected(d, [(Code.PERCENT_OVER_100, ("row", ri.index))])


_TIER_WORDS = {
    1: ("部分达成年度指标并具有一定效果", "基本达成", "有一定效果，部分完成"),
    2: ("未达成年度指标且效果较差", "未完成", "效果较差"),
}
_QUAL_TARGETS = ("效果明显", "有效改善", "达到预期", "群众认可")


@injector("qual_band", Code.QUAL_BAND)
def _qual_band(d: Draft, rng: random.Random) -> Injected | None:
    ri = _pick(rng, [ri for ri in row_info(d) if ri.weight >= 2])
    if ri is None:
        return None
    row = d.rows[ri.index]
    row["target"] = rng.choice(_QUAL_TARGETS)
    if rng.random() < 0.5:  # a lower tier scored in full
        row["actual"] = rng.choice(_TIER_WORDS[rng.choice((1, 2))])
        new = ri.weight
    else:  # the top tier scored below its band
        row["actual"] = row["target"]
        new = q2(ri.weight * _delta(rng, "0.1", "0.7"))
    _set_score(d, ri.index, new)
    _with_reason(d, ri.index)
    return Injected(d, [(Code.QUAL_BAND, ("row", ri.index))], allowed=frozenset({Code.VAGUE_TARGET}))


_COST_NAMES = ("项目运行成本", "设备采购成本", "单位建设成本", "培训人均成本")


@injector("cost_deducted", Code.COST_DEDUCTED)
def _cost_deducted(d: Draft, rng: random.Random) -> Injected | None:
    if _rule_set(d).quantitative.reverse_met is not ReverseMet.FULL:
        return None
    ri = _pick(rng, [ri for ri in row_info(d) if ri.weight >= 2 and "产出" in (d.rows[ri.index].get("level1") or "")])
    if ri is None:
        return None
    row = d.rows[ri.index]
    a = D(rng.randint(20, 500))
    b = q2(a * _delta(rng, "0.6", "0.99"))
    row.update(level2="成本指标", name=rng.choice(_COST_NAMES), target=f"≤{plain(a)}万元", actual=f"{plain(b)}万元")
    spend = q2(ri.weight * b / a)
    new = ri.weight - _delta(rng, "0.5", str(min(ri.weight - D("0.5"), D(3))))
    if new == spend:
        new -= D("0.3")
    _set_score(d, ri.index, new)
    _with_reason(d, ri.index)
    return Injected(d, [(Code.COST_DEDUCTED, ("row", ri.index))])


@injector("dimension_missing", Code.DIMENSION_MISSING)
def _dimension(d: Draft, rng: random.Random) -> Injected | None:
    from jixiao.review.dimensions import dimension_of

    ev = d.evaluation()
    dims: dict[str, list[int]] = {}
    for i, ind in enumerate(ev.indicators):
        dim = dimension_of(ind)
        if dim:
            dims.setdefault(dim, []).append(i)
    if len(dims) < 3 or any(_points(r.get("level1")) or _points(r.get("level2")) for r in d.rows):
        return None
    gone = rng.choice(["满意度", "效益"] if "满意度" in dims else ["效益"])
    into = "效益" if gone == "满意度" else "产出"
    label1 = next(d.rows[i].get("level1") for i in dims[into])
    label2 = rng.choice(("社会效益指标", "可持续影响指标")) if into == "效益" else "质量指标"
    for i in dims[gone]:
        d.rows[i]["level1"] = label1
        d.rows[i]["level2"] = label2
    return Injected(d, [(Code.DIMENSION_MISSING, TABLE)])


@injector("duplicate", Code.DUPLICATE_INDICATOR)
def _duplicate(d: Draft, rng: random.Random) -> Injected | None:
    named = [i for i, r in enumerate(d.rows) if len(r.get("name") or "") >= 4 and r.get("weight") is not None]
    if len(named) < 2:
        return None
    j, i = sorted(rng.sample(named, 2))
    names = [r.get("name") for r in d.rows]
    if names.count(d.rows[j]["name"]) > 1:
        return None
    d.rows[i]["name"] = d.rows[j]["name"]
    return Injected(d, [(Code.DUPLICATE_INDICATOR, ("row", i))],
                    allowed=frozenset({Code.TEXT_TABLE_MISMATCH}))  # fmt: skip


# --- years ----------------------------------------------------------------------------------------


@injector("year_deadline", Code.YEAR_MISMATCH)
def _year_deadline(d: Draft, rng: random.Random) -> Injected | None:
    year = d.data.get("year")
    ri = _pick(rng, row_info(d))
    if not year or ri is None:
        return None
    other = year + rng.choice((-1, 1, -2))
    forms = ("{y}年12月31日前", "{y}年12月底前", "{y}年11月30日前", "{y}年6月底前完成")
    text = rng.choice(forms).format(y=other)
    row = d.rows[ri.index]
    row.update(level2="时效指标", target=text, actual=text)
    row["name"] = row.get("name") or "完成时间"
    _set_score(d, ri.index, ri.weight)
    return Injected(d, [(Code.YEAR_MISMATCH, ("row", ri.index))])


@injector("year_text", Code.YEAR_MISMATCH)
def _year_text(d: Draft, rng: random.Random) -> Injected | None:
    year = d.data.get("year")
    if not year:
        return None
    other = year + rng.choice((-1, 1))
    text = rng.choice(
        ("截至{y}年底，项目已全部完成。", "截止{y}年12月，各项任务按计划推进。", "截至到{y}年年末，已完成建设任务。")
    )
    d.goals = (
        [*d.goals[:1], ["完成年度任务", text.format(y=other)]] if d.goals else [["完成年度任务", text.format(y=other)]]
    )
    return Injected(d, [(Code.YEAR_MISMATCH, TABLE)], allowed=frozenset({Code.TEXT_TABLE_MISMATCH}))


@injector("year_title", Code.YEAR_MISMATCH)
def _year_title(d: Draft, rng: random.Random) -> Injected | None:
    year = d.data.get("year")
    if not year:
        return None
    other = year + rng.choice((-1, 1))
    forms = ("{y}年度项目支出绩效自评表", "关于{y}年度项目支出绩效自评情况的报告", "{n}{y} 年度绩效自评结果公开")
    project = d.data.get("project_name") or ""
    title = rng.choice(forms).format(y=other, n="" if any(c.isdigit() for c in project) else project)
    d.extra["source"] = Source(file=f"{d.name}.json", table=1, title=f"{year}年度项目支出绩效自评表",
                               document_title=title)  # fmt: skip
    return Injected(d, [(Code.YEAR_MISMATCH, TABLE)])


@injector("year_funds", Code.YEAR_MISMATCH)
def _year_funds(d: Draft, rng: random.Random) -> Injected | None:
    """The funds stated for another year (ingest reads ``2020年年初下达…`` into Funds.year)."""
    year = d.data.get("year")
    if not year or not any(d.funds.get(k) is not None for k in ("initial_budget", "adjusted_budget", "executed")):
        return None
    funds = d.evaluation().funds
    assert funds is not None
    d.extra["funds"] = funds.model_copy(update={"year": year + rng.choice((-1, -2, 1))})
    return Injected(d, [(Code.YEAR_MISMATCH, TABLE)])


@injector("year_fill_date", Code.YEAR_MISMATCH)
def _year_fill_date(d: Draft, rng: random.Random) -> Injected | None:
    """A 填报日期 before the year evaluated is over."""
    import datetime as dt

    year = d.data.get("year")
    if not year:
        return None
    d.extra["fill_date"] = dt.date(year - rng.choice((1, 2)), rng.randint(1, 12), rng.randint(1, 28))
    return Injected(d, [(Code.YEAR_MISMATCH, TABLE)])


@injector("year_title_control", None)
def _year_title_same(d: Draft, rng: random.Random) -> Injected | None:
    year = d.data.get("year")
    if not year:
        return None
    forms = ("{y}年度项目支出绩效自评表", "关于{y}年度项目支出绩效自评情况的报告", "{p}—{q}年度规划项目{y}年度自评")
    title = rng.choice(forms).format(y=year, p=year - 2, q=year + 1)
    d.extra["source"] = Source(file=f"{d.name}.json", table=1, title=f"{year}年度项目支出绩效自评表",
                               document_title=title)  # fmt: skip
    return Injected(d, [], absent=frozenset({Code.YEAR_MISMATCH}))


# --- text against table ---------------------------------------------------------------------------

_RATE_FORMS = ("预算执行率为{x}%", "资金执行率达到{x}%", "项目预算执行率{x}%", "执行率达{x}%", "全年预算执行率是{x}%",
               "资金执行率为{x}%")  # fmt: skip
_SPENT_FORMS = ("实际支出{x}万元", "已支付资金{x}万元", "全年支出资金{x}万元", "累计支出{x}万元", "已拨付{x}万元",
                "实际使用资金{x}万元", "共支出{x}万元")  # fmt: skip
_OPENERS = ("项目按计划实施，", "本年度，", "经自评，", "")
_CLOSERS = ("，较好地完成了年度目标。", "，达到预期效果。", "。")


def _goal_text(d: Draft, rng: random.Random, clause: str) -> None:
    """The clause inside a sentence of 实际完成情况, where a real text would hold it."""
    text = rng.choice(_OPENERS) + clause + rng.choice(_CLOSERS)
    if d.goals and rng.random() < 0.5:
        d.goals[0][1] = text
    else:
        d.goals = [["完成年度绩效目标", text]]


def _rate_pct(d: Draft) -> Decimal | None:
    rate = _d(d.data.get("execution_rate_stated"))
    return None if rate is None else q2(rate * 100)


@injector("text_rate", Code.TEXT_TABLE_MISMATCH)
def _text_rate(d: Draft, rng: random.Random) -> Injected | None:
    pct = _rate_pct(d)
    if pct is None:
        return None
    off = _delta(rng, "1", "20") * rng.choice((1, -1))
    shown = q2(pct + off if pct + off > 0 else pct - off)
    _goal_text(d, rng, rng.choice(_RATE_FORMS).format(x=plain(shown.quantize(D(rng.choice(("1", "0.1", "0.01")))))))
    return Injected(d, [(Code.TEXT_TABLE_MISMATCH, TABLE)])


def _spent_in_text(d: Draft, rng: random.Random, amount: Decimal) -> str:
    """The amount spent in the text's own unit: 万元 as the table, or 元."""
    if rng.random() < 0.3:
        return rng.choice(_SPENT_FORMS).replace("万元", "元").format(x=plain(q2(amount * 10000)))
    return rng.choice(_SPENT_FORMS).format(x=plain(amount))


@injector("text_spent", Code.TEXT_TABLE_MISMATCH)
def _text_spent(d: Draft, rng: random.Random) -> Injected | None:
    executed = _d(d.funds.get("executed"))
    if executed is None or not executed:
        return None
    off = max(D(1), q2(executed * _delta(rng, "0.03", "0.4")))
    _goal_text(
        d, rng, _spent_in_text(d, rng, executed + off * rng.choice((1, -1)) if executed > off else executed + off)
    )
    return Injected(d, [(Code.TEXT_TABLE_MISMATCH, TABLE)])


_VERBS = ("", "达到", "为", "完成", "共", "累计", "实现", "达")
_LEADS = ("全年", "本年度", "累计", "共", "")


def _quantity_rows(d: Draft) -> list[tuple[int, Any, str]]:
    """Rows with a figure for an actual (parsed in its unit), and the unit it is written in."""
    rs = _rule_set(d)
    out = []
    ev = d.evaluation()
    for i, ind in enumerate(ev.indicators):
        t = target_of(ind, rs)
        unit = t.unit or ""
        actual = parse_value(f"{ind.actual}{unit}" if ind.actual and unit and not parse_value(ind.actual).unit
                             else ind.actual)  # fmt: skip
        name = (ind.name or "").strip()
        if (
            actual.is_quantity
            and actual.value is not None
            and actual.unit
            and len(name) >= 3
            and t.op is not Op.QUALITATIVE
        ):
            out.append((i, actual, actual.unit))
    return out


_FILLERS = ("的", "各类", "相关", "")


def _name_words(name: str, rng: random.Random) -> str:
    """The row's name as a text says it: its words less a bracketed unit or a numbering, then one
    of: as written, with a lead word (``全年发放补贴人数``), with a filler between its halves
    (``发放各类补贴人数``), or its halves swapped around the filler (``补贴的发放人数``)."""
    import re

    text = re.sub(r"[(（][^)）]*[)）]", "", name)
    text = re.sub(r"^(指标\d+[:：]?|\d+[.、])", "", text).strip()
    way = rng.randrange(4)
    measure = text[-2:] if text.endswith(("率", "数", "量", "度", "额", "积", "间")) else ""
    body = text[: len(text) - len(measure)]
    if way < 2 or len(body) < 4 or any(p in body for p in "、，,：:；;"):
        return rng.choice(_LEADS) + text
    cut = rng.randint(2, len(body) - 2)
    head, tail = body[:cut], body[cut:]
    if way == 2:
        return head + rng.choice(_FILLERS) + tail + measure
    return tail + rng.choice(_FILLERS) + head + measure


def _quote(actual: Any, unit: str, value: Decimal, rng: random.Random) -> str:
    """A figure with its unit, sometimes in 万 (``52380人`` → ``5.24万人``)."""
    if unit in ("人", "个", "户", "人次", "元", "亩", "株", "册", "次") and value >= 20000 and rng.random() < 0.5:
        return f"{plain(q2(value / 10000))}万{unit}"
    return f"{plain(value)}{unit}"


def _other_figure(value: Decimal, rng: random.Random, percent: bool) -> Decimal:
    whole = value == value.to_integral_value()
    for _ in range(10):
        factor = 1 + _delta(rng, "0.06", "0.5") * rng.choice((1, -1))
        new = (value * factor).quantize(D(1) if whole else CENT, rounding=ROUND_HALF_UP)
        if percent and new > 100:
            new = value - (new - value)
        if new > 0 and new != value and abs(new - value) / value > D("0.05"):
            return new
    return value + (1 if whole else D("0.5"))


@injector("text_row", Code.TEXT_TABLE_MISMATCH)
def _text_row(d: Draft, rng: random.Random) -> Injected | None:
    rows = _quantity_rows(d)
    pick = _pick(rng, rows)
    if pick is None:
        return None
    i, actual, unit = pick
    new = _other_figure(actual.value, rng, actual.is_percent)
    clause = _name_words(d.rows[i]["name"], rng) + rng.choice(_VERBS) + _quote(actual, unit, new, rng)
    _goal_text(d, rng, clause)
    return Injected(d, [(Code.TEXT_TABLE_MISMATCH, ("row", i))], allowed=frozenset({Code.DUPLICATE_INDICATOR}))


@injector("text_copied_target", Code.TEXT_TABLE_MISMATCH)
def _text_copied(d: Draft, rng: random.Random) -> Injected | None:
    rows = [(i, a, u) for i, a, u in _quantity_rows(d) if not a.is_percent]
    pick = _pick(rng, rows)
    if pick is None:
        return None
    i, actual, unit = pick
    row = d.rows[i]
    t = parse_value(row.get("target"))
    if t.value is None or t.op not in (Op.GE, Op.EQ, Op.GT):
        return None
    row["actual"] = f"{plain(t.value)}{unit if (row.get('actual') or '').endswith(unit) else ''}"
    if row.get("score") is not None:
        _set_score(d, i, _d(row.get("weight")) or ZERO)
    new = _other_figure(t.value, rng, False)
    clause = _name_words(row["name"], rng) + rng.choice(_VERBS) + _quote(actual, unit, new, rng)
    _goal_text(d, rng, clause)
    return Injected(d, [(Code.TEXT_TABLE_MISMATCH, ("row", i))], message="疑照抄目标值",
                    allowed=frozenset({Code.DUPLICATE_INDICATOR}))  # fmt: skip


@injector("text_control", None)
def _text_agrees(d: Draft, rng: random.Random) -> Injected | None:
    """The table's own figures in the text, in varied words and units: nothing to report."""
    clauses = []
    pct = _rate_pct(d)
    if pct is not None:
        clauses.append(rng.choice(_RATE_FORMS).format(x=plain(pct)))
    executed = _d(d.funds.get("executed"))
    if executed:
        clauses.append(_spent_in_text(d, rng, executed))
    for i, actual, unit in rng.sample(_quantity_rows(d), min(2, len(_quantity_rows(d)))):
        clauses.append(
            _name_words(d.rows[i]["name"], rng) + rng.choice(_VERBS) + _quote(actual, unit, actual.value, rng)
        )
    if not clauses:
        return None
    rng.shuffle(clauses)
    _goal_text(d, rng, "，".join(clauses))
    return Injected(d, [], absent=frozenset({Code.TEXT_TABLE_MISMATCH}))


@injector("cut_at_top", Code.INGEST_UNCERTAIN)
def _cut_at_top(d: Draft, rng: random.Random) -> Injected | None:
    """The reading begins inside the indicator block (a page cut at the top): the header and
    funds gone, the first rows gone, the first row left has lost its merged 一级 label."""
    rows = d.rows
    cuts = [k for k in range(1, len(rows) - 1) if rows[k].get("level1") and rows[k].get("level1") ==
            rows[k - 1].get("level1") and any(r.get("level1") != rows[k]["level1"] for r in rows[k:])]  # fmt: skip
    k = _pick(rng, cuts)
    if k is None:
        return None
    d.data["indicators"] = [dict(r) for r in rows[k:]]
    d.rows[0]["level1"] = None
    if rng.random() < 0.5:
        d.rows[0]["level2"] = None
    for key in ("project_name", "department", "implementing_unit", "execution_rate_stated", "execution_weight",
                "execution_score_stated"):  # fmt: skip
        d.data[key] = None
    d.data["funds"] = {}
    d.sources, d.goals, d.truth_only = [], [], True
    return Injected(d, [(Code.INGEST_UNCERTAIN, TABLE)],
                    absent=frozenset({Code.WEIGHT_SUM, Code.TOTAL_MISMATCH, Code.DIMENSION_MISSING}))  # fmt: skip


# --- what only a perfect extraction carries: 复核得分, subtotals, doubts ------------------------------


@injector("recheck", Code.RECHECK_DIFFERS)
def _recheck(d: Draft, rng: random.Random) -> Injected | None:
    infos = row_info(d)
    if len(infos) < 2:
        return None
    changed = rng.sample(infos, rng.randint(1, min(3, len(infos))))
    total = _d(d.data.get("execution_score_stated")) or ZERO
    for ri in infos:
        rc = ri.score
        if ri in changed:
            rc = ri.score - _delta(rng, "0.5", str(max(D("0.5"), min(ri.score, D(3))))) if ri.score >= 1 else ri.weight
        d.row_extra[ri.index] = {"recheck_score": rc}
        total += rc
    wrong = rng.random() < 0.4
    d.extra["recheck_total_stated"] = total + (D(rng.choice((1, 2, -1))) if wrong else 0)
    expected = [(Code.RECHECK_DIFFERS, ("row", ri.index)) for ri in sorted(changed, key=lambda r: r.index)]
    if wrong:
        expected.append((Code.TOTAL_MISMATCH, TABLE))
    return Injected(d, expected)


@injector("recheck_columns", Code.RECHECK_DIFFERS)
def _recheck_columns(d: Draft, rng: random.Random) -> Injected | None:
    """自评得分 | 复核得分 columns, the reviewer's figure differing on a few rows (no 复核总分 line)."""
    infos = row_info(d)
    if len(infos) < 2:
        return None
    changed = rng.sample(infos, rng.randint(1, min(3, len(infos))))
    for ri in infos:
        off = _delta(rng, "0.5", str(max(D("0.5"), min(ri.score, D(3))))) if ri in changed else ZERO
        d.row_extra[ri.index] = {"recheck_score": ri.score - off if ri.score >= off else ri.score + off}
    d.layout = "review"
    return Injected(d, [(Code.RECHECK_DIFFERS, ("row", ri.index)) for ri in sorted(changed, key=lambda r: r.index)])


@injector("subtotal", Code.TOTAL_MISMATCH)
def _subtotal(d: Draft, rng: random.Random) -> Injected | None:
    groups: dict[str, Decimal] = {}
    for r in d.rows:
        if r.get("level1") and r.get("score") is not None:
            groups[r["level1"]] = groups.get(r["level1"], ZERO) + _d(r["score"])  # type: ignore[operator]
    if len(groups) < 2:
        return None
    wrong = rng.choice(list(groups))
    off = _delta(rng, "0.5", "5") * rng.choice((1, -1))
    d.extra["subtotals_stated"] = [Subtotal(level1=k, score=v + (off if k == wrong else 0)) for k, v in groups.items()]
    first = next(i for i, r in enumerate(d.rows) if r.get("level1") == wrong)
    return Injected(d, [(Code.TOTAL_MISMATCH, ("label", first))])


@injector("doubt_score", Code.INGEST_UNCERTAIN)
def _doubt_score(d: Draft, rng: random.Random) -> Injected | None:
    ri = _pick(rng, [ri for ri in _computable(d) if ri.weight >= 2])
    if ri is None:
        return None
    off = _delta(rng, "0.5", str(min(ri.weight, D(5))))
    new = ri.score - off if ri.score >= off else ri.score + off
    if new > ri.weight:
        return None
    d.rows[ri.index]["score"] = new  # the total keeps the true score: the reading is what is off
    d.extra["doubts"] = [Doubt(field=f"indicators[{ri.index}].score", reading=plain(new),
                               alternatives=[plain(ri.score)], reason="两种读法")]  # fmt: skip
    return Injected(d, [(Code.INGEST_UNCERTAIN, ("row", ri.index))],
                    absent=frozenset({Code.SCORE_MISMATCH, Code.TOTAL_MISMATCH}))  # fmt: skip


@injector("doubt_funds", Code.INGEST_UNCERTAIN)
def _doubt_funds(d: Draft, rng: random.Random) -> Injected | None:
    executed = _d(d.funds.get("executed"))
    if not executed or d.data.get("execution_rate_stated") is None:
        return None
    d.funds["executed"] = executed * 10 if rng.random() < 0.5 else q2(executed / 10)
    d.extra["doubts"] = [Doubt(field="funds.executed", reading=plain(d.funds["executed"]),
                               alternatives=[plain(executed)], reason="数字粘连，两种切分")]  # fmt: skip
    return Injected(d, [(Code.INGEST_UNCERTAIN, TABLE)],
                    absent=frozenset({Code.EXEC_RATE_MISMATCH, Code.EXEC_SCORE_MISMATCH, Code.FUNDS_SUM}))  # fmt: skip


@injector("sources_shifted", Code.INGEST_UNCERTAIN)
def _sources_shifted(d: Draft, rng: random.Random) -> Injected | None:
    """The source lines read one column off (their blank 年初预算数 lost in text): 全年预算数
    under 年初, 全年执行数 under 全年 — their sums then meet the total one column over."""
    f = d.funds
    if len(d.sources) < 2 or _d(f.get("adjusted_budget")) == _d(f.get("executed")) or f.get("executed") is None:
        return None
    if any(s[2] is None or s[3] is None for s in d.sources):
        return None
    d.sources = [[name, adjusted, executed, None] for name, _initial, adjusted, executed in d.sources]
    d.truth_only = True
    return Injected(d, [(Code.INGEST_UNCERTAIN, TABLE)], absent=frozenset({Code.FUNDS_SUM}))


@injector("ocr_sign", Code.INGEST_UNCERTAIN)
def _ocr_sign(d: Draft, rng: random.Random) -> Injected | None:
    """``≥8万亩`` printed, ``28万亩`` read: the review sees the doubt itself, through any family."""
    ri = _pick(rng, [ri for ri in _computable(d, met=True) if ri.op is Op.GE and ri.score == ri.weight and
                     ri.target.value and ri.target.value == ri.target.value.to_integral_value()])  # fmt: skip
    if ri is None:
        return None
    row = d.rows[ri.index]
    t = ri.target
    unit = (
        (row.get("target") or "").split(plain(t.value), 1)[-1].strip()
        if plain(t.value) in (row.get("target") or "")
        else ""
    )
    row["target"] = f"2{plain(t.value)}{unit}"
    row["actual"] = f"{plain(t.value)}{unit}"
    return Injected(d, [(Code.INGEST_UNCERTAIN, ("row", ri.index))],
                    absent=frozenset({Code.SCORE_MISMATCH, Code.SCORE_OVER_WEIGHT}))  # fmt: skip


# --- 部门整体 评分表 ---------------------------------------------------------------------------------

_FRAMEWORKS = (
    {"决策": ("目标设定", "预算编制", "决策程序"), "过程": ("预算执行", "资金管理", "资产管理", "制度建设"),
     "产出": ("职责履行", "重点工作完成"), "效益": ("社会效益", "服务对象满意度")},
    {"投入": ("目标设定", "预算配置"), "过程": ("预算执行", "预算管理", "资产管理"),
     "产出": ("职责履行",), "效果": ("履职效益", "社会公众满意度")},
)  # fmt: skip
_ITEM_NAMES = ("绩效目标合理性", "绩效指标明确性", "预算编制科学性", "资金到位率", "预算执行率", "公用经费控制率",
               "政府采购执行率", "管理制度健全性", "资金使用合规性", "资产管理安全性", "实际完成率", "完成及时率",
               "质量达标率", "经济效益", "社会效益", "生态效益", "可持续影响", "服务对象满意度", "在职人员控制率",
               "三公经费变动率", "结转结余变动率", "固定资产利用率")  # fmt: skip


def department_sheet(rng: random.Random) -> Draft:
    """A 部门整体 评分表 (决策/过程/产出/效益 or 投入/过程/产出/效果): random lines with weights
    that make 100, scores at or below them, a 扣分原因 beside each shortfall, the total."""
    frame = rng.choice(_FRAMEWORKS)
    lines = [(l1, l2) for l1, l2s in frame.items() for l2 in l2s for _ in range(rng.randint(1, 2))]
    names = rng.sample(_ITEM_NAMES, len(lines))
    weights = [D(rng.choice((2, 3, 4, 5, 6))) for _ in lines]
    weights[-1] += 100 - sum(weights, ZERO)
    while weights[-1] <= 0:  # too many lines for 100 points: move the excess off the last
        k = max(range(len(weights) - 1), key=lambda j: weights[j])
        weights[k] -= 1
        weights[-1] += 1
    items = []
    for (l1, l2), name, w in zip(lines, names, weights, strict=True):
        s = w if rng.random() < 0.6 else q2(w * _delta(rng, "0.5", "0.95"))
        reason = "" if s == w else rng.choice(("绩效目标不够细化", "个别资金支付滞后", "制度执行不到位"))
        items.append(ScoringItem(level1=l1, level2=l2, name=name, weight=w, score=s, standard="按评分标准",
                                 deduction_reason=reason))  # fmt: skip
    total = sum((it.score or ZERO for it in items), ZERO)
    d = Draft(
        f"department-{rng.randint(0, 10**6)}",
        {"indicators": [], "year": rng.choice((2021, 2022, 2023))},
        [],
        [],
        layout="department",
    )
    d.extra = {"kind": TableKind.DEPARTMENT_OVERALL, "scoring_items": items, "total_score_stated": total}
    return d


def _items(d: Draft) -> list[ScoringItem]:
    items: list[ScoringItem] = d.extra["scoring_items"]
    return items


def _set_item(d: Draft, k: int, **update: Any) -> None:
    items = list(_items(d))
    items[k] = items[k].model_copy(update=update)
    d.extra["scoring_items"] = items


@injector("item_over_weight", Code.SCORE_OVER_WEIGHT)
def _item_over(d: Draft, rng: random.Random) -> Injected | None:
    if "scoring_items" not in d.extra:
        return None
    k = rng.randrange(len(_items(d)))
    it = _items(d)[k]
    assert it.weight is not None and it.score is not None
    new = it.weight + _delta(rng, "0.5", "3")
    _set_item(d, k, score=new)
    d.extra["total_score_stated"] += new - it.score
    return Injected(d, [(Code.SCORE_OVER_WEIGHT, ("item", k))])


@injector("item_reason_missing", Code.REASON_MISSING)
def _item_reason(d: Draft, rng: random.Random) -> Injected | None:
    if "scoring_items" not in d.extra:
        return None
    short = [k for k, it in enumerate(_items(d)) if it.score is not None and it.weight and it.score < it.weight]
    if not short:
        return None
    k = rng.choice(short)
    _set_item(d, k, deduction_reason=rng.choice(_PLACEHOLDER_REASONS))
    return Injected(d, [(Code.REASON_MISSING, ("item", k))])


@injector("item_score_missing", Code.SCORE_MISSING)
def _item_blank(d: Draft, rng: random.Random) -> Injected | None:
    if "scoring_items" not in d.extra:
        return None
    k = rng.randrange(len(_items(d)))
    _set_item(d, k, score=None, deduction_reason="")
    return Injected(d, [(Code.SCORE_MISSING, ("item", k))], allowed=frozenset({Code.TOTAL_MISMATCH}))


@injector("item_total", Code.TOTAL_MISMATCH)
def _item_total(d: Draft, rng: random.Random) -> Injected | None:
    if "scoring_items" not in d.extra:
        return None
    d.extra["total_score_stated"] += _delta(rng, "0.5", "6") * rng.choice((1, -1))
    return Injected(d, [(Code.TOTAL_MISMATCH, TABLE)])


@injector("item_subtotal", Code.TOTAL_MISMATCH)
def _item_subtotal(d: Draft, rng: random.Random) -> Injected | None:
    if "scoring_items" not in d.extra:
        return None
    sums: dict[str, Decimal] = {}
    for it in _items(d):
        sums[it.level1 or ""] = sums.get(it.level1 or "", ZERO) + (it.score or ZERO)
    wrong = rng.choice(list(sums))
    off = _delta(rng, "0.5", "4") * rng.choice((1, -1))
    d.extra["subtotals_stated"] = [Subtotal(level1=k, score=v + (off if k == wrong else 0)) for k, v in sums.items()]
    first = next(k for k, it in enumerate(_items(d)) if it.level1 == wrong)
    return Injected(d, [(Code.TOTAL_MISMATCH, ("item_label", first))])


@injector("item_declared_points", Code.WEIGHT_SUM)
def _item_points(d: Draft, rng: random.Random) -> Injected | None:
    if "scoring_items" not in d.extra:
        return None
    sums: dict[str, Decimal] = {}
    for it in _items(d):
        sums[it.level1 or ""] = sums.get(it.level1 or "", ZERO) + (it.weight or ZERO)
    wrong = rng.choice(list(sums))
    form = rng.choice(_POINT_FORMS)
    for k, it in enumerate(_items(d)):
        n = sums[it.level1 or ""] + (D(rng.choice((-3, 2, 5))) if it.level1 == wrong else 0)
        _set_item(d, k, level1=form.format(label=it.level1, n=plain(n)))
    first = next(k for k, it in enumerate(_items(d)) if (it.level1 or "").startswith(wrong))
    return Injected(d, [(Code.WEIGHT_SUM, ("item_label", first))])


@injector("item_recheck", Code.RECHECK_DIFFERS)
def _item_recheck(d: Draft, rng: random.Random) -> Injected | None:
    if "scoring_items" not in d.extra:
        return None
    items = _items(d)
    changed = set(rng.sample(range(len(items)), rng.randint(1, 3)))
    total = ZERO
    for k, it in enumerate(items):
        assert it.score is not None
        rc = it.score - D(rng.choice(("0.5", "1"))) if k in changed and it.score >= 1 else it.score
        if rc == it.score:
            changed.discard(k)
        _set_item(d, k, recheck_score=rc)
        total += rc
    if not changed:
        return None
    wrong = rng.random() < 0.4
    d.extra["recheck_total_stated"] = total + (D(rng.choice(("-2", "3", "0.5"))) if wrong else 0)
    expected = [(Code.RECHECK_DIFFERS, ("item", k)) for k in sorted(changed)]
    if d.extra["recheck_total_stated"] != d.extra["total_score_stated"]:
        expected.append((Code.RECHECK_DIFFERS, TABLE))
    if wrong:
        expected.append((Code.TOTAL_MISMATCH, TABLE))
    return Injected(d, expected)


@injector("item_control", None)
def _item_clean(d: Draft, rng: random.Random) -> Injected | None:
    if "scoring_items" not in d.extra:
        return None
    return Injected(d, [], absent=frozenset(Code))


# --- measuring ------------------------------------------------------------------------------------


def _matches(r: Review, f: Any, place: Place, names: list[str]) -> bool:
    kind, index = place
    if kind == "table":
        return f.row is None
    if kind == "row":
        return f.row == (index or 0) + 1 if not names else f.row is not None and _same_name(r, f.row, names[index or 0])
    if kind == "label":  # a heading's finding: row None, where = the heading
        return f.row is None and f.where not in ("资金", "总分", "分值合计", "指标表")
    items = r.checked.scoring_items
    if kind == "item" and names and not items:  # a 评分表 ingest read as indicator rows
        return f.row is not None and _same_name(r, f.row, names[index or 0])
    if kind == "item":
        return (
            f.row is None and index is not None and index < len(items) and f.where.endswith(items[index].name or "\0")
        )
    return f.row is None and f.where not in ("资金", "总分", "综合得分", "分值合计")  # item_label


def _same_name(r: Review, row: int, name: str) -> bool:
    import re

    got = re.sub(r"\s+", "", r.checked.indicators[row - 1].name or "")
    want = re.sub(r"\s+", "", name)
    return bool(got) and (got == want or got in want or want in got)


@dataclass
class CaseResult:
    injector: str
    code: Code | None
    table: str
    seed: int
    found: int = 0
    expected: int = 0
    false_errors: list[str] = field(default_factory=list)
    false_findings: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    hits: list[str] = field(default_factory=list)
    """The codes found, one per expected finding found."""
    wanted: list[str] = field(default_factory=list)
    """The codes expected, one per expected finding."""
    read_exact: bool | None = None
    """Through ingest: was every fixed field of the injected table read as written?"""


def _key(f: Any) -> tuple[str, int | None, str]:
    return (f.code.value, f.row, f.where)


def judge(name: str, code: Code | None, table: str, seed: int, spec: Injected, base: Review, got: Review,
          names: list[str] | None = None) -> CaseResult:  # fmt: skip
    """Found / missed / false for one injected case against the clean table's review."""
    out = CaseResult(name, code, table, seed, expected=len(spec.expected))
    unmatched = list(got.findings)
    for want, place in spec.expected:
        out.wanted.append(want.value)
        hit = next((f for f in unmatched if f.code is want and _matches(got, f, place, names or [])
                    and (spec.message is None or spec.message in f.message)), None)  # fmt: skip
        if hit is None:
            out.missed.append(f"{want.value}@{place[0]}{'' if place[1] is None else place[1] + 1}")
        else:
            out.found += 1
            out.hits.append(want.value)
            unmatched.remove(hit)
    before = {_key(f) for f in base.findings}
    expected_codes = {c for c, _ in spec.expected}
    for f in unmatched:
        if f.code in spec.absent:
            out.false_findings.append(f"{f.code.value} {f.where}: {f.message}")
        elif f.severity is Severity.ERROR and _key(f) not in before and f.code not in spec.allowed | expected_codes:
            out.false_errors.append(f"{f.code.value} {f.where}: {f.message}")
    return out


def bases(truths: Iterable[Truth]) -> list[Draft]:
    """Every truth made clean (those the review still finds an error in are left out)."""
    return [d for t in truths if (d := make_clean(t)) is not None]


def truth_cases(drafts: list[Draft], seeds: Iterable[int], names: Iterable[str] | None = None) -> list[CaseResult]:
    """Each injector × clean table × seed, reviewed from the injected truth (perfect extraction)."""
    seeds = tuple(seeds)
    chosen = list(names or INJECTORS)
    department = [department_sheet(random.Random(f"department|{s}|{k}")) for s in seeds for k in range(4)]
    out = []
    for name in chosen:
        code, fn = INJECTORS[name]
        pool = department if name.startswith("item_") else drafts
        for d in pool:
            base = review(d.evaluation())
            for seed in seeds:
                spec = fn(d.copy(), random.Random(f"{name}|{d.name}|{seed}"))
                if spec is None:
                    continue
                out.append(judge(name, code, d.name, seed, spec, base, review(spec.draft.evaluation())))
    return out


@dataclass
class Tally:
    found: int = 0
    expected: int = 0
    cases: int = 0
    false_errors: int = 0
    false_findings: int = 0

    def add(self, c: CaseResult) -> None:
        self.found += c.found
        self.expected += c.expected
        self.cases += 1
        self.false_errors += len(c.false_errors)
        self.false_findings += len(c.false_findings)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0


def tally(results: Iterable[CaseResult]) -> dict[str, Tally]:
    out: dict[str, Tally] = {}
    for c in results:
        out.setdefault(c.injector, Tally()).add(c)
    return out


# --- through ingest: the injected table written in a layout family and read back -------------------

INGEST_FAMILIES = ("national", "label_value_header", "sichuan_split", "continued", "row_numbers", "spaced", "pipes")
"""Families ingest reads (nearly) whole today (/work/notes/families.md); the rest would measure ingest."""
INGEST_FORMATS = (".txt", ".docx", ".xlsx", ".html")


def _document(draft: Draft, family: str) -> Any:
    """The draft as a document: a layout family's, or the 复核得分 form, or a 部门整体 评分表."""
    from tests.families.families import Doc, Part, labels, write
    from tests.families.form import Style, layout

    if draft.layout == "department":
        return Doc([Part("部门整体支出绩效自评表", [_department_grid(draft)])])
    if draft.layout == "review":
        truth = draft.truth()
        recheck = tuple(plain(draft.row_extra.get(i, {}).get("recheck_score", _d(r.get("score")) or ZERO))
                        if r.get("score") is not None else "" for i, r in enumerate(draft.rows))  # fmt: skip
        style = Style(labels=labels(random.Random(draft.name), False), review=True, recheck=recheck)
        return Doc([Part("自评表", list(layout(truth, style)))])
    return write(family, draft.truth(), 0)


def _department_grid(draft: Draft) -> Any:
    from tests.families.form import Grid

    rng = random.Random(draft.name)
    reason = rng.choice(("扣分原因", "扣分原因和其他说明"))
    score = rng.choice(("自评得分", "得分"))
    rows = [["部门整体支出绩效自评表", "", "", "", "", "", ""],
            [f"（{draft.data.get('year')}年度）", "", "", "", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "评分标准", "分值", score, reason]]  # fmt: skip
    for it in _items(draft):
        rows.append([it.level1 or "", it.level2 or "", it.name or "", it.standard or "", plain(it.weight or ZERO),
                     "" if it.score is None else plain(it.score), it.deduction_reason or ""])  # fmt: skip
    total = draft.extra.get("total_score_stated")
    rows.append(["合计", "", "", "", "100", "" if total is None else plain(total), ""])
    return Grid(rows=rows, merges=[(0, 0, 0, 6), (1, 0, 1, 6)])


def _read_back(draft: Draft, family: str, fmt: str, folder: Any, tag: str) -> tuple[Review, bool] | None:
    """The draft written in ``family``/``fmt``, read back and reviewed; and whether every fixed
    field was read as written (else a miss may be ingest's, not the review's)."""
    import warnings

    from jixiao.ingest import IngestError, read
    from jixiao.ingest.accuracy import compare
    from tests.families.formats import WRITERS

    slug = "".join(ch if ch.isalnum() else "_" for ch in draft.name)
    path = folder / f"{slug}-{family}-{tag}{fmt}"
    WRITERS[fmt](_document(draft, family), path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            evaluations = read(path)
    except IngestError:
        return None
    if not evaluations:
        return None
    ev = evaluations[0]
    if draft.layout == "department":  # read as 评分表 lines or as indicator rows: the figures must be the sheet's
        lines = ev.scoring_items or ev.indicators
        want = [(it.name, it.weight, it.score) for it in _items(draft)]
        return review(ev), [(x.name, x.weight, x.score) for x in lines] == want
    return review(ev), not compare(ev, draft.data).misses


def ingest_cases(drafts: list[Draft], seeds: Iterable[int], folder: Any, names: Iterable[str] | None = None,
                 families: tuple[str, ...] = INGEST_FAMILIES, formats: tuple[str, ...] = INGEST_FORMATS,
                 ) -> tuple[list[CaseResult], int]:  # fmt: skip
    """Each injector × clean table × seed whose injection a document can carry, written in a
    family and format drawn by the seed and read back by ingest.  Cases whose clean table does
    not read back field for field, or reads with an error (ingest's miss, not the review's), are
    left out and counted; ``read_exact`` says whether the injected table itself read back whole."""
    seeds = tuple(seeds)
    base_reads: dict[tuple[str, str, str], Review | None] = {}
    out, unread = [], 0
    department = [department_sheet(random.Random(f"department|{s}|{k}")) for s in seeds for k in range(2)]
    for name in names or INJECTORS:
        code, fn = INJECTORS[name]
        for d in department if name.startswith("item_") else drafts:
            for seed in seeds:
                rng = random.Random(f"{name}|{d.name}|{seed}")
                spec = fn(d.copy(), rng)
                if spec is None or not spec.draft.through_ingest:
                    continue
                family, fmt = rng.choice(families), rng.choice(formats)
                key = (d.name, family, fmt)
                if key not in base_reads:
                    base_reads[key] = _read_back(d, family, fmt, folder, "clean")
                base = base_reads[key]
                if base is None or not base[1] or any(f.severity is Severity.ERROR for f in base[0].findings):
                    unread += 1
                    continue
                got = _read_back(spec.draft, family, fmt, folder, f"{name}-{seed}")
                names_ = (
                    [it.name or "" for it in _items(spec.draft)]
                    if d.layout == "department"
                    else [r.get("name") or "" for r in spec.draft.rows]
                )
                where = f"{d.name} {family}{fmt}"
                if got is None:
                    wanted = [c.value for c, _ in spec.expected]
                    out.append(CaseResult(name, code, where, seed, expected=len(wanted), missed=["（未读出表格）"],
                                          wanted=wanted, read_exact=False))  # fmt: skip
                    continue
                result = judge(name, code, where, seed, spec, base[0], got[0], names_)
                result.read_exact = got[1]
                out.append(result)
    return out, unread
