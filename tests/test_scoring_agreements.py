"""Choosing between a family's rule sets counts the stated scores each agrees with; another
member's count is taken from the default's scores, scoring again only the rows whose scoring
read a setting in which the two differ (``scoring.engine.agreements``).  It must be the count a
full scoring gives, for every table and for rule sets that differ in any setting."""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from jixiao import ingest, rules
from jixiao.model.evaluation import Evaluation, Indicator
from jixiao.rules.ruleset import Quantitative, ReverseMet, ReverseUnmet, RuleSet, ZeroTarget
from jixiao.scoring import indicators
from jixiao.scoring.engine import agreements, score
from jixiao.scoring.results import ScoreResult
from tests.conftest import SHARED

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from bench import build
from gen_tables import generate


@cache
def _tables(folder: str) -> tuple[Evaluation, ...]:
    return tuple(ev for path in sorted(Path(folder).glob("*.txt")) for ev in ingest.read(path))


def _generated(tmp: Path) -> list[Evaluation]:
    return [ev for path in generate(tmp, 90, per_file=9, seed=11) for ev in ingest.read(path)]


def _counted(result: ScoreResult) -> int:
    return sum(1 for r in result.rows if r.agrees) + (1 if result.execution.score_agrees else 0)


def _variants(base: RuleSet) -> list[RuleSet]:
    """The rule set with each quantitative setting changed in turn, and with its rounding."""
    q = base.quantitative
    changes: list[dict[str, object]] = [
        {"reverse_met": m} for m in ReverseMet if m is not q.reverse_met
    ] + [{"reverse_unmet": m} for m in ReverseUnmet if m is not q.reverse_unmet] + [
        {"equal_zero_target": m} for m in ZeroTarget if m is not q.equal_zero_target
    ] + [
        {"percent_actual_is_completion": not q.percent_actual_is_completion},
        {"deadline_late_score": Decimal("0.5")},
        {"reverse_names": ()},
        {"reverse_names": (*q.reverse_names, "率", "量")},
    ]  # fmt: skip
    assert {k for c in changes for k in c} == set(Quantitative.model_fields)  # every setting varied
    out = [base.model_copy(update={"quantitative": q.model_copy(update=c)}) for c in changes]
    out.append(base.model_copy(update={"rounding": base.rounding.model_copy(update={"digits": 1})}))
    return out


def test_agreements_are_a_full_scoring_s_count(tmp_path: Path) -> None:
    evaluations = [
        *(ev for name in ("seeds", "corpus", "corpus2") for ev in _tables(str(SHARED / name))),
        *_generated(tmp_path),
        *build(300),
    ]
    default = rules.get(rules.DEFAULT)
    family = [rules.get(n) for n in rules.available() if rules.get(n).detect.family == default.detect.family]
    assert len(family) == 2
    others = [rs for rs in family if rs is not default] + _variants(default)
    for other in others:
        for ev in evaluations:
            assert agreements(ev, score(ev, default), default, other) == _counted(score(ev, other)), (other.name, ev)
    # the other way round too: from another member's scores back to the default's count
    changji = others[0]
    for other in [default, *_variants(changji)]:
        for ev in evaluations:
            assert agreements(ev, score(ev, changji), changji, other) == _counted(score(ev, other))


def test_a_row_s_scoring_reads_only_traced_settings() -> None:
    """Every section of the rule set a row's scoring reads is compared whole (ROW_SECTIONS) or,
    the quantitative settings, read through ``_Row.quantitative`` — which records the read —
    except the reverse names that ``_target`` records itself."""
    source = Path(indicators.__file__).read_text(encoding="utf-8")
    sections = set(re.findall(r"\brs\.([a-z_]+)", source))
    assert sections - {"quantitative"} <= set(indicators.ROW_SECTIONS)
    assert re.findall(r"\.quantitative\.([a-z_]+)", source) == ["reverse_names"]
    assert set(re.findall(r'row\.quantitative\("([a-z_]+)"\)', source)) == set(Quantitative.model_fields) - {
        "reverse_names"
    }


@pytest.mark.parametrize(
    ("target", "actual", "read"),
    [
        ("长期", "长期", []),  # qualitative: no quantitative setting
        ("≥100人", "90人", []),
        ("≤500元/人", "480元/人", ["reverse_met"]),
        ("≤500元/人", "520元/人", ["reverse_unmet"]),
        ("=100%", "100%", ["reverse_names"]),
        ("≥100人", "95%", ["percent_actual_is_completion"]),
        ("=0次", "1次", ["equal_zero_target", "reverse_names"]),
        ("2025年6月30日", "2025年8月31日", ["deadline_late_score"]),
    ],
)
def test_a_row_records_the_settings_it_read(target: str, actual: str, read: list[str]) -> None:
    rs = rules.get("changji-practice")
    ind = Indicator(level1="产出指标", level2="数量指标", name="某项指标", target=target, actual=actual,
                    weight=Decimal(5), score=Decimal(4))  # fmt: skip
    result, consulted = indicators.score_traced(ind, rs)
    assert result == indicators.score_indicator(ind, rs)
    assert sorted(n for n, bit in indicators.CONSULTED.items() if consulted & bit) == read
