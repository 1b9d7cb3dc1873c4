"""From a stream of cells to evaluations: find each table by its labels and read its parts.

The order of cells survives every layout, so the extractor reads a table as a reader would:
the cell after 项目名称 is the project name, the numbers after 年度资金总额 are the funds in the
order of the header above them, and each indicator row is a name followed by values that are
matched to the header's columns by what they look like (a weight is a plain number, a unit is
a short word).  Nothing is taken from a cell's position on the page.

The stages: ``cell_passes`` (labels split and joined) → ``regions`` (where each table is, its
title and kind) → ``sections`` (each part read from a ``Table``) → here, the ``Evaluation``.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from decimal import Decimal

from jixiao.ingest import arithmetic, cell_passes, glued_rows, messages, ocr, shapes, unglue
from jixiao.ingest import cells as text_cells
from jixiao.ingest import labels as L
from jixiao.ingest.cell_passes import merge_wrapped, split_label_values
from jixiao.ingest.cells import Cell
from jixiao.ingest.column_runs import unplaced_doubts
from jixiao.ingest.header_rows import lift_subheaders
from jixiao.ingest.preview_check import vet
from jixiao.ingest.regions import (
    UnreadTable,
    document_title,
    document_year,
    kind_of,
    leading_fragment,
    split_tables,
    unread_titles,
)
from jixiao.ingest.regions import title_cell as find_title
from jixiao.ingest.sections import columns as column_match
from jixiao.ingest.sections import fund_unit, lone_figures, lost_points, refused, rows, total_check, usual_rows
from jixiao.ingest.sections.funds import funds as read_funds
from jixiao.ingest.sections.goals import goals
from jixiao.ingest.sections.header import field_by_words, project_in_title, year
from jixiao.ingest.sections.indicators import indicators as read_indicators
from jixiao.ingest.sections.scoring_sheet import framework_rows, read_scoring_sheet
from jixiao.ingest.sections.totals import closing_self_score, grade_after, self_score
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.ingest.table import Table
from jixiao.model.evaluation import Evaluation, Indicator, Source, TableKind

__all__ = ["UnreadTable", "clear_caches", "extract", "extract_table"]


def clear_caches() -> None:
    """Forget what every stage worked out from the label sets (the active layouts changed)."""
    for module in (shapes, cell_passes, column_match, rows, text_cells, glued_rows, arithmetic, ocr, unglue, fund_unit,
                   usual_rows):  # fmt: skip
        module.clear_caches()


def _reason_section(cells: list[Cell], columns: list[L.Column]) -> list[str]:
    """A form that asks for the deviation reasons in a section of its own after the rows
    (偏差大或目标未完成原因分析) and leaves it empty has a place for them as a column would:
    ``deviation_note`` (its rows' reasons are then missing; a filled section gives them)."""
    if L.Column.NOTE in columns:
        return []
    sections = tuple(L.REASON_SECTIONS)
    for k, c in enumerate(cells):
        if not c.key.startswith(sections) or c.key in L.INDICATOR_HEADERS:
            continue
        section = next(s for s in sections if c.key.startswith(s))
        following = c.key[len(section) :] or (cells[k + 1].key if k + 1 < len(cells) else "")
        if not following or following.startswith(tuple(L.TABLE_END)):
            return [L.Column.NOTE.value]
    return []


def _cut_off(kind: TableKind, cells: list[Cell], indicators: list[Indicator], total: Decimal | None) -> bool:
    """Does the source end inside the table?

    A self-evaluation ends with its 总分 line.  A target form (申报表, 批复表) has no total: it
    is whole when a 满意度 row or the form's footer (signatures, a web page's footer) is there.
    """
    if kind is TableKind.PERFORMANCE_TARGETS:
        last = (indicators[-1].level1 or "") + (indicators[-1].level2 or "") if indicators else ""
        closed = bool(indicators) and any(w in last for w in L.CLOSING_ROWS)
        return not closed and not any(m in c.key for c in cells for m in L.FORM_END)
    return total is None and not any(c.key in L.TOTAL for c in cells)


def extract_table(
    cells: list[Cell],
    file: str,
    table: int,
    document_year: int | None,
    settings: Settings = DEFAULT,
    document: str | None = None,
) -> Evaluation:
    """Read one table's cells into an evaluation (stated values only; nothing is scored here)."""
    t = Table(cells, file, table, settings=settings)
    title_cell = find_title(cells, settings)
    kind = kind_of(" ".join(c.text for c in cells[:4]) if title_cell is None else title_cell.text)
    funds, rate, exec_weight, exec_score = read_funds(t, kind)
    indicators, columns, total_score, grade = read_indicators(t)
    indicators, total_score = _checked(t, indicators, columns, (exec_weight, exec_score, total_score))
    truncated = _cut_off(kind, cells, indicators, total_score)  # a 自评得分 at the top does not close the table
    total_score, grade = (total_score, grade) if total_score is not None else _self_score(t, grade)
    kind, project = _kind_and_project(t, kind, indicators)
    items, subtotals, sheet_total, sheet_grade, sheet_recheck, sheet_doubts = read_scoring_sheet(cells, settings)
    t.doubts.extend([*sheet_doubts, *unplaced_doubts(cells)])
    if items:
        total_score = total_score if total_score is not None else sheet_total
        grade = grade or sheet_grade
    return Evaluation(
        kind=kind,
        year=year(t, document_year),
        project_name=project,
        department=t.first_value(L.DEPARTMENT_ORDER, "department") or field_by_words(t, "department"),
        implementing_unit=t.value_after(L.IMPLEMENTING_UNIT, "implementing_unit")
        or field_by_words(t, "implementing_unit"),
        project_attribute=t.value_after(L.PROJECT_ATTRIBUTE, "project_attribute"),
        project_period=t.value_after(L.PROJECT_PERIOD, "project_period"),
        funds=funds,
        execution_rate_stated=rate,
        execution_weight=exec_weight,
        execution_score_stated=exec_score,
        goals=goals(t),
        indicators=indicators,
        columns=[c.value for c in columns] + _reason_section(cells, columns),
        scoring_items=items,
        subtotals_stated=subtotals,
        total_score_stated=total_score,
        recheck_total_stated=t.recheck_total if t.recheck_total is not None else sheet_recheck,
        grade_stated=grade,
        source=_source(cells, file, table, title_cell, document),
        truncated=truncated,
        provenance=t.provenance,
        doubts=t.doubts,
    )


def _kind_and_project(t: Table, kind: TableKind, indicators: list[Indicator]) -> tuple[TableKind, str | None]:
    """Rows under the framework's own 一级 (投入, 过程, 决策) in a table of no stated project are a
    部门整体 评分表 with no title; with a 项目名称 they are a project's key evaluation 评分表.  A
    project table not naming its project may name it in its title."""
    project = t.value_after(L.PROJECT_NAME, "project_name")
    if kind is TableKind.PROJECT_SELF_EVALUATION and project is None and framework_rows(indicators):
        kind = TableKind.DEPARTMENT_OVERALL
    if project is None and kind is not TableKind.DEPARTMENT_OVERALL:
        project = project_in_title(t)
    return kind, project


def _checked(
    t: Table, indicators: list[Indicator], columns: list[L.Column], figures: tuple[Decimal | None, ...]
) -> tuple[list[Indicator], Decimal | None]:
    """The rows and the stated total checked by the table's own arithmetic: figures no table holds,
    lone figures (weights or scores), a lone 总分 figure (the total or the weights' sum)."""
    exec_weight, exec_score, total_score = figures
    refused.refused_figures(t, indicators)
    indicators = lone_figures.targets_only(indicators)
    indicators, total_score = lone_figures.settle(t, indicators, columns, (exec_weight, exec_score, total_score))
    indicators = lost_points.restore(t, indicators, exec_score, total_score)
    return indicators, total_check.settle(t, total_score, indicators, exec_weight, exec_score)


def _self_score(t: Table, grade: str | None) -> tuple[Decimal | None, str | None]:
    """A 区域 form's 自评得分 near the top, or on a line closing the table with its grade after it
    (自评等级 | 优), for a table with no 总分 row."""
    score, where = self_score(t)
    if where is not None:
        t.provenance["total_score_stated"] = where
    closing = closing_self_score(t) if grade is None and score is not None else None
    return score, (grade if closing is None else grade_after(t, closing[2]))


def _source(cells: list[Cell], file: str, table: int, title_cell: Cell | None, document: str | None) -> Source:
    """Where the table was read: its file, number, title (or first cell) and the document's own title."""
    first = title_cell or (cells[0] if cells else None)
    return Source(
        file=file,
        table=table,
        title=first.text if first else None,
        location=first.location() if first else None,
        document_title=document,
    )


def extract(cells: Sequence[Cell], file: str, settings: Settings = DEFAULT) -> list[Evaluation]:
    """Every table in a document's cells, in order.  A titled table that cannot be read is
    reported as an ``UnreadTable`` warning naming it and where it is.  Where some cells were cut
    out of a preview's page (``Cell.preview``), the tables' rows are kept only as the table's
    arithmetic vouches for them (``preview_check.vet``)."""
    found = _extract(cells, file, settings)
    return [vet(ev, settings) for ev in found] if any(c.preview for c in cells) else found


def _extract(cells: Sequence[Cell], file: str, settings: Settings = DEFAULT) -> list[Evaluation]:
    merged = merge_wrapped(split_label_values(ocr.repair_cells(list(cells))))
    merged = lift_subheaders(merged, settings.header_word_max_chars)
    year = document_year(merged, settings)
    spans = split_tables(merged, settings)
    for title in unread_titles(merged, spans, settings):
        where = title.location().place()
        warnings.warn(
            UnreadTable(messages.unread_table(file, where, title.text)),
            stacklevel=2,
        )
    fragment = leading_fragment(merged, spans[1][0]) if len(spans) > 1 else []
    document = document_title(merged)
    found = [  # a page that begins inside a table: the year of the next table's title is not its year
        extract_table(merged[s:e], file, n, None if (s, e) in fragment else year, settings, document)
        for n, (s, e) in enumerate(spans, start=1)
    ]
    return _without_empty(found, file)


def _without_empty(found: list[Evaluation], file: str) -> list[Evaluation]:
    """A document's tables less those of which nothing but the kind and year was read, each of
    those reported as an ``UnreadTable`` warning (the others numbered again): a list of projects
    (汇总表: 序号 | 项目名称 | … | 自评得分, one project a line) is no evaluation, and counted as one
    it would make a batch hold a project more than there are."""
    kept = [ev for ev in found if not _nothing_read(ev)]
    if len(kept) == len(found):
        return found
    for ev in found:
        if _nothing_read(ev) and ev.source is not None:
            where = ev.source.location.place() if ev.source.location else ""
            warnings.warn(UnreadTable(messages.unread_table(file, where, ev.source.title or "")), stacklevel=3)
    return [ev.model_copy(update={"source": _numbered(ev.source, n)}) for n, ev in enumerate(kept, 1)]


_READ_FIELDS = (
    "project_name", "department", "implementing_unit", "funds", "execution_rate_stated", "execution_weight",
    "execution_score_stated", "total_score_stated", "grade_stated", "goals", "indicators", "scoring_items",
)  # fmt: skip
"""What a table states beyond its kind and year: a table of none of them read nothing."""


def _nothing_read(ev: Evaluation) -> bool:
    return not any(getattr(ev, name) for name in _READ_FIELDS)


def _numbered(source: Source | None, n: int) -> Source | None:
    return source.model_copy(update={"table": n}) if source is not None else None
