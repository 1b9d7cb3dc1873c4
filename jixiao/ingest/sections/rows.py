"""Indicator rows: the walk that tells a 一级 / 二级 label from a row's name and values, and
one row's cells made into an ``Indicator``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache

from jixiao.ingest import labels as L
from jixiao.ingest import messages, ocr
from jixiao.ingest.cells import Cell, read_from_text
from jixiao.ingest.sections import centred, line_rows
from jixiao.ingest.sections.columns import align, fit, unit_like
from jixiao.ingest.settings import DEFAULT
from jixiao.ingest.shapes import PLAIN_NUMBER, RATE, SIGN, is_label, looks_like_method, value_like
from jixiao.ingest.typed import typed_model
from jixiao.model.evaluation import Doubt, Indicator
from jixiao.model.values import Op, is_unit, parse_decimal, parse_value
from jixiao.model.vocabulary import (
    declared_points,
    dimension_of_level1,
    dimension_of_level2,
    dimensions,
    is_dash,
    is_placeholder,
    is_template_mark,
    is_template_name,
    level2_also_under,
    level_name,
    strip_points,
)


def clear_caches() -> None:
    """Forget what was worked out from the label sets (the active layouts changed)."""
    _parent_level1.cache_clear()


@dataclass
class RowWalk:
    """The walk over an indicator table's cells: the 一级 / 二级 in force and the row being read."""

    cols: list[L.Column]
    header_columns: dict[L.Column, int]
    rows: list[Indicator] = field(default_factory=list)
    level1: str | None = None
    level2: str | None = None
    prev_level1: bool = False
    prev_level2: bool = False
    current: list[Cell] = field(default_factory=list)
    line_rows: bool = False
    """The text keeps a row per line (sections/line_rows): a line may open the next row."""
    whole_lines: bool = False
    """No row of the text is broken over two lines (sections/line_rows.whole_lines)."""
    one_cell_lines: bool = False
    """Text of one cell per line (``Table.lines_hold_one_cell``): the lines say nothing of rows."""
    opened: list[centred.Opened] = field(default_factory=list)
    """Every level label taken, with the row it was met before (for sections/centred)."""
    doubts: list[Doubt] = field(default_factory=list)
    """Where a row whose name and target ran together beyond telling apart is recorded."""
    outside_gap: int = DEFAULT.outside_form_gap
    """Columns right of the header's last column from which a grid's cell is outside the form."""
    shape: _Shape = field(init=False)

    def __post_init__(self) -> None:
        self.shape = _Shape.of(self.cols)

    row_cells: list[list[Cell]] = field(default_factory=list)
    """Each row's cells as read (its name first), for reading a row again."""
    stated_level1: list[str | None] = field(default_factory=list)
    """Each row's 一级 as the table wrote it (before a 二级 of another dimension corrects it)."""
    level1_written: list[bool] = field(default_factory=list)
    """Whether each row's 一级 was written on the row itself (not carried down from a row above)."""
    fresh_level1: bool = False
    header_keys: frozenset[str] = frozenset()
    """The keys of the indicator header's cells as the table wrote them (a repeated header is read past)."""

    def flush(self) -> None:
        """The row read so far becomes an indicator, unless it is an unfilled template row."""
        cur = self.current
        template = (
            len(cur) <= 3
            and bool(cur)
            and is_template_mark(cur[0].key.rstrip("/"))
            and all(is_placeholder(c.key) for c in cur[1:])
        )
        if cur and not template:
            cur = self._inside_form(cur)
            ind = make_indicator(cur, self.cols, self.level1, self.level2, self.header_columns)
            if ind is not None and cur[0].unsure and cur[0].apart is None:
                ind = ind.model_copy(update={"name": None, "target": None})
                self.doubts.append(_unsure_name(cur[0], len(self.rows)))
            if ind is not None:
                ind = self._without_unsure_joins(self._without_unsure_signs(ind, cur[0]), cur)
                ind = self._without_unsure_figures(ind, cur)
                ind = self._without_unsure_texts(ind, cur)
                self.rows.append(ind)
                self.row_cells.append(cur)
                self.stated_level1.append(self.level1)
                self.level1_written.append(self.fresh_level1)
                self.fresh_level1 = False
        self.current = []

    def _inside_form(self, cells: list[Cell]) -> list[Cell]:
        """The row's cells less those of a grid standing ``outside_gap`` columns or more
        right of the indicator header's last column — a note or a sum written beside the form
        (``数据来源：…``) heads no column: read as one, it would fill another's — each with a
        doubt naming its cell."""
        last = max(self.header_columns.values(), default=None)
        if last is None:
            return cells
        reach = last + self.outside_gap
        outside = [c for c in cells[1:] if c.column is not None and c.column >= reach]
        for c in outside:
            self.doubts.append(Doubt(field="indicators", reading=None, alternatives=[c.text],
                                     reason=messages.outside_form(c.text), location=c.location()))  # fmt: skip
        return [c for c in cells if c not in outside] if outside else cells

    def _without_unsure_signs(self, ind: Indicator, name_cell: Cell) -> Indicator:
        """The row with a target or actual left empty whose ``≥`` may have been read as a ``2``
        (``2 95%``) and whose other value cannot confirm it (ingest.ocr), a doubt recorded."""
        other = {"target": ind.actual, "actual": ind.target}
        unsure = {f: v for f in ("target", "actual") if (v := getattr(ind, f)) and ocr.reads_as_two(v, other[f])}
        for f, v in unsure.items():
            self.doubts.append(Doubt(field=f"indicators[{len(self.rows)}].{f}", reading=None,
                                     alternatives=[v, ocr.with_at_least(v)], reason=messages.sign_read_as_two(v),
                                     location=name_cell.location()))  # fmt: skip
        return ind.model_copy(update=dict.fromkeys(unsure)) if unsure else ind

    def _without_unsure_joins(self, ind: Indicator, cells: list[Cell]) -> Indicator:
        """The row with a figure left empty that was joined at a line's end and may as well be
        two (``5`` / ``4.08``: weight 54.08, or weight 5 and score 4.08), a doubt naming both."""
        joined = {c.text: c for c in cells if c.apart is not None}
        if not joined:
            return ind
        found = {f: c for f in ("weight", "score", "actual", "target") for t, c in joined.items()
                 if (v := getattr(ind, f)) is not None and _reads_as(v, t)}  # fmt: skip
        for f, c in found.items():
            self.doubts.append(Doubt(field=f"indicators[{len(self.rows)}].{f}", reading=None,
                                     alternatives=[c.text, c.apart or ""],
                                     reason=messages.figures_joined_at_line_end(c.text, c.apart or ""),
                                     location=c.location()))  # fmt: skip
        return ind.model_copy(update=dict.fromkeys(found)) if found else ind

    def _without_unsure_figures(self, ind: Indicator, cells: list[Cell]) -> Indicator:
        """The row with its values left empty where its figures ran together past telling (a cell
        after the name held unsure: ``1568.0`` after ``…主体 (个)``), a doubt naming the run."""
        unsure = [c for c in cells[1:] if c.unsure and c.apart is None]
        found = {f: c for f in _VALUE_FIELDS for c in unsure if getattr(ind, f) is not None
                 and str(getattr(ind, f)) == c.text}  # fmt: skip
        for f, c in found.items():
            self.doubts.append(Doubt(field=f"indicators[{len(self.rows)}].{f}", reading=None, alternatives=[c.text],
                                     reason=messages.run_together(c.text), location=c.location()))  # fmt: skip
        return ind.model_copy(update=dict.fromkeys(found)) if found else ind

    def _without_unsure_texts(self, ind: Indicator, cells: list[Cell]) -> Indicator:
        """The row with its closing texts left empty where the table closes with several text
        columns (偏差原因 | 备注) and the row, read from text, fills fewer: a lone ``抽评`` may be
        either's, a doubt naming the cell.  So is a word read as the actual of a row whose figures
        are left empty (``83 已核实``): either closing text may as well hold it."""
        tail = self.shape.closing_texts
        if len(tail) < 2 or any(c.column is not None for c in cells):
            return ind  # (one text column closing the table, a word after a target is its actual: 1 | 建设中)
        filled = {col.value: text for col in tail if (text := getattr(ind, col.value)) is not None}
        if _word_for_actual(ind, cells[-1].text):
            filled = {"actual": cells[-1].text}
        elif not filled or len(filled) == len(tail):
            return ind
        names = [messages.COLUMN_NAMES.get(col.value, col.value) for col in tail]
        for f, text in filled.items():
            self.doubts.append(Doubt(field=f"indicators[{len(self.rows)}].{f}", reading=None, alternatives=[text],
                                     reason=messages.text_column_unsure(text, names),
                                     location=ind.provenance.get(f)))  # fmt: skip
        return ind.model_copy(update=dict.fromkeys(filled))

    def grid(self, cell: Cell, place: str) -> None:
        if place in _LEVELS:
            self.flush()
        if place == L.Level.LEVEL1:
            self.level1, self.level2, self.fresh_level1 = cell.text, None, True
        elif place == L.Level.LEVEL2:
            self.level2 = cell.text
        elif place == L.Level.NAME or self.current:
            self.current.append(cell)

    def level(self, cell: Cell, nxt_text: str) -> bool:
        """Take a 一级 or 二级 label (True), or leave the cell for a row (False).  Where the rows
        keep to their lines, a cell after the row's name on its line is the row's (a 评分标准
        ``程序规范得4分`` reads like a 二级 stating its points): labels stand left of the name."""
        inside = self.whole_lines and self.current and line_rows.line_of(cell) == line_rows.line_of(self.current[0])
        if inside and L.is_level2(cell.text) and declared_points(cell.text) is None:
            inside = not line_rows.heading_before_label(self.current, cell, True, False)  # its 一级 before it
        as_level = 0 if inside else _level_of(cell.text, self.prev_level1, self.level1, nxt_text)
        if as_level == 1:
            self.flush()
            if L.is_level2(nxt_text) or self.level1 is not None:
                self.level2 = None
            self.level1, self.prev_level1, self.fresh_level1 = cell.text, True, True
            self.opened.append(centred.Opened(1, len(self.rows), cell.text))
            return True
        self.prev_level1 = False
        if as_level == 2 and not self._named_as_level2(cell, nxt_text):
            if line_rows.heading_before_label(self.current, cell, self.whole_lines, self.one_cell_lines):
                self._take_heading()  # 年度绩效目标(定量指标) | 质量指标: the heading is the group's 一级
            self.flush()
            self.level2, self.prev_level2 = cell.text, True
            self.opened.append(centred.Opened(2, len(self.rows), cell.text))
            return True
        self.prev_level2 = False
        return False

    def _named_as_level2(self, cell: Cell, nxt_text: str) -> bool:
        """Is a 二级 word a row's name?  Right after a 二级 (which holds rows) where a value follows
        it; under a 二级 that states its points where the word states none (社会效益, 可持续影响
        under 项目效益(9分): a 评分表 whose 二级 state points names its 三级 with a target form's 二级)."""
        if self.prev_level2 and not self.current and _followed_by_value(nxt_text):
            return True
        if self.level2 is None or (self.level1 is not None and L.key(self.level1) == L.key(self.level2)):
            return False  # (the 一级 written again, taken for its own 二级: no 二级 stating points)
        return declared_points(self.level2) is not None and declared_points(cell.text) is None

    def unknown_level2(self, cell: Cell, heading: bool = False) -> None:
        """Take a 二级 label the vocabulary does not know (``line_rows.unknown_level2``); the text
        before it on its line is its 一级 (labels stand left of the row's name) — or, ``heading``,
        the lone text before it in text of one cell per line (``line_rows.heading_over_group``)."""
        cur = self.current
        if len(cur) == 1 and (heading or cur[0].line_key == cell.line_key):
            self._take_heading()
        else:
            self.flush()
        self.level2, self.prev_level2 = cell.text, True
        self.opened.append(centred.Opened(2, len(self.rows), cell.text))

    def _take_heading(self) -> None:
        """The lone text read so far as a row's name is the 一级 over the rows that follow."""
        text = self.current[0].text
        self.level1, self.fresh_level1, self.current = text, True, []
        self.opened.append(centred.Opened(1, len(self.rows), text))

    def _after_lone_sign(self, cell: Cell) -> bool:
        """Is ``cell`` a figure after a row's lone comparison sign, in text (no grid column) of a table
        without a 指标性质 / 计算符号 column (where a sign is a cell of its own): the rest of its target."""
        cur, shape = self.current, self.shape
        if len(cur) != 2 + shape.target_at or shape.nature or shape.split_target or cell.column is not None:
            return False
        return _lone_sign(cur[-1].text) and cur[-1].column is None and cell.text.strip()[:1].isdigit()

    def value(self, cell: Cell, ahead: list[Cell], rest: list[Cell] | None = None) -> None:
        """A cell of a row: the next row's name, a value of this one, or a template mark.
        ``rest``: the cells after it on its line, where the rows keep to their lines."""
        k = cell.key
        nxt_text = ahead[0].text if ahead else ""
        template = is_placeholder(k) and (not self.current or is_template_mark(k))
        if template and not (is_template_name(k) and value_like(nxt_text) and not is_label(nxt_text)):
            self.flush()  # 指标2: / …… : the form's empty template rows
            return
        if self.whole_lines and rest is not None and line_rows.continues_note(self.current, cell, rest):
            last = self.current[-1]  # the note goes on: one cell, where it began
            self.current[-1] = Cell(last.text + cell.text, last.line, last.row, last.column, last.cell, last.page,
                                    last.sheet)  # fmt: skip
            return
        if self._after_lone_sign(cell):
            last = self.current[-1]  # ≥ | 90%: a target written with a space after its sign, one cell
            self.current[-1] = replace(last, text=f"{last.text} {cell.text}")
            return
        opens = self.line_rows and line_rows.opens_row(self.current, cell, ahead, whole=self.whole_lines)
        if self.whole_lines and rest is not None and not opens and _figures(self.current) >= self.shape.value_count:
            opens = line_rows.opens_full_line(self.current, cell, rest, self.shape.value_count)
        stays = self.line_rows and line_rows.continues_row(self.current, cell)
        if self.whole_lines and not stays and rest is not None:
            stays = line_rows.fits_line(self.current, cell, rest, self.cols)
        if self.current and not stays and (opens or _starts_new_row(self.current, cell, ahead, self.shape)):
            self.flush()
            if is_placeholder(k):
                return
        self.current.append(cell)


