"""Divisions of rows into runs with their label on the middle row (ingest.sections.centred)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jixiao.ingest.sections.centred import divisions


def every_division(positions: list[int], start: int, end: int) -> list[list[tuple[int, int]]]:
    """The plain recursion, every branch walked: what ``divisions`` must give on small inputs."""
    if not positions:
        return []

    def walk(k: int, s: int) -> list[list[tuple[int, int]]]:
        if k == len(positions):
            return [[]] if s == end + 1 else []
        p, nxt = positions[k], positions[k + 1] if k + 1 < len(positions) else end + 1
        return [[(s, e), *rest] for e in (2 * p - s, 2 * p - s + 1) if s <= p <= e < nxt and e <= end
                for rest in walk(k + 1, e + 1)]  # fmt: skip

    return walk(0, start)


def test_labels_on_their_runs_middle_rows() -> None:
    assert divisions([1, 4], 0, 5) == [[(0, 2), (3, 5)], [(0, 3), (4, 5)]]  # (start + end) // 2
    assert divisions([1, 4], 0, 6) == [[(0, 2), (3, 6)]]
    assert divisions([0, 3], 0, 3) == []  # the last run cannot have 3 on its middle row and end at 3


@given(st.lists(st.integers(0, 40), min_size=1, max_size=10, unique=True).map(sorted), st.integers(0, 45))
def test_the_same_divisions_as_walking_every_branch(positions: list[int], end: int) -> None:
    expected = every_division(positions, 0, end) if all(p <= end for p in positions) else []
    assert divisions(positions, 0, end) == expected[:64]


def test_no_run_begins_at_a_part_of_the_row_above() -> None:
    """A row named ``其中…`` is a part of the row above, in its merged cell: a division that
    begins a run there is no division."""
    assert divisions([1, 4], 0, 5, tied=frozenset({3})) == [[(0, 3), (4, 5)]]
    assert divisions([1, 4], 0, 5, tied=frozenset({4})) == [[(0, 2), (3, 5)]]
    assert divisions([1, 4], 0, 5, tied=frozenset({3, 4})) == []


def test_rows_named_as_parts_of_the_row_above() -> None:
    from jixiao.ingest.sections.centred import parts_of_rows_above
    from jixiao.model.evaluation import Indicator

    names = ["其中甲", "补助面积", "其中桃树种植面积", "其中苹果树种植面积", "成活率"]
    rows = [Indicator(name=n) for n in names]
    assert parts_of_rows_above(rows) == frozenset({2, 3})  # the first row has no row above
