"""The funds' other shapes (jixiao/ingest/fund_shapes.py): label / value pairs and transposed blocks."""

from __future__ import annotations

from decimal import Decimal as D

from jixiao.ingest.cells import Cell
from jixiao.ingest.labels import FundColumn as C
from jixiao.ingest.sections import fund_shapes as F


def _text(*texts: str) -> list[Cell]:
    return [Cell(t, line=1) for t in texts]


def _grid(*rows: list[str]) -> list[Cell]:
    """Cells of a grid as a source gives them: empty cells are not cells."""
    return [Cell(t, row=r, column=c) for r, row in enumerate(rows) for c, t in enumerate(row) if t]


def test_pairs_are_labels_followed_by_their_figure() -> None:
    cells = _text("项目资金（万元）", "年初预算数", "300.00", "全年预算数", "300", "全年执行数", "296.26",
                  "分值", "10", "执行率", "98.75%", "得分", "9.88")  # fmt: skip
    got = {col: v for col, (v, _c) in F.label_pairs(cells, 0, len(cells)).items()}
    assert got == {C.INITIAL: D("300.00"), C.ADJUSTED: D(300), C.EXECUTED: D("296.26"), C.WEIGHT: D(10),
                   C.RATE: D("0.9875"), C.SCORE: D("9.88")}  # fmt: skip


def test_a_label_without_its_figure_is_no_pair() -> None:
    """An empty 年初预算数 cell is gone from text: the next label is no figure of it."""
    cells = _text("年初预算数", "全年预算数", "300", "全年执行数", "—", "分值", "执行率", "得分")
    got = {col: v for col, (v, _c) in F.label_pairs(cells, 0, len(cells)).items()}
    assert got == {C.ADJUSTED: D(300), C.EXECUTED: None}


def test_a_header_row_is_not_transposed() -> None:
    national = _text("年度资金总额", "300", "300", "296.26", "10", "98.75%", "9.88")
    assert not F.is_transposed(national, 0, len(national))
    empty_total = _text("年度资金总额", "其中：当年财政拨款", "300", "300")
    assert not F.is_transposed(empty_total, 0, len(empty_total))


def test_transposed_text_with_a_figure_per_column() -> None:
    cells = _text("年度资金总额", "其中：当年财政拨款", "上年结转资金", "年初预算数", "300.00", "300", "0",
                  "全年预算数", "300.00", "300", "—", "全年执行数", "296.26", "296.26", "0", "分值", "10")  # fmt: skip
    assert F.is_transposed(cells, 0, len(cells))
    got = F.read_transposed(cells, 0, len(cells))
    assert got.total == {C.INITIAL: D("300.00"), C.ADJUSTED: D("300.00"), C.EXECUTED: D("296.26")}
    assert [(name, row) for name, _c, row in got.sources] == [
        ("当年财政拨款", {C.INITIAL: D(300), C.ADJUSTED: D(300), C.EXECUTED: D("296.26")}),
        ("上年结转资金", {C.INITIAL: D(0), C.ADJUSTED: None, C.EXECUTED: D(0)}),
    ]
    assert cells[got.end].text == "分值"


def test_transposed_text_short_of_figures_is_reported_not_guessed() -> None:
    cells = _text("年度资金总额", "其中：当年财政拨款", "上年结转资金", "年初预算数", "300", "0",
                  "全年执行数", "296.26", "296.26", "0")  # fmt: skip
    short: list[tuple[str, int, int]] = []
    got = F.read_transposed(cells, 0, len(cells), lambda c, n, k: short.append((c.text, n, k)))
    assert short == [("年初预算数", 2, 3)]
    assert got.total == {C.EXECUTED: D("296.26")}
    assert got.sources[0][2] == {C.EXECUTED: D("296.26")}


def test_transposed_grid_matches_figures_by_column() -> None:
    cells = _grid(
        ["项目资金", "", "年度资金总额", "其中：当年财政拨款", "其他资金"],
        ["", "年初预算数", "", "300", ""],
        ["", "全年执行数", "296.26", "296.26", "0"],
    )
    at = next(i for i, c in enumerate(cells) if c.text == "年度资金总额")
    got = F.read_transposed(cells, at, len(cells))
    assert got.total == {C.EXECUTED: D("296.26")}
    assert [row for _n, _c, row in got.sources] == [{C.INITIAL: D(300), C.EXECUTED: D("296.26")},
                                                   {C.EXECUTED: D(0)}]  # fmt: skip
