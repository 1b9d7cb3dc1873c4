"""Shared fixtures: the repo's own fixture files and the real documents in ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.model.evaluation import Evaluation
from jixiao.model.io import load_evaluations

FIXTURES = Path(__file__).with_name("fixtures")
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def seed004_table(n: int) -> Evaluation:
    """Seed 004's 表n typed as numbers only (no sentences of the document)."""
    return load_evaluations(FIXTURES / "seed004" / f"table{n}.json")[0]


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared not found at {SHARED}: the tests read the seeds and corpus there")
    return SHARED
