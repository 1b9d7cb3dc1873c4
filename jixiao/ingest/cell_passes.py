"""Passes over a document's cell stream before its tables are found: a ``标签：值`` cell split
into label and value, a label wrapped over two or three cells joined again."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from jixiao.ingest import labels as L
from jixiao.ingest.cells import Cell
from jixiao.ingest.shapes import PLAIN_NUMBER, is_label
from jixiao.model.vocabulary import is_points_mark, vocabulary


def clear_caches() -> None:
    """Forget what was worked out from the label sets (the active layouts changed)."""
    for fn in (_wrapped, _wrapped3, _is_field_label, _amount_label, _joins):
        fn.cache_clear()


def split_label_values(cells: Sequence[Cell]) -> list[Cell]:
    """``项目名称：某项目`` in one cell becomes the label and the value, as two cells, when the
    part before the colon is a header field's label (so a sentence with a colon stays whole);
    ``年度金额(提前下达)：208万元`` too when the label is a funds amount's and the value a figure.
    A funds label may be completed by the cell before it, a heading over its part of the block
    (``资金使用情况(万元)`` | ``合计：109.8万元`` is the label ``资金使用情况(万元)合计``; the
    office readers hand on a merged ``合计：109.8万元`` already as ``合计`` | ``109.8万元``)."""
    texts = [c.text for c in cells]
    figures = [t.lstrip()[:1].isdigit() for t in texts]  # ``_is_figure`` of every cell at once
    figures.append(False)
    # only a cell with a colon, or one a figure follows, can change: the others are passed on as
    # slices, without a step of the loop each
    changing = [k for k, t in enumerate(texts) if figures[k + 1] or ":" in t or "：" in t]
    out: list[Cell] = []
    pos = 0
    for k in changing:
        out += cells[pos:k]
        pos = k + 1
        c = cells[k]
        before = out[-1].text if out and _beside(out[-1], c) else ""
        label, colon, value = c.text.partition(":") if ":" in c.text else c.text.partition("：")
        if colon and _is_field_value(value) and _is_field_label(label):
            out += _field_pairs(c, label + colon, value)
        elif colon and _is_figure(value) and (named := _amount_label(before, label)):
            out += _halves(c, named + colon, value)
        elif not colon and figures[k + 1] and before:
            named = _amount_label(before, c.text)
            out.append(c if named is None else Cell(named, c.line, c.row, c.column, c.cell, c.page, c.sheet))
        else:
            out.append(c)
    out += cells[pos:]
    return out


def _beside(before: Cell, c: Cell) -> bool:
    """Is ``before`` the cell to the left of ``c`` on its row (a grid's row, else a line of text)?"""
    if before.row is not None and c.row is not None:
        return (before.row, before.sheet, before.page) == (c.row, c.sheet, c.page)
    return before.line is not None and before.line == c.line


def _is_figure(text: str) -> bool:
    return text.strip()[:1].isdigit()


def _halves(c: Cell, label: str, value: str) -> list[Cell]:
    """The label and the value of one cell as two cells at the cell's place."""
    return [Cell(label, c.line, c.row, c.column, c.cell, c.page, c.sheet),
            Cell(value.strip(), c.line, c.row, c.column, c.cell, c.page, c.sheet)]  # fmt: skip


_NEXT_LABEL = re.compile(r"(?:^|\s)\s*([\u4e00-\u9fff][\u4e00-\u9fff()（）]{1,11})\s*([:：])")
"""A label and its colon after a space, where a further ``标签：值`` pair of one cell begins."""


def _field_pairs(c: Cell, label: str, value: str) -> list[Cell]:
    """The label and value of one cell, or of each pair when one line of text holds several
    (``项目名称：某项目    主管部门：某局    实施单位：某中心``): a value is cut where another header
    field's label and its colon follow a space (a space then another word and a colon stays)."""
    cuts = [m for m in _NEXT_LABEL.finditer(value) if _is_field_label(m.group(1))]
    out: list[Cell] = []
    at = 0
    for m in cuts:
        out += _halves(c, label, value[at : m.start()])
        label, at = m.group(1) + m.group(2), m.end()
    return out + _halves(c, label, value[at:])


@lru_cache(maxsize=16_384)
def _amount_label(before: str, label: str) -> str | None:
    """The funds label (a budget's or a use's, followed by its figure) that ``label`` is, alone
    or after the cell before it; None when it is neither."""
    if _is_amount(L.key(label)):
        return label
    return before + label if before and _is_amount(L.key(before + label)) else None


def _is_amount(k: str) -> bool:
    """A budget's or a use's label key (looked up in each set: no union made for every text)."""
    return k in L.BUDGET_LABELS or k in L.EXECUTED_LABELS


def _is_field_value(text: str) -> bool:
    """A field's value, not a sentence (the 填报说明's ``项目名称：填写预算批复的项目全称，…。``)."""
    s = text.strip()
    return bool(s) and not any(p in s for p in _SENTENCE_MARKS)


_SENTENCE_MARKS = ("。", ",", "，", ";", "；")


@lru_cache(maxsize=16_384)
def _is_field_label(text: str) -> bool:
    k = L.key(text)
    return any(k in fields for fields in (L.PROJECT_NAME, L.DEPARTMENT, L.IMPLEMENTING_UNIT, L.PROJECT_ATTRIBUTE,
                                          L.PROJECT_PERIOD))  # fmt: skip


def merge_wrapped(cells: Sequence[Cell]) -> list[Cell]:
    """Join a label that wrapped onto two or three cells: ``一级`` + ``指标``, ``年初`` +
    ``预算数``, ``可持续影`` + ``响指标``, ``服务对象`` + ``满意度指标``, ``满意度指标`` + ``(10分)``,
    ``偏差原因`` + ``分析及`` + ``改进措施``.

    A join is tested only where it could be a label (``_joins``): the tests of a join of two
    values, which no cache can serve, are so never made, and most cells are passed over."""
    joins = list(map(_joins, [c.text for c in cells]))
    out: list[Cell] = []
    pos, n = 0, len(cells)
    # the cells that could begin a label wrapped onto the cells after them: an opening piece, or a
    # cell a loose piece follows (within two) that does not shut its key (worked out for every
    # cell at once: no call per cell)
    loose = [j & _LOOSE for j in joins]
    loose.append(0)
    opening = [
        k
        for k in range(n - 1)
        if joins[k] & _OPENS or ((loose[k + 1] or loose[k + 2]) and not (joins[k] & _CLOSED and joins[k + 1] & _BOUND))
    ]  # (``_shut`` written out: asked of nearly every cell)
    for i in opening:
        if i < pos or not _below(cells[i], cells[i + 1]):
            continue
        span = _span(cells, joins, i)
        if span > 1:
            cur = cells[i]
            joined = "".join(c.text for c in cells[i : i + span])
            out.extend(cells[pos:i])
            out.append(Cell(joined, cur.line, cur.row, cur.column, cur.cell, cur.page, cur.sheet))
            pos = i + span
    out.extend(cells[pos:])
    return out


def _shut(joins: list[int], i: int) -> bool:
    """The cell at ``i`` begins no label and keeps its key's beginning whatever follows it."""
    return bool(joins[i] & _CLOSED and joins[i + 1] & _BOUND)


def _span(cells: Sequence[Cell], joins: list[int], i: int) -> int:
    """How many cells from ``i`` (which the next can continue) make one label: 3, 2 or 1."""
    a, b = cells[i], cells[i + 1]
    opens, wild = joins[i] & _OPENS, joins[i] & _OPENS and joins[i] & _WILD
    if i + 2 < len(cells):
        loose = (joins[i + 1] | joins[i + 2]) & _LOOSE and not _shut(joins, i)
        if (
            (loose or (opens and (wild or (joins[i + 1] & _INSIDE and joins[i + 2] & _CLOSES))))
            and _below(b, cells[i + 2])
            and _wrapped3(a.text, b.text, cells[i + 2].text)
        ):
            return 3
    loose = joins[i + 1] & _LOOSE and not _shut(joins, i)
    two = loose or (opens and (wild or joins[i + 1] & _CLOSES))
    return 2 if two and _wrapped(a.text, b.text) else 1


_OPENS, _INSIDE, _CLOSES, _WILD, _LOOSE, _CLOSED, _BOUND = 1, 2, 4, 8, 16, 32, 64
_ANY = _OPENS | _INSIDE | _CLOSES | _WILD | _LOOSE


@lru_cache(maxsize=65_536)
def _joins(text: str) -> int:
    """Where this text may stand in a label wrapped over cells: first (``_OPENS``), inside, last.

    A plain text (``labels.is_plain``) has its key as its own reading, and plain texts run together
    keep their keys run together when the later one begins with a character that composes with
    nothing before it (``_SEPARATE``): then a label made of them is made of pieces of a label
    (``labels.label_parts``).  Any other text may stand anywhere (``_ANY``), and whatever comes
    before it may make a label with it (``_LOOSE``: ``0`` + ``分`` is a points mark); so may a
    first piece of a label prefix (项目资金), which opens a label whatever follows it (``_WILD``).  A text that is not
    plain, followed by plain texts that begin with such characters, keeps its key before theirs: a
    label of them ends as a label does (or is a 项目资金… label).

    Whatever follows a plain text that begins no label, not even without a trailing figure
    (``_CLOSED``), the key of the two run together begins as its key does, when the later begins
    with a character that NFKC keeps and that composes with nothing (``_BOUND``): no label."""
    bound = _BOUND if _STABLE.match(text) else 0
    parts = L.label_parts()
    if parts is None:
        return _ANY | bound
    k = L.key(text)
    if not L.is_plain(text):  # its key, read with plain texts after it, is still where theirs begin
        return _ANY & ~_WILD | bound | (_WILD if L.opens_whatever_follows(k) else 0)
    bare = k.rstrip(L.FIGURE_CHARS)
    if not L.could_open_label(k):
        flags = _CLOSED if bare else 0
    elif L.opens_whatever_follows(k):
        flags = _OPENS | _WILD
    else:
        flags = _OPENS
    if not _SEPARATE.match(text):
        return flags | bound | _INSIDE | _CLOSES | _LOOSE
    if k in parts.middles:
        flags |= _INSIDE
    if k in parts.ends or not bare or bare in parts.ends:
        flags |= _CLOSES
    return flags | _BOUND


_SEPARATE = re.compile("[\u0000-\u02ff\u2000-\u20cf\u2100-\u2bff\u3000-\u3029\u4e00-\u9fff\uff00-\uffef]")
"""First characters that compose with nothing before them (no Unicode composition or reordering
takes them as a later part), so that NFKC texts run together before them stay NFKC."""
_STABLE = re.compile("[\u0020-\u007e\u4e00-\u9fff]")
"""First characters that NFKC keeps as they are and that compose with nothing before them."""


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
    if _figure(cur):
        # a figure wrapped before its points word (9.5 + 分) is one cell; before a label (10分 +
        # 一级指标 of a header printed again) it stays apart
        return nxt.strip() == vocabulary().points.word and not cur.strip().endswith(nxt.strip())
    if not is_label(joined):
        return False
    cur_label, nxt_label = is_label(cur), is_label(nxt)
    if L.key(nxt) in L.LABEL_TAILS:
        return True
    if not cur_label and not nxt_label:
        return True
    if not cur_label and len(L.key(cur)) <= 4 and _is_header(joined):
        return True  # 年初 + 预算数, 实际 + 完成值
    return not cur_label and len(L.key(cur)) <= 6 and L.is_level2(nxt) and L.is_level2(joined)  # 服务对象 + 满意度指标


def _figure(text: str) -> bool:
    """A number alone or with its points word (10, 9.5分): a row's 分值 or 得分, no piece of a label."""
    return bool(PLAIN_NUMBER.match(text.strip()))


@lru_cache(maxsize=65_536)
def _wrapped3(a: str, b: str, c: str) -> bool:
    if _figure(a) or _figure(b):
        return False  # a row's figures before a header printed again (10分 | 10分 | 一级指标)
    return not is_label(a) and not is_label(b) and _is_header(a + b + c) and len(L.key(a + b)) <= 8
