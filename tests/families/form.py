"""A truth table laid out as a grid: the national form (财预〔2020〕10号) and the switches the
layout families turn — header cells written ``标签：值``, funds transposed or as label/value
pairs, the target split over 指标性质 | 指标值 | 度量单位, 复核得分 and 备注 columns, 行次 and
列次 numbers, an ID column, the indicator rows continued in a second table without their header.

A ``Grid`` is rows of cell texts with merged ranges (r1, c1, r2, c2; 0-based, inclusive), as
Word, Excel and HTML hold a ruled table; ``formats`` writes it in each file format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from tests.families.truth import Truth

Merge = tuple[int, int, int, int]


@dataclass
class Grid:
    """A ruled table: ``rows`` all of one width; ``hidden`` columns are hidden in a spreadsheet;
    ``numeric`` columns are stored as numbers in a spreadsheet (the rest as text)."""

    rows: list[list[str]] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    hidden: frozenset[int] = frozenset()
    numeric: frozenset[int] = frozenset()

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    def covered(self) -> set[tuple[int, int]]:
        """Positions inside a merged range other than its top-left cell."""
        out: set[tuple[int, int]] = set()
        for r1, c1, r2, c2 in self.merges:
            out |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - {(r1, c1)}
        return out

    def visible_rows(self) -> list[list[str]]:
        """Each row's cells as printed: a merged range's text once, in its top-left cell."""
        covered = self.covered()
        return [[t for c, t in enumerate(row) if (r, c) not in covered] for r, row in enumerate(self.rows)]


@dataclass(frozen=True)
class Labels:
    """The words of one form's labels (each family may vary them)."""

    title: str = "项目支出绩效自评表"
    project: str = "项目名称"
    department: str = "主管部门"
    unit: str = "实施单位"
    funds: str = "项目资金（万元）"
    total_funds: str = "年度资金总额"
    initial: str = "年初预算数"
    adjusted: str = "全年预算数"
    executed: str = "全年执行数"
    weight: str = "分值"
    rate: str = "执行率"
    score: str = "得分"
    goals: str = "年度总体目标"
    indicators: str = "绩效指标"
    level1: str = "一级指标"
    level2: str = "二级指标"
    name: str = "三级指标"
    target: str = "年度指标值"
    actual: str = "实际完成值"
    note: str = "偏差原因分析及改进措施"
    total: str = "总分"
    row_weight: str | None = None
    """The indicator table's 分值 header where it differs from the funds block's."""
    row_score: str | None = None
    """The indicator table's 得分 header where it differs from the funds block's."""


@dataclass(frozen=True)
class Style:
    """The switches of the layout families; the default is the national form."""

    labels: Labels = Labels()
    header: str = "cells"  # cells | label_value (one cell per field) | label_value_one (all in one cell)
    funds: str = "rows"  # rows | transposed | pairs
    split_target: bool = False  # 四川: 指标性质 | 指标值 | 度量单位 under 年度指标值
    review: bool = False  # 复核得分 after 得分, 备注 at the end
    row_numbers: bool = False  # a 行次 column and a 列次 row
    ids: bool = False  # an ID column before everything (hidden in a spreadsheet)
    continued_after: int | None = None  # indicator rows after this many go on in a second table
    recheck: tuple[str, ...] = ()  # the 复核得分 of each row, as written
    remarks: tuple[str, ...] = ()  # the 备注 of each row
    id_of: tuple[str, ...] = ()  # the ID of each indicator row


SOURCES = ("其中：当年财政拨款", "上年结转资金", "其他资金")


