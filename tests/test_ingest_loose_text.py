"""A PDF page's text in no ruled cell: put in the row and column it is printed in, or read before
the table it stands above (probe 4, issue 12).  Figures invented."""

from __future__ import annotations

from typing import Any

from jixiao.ingest.loose_text import Piece, pieces, place
from jixiao.ingest.pdf import Page
from jixiao.ingest.side_pages import Shape


def _chars(text: str, x0: float, top: float, width: float = 8.0) -> list[dict[str, Any]]:
    return [{"text": ch, "x0": x0 + k * width, "x1": x0 + (k + 1) * width, "top": top, "bottom": top + 8,
             "upright": True} for k, ch in enumerate(text)]  # fmt: skip


def test_pieces_are_the_runs_of_characters_no_cell_holds() -> None:
    """Characters in a cell are the cell's; the others, below the first table's top, make runs
    broken at gaps wider than pdf_loose_gap (6 points); the text above the table is not looked at."""
    table = ((50.0, 100.0, 450.0, 160.0), [(50.0, 100.0, 150.0, 120.0)])
    chars = (_chars("标题", 60, 80) + _chars("项目名称", 55, 105) + _chars("某项目", 160, 105)
             + _chars("甲", 200, 125) + _chars("乙", 210, 125) + _chars("丙", 300, 125))  # fmt: skip
    found = pieces(chars, [table])
    assert [(p.text, p.x0, p.top) for p in found] == [("某项目", 160.0, 105.0), ("甲乙", 200.0, 125.0),
                                                      ("丙", 300.0, 125.0)]  # fmt: skip


def _page(loose: list[Piece]) -> Page:
    first = Shape(((100.0, 120.0), (120.0, 140.0)), (50.0, 150.0, 450.0))
    second = Shape(((200.0, 220.0),), (50.0, 150.0, 450.0))
    tables = [(140.0, [["项目名称", ""], ["总分", "96"]]), (220.0, [["主管部门", "某局"]])]
    return Page(1, "", tables, "", shapes=[first, second], loose=loose)


def test_a_piece_goes_into_the_empty_cell_it_is_printed_in() -> None:
    page = place(_page([Piece(104, 112, 160, 200, "某项目"), Piece(124, 132, 160, 200, "95")]))
    assert page.tables[0][1] == [["项目名称", "某项目"], ["总分", "96"]]  # the 总分 cell holds its own: kept
    assert (page.loose, page.between) == ([], {})


def test_pieces_between_two_tables_are_the_lower_ones_opening_text() -> None:
    loose = [Piece(160, 168, 60, 200, "项目支出绩效自评表"), Piece(175, 183, 60, 120, "（2024年度）"),
             Piece(175, 183, 300, 340, "单位：万元"), Piece(300, 308, 60, 90, "第1页")]  # fmt: skip
    page = place(_page(loose))
    assert page.between == {1: "项目支出绩效自评表\n（2024年度） 单位：万元"}  # the page's foot is let go


def test_a_piece_left_before_the_strips_are_joined_stays_loose() -> None:
    """Not final: a piece below the first table is kept for the row a strip of further columns may
    bring, not yet read as the next table's opening text."""
    piece = Piece(145, 153, 60, 90, "总分")
    page = place(_page([piece]), final=False)
    assert (page.loose, page.between) == ([piece], {})
