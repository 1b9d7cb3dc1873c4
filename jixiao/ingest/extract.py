"""From a stream of cells to evaluations: find each table by its labels and read its parts.

The order of cells survives every layout, so the extractor reads a table as a reader would:
the cell after 项目名称 is the project name, the numbers after 年度资金总额 are the funds in the
order of the header above them, and each indicator row is a name followed by values that are
matched to the header's columns by what they look like (a weight is a plain number, a unit is
a short word).  Nothing is taken from a cell's position on the page.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache

from jixiao.ingest import arithmetic
from jixiao.ingest import labels as L
from jixiao.ingest.cells import Cell
from jixiao.model.evaluation import (
    Doubt,
    Evaluation,
    FundLine,
    Funds,
    Goal,
    Indicator,
    Location,
    ScoringItem,
    Source,
    Subtotal,
    TableKind,
)
from jixiao.model.values import Op, is_unit, parse_decimal, parse_value
from jixiao.model.vocabulary import (
    declared_points,
    dimension_of_level2,
    dimensions,
    is_dash,
    is_grade_word,
    is_placeholder,
    is_points_mark,
    is_template_mark,
    is_template_name,
    level_name,
)

_SIGN = re.compile(r"[≥≤=<>≧≦═]+|>=|<=")
_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年度")
_YEAR_LOOSE = re.compile(r"(20\d{2})\s*年")
_PLAIN_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?分?$")
_RATE = re.compile(r"^-?\d+(?:\.\d+)?%$")
_RATE_PER = re.compile(r"每[\u4e00-\u9fff]{1,2}\d+(?:\.\d+)?[\u4e00-\u9fff/]{0,4}")  # 每亩300
_TITLE = re.compile(r"(自评|目标|绩效|评分|申报|批复).*表")
_ENUMERATED = re.compile(r"^\([一二三四五六七八九十]+\)(.+?)(?:小计)?$")  # (一)财政拨款小计


def clear_caches() -> None:
    """Forget what was worked out from the label sets (the active layouts changed)."""
    for fn in (_wrapped, _wrapped3, _is_label, _fit, _parent_level1, _value_like, _is_field_label):
        fn.cache_clear()


_LABELLED = re.compile(r"^[\u4e00-\u9fff]{2,8}:")
"""A cell that is another label with its value (评价方式:…), never the value of the label before."""


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
    ``偏差原因`` + ``分析及`` + ``改进措施``."""
    out: list[Cell] = []
    i = 0
    while i < len(cells):
        cur = cells[i]
        span = 1
        if _below(cur, cells, i + 1):
            if _below(cells[i + 1], cells, i + 2) and _wrapped3(cur.text, cells[i + 1].text, cells[i + 2].text):
                span = 3
            elif _wrapped(cur.text, cells[i + 1].text):
                span = 2
        if span > 1:
            joined = "".join(c.text for c in cells[i : i + span])
            out.append(Cell(joined, cur.line, cur.row, cur.column, cur.cell, cur.page, cur.sheet))
        else:
            out.append(cur)
        i += span
    return out


def _below(cell: Cell, cells: Sequence[Cell], at: int) -> bool:
    """Can the cell at ``at`` continue this one?  In text any next cell can; in a grid only the
    cell under it (a label typed over two rows of one column), never the next cell of a row."""
    if at >= len(cells):
        return False
    nxt = cells[at]
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
    if not _is_label(joined):
        return False
    cur_label, nxt_label = _is_label(cur), _is_label(nxt)
    if L.key(nxt) in {"指标", "(万元)", "(元)"}:
        return True
    if not cur_label and not nxt_label:
        return True
    if not cur_label and len(L.key(cur)) <= 4 and _is_header(joined):
        return True  # 年初 + 预算数, 实际 + 完成值
    return not cur_label and len(L.key(cur)) <= 6 and L.is_level2(nxt) and L.is_level2(joined)


@lru_cache(maxsize=65_536)
def _wrapped3(a: str, b: str, c: str) -> bool:
    return not _is_label(a) and not _is_label(b) and _is_header(a + b + c) and len(L.key(a + b)) <= 8


@lru_cache(maxsize=16_384)
def _is_label(text: str) -> bool:
    return L.known_label(text) or L.is_level1(text) or L.is_level2(text)


# --- tables -------------------------------------------------------------------------------


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
            if _TITLE.search(text) or _YEAR.search(text) or "年度)" in text:
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


