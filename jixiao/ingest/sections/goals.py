"""The goals block: each expected goal and the actual written beside it."""

from __future__ import annotations

from jixiao.ingest import labels as L
from jixiao.ingest.shapes import is_label
from jixiao.ingest.table import Table
from jixiao.model.evaluation import Goal


def goals(t: Table) -> list[Goal]:
    stop = t.indicator_header() or len(t.cells)
    at = None
    for i in range(stop):
        if t.cells[i].key in L.GOAL_ACTUAL:
            at = i
    if at is None:
        return []
    texts = [c for c in t.cells[at + 1 : stop] if not is_label(c.text) and c.key not in L.SECTION_HEADINGS]
    texts = [c for c in texts if len(c.text) > 1]
    goals = []
    for k in range(0, len(texts) - 1, 2):
        goals.append(
            Goal(
                expected=texts[k].text,
                actual=texts[k + 1].text,
                provenance={"expected": texts[k].location(), "actual": texts[k + 1].location()},
            )
        )
    if len(texts) % 2 == 1:
        goals.append(Goal(expected=texts[-1].text, provenance={"expected": texts[-1].location()}))
    return goals
