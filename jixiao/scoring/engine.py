"""Scoring a whole evaluation: execution, every row, subtotals per 一级/二级, total and grade."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.evaluation import Evaluation, Indicator
from jixiao.model.evaluation import Subtotal as SubtotalModel
from jixiao.rules.ruleset import Layout, RuleSet, canonical_level1
from jixiao.scoring.execution import score_execution
from jixiao.scoring.framework import item_total, score_items
from jixiao.scoring.indicators import CONSULTED, ROW_SECTIONS, score_traced
from jixiao.scoring.numbers import quantize
from jixiao.scoring.results import ExecutionResult, RowResult, RowStatus, ScoreResult, Subtotal

ZERO = Decimal(0)
_NA = RowStatus.NOT_APPLICABLE
_UNWEIGHTED = RowStatus.UNWEIGHTED
_UNSCORED = (_NA, _UNWEIGHTED)


def grade_of(total: Decimal | None, rs: RuleSet) -> str | None:
    """优/良/中/差 by the rule set's thresholds."""
    if total is None:
        return None
    for grade in rs.grades:
        if total >= grade.min:
            return grade.label
    return rs.grades[-1].label


def level1_name(label: str | None, rs: RuleSet) -> str:
    """The rule set's own name for a table's 一级 label, or the label cleaned up."""
    lw = rs.level1_of(label)
    if lw is not None:
        return lw.name
    if not label:
        return "未分类"
    return canonical_level1(label) + ("指标" if "指标" in label.replace(" ", "") else "")


def expected_weights(ev: Evaluation, rs: RuleSet) -> dict[str, Decimal]:
    """The 一级 weight split this table should have under the rule set.

    When a table has no 满意度 rows, the rule set may move that weight to another dimension
    (财预〔2020〕10号 practice: to 效益); without such a rule the split stays as written.
    An empty dict: the rule set fixes no split (only the indicator total).
    """
    split = {lw.name: lw.weight for lw in rs.weights.level1}
    to = rs.weights.missing_satisfaction_to
    if not split or to not in split:
        return split
    present = {level1_name(i.level1, rs) for i in ev.indicators if not i.not_applicable}
    for name in [n for n in split if "满意度" in n and n not in present]:
        split[to] += split.pop(name)
    return split


class _Sums:
    """Running sums over the scored rows, gathered in one pass."""

    __slots__ = ("any_verified", "computed", "exact", "na_weight", "uncomputed", "verified", "weight")

    def __init__(self) -> None:
        self.weight = self.na_weight = self.verified = ZERO
        self.computed: Decimal | None = ZERO
        self.exact: Decimal | None = ZERO
        self.uncomputed: list[int] = []
        self.any_verified = False


