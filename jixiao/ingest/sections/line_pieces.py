"""Cells that hold a space, in text whose rows keep to their lines: the pieces joined back.

Text flattened with single spaces between cells cuts a cell that holds a space (``发放资金 6078
万元``, a name wrapped in its cell) into pieces, so its row has a piece too many: read as it
stands, the row takes an actual it does not have, or opens a row that is not there.  Where every
row keeps to its line (``line_rows.whole_lines``), a line holds one row, and its pieces are joined
back so that the row fills the columns the table's other rows fill — the reading with the fewest
joins — when the line as it stands fits no columns, or reads an actual of another kind than its
target (``2018年1月-2019年12月`` | ``辖区内全部建档立卡脱贫人口``: a date and a text; ``90%`` | ``100%``
agree, and stand).  Where two readings tie, the name and target they dispute become one cell marked unsure
(read as neither, a doubt) — a guess would be a wrong value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import combinations

from jixiao.ingest import labels as L
from jixiao.ingest.cells import Cell
from jixiao.ingest.sections.columns import align
from jixiao.ingest.sections.line_rows import label_like
from jixiao.ingest.shapes import PLAIN_NUMBER, SIGN, is_label, value_like
from jixiao.ingest.table import Table
from jixiao.model.values import Op, parse_value
from jixiao.model.vocabulary import declared_points, is_dash

Grouping = tuple[tuple[int, int], ...]
"""A row read from a line's pieces: each cell as the span of pieces joined into it (the name first)."""


def body_lines(cells: list[Cell], start: int) -> list[tuple[int, int]]:
    """The spans of the indicator rows' lines from ``start`` up to the 总分 row, each without the
    level labels that open it (产出指标, 数量指标, ``(40分)``)."""
    out: list[tuple[int, int]] = []
    i = start
    while i < len(cells) and not (cells[i].key in L.TOTAL or L.ends_table(cells[i].text)):
        line, end = cells[i].line_key, i
        while end < len(cells) and cells[end].line_key == line and cells[end].key not in L.TOTAL:
            end += 1
        first = i
        while first < end and (_opens_row(cells[first]) or _points_heading(cells, first, end)):
            first += 1
        if end - first >= 2:
            out.append((first, end))
        i = end
    return out


def _points_heading(cells: list[Cell], at: int, end: int) -> bool:
    """A heading that states its points (``预算配置(15分)``) with a name after it on its line: a
    二级 of its own that opens the row (as ``rows._level_of`` reads it), not a piece of the name."""
    if at + 1 >= end or declared_points(cells[at].text) is None or value_like(cells[at].text):
        return False
    nxt = cells[at + 1].text
    return not value_like(nxt) and not is_dash(nxt) and declared_points(nxt) is None


def _mapping(texts: list[str], cols: list[L.Column]) -> dict[L.Column, int] | None:
    values = texts[1:]
    return None if len(values) > len(cols) else align(values, cols)


def _opens_row(cell: Cell) -> bool:
    """A level label (or the indicator block's heading, 绩效指标) before a row's name."""
    return is_label(cell.text) or L.is_indicator_heading(cell.key) or cell.key in L.SECTION_HEADINGS


def filled(texts: list[str], cols: list[L.Column]) -> frozenset[L.Column] | None:
    """The columns a row's values (after its name) fill, or None when they fit no columns."""
    got = _mapping(texts, cols)
    return None if got is None else frozenset(got)


def _kind(text: str) -> str:
    """What a target or actual is: a text, a date, or a figure in its unit's dimension."""
    parsed = parse_value(text)
    if parsed.op is Op.QUALITATIVE:
        return "text"
    return "date" if parsed.op is Op.DEADLINE else parsed.base_unit or parsed.unit


def stands(texts: list[str], cols: list[L.Column], usual: frozenset[L.Column]) -> bool:
    """Does the line read as it stands: it fills the usual columns, or fits columns with no actual
    of another kind than its target (a row may fill a column the others leave blank)?"""
    return _stands_as(texts, _mapping(texts, cols), usual)


def _stands_as(texts: list[str], got: dict[L.Column, int] | None, usual: frozenset[L.Column]) -> bool:
    """``stands`` with the line's columns as they stand (``_mapping``) worked out already."""
    if got is None:
        return False
    if frozenset(got) == usual:
        return True
    if L.Column.TARGET not in usual and _quoted_tail(texts, got):
        return False  # (“三公经费” | 变动率: the name goes on after its quotation, no target)
    if L.Column.ACTUAL not in got or L.Column.TARGET not in got:
        return True
    return _kind(texts[1 + got[L.Column.TARGET]]) == _kind(texts[1 + got[L.Column.ACTUAL]])


def _quoted_tail(texts: list[str], got: dict[L.Column, int]) -> bool:
    """The row's target is words right after a name that closes a quotation (``“三公经费”`` |
    ``变动率``): a PDF's text layer reads the gap a wide closing mark leaves as a space, so in a
    table whose other rows state no target the words are the rest of the name."""
    at = got.get(L.Column.TARGET)
    return at == 0 and texts[0][-1:] in _CLOSING_MARKS and _kind(texts[1]) == "text"


_CLOSING_MARKS = "”’」』"