def _lone_sign(text: str) -> bool:
    return bool(SIGN.fullmatch(text.strip()))


def _word_for_actual(ind: Indicator, last: str) -> bool:
    """The row's last cell, a word, read as its actual with no figure after it (分值, 得分)."""
    if ind.actual is None or ind.actual != last or any(v is not None for v in (ind.weight, ind.score)):
        return False
    return ind.recheck_score is None and parse_value(last).op is Op.QUALITATIVE


def _followed_by_value(nxt_text: str) -> bool:
    return bool(nxt_text) and value_like(nxt_text) and not is_label(nxt_text)


def keep_stated_level1(walk: RowWalk) -> None:
    """A table that writes the 一级 on every row (no merged cell to land above the wrong rows)
    means the 一级 it writes: 资助学生满意度 filed under 效益指标 stays there."""
    rows = walk.rows  # rows are only ever dropped from the end (a row cut short)
    if len(rows) < 2 or not all(walk.level1_written[: len(rows)]):
        return
    for k, stated in enumerate(walk.stated_level1[: len(rows)]):
        if rows[k].level1 != stated:
            rows[k] = rows[k].model_copy(update={"level1": stated})


def _level_of(text: str, prev_level1: bool, level1: str | None, next_text: str = "") -> int:
    """1 or 2 for a level label, 0 for anything else.  ``满意度指标`` under ``满意度指标`` is 二级;
    ``成本指标`` is 二级 under 产出 (2020 table) unless 二级 labels follow it (101号 table)."""
    one, two = L.is_level1(text), L.is_level2(text)
    if one and two:
        if prev_level1:
            return 2
        k = L.key(text)
        if k.startswith(L.LEVEL2_UNDER_LEVEL1) and not L.is_level2(next_text):  # (no 一级 yet: a page cut inside 产出)
            return 2
        own = dimension_of_level1(k)
        if own is not None and level1 is not None and dimension_of_level1(level1) == own:
            return 2  # 满意度指标 under 满意度指标: the 二级 of its own 一级
        return 2 if _part_of_framework_level1(text, level1) else 1
    if not one and not two and level1 is not None and declared_points(text) is not None and not value_like(text):
        return 2  # a heading that states its points (预算配置(15分)) under a 一级: a 二级 of its own
    if one and prev_level1 and _within_points(text, level1):
        return 2  # 项目效益(9分) right after 效益(11分): a 一级 holds rows, the label under it is its 二级
    return 1 if one else 2 if two else 0


