"""Level labels printed in the middle of the rows they span (a PDF's text layer, text copied from it).

A 一级 or 二级 label in a cell merged down several rows is drawn at the cell's vertical centre, so
in text it comes out on the line of the run's middle row: the rows above it seem to belong to
the label before, or to none.  Read forward, the first rows of the table then have no 一级 —
the sign that the labels are centred.  Where that is so, the runs are worked out from where
the labels stand: a run starts where the one before ends, and its label stands on its middle
row (``(start + end) // 2``), the last run ends with the table; no run begins at a row that is
a part of the row above (``其中…``: in the same merged cell), and a 一级 that declares its points
(``(30分)``, a 二级 likewise) holds rows whose weights add up to them.  Only a single consistent
division is taken; where two are possible the rows keep the forward reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.ingest import labels as L
from jixiao.model.evaluation import Indicator
from jixiao.model.vocabulary import declared_points, dimension_of_level1, dimension_of_level2

_MAX_LABELS = 24
"""Labels of one level in a table beyond which no division is searched (a table has a handful)."""
_MAX_DIVISIONS = 64
"""Divisions looked at: enough to see which rows they all agree on."""


@dataclass(frozen=True)
class Opened:
    """A level label met by the walk: its level (1 or 2), the index of the row read next, its text."""

    level: int
    row: int
    text: str


def divisions(
    positions: list[int], start: int, end: int, tied: frozenset[int] = frozenset()
) -> list[list[tuple[int, int]]]:
    """Every division of rows ``start..end`` into consecutive runs, one per label, each label on
    its run's middle row (up to ``_MAX_DIVISIONS``), no run beginning at a ``tied`` row.  A
    (label, first row) pair that led to no division once is not walked again: without that, the
    branches that lead nowhere double with each label."""
    out: list[list[tuple[int, int]]] = []
    dead: set[tuple[int, int]] = set()

    def walk(k: int, s: int, runs: list[tuple[int, int]]) -> None:
        if len(out) >= _MAX_DIVISIONS or (k, s) in dead:
            return
        if k == len(positions):
            if s == end + 1:
                out.append(list(runs))
            return
        found, p = len(out), positions[k]
        nxt = positions[k + 1] if k + 1 < len(positions) else end + 1
        for e in (2 * p - s, 2 * p - s + 1):
            if s <= p <= e < nxt and e <= end and e + 1 not in tied:
                walk(k + 1, e + 1, [*runs, (s, e)])
        if len(out) == found:
            dead.add((k, s))

    if positions and len(positions) <= _MAX_LABELS and all(start <= p <= end for p in positions):
        walk(0, start, [])
    return out


def _labels(opened: list[Opened], level: int, start: int, end: int) -> tuple[list[int], list[str]]:
    """Positions and texts of one level's labels within rows ``start..end`` (the last on a row wins)."""
    by_row: dict[int, str] = {}
    for o in opened:
        if o.level == level and start <= o.row <= end:
            by_row[o.row] = o.text
    rows = sorted(by_row)
    return rows, [by_row[r] for r in rows]


def fits_points(runs: list[tuple[int, int]], texts: list[str], weights: list[Decimal | None]) -> bool:
    """Does each run under a label that declares its points (``(30分)``, ``满意度指标(10分)``) have
    weights adding up to them?  A run with a weight missing, or under a label stating no points,
    checks nothing."""
    for (a, b), text in zip(runs, texts, strict=True):
        points, run = declared_points(text), weights[a : b + 1]
        if points is not None and all(w is not None for w in run) and sum(w for w in run if w) != points:
            return False
    return True


def _candidates(
    positions: list[int],
    texts: list[str],
    start: int,
    end: int,
    tied: frozenset[int] = frozenset(),
    weights: list[Decimal | None] | None = None,
) -> dict[int, set[str]] | None:
    """Each row's possible labels over every division (those whose runs' weights add up to their
    labels' points, where any does); None when no division fits."""
    found = divisions(positions, start, end, tied)
    if weights is not None:
        found = [runs for runs in found if fits_points(runs, texts, weights)] or found
    if not found:
        return None
    return {
        i: {next(t for (a, b), t in zip(runs, texts, strict=True) if a <= i <= b) for runs in found}
        for i in range(start, end + 1)
    }


