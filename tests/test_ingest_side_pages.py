"""A sheet printed wider than its paper (no fit-to-page): the pages of its right-hand columns are
put back beside the rows they continue; a table continued down the next page is not (probe 4,
issue 12).  Names and figures invented."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.ingest import read
from jixiao.ingest.pdf import Page
from jixiao.ingest.side_pages import Shape, beside, join
from tests.families.form import layout
from tests.test_ingest_office_probes import _truth

TOPS = (100.0, 115.0, 145.0, 160.0, 190.0)
"""Row tops of rows of different heights (15, 30, 15, 30 points): a wrapped cell makes a row tall."""


def _page(number: int, tops: tuple[float, ...], columns: tuple[float, ...], rows: list[list[str]]) -> Page:
    bottom = tops[-1] + 15
    shape = Shape(tuple(zip(tops, (*tops[1:], bottom), strict=True)), columns)
    return Page(number, "", [(bottom, rows)], "", shapes=[shape])


LEFT = _page(1, TOPS, (50.0, 150.0, 300.0), [["一级指标", "三级指标"], ["产出指标", "新建蓄水池"],
                                             ["", "改造管网"], ["效益指标", "受益人数"], ["", "运行年限"]])  # fmt: skip


def test_a_page_of_further_columns_at_the_rows_heights_is_put_beside_them() -> None:
    right = _page(2, (*TOPS, 205.0), (50.0, 120.0, 200.0), [["分值", "得分"], ["15", "15"], ["15", "14"],
                                                            ["20", "20"], ["10", "10"], ["100", "95"]])  # fmt: skip
    assert beside(LEFT, right)
    (page,) = join([LEFT, right])
    assert page.tables[0][1] == [
        ["一级指标", "三级指标", "分值", "得分"],
        ["产出指标", "新建蓄水池", "15", "15"],
        ["", "改造管网", "15", "14"],
        ["效益指标", "受益人数", "20", "20"],
        ["", "运行年限", "10", "10"],
        ["", "", "100", "95"],  # a row merged across the cut on the left: its cells there unruled
    ]
    assert page.tables[0][0] == 220.0 and [t for t, _b in page.shapes[0].rows] == [*TOPS, 205.0]


def test_a_table_continued_down_the_next_page_is_not_put_beside() -> None:
    """Rows one line high each, at the same heights on both pages, and the same columns: a table
    going on down the page, as likely as a strip of further columns — left as it is."""
    first = _page(1, EVEN, (50.0, 150.0, 300.0), [["a", "b"]] * 5)
    down = _page(2, EVEN, (50.0, 150.0, 300.0), [["c", "d"]] * 5)
    assert not beside(first, down)
    assert join([first, down]) == [first, down]


EVEN = (100.0, 115.0, 130.0, 145.0, 160.0)
"""Rows one line high each."""


def test_a_strip_of_even_rows_and_columns_is_told_by_its_other_headers() -> None:
    """Columns of one width and rows of one line: the strip's header row (年度指标值 | 实际完成值)
    stands at the height of the left-hand header row (一级指标 | 二级指标), other headers."""
    first = _page(1, EVEN, (50.0, 150.0, 250.0), [["一级指标", "二级指标"]] + [["产出指标", "数量指标"]] * 4)
    strip = _page(2, EVEN, (50.0, 150.0, 250.0), [["年度指标值", "实际完成值"]] + [["≥6座", "6座"]] * 4)
    assert beside(first, strip)
    assert join([first, strip])[0].tables[0][1][0] == ["一级指标", "二级指标", "年度指标值", "实际完成值"]


def test_a_header_printed_again_over_a_table_going_on_down_is_no_strip() -> None:
    first = _page(1, EVEN, (50.0, 150.0, 250.0), [["一级指标", "二级指标"]] + [["产出指标", "数量指标"]] * 4)
    down = _page(2, EVEN, (50.0, 150.0, 250.0), [["一级指标", "二级指标"]] + [["效益指标", "社会效益指标"]] * 4)
    assert not beside(first, down)


def test_a_table_going_on_down_with_fewer_columns_and_its_header_again_is_no_strip() -> None:
    """The next page holds the indicator rows alone (some of the first page's column edges fall
    away with the funds' rows) and prints their header again, at the height of the first page's
    funds header: its edges are the first page's and its headers are on the first page."""
    first = _page(1, EVEN, (50.0, 100.0, 150.0, 250.0), [["项目资金", "年初预算数", "全年执行数"],
                  ["", "120", "112.8"], ["一级指标", "二级指标", "三级指标"], ["产出指标", "数量指标", "a"],
                  ["", "质量指标", "b"]])  # fmt: skip
    down = _page(2, EVEN, (50.0, 150.0, 250.0), [["一级指标", "二级指标"]] + [["效益指标", "c"]] * 4)
    assert not beside(first, down)


def test_too_few_rows_at_the_heights_are_no_strip() -> None:
    right = _page(2, TOPS[:3], (50.0, 120.0, 200.0), [["分值", "得分"], ["15", "15"], ["15", "14"]])
    assert not beside(LEFT, right)  # three rows: fewer than side_page_min_rows
    stray = _page(2, (*TOPS[:4], 400.0, 420.0, 440.0), (50.0, 120.0, 200.0), [["x", "y"]] * 7)
    assert not beside(LEFT, stray)  # four of seven rows: under side_page_min_share


def test_a_wide_sheet_printed_without_fit_to_page_reads_as_one_table(tmp_path: Path) -> None:
    """The national form in a workbook of wide columns, printed to PDF by LibreOffice without
    fit-to-page: the 分值 / 得分 / 偏差原因 columns on the pages after the first.  Before: the
    project name and 总分 lost, and the strips' rows read as more indicator rows (wrong names)."""
    from openpyxl import Workbook
    from openpyxl.styles import Border, Side
    from openpyxl.utils import get_column_letter

    from tests.families.formats import convert

    (grid,) = layout(_truth())
    wb = Workbook()
    ws = wb.active
    thin = Side(style="thin")
    for r, row in enumerate(grid.rows, 1):
        for c, text in enumerate(row, 1):
            cell = ws.cell(row=r, column=c, value=text or None)
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for r1, c1, r2, c2 in grid.merges:
        ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    for k, width in enumerate((14, 22, 20, 24, 26, 22, 12, 12, 36), 1):
        ws.column_dimensions[get_column_letter(k)].width = width
    wb.save(tmp_path / "wide.xlsx")
    convert([tmp_path / "wide.xlsx"], ".pdf", tmp_path)
    (ev,) = read(tmp_path / "wide.pdf")
    assert (ev.project_name, ev.department, ev.year) == ("高素质农民培训", "青石县农业农村局", 2023)
    assert ev.funds is not None and (ev.funds.adjusted_budget, ev.funds.executed) == (Decimal(120), Decimal("112.8"))
    assert (ev.execution_score_stated, ev.total_score_stated) == (Decimal("9.4"), Decimal("97.9"))
    assert ev.grade_stated == "优"
    assert [(i.name, i.weight, i.score, i.deviation_note) for i in ev.indicators] == [
        ("培训农民人次", 25, 25, None),
        ("培训合格率", 15, Decimal("13.5"), "部分学员缺考"),
        ("人均增收", 20, 20, None),
        ("带动产业发展", 10, 10, None),
        ("学员满意度", 20, 20, None),
    ]
