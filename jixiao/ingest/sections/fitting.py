"""Rows checked against their table: which column order rows with no header fit, and whether
their weights can add up.

Text that lost its empty cells leaves a row short of values, and the values are matched to the
columns by what they look like: ``100 | 5`` after a split target is an actual and a weight, or a
weight and a score.  One row cannot tell; the table can.  Its indicator weights never add up to
more than the table's points (100), so a reading that makes them do is wrong, and the rows short
of values are read again with their values in the first columns they fit (the blank cells are
then the last ones: 得分, 原因).

A page that begins inside the table has no header: the layouts declare the column orders their
tables have (``indicators.orders``), and the order the rows fit best is taken.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from jixiao.ingest import labels as L
from jixiao.ingest.cells import Cell
from jixiao.ingest.sections.columns import align, fit
from jixiao.ingest.sections.rows import RowWalk, make_indicator
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.ingest.shapes import title_pattern, value_like
from jixiao.model.evaluation import Indicator
from jixiao.model.values import Op, parse_value
from jixiao.model.vocabulary import is_dash, is_grade_word


def row_fit(texts: Sequence[str], cols: Sequence[L.Column], settings: Settings = DEFAULT) -> int:
    """How well one row's values fit these columns: the match's score, or a penalty per value
    when they cannot be matched at all."""
    if not texts:
        return 0
    mapping = align(texts, cols)
    if mapping is None:
        return -settings.order_miss_penalty * len(texts)
    return sum(fit(col, texts[k]) or 0 for col, k in mapping.items())


def walk_fit(walk: RowWalk, settings: Settings = DEFAULT) -> int:
    """How well every row of a walk fits its columns; a row named by a figure (a row's weight and
    score read as a row of their own: too few columns) costs as a row that cannot be matched."""
    return sum(_named_fit([c.text for c in cells], walk.cols, settings) for cells in walk.row_cells)


def _named_fit(texts: Sequence[str], cols: Sequence[L.Column], settings: Settings) -> int:
    if texts and _figure(texts[0]):
        return -settings.order_miss_penalty * len(texts)
    return row_fit(texts[1:], cols, settings)


def left_mapping(texts: Sequence[str], cols: Sequence[L.Column]) -> dict[L.Column, int] | None:
    """Each value in the first column after the previous one that it fits: a short row whose
    blank cells are its last ones."""
    out: dict[L.Column, int] = {}
    j = 0
    for k, text in enumerate(texts):
        while j < len(cols) and fit(cols[j], text) is None:
            j += 1
        if j >= len(cols):
            return None
        out[cols[j]] = k
        j += 1
    return out


def _weights(rows: Sequence[Indicator]) -> Decimal:
    return sum((r.weight for r in rows if r.weight is not None), Decimal(0))


def realign_over_points(walk: RowWalk, settings: Settings = DEFAULT) -> None:
    """Rows short of values read again left to right when the weights add up to more than a
    table can have; kept only if the weights then fit."""
    rows = walk.rows
    if _weights(rows) <= settings.weight_max or walk.header_columns:
        return
    again = list(rows)
    for k, cells in enumerate(walk.row_cells[: len(rows)]):
        texts = [c.text for c in cells[1:]]
        if len(texts) >= len(walk.cols):
            continue
        mapping = left_mapping(texts, walk.cols)
        if mapping is not None:
            ind = make_indicator(cells, walk.cols, rows[k].level1, rows[k].level2, mapping=mapping)
            again[k] = ind if ind is not None else rows[k]
    if _weights(again) <= settings.weight_max:
        rows[:] = again


def headerless_rows(cells: Sequence[Cell], settings: Settings = DEFAULT) -> bool:
    """Rows of an indicator table with no header above them, and a 合计 / 总分 after them: several
    一级 / 二级 labels among many figures, or rows recognised by their values alone
    (``scored_rows``: the page begins below the rows that carried the level labels)."""
    total_at = next((i for i, c in enumerate(cells) if c.key in L.TOTAL), None)
    if total_at is None or any(c.key in L.LEVEL_HEADERS for c in cells[:total_at]):
        return False
    head = cells[past_titles(cells, 0) : total_at]
    levels = sum(1 for c in head if L.is_level1(c.text) or L.is_level2(c.text))
    figures = sum(1 for c in head if _figure(c.text) or quantity(c.text, settings))
    if levels >= settings.headerless_min_levels and figures >= settings.headerless_figure_share * len(head):
        return True
    return scored_rows(head, settings)


def past_titles(cells: Sequence[Cell], start: int) -> int:
    """The first cell from ``start`` that is no title: the page's heading above the rows, alone on
    its line, is no row (a row's name may name a form: 是否完成申报表中的数量 | 12)."""
    title = title_pattern()
    while start < len(cells) and title.search(cells[start].text) and _alone(cells, start):
        start += 1
    return start


def _alone(cells: Sequence[Cell], at: int) -> bool:
    line = cells[at].line_key
    return line is None or at + 1 >= len(cells) or cells[at + 1].line_key != line


def scored_rows(cells: Sequence[Cell], settings: Settings = DEFAULT) -> bool:
    """Cells that are nothing but indicator rows by their values: each row its level labels or
    none, a name (no label of the form), then values only (targets, actuals, a weight and its
    score: plain numbers, the score at most the weight), at least ``headerless_min_value_rows``;
    a few rows (``headerless_word_row_share``) may state a value in words (a narrative's do)."""
    rows: dict[int, list[Cell]] = {}
    for c in cells:
        rows.setdefault(c.row if c.row is not None else c.line or 0, []).append(c)
    if len(rows) < settings.headerless_min_value_rows:
        return False
    words = [_value_row([c.text.replace(" ", "") for c in row], settings) for row in rows.values()]
    if any(w is None for w in words):
        return False
    return sum(1 for w in words if w) <= settings.headerless_word_row_share * len(rows)


def _value_row(texts: list[str], settings: Settings) -> int | None:
    """How many of a row's values are written in words, or None for no indicator row."""
    while texts and (L.is_level1(texts[0]) or L.is_level2(texts[0])):
        texts = texts[1:]
    if len(texts) < settings.headerless_min_row_cells or L.known_label(texts[0]) or not _name(texts[0]):
        return None
    words = {t for t in texts[1:] if not _value(t)}
    if len(words) > settings.headerless_word_values or any(L.known_label(t) for t in words):
        return None
    weight, score = _plain(texts[-2]), _plain(texts[-1])
    if weight is None or score is None or Decimal(0) <= score <= weight <= settings.weight_max:
        return len(words)
    return None


def _value(text: str) -> bool:
    return _figure(text) or value_like(text)


def _name(text: str) -> bool:
    """An indicator's name: words however short (``资金拨付``), or a sentence with a figure in it
    (``缴费满15年的人数``), not a value standing alone — a grade word (``优``) is an actual's, as
    where a row's actual and weight wrap onto a line of their own."""
    t = text.replace(" ", "")
    if not t or _figure(t) or quantity(t) or is_dash(t) or is_grade_word(t):
        return False
    pv = parse_value(t)
    return pv.op is Op.QUALITATIVE or pv.embedded


def quantity(text: str, settings: Settings = DEFAULT) -> bool:
    """A short figure with its unit (``30万亩``, ``5元/人``): a target of a table
    that states targets only counts as a figure among its rows, an indicator's name does not."""
    t = text.replace(" ", "")
    if not 0 < len(t) <= settings.headerless_quantity_max_chars or not t[0].isdigit():
        return False
    return parse_value(t).op is not Op.QUALITATIVE


def _plain(text: str) -> Decimal | None:
    return Decimal(text) if text.replace(".", "", 1).isdigit() else None


def _figure(text: str) -> bool:
    s = text.replace(" ", "").rstrip("%")
    return s.replace(".", "", 1).isdigit() or s in ("=", "≥", "≤", ">", "<", "≧", "≦")