def _within_points(text: str, level1: str | None) -> bool:
    """Does the label state points, no more than the 一级 above it states (and is it not that 一级
    written again, as a table that repeats it on every row does)?"""
    if level1 is None or L.key(text) == L.key(level1):
        return False
    mine, theirs = declared_points(text), declared_points(level1)
    return mine is not None and theirs is not None and mine <= theirs


def _part_of_framework_level1(text: str, level1: str | None) -> bool:
    """满意度(12分) under 效果(15分): under a framework's bare 一级 (投入 / 过程 / 产出 / 效果) that
    declares more points, a label stating fewer is one of its 二级 (a 评分表's 满意度), not a 一级."""
    if level1 is None or L.key(strip_points(level1)) not in L.FRAMEWORK_LEVEL1:
        return False
    mine, theirs = declared_points(text), declared_points(level1)
    return mine is not None and theirs is not None and mine < theirs


_LEVELS = frozenset(L.Level)
"""The places of a grid's level columns (一级, 二级, 三级)."""
_TEXT_COLUMNS = {L.Column.NOTE, L.Column.METHOD, L.Column.BASIS, L.Column.STANDARD, L.Column.REMARK,
                 L.Column.REVIEW_COMMENT}  # fmt: skip
_TARGETS = (L.Column.TARGET, L.Column.NATURE, L.Column.VALUE)
_FREE_TEXTS = (L.Column.NOTE, L.Column.REMARK, L.Column.REVIEW_COMMENT)
"""Columns of free text a row may leave empty (a deviation note, a remark, a reviewer's words)."""
_RULE_TEXTS = (L.Column.BASIS, L.Column.STANDARD)
"""Text columns that may stand before the row's figures (指标解释, 评分标准)."""


