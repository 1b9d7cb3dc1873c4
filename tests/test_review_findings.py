"""Findings made by ``new_finding`` (the review's fast path) are Findings like any other."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from jixiao import ingest
from jixiao.review import Code, Finding, Severity, review_all
from jixiao.review.findings import new_finding
from tests.conftest import SHARED


def _findings() -> list[Finding]:
    (path,) = (SHARED / "seeds").glob("001_*.txt")
    return [f for r in review_all(ingest.read(path)) for f in r.findings]


def test_review_findings_equal_the_dataclass_built_from_their_fields() -> None:
    found = _findings()
    assert len(found) > 10
    for f in found:
        assert type(f) is Finding
        built = Finding(**{k.name: getattr(f, k.name) for k in dataclasses.fields(Finding)})
        assert f == built and repr(f) == repr(built)
        assert pickle.loads(pickle.dumps(f)) == f


def test_new_finding_is_frozen_and_sets_every_field_in_order() -> None:
    values = (Code.SCORE_MISMATCH, Severity.ERROR, "产出指标 › 数量指标", "得分填 4", "规则", "a.txt", 2, "项目",
              3, "score", None, "4", "3.64")  # fmt: skip
    f = new_finding(*values)
    assert f == Finding(*values)
    assert dataclasses.astuple(f) == values
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.row = 4  # type: ignore[misc]