def _joinable(texts: list[str]) -> list[int]:
    """The gaps (after piece k) a space could be inside a cell: never beside a plain number (a
    weight or a score is a cell of its own), nor between two figures (a target and its actual),
    nor before a comparison sign (``=100%``, ``≥90%`` open a target)."""
    plain = [bool(PLAIN_NUMBER.match(t.replace(" ", ""))) for t in texts]
    text = [_kind(t) == "text" for t in texts]
    signed = [bool(SIGN.match(t)) for t in texts]
    return [k for k in range(len(texts) - 1)
            if not (plain[k] or plain[k + 1] or signed[k + 1]) and (text[k] or text[k + 1])]  # fmt: skip


def two_rows(texts: list[str], cols: list[L.Column], usual: frozenset[L.Column]) -> bool:
    """Does the line hold two rows that each fill the usual columns (a text joined back after a
    fixed-width break may)?"""
    return any(filled(texts[:k], cols) == usual and filled(texts[k:], cols) == usual
               for k in range(2, len(texts) - 1))  # fmt: skip


def _grouping(n: int, joins: tuple[int, ...]) -> Grouping:
    spans, begin = [], 0
    for k in range(n - 1):
        if k not in joins:
            spans.append((begin, k + 1))
            begin = k + 1
    spans.append((begin, n))
    return tuple(spans)


def readings(texts: list[str], cols: list[L.Column], usual: frozenset[L.Column], most: int) -> list[Grouping]:
    """The groupings with the fewest joins (up to ``most``) whose row fills the ``usual`` columns.
    A row's values take one column each, so a line needs at least as many joins as it has values
    over the columns: a line longer than ``most`` joins can mend is tried no further (a hostile
    line of many pieces costs its length, not the count of their combinations)."""
    least = max(1, len(texts) - 1 - len(cols))
    if least > most:
        return []
    gaps = _joinable(texts)
    for count in range(least, min(most, len(gaps)) + 1):
        found = []
        for joins in combinations(gaps, count):
            grouping = _grouping(len(texts), joins)
            if _fills(filled([" ".join(texts[a:b]) for a, b in grouping], cols), usual):
                found.append(grouping)
        if found:
            return found
    return []


def _fills(got: frozenset[L.Column] | None, usual: frozenset[L.Column]) -> bool:
    """A row fills the usual columns, and at most a text column the other rows leave blank besides
    (a row with a 偏差原因 where most have none: ``≥ | 90%`` joined, ``… | 14.5 | 部分农户未接入``)."""
    return got is not None and (got == usual or (got > usual and got - usual <= _OPTIONAL))


_OPTIONAL = frozenset({L.Column.NOTE, L.Column.REMARK})


def disputed(found: list[Grouping]) -> Grouping | None:
    """Readings that differ only in where the name ends and the target begins: the name and target
    as one span (first), the rest as they all read it; None when they differ elsewhere."""
    for p in range(1, found[0][-1][1]):
        tails = {tuple(s for s in g if s[0] >= p) for g in found}
        heads = [tuple(s for s in g if s[0] < p) for g in found]
        if len(tails) == 1 and all(len(h) == 2 and h[-1][1] == p for h in heads):
            return ((0, p), *next(iter(tails)))
    return None


def _usual(mappings: list[dict[L.Column, int] | None]) -> frozenset[L.Column] | None:
    """The columns most of the table's rows fill as their lines stand (None without a clear most),
    from each line's columns as it stands (``_mapping``)."""
    counts = Counter(frozenset(got) for got in mappings if got is not None)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _joined(cells: list[Cell], grouping: Grouping, unsure_first: bool) -> Iterator[Cell]:
    for n, (a, b) in enumerate(grouping):
        if b - a == 1 and not (unsure_first and n == 0):
            yield cells[a]
            continue
        first = cells[a]
        text = " ".join(c.text for c in cells[a:b])
        yield Cell(text, first.line, first.row, first.column, first.cell, first.page, first.sheet,
                   unsure=unsure_first and n == 0)  # fmt: skip


def rejoin(t: Table, start: int, cols: list[L.Column]) -> None:
    """Join back the pieces of the rows from ``start`` whose lines do not fill the usual columns."""
    lines = body_lines(t.cells, start)
    # each line fitted once, for the usual columns and for whether it stands: the joins go from the
    # end, so a line's cells are still as read here when the loop reaches it
    line_texts = [[c.text for c in t.cells[a:b]] for a, b in lines]
    mappings = [_mapping(texts, cols) for texts in line_texts]
    usual = _usual(mappings)
    if usual is None:
        return
    for (a, b), texts, got in zip(reversed(lines), reversed(line_texts), reversed(mappings), strict=True):
        if b - a > 2 * (len(cols) + 1) + t.settings.row_join_max:
            continue  # more pieces than two rows have cells: no join makes a row of them
        if _stands_as(texts, got, usual) or two_rows(texts, cols, usual) or label_like(t.cells[a]):
            continue
        found = readings(texts, cols, usual, t.settings.row_join_max)
        if not found:
            continue
        grouping = found[0] if len(found) == 1 else disputed(found)
        if grouping is not None:
            t.cells[a:b] = list(_joined(t.cells[a:b], grouping, len(found) > 1))