@dataclass(frozen=True, slots=True)
class _Shape:
    """What ``_starts_new_row`` asks of a table's columns, worked out once per table."""

    count: int
    value_count: int
    """Columns that hold figures (not a text column)."""
    text_columns: bool
    basis_first: bool
    """评分标准 comes before the last figure column."""
    method: bool
    split_target: bool = False
    """The target split over 指标性质 | 指标值 | 度量单位: after a 指标性质 cell comes its 指标值."""
    nature: bool = False
    """A 指标性质 / 计算符号 / 指标方向 column: a cell after a sign or 正向 is that row's, never a name."""
    target_at: int = 0
    """Cells a row holds before its target (分值 before 年度指标值: 1): until then a text is no name."""
    rules_first: int = 0
    """Rule texts (指标解释, 评分标准) that open the row's cells, before any figure column: the texts
    after a name up to that many are the row's, and a name is known by them and then a figure."""
    closing_texts: tuple[L.Column, ...] = ()
    """The free-text columns the table closes with, after its last figure (偏差原因 | 备注)."""

    @classmethod
    def of(cls, cols: list[L.Column]) -> _Shape:
        values = [c for c in cols if c not in _TEXT_COLUMNS]
        basis_first = any(c in cols and cols.index(c) < len(values) for c in _RULE_TEXTS)
        text = bool(_TEXT_COLUMNS & set(cols))
        split, nature = L.Column.VALUE in cols, L.Column.NATURE in cols
        target_at = next((k for k, c in enumerate(cols) if c in _TARGETS), 0)
        rules = next((k for k, c in enumerate(cols) if c not in _RULE_TEXTS), len(cols))
        closing = len(cols) - next((k for k, c in enumerate(reversed(cols)) if c not in _FREE_TEXTS), len(cols))
        return cls(len(cols), len(values), text, basis_first, L.Column.METHOD in cols, split, nature, target_at, rules,
                   tuple(cols[closing:]))  # fmt: skip

    @property
    def ahead(self) -> int:
        """Cells looked at after the one being placed: up to the figure after a name's rule texts."""
        return max(2, self.rules_first + 1)


