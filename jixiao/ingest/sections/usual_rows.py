"""Rows of text read by what their values look like, checked against the columns the table's
other rows fill.

With the empty cells gone, one row cannot always tell its columns: ``15 | 6 | 8.0`` under
年度指标值 | 实际完成值 | 分值 | 得分 fits a target, a weight and a score as well as a target, an
actual and a figure after them.  The table can: where most of its rows fill the same columns
(``11442 | 4164 | 7.3``: no weight is 4164, so an actual), a row whose values fill exactly those
columns reads as they do — its last figure then a weight or a score as the table's arithmetic
settles for all the rows at once (sections/lone_figures), instead of one row deciding alone.

Two figures joined at a line's end that may as well be two (``90`` / ``100 11.1``, the space
between them dropped by a PDF's text layer: ``normalise.figures_either_way``) are read both ways
here: where exactly one reading fills the usual columns, it is taken and its doubt withdrawn;
otherwise the figure stays empty with its doubt (``RowWalk._without_unsure_joins``).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from itertools import combinations

from jixiao.ingest import labels as L
from jixiao.ingest import messages
from jixiao.ingest.cells import Cell
from jixiao.ingest.sections.columns import align, fit
from jixiao.ingest.sections.rows import RowWalk, make_indicator


def clear_caches() -> None:
    """Forget the rows' columns worked out (the active layouts changed)."""
    _decided_texts.cache_clear()


def _read_by_look(cells: list[Cell]) -> bool:
    """A row of text: its values placed by what they look like (no grid column), none unsure but
    a figure joined at a line's end."""
    if len(cells) < 2:
        return False
    for c in cells:  # noqa: SIM110 (asked of every row three times: a loop, no generator)
        if c.column is not None or (c.unsure and c.apart is None):
            return False
    return True


def usual_columns(walk: RowWalk) -> frozenset[L.Column] | None:
    """The columns most rows of text that can read one way only fill (None without a clear most:
    two rows or more, more than any other set).  A row decides where every set of columns its
    values can fill is the one they fit best, or it with 分值 and 得分 swapped (which of the two a
    lone last figure is, the arithmetic settles later): ``4500 4620 20`` does, ``30 8 12.5`` (a
    target, an actual or a weight, a score) does not."""
    counts = Counter(
        best for cells in walk.row_cells[: len(walk.rows)] if (best := _decided(cells, walk.cols)) is not None
    )
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _decided(cells: list[Cell], cols: list[L.Column]) -> frozenset[L.Column] | None:
    """The columns the row's values fill, where they can fill no others (``usual_columns``)."""
    if not _read_by_look(cells):
        return None
    return _decided_texts(tuple([c.text for c in cells[1:]]), tuple(cols))


@lru_cache(maxsize=4_096)
def _decided_texts(values: tuple[str, ...], columns: tuple[L.Column, ...]) -> frozenset[L.Column] | None:
    """``_decided`` for a row's values, worked out once per values and columns (the rows of a batch's
    tables repeat their figures: 10 | 10 | ≥90% …)."""
    texts, cols = list(values), list(columns)
    if (got := align(texts, cols)) is None:
        return None
    best = frozenset(got)
    alike = {best, frozenset(_SWAP.get(c, c) for c in best)}
    sets = (frozenset(combo) for combo in combinations(cols, len(texts)))
    # (as many values as columns: they match exactly when each fits its column in order)
    return None if any(s not in alike and all(map(fit, [c for c in cols if c in s], texts)) for s in sets) else best


_SWAP = {L.Column.WEIGHT: L.Column.SCORE, L.Column.SCORE: L.Column.WEIGHT}


def _fills(cells: list[Cell], usual: list[L.Column]) -> dict[L.Column, int] | None:
    """The values' places when they fill exactly the usual columns, else None."""
    texts = [c.text for c in cells[1:]]
    return align(texts, usual) if len(texts) == len(usual) else None


def _apart(cells: list[Cell], at: int) -> list[Cell]:
    """The row with its joined figure at ``at`` read as the two figures it may be."""
    c = cells[at]
    parts = [Cell(p, c.line, c.row, c.column, c.cell, c.page, c.sheet) for p in (c.apart or "").split()]
    return [*cells[:at], *parts, *cells[at + 1 :]]


def _confident(cells: list[Cell]) -> list[Cell]:
    return [Cell(c.text, c.line, c.row, c.column, c.cell, c.page, c.sheet) if c.apart else c for c in cells]


def _reading(cells: list[Cell], usual: list[L.Column]) -> tuple[list[Cell], dict[L.Column, int]] | None:
    """The one reading of the row that fills the usual columns: as read, or with a figure joined at
    a line's end taken apart; None when none does or two do."""
    joined = [k for k, c in enumerate(cells) if c.apart is not None]
    as_read = [] if len(cells) - 1 in joined else [_confident(cells)]  # a row's last figure joined: a
    # weight and a score apart, or one figure the arithmetic alone could tell (left in doubt)
    candidates = as_read + [_confident(_apart(cells, k)) for k in joined]
    found = [(cand, got) for cand in candidates if (got := _fills(cand, usual)) is not None]
    return found[0] if len(found) == 1 else None


def _withdraw(walk: RowWalk, row: int, cells: list[Cell]) -> None:
    """The doubts on the row's joined figures, now read one way (``RowWalk._without_unsure_joins``)."""
    reasons = {messages.figures_joined_at_line_end(c.text, c.apart) for c in cells if c.apart is not None}
    prefix = f"indicators[{row}]."
    walk.doubts[:] = [d for d in walk.doubts if not (d.field.startswith(prefix) and d.reason in reasons)]


def _irregular(walk: RowWalk) -> bool:
    """Rows of text that read other columns than each other, or a figure joined at a line's end:
    only then is there anything to read again (most tables: none, asked cheaply)."""
    seen: set[frozenset[L.Column]] = set()
    for cells in walk.row_cells[: len(walk.rows)]:
        if not _read_by_look(cells):
            continue
        if any(c.apart is not None for c in cells):
            return True
        got = align([c.text for c in cells[1:]], walk.cols)
        seen.add(frozenset(got) if got is not None else frozenset())
    return len(seen) > 1


def read_as_usual(walk: RowWalk) -> None:
    """Each row of text whose values as read fill other columns than the usual ones (or that holds
    a figure joined at a line's end) read again in the usual columns, where exactly one reading
    of it fills them."""
    if not _irregular(walk):
        return
    usual = usual_columns(walk)
    if usual is None:
        return
    order = [c for c in walk.cols if c in usual]
    for k, cells in enumerate(walk.row_cells[: len(walk.rows)]):
        if not _read_by_look(cells):
            continue
        joined = any(c.apart is not None for c in cells)
        got = align([c.text for c in cells[1:]], walk.cols)
        if not joined and got is not None and frozenset(got) == usual:
            continue
        found = _reading(cells, order)
        if found is None:
            continue
        row, mapping = walk.rows[k], found[1]
        ind = make_indicator(found[0], walk.cols, row.level1, row.level2, mapping=mapping)
        if ind is None:
            continue
        walk.rows[k] = ind.model_copy(update={"level1": row.level1, "name": row.name})
        walk.row_cells[k] = found[0]
        if joined:
            _withdraw(walk, k, cells)
