"""The 部门整体 评分表 (投入/过程/产出/效果): its items with weight and score (and 复核得分 where
the sheet has that column), the 一级 subtotals, the 综合得分 and the grade."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from jixiao.ingest import labels as L
from jixiao.ingest import messages
from jixiao.ingest.cells import Cell
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.ingest.shapes import PLAIN_NUMBER
from jixiao.ingest.table import refused_number
from jixiao.model.evaluation import Doubt, Indicator, ScoringItem, Subtotal
from jixiao.model.values import parse_decimal
from jixiao.model.vocabulary import dimension_of_level1, is_grade_word, level_name


class Sheet(NamedTuple):
    """What a 评分表 states."""

    items: list[ScoringItem]
    subtotals: list[Subtotal]
    total: Decimal | None
    grade: str | None
    recheck_total: Decimal | None = None
    """The 综合得分 line's 复核得分, where the sheet has that column."""
    doubts: tuple[Doubt, ...] = ()
    """Figures the value parser refused (``1e400``, 20 digits), each left empty and named here."""


def read_scoring_sheet(cells: list[Cell], settings: Settings = DEFAULT) -> Sheet:
    """The 投入/过程/产出/效果 评分表: ``投入: 20 19.80``, then 二级 names and ``item 3 3.00`` lines,
    ``综合得分: 100 99.80`` and ``评价结果等次: 优``; with a 复核得分 column in its header, each line's
    third figure is the reviewer's (``item 3 3.00 2.50``), kept beside the stated score."""
    start = next((i for i, c in enumerate(cells) if c.key in L.SCORING_SHEET), None)
    if start is None:
        return Sheet([], [], None, None)
    sheet = _ScoringSheet(cells, settings, 3 if _has_recheck(cells, start) else 2)
    i = _first_line(cells, start)
    while i < len(cells) and not _ends_scoring_sheet(cells[i].key):
        i = sheet.step(i)
    return Sheet(sheet.items, sheet.subtotals, sheet.total, sheet.grade, sheet.recheck_total, tuple(sheet.doubts))


def _first_line(cells: list[Cell], label: int) -> int:
    """Where the sheet's lines begin: after its label — or, where a PDF prints the label merged
    down the sheet's rows in their middle (评分表 beside an item), at the sheet's first 一级 after
    its header row (二级指标 …) in the lines just before the label, back to the table above's end."""
    j = label
    while j > 0 and not L.ends_table(cells[j - 1].text) and cells[j - 1].key not in L.SCORING_SHEET:
        j -= 1
    first = next((k for k in range(j, label) if cells[k].key in L.FRAMEWORK_LEVEL1), None)
    if first is not None and any(_heads(c) for c in cells[j:first]):
        return first
    return label + 1


def _heads(cell: Cell) -> bool:
    """A header cell of a sheet's columns (三级指标, 指标分值, 评价得分)."""
    return cell.key in L.LEVEL_HEADERS or cell.key in L.INDICATOR_HEADERS


def _has_recheck(cells: list[Cell], start: int) -> bool:
    """A 复核得分 header between the sheet's label and its first 一级 (投入)."""
    for c in cells[start + 1 :]:
        if c.key in L.FRAMEWORK_LEVEL1:
            return False
        if L.INDICATOR_HEADERS.get(c.key) is L.Column.RECHECK:
            return True
    return False


def _ends_scoring_sheet(k: str) -> bool:
    return k.startswith(L.SHEET_END)