@dataclass
class _Reader:
    """Reads one table's cells; each method finds one part."""

    cells: list[Cell]
    file: str
    table: int
    provenance: dict[str, Location] = field(default_factory=dict)
    doubts: list[Doubt] = field(default_factory=list)
    """Close calls: values read with another reading nearly as good (left empty)."""
    header_columns: dict[L.Column, int] = field(default_factory=dict)
    """Grid column of each indicator header, when the source has a grid (Word, Excel)."""
    level_columns: dict[str, int] = field(default_factory=dict)
    """Grid column of 一级 / 二级 / 三级, when the source has a grid."""

    def doubt_sink(self, path: str, cell: Cell) -> DoubtSink:
        """Where a run of figures that two readings fit is recorded, as a doubt on ``path``."""

        def sink(run: str, readings: list[str]) -> None:
            self.doubts.append(
                Doubt(
                    field=path,
                    reading=None,
                    alternatives=readings,
                    reason=f"“{run}”是连写的数字，按表内勾稽关系有不止一种同样成立的拆分，未取值",
                    location=cell.location(),
                )
            )

        return sink

    def find(self, names: set[str] | dict[str, object], start: int = 0, stop: int | None = None) -> int | None:
        for i, c in enumerate(self.cells[start:stop], start):
            if c.key in names:
                return i
        return None

    def value_after(self, names: set[str], field_name: str, stop: int | None = None) -> str | None:
        """The cell after the first of these labels that has a value (a blank 中央主管部门 is
        passed over for the 地方主管部门 after it)."""
        start = 0
        while (i := self.find(names, start, stop)) is not None and i + 1 < len(self.cells):
            nxt = self.cells[i + 1]
            if not (_is_label(nxt.text) or nxt.key in L.IMPLEMENTING_UNIT | L.DEPARTMENT or _LABELLED.match(nxt.key)):
                self.provenance[field_name] = nxt.location()
                return nxt.text
            start = i + 1
        return None

    def first_value(self, labels_in_order: Sequence[str], field_name: str) -> str | None:
        for label in labels_in_order:
            value = self.value_after({label}, field_name)
            if value is not None:
                return value
        return None

    # --- header fields ---

    def year(self, document_year: int | None) -> int | None:
        for c in self.cells[:12]:
            m = _YEAR.search(c.text)
            if m:
                self.provenance["year"] = c.location()
                return int(m.group(1))
        for c in self.cells[:4]:
            m = _YEAR_LOOSE.search(c.text)
            if m and ("自评表" in c.text or "目标表" in c.text):
                self.provenance["year"] = c.location()
                return int(m.group(1))
        return document_year

    def kind(self, title: str) -> TableKind:
        if "部门整体" in title:
            return TableKind.DEPARTMENT_OVERALL
        if re.search(r"目标(申报|批复)表|目标表|申报表|批复表", title) and "自评" not in title:
            return TableKind.PERFORMANCE_TARGETS
        return TableKind.PROJECT_SELF_EVALUATION

    # --- funds ---

    def funds(self, kind: TableKind) -> tuple[Funds | None, Decimal | None, Decimal | None, Decimal | None]:
        total_at = self.find(L.FUND_TOTAL, 0, self._indicator_header() or len(self.cells))
        if total_at is None:
            return self._funds_framework() or self._funds_by_labels()
        header = self._fund_header(total_at)
        if not header and kind is TableKind.PERFORMANCE_TARGETS:
            header = [L.FundColumn.INITIAL]  # a target form states the budget only
        row = self._fund_row_by_column(total_at) or _assign_fund_row(
            self._numbers_after(total_at), header, self.doubt_sink("funds", self.cells[total_at])
        )
        parts = self._enumerated_parts(total_at)
        amounts = (L.FundColumn.INITIAL, L.FundColumn.ADJUSTED, L.FundColumn.EXECUTED)
        if parts and not any(row.get(c) is not None for c in amounts):
            # 申报表: the total's row is blank and its parts follow — (一)财政拨款小计 6.30, (二)…
            first = next((c for c in header if c in amounts), L.FundColumn.ADJUSTED)
            row = {**row, first: sum((amount for _name, amount, _at in parts), Decimal(0))}
        unit = "元" if any("(元)" in c.text or "（元）" in c.text for c in self.cells[: total_at + 1]) else "万元"
        funds = Funds(
            name=self.cells[total_at].text.rstrip(":："),
            initial_budget=row.get(L.FundColumn.INITIAL),
            adjusted_budget=row.get(L.FundColumn.ADJUSTED),
            executed=row.get(L.FundColumn.EXECUTED),
            unit=unit,
            provenance={"row": self.cells[total_at].location()},
            sources=self._sources(total_at, header) or self._part_sources(parts, header),
        )
        self.provenance["funds"] = self.cells[total_at].location()
        weight = row.get(L.FundColumn.WEIGHT) or self._weight_in_header(total_at)
        return funds, row.get(L.FundColumn.RATE), weight, row.get(L.FundColumn.SCORE)

    def _funds_framework(self) -> tuple[Funds | None, Decimal | None, Decimal | None, Decimal | None] | None:
        """晋中 2013 layout: 预算资金 … / 预算下达资金 … / 实际支出资金 …, each with its own number."""
        allocated_at = self.find({"预算下达资金"})
        if allocated_at is None:
            return None

        def first_number(label: str) -> Decimal | None:
            at = self.find({label})
            if at is None:
                return None
            for c in self.cells[at + 1 : at + 4]:
                d = parse_decimal(c.text)
                if d is not None:
                    return d
            return None

        funds = Funds(
            initial_budget=first_number("预算资金"),
            allocated=first_number("预算下达资金"),
            executed=first_number("实际支出资金"),
            provenance={"row": self.cells[allocated_at].location()},
        )
        return funds, None, None, None

    def _funds_by_labels(self) -> tuple[Funds | None, Decimal | None, Decimal | None, Decimal | None]:
        """区域绩效 forms: ``预算数: 2.38 执行数: 2.38 20`` — each amount behind its own label,
        the block's score after them; 四川 专项 forms: ``年度金额(提前下达): 208万元`` beside
        ``资金使用情况(万元)合计: 109.8万元``, then each source twice (amount, then use)."""
        stop = self._indicator_header() or len(self.cells)
        budget_at = self.find(L.BUDGET_LABELS, 0, stop)
        executed_at = self.find(L.EXECUTED_LABELS, 0, stop)
        if budget_at is None or executed_at is None:
            return None, None, None, None
        budget = self._numbers_after(budget_at)[:1]
        after = self._numbers_after(executed_at)
        if not budget or not after:
            return None, None, None, None
        funds = Funds(
            adjusted_budget=parse_decimal(budget[0] or ""),
            executed=parse_decimal(after[0] or ""),
            provenance={"row": self.cells[budget_at].location()},
            sources=self._paired_sources(min(budget_at, executed_at), stop),
        )
        score = parse_decimal(after[1] or "") if len(after) > 1 else None
        return funds, None, None, score

    def _paired_sources(self, start: int, stop: int) -> list[FundLine]:
        """Sources named twice in a two-column block: the first figure is the budget, the second the use."""
        lines: dict[str, FundLine] = {}
        for i in range(start, stop):
            name = L.fund_source(self.cells[i].text)
            figures = self._numbers_after(i)[:1] if name else []
            if name is None or not figures or figures[0] is None:
                continue
            amount = parse_decimal(figures[0])
            line = lines.get(name)
            if line is None:
                lines[name] = FundLine(name=name, adjusted_budget=amount, provenance={"row": self.cells[i].location()})
            elif line.executed is None:
                lines[name] = line.model_copy(update={"executed": amount})
        return list(lines.values())

    def _fund_row_by_column(self, at: int) -> dict[L.FundColumn, Decimal | None] | None:
        """On a grid, each figure of a fund row sits under its header: match by column."""
        if self.cells[at].row is None:
            return None
        under: dict[int, L.FundColumn] = {}
        for c in self.cells[max(0, at - 14) : at]:
            col = L.FUND_HEADERS.get(c.key)
            if col is not None and c.column is not None and c.row != self.cells[at].row:
                under.setdefault(c.column, col)
        if len(under) < 3:
            return None
        out: dict[L.FundColumn, Decimal | None] = {}
        for c in _cells_of_row(self.cells, at):
            col = under.get(c.column or -1)
            if col is not None and not is_dash(c.text):
                out[col] = parse_decimal(c.text)
        return out

    def _fund_header(self, total_at: int) -> list[L.FundColumn]:
        cols: list[L.FundColumn] = []
        for c in self.cells[max(0, total_at - 14) : total_at]:
            k = c.key
            col = L.FUND_HEADERS.get(k)
            if col is None and k.startswith("得分"):
                col = L.FundColumn.SCORE
            if col is None and k.startswith(("执行率", "预算执行率")):
                col = L.FundColumn.RATE
            if col is not None and col not in cols:
                cols.append(col)
        return cols

    def _enumerated_parts(self, total_at: int) -> list[tuple[str, Decimal, int]]:
        """The top-level parts listed under a blank total, ``(一)财政拨款小计 6.30``: name,
        amount and where, up to the goals or the indicator table."""
        stop = self.find(L.GOAL_EXPECTED | L.GOAL_ACTUAL | {"年度总体目标", "总体目标"} | L.LEVEL_HEADERS, total_at)
        out = []
        for i in range(total_at + 1, min(stop or len(self.cells), total_at + 40)):
            m = _ENUMERATED.match(self.cells[i].key)
            figures = self._numbers_after(i)[:1] if m else []
            if m and figures and figures[0] is not None:
                amount = parse_decimal(figures[0])
                if amount is not None:
                    out.append((m.group(1), amount, i))
        return out

    def _part_sources(self, parts: list[tuple[str, Decimal, int]], header: list[L.FundColumn]) -> list[FundLine]:
        column = next((c for c in header if c in (L.FundColumn.INITIAL, L.FundColumn.ADJUSTED)), None)
        field_name = "initial_budget" if column is L.FundColumn.INITIAL else "adjusted_budget"
        return [
            FundLine.model_validate(
                {"name": name, field_name: amount, "provenance": {"row": self.cells[at].location()}}
            )
            for name, amount, at in parts
        ]

    def self_score(self) -> tuple[Decimal | None, Location | None]:
        """区域 forms state the total beside 自评得分 near the top, with no 总分 row: the first
        score-like figure in the next few cells (the label's merged cell spans their row)."""
        at = self.find({"自评得分"}, 0, self._indicator_header())
        if at is None:
            return None, None
        for c in self.cells[at + 1 : at + 7]:
            if _PLAIN_NUMBER.match(c.text.replace(" ", "")):
                score = parse_decimal(c.text)
                if score is not None and score <= 100:
                    return score, c.location()
        return None, None

    def _weight_in_header(self, total_at: int) -> Decimal | None:
        for c in self.cells[max(0, total_at - 14) : total_at]:
            m = re.search(r"(\d+)分", c.text)
            if m and ("执行" in c.text or "得分" in c.text):
                return Decimal(m.group(1))
        return None

    def _numbers_after(self, at: int) -> list[str | None]:
        out: list[str | None] = []
        for c in self.cells[at + 1 : at + 8]:
            text = c.text.strip()
            if is_dash(text):
                out.append(None)
            elif parse_decimal(text) is not None:
                out.append(text)
            else:
                break
        return out

    def _sources(self, total_at: int, header: list[L.FundColumn]) -> list[FundLine]:
        amounts = [c for c in header if c in (L.FundColumn.INITIAL, L.FundColumn.ADJUSTED, L.FundColumn.EXECUTED)]
        out: list[FundLine] = []
        stop = self.find(L.GOAL_EXPECTED | L.GOAL_ACTUAL | {"年度总体目标"} | L.LEVEL_HEADERS, total_at) or len(
            self.cells
        )
        for i in range(total_at + 1, stop):
            name = L.fund_source(self.cells[i].text)
            if name is None:
                continue
            row = self._fund_row_by_column(i) or _assign_fund_row(
                self._numbers_after(i), header, self.doubt_sink(f"funds.sources[{len(out)}]", self.cells[i])
            )
            if not any(row.get(c) is not None for c in amounts):
                out.append(FundLine(name=name, provenance={"row": self.cells[i].location()}))
                continue
            out.append(
                FundLine(
                    name=name,
                    initial_budget=row.get(L.FundColumn.INITIAL),
                    adjusted_budget=row.get(L.FundColumn.ADJUSTED),
                    executed=row.get(L.FundColumn.EXECUTED),
                    provenance={"row": self.cells[i].location()},
                )
            )
        return out

    # --- goals ---

    def goals(self) -> list[Goal]:
        stop = self._indicator_header() or len(self.cells)
        at = None
        for i in range(stop):
            if self.cells[i].key in L.GOAL_ACTUAL:
                at = i
        if at is None:
            return []
        texts = [c for c in self.cells[at + 1 : stop] if not _is_label(c.text) and c.key not in L.SECTION_HEADINGS]
        texts = [c for c in texts if len(c.text) > 1]
        goals = []
        for k in range(0, len(texts) - 1, 2):
            goals.append(
                Goal(
                    expected=texts[k].text,
                    actual=texts[k + 1].text,
                    provenance={"expected": texts[k].location(), "actual": texts[k + 1].location()},
                )
            )
        if len(texts) % 2 == 1:
            goals.append(Goal(expected=texts[-1].text, provenance={"expected": texts[-1].location()}))
        return goals

    # --- indicators ---

    @cached_property
    def _header_at(self) -> int | None:
        return self.find(L.LEVEL_HEADERS)

    def _indicator_header(self) -> int | None:
        return self._header_at

    def indicator_columns(self) -> tuple[int, list[L.Column]] | None:
        at = self._indicator_header()
        if at is None:
            return None
        cols: list[L.Column] = []
        # a two-row header may put 年度指标值 / 实际完成值 … before 一级指标 (四川 forms)
        while at > 0 and (
            self.cells[at - 1].key in L.INDICATOR_HEADERS or self.cells[at - 1].key in L.SECTION_HEADINGS
        ):
            at -= 1
        i = at
        while i < len(self.cells):
            k = self.cells[i].key
            column = self.cells[i].column
            if k in L.LEVEL_HEADERS and column is not None:
                level = "三级" if k in L.NAME_HEADERS else k.removesuffix("指标")
                self.level_columns.setdefault(level, column)
            if k in L.LEVEL_HEADERS or k in L.SECTION_HEADINGS or L.is_subheader(k):
                i += 1
                continue
            col = L.INDICATOR_HEADERS.get(k)
            if col is not None and column is not None:
                self.header_columns.setdefault(col, column)
            if col is None and cols and L.Column.SCORE not in cols and _PLAIN_NUMBER.match(k):
                col = L.Column.SCORE  # 区域绩效 forms: the block's points stand over the 得分 column
            if col is None:
                break
            if col not in cols:
                cols.append(col)
            i += 1
        return i, _order_columns(cols)

    def indicators(self) -> tuple[list[Indicator], list[L.Column], Decimal | None, str | None]:
        """The indicator rows, the table's columns after 三级指标, the stated total and grade."""
        found = self.indicator_columns()
        if found is None:
            return [], [], None, None
        start, cols = found
        walk = _RowWalk(cols, self.header_columns)
        i, total_score, grade = self._walk_rows(walk, start)
        walk.flush()
        rows = walk.rows
        _fill_level1_backwards(rows)
        if i >= len(self.cells) and total_score is None and _cut_short(rows):
            rows.pop()  # the document ends mid-row: keep only rows that are whole
        if total_score is None:  # 总分 after 其他需要说明事项 (the last row holds both)
            total_score, grade = self._total_after(i)
        return rows, cols, total_score, grade

    def _walk_rows(self, walk: _RowWalk, start: int) -> tuple[int, Decimal | None, str | None]:
        """Read rows from ``start`` up to the 总分 row (whose score and grade are returned) or the
        table's end; the index where the walk stopped."""
        i = start
        while i < len(self.cells):
            cell = self.cells[i]
            if cell.key in L.TOTAL:
                walk.flush()
                _, score, grade = self._total(i)
                self.provenance["total_score_stated"] = cell.location()
                return i, score, grade
            if L.ends_table(cell.text) or cell.key in L.PROJECT_NAME:
                return i, None, None
            i = self._step(walk, i)
        return i, None, None

    def _step(self, walk: _RowWalk, i: int) -> int:
        """One cell of the indicator table; the index of the next cell to read."""
        cell = self.cells[i]
        k = cell.key
        if k in L.SECTION_HEADINGS:
            return i + 1
        if k in L.NUMBERING:
            walk.flush()  # 列次 | 1 | 2 | 3 …: the columns' numbers, not a row
            return _past_numbering(self.cells, i + 1)
        if L.is_indicator_heading(k):
            walk.flush()  # the header row repeated where a table continues on the next page
            return i + 1
        place = self._grid_place(cell)
        if place is not None:  # a grid says where the cell is: no guessing
            walk.grid(cell, place)
            return i + 1
        ahead = self.cells[i + 1 : i + 3]
        if not walk.level(cell, ahead[0].text if ahead else ""):
            walk.value(cell, ahead)
        return i + 1

    def _total_after(self, at: int) -> tuple[Decimal | None, str | None]:
        for j in range(at, min(at + 8, len(self.cells))):
            if self.cells[j].key in L.TOTAL:
                _, score, grade = self._total(j)
                self.provenance["total_score_stated"] = self.cells[j].location()
                return score, grade
        return None, None

    def _grid_place(self, cell: Cell) -> str | None:
        """一级 / 二级 / 三级 / 'value' / 'other' for a cell of a grid whose header columns are
        known; None when the source has no grid (text), so the heuristics decide."""
        if cell.column is None or "三级" not in self.level_columns or not self.header_columns:
            return None
        for level in ("一级", "二级", "三级"):
            if self.level_columns.get(level) == cell.column:
                return level
        if cell.column in self.header_columns.values():
            return "value"
        return "other"

    def _total_by_column(self, at: int) -> tuple[Decimal | None, Decimal | None, str | None] | None:
        """On a grid, the 总分 row's figures sit under the 分值 and 得分 headers."""
        weight_col = self.header_columns.get(L.Column.WEIGHT)
        score_col = self.header_columns.get(L.Column.SCORE)
        if self.cells[at].row is None or score_col is None:
            return None
        weight = score = None
        grade = None
        for c in _cells_of_row(self.cells, at):
            if is_grade_word(c.text):
                grade = c.text.strip()
            elif c.column == score_col:
                score = parse_decimal(c.text)
            elif c.column == weight_col:
                weight = parse_decimal(c.text)
        return weight, score, grade

    def _total(self, at: int) -> tuple[Decimal | None, Decimal | None, str | None]:
        """总分 row: weight sum and score, or the score alone; a lone number under 合计 is the
        weight sum (the 得分 cell left blank)."""
        by_column = self._total_by_column(at)
        if by_column is not None:
            return by_column
        numbers: list[Decimal] = []
        grade = None
        for c in self.cells[at + 1 : at + 5]:
            text = c.text.strip()
            if is_grade_word(text):
                grade = text
                break
            d = parse_decimal(text) if _PLAIN_NUMBER.match(text.replace(" ", "")) else None
            if d is None:
                break
            numbers.append(d)
        if len(numbers) >= 2:
            return numbers[0], numbers[1], grade
        if len(numbers) == 1:
            if self.cells[at].key == "合计":
                return numbers[0], None, grade
            return None, numbers[0], grade
        return None, None, grade


