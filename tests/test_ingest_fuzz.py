"""Mutated seed texts never make the extractor raise: bad input gives evaluations or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.ingest.assemble import extract
from jixiao.ingest.cells import text_cells
from tests.conftest import SHARED

SEEDS = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("[0-9][0-9][0-9].txt"))
TEXTS = [p.read_text(encoding="utf-8")[:6000] for p in SEEDS]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(1, 6))):
        if not text:
            break
        at = draw(st.integers(0, len(text) - 1))
        size = draw(st.integers(0, 40))
        action = draw(st.sampled_from(["delete", "insert", "duplicate", "truncate"]))
        if action == "delete":
            text = text[:at] + text[at + size :]
        elif action == "insert":
            junk = draw(
                st.text(
                    alphabet=st.sampled_from(list("|\t\n 0123456789.%≥≤=—/产出指标分总年度项目名称万元")), max_size=20
                )
            )
            text = text[:at] + junk + text[at:]
        elif action == "duplicate":
            text = text[:at] + text[at : at + size] + text[at:]
        else:
            text = text[:at]
    return text


@pytest.mark.filterwarnings("ignore::jixiao.ingest.regions.UnreadTable")  # a mangled table is named, by design
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_no_exception_escapes(text: str) -> None:
    for ev in extract(text_cells(text), "fuzz.txt"):
        assert ev.source is not None and ev.source.file == "fuzz.txt"
        unsure = {d.field for d in ev.doubts}
        for n, ind in enumerate(ev.indicators):
            assert ind.name or f"indicators[{n}].name" in unsure  # a row without a name says why


def test_seeds_are_there() -> None:
    assert len(SEEDS) == 19, Path(SHARED)