@dataclass
class _ScoringSheet:
    """The state of reading a 评分表: the 一级 / 二级 in force and what was read."""

    cells: list[Cell]
    settings: Settings = DEFAULT
    figures: int = 2
    """Figures of a line: weight and score, and the 复核得分 where the sheet has the column."""
    items: list[ScoringItem] = field(default_factory=list)
    subtotals: list[Subtotal] = field(default_factory=list)
    total: Decimal | None = None
    grade: str | None = None
    recheck_total: Decimal | None = None
    level1: str | None = None
    level2: str | None = None
    pending: list[int] = field(default_factory=list)
    """Items of the group read before its 二级 label (a centred merged cell)."""
    doubts: list[Doubt] = field(default_factory=list)
    refused: list[tuple[int, Cell]] = field(default_factory=list)
    """The figures of the line last read that the value parser refused: (place, cell)."""

    def numbers(self, at: int) -> list[Decimal | None]:
        """The figures after ``at`` (up to ``figures``); one over ``settings.points_max`` is no
        weight or score of a sheet; one the value parser refuses is an empty figure in its place."""
        out: list[Decimal | None] = []
        self.refused = []
        for c in self.cells[at + 1 : at + 1 + self.figures]:
            d = parse_decimal(c.text) if PLAIN_NUMBER.match(c.text.replace(" ", "")) else None
            if d is None and refused_number(c.text) is not None:
                self.refused.append((len(out), c))
            elif d is None or d > self.settings.points_max:
                break
            out.append(d)
        return out

    def doubt(self, paths: tuple[str | None, ...]) -> None:
        """A doubt naming each refused figure of the line last read, on its field's path."""
        for place, c in self.refused:
            path = paths[place] if place < len(paths) else None
            if path is not None:
                name = messages.FIGURE_NAMES.get(path.rpartition(".")[2], path)
                reason = messages.refused_figure(name, c.text, refused_number(c.text) or "")
                self.doubts.append(Doubt(field=path, reading=None, reason=reason, location=c.location()))

    def step(self, i: int) -> int:
        """One cell of the sheet; the index of the next cell to read."""
        cell, k = self.cells[i], self.cells[i].key
        if k in L.SCORING_SHEET:
            return i + 1  # the sheet's label, printed among its lines
        if k in L.FRAMEWORK_LEVEL1:
            self.level1, self.level2, self.pending = k, None, []
            got = self.numbers(i)
            at = f"subtotals_stated[{len(self.subtotals)}]"
            self.doubt((f"{at}.weight", f"{at}.score"))
            self.subtotals.append(
                Subtotal(
                    level1=k,
                    weight=got[0] if got else None,
                    score=got[1] if len(got) > 1 else None,
                    provenance={"row": cell.location()},
                )
            )
            return i + 1 + len(got)
        if k in L.SHEET_TOTAL:
            got = self.numbers(i)
            self.total = got[min(len(got), 2) - 1] if got else None
            self.recheck_total = got[2] if len(got) > 2 else None
            # the 综合得分 is the line's only figure, or its second after the weight sum
            one = ("total_score_stated",)
            self.doubt(one if len(got) == 1 else (None, "total_score_stated", "recheck_total_stated"))
            return i + 1 + len(got)
        if k in L.SHEET_GRADE:
            if i + 1 < len(self.cells) and is_grade_word(self.cells[i + 1].text):
                self.grade = self.cells[i + 1].text.strip()
            return i + 2
        return self.line(i)

    def line(self, i: int) -> int:
        """An item with its weight and score, or a 二级 name."""
        cell, k = self.cells[i], self.cells[i].key
        got = self.numbers(i)
        if len(got) >= 2 and self.level1 is not None:
            at = f"scoring_items[{len(self.items)}]"
            self.doubt((f"{at}.weight", f"{at}.score", f"{at}.recheck_score"))
            item = ScoringItem(
                level1=self.level1,
                level2=self.level2,
                name=cell.text,
                weight=got[0],
                score=got[1],
                recheck_score=got[2] if len(got) > 2 else None,
                provenance={"name": cell.location()},
            )
            self.items.append(item)
            if self.level2 is None:
                self.pending.append(len(self.items) - 1)
            return i + 1 + len(got)
        if self.level1 is not None and not PLAIN_NUMBER.match(k) and k not in L.LEVEL_HEADERS:
            self.level2 = cell.text
            for j in self.pending:
                self.items[j] = self.items[j].model_copy(update={"level2": self.level2})
            self.pending = []
        return i + 1


def framework_rows(rows: list[Indicator]) -> bool:
    """Rows under the evaluation framework's own 一级 (投入, 过程, 决策), which a project's
    self-evaluation form has not (a project's key evaluation 评分表 has: its 项目名称 tells it apart)."""
    own = {level_name(w) for w in L.FRAMEWORK_LEVEL1 if dimension_of_level1(w) is None}
    return any(level_name(r.level1 or "") in own for r in rows)
