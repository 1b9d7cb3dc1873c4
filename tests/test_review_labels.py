"""复核 against the hand labels of ../shared/corpus and corpus2: each expected finding at its row.

From the truth extraction (``NNN.json``, review measured apart from ingest) for every labelled
table; from ingest's own reading for the tables ingest already reads well enough.  No
error-level finding may land on a row a label calls clean.  ``scripts/review_recall.py``
prints the same measurement as figures.
"""

from __future__ import annotations

import warnings
from functools import cache
from pathlib import Path

import pytest

from jixiao import ingest
from jixiao.model.evaluation import Evaluation
from jixiao.review import Review, review_all
from jixiao.review.recall import Label, assess, load_labels, truth_evaluation
from tests.conftest import FIXTURES, SHARED

LABELS = [label for name in ("corpus", "corpus2") for label in load_labels(SHARED / name)]
INGEST_READS = {f"corpus/{label.name}" for label in LABELS if label.path.parent.name == "corpus"} | {
    "corpus2/101", "corpus2/103", "corpus2/104", "corpus2/105", "corpus2/107", "corpus2/108", "corpus2/110",
    "corpus2/111", "corpus2/112", "corpus2/201", "corpus2/203", "corpus2/205",
}  # fmt: skip
"""Tables whose ingest reading already carries every labelled finding (widen as ingest improves)."""


def _id(label: Label) -> str:
    return f"{label.path.parent.name}/{label.name}"


@cache
def _read(label: Label) -> Evaluation | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unread-table warnings: what is read is what is tested
        found = ingest.read(label.document)
    return found[0] if found else None


def _review(ev: Evaluation) -> Review:
    (r,) = review_all([ev])
    return r


@pytest.mark.parametrize("over_ingest", [True, False], ids=["over-ingest", "truth-alone"])
@pytest.mark.parametrize("label", LABELS, ids=_id)
def test_labelled_findings_from_the_truth(label: Label, over_ingest: bool) -> None:
    """The truth file (with its supplement), over ingest's reading or alone: ingest plays no part."""
    read = _read(label) if over_ingest else None
    ev = truth_evaluation(label, read, FIXTURES / "truth" / f"{label.name}.json")
    outcome = assess(label, _review(ev))
    assert outcome.missed == []
    assert outcome.errors_on_clean == []
    assert len(outcome.found) == len(label.expected)


@pytest.mark.parametrize("label", [x for x in LABELS if _id(x) in INGEST_READS], ids=_id)
def test_labelled_findings_from_ingest(label: Label) -> None:
    ev = _read(label)
    assert ev is not None
    outcome = assess(label, _review(ev))
    assert outcome.missed == []
    assert outcome.errors_on_clean == []


def test_labels_cover_both_sets() -> None:
    """The measurement is over every label of both sets (and would fail on none)."""
    per_set = {p: sum(1 for x in LABELS if x.path.parent.name == p) for p in ("corpus", "corpus2")}
    assert per_set == {"corpus": 15, "corpus2": 12}
    assert sum(len(x.expected) for x in LABELS) == 41 + 13


def test_a_missed_finding_is_reported(tmp_path: Path) -> None:
    """The matcher is not blind: a label expecting a finding the review does not make is a miss."""
    label = next(x for x in LABELS if _id(x) == "corpus2/112")
    ev = truth_evaluation(label, None, FIXTURES / "truth" / "112.json")
    wrong = Label(label.path, label.file, (("OVERSPEND", "funds"), *label.expected), label.clean_rows)
    outcome = assess(wrong, _review(ev))
    assert outcome.missed == [("OVERSPEND", "funds")]
