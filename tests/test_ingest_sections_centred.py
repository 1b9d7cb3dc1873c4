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


def test_a_division_whose_runs_add_up_to_their_labels_points() -> None:
    """``(50分)`` on row 2 and ``(30分)`` on row 6 of rows 0..7: 产出 may end at row 4 or 5; the
    weights (10 each) add up to 50 only for rows 0..4, so that division is the one."""
    from decimal import Decimal as D

    from jixiao.ingest.sections.centred import Opened, apply, fits_points
    from jixiao.model.evaluation import Indicator

    texts, weights = ["(50分)", "(30分)"], [D(10)] * 8
    assert fits_points([(0, 4), (5, 7)], texts, weights) and not fits_points([(0, 5), (6, 7)], texts, weights)
    assert fits_points([(0, 5), (6, 7)], texts, [None, *weights[1:7], None])  # weights missing: nothing to check
    assert fits_points([(0, 5), (6, 7)], ["产出指标", "效益指标"], weights)  # no points declared
    rows = [Indicator(name=f"指标{k}", weight=D(10)) for k in range(8)]
    read = apply(rows, [Opened(1, 2, "(50分)"), Opened(1, 6, "(30分)")])
    assert [r.level1 for r in read] == ["(50分)"] * 5 + ["(30分)"] * 3
    bare = [r.model_copy(update={"weight": None}) for r in rows]
    unweighted = apply(bare, [Opened(1, 2, "(50分)"), Opened(1, 6, "(30分)")])
    assert [r.level1 for r in unweighted] == ["(50分)"] * 5 + [None] + ["(30分)"] * 2  # row 5 either: left empty


def test_points_say_labels_are_centred_where_the_first_row_has_its_level1() -> None:
    """A 一级 over two rows stands on the first (its middle row, ``(0 + 1) // 2``): read forward the
    first rows have their 一级, yet its rows add up to other points than it declares, and the
    centred division adds up to every label's: the labels are centred."""
    from decimal import Decimal

    from jixiao.ingest.sections.centred import Opened, apply, is_centred, points_say_centred
    from jixiao.model.evaluation import Indicator

    weights = [4, 4, 5, 6, 2, 8]  # 投入(8分): 4 + 4; 过程(21分): 5 + 6 + 2 + 8, its label on row 3
    rows = [Indicator(level1="投入(8分)" if k < 3 else "过程(21分)", name=f"指标{k}", weight=Decimal(w))
            for k, w in enumerate(weights)]  # fmt: skip
    opened = [Opened(1, 0, "投入(8分)"), Opened(1, 3, "过程(21分)")]
    assert not is_centred(rows, opened) and points_say_centred(rows, opened)
    assert [r.level1 for r in apply(rows, opened)] == ["投入(8分)"] * 2 + ["过程(21分)"] * 4
    forward = [Opened(1, 0, "投入(8分)"), Opened(1, 2, "过程(21分)")]  # read forward, the points add up
    assert not points_say_centred(rows, forward)
    unstated = [Opened(1, 0, "投入"), Opened(1, 3, "过程")]  # no points: nothing to say it
    assert not points_say_centred(rows, unstated)
