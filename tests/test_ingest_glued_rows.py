"""Rows run together line by line under a header run together (jixiao.ingest.glued_rows)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest import labels
from jixiao.ingest.glued_rows import (
    choose_readings,
    cut_row,
    figure_readings,
    glued_grid,
    header_cut,
    shared_endings,
)
from jixiao.ingest.labels import Column
from jixiao.ingest.settings import Settings

T, W, S = Column.TARGET, Column.WEIGHT, Column.SCORE


def test_a_header_of_known_labels_run_together_is_cut_exactly() -> None:
    assert header_cut("一级指标二级指标三级指标年度指标值实际完成值分值得分") == [
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
    ]  # fmt: skip
    assert header_cut("评价指标评价内容指标名称指标说明目标值分值备注") is not None
    assert labels.key("评价指标") in labels.LEVEL1_HEADERS


def test_a_line_that_is_not_only_labels_is_no_header() -> None:
    assert header_cut("一级指标二级指标三级指标某项目说明分值") is None
    assert header_cut("项目名称某项目主管部门某局") is None  # no indicator column
    assert header_cut("一级指标二级指标三级指标分值", Settings(glued_header_min_labels=5)) is None


def test_a_row_is_cut_into_its_labels_name_and_figures() -> None:
    cut = cut_row("产出指标数量指标发放人数≥2100人10", 2)
    assert (cut.levels, cut.name, cut.tail) == (["产出指标", "数量指标"], "发放人数≥2100人", "10")
    cut = cut_row("项目目标(定量指标)制度指标规章制度建立与否20", 2)
    assert (cut.levels, cut.name, cut.tail) == (["项目目标(定量指标)", "制度指标"], "规章制度建立与否", "20")
    cut = cut_row("资金支出率95%以上10", 2)
    assert (cut.levels, cut.name, cut.tail) == ([], "资金支出率", "95%以上10")


def test_figures_run_together_have_every_plausible_reading() -> None:
    readings = figure_readings("210010", [T, W])
    assert {"T": "2100", "W": "10"} in [{k.name[0]: v for k, v in r.items()} for r in readings]
    assert all(W not in r or 0 < Decimal(r[W]) <= 100 for r in readings)
    assert figure_readings("95%10", [T, W]) == [{T: "95%", W: "10"}]
    assert figure_readings("1010", [W, S]) == [{W: "10", S: "10"}]  # 10 | 10 only: a score ≤ its weight


def test_the_weights_adding_up_to_the_total_choose_the_readings() -> None:
    rows = [figure_readings("20", [T, W]), figure_readings("210010", [T, W]), figure_readings("95%70", [T, W])]
    chosen = choose_readings(rows, Decimal(100))
    assert chosen == [{W: "20"}, {T: "2100", W: "10"}, {T: "95%", W: "70"}]
    assert choose_readings(rows, None)[0] is None  # without a total, 20 may be the target or the weight


def test_words_several_rows_end_with_are_a_text_column() -> None:
    names = ["资金支出率达到目标值", "及时发放率达到目标值", "资助对象满意度达到目标值", "覆盖率"]
    assert shared_endings(names) == ["达到目标值", "达到目标值", "达到目标值", ""]


def test_a_table_run_together_line_by_line_becomes_a_grid() -> None:
    lines = [
        "某县2020年度某项目绩效评价指标表",
        "评价指标评价内容指标名称指标说明目标值分值备注",
        "产出数量指标参训学员人数210050",
        "质量指标资金支出率达到目标值95%30",
        "时效指标及时发放率达到目标值100%10",
        "满意度指标满意度达到目标值90%10",
        "总分",
        "",
        "100",
    ]
    grid = glued_grid(lines)
    assert sorted(grid) == [1, 2, 3, 4, 5]
    assert grid[2] == [("产出", 0), ("数量指标", 1), ("参训学员人数", 2), ("2100", 4), ("50", 5)]
    assert grid[3] == [("质量指标", 1), ("资金支出率", 2), ("达到目标值", 3), ("95%", 4), ("30", 5)]
    assert glued_grid(lines[:3]) == {}  # one row is not a table


def test_cells_with_separators_are_not_run_together() -> None:
    assert header_cut("一级指标\t二级指标\t三级指标\t年度指标值\t分值\t得分") is None
    assert header_cut("一级指标 | 二级指标 | 三级指标 | 年度指标值 | 分值") is None
    assert header_cut("一级指标 二级指标 三级指标 年度指标值 分值 得分") is None


def test_a_name_running_on_into_a_text_that_opens_as_the_column_does_is_cut_there() -> None:
    names = ["培训覆盖率按期完成目标", "设备完好率按期完成目标", "巡查频次按期完成目标"]
    names += ["受益农户数按期达到计划", "按期率"]
    # 按期达到计划 opens as the shared 按期完成目标 does: the name ends before it; 按期率 keeps its
    # words (a name is at least three characters before such a text)
    assert shared_endings(names) == ["按期完成目标"] * 3 + ["按期达到计划", ""]
    assert shared_endings(["验收合格率", "受益农户数按期达到计划"]) == ["", ""]  # nothing shared: no column