def _figures(current: list[Cell], rules_first: bool = False) -> int:
    """Cells of the row after its name that are not a 得分计算方法 (which is text) — nor, where a
    评分标准 / 指标解释 stands before the figures (``rules_first``), a long text that is no value."""
    figures = len(current) - 1
    for c in current[1:]:
        if len(c.text) > 12 and (looks_like_method(c.text) or (rules_first and not value_like(c.text))):
            figures -= 1
    return figures


def _starts_new_row(current: list[Cell], cell: Cell, ahead: list[Cell], shape: _Shape) -> bool:
    """Is this cell the next indicator's name rather than a value of the current row?"""
    nxt = ahead[0] if ahead else None
    filled = len(current) - 1
    if filled >= shape.count or is_template_name(cell.key):
        return True
    figures = _figures(current, shape.basis_first)
    if nxt is None:
        return figures >= shape.value_count  # the document ends: a cut-off name, not a note
    if filled == 0 and (is_label(nxt.text) or nxt.key in L.TOTAL) and not is_label(cell.text):
        return False  # a 二级 or the 总分 next: a row of a name alone is none, this is its value
    if filled < shape.rules_first and not value_like(cell.text) and not is_label(cell.text):
        return False  # 指标解释 | 评分标准 before the figures: the texts after the name are the row's
    if figures >= shape.value_count:
        # only text columns are left: a note, unless figures follow (then it is a name) or, where a
        # text column comes first (评分标准), a text and then figures
        if shape.basis_first:
            return _name_before_rules(ahead, shape.rules_first)
        return value_like(nxt.text) and not is_label(nxt.text) and not is_template_mark(nxt.key)
    if shape.method and looks_like_method(cell.text):
        return False
    if shape.nature and filled >= 1 and fit(L.Column.NATURE, current[-1].text) is not None:
        return False  # after 指标性质 (定性, ≥) comes its 指标值, however it is written
    if 1 <= filled == shape.target_at and _bare_figure(current[-1].text):
        # 分值 | 年度指标值: after the row's 分值 comes its target, however written — unless it reads as a
        # name with its value after it (the row's target was a bare number, taken for its 分值)
        return not value_like(cell.text) and _next_name(current, cell, nxt)
    if shape.split_target and filled >= 1 and unit_like(cell.text) and _bare_figure(current[-1].text):
        return False  # 指标值 | 度量单位: the unit after the row's figure (万人(预估))
    split_open = shape.split_target and not (filled >= 2 and unit_like(current[-1].text))  # 度量单位 closes it
    if shape.split_target and not split_open and _opens_split_target(cell, ahead):
        return True  # a text, then 指标值 | 度量单位 again after the 度量单位: the next row's name
    if filled >= 2 and not _bare_figure(cell.text) and any(cell.key == c.key for c in current[1:-1]):
        return False  # the actual written as the target, a figure between them (按期完成 | 10 | 按期完成)
    if filled > max(shape.target_at, 0) and not split_open and _next_name(current, cell, nxt):
        return True  # a name (…档次为300元的人数, 资金拨付) and its target after it — once the row's
        # target is behind it (分值 | 年度指标值: the text after the 分值 is the target, 提高 | 100%)
    if value_like(cell.text) or (filled == 0 and not shape.text_columns):
        return False  # in a table without text columns, the cell after a name is its target
    if filled >= 1 and cell.key == current[-1].key:
        return False  # the actual written as the target (严格按照标准发放到位 twice)
    if filled == 0 and value_like(nxt.text) and not is_label(nxt.text):
        return False  # a target written as a sentence, with the row's figures after it
    if not shape.text_columns:
        return True
    if value_like(nxt.text) and not is_label(nxt.text) and filled >= 2:
        return True
    return filled < 2 and not shape.method