@dataclass
class _RowWalk:
    """The walk over an indicator table's cells: the 一级 / 二级 in force and the row being read."""

    cols: list[L.Column]
    header_columns: dict[L.Column, int]
    rows: list[Indicator] = field(default_factory=list)
    level1: str | None = None
    level2: str | None = None
    prev_level1: bool = False
    prev_level2: bool = False
    current: list[Cell] = field(default_factory=list)

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
            ind = _make_indicator(cur, self.cols, self.level1, self.level2, self.header_columns)
            if ind is not None:
                self.rows.append(ind)
        self.current = []

    def grid(self, cell: Cell, place: str) -> None:
        if place in ("一级", "二级", "三级"):
            self.flush()
        if place == "一级":
            self.level1, self.level2 = cell.text, None
        elif place == "二级":
            self.level2 = cell.text
        elif place == "三级" or self.current:
            self.current.append(cell)

    def level(self, cell: Cell, nxt_text: str) -> bool:
        """Take a 一级 or 二级 label (True), or leave the cell for a row (False)."""
        as_level = _level_of(cell.text, self.prev_level1, self.level1, nxt_text)
        if as_level == 1:
            self.flush()
            if L.is_level2(nxt_text) or self.level1 is not None:
                self.level2 = None
            self.level1, self.prev_level1 = cell.text, True
            return True
        self.prev_level1 = False
        followed_by_value = bool(nxt_text) and _value_like(nxt_text) and not _is_label(nxt_text)
        if as_level == 2 and not (self.prev_level2 and not self.current and followed_by_value):
            self.flush()
            self.level2, self.prev_level2 = cell.text, True
            return True
        self.prev_level2 = False
        return False

    def value(self, cell: Cell, ahead: list[Cell]) -> None:
        """A cell of a row: the next row's name, a value of this one, or a template mark."""
        k = cell.key
        nxt_text = ahead[0].text if ahead else ""
        template = is_placeholder(k) and (not self.current or is_template_mark(k))
        if template and not (is_template_name(k) and _value_like(nxt_text) and not _is_label(nxt_text)):
            self.flush()  # 指标2: / …… : the form's empty template rows
            return
        if self.current and _starts_new_row(self.current, cell, ahead, self.cols):
            self.flush()
            if is_placeholder(k):
                return
        self.current.append(cell)


