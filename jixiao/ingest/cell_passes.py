"""Passes over a document's cell stream before its tables are found: a ``标签：值`` cell split
into label and value, a label wrapped over two or three cells joined again."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from unicodedata import is_normalized

from jixiao.ingest import labels as L
from jixiao.ingest.cells import Cell
from jixiao.ingest.shapes import is_label
from jixiao.model.vocabulary import is_points_mark


def clear_caches() -> None:
    """Forget what was worked out from the label sets (the active layouts changed)."""
    for fn in (_wrapped, _wrapped3, _is_field_label):
        fn.cache_clear()


def split_label_values(cells: Sequence[Cell]) -> list[Cell]:
    """``项目名称：某项目`` in one cell becomes the label and the value, as two cells, when the
    part before the colon is a header field's label (so a sentence with a colon stays whole)."""
    out: list[Cell] = []
    for c in cells:
        label, colon, value = c.text.partition(":") if ":" in c.text else c.text.partition("：")
        if colon and _is_field_value(value) and _is_field_label(label):
            out.append(Cell(label + colon, c.line, c.row, c.column, c.cell, c.page, c.sheet))
            out.append(Cell(value.strip(), c.line, c.row, c.column, c.cell, c.page, c.sheet))
        else:
            out.append(c)
    return out


def _is_field_value(text: str) -> bool:
    """A field's value, not a sentence (the 填报说明's ``项目名称：填写预算批复的项目全称，…。``)."""
    s = text.strip()
    return bool(s) and not any(p in s for p in _SENTENCE_MARKS)


_SENTENCE_MARKS = ("。", ",", "，", ";", "；")


@lru_cache(maxsize=16_384)
def _is_field_label(text: str) -> bool:
    k = L.key(text)
    fields = L.PROJECT_NAME | L.DEPARTMENT | L.IMPLEMENTING_UNIT | L.PROJECT_ATTRIBUTE | L.PROJECT_PERIOD
    return k in fields


def merge_wrapped(cells: Sequence[Cell]) -> list[Cell]:
    """Join a label that wrapped onto two or three cells: ``一级`` + ``指标``, ``年初`` +
    ``预算数``, ``可持续影`` + ``响指标``, ``服务对象`` + ``满意度指标``, ``满意度指标`` + ``(10分)``,
    ``偏差原因`` + ``分析及`` + ``改进措施``.

    A join is tested only where it could be a label: plain texts (``labels.is_plain``) run
    together, the first opening no label (``labels.label_initials``), are certainly none, and
    neither ``_wrapped`` nor ``_wrapped3`` can hold for them (each needs the join to be a label
    or a header, or the second text to be a points mark, which a plain text is not).  The tests
    of a join of two values, which no cache can serve, are so never made."""
    plain = [L.is_plain(c.text) for c in cells]
    initials = L.label_initials()
    closed = [p and initials is not None and c.key[0] not in initials for p, c in zip(plain, cells, strict=True)]
    out: list[Cell] = []
    i, n = 0, len(cells)
    while i < n:
        cur = cells[i]
        span = 1
        if i + 1 < n and _below(cur, cells[i + 1]):
            a, b = cur.text, cells[i + 1].text
            shut = closed[i] and plain[i + 1]
            if (
                i + 2 < n
                and _below(cells[i + 1], cells[i + 2])
                and not (shut and plain[i + 2] and is_normalized("NFKC", a + b + cells[i + 2].text))
                and _wrapped3(a, b, cells[i + 2].text)
            ):
                span = 3
            elif not (shut and is_normalized("NFKC", a + b)) and _wrapped(a, b):
                span = 2
        if span > 1:
            joined = "".join(c.text for c in cells[i : i + span])
            out.append(Cell(joined, cur.line, cur.row, cur.column, cur.cell, cur.page, cur.sheet))
        else:
            out.append(cur)
        i += span
    return out


def _below(cell: Cell, nxt: Cell) -> bool:
    """Can ``nxt`` continue this cell?  In text any next cell can; in a grid only the cell under
    it (a label typed over two rows of one column), never the next cell of a row."""
    if cell.column is None or nxt.column is None:
        return cell.column is None and nxt.column is None
    return nxt.column == cell.column and cell.row is not None and nxt.row == cell.row + 1 and nxt.sheet == cell.sheet


def _is_header(text: str) -> bool:
    k = L.key(text)
    return k in L.INDICATOR_HEADERS or k in L.FUND_HEADERS or k in L.LEVEL_HEADERS


@lru_cache(maxsize=65_536)
def _wrapped(cur: str, nxt: str) -> bool:
    joined = cur + nxt
    if is_points_mark(nxt) and L.is_level1(cur) and not is_points_mark(cur):
        return True  # 满意度指标 + (10分), 产出指标 + (50)
    if not is_label(joined):
        return False
    cur_label, nxt_label = is_label(cur), is_label(nxt)
    if L.key(nxt) in L.LABEL_TAILS:
        return True
    if not cur_label and not nxt_label:
        return True
    if not cur_label and len(L.key(cur)) <= 4 and _is_header(joined):
        return True  # 年初 + 预算数, 实际 + 完成值
    return not cur_label and len(L.key(cur)) <= 6 and L.is_level2(nxt) and L.is_level2(joined)


@lru_cache(maxsize=65_536)
def _wrapped3(a: str, b: str, c: str) -> bool:
    return not is_label(a) and not is_label(b) and _is_header(a + b + c) and len(L.key(a + b)) <= 8
