"""The stated total and grade: the 总分 row (by the grid's 分值 and 得分 columns where there is
one), or a 区域 form's 自评得分 near the top."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest import labels as L
from jixiao.ingest import messages
from jixiao.ingest.cells import Cell, same_line
from jixiao.ingest.shapes import PLAIN_NUMBER
from jixiao.ingest.table import Table, cells_of_row, refused_number
from jixiao.model.evaluation import Location
from jixiao.model.values import parse_decimal
from jixiao.model.vocabulary import is_grade_word

WEIGHT_SUM_PATH = "total_weight_stated"
"""The 总分 row's 分值合计: checked against the weights, not kept, so named by this path alone."""


def self_score(t: Table) -> tuple[Decimal | None, Location | None]:
    """区域 forms state the total beside 自评得分 near the top, with no 总分 row: the first
    score-like figure in the next few cells (the label's merged cell spans their row); or on a
    自评得分 line closing the table (``closing_self_score``).  A label followed on its own line by
    another word is a column's header (a list of projects: 自评得分 | 自评等级), stating no total."""
    at = t.find(L.SELF_SCORE, 0, t.indicator_header())
    if at is None:
        closing = closing_self_score(t)
        return (None, None) if closing is None else (closing[1], t.cells[closing[2]].location())
    label = t.cells[at]
    for c in t.cells[at + 1 : at + 1 + t.settings.self_score_cells]:
        number = PLAIN_NUMBER.match(c.text.replace(" ", ""))
        if not number and same_line(label, c):
            return None, None  # 自评得分 | 自评等级 | …: a column header among others (a summary list)
        if number:
            score = parse_decimal(c.text)
            if score is not None and score <= 100:
                return score, c.location()
    return None, None


def closing_self_score(t: Table) -> tuple[int, Decimal, int] | None:
    """A 区域 form closing with a 自评得分 line after its indicator rows (自评得分 | 93.5): (the
    label's cell, the score, the score's cell) — the label opening its line and the score on that
    line (a 自评得分 column's header stands after other headers, and its rows' figures on lines of
    their own), or None."""
    header = t.indicator_header()
    if header is None:
        return None
    for i in range(header + 1, len(t.cells)):
        c = t.cells[i]
        if c.key not in L.SELF_SCORE or same_line(t.cells[i - 1], c):
            continue
        for k in range(i + 1, min(i + 1 + t.settings.self_score_cells, len(t.cells))):
            n = t.cells[k]
            if not same_line(c, n):
                break
            score = parse_decimal(n.text) if PLAIN_NUMBER.match(n.text.replace(" ", "")) else None
            if score is not None and score <= t.settings.weight_max:
                return i, score, k
    return None


def total_after(t: Table, at: int) -> tuple[Decimal | None, str | None]:
    for j in range(at, min(at + t.settings.total_reach, len(t.cells))):
        if t.cells[j].key in L.TOTAL:
            t.weight_sum, score, grade = total(t, j)
            t.provenance["total_score_stated"] = t.cells[j].location()
            return score, grade
    return None, None


def grade_after(t: Table, at: int) -> str | None:
    """The grade stated under its own label in the cells after the 总分 row at ``at`` (评价等级 |
    优), the word right after the label and last on its line; None when no grade label is there."""
    reach = t.cells[at + 1 : at + 1 + t.settings.grade_label_cells + 1]
    for k, c in enumerate(reach[:-1]):
        if c.key in L.GRADE_LABELS:
            word, after = reach[k + 1], reach[k + 2] if k + 2 < len(reach) else None
            if after is not None and same_line(word, after):
                return None  # 评价等级 | 优 | 良 | 中 | 差, 等级 | 优 | 90分以上: a legend, not a grade
            return word.text.strip() if is_grade_word(word.text.strip()) else None
    return None


def _total_by_column(t: Table, at: int) -> tuple[Decimal | None, Decimal | None, str | None] | None:
    """On a grid, the 总分 row's figures sit under the 分值 and 得分 headers (text — a paragraph of a
    web page too, a row without column — has its figures read in order)."""
    weight_col = t.header_columns.get(L.Column.WEIGHT)
    score_col = t.header_columns.get(L.Column.SCORE)
    recheck_col = t.header_columns.get(L.Column.RECHECK)
    if t.cells[at].row is None or t.cells[at].column is None or score_col is None:
        return None
    weight = score = None
    grade = None
    for c in cells_of_row(t.cells, at, t.settings.row_cells_ahead):
        if is_grade_word(c.text):
            grade = c.text.strip()
        elif c.column == score_col:
            score = parse_decimal(c.text)
            t.refused(c, "total_score_stated", messages.FIGURE_NAMES["total_score_stated"])
        elif c.column == weight_col:
            weight = parse_decimal(c.text)
            t.refused(c, WEIGHT_SUM_PATH, messages.FIGURE_NAMES[WEIGHT_SUM_PATH])
        elif c.column == recheck_col and recheck_col is not None:
            t.recheck_total = parse_decimal(c.text)
            t.provenance["recheck_total_stated"] = c.location()
            t.refused(c, "recheck_total_stated", messages.FIGURE_NAMES["recheck_total_stated"])
    return weight, score, grade


def total(t: Table, at: int) -> tuple[Decimal | None, Decimal | None, str | None]:
    """总分 row: weight sum and score, or the score alone; a lone number under 合计 is the
    weight sum (the 得分 cell left blank)."""
    by_column = _total_by_column(t, at)
    if by_column is not None:
        return by_column
    numbers, grade = _figures(t, at)
    if len(numbers) >= 2:
        return numbers[0], numbers[1], grade
    if len(numbers) == 1:
        if t.cells[at].key in L.WEIGHT_SUMS:
            return numbers[0], None, grade
        if t.cells[at].key not in L.SCORE_TOTALS and grade is None:  # a grade beside it: the score's
            t.lone_total = numbers[0]
        return None, numbers[0], grade
    return None, None, grade


def _figures(t: Table, at: int) -> tuple[list[Decimal | None], str | None]:
    """The 总分 row's figures up to its grade, a refused number an empty figure in its place; each
    refused one is a doubt on the field its place gives it (weight sum then total, or the lone
    figure's), known only once the row's figures are counted."""
    numbers: list[Decimal | None] = []
    refused: list[tuple[int, Cell]] = []
    grade = None
    for c in t.cells[at + 1 : at + 1 + t.settings.total_figure_cells]:
        text = c.text.strip()
        if is_grade_word(text):
            grade = text
            break
        d = parse_decimal(text) if PLAIN_NUMBER.match(text.replace(" ", "")) else None
        if d is None and refused_number(c.text) is None:
            break
        if d is None:
            refused.append((len(numbers), c))
        numbers.append(d)
    lone = WEIGHT_SUM_PATH if t.cells[at].key in L.WEIGHT_SUMS else "total_score_stated"
    paths = (WEIGHT_SUM_PATH, "total_score_stated") if len(numbers) >= 2 else (lone,)
    for place, c in refused:
        if place < len(paths):  # a figure past the second is not read, refused or not
            t.refused(c, paths[place], row=t.cells[at].text)
    return numbers, grade