def number(value: Any) -> str:
    """A truth value as the table writes it: ``387664.62``, ``20``; empty for None."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(Decimal(repr(value)))
    return str(value)


def percent(rate: Any) -> str:
    """0.9875 → ``98.75%`` (a fraction written as the form's percentage)."""
    if rate is None:
        return ""
    d = Decimal(repr(rate)) if isinstance(rate, float) else Decimal(rate)
    text = f"{d * 100:f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text) + "%"


_TARGET = re.compile(r"^(?P<op>[≥≤=<>≧≦═＝＞＜]+|大于等于|小于等于|大于|小于|等于)?(?P<num>\d+(?:\.\d+)?)(?P<unit>.*)$")


def split_target(target: str | None) -> tuple[str, str, str]:
    """A target over the 四川 columns 指标性质 | 指标值 | 度量单位; text that is not a figure is 定性."""
    if not target:
        return "", "", ""
    m = _TARGET.match(target.strip())
    if m is None or any(ch.isdigit() for ch in m["unit"]):  # a date or a period is not a figure with a unit
        return "定性", target, ""
    return m["op"] or "", m["num"], m["unit"].strip()


class _Builder:
    """Rows appended one by one, every row as wide as the grid."""

    def __init__(self, width: int, prefix: int) -> None:
        self.grid = Grid()
        self.width = width
        self.prefix = prefix  # columns before the form's own (行次, ID)

    def row(self, cells: list[str], lead: list[str] | None = None) -> int:
        lead = lead if lead is not None else [""] * self.prefix
        body = cells + [""] * (self.width - self.prefix - len(cells))
        self.grid.rows.append(lead + body)
        return len(self.grid.rows) - 1

    def merge(self, r1: int, c1: int, r2: int, c2: int) -> None:
        """Merge in form coordinates (after the prefix columns)."""
        if (r1, c1) != (r2, c2):
            self.grid.merges.append((r1, c1 + self.prefix, r2, c2 + self.prefix))

    def span_to_end(self, r: int, c: int) -> None:
        self.merge(r, c, r, self.width - self.prefix - 1)


def columns(style: Style) -> list[tuple[str, str]]:
    """The indicator block's columns (key, header), after its 绩效指标 label column."""
    lb = style.labels
    cols = [("level1", lb.level1), ("level2", lb.level2), ("name", lb.name)]
    if style.split_target:
        cols += [("nature", "指标性质"), ("value", "指标值"), ("unit", "度量单位")]
    else:
        cols.append(("target", lb.target))
    score = "自评得分" if style.review else lb.row_score or lb.score
    cols += [("actual", lb.actual), ("weight", lb.row_weight or lb.weight), ("score", score)]
    if style.review:
        cols.append(("recheck", "复核得分"))
    cols.append(("note", lb.note))
    if style.review:
        cols.append(("remark", "备注"))
    return cols


def layout(truth: Truth, style: Style = Style()) -> list[Grid]:
    """The form as one grid, or two when the indicator rows are continued in a second table."""
    cols = columns(style)
    prefix = int(style.row_numbers) + int(style.ids)
    b = _Builder(width=prefix + 1 + len(cols), prefix=prefix)
    _title(b, truth, style)
    _header(b, truth, style)
    {"rows": _funds_rows, "transposed": _funds_transposed, "pairs": _funds_pairs}[style.funds](b, truth, style)
    _goals(b, truth, style)
    first = _indicators(b, truth, style, cols)
    grids = [b.grid]
    if style.continued_after is not None and first < len(truth.rows):
        b2 = _Builder(width=b.width, prefix=prefix)
        b2.grid = Grid()
        _indicator_rows(b2, truth, style, cols, first, len(truth.rows))
        grids.append(b2.grid)
        _total(b2, truth, style, len(cols))
    else:
        _total(b, truth, style, len(cols))
    numeric = _numeric_columns(style, prefix, cols)
    hidden = frozenset({int(style.row_numbers)}) if style.ids else frozenset()
    return [replace(g, numeric=numeric, hidden=hidden) for g in grids]


def _numeric_columns(style: Style, prefix: int, cols: list[tuple[str, str]]) -> frozenset[int]:
    keys = {"weight", "score", "recheck"}
    return frozenset(prefix + 1 + k for k, (key, _h) in enumerate(cols) if key in keys)


def _title(b: _Builder, truth: Truth, style: Style) -> None:
    r = b.row([style.labels.title])
    b.span_to_end(r, 0)
    if truth.data.get("year"):
        r = b.row([f"（{truth.data['year']}年度）"])
        b.span_to_end(r, 0)


def _header(b: _Builder, truth: Truth, style: Style) -> None:
    lb, d = style.labels, truth.data
    project, dept, unit = d.get("project_name") or "", d.get("department") or "", d.get("implementing_unit") or ""
    n = b.width - b.prefix
    if style.header == "cells":
        r = b.row([lb.project, project])
        b.span_to_end(r, 1)
        half = max(2, n // 2)
        r = b.row([lb.department, dept] + [""] * (half - 2) + [lb.unit, unit])
        b.merge(r, 1, r, half - 1)
        b.span_to_end(r, half + 1)
    elif style.header == "label_value":
        r = b.row([f"{lb.project}：{project}"])
        b.span_to_end(r, 0)
        half = n // 2
        r = b.row([f"{lb.department}：{dept}"] + [""] * (half - 1) + [f"{lb.unit}：{unit}"])
        b.merge(r, 0, r, half - 1)
        b.span_to_end(r, half)
    else:
        r = b.row([f"{lb.project}：{project}    {lb.department}：{dept}    {lb.unit}：{unit}"])
        b.span_to_end(r, 0)


def _funds_rows(b: _Builder, truth: Truth, style: Style) -> None:
    lb, d = style.labels, truth.data
    first = b.row([lb.funds, "", lb.initial, lb.adjusted, lb.executed, lb.weight, lb.rate, lb.score])
    b.span_to_end(first, 7)
    r = b.row(["", lb.total_funds, number(truth.funds("initial_budget")), number(truth.funds("adjusted_budget")),
               number(truth.funds("executed")), number(d.get("execution_weight")),
               percent(d.get("execution_rate_stated")), number(d.get("execution_score_stated"))])  # fmt: skip
    b.span_to_end(r, 7)
    for name, initial, adjusted, executed in _sources(truth):
        r = b.row(["", name, number(initial), number(adjusted), number(executed), "—", "—", "—"])
        b.span_to_end(r, 7)
    b.merge(first, 0, len(b.grid.rows) - 1, 0)


def _sources(truth: Truth) -> list[tuple[str, Any, Any, Any]]:
    if truth.sources:
        return [(("其中：" if k == 0 else "") + s[0], *s[1:]) for k, s in enumerate(truth.sources)]
    return [(name, None, None, None) for name in SOURCES]


def _funds_transposed(b: _Builder, truth: Truth, style: Style) -> None:
    """Sources across, 年初 / 全年 / 执行 down; the execution line's three figures in a row of pairs."""
    lb, d = style.labels, truth.data
    sources = _sources(truth)
    first = b.row([lb.funds, "", lb.total_funds, *[s[0] for s in sources]])
    for k, (label, key) in enumerate(((lb.initial, "initial_budget"), (lb.adjusted, "adjusted_budget"),
                                      (lb.executed, "executed"))):  # fmt: skip
        b.row(["", label, number(truth.funds(key)), *[number(s[k + 1]) for s in sources]])
    r = b.row(["", lb.weight, number(d.get("execution_weight")), lb.rate, percent(d.get("execution_rate_stated")),
               lb.score, number(d.get("execution_score_stated"))])  # fmt: skip
    for row in range(first, r + 1):
        used = 3 + len(sources) if row < r else 7
        b.span_to_end(row, used - 1)
    b.merge(first, 0, r, 0)


def _funds_pairs(b: _Builder, truth: Truth, style: Style) -> None:
    """Each figure after its label in the next cell: ``年初预算数 | 300 | 全年预算数 | 300 | …``."""
    lb, d = style.labels, truth.data
    first = b.row([lb.funds, f"{lb.initial}", number(truth.funds("initial_budget")), lb.adjusted,
                   number(truth.funds("adjusted_budget")), lb.executed, number(truth.funds("executed"))])  # fmt: skip
    b.span_to_end(first, 6)
    r = b.row(["", lb.weight, number(d.get("execution_weight")), lb.rate, percent(d.get("execution_rate_stated")),
               lb.score, number(d.get("execution_score_stated"))])  # fmt: skip
    b.span_to_end(r, 6)
    b.merge(first, 0, r, 0)


def _goals(b: _Builder, truth: Truth, style: Style) -> None:
    if not truth.goals:
        return
    n = b.width - b.prefix
    half = max(2, (n + 1) // 2)
    first = b.row([style.labels.goals, "预期目标"] + [""] * (half - 2) + ["实际完成情况"])
    for expected, actual in truth.goals:
        b.row(["", expected] + [""] * (half - 2) + [actual])
    for r in range(first, len(b.grid.rows)):
        b.merge(r, 1, r, half - 1)
        b.span_to_end(r, half)
    b.merge(first, 0, len(b.grid.rows) - 1, 0)


def _indicators(b: _Builder, truth: Truth, style: Style, cols: list[tuple[str, str]]) -> int:
    """The header row(s) and the rows of the first table; returns the index of the first row left over."""
    lead = (["行次"] if style.row_numbers else []) + (["ID"] if style.ids else [])
    if style.split_target:
        top = [style.labels.indicators] + [
            Labels.target if key == "nature" else ("" if key in {"value", "unit"} else h) for key, h in cols
        ]
        r = b.row(top, lead)
        b.row(["", *[h if key in {"nature", "value", "unit"} else "" for key, h in cols]], [""] * b.prefix)
        at = next(k for k, (key, _h) in enumerate(cols) if key == "nature") + 1
        b.merge(r, at, r, at + 2)
        for k, (key, _h) in enumerate(cols, start=1):
            if key not in {"nature", "value", "unit"}:
                b.merge(r, k, r + 1, k)
        for p in range(b.prefix):
            b.grid.merges.append((r, p, r + 1, p))
    else:
        r = b.row([style.labels.indicators, *[h for _k, h in cols]], lead)
    if style.row_numbers:
        b.row(["", *[str(k) for k in range(1, len(cols) + 1)]], ["列次"] + ([""] if style.ids else []))
    end = len(truth.rows) if style.continued_after is None else min(style.continued_after, len(truth.rows))
    _indicator_rows(b, truth, style, cols, 0, end)
    b.merge(r, 0, len(b.grid.rows) - 1, 0)
    return end


def _cell(truth: Truth, style: Style, k: int, key: str) -> str:
    row = truth.rows[k]
    if key in {"nature", "value", "unit"}:
        return split_target(row.get("target"))[("nature", "value", "unit").index(key)]
    if key == "recheck":
        return style.recheck[k] if k < len(style.recheck) else ""
    if key == "remark":
        return style.remarks[k] if k < len(style.remarks) else ""
    value = row.get("deviation_note" if key == "note" else key)
    return number(value) if key in {"weight", "score"} else (value or "")


def _indicator_rows(b: _Builder, truth: Truth, style: Style, cols: list[tuple[str, str]], a: int, z: int) -> None:
    start = len(b.grid.rows)
    for k in range(a, z):
        lead = ([str(k + 1)] if style.row_numbers else []) + (
            [style.id_of[k] if k < len(style.id_of) else ""] if style.ids else []
        )
        b.row(["", *[_cell(truth, style, k, key) for key, _h in cols]], lead)
    for column, key in ((1, "level1"), (2, "level2")):
        values = [
            (truth.rows[k].get("level1"), truth.rows[k].get(key)) if key == "level2" else truth.rows[k].get(key)
            for k in range(a, z)
        ]
        for s, e in _runs(values):
            if e > s and truth.rows[a + s].get(key):
                b.merge(start + s, column, start + e, column)
                for r in range(start + s + 1, start + e + 1):
                    b.grid.rows[r][b.prefix + column] = ""


def _runs(values: list[Any]) -> list[tuple[int, int]]:
    """(start, end) of runs of equal values: the rows one merged label covers."""
    out, start = [], 0
    for k in range(1, len(values) + 1):
        if k == len(values) or values[k] != values[start]:
            out.append((start, k - 1))
            start = k
    return out


def _total(b: _Builder, truth: Truth, style: Style, ncols: int) -> None:
    d = truth.data
    weights = [row.get("weight") for row in truth.rows] + [d.get("execution_weight")]
    known = [Decimal(number(w)) for w in weights if w is not None]
    at = next(k for k, (key, _h) in enumerate(columns(style), start=1) if key == "weight")
    grade = d.get("grade_stated") or ""
    r = b.row([style.labels.total] + [""] * (at - 1) + [number(sum(known)) if known else "",
                                                       number(d.get("total_score_stated")), grade])  # fmt: skip
    b.merge(r, 0, r, at - 1)
    b.span_to_end(r, at + 2)  # the grade after the total, as the forms write it (总分 | 100 | 96 | 优)