class RowScorer:
    """Scores rows by one rule set, remembering each distinct row.

    The engine is pure, so identical rows — the same target, actual, weight and stated score,
    which recur across a province's tables (``≥95%`` / ``95%`` / 10 / 10) — are scored once.
    A stated score is keyed by its text: ``9.4`` and ``9.40`` are different statements (the
    digits shown decide whether it agrees), though equal as numbers.  The name is part of the
    key: a bare target under a name such as 投诉率 is at most that figure (the rule set's
    reverse names), so 3% against 5% is met under that name and a shortfall under 覆盖率.
    """

    MAX_ROWS = 262_144

    def __init__(self, rs: RuleSet) -> None:
        self.rs = rs
        self._rows: dict[tuple[object, ...], RowResult] = {}
        self._consulted: dict[int, int] = {}
        """The quantitative settings each cached row's scoring read (``CONSULTED`` bits), by
        ``id`` of the result: ``agreeing`` asks it of a table's results without building their
        keys again.  Every result named here lives in ``_rows`` (never overwritten, cleared
        together), so no other live object has its id."""
        self._level1: dict[str | None, str] = {}
        self._note_matters = rs.over_completion.deduction > 0
        self._differ: dict[int, tuple[RuleSet, int | None]] = {}

    def key(self, ind: Indicator) -> tuple[object, ...]:
        """What a row's score depends on (as ``rows`` builds it inline)."""
        score = ind.score
        return (
            ind.target, ind.actual, ind.weight, None if score is None else str(score), ind.unit, ind.nature,
            ind.not_applicable, ind.deviation_note if self._note_matters else None, ind.name,
        )  # fmt: skip

    def row(self, ind: Indicator, key: tuple[object, ...]) -> RowResult:
        r = self._rows.get(key)
        if r is None:
            r = self._score(ind, key)
        return r

    def _score(self, ind: Indicator, key: tuple[object, ...]) -> RowResult:
        if len(self._rows) >= self.MAX_ROWS:
            self._rows.clear()
            self._consulted.clear()
        r, consulted = score_traced(ind, self.rs)
        self._consulted[id(r)] = consulted
        self._rows[key] = r
        return r

    def rows(self, ev_indicators: list[Indicator]) -> tuple[tuple[RowResult, ...], _Sums]:
        """Score every row and gather the sums in one pass (this is the engine's hot loop)."""
        cache, note_matters = self._rows, self._note_matters
        out: list[RowResult] = []
        sums = _Sums()
        weight = na_weight = verified = ZERO
        computed: Decimal | None = ZERO
        exact: Decimal | None = ZERO
        for i, ind in enumerate(ev_indicators):
            score = ind.score
            key = (
                ind.target, ind.actual, ind.weight, None if score is None else str(score), ind.unit, ind.nature,
                ind.not_applicable, ind.deviation_note if note_matters else None, ind.name,
            )  # fmt: skip
            r = cache.get(key)
            if r is None:
                r = self._score(ind, key)
            out.append(r)
            status = r.status
            if status is _NA:
                na_weight += ind.weight or ZERO
                continue
            if status is _UNWEIGHTED or ind.weight is None:
                continue
            weight += ind.weight
            if r.computed is None or r.exact is None:
                sums.uncomputed.append(i)
                computed = exact = None
            elif computed is not None and exact is not None:
                computed += r.computed
                exact += r.exact
            if r.verified is not None:
                sums.any_verified = True
                verified += r.verified
        sums.weight, sums.na_weight, sums.verified = weight, na_weight, verified
        sums.computed, sums.exact = computed, exact
        return tuple(out), sums

    def agreeing(self, indicators: list[Indicator], rows: tuple[RowResult, ...], other: RowScorer) -> int:
        """How many of the rows (``rows``: scored by this scorer) agree with their stated score
        under ``other``'s rule set: a row is scored again only where its scoring read a setting
        in which the two rule sets differ."""
        known = self._differ.get(id(other.rs))
        if known is None or known[0] is not other.rs:
            known = self._differ[id(other.rs)] = (other.rs, _differing(self.rs, other.rs))
        differ = known[1]
        # a row's key is built only for the rows scored again (this runs for every table of a
        # ``--rules auto`` review); the result scored by this scorer and still cached is known by id
        consulted_of, other_cache = self._consulted, other._rows
        count = 0
        for ind, r in zip(indicators, rows, strict=True):
            consulted = consulted_of.get(id(r))
            if differ is None or consulted is None or consulted & differ:
                key = other.key(ind)
                found = other_cache.get(key)
                r = other._score(ind, key) if found is None else found
            count += 1 if r.agrees else 0
        return count

    def level1(self, label: str | None) -> str:
        name = self._level1.get(label)
        if name is None:
            name = self._level1[label] = level1_name(label, self.rs)
        return name


def _differing(rs: RuleSet, other: RuleSet) -> int | None:
    """The ``CONSULTED`` bits of the quantitative settings in which two rule sets differ; None
    where they differ in another section a row's scoring reads (every row may score apart)."""
    if any(getattr(rs, section) != getattr(other, section) for section in ROW_SECTIONS):
        return None
    mine, theirs = rs.quantitative, other.quantitative
    return sum(bit for name, bit in CONSULTED.items() if getattr(mine, name) != getattr(theirs, name))


_SCORERS: dict[int, RowScorer] = {}


def scorer_for(rs: RuleSet) -> RowScorer:
    """One scorer per rule-set object; the scorer holds the rule set, so its id stays unique."""
    scorer = _SCORERS.get(id(rs))
    if scorer is None or scorer.rs is not rs:
        if len(_SCORERS) >= 32:
            _SCORERS.pop(next(iter(_SCORERS)))
        scorer = _SCORERS[id(rs)] = RowScorer(rs)
    return scorer


