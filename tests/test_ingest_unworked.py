"""A figure left empty for a reason the reader knows — a formula saved without its result that is
not worked out (``=IF(…)``, another sheet's cell), words where a number belongs — is a doubt
naming its cell, never a silent empty (issue 12: a wrong value is worse than an empty one, and an
empty one the user is not told of reads as "not filled in")."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.ingest import read
from jixiao.ingest.formulas import worked_out
from jixiao.ingest.sections.refused import unworked_formulas
from jixiao.model.evaluation import Evaluation, Indicator, Location, Source
from tests.conftest import SHARED


def _seed_book(tmp_path: Path) -> tuple[Path, Evaluation]:
    from tests.documents import write_xlsx

    (seed,) = (SHARED / "seeds").glob("004_*.txt")
    path = tmp_path / "改过的.xlsx"
    write_xlsx(read(seed)[0], path)
    (before,) = read(path)[:1]
    assert before.doubts == []
    return path, before


def _rewrite(path: Path, cells: dict[str, object]) -> Evaluation:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    sheet = wb["自评表"]
    for at, value in cells.items():
        sheet[at] = value
    wb.save(path)
    (after,) = read(path)[:1]
    return after


def _seen(ev: Evaluation) -> list[tuple[str, str, str | None]]:
    return [(d.field, d.reason, d.location.cell if d.location else None) for d in ev.doubts]


def test_worked_out_keeps_apart_the_formulas_it_cannot_work_out() -> None:
    values = [(1, 1, 2.0)]
    formulas = {(1, 2): "A1*3", (1, 3): "IF(A1>1,1,0)", (1, 4): "其他!A1", (1, 5): "B1+C1"}
    cells, left = worked_out(values, formulas)
    assert cells == [(1, 1, 2.0), (1, 2, 6.0)]
    assert left == {(1, 3): "IF(A1>1,1,0)", (1, 4): "其他!A1", (1, 5): "B1+C1"}


@pytest.mark.parametrize("formula", ["=IF(G13>0,G13,0)", "=评分!B3", "=VLOOKUP(D13,A1:H9,8,0)"])
def test_an_unworked_score_formula_is_a_doubt_on_its_cell(tmp_path: Path, formula: str) -> None:
    """The 得分 of the first row written as a formula with no saved result: left empty (never a
    guess), the other figures read as before, a doubt naming H13 and the formula."""
    path, before = _seed_book(tmp_path)
    after = _rewrite(path, {"H13": formula})
    assert (after.indicators[0].score, after.indicators[0].weight) == (None, Decimal(5))
    assert after.indicators[1:] == before.indicators[1:]
    reason = f"“得分”所在的单元格 H13 是未保存计算结果的公式（{formula}），无法读出数值，未取值"
    assert _seen(after) == [("indicators[0].score", reason, "H13")]
    assert after.doubts[0].location == Location(row=13, column=8, cell="H13", sheet="自评表")


def test_a_formula_worked_out_is_its_figure_and_no_doubt(tmp_path: Path) -> None:
    path, _before = _seed_book(tmp_path)
    after = _rewrite(path, {"H21": "=G21-0.07"})
    assert (after.indicators[8].score, after.doubts) == (Decimal("4.93"), [])


def test_every_score_a_formula_each_row_a_doubt(tmp_path: Path) -> None:
    """No row's score read, so the score column is not known from the other rows: on each row the
    one formula left is the one figure the table has and the row lacks."""
    path, before = _seed_book(tmp_path)
    after = _rewrite(path, {f"H{r}": f"=IF(G{r}>0,G{r},0)" for r in range(13, 27)})
    assert [i.score for i in after.indicators] == [None] * 14
    assert [i.weight for i in after.indicators] == [i.weight for i in before.indicators]
    assert [(f, c) for f, _r, c in _seen(after)] == [(f"indicators[{k}].score", f"H{k + 13}") for k in range(14)]


def test_unworked_formulas_in_the_funds_and_total_rows(tmp_path: Path) -> None:
    path, before = _seed_book(tmp_path)
    after = _rewrite(path, {"E6": "=IF(1,296.26,0)", "H27": "=SUM(评分!H13:H26)", "K40": "=IF(1,2,3)"})
    assert after.funds is not None and before.funds is not None
    assert (after.funds.executed, after.funds.adjusted_budget) == (None, before.funds.adjusted_budget)
    assert after.total_score_stated is None
    assert _seen(after) == [
        ("funds", "单元格 E6 是未保存计算结果的公式（=IF(1,296.26,0)），无法读出数值，未取值", "E6"),
        ("total_score_stated", "单元格 H27 是未保存计算结果的公式（=SUM(评分!H13:H26)），无法读出数值，未取值", "H27"),
    ]  # K40 stands outside the table's rows: it says nothing of the table


@pytest.mark.parametrize(("written", "doubt"), [
    ("待定", "“得分”写作“待定”：不是数字，未读作数字"),
    ("九分", "“得分”写作“九分”：不是数字，未读作数字"),
    ("/", None),
    ("不适用", None),
    ("—", None),
])  # fmt: skip
def test_words_in_a_score_cell_are_a_doubt_and_a_placeholder_is_not(
    tmp_path: Path, written: str, doubt: str | None
) -> None:
    path, _before = _seed_book(tmp_path)
    after = _rewrite(path, {"H13": written})
    assert after.indicators[0].score is None
    assert _seen(after) == ([("indicators[0].score", doubt, "H13")] if doubt else [])


UNWORKED = "是未保存计算结果的公式（{}），无法读出数值，未取值"


def _at(column: int, row: int) -> Location:
    return Location(row=row, column=column, cell=f"{'ABCDEFGH'[column - 1]}{row}", sheet="表")


def test_unworked_formulas_placed_by_the_column_of_the_other_rows() -> None:
    """Row 5's weight (column G of the other rows) and a formula in a column no figure has (a row
    doubt); a formula on a row of no indicator says nothing."""
    rows = [
        Indicator(name="甲", weight=Decimal(5), score=Decimal(5),
                  provenance={"name": _at(4, 4), "weight": _at(7, 4), "score": _at(8, 4)}),
        Indicator(name="乙", score=Decimal(4), provenance={"name": _at(4, 5), "score": _at(8, 5)}),
    ]  # fmt: skip
    ev = Evaluation(
        indicators=rows, columns=["weight", "score"], source=Source(file="x.xlsx", table=1, location=_at(1, 1))
    )
    got = unworked_formulas(ev, {(5, 7): "IF(1,5,0)", (5, 3): "其他!C5", (30, 7): "IF(1,1,1)"})
    assert [(d.field, d.location.cell if d.location else None, d.reason) for d in got.doubts] == [
        ("indicators[1]", "C5", "单元格 C5 是未保存计算结果的公式（=其他!C5），无法读出数值，未取值"),
        ("indicators[1].weight", "G5", f"“分值”所在的单元格 G5 {UNWORKED.format('=IF(1,5,0)')}"),
    ]
    assert unworked_formulas(ev, {(30, 7): "IF(1,1,1)"}) is ev
