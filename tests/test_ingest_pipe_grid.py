"""Pipe rows placed in their header's columns (ingest/pipe_grid): invented rows, exact placements."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.ingest import read
from jixiao.ingest.cells import text_cells
from jixiao.ingest.normalise import join_fixed_width, pipe_cells
from jixiao.ingest.pipe_grid import Header, header_of, is_pipe_rows, pieces, pipe_grid, place, stream_grid

HEAD = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
        "偏差原因分析及改进措施"]  # fmt: skip
FUNDS = ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]


def test_pieces_keep_empty_cells_and_drop_the_closing_pipes() -> None:
    assert pieces("| 名称 |  | 5 |") == ["名称", "", "5"]
    assert pieces("名称|") is None


def test_a_row_not_opened_by_a_pipe_ends_with_an_empty_cell_where_it_ends_with_one() -> None:
    assert pieces("名称 | 5 | 4 |") == ["名称", "5", "4", ""]
    assert pieces("名称 | 5 | ||") == ["名称", "5", "", "", ""]


KEY = ["一级指标", "二级指标", "三级指标", "指标解释", "评分标准", "分值", "得分", "扣分原因"]


def test_an_unknown_level2_beside_a_known_level1_stands_in_its_column() -> None:
    # 某管理环节 is no 二级 the vocabulary knows; 决策 is a 一级 in the first column: the row fits
    h = header_of(KEY)
    assert h is not None and (h.anchor, h.levels) == (2, 2)
    row = ["决策", "某管理环节", "某项目制度", "有无制度", "健全得5分", "5", "4", "制度不全"]
    assert place(row, h) == [(c, k) for k, c in enumerate(row)]
    # a known 一级 in the 二级 column does not fit there
    assert place(["某目标", "决策", "某项目制度", "有无制度", "健全得5分", "5", "4", "制度不全"], h) is None


def test_unknown_level_labels_in_a_row_as_wide_as_its_header_stand_in_the_level_columns() -> None:
    # the row keeps the empty cell under 绩效指标; its 一级 and 二级 are words no vocabulary knows
    h = header_of(HEAD)
    assert h is not None and (h.anchor, h.levels) == (3, 2)
    row = ["", "年度绩效目标(定性指标)", "管理指标", "档案管理是否规范", "", "", "15", "", ""]
    assert place(row, h) == [("年度绩效目标(定性指标)", 1), ("管理指标", 2), ("档案管理是否规范", 3), ("15", 6)]
    # a text under 绩效指标 is no empty cell of a merged column: the row is left to the text reading
    assert place(["某说明", *row[1:]], h) is None


def test_a_total_row_written_as_long_as_its_header_keeps_its_columns() -> None:
    h = header_of(KEY)
    assert h is not None
    assert place(["总分", "", "", "", "", "54", "51", ""], h) == [("总分", 0), ("54", 5), ("51", 6)]
    assert place(["总分", "54", "51"], h) == [("总分", 4), ("54", 5), ("51", 6)]  # its label merged over the columns


def test_is_pipe_rows_needs_most_lines_to_hold_cells_between_pipes() -> None:
    assert is_pipe_rows(["| a | b |", "| c | d |", "说明"])
    assert not is_pipe_rows(["a|", "b|", "| c | d |"])


def test_indicator_header_anchors_at_its_name_column() -> None:
    h = header_of(HEAD)
    assert h is not None
    assert (h.rows, h.anchor, h.after, h.total, h.levels) == ("indicator", 3, 5, 5, 2)


def test_funds_header_anchors_left_of_its_first_amount() -> None:
    h = header_of(FUNDS)
    assert h is not None and (h.rows, h.anchor, h.after) == ("funds", 1, 6)
    assert header_of(["项目名称", "某项目"]) is None


def test_a_row_without_its_merged_labels_is_placed_by_its_name() -> None:
    h = header_of(HEAD)
    assert h is not None
    # 4 is the score: the empty cell before it is the weight's
    assert place(["某指标", "100%", "100%", "", "4", ""], h) == [("某指标", 3), ("100%", 4), ("100%", 5), ("4", 7)]
    assert place(["数量指标", "某指标", "=2个", "2个", "5", "5", ""], h) == [
        ("数量指标", 2), ("某指标", 3), ("=2个", 4), ("2个", 5), ("5", 6), ("5", 7)
    ]  # fmt: skip


def test_a_row_padded_at_its_end_is_placed_and_a_short_one_is_not() -> None:
    h = header_of(HEAD)
    assert h is not None
    assert place(["产出指标", "数量指标", "某指标", "2个", "2个", "5", "5", "", "", ""], h) == [
        ("产出指标", 1), ("数量指标", 2), ("某指标", 3), ("2个", 4), ("2个", 5), ("5", 6), ("5", 7)
    ]  # fmt: skip
    assert place(["某指标", "2个", "2个", "5"], h) is None  # broken over lines: its columns are not known
    assert place(["某指标", "2个", "2个", "5", "5", "", "多余"], h) is None


def test_an_unknown_level_label_is_counted_back_from_the_rows_end() -> None:
    h = header_of(HEAD)
    assert h is not None
    row = ["某某目标(定量)", "制度类", "规章制度建立与否", "", "", "20", "", ""]
    assert place(row, h) == [("某某目标(定量)", 1), ("制度类", 2), ("规章制度建立与否", 3), ("20", 6)]


def test_a_lone_level1_before_a_name_is_not_put_in_the_level2_column() -> None:
    h = header_of(HEAD)
    assert h is not None
    assert place(["产出指标", "某指标", "2个", "2个", "5", "5", ""], h) is None


def test_the_total_row_stands_left_of_the_weight_column() -> None:
    h = header_of(HEAD)
    assert h is not None
    assert place(["总分", "100", "92", "优"], h) == [("总分", 5), ("100", 6), ("92", 7), ("优", 8)]
    assert place(["总分", "71.7"], Header("indicator", 3, 5)) is None  # no 分值 column: read as text


def test_fund_rows_are_placed_by_their_label() -> None:
    h = header_of(FUNDS)
    assert h is not None
    assert place(["年度资金总额", "", "2.38", "2.38", "", "", "20"], h) == [
        ("年度资金总额", 1), ("2.38", 3), ("2.38", 4), ("20", 7)
    ]  # fmt: skip
    assert place(["年度总体目标", "预期目标", "实际完成情况"], h) is None


def test_pipe_grid_maps_only_header_and_placed_rows() -> None:
    lines = ["| 项目名称 | 某项目 |", "| " + " | ".join(HEAD) + " |",
             "| 产出指标 | 数量指标 | 某指标 | 2个 | 2个 | 5 | 5 |  |", "| 某指标二 | 3个 | 3个 | 5 |  |  |",
             "| 总分 | 10 | 5 |  |"]  # fmt: skip
    grid = pipe_grid(lines)
    assert sorted(grid) == [1, 2, 3, 4]
    assert grid[3] == [("某指标二", 3), ("3个", 4), ("3个", 5), ("5", 6)]


def test_cells_one_per_line_are_grouped_back_into_rows() -> None:
    lines = [f"{h}|" for h in HEAD] + ["产出指标|", "数量指标|", "某指标|", "2个|", "|", "|", "|", "|",
                                       "某指标二|", "3个|", "3个|", "5|", "4|", "|", "总分|", "5|"]  # fmt: skip
    got = stream_grid(pipe_cells(lines, keep_empty=True))
    rows = [(t, r, c) for t, _n, r, c in got]
    assert rows[9:13] == [("产出指标", 10, 1), ("数量指标", 10, 2), ("某指标", 10, 3), ("2个", 10, 4)]
    assert rows[13:18] == [("某指标二", 18, 3), ("3个", 18, 4), ("3个", 18, 5), ("5", 18, 6), ("4", 18, 7)]
    assert rows[18:] == [("总分", None, None), ("5", None, None)]


def test_text_cells_of_pipe_rows_carry_their_columns() -> None:
    text = "\n".join(["| " + " | ".join(HEAD) + " |", "| 产出指标 | 数量指标 | 某指标 | 2个 | 2个 |  | 5 |  |"])
    cells = text_cells(text)
    assert [(c.text, c.column) for c in cells[9:]] == [
        ("产出指标", 1), ("数量指标", 2), ("某指标", 3), ("2个", 4), ("2个", 5), ("5", 7)
    ]  # fmt: skip


def test_cells_closed_by_their_pipe_are_no_lines_broken_at_a_width() -> None:
    lines = ["某某某某某某某某|", "五十元|", "某某某某某某某某|", "九十元|", "某某某某某某某某|", "一百元|"]
    assert join_fixed_width(lines) == lines


def test_pipe_rows_of_one_width_are_no_lines_broken_at_it() -> None:
    # rows not closed by a pipe, two of them as long as each other: the second opens a row of its own
    lines = [" | 某环节(6分) | 某某指标 | 某某说明 | 4 | 3 | 某原因", " |  | 某指标乙 | 某说明乙某 | 2 | 2 | "] * 3
    assert join_fixed_width(lines) == lines


def test_a_table_s_rows_are_cut_as_its_header_is_written() -> None:
    # the header opens with no pipe: a pipe a row opens with closes its empty first cell (a merged 一级)
    lines = [
        "一级指标 | 二级指标 | 三级指标 | 指标解释 | 评分标准 | 分值 | 得分 | 扣分原因",
        " |  | 某项目制度 | 有无制度 | 健全得5分 | 5 | 4 | ",
        " | 某管理环节(6分) | 某指标乙 | 某说明 | 合理得6分 | 6 | 5 | 某原因",
    ]
    got = pipe_grid(lines)
    assert got[1] == [("某项目制度", 2), ("有无制度", 3), ("健全得5分", 4), ("5", 5), ("4", 6)]
    assert got[2] == [("某管理环节(6分)", 1), ("某指标乙", 2), ("某说明", 3), ("合理得6分", 4), ("6", 5), ("5", 6),
                      ("某原因", 7)]  # fmt: skip


def test_an_indicator_named_as_a_label_stands_in_its_row_after_a_known_level() -> None:
    # 预算执行率 is also a funds label; after 过程 in the 一级 column, in a row as long as its header, it is a name
    h = header_of(KEY)
    assert h is not None
    row = ["过程(18分)", "某管理环节(12分)", "预算执行率", "支出与到位之比", "按执行率计算", "4", "4", ""]
    assert place(row, h) == [(c, k) for k, c in enumerate(row) if c]
    assert place(["", "", "预算执行率", "支出与到位之比", "按执行率计算", "4", "4", "多余", "多余"], h) is None


SCORING_SHEET = """某某县某工程绩效评价评分表
项目名称：某某县某工程
一级指标 | 二级指标 | 三级指标 | 指标解释 | 评分标准 | 分值 | 得分 | 扣分原因
决策 | 某立项环节 | 某依据充分性 | 是否符合规划 | 符合得3分 | 3 | 3 |
决策 | 某目标环节 | 某目标合理性 | 目标是否明确 | 合理得4分，每缺一项扣1分 | 4 | 3 | 目标不够细化
过程 | 某管理环节 | 某制度健全性 | 制度是否健全 | 健全得5分 | 5 | 4 | 制度不全
总分 |  |  |  |  | 12 | 10 |
评价等级 | 良
"""


def test_a_scoring_sheet_as_pipe_rows_reads_every_row_in_its_columns(tmp_path: Path) -> None:
    from jixiao.ingest import read

    for name, text in (
        ("open.txt", SCORING_SHEET),
        ("closed.txt", "\n".join(f"| {ln} |" for ln in SCORING_SHEET.splitlines())),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        [ev] = read(path)
        got = [(r.level1, r.level2, r.name, r.weight, r.score, r.deviation_note, r.standard) for r in ev.indicators]
        assert got == [
            ("决策", "某立项环节", "某依据充分性", Decimal("3"), Decimal("3"), None, "符合得3分"),
            (
                "决策",
                "某目标环节",
                "某目标合理性",
                Decimal("4"),
                Decimal("3"),
                "目标不够细化",
                "合理得4分,每缺一项扣1分",
            ),
            ("过程", "某管理环节", "某制度健全性", Decimal("5"), Decimal("4"), "制度不全", "健全得5分"),
        ], name
        assert (ev.total_score_stated, ev.grade_stated) == (Decimal("10"), "良"), name


def test_a_row_under_an_unknown_heading_one_cell_per_line_ends_where_the_next_row_opens() -> None:
    # 年度目标(定性指标) | 管理指标 are levels the vocabulary does not know; read as the name they would leave
    # the row's last empty cell over, the next row opening with it — the row ends before 产出指标 instead
    lines = [f"{h}|" for h in HEAD] + ["年度目标(定性指标)|", "管理指标|", "某制度健全性|", "|", "|", "15|", "|", "|",
                                       "产出指标|", "数量指标|", "某指标|", "2个|", "|", "10|", "|", "|"]  # fmt: skip
    got = [(t, r, c) for t, _n, r, c in stream_grid(pipe_cells(lines, keep_empty=True))]
    assert got[9:13] == [("年度目标(定性指标)", 10, 1), ("管理指标", 10, 2), ("某制度健全性", 10, 3), ("15", 10, 6)]
    assert got[13:] == [("产出指标", 18, 1), ("数量指标", 18, 2), ("某指标", 18, 3), ("2个", 18, 4), ("10", 18, 6)]


def test_a_note_of_nothing_to_explain_written_as_a_figure_stands_under_the_note(tmp_path: Path) -> None:
    """A full-mark row's 偏差原因 written ``0`` (the form's "nothing to explain"): the row keeps its
    columns — one cell per line, empty ones as a lone ``|``, under a target split over 指标性质 | 指标值 |
    度量单位 — where any other bare figure there would leave the row to the text reading."""
    h = header_of(HEAD)
    assert h is not None
    assert place(["", "产出指标", "数量指标", "某指标", "100%", "100%", "10", "10", "0"], h) is not None
    assert place(["", "产出指标", "数量指标", "某指标", "100%", "100%", "10", "10", "7"], h) is None
    head = [*HEAD, "指标性质", "指标值", "度量单位"]
    rows = [["产出指标", "数量指标", "某工程量", "", "43.5", "", "40.1", "10", "9", "尾款未付"],
            ["效益指标", "社会效益指标", "某安全率", "", "100", "", "100", "10", "10", "0"],
            ["满意度指标", "服务对象满意度指标", "某满意度", "", "100", "", "100", "10", "10", "0"]]  # fmt: skip
    lines = ["项目名称|", "某项目|", *[f"{c}|" for c in head], *[f"{c}|" for r in rows for c in r], "总分|", "100|"]
    path = tmp_path / "one.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    (ev,) = read(path)
    got = [(i.level1, i.name, i.target, i.actual, i.weight, i.score, i.deviation_note) for i in ev.indicators]
    assert got == [
        ("产出指标", "某工程量", "43.5", "40.1", Decimal(10), Decimal(9), "尾款未付"),
        ("效益指标", "某安全率", "100", "100", Decimal(10), Decimal(10), "0"),
        ("满意度指标", "某满意度", "100", "100", Decimal(10), Decimal(10), "0"),
    ]
