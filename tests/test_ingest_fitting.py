"""Rows checked against their table (jixiao.ingest.sections.fitting): the column order of rows
with no header, and rows short of values read again when their weights cannot add up."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest import labels
from jixiao.ingest.assemble import extract
from jixiao.ingest.cells import Cell, text_cells
from jixiao.ingest.labels import Column
from jixiao.ingest.sections.fitting import headerless_rows, left_mapping, row_fit

SPLIT = [Column.NATURE, Column.VALUE, Column.UNIT, Column.ACTUAL, Column.WEIGHT, Column.SCORE, Column.NOTE]
NATIONAL = [Column.TARGET, Column.ACTUAL, Column.WEIGHT, Column.SCORE, Column.NOTE]


def test_a_split_target_fits_its_own_order_better() -> None:
    values = ["≥", "90", "%", "93", "10"]
    assert row_fit(values, SPLIT) > row_fit(values, NATIONAL)
    assert tuple(SPLIT) in labels.COLUMN_ORDERS and tuple(NATIONAL) in labels.COLUMN_ORDERS


def test_a_short_row_read_left_to_right_leaves_its_last_cells_blank() -> None:
    mapping = left_mapping(["=", "6", "万元", "6", "5"], SPLIT)
    assert mapping == {Column.NATURE: 0, Column.VALUE: 1, Column.UNIT: 2, Column.ACTUAL: 3, Column.WEIGHT: 4}
    assert left_mapping(["很好", "x", "y", "z", "w", "v", "u", "t"], NATIONAL) is None


def test_rows_without_a_header_are_told_from_a_narrative() -> None:
    rows = [Cell(t) for t in ["某率", "≥", "90", "%", "93", "10", "成本指标", "某成本", "=", "6", "万元", "6", "5"]]
    rows += [Cell(t) for t in ["效益指标", "社会效益指标", "某效益", "≥", "95", "%", "96", "10", "合计", "100"]]
    assert headerless_rows(rows)
    prose = [Cell(t) for t in ["产出指标完成较好", "产出指标", "效益指标", "满意度指标", "资金使用规范", "合计"]]
    assert not headerless_rows(prose)
    assert not headerless_rows(rows[:-2])  # no 合计 after them


def test_a_page_that_begins_inside_a_split_target_table() -> None:
    text = "\n".join(
        [
            "某及时率 | = | 100 | % | 100 | 5 |",
            "|",
            "成本指标 | 某成本预算 | = | 6 | 万元 | 6 | 5 |",
            "另一成本预算 | = | 5 | 万元 | 5 | 5 |",
            "效益指标 | 社会效益指标 | 某处置率 | ≥ | 90 | % | 91 | 10 |",
            "可持续影响指标 | 某机制健全性 | 定性 | 优良中低差 |",
            "| 优 | 10 |",
            "合计 | 100 |",
        ]
    )
    [ev] = extract(text_cells(text), "x.txt")
    got = [(r.level1, r.level2, r.name, r.target, r.actual, r.weight, r.score) for r in ev.indicators]
    assert got == [
        (None, None, "某及时率", "=100%", "100", Decimal(5), None),
        (None, "成本指标", "某成本预算", "=6万元", "6", Decimal(5), None),
        (None, "成本指标", "另一成本预算", "=5万元", "5", Decimal(5), None),
        ("效益指标", "社会效益指标", "某处置率", "≥90%", "91", Decimal(10), None),
        ("效益指标", "可持续影响指标", "某机制健全性", "优良中低差", "优", Decimal(10), None),
    ]
    assert ev.total_score_stated is None