def _read_scoring_sheet(cells: list[Cell]) -> tuple[list[ScoringItem], list[Subtotal], Decimal | None, str | None]:
    """The 投入/过程/产出/效果 评分表: ``投入: 20 19.80``, then 二级 names and ``item 3 3.00`` lines,
    ``综合得分: 100 99.80`` and ``评价结果等次: 优``."""
    start = next((i for i, c in enumerate(cells) if c.key in L.SCORING_SHEET), None)
    if start is None:
        return [], [], None, None
    sheet = _ScoringSheet(cells)
    i = start + 1
    while i < len(cells) and not _ends_scoring_sheet(cells[i].key):
        i = sheet.step(i)
    return sheet.items, sheet.subtotals, sheet.total, sheet.grade


def _ends_scoring_sheet(k: str) -> bool:
    return k in {"评价人员", "负责人"} or k.startswith("负责人")


@dataclass
class _ScoringSheet:
    """The state of reading a 评分表: the 一级 / 二级 in force and what was read."""

    cells: list[Cell]
    items: list[ScoringItem] = field(default_factory=list)
    subtotals: list[Subtotal] = field(default_factory=list)
    total: Decimal | None = None
    grade: str | None = None
    level1: str | None = None
    level2: str | None = None
    pending: list[int] = field(default_factory=list)
    """Items of the group read before its 二级 label (a centred merged cell)."""

    def numbers(self, at: int, n: int) -> list[Decimal]:
        out = []
        for c in self.cells[at + 1 : at + 1 + n]:
            d = parse_decimal(c.text) if _PLAIN_NUMBER.match(c.text.replace(" ", "")) else None
            if d is None:
                break
            out.append(d)
        return out

    def step(self, i: int) -> int:
        """One cell of the sheet; the index of the next cell to read."""
        cell, k = self.cells[i], self.cells[i].key
        if k in L.FRAMEWORK_LEVEL1:
            self.level1, self.level2, self.pending = k, None, []
            got = self.numbers(i, 2)
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
            got = self.numbers(i, 2)
            self.total = got[-1] if got else None
            return i + 1 + len(got)
        if k in L.SHEET_GRADE:
            if i + 1 < len(self.cells) and is_grade_word(self.cells[i + 1].text):
                self.grade = self.cells[i + 1].text.strip()
            return i + 2
        return self.line(i)

    def line(self, i: int) -> int:
        """An item with its weight and score, or a 二级 name."""
        cell, k = self.cells[i], self.cells[i].key
        got = self.numbers(i, 2)
        if len(got) == 2 and self.level1 is not None:
            item = ScoringItem(
                level1=self.level1,
                level2=self.level2,
                name=cell.text,
                weight=got[0],
                score=got[1],
                provenance={"name": cell.location()},
            )
            self.items.append(item)
            if self.level2 is None:
                self.pending.append(len(self.items) - 1)
            return i + 3
        if self.level1 is not None and not _PLAIN_NUMBER.match(k) and k not in L.LEVEL_HEADERS:
            self.level2 = cell.text
            for j in self.pending:
                self.items[j] = self.items[j].model_copy(update={"level2": self.level2})
            self.pending = []
        return i + 1


