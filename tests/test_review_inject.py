"""Error injection over the generated tables (``tests/review_injection.py``), a sample of what
``scripts/review_inject.py`` measures in ``make corpus``: every injector on every clean truth
table with the first tuning seed, from the truth; a few through ingest on the national form.
"""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

import pytest

from jixiao.review import engine
from jixiao.review.catalogue import Code
from jixiao.review.checks import text
from tests import review_injection as inj
from tests.conftest import SHARED
from tests.families.truth import truths


@cache
def _drafts() -> tuple[inj.Draft, ...]:
    return tuple(inj.bases(truths(SHARED)))


def test_clean_bases_are_most_truth_tables() -> None:
    """The injection runs on tables the review passes without error: 49 of the 63 truths."""
    assert len(truths(SHARED)) == 63
    assert len(_drafts()) == 49


@pytest.mark.parametrize("name", list(inj.INJECTORS))
def test_each_injection_found_from_the_truth(name: str) -> None:
    results = inj.truth_cases(list(_drafts()), inj.TUNING_SEEDS[:1], [name])
    assert results, f"{name}: no table to inject into"
    assert [(c.table, c.missed) for c in results if c.missed] == []
    assert [(c.table, c.false_errors, c.false_findings) for c in results if c.false_errors or c.false_findings] == []
    code, _ = inj.INJECTORS[name]
    assert all(c.found == c.expected for c in results)
    if code is not None:
        assert sum(c.found for c in results) >= len(results)


def test_every_code_of_the_catalogue_is_injected() -> None:
    """One injector at least for every code (INGEST_UNCERTAIN: a doubt handed over or seen)."""
    assert {code for code, _ in inj.INJECTORS.values() if code is not None} == set(Code)


def test_the_harness_is_not_blind(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the text check switched off, every text injection is a miss."""
    monkeypatch.setattr(engine, "CHECKS", tuple(c for c in engine.CHECKS if c is not text.check_text_figures))
    results = inj.truth_cases(list(_drafts())[:10], (0,), ["text_rate", "text_row"])
    assert results and all(c.found == 0 and c.missed for c in results)


def test_a_false_error_is_counted() -> None:
    """An injection that breaks more than it declares is reported as a false error."""
    d = next(x for x in _drafts() if x.rows and x.data.get("total_score_stated") is not None)
    spec = inj.INJECTORS["score_mismatch"][1](d.copy(), random.Random(0))
    assert spec is not None
    spec.draft.data["total_score_stated"] += 7  # the total no longer the sum: TOTAL_MISMATCH too
    base = inj.review(d.evaluation())
    got = inj.review(spec.draft.evaluation())
    result = inj.judge("score_mismatch", Code.SCORE_MISMATCH, d.name, 0, spec, base, got)
    assert result.found == 1 and [f.split(" ")[0] for f in result.false_errors] == ["TOTAL_MISMATCH"]


_THROUGH_INGEST = ("exec_rate", "score_over_weight", "reason_missing", "text_row", "year_deadline", "ocr_sign")


@pytest.mark.parametrize("fmt", [".txt", ".docx"])
def test_injections_found_through_ingest_on_the_national_form(fmt: str, tmp_path: Path) -> None:
    sample = [d for d in _drafts() if d.name.startswith(("seed004", "corpus/"))][:6:2]
    results, unread = inj.ingest_cases(sample, (0,), tmp_path, _THROUGH_INGEST, ("national",), (fmt,))
    assert unread == 0
    assert len(results) >= 15
    assert [(c.injector, c.table, c.missed) for c in results if c.missed] == []
    assert [(c.injector, c.false_errors) for c in results if c.false_errors] == []


@pytest.mark.parametrize("fmt", [".docx", ".xlsx"])
def test_department_sheet_and_recheck_columns_through_ingest(fmt: str, tmp_path: Path) -> None:
    """A 部门整体 评分表 (read as rows with 扣分原因) and the 自评得分 | 复核得分 form, written and read back."""
    names = ("item_over_weight", "item_reason_missing", "item_score_missing", "item_total", "recheck_columns")
    sample = [d for d in _drafts() if d.name.startswith("seed004")][:2]
    results, unread = inj.ingest_cases(sample, (0,), tmp_path, names, ("national",), (fmt,))
    assert unread == 0
    assert sorted({c.injector for c in results}) == sorted(names)
    assert [(c.injector, c.table, c.missed) for c in results if c.missed] == []
    assert [(c.injector, c.false_errors) for c in results if c.false_errors] == []