def subtotals(ev: Evaluation, result: ScoreResult, rs: RuleSet) -> tuple[Subtotal, ...]:
    """Weight and computed score per 一级 and per 一级/二级, in table order.

    Computed on demand (for output and review), not on the scoring hot path.
    """
    scorer = scorer_for(rs)
    groups: dict[tuple[str, str | None], list[Decimal | None]] = {}
    for ind, r in zip(ev.indicators, result.rows, strict=True):
        if r.status in _UNSCORED:
            continue
        l1 = scorer.level1(ind.level1)
        for key in ((l1, None), (l1, (ind.level2 or "").replace(" ", "") or None)):
            acc = groups.setdefault(key, [ZERO, ZERO])
            acc[0] = (acc[0] or ZERO) + (ind.weight or ZERO)
            acc[1] = None if acc[1] is None or r.computed is None else acc[1] + r.computed
    return tuple(Subtotal(l1, l2, acc[0] or ZERO, acc[1]) for (l1, l2), acc in groups.items())


def _execution_verified(ev: Evaluation, execution: ExecutionResult) -> Decimal:
    if not execution.weight:
        return ZERO
    stated = ev.execution_score_stated
    if execution.score_agrees and stated is not None:
        return stated
    return execution.score or ZERO


def score(ev: Evaluation, rs: RuleSet) -> ScoreResult:
    """Score one evaluation.  Stated values are compared, never copied into computed ones."""
    scorer = scorer_for(rs)
    execution = score_execution(ev, rs)
    rows, sums = scorer.rows(ev.indicators)
    weight_total = execution.weight + sums.weight
    uncomputed = tuple(sums.uncomputed)

    total: Decimal | None
    if rs.meta.layout is Layout.FRAMEWORK_2013:
        items = score_items(ev, rs)
        total = item_total(items)
        grade = grade_of(total, rs)
        return ScoreResult(rs.name, execution, rows, items, total, total, grade, grade, weight_total, uncomputed)

    exec_part = execution.score if execution.weight else ZERO
    if rs.rounding.round_rows_before_sum:
        total = None if exec_part is None or sums.computed is None else exec_part + sums.computed
    else:
        exec_exact = execution.exact if execution.weight else ZERO
        exact = None if exec_exact is None or sums.exact is None else exec_exact + sums.exact
        total = None if exact is None else quantize(exact, rs.rounding.digits, rs.rounding.mode)
    verified = _execution_verified(ev, execution) + sums.verified if sums.any_verified else None

    applicable: Decimal | None = None
    if sums.na_weight and rs.not_applicable.renormalize and weight_total:
        applicable = weight_total
        digits, mode = rs.rounding.digits, rs.rounding.mode
        total = None if total is None else quantize(total / applicable * 100, digits, mode)
        verified = None if verified is None else quantize(verified / applicable * 100, digits, mode)
    if execution.weight and execution.score is None:
        total = None
    return ScoreResult(
        rs.name, execution, rows, (), total, verified, grade_of(total, rs), grade_of(verified, rs),
        weight_total, uncomputed, sums.na_weight, applicable,
    )  # fmt: skip


def agreements(ev: Evaluation, result: ScoreResult, rs: RuleSet, other: RuleSet) -> int:
    """The stated scores (rows and the execution line) that agree with the rules of ``other``,
    from ``result`` (``ev`` scored by ``rs``): what ``score(ev, other)`` would count, without
    scoring again the rows whose scoring read nothing in which the two rule sets differ."""
    rows = scorer_for(rs).agreeing(ev.indicators, result.rows, scorer_for(other))
    if ev.execution_score_stated is None:  # no stated score to agree (score_agrees is None)
        return rows
    return rows + (1 if score_execution(ev, other).score_agrees else 0)


def apply(ev: Evaluation, result: ScoreResult, rs: RuleSet) -> Evaluation:
    """A copy of the evaluation with the computed fields filled in, for JSON output."""
    indicators = [
        ind.model_copy(
            update={
                "computed_score": r.computed,
                "explanation": r.explanation,
                "status": r.status.value,
                "band": r.band,
                "verified_score": r.verified,
            }
        )
        for ind, r in zip(ev.indicators, result.rows, strict=True)
    ]
    items = [
        item.model_copy(update={"computed_score": r.computed, "explanation": r.explanation, "status": r.status.value})
        for item, r in zip(ev.scoring_items, result.items, strict=False)
    ] or ev.scoring_items
    rate = result.execution.rate
    return ev.model_copy(
        update={
            "rule_set": result.rule_set,
            "execution_rate": None if rate is None else quantize(rate, 4),
            "execution_score": result.execution.score,
            "indicators": indicators,
            "scoring_items": items,
            "total_score": result.total,
            "grade": result.grade,
            "verified_total": result.verified_total,
            "subtotals": [
                SubtotalModel(level1=s.level1, level2=s.level2, weight=s.weight, score=s.computed)
                for s in subtotals(ev, result, rs)
            ],
        }
    )