def _framework_rows(rows: list[Indicator]) -> bool:
    """Rows under the 部门整体 framework's own 一级 (投入, 过程, 决策), which a project table has not."""
    own = {level_name(w) for w in L.FRAMEWORK_LEVEL1} - set(dimensions()) - {"效果"}
    return any(level_name(r.level1 or "") in own for r in rows)


def _past_numbering(cells: list[Cell], at: int) -> int:
    """The first cell after a run of consecutive numbers 1, 2, 3 … (blank cells between allowed)."""
    expected = 1
    while at < len(cells) and (cells[at].text.strip() == str(expected) or is_dash(cells[at].text)):
        expected += cells[at].text.strip() == str(expected)
        at += 1
    return at


def _fill_level1_backwards(rows: list[Indicator]) -> None:
    """A 一级 label centred in a tall merged cell comes after its first rows: give them it."""
    first = next((r.level1 for r in rows if r.level1), None)
    if first is None:
        return
    for k, r in enumerate(rows):
        if r.level1:
            break
        rows[k] = r.model_copy(update={"level1": first})


def _filled(ind: Indicator) -> int:
    return len(ind.provenance) - 1


def _cut_short(rows: list[Indicator]) -> bool:
    """Is the last row visibly cut off: fewer cells than every other row of its table?"""
    if len(rows) < 2:
        return bool(rows) and _filled(rows[-1]) == 0
    return _filled(rows[-1]) < min(_filled(r) for r in rows[:-1])


def _cells_of_row(cells: list[Cell], at: int) -> list[Cell]:
    row = cells[at].row
    out = []
    for c in cells[at + 1 : at + 8]:
        if c.row != row or c.sheet != cells[at].sheet:
            break
        out.append(c)
    return out


def _order_columns(cols: list[L.Column]) -> list[L.Column]:
    """A two-row header (四川): 年度指标值 spans 指标性质 / 指标值 / 度量单位."""
    if L.Column.VALUE in cols and not {L.Column.NATURE, L.Column.UNIT} & set(cols):
        cols = [L.Column.TARGET if c is L.Column.VALUE else c for c in cols]
        return list(dict.fromkeys(cols))
    if L.Column.VALUE in cols:
        split = [c for c in (L.Column.NATURE, L.Column.VALUE, L.Column.UNIT) if c in cols]
        rest = [c for c in cols if c not in split]
        if L.Column.TARGET in rest:
            at = rest.index(L.Column.TARGET)
            return rest[:at] + split + rest[at + 1 :]
        return split + rest
    return cols


def _level_of(text: str, prev_level1: bool, level1: str | None, next_text: str = "") -> int:
    """1 or 2 for a level label, 0 for anything else.  ``满意度指标`` under ``满意度指标`` is 二级;
    ``成本指标`` is 二级 under 产出 (2020 table) unless 二级 labels follow it (101号 table)."""
    one, two = L.is_level1(text), L.is_level2(text)
    if one and two:
        if prev_level1:
            return 2
        k = L.key(text)
        if k.startswith("成本") and level1 is not None and not L.is_level2(next_text):
            return 2
        if "满意" in k and level1 is not None and "满意" in L.key(level1):
            return 2
        return 1
    if not one and not two and level1 is not None and declared_points(text) is not None and not _value_like(text):
        return 2  # a heading that states its points (预算配置(15分)) under a 一级: a 二级 of its own
    return 1 if one else 2 if two else 0


