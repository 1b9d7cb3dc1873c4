"""Regions: where each table of a document's cell stream starts and ends, its title and its kind.

A table is found by its content (one per 项目名称, reaching back to its title and year); a
title with nothing readable after it is reported as ``UnreadTable`` rather than dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jixiao.ingest import labels as L
from jixiao.ingest.cells import Cell
from jixiao.ingest.shapes import TITLE, YEAR, is_label
from jixiao.model.evaluation import TableKind


def split_tables(cells: Sequence[Cell]) -> list[tuple[int, int]]:
    """(start, end) of each table: one per 项目名称, reaching back to its title and year."""
    anchors = [i for i, c in enumerate(cells) if c.key in L.PROJECT_NAME and not _heads_a_list(cells, i)]
    if not anchors:
        if any(c.key in L.FUND_TOTAL or c.key in L.LEVEL_HEADERS for c in cells):
            return [(0, len(cells))]
        return []
    spans = []
    previous_end = 0
    for n, anchor in enumerate(anchors):
        start = anchor
        for back in range(anchor - 1, max(previous_end, anchor - 6) - 1, -1):
            text = cells[back].text
            if TITLE.search(text) or YEAR.search(text) or "年度)" in text:
                start = back
        end = anchors[n + 1] if n + 1 < len(anchors) else len(cells)
        spans.append((start, end))
        previous_end = anchor + 1
    # a table's end is the next one's start (its title belongs to the next table)
    out = [(s, spans[k + 1][0] if k + 1 < len(spans) else e) for k, (s, e) in enumerate(spans)]
    return _leading_fragment(cells, out[0][0]) + out


def _leading_fragment(cells: Sequence[Cell], first: int) -> list[tuple[int, int]]:
    """A page that begins inside a table (its indicator header and rows before the first
    项目名称): that part is a table of its own, not a preamble to pass over."""
    head = cells[:first]
    has_header = sum(1 for c in head if c.key in L.LEVEL_HEADERS) >= 2
    has_total = any(c.key in L.TOTAL for c in head)
    return [(0, first)] if has_header and has_total else []


def _heads_a_list(cells: Sequence[Cell], at: int) -> bool:
    """项目名称 as a column header of a list of tables (序号 | 项目名称 | 备注), not a form's field:
    a column header stands next to it."""
    near = [cells[k].key for k in (at - 1, at + 1) if 0 <= k < len(cells)]
    return any(k in L.INDICATOR_HEADERS or k in L.NUMBERING for k in near)


def kind_of(title: str) -> TableKind:
    if "部门整体" in title:
        return TableKind.DEPARTMENT_OVERALL
    if re.search(r"目标(申报|批复)表|目标表|申报表|批复表", title) and "自评" not in title:
        return TableKind.PERFORMANCE_TARGETS
    return TableKind.PROJECT_SELF_EVALUATION


def title_cell(cells: list[Cell]) -> Cell | None:
    """The table's title (…自评表, …目标表, 评分表): the first one before its first label, so a
    web page's breadcrumb above it is passed over."""
    for c in cells[:40]:
        if is_label(c.text) or c.key in L.PROJECT_NAME:
            return None
        if TITLE.search(c.text) and len(c.text) <= 60:
            return c
    return None


def document_year(cells: Sequence[Cell]) -> int | None:
    for c in cells[:40]:
        m = YEAR.search(c.text)
        if m:
            return int(m.group(1))
    return None


class UnreadTable(UserWarning):
    """A table recognised by its title (…自评表, …目标表) with nothing after it that could be
    read: reported by name rather than dropped without a word."""


def unread_titles(cells: Sequence[Cell], spans: list[tuple[int, int]]) -> list[Cell]:
    """Titles neither inside a table that was read nor just above one."""
    out = []
    for i, c in enumerate(cells):
        if len(c.text) > 40 or not TITLE.search(c.text):
            continue
        if not any(s - 20 <= i < e for s, e in spans):
            out.append(c)
    return out
