"""A page that begins inside the indicator table below the rows that carried its level labels:
rows recognised by their values alone (``sections.fitting.scored_rows``), on invented rows."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest.assemble import extract
from jixiao.ingest.cells import Cell, text_cells
from jixiao.ingest.sections.fitting import headerless_rows, scored_rows


def _cells(rows: list[list[str]]) -> list[Cell]:
    return [Cell(t, line=n) for n, row in enumerate(rows, start=1) for t in row]


def test_rows_of_a_name_and_values_are_indicator_rows() -> None:
    rows = [["某设施维护面积", "30万亩", "31万亩", "10", "10"], ["某病害发生率", "≤1%", "0.5%", "10", "9.5"]]
    assert scored_rows(_cells(rows))
    assert headerless_rows(_cells([*rows, ["总分", "20", "19.5"]]))


def test_a_row_scored_above_its_weight_or_a_label_of_the_form_is_no_such_row() -> None:
    assert not scored_rows(_cells([["某设施维护面积", "30万亩", "31万亩", "10", "12"]]))
    assert not scored_rows(_cells([["年度资金总额", "300", "300", "10", "10"]]))
    assert not scored_rows(_cells([["某设施维护面积", "30万亩"], ["说明如下", "某段较长的文字说明了情况的来龙去脉"]]))


def test_a_page_cut_below_its_labels_reads_its_rows() -> None:
    lines = [
        "某设施维护面积 | 30万亩 | 31万亩 | 10 | 10 |",
        "某病害发生率 | ≤1% | 0.5% | 10 | 9.5 |",
        "总分 | 20 | 19.5 |",
    ]
    [ev] = extract(text_cells("\n".join(lines)), "x.txt")
    got = [(r.name, r.target, r.actual, r.weight, r.score) for r in ev.indicators]
    assert got == [
        ("某设施维护面积", "30万亩", "31万亩", Decimal(10), Decimal(10)),
        ("某病害发生率", "≤1%", "0.5%", Decimal(10), Decimal("9.5")),
    ]