@lru_cache(maxsize=16_384)
def _value_like(text: str) -> bool:
    t = text.strip()
    if not t or is_dash(t):
        return True
    pv = parse_value(t)
    return pv.op is not Op.QUALITATIVE or len(t) <= 4 or bool(_RATE_PER.fullmatch(t))


_TEXT_COLUMNS = {L.Column.NOTE, L.Column.METHOD, L.Column.BASIS, L.Column.REMARK}


def _starts_new_row(current: list[Cell], cell: Cell, ahead: list[Cell], cols: list[L.Column]) -> bool:
    """Is this cell the next indicator's name rather than a value of the current row?"""
    nxt = ahead[0] if ahead else None
    filled = len(current) - 1
    value_cols = [c for c in cols if c not in _TEXT_COLUMNS]
    figures = sum(1 for c in current[1:] if not _looks_like_method(c.text))  # 得分计算方法 is text
    if filled >= len(cols) or is_template_name(cell.key):
        return True
    if nxt is None:
        return figures >= len(value_cols)  # the document ends: a cut-off name, not a note
    if figures >= len(value_cols):
        # only text columns are left: a note, unless figures follow (then it is a name) or, where a
        # text column comes first (评分标准), a text and then figures
        if L.Column.BASIS in cols and len(ahead) > 1 and cols.index(L.Column.BASIS) < len(value_cols):
            return not _value_like(nxt.text) and _value_like(ahead[1].text) and not _is_label(ahead[1].text)
        return _value_like(nxt.text) and not _is_label(nxt.text) and not is_template_mark(nxt.key)
    if L.Column.METHOD in cols and _looks_like_method(cell.text):
        return False
    if _value_like(cell.text) or (filled == 0 and not _TEXT_COLUMNS & set(cols)):
        return False  # in a table without text columns, the cell after a name is its target
    if filled >= 1 and cell.key == current[-1].key:
        return False  # the actual written as the target (严格按照标准发放到位 twice)
    if filled == 0 and _value_like(nxt.text) and not _is_label(nxt.text):
        return False  # a target written as a sentence, with the row's figures after it
    if not _TEXT_COLUMNS & set(cols):
        return True
    if _value_like(nxt.text) and not _is_label(nxt.text) and filled >= 2:
        return True
    return filled < 2 and L.Column.METHOD not in cols


def _looks_like_method(text: str) -> bool:
    """A 得分计算方法 cell: the scoring rule written out (宁夏 forms)."""
    return len(text) > 12 and any(w in text for w in ("记分", "计分", "定性指标", "定量指标", "三档", "该指标分值"))


_ALLOWED: dict[L.Column, Callable[[str], bool]] = {
    L.Column.WEIGHT: lambda t: bool(_PLAIN_NUMBER.match(t.replace(" ", "")) or _RATE.match(t.replace(" ", ""))),
    L.Column.SCORE: lambda t: bool(_PLAIN_NUMBER.match(t.replace(" ", ""))),
    L.Column.NATURE: lambda t: bool(re.fullmatch(r"[≥≤=<>≧≦═]+|正向|反向|定性|>=|<=", t.replace(" ", ""))),
    L.Column.UNIT: is_unit,
    L.Column.NOTE: lambda t: not _PLAIN_NUMBER.match(t.replace(" ", "")),
    L.Column.REMARK: lambda t: not _PLAIN_NUMBER.match(t.replace(" ", "")),
    L.Column.METHOD: _looks_like_method,
    L.Column.PROGRESS: lambda t: bool(_RATE.match(t.replace(" ", ""))),
    L.Column.RECHECK: lambda t: bool(_PLAIN_NUMBER.match(t.replace(" ", ""))),
    L.Column.SKIP: lambda t: len(t) <= 32 and " " not in t.strip(),
}
_SCORE = {
    L.Column.WEIGHT: 3,
    L.Column.SCORE: 3,
    L.Column.NATURE: 3,
    L.Column.UNIT: 2,
    L.Column.PROGRESS: 3,
    L.Column.METHOD: 2,
    L.Column.RECHECK: 3,
}


@lru_cache(maxsize=65_536)
def _fit(col: L.Column, text: str) -> int | None:
    allowed = _ALLOWED.get(col)
    if allowed is not None and not allowed(text):
        return None
    if col is L.Column.WEIGHT and _RATE.match(text.replace(" ", "")):
        return 1  # a weight written as 20% is possible, a target of 100% far likelier
    if col in _SCORE:
        return _SCORE[col]
    if col in (L.Column.NOTE, L.Column.REMARK):
        return 1
    return 2 if _value_like(text) else 1