def _name_before_rules(ahead: list[Cell], rules: int) -> bool:
    """After a row's figures, where rule texts come first: is the text a name, its rule texts (one
    to ``rules`` of them, an empty one not written) and then a figure after it?"""
    if len(ahead) < 2:  # the document ends: a name and the start of its 评分标准
        return bool(ahead) and not value_like(ahead[0].text)
    for n in range(1, max(rules, 1) + 1):
        if len(ahead) <= n:
            return all(not value_like(a.text) for a in ahead)  # the document ends inside them
        after = ahead[n].text
        if all(not value_like(a.text) for a in ahead[:n]) and value_like(after) and not is_label(after):
            return True
    return False


_NAME_MIN_CHARS = 12
"""A text longer than this with a figure inside it is a name (…缴费档次为300元的人数), not a value."""


def _name_like(cell: Cell, before: str) -> bool:
    """Text that is no figure — words, or a long text with a figure inside — and not written like
    the value before it (an actual written as its target is: 入口补每年116.11万人 then
    入口补每年108.13万人)."""
    t = cell.text.strip()
    if is_label(t) or is_dash(t) or is_unit(t) or _FIGURES.sub("", t) == _FIGURES.sub("", before):
        return False
    pv = parse_value(t)
    return pv.op is Op.QUALITATIVE or (len(t) > _NAME_MIN_CHARS and pv.embedded)


_FIGURES = re.compile(r"[\d.]+")


def _opens_split_target(cell: Cell, ahead: list[Cell]) -> bool:
    """A text that is no figure followed by a bare figure and a unit: a name and its split target."""
    if len(ahead) < 2 or _bare_figure(cell.text) or unit_like(cell.text) or is_label(cell.text):
        return False
    return _bare_figure(ahead[0].text) and unit_like(ahead[1].text)


