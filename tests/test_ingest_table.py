"""The context the section readers share (jixiao.ingest.table)."""

from __future__ import annotations

from jixiao.ingest.cells import Cell
from jixiao.ingest.settings import Settings
from jixiao.ingest.table import Table, cells_of_row
from jixiao.model.evaluation import Location


def table(*texts: str, **settings: int) -> Table:
    return Table([Cell(t, line=n) for n, t in enumerate(texts, start=1)], "t.txt", 1, settings=Settings(**settings))


def test_numbers_after_a_label_up_to_numbers_ahead_cells() -> None:
    t = table("年度资金总额", "1", "-", "3", "4", "说明", "5")
    assert t.numbers_after(0) == ["1", None, "3", "4"]  # a dash is an empty figure; a word ends the run
    assert table("年度资金总额", "1", "2", "3", numbers_ahead=2).numbers_after(0) == ["1", "2"]


def test_value_after_passes_over_a_blank_field_to_the_next_label_with_a_value() -> None:
    t = table("中央主管部门", "地方主管部门", "某局", "项目名称", "某项目")
    assert t.first_value(["中央主管部门", "地方主管部门"], "department") == "某局"
    assert t.value_after({"项目名称"}, "project_name") == "某项目"
    assert t.provenance == {"department": Location(line=3), "project_name": Location(line=5)}


def test_a_blank_field_before_a_field_label_no_layout_names_stays_blank() -> None:
    # 业务主管单位 is read by its words (主管 … 单位): a label, never the blank 项目名称's value
    t = table("项目名称", "业务主管单位", "某局", "用款单位", "某中心")
    assert t.value_after({"项目名称"}, "project_name") is None
    assert t.provenance == {}
    assert t.labels_a_field("业务主管单位") and t.labels_a_field("用款单位")
    assert not t.labels_a_field("某局") and not t.labels_a_field("某中心")
    assert not t.labels_a_field("本表由项目执行单位")  # longer than field_word_max_chars: a clause
    assert table("项目名称", "某主管单位办公楼维修").value_after({"项目名称"}, "project_name") == "某主管单位办公楼维修"


def test_a_doubt_names_the_run_its_readings_and_the_cell() -> None:
    t = table("年度资金总额", "202010100.00%")
    t.doubt_sink("funds", t.cells[1])("202010100.00%", ["a", "b"])
    [doubt] = t.doubts
    assert (doubt.field, doubt.reading, doubt.alternatives, doubt.location) == (
        "funds",
        None,
        ["a", "b"],
        Location(line=2),
    )
    assert doubt.reason == "“202010100.00%”是连写的数字，按表内勾稽关系有不止一种同样成立的拆分，未取值"


def test_the_cells_of_a_grid_row_up_to_ahead() -> None:
    grid = [Cell("合计", row=5, column=0), Cell("100", row=5, column=1), Cell("95", row=5, column=2), Cell("x", row=6)]
    assert [c.text for c in cells_of_row(grid, 0, 7)] == ["100", "95"]
    assert [c.text for c in cells_of_row(grid, 0, 1)] == ["100"]
    other_sheet = [Cell("合计", row=5, sheet="a"), Cell("1", row=5, sheet="b")]
    assert cells_of_row(other_sheet, 0, 7) == []


def test_the_doubt_messages_name_what_is_unsure() -> None:
    from jixiao.ingest import messages

    assert (
        messages.lone_amount("其中：财政拨款", "5", 3)
        == "“其中：财政拨款”一行只有一个数 5，表头有 3 个金额栏，分不清是哪一栏，未取值"
    )
    assert messages.total_readings(100) == ["总分 100", "分值合计 100"]
    assert messages.show_reading({"adjusted_budget": 20, "rate": 100}) == "全年预算数 20 | 执行率(%) 100"


def test_paragraphs_of_one_cell_each_hold_one_cell_a_line_wherever_their_source_lines_are() -> None:
    """A web page's paragraphs (a row without column each, the page's source one line): one cell a
    line, so a header's cells in them stand together; a grid's cells never do."""
    texts = ["一级指标", "二级指标", "三级指标", "计划指标值", "完成值", "分值", "得分",
             "产出指标", "数量指标", "某指标", "10个", "10个", "20", "20"]  # fmt: skip
    blocks = Table([Cell(x, line=1, row=n) for n, x in enumerate(texts)], "t.html", 1)
    assert blocks.lines_hold_one_cell
    assert blocks.header_together(blocks.cells[3], blocks.cells[4])
    spaced = Table([Cell(x, line=1, row=n // 7) for n, x in enumerate(texts)], "t.html", 1)
    assert not spaced.lines_hold_one_cell  # paragraphs of seven cells each: a row a paragraph
    grid = Table([Cell(x, line=1, row=n, column=0) for n, x in enumerate(texts)], "t.html", 1)
    assert not grid.lines_hold_one_cell and not grid.header_together(grid.cells[3], grid.cells[4])
