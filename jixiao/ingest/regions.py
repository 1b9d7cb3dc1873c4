"""Regions: where each table of a document's cell stream starts and ends, its title and its kind.

A table is found by its content (one per 项目名称, reaching back to its title and year); a
title with nothing readable after it is reported as ``UnreadTable`` rather than dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jixiao.ingest import labels as L
from jixiao.ingest.cells import Cell, same_line
from jixiao.ingest.sections.fitting import headerless_rows
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.ingest.shapes import is_label, title_pattern, year_pattern
from jixiao.model.evaluation import TableKind


def split_tables(cells: Sequence[Cell], settings: Settings = DEFAULT) -> list[tuple[int, int]]:
    """(start, end) of each table: one per 项目名称, reaching back to its title, year and unit
    line (``settings.table_back_cells`` before it).  Forms that write no 项目名称 (a Word file of
    several projects, each table under a heading naming it): one per 年度资金总额 when there are
    several, reaching back to the header fields above the funds (``_header_fields_start``)."""
    anchors = [i for i, c in enumerate(cells) if c.key in L.PROJECT_NAME and not _heads_a_list(cells, i)]
    by_funds = not anchors and sum(1 for c in cells if c.key in L.FUND_TOTAL) > 1
    if by_funds:
        anchors = [i for i, c in enumerate(cells) if c.key in L.FUND_TOTAL]
    if not anchors:
        if any(c.key in L.FUND_TOTAL or c.key in L.LEVEL_HEADERS for c in cells) or headerless_rows(cells):
            return [(0, len(cells))]
        return []
    spans = []
    previous_end = 0
    title, year, back_cells = title_pattern(), year_pattern(), settings.table_back_cells
    for n, anchor in enumerate(anchors):
        start = _header_fields_start(cells, previous_end, anchor) if by_funds else anchor
        for back in range(start - 1, max(previous_end, start - back_cells) - 1, -1):
            text = cells[back].text
            if title.search(text) or year.search(text) or any(m in text for m in L.YEAR_MARKS) or _unit_line(text):
                start = back
        end = anchors[n + 1] if n + 1 < len(anchors) else len(cells)
        spans.append((start, end))
        previous_end = anchor + 1
    # a table's end is the next one's start (its title belongs to the next table)
    out = [(s, spans[k + 1][0] if k + 1 < len(spans) else e) for k, (s, e) in enumerate(spans)]
    return leading_fragment(cells, out[0][0]) + out


def _header_fields_start(cells: Sequence[Cell], lo: int, anchor: int) -> int:
    """Where the header fields above a table's funds begin (主管部门, 实施单位, 项目资金（万元）):
    the first such label between the previous table's 总分 line (its figures included) and the
    funds at ``anchor``; the anchor itself when there is none."""
    ends = [k for k in range(lo, anchor) if cells[k].key in L.TOTAL]
    if ends:
        lo = next((k for k in range(ends[-1] + 1, anchor) if not same_line(cells[ends[-1]], cells[k])), anchor)
    fields = L.DEPARTMENT | L.IMPLEMENTING_UNIT
    return next((k for k in range(lo, anchor) if cells[k].key in fields or cells[k].key in L.FUND_HEADERS), anchor)


def _unit_line(text: str) -> bool:
    """A line stating the unit of the funds (单位：元): it belongs to the table below it."""
    return any(p.search(text) for p in L.FUND_UNIT_LINES)


def leading_fragment(cells: Sequence[Cell], first: int) -> list[tuple[int, int]]:
    """A page that begins inside a table (its indicator header and rows before the first
    项目名称): that part is a table of its own, not a preamble to pass over."""
    head = cells[:first]
    has_header = sum(1 for c in head if c.key in L.LEVEL_HEADERS) >= 2
    has_total = any(c.key in L.TOTAL for c in head)
    return [(0, first)] if has_total and (has_header or headerless_rows(head)) else []


def _heads_a_list(cells: Sequence[Cell], at: int) -> bool:
    """项目名称 as a column header of a list of tables (序号 | 项目名称 | 备注), not a form's field:
    a column header stands next to it."""
    near = [cells[k].key for k in (at - 1, at + 1) if 0 <= k < len(cells)]
    return any(k in L.INDICATOR_HEADERS or k in L.NUMBERING for k in near)


def kind_of(title: str) -> TableKind:
    if any(w in title for w in L.DEPARTMENT_OVERALL_TITLES):
        return TableKind.DEPARTMENT_OVERALL
    targets = any(w in title for w in L.TARGET_TITLES)
    if targets and not any(w in title for w in L.SELF_EVALUATION_TITLES):
        return TableKind.PERFORMANCE_TARGETS
    return TableKind.PROJECT_SELF_EVALUATION


def title_cell(cells: list[Cell], settings: Settings = DEFAULT) -> Cell | None:
    """The table's title (…自评表, …目标表, 评分表): the first one before its first label, so a
    web page's breadcrumb above it is passed over."""
    title = title_pattern()
    for c in cells[: settings.title_search_cells]:
        if is_label(c.text) or c.key in L.PROJECT_NAME:
            return None
        if title.search(c.text) and len(c.text) <= settings.title_max_chars:
            return c
    return None


def document_year(cells: Sequence[Cell], settings: Settings = DEFAULT) -> int | None:
    """The first year written as a title writes it, near the document's start."""
    year = year_pattern()
    for c in cells[: settings.title_search_cells]:
        m = None if names_a_document(c.text) else year.search(c.text)
        if m:
            return int(m.group(1))
    return None


_DOCUMENT_TITLE = re.compile(r"《[^》]{2,}》")


def document_title(cells: Sequence[Cell]) -> str | None:
    """The document's own title where the page names it (《某局2022年度自评表.docx》由会员分享)."""
    for c in cells[:_DOCUMENT_TITLE_CELLS]:
        m = _DOCUMENT_TITLE.search(c.text)
        if m:
            return m.group()[1:-1]
    return None


_DOCUMENT_TITLE_CELLS = 40
"""Cells at the top of a page searched for the document's own title."""


def names_a_document(text: str) -> bool:
    """A document-sharing page's line about the file (《某局2022年度自评表.docx》由会员分享): the
    year in the file's name is not the table's, whose own title may say another."""
    return _DOCUMENT_TITLE.search(text) is not None


class UnreadTable(UserWarning):
    """A table recognised by its title (…自评表, …目标表) with nothing after it that could be
    read: reported by name rather than dropped without a word."""


def unread_titles(cells: Sequence[Cell], spans: list[tuple[int, int]], settings: Settings = DEFAULT) -> list[Cell]:
    """Titles neither inside a table that was read nor just above one (within
    ``settings.unread_title_reach`` cells)."""
    out = []
    title, reach = title_pattern(), settings.unread_title_reach
    for i, c in enumerate(cells):
        if len(c.text) > settings.unread_title_max_chars or not title.search(c.text):
            continue
        if not any(s - reach <= i < e for s, e in spans):
            out.append(c)
    return out