def _bare_figure(text: str) -> bool:
    return bool(PLAIN_NUMBER.match(text.strip()))


def _next_name(current: list[Cell], cell: Cell, nxt: Cell) -> bool:
    """Is ``cell``, after a row's values, a name with its first value after it?  Not where the row
    itself opens with a figure (pieces of a text cut at its figures, 2023 | 至 | 2024 | 年…)."""
    filled = len(current) - 1
    return _name_like(cell, current[-1].text) and _opens_values(nxt, filled) and not _opens_values(current[0], 2)


def _opens_values(nxt: Cell, filled: int) -> bool:
    """Can ``nxt`` be the first value of a row whose name stands before it: a value with a unit or a
    sign; after two figures of the row before, a bare number too (a text after them is no 分值, and
    a note is followed by no figure)."""
    return _target_like(nxt.text) or (filled >= 2 and bool(PLAIN_NUMBER.match(nxt.text.strip())))


def _target_like(text: str) -> bool:
    """A value that can open a row's values but is no 分值 or 得分: a figure with its unit or sign,
    a date (``7977人``, ``≥95%``) — never a bare number, which may be the row's weight."""
    t = text.strip()
    if not t or PLAIN_NUMBER.match(t) or is_label(t) or is_dash(t):
        return False
    pv = parse_value(t)
    return pv.op is not Op.QUALITATIVE and not pv.embedded


@lru_cache(maxsize=4_096)
def _parent_level1(level1: str | None, level2: str | None) -> str | None:
    """A 一级 label centred in a merged cell can land above the wrong rows: 数量指标 under
    满意度指标.  When the 二级 says otherwise, the 二级's own dimension wins — but not under a
    framework's bare 一级 (效益（20分） of a 部门整体 评分表), whose 二级 are its own (满意度 among them),
    nor under a 一级 some form files the 二级 under (服务对象满意度指标 under 效益指标, earlier forms)."""
    if level1 is None or level2 is None or L.key(strip_points(level1)) in L.FRAMEWORK_LEVEL1:
        return level1
    want = dimension_of_level2(level2)
    have = level_name(level1)
    if want is None or have not in dimensions() or have == want or have in level2_also_under(level2):
        return level1
    return f"{want}{L.LEVEL_SUFFIX}"


def _unsure_name(cell: Cell, row: int) -> Doubt:
    return Doubt(
        field=f"indicators[{row}].name",
        reading=None,
        alternatives=[cell.text],
        reason=messages.name_run_into_target(cell.text),
        location=cell.location(),
    )


_VALUE_FIELDS = ("target", "actual", "weight", "score", "deviation_note")
"""An indicator's fields after its name that a run-together row's figures may fill."""
_FIELD = {col: col.value for col in L.Column}
"""Each column's name in a row's provenance (an enum's ``.value`` is a slow property)."""
# the columns a row's fields come from, as module names: an enum member looked up on its enum
# costs several times a global's lookup, and every row asks for each of them
_TARGET, _ACTUAL = L.Column.TARGET, L.Column.ACTUAL
_WEIGHT, _SCORE, _VALUE = L.Column.WEIGHT, L.Column.SCORE, L.Column.VALUE
_NATURE, _UNIT, _PROGRESS = L.Column.NATURE, L.Column.UNIT, L.Column.PROGRESS
_NOTE, _RECHECK, _REMARK = L.Column.NOTE, L.Column.RECHECK, L.Column.REMARK
_STANDARD, _REVIEW_COMMENT = L.Column.STANDARD, L.Column.REVIEW_COMMENT