def _one(names: set[str], row_level2: str | None = None) -> str | None:
    """The label all divisions agree on; where they differ, the one of the dimension the row's
    二级 names (数量指标 → 产出); else none (no guess)."""
    if not names:
        return None
    if len(names) == 1:
        return next(iter(names))
    want = dimension_of_level2(row_level2)
    fitting = [n for n in names if want is not None and dimension_of_level1(n) == want]
    return fitting[0] if len(fitting) == 1 else None


def is_centred(rows: list[Indicator], opened: list[Opened]) -> bool:
    """Read forward, do the first rows go without a 一级 (the first 一级 label stands below them)?"""
    first = next((o.row for o in opened if o.level == 1), None)
    return bool(rows) and first is not None and (first > 0 or rows[0].level1 is None)


def points_say_centred(rows: list[Indicator], opened: list[Opened]) -> bool:
    """Do the 一级 labels' points say they are centred, where the first rows have their 一级 (a
    label over two rows stands on the first): read forward, a label's rows have weights adding up
    to other points than it declares, and some centred division adds up to every label's points."""
    last = len(rows) - 1
    positions, texts = _labels(opened, 1, 0, last)
    weights = [r.weight for r in rows]
    if not positions or any(declared_points(t) is None for t in texts) or any(w is None for w in weights):
        return False
    forward = [(p, q - 1) for p, q in zip(positions, [*positions[1:], last + 1], strict=True)]
    if forward[0][0] != 0 or fits_points(forward, texts, weights):
        return False
    found = divisions(positions, 0, last, parts_of_rows_above(rows))
    return any(fits_points(runs, texts, weights) for runs in found)


def apply(rows: list[Indicator], opened: list[Opened]) -> list[Indicator]:
    """The rows with their 一级 and 二级 from centred labels, when the labels are centred and
    divide the table; else the rows as they are."""
    if not is_centred(rows, opened) and not points_say_centred(rows, opened):
        return rows
    last, tied = len(rows) - 1, parts_of_rows_above(rows)
    weights = [r.weight for r in rows]
    seconds = _candidates(*_labels(opened, 2, 0, last), 0, last, tied, weights)
    level2 = {i: _one(seconds[i]) if seconds else rows[i].level2 for i in range(last + 1)}
    firsts = _candidates(*_labels(opened, 1, 0, last), 0, last, tied, weights)
    if firsts is None:
        return rows
    level1 = {i: _one(firsts[i], level2[i]) for i in range(last + 1)}
    out = list(rows)
    for s, e in _runs(level1, last):
        positions, texts = _labels(opened, 2, s, e)
        inner = _candidates(positions, texts, s, e, tied, weights) if positions else {i: set() for i in range(s, e + 1)}
        for i in range(s, e + 1):
            update = {"level1": level1[i]} | ({"level2": _one(inner[i])} if inner is not None else {})
            out[i] = out[i].model_copy(update=update)
    return out


def parts_of_rows_above(rows: list[Indicator]) -> frozenset[int]:
    """Rows whose name opens with a word that makes it a part of the row above (其中…)."""
    prefixes = tuple(L.PART_PREFIXES)
    return frozenset(k for k, r in enumerate(rows) if k and prefixes and (r.name or "").startswith(prefixes))


def _runs(labels: dict[int, str | None], last: int) -> list[tuple[int, int]]:
    """Consecutive rows with the same 一级 (rows left without one make runs of their own)."""
    out: list[tuple[int, int]] = []
    s = 0
    for i in range(1, last + 2):
        if i > last or labels[i] != labels[s]:
            out.append((s, i - 1))
            s = i
    return out