def align(values: Sequence[str], cols: Sequence[L.Column]) -> dict[L.Column, int] | None:
    """Match values to columns in order, each value to one column, by what the values look
    like; the best-scoring match wins (dynamic programming over a handful of cells)."""
    n, m = len(values), len(cols)
    if n == m:  # every column taken in order: the only full match there is
        return {col: k for k, col in enumerate(cols)} if all(map(_fit, cols, values)) else None
    NEG = -(10**6)
    best = [[NEG] * (m + 1) for _ in range(n + 1)]
    choice: list[list[tuple[int, int, bool] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        best[0][j] = 0
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            skip = best[i][j - 1]
            if skip > best[i][j]:
                best[i][j], choice[i][j] = skip, (i, j - 1, False)
            fit = _fit(cols[j - 1], values[i - 1])
            if fit is not None and best[i - 1][j - 1] > NEG and best[i - 1][j - 1] + fit > best[i][j]:
                best[i][j], choice[i][j] = best[i - 1][j - 1] + fit, (i - 1, j - 1, True)
    if best[n][m] <= NEG // 2:
        return None
    out: dict[L.Column, int] = {}
    i, j = n, m
    while i > 0 and j > 0:
        step = choice[i][j]
        if step is None:
            break
        pi, pj, took = step
        if took:
            out[cols[j - 1]] = i - 1
        i, j = pi, pj
    return out if len(out) == n else None


@lru_cache(maxsize=4_096)
def _parent_level1(level1: str | None, level2: str | None) -> str | None:
    """A 一级 label centred in a merged cell can land above the wrong rows: 数量指标 under
    满意度指标.  When the 二级 says otherwise, the 二级's own dimension wins."""
    if level1 is None or level2 is None:
        return level1
    want = dimension_of_level2(level2)
    have = level_name(level1)
    if want is None or have not in dimensions() or have == want:
        return level1
    return f"{want}指标"


def _make_indicator(
    cells: list[Cell],
    cols: list[L.Column],
    level1: str | None,
    level2: str | None,
    header_columns: dict[L.Column, int] | None = None,
) -> Indicator | None:
    name_cell = cells[0]
    got = _row_columns(cells[1:], cols, header_columns)

    def text(col: L.Column) -> str | None:
        c = got.get(col)
        return None if c is None or is_dash(c.text) or is_placeholder(c.key) else c.text

    def number(col: L.Column) -> Decimal | None:
        t = text(col)
        if t is not None and col is L.Column.WEIGHT and _RATE.match(t.replace(" ", "")):
            return parse_decimal(t.replace("%", ""))  # 权重 20% of a 100-point table: 20 points
        return None if t is None else parse_decimal(t)

    target = text(L.Column.TARGET)
    if L.Column.VALUE in got:
        sign = text(L.Column.NATURE)
        sign = sign if sign is not None and _SIGN.fullmatch(sign.replace(" ", "")) else None  # not 定性 / 正向
        target = "".join(t for t in (sign, text(L.Column.VALUE), text(L.Column.UNIT)) if t)
    prov = {"name": name_cell.location()}
    for col, c in got.items():
        prov[col.value] = c.location()
    progress = text(L.Column.PROGRESS)
    return Indicator(
        not_applicable=_not_applicable(got),
        level1=_parent_level1(level1, level2),
        level2=level2,
        name=name_cell.text,
        target=target or None,
        actual=text(L.Column.ACTUAL),
        weight=number(L.Column.WEIGHT),
        score=number(L.Column.SCORE),
        deviation_note=text(L.Column.NOTE),
        nature=text(L.Column.NATURE),
        unit=text(L.Column.UNIT),
        progress_stated=None if progress is None else parse_decimal(progress),
        recheck_score=number(L.Column.RECHECK),
        remark=text(L.Column.REMARK),
        provenance=prov,
    )


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
    """A row marked 不适用, or whose target and actual are both the form's '/' mark."""
    texts = [c.text.strip() for c in got.values()]
    if any(t == "不适用" for t in texts):
        return True
    marks = [got[col].text.strip() for col in (L.Column.TARGET, L.Column.ACTUAL) if col in got]
    return len(marks) == 2 and all(m in ("/", "／") for m in marks)


def _unglue_fund_row(
    values: list[str | None], header: list[L.FundColumn], doubt: DoubtSink | None = None
) -> list[str | None]:
    """Figures run together by a page's text (``202010100.00%``, ``86000.0086000.0085120.001098.98%9.9``).

    Every cut of the run into the header's columns is a candidate; the table's own arithmetic
    (rate = 执行数 ÷ 预算数, score = 分值 × 执行率, score ≤ 分值) picks one.  Two readings equally
    good are a doubt: the run is left unread (no figure is better than a guessed one).
    """
    if not values or values[0] is None or L.FundColumn.RATE not in header or "%" not in values[0]:
        return values
    run, rest = values[0].replace(" ", ""), values[1:]
    at = header.index(L.FundColumn.RATE)
    before = [c.value for c in header[:at]]
    after = [c.value for c in header[at + 1 : max(at + 1, len(header) - len(rest))]]
    if not before or _LONE_RATE.match(run):
        return values  # a rate standing on its own (98.98%) is not a run
    known = _known_figures(rest, header[len(header) - len(rest) :])
    candidates = [c | known for c in arithmetic.fund_row_readings(run, before, after)]
    if not candidates:
        return values
    amounts = [c for c in before if c in _AMOUNT_NAMES]
    choice = arithmetic.choose(candidates, arithmetic.fund_row_checks(amounts))
    if choice.reading is None or choice.close:
        if choice.close and doubt is not None:
            doubt(run, [_show_reading(c) for c in [choice.reading, *choice.ties] if c is not None])
        return [None] * len(values) if choice.close else values
    r = choice.reading
    figures = [str(r[n]) for n in before] + [f"{r['rate']}%"] + [str(r[n]) for n in after]
    return [*figures, *rest]


def _known_figures(texts: list[str | None], cols: list[L.FundColumn]) -> dict[str, Decimal]:
    """The figures already standing in cells of their own, by column, for the checks."""
    out = {}
    for col, text in zip(cols, texts, strict=False):
        d = None if text is None else parse_decimal(text.rstrip("%"))
        if d is not None:
            out[col.value] = d
    return out


_LONE_RATE = re.compile(r"^\d{1,3}(?:\.\d+)?%$")
_AMOUNT_NAMES = {L.FundColumn.INITIAL.value, L.FundColumn.ADJUSTED.value, L.FundColumn.EXECUTED.value}

DoubtSink = Callable[[str, list[str]], None]
"""Told of a run of figures that two readings fit equally: the run and the readings."""


def _show_reading(reading: dict[str, Decimal]) -> str:
    return " | ".join(f"{_FUND_NAMES.get(k, k)} {v}" for k, v in reading.items())


_FUND_NAMES = {
    "initial_budget": "年初预算数",
    "adjusted_budget": "全年预算数",
    "executed": "全年执行数",
    "weight": "分值",
    "rate": "执行率(%)",
    "score": "得分",
}


def _assign_fund_row(
    values: list[str | None], header: list[L.FundColumn], doubt: DoubtSink | None = None
) -> dict[L.FundColumn, Decimal | None]:
    """Numbers after 年度资金总额, matched to the header: amounts, then 分值, 执行率, 得分.

    Rows often give fewer numbers than the header has columns (a blank 年初预算数, a blank
    执行率); a percentage fixes where the rate is, and missing amounts are the leading ones.
    """
    amounts = [c for c in header if c in (L.FundColumn.INITIAL, L.FundColumn.ADJUSTED, L.FundColumn.EXECUTED)]
    if not amounts:
        amounts = [L.FundColumn.ADJUSTED, L.FundColumn.EXECUTED]
    values = _unglue_fund_row(values, header, doubt)
    out: dict[L.FundColumn, Decimal | None] = {}
    if len(values) == len(header) and header:
        for col, v in zip(header, values, strict=True):
            out[col] = _fund_number(v)
        return out
    rate_at = next((k for k, v in enumerate(values) if v is not None and _RATE.match(v.replace(" ", ""))), None)
    if rate_at is not None:
        before = values[:rate_at]
        weight_first = L.FundColumn.WEIGHT in header and (
            L.FundColumn.RATE not in header or header.index(L.FundColumn.WEIGHT) < header.index(L.FundColumn.RATE)
        )
        if weight_first and len(before) > 1:
            out[L.FundColumn.WEIGHT] = _fund_number(before[-1])
            before = before[:-1]
        out[L.FundColumn.RATE] = _fund_number(values[rate_at])
        after = header[header.index(L.FundColumn.RATE) + 1 :] if L.FundColumn.RATE in header else []
        after = [c for c in after if c not in out] or [L.FundColumn.SCORE]
        for col, v in zip(after, values[rate_at + 1 :], strict=False):
            out[col] = _fund_number(v)
        tail = amounts[-len(before) :] if before else []
        for col, v in zip(tail, before[-len(tail) :] if tail else [], strict=True):
            out[col] = _fund_number(v)
        return out
    taken = values[: len(amounts)]
    for col, v in zip(amounts[len(amounts) - len(taken) :], taken, strict=True):
        out[col] = _fund_number(v)
    rest = values[len(amounts) :]
    others = [c for c in header if c not in amounts and c is not L.FundColumn.RATE] or [
        L.FundColumn.WEIGHT,
        L.FundColumn.SCORE,
    ]
    for col, v in zip(others, rest, strict=False):
        out[col] = _fund_number(v)
    return out


def _fund_number(text: str | None) -> Decimal | None:
    return None if text is None else parse_decimal(text)


def _cut_off(kind: TableKind, cells: list[Cell], indicators: list[Indicator], total: Decimal | None) -> bool:
    """Does the source end inside the table?

    A self-evaluation ends with its 总分 line.  A target form (申报表, 批复表) has no total: it
    is whole when a 满意度 row or the form's footer (signatures, a web page's footer) is there.
    """
    if kind is TableKind.PERFORMANCE_TARGETS:
        last_is_satisfaction = bool(indicators) and "满意" in (indicators[-1].level1 or "") + (
            indicators[-1].level2 or ""
        )
        return not last_is_satisfaction and not any(m in c.key for c in cells for m in L.FORM_END)
    return total is None and not any(c.key in L.TOTAL for c in cells)


def extract_table(cells: list[Cell], file: str, table: int, document_year: int | None) -> Evaluation:
    """Read one table's cells into an evaluation (stated values only; nothing is scored here)."""
    reader = _Reader(cells, file, table)
    title_cell = _title_cell(cells)
    kind = reader.kind(" ".join(c.text for c in cells[:4]) if title_cell is None else title_cell.text)
    funds, rate, exec_weight, exec_score = reader.funds(kind)
    indicators, columns, total_score, grade = reader.indicators()
    truncated = _cut_off(kind, cells, indicators, total_score)  # a 自评得分 at the top does not close the table
    if total_score is None:
        total_score, where = reader.self_score()
        if where is not None:
            reader.provenance["total_score_stated"] = where
    if kind is TableKind.PROJECT_SELF_EVALUATION and _framework_rows(indicators):
        kind = TableKind.DEPARTMENT_OVERALL  # 投入 / 过程 / 决策 rows: a 部门整体 评分表 with no title
    items, subtotals, sheet_total, sheet_grade = _read_scoring_sheet(cells)
    if items:
        total_score = total_score if total_score is not None else sheet_total
        grade = grade or sheet_grade
    ev = Evaluation(
        kind=kind,
        year=reader.year(document_year),
        project_name=reader.value_after(L.PROJECT_NAME, "project_name"),
        department=reader.first_value(L.DEPARTMENT_ORDER, "department"),
        implementing_unit=reader.value_after(L.IMPLEMENTING_UNIT, "implementing_unit"),
        project_attribute=reader.value_after(L.PROJECT_ATTRIBUTE, "project_attribute"),
        project_period=reader.value_after(L.PROJECT_PERIOD, "project_period"),
        funds=funds,
        execution_rate_stated=rate,
        execution_weight=exec_weight,
        execution_score_stated=exec_score,
        goals=reader.goals(),
        indicators=indicators,
        columns=[c.value for c in columns],
        scoring_items=items,
        subtotals_stated=subtotals,
        total_score_stated=total_score,
        grade_stated=grade,
        source=Source(
            file=file,
            table=table,
            title=(title_cell or cells[0]).text if cells else None,
            location=(title_cell or cells[0]).location() if cells else None,
        ),
        truncated=truncated,
        provenance=reader.provenance,
        doubts=reader.doubts,
    )
    return ev


def _title_cell(cells: list[Cell]) -> Cell | None:
    """The table's title (…自评表, …目标表, 评分表): the first one before its first label, so a
    web page's breadcrumb above it is passed over."""
    for c in cells[:40]:
        if _is_label(c.text) or c.key in L.PROJECT_NAME:
            return None
        if _TITLE.search(c.text) and len(c.text) <= 60:
            return c
    return None


def document_year(cells: Sequence[Cell]) -> int | None:
    for c in cells[:40]:
        m = _YEAR.search(c.text)
        if m:
            return int(m.group(1))
    return None


class UnreadTable(UserWarning):
    """A table recognised by its title (…自评表, …目标表) with nothing after it that could be
    read: reported by name rather than dropped without a word."""


def _unread_titles(cells: Sequence[Cell], spans: list[tuple[int, int]]) -> list[Cell]:
    """Titles neither inside a table that was read nor just above one."""
    out = []
    for i, c in enumerate(cells):
        if len(c.text) > 40 or not _TITLE.search(c.text):
            continue
        if not any(s - 20 <= i < e for s, e in spans):
            out.append(c)
    return out


def extract(cells: Sequence[Cell], file: str) -> list[Evaluation]:
    """Every table in a document's cells, in order.  A titled table that cannot be read is
    reported as an ``UnreadTable`` warning naming it and where it is."""
    merged = merge_wrapped(split_label_values(cells))
    year = document_year(merged)
    spans = split_tables(merged)
    for title in _unread_titles(merged, spans):
        where = title.location().place()
        warnings.warn(
            UnreadTable(
                f"文件 {file}：{where}识别到“{title.text}”，但未能读出其中的表格（没有找到项目名称、资金或绩效指标）"
            ),
            stacklevel=2,
        )
    return [extract_table(merged[s:e], file, n, year) for n, (s, e) in enumerate(spans, start=1)]