def make_indicator(
    cells: list[Cell],
    cols: list[L.Column],
    level1: str | None,
    level2: str | None,
    header_columns: dict[L.Column, int] | None = None,
    mapping: dict[L.Column, int] | None = None,
) -> Indicator | None:
    name_cell = cells[0]
    got = _row_columns(cells[1:], cols, header_columns) if mapping is None else _mapped(cells[1:], mapping)
    shown = {col: None if is_dash(c.text) or is_placeholder(c.key) else c.text for col, c in got.items()}
    text = shown.get  # a column's text, None when absent, a dash or a placeholder

    def number(col: L.Column) -> Decimal | None:
        t = text(col)
        if t is not None and col is _WEIGHT and RATE.match(t.replace(" ", "")):
            return parse_decimal(t.replace("%", ""))  # 权重 20% of a 100-point table: 20 points
        if t is None or (fit(col, t) is None and (col is _WEIGHT or not PLAIN_NUMBER.match(t.replace(" ", "")))):
            return None  # a reading that put 2021.12 in 分值 or 100% in 得分: no points, left empty
        return parse_decimal(t)  # (a score of 135 under 15 lost its point: ingest.sections.lost_points)

    target, actual = _signs_given_back(_target(shown, _VALUE in got), text(_ACTUAL), name_cell)
    prov = {"name": name_cell.location()}
    for col, c in got.items():
        prov[_FIELD[col]] = c.location()
    progress = text(_PROGRESS)
    values = {  # each of its field's type already: built without validating again (ingest.typed)
        "not_applicable": _not_applicable(got),
        "level1": _parent_level1(level1, level2),
        "level2": level2,
        "name": name_cell.text,
        "target": target or None,
        "actual": actual,
        "weight": number(_WEIGHT),
        "score": number(_SCORE),
        "deviation_note": text(_NOTE),
        "nature": text(_NATURE),
        "unit": text(_UNIT),
        "progress_stated": None if progress is None else parse_decimal(progress),
        "recheck_score": number(_RECHECK),
        "remark": text(_REMARK),
        "standard": text(_STANDARD),
        "review_comment": text(_REVIEW_COMMENT),
        "provenance": prov,
    }
    return typed_model(Indicator, values)


def _target(shown: dict[L.Column, str | None], split: bool) -> str | None:
    """The row's target: split over 指标性质 | 指标值 | 度量单位, joined back; whole, with its sign
    in a 计算符号 column of its own, given the sign (定性 / 正向 are no part of it)."""
    target, sign = shown.get(_TARGET), shown.get(_NATURE)
    sign = sign if sign is not None and SIGN.fullmatch(sign.replace(" ", "")) else None
    if split:
        return "".join(t for t in (sign, shown.get(_VALUE), shown.get(_UNIT)) if t)
    if sign is not None and target is not None and not SIGN.match(target):
        return sign + target
    return target


def _signs_given_back(target: str | None, actual: str | None, name_cell: Cell) -> tuple[str | None, str | None]:
    """A row's values with a ``≥`` read as a ``2`` given back (ingest.ocr) where the row was read
    from text; a grid cell (Word, Excel) was never scanned here: its ``2 95%`` is kept as written,
    for ``RowWalk._without_unsure_signs`` to leave empty with a doubt."""
    target, actual = ocr.sign_misread(target), ocr.sign_misread(actual)
    if not read_from_text(name_cell):
        return target, actual
    target = ocr.at_least_read_as_two(target, actual)
    return target, ocr.at_least_read_as_two(actual, target)


def _mapped(value_cells: list[Cell], mapping: dict[L.Column, int]) -> dict[L.Column, Cell]:
    """Each value cell's column as a reading chose it (the table's arithmetic read the row again)."""
    return {col: value_cells[k] for col, k in mapping.items()}


def _row_columns(
    value_cells: list[Cell], cols: list[L.Column], header_columns: dict[L.Column, int] | None
) -> dict[L.Column, Cell]:
    """Each value cell's column: by the grid where the source has one, else by what it looks like."""
    if header_columns and all(c.column in header_columns.values() for c in value_cells):
        by_column = {v: k for k, v in header_columns.items()}
        return {by_column[c.column]: c for c in value_cells if c.column is not None}
    texts = [c.text for c in value_cells]
    mapping = align(texts, cols) or {col: k for k, col in enumerate(cols[: len(texts)])}
    return {col: value_cells[k] for col, k in mapping.items()}


def _not_applicable(got: dict[L.Column, Cell]) -> bool:
    """A row marked 不适用, or whose target and actual are both the form's '/' mark.  (Asked of
    every row: plain loops, no generator.)"""
    marks = L.NOT_APPLICABLE
    for c in got.values():
        if c.text.strip() in marks:
            return True
    target, actual = got.get(_TARGET), got.get(_ACTUAL)
    if target is None or actual is None:
        return False
    return target.text.strip() in _SLASHES and actual.text.strip() in _SLASHES


_SLASHES = ("/", "／")


def _reads_as(value: object, text: str) -> bool:
    """A field's value is the figure ``text`` (a number compared as a number, a text as written)."""
    if isinstance(value, Decimal):
        return parse_decimal(text) == value
    return isinstance(value, str) and value == text
