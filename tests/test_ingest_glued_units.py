"""Run-together text (cells.split_glued): a figure keeps its unit, not a label's first characters;
a label justified across its cell (项 目 名 称) is a label; the funds block's heading opens a cell."""

from __future__ import annotations

from jixiao.ingest.cells import split_glued, unjustified


def test_a_figure_keeps_any_unit_the_value_parser_knows() -> None:
    assert split_glued("响应时间(小时)=1天1天55") == ["响应时间(小时)", "=1天", "1天", "5", "5"]
    assert split_glued("补贴标准=5元/人5元/人33") == ["补贴标准", "=5元/人", "5元/人", "3", "3"]


def test_a_unit_that_begins_a_label_run_on_after_the_figure_stays_with_the_label() -> None:
    assert split_glued("自评总分(分)97.93年初预算数全年预算数")[1:3] == ["97.93", "年初预算数"]
    assert split_glued("培训20项目名称某项目")[:3] == ["培训", "20", "项目名称"]
    assert "20" in split_glued("某表20年度绩效目标")  # 年度 is no unit of 20


def test_a_justified_label_is_joined_and_other_spaced_text_is_kept() -> None:
    assert unjustified("项 目 名 称某项目") == "项目名称某项目"
    assert unjustified("社会 保 障") == "社会 保 障"
    assert split_glued("项 目 名 称某某经费主管部门某局")[:2] == ["项目名称", "某某经费"]


def test_the_funds_heading_is_cut_off_the_field_before_it() -> None:
    assert split_glued("实施单位某某中心项目资金(万元)年初预算数")[:3] == ["实施单位", "某某中心", "项目资金"]


def test_a_header_word_inside_a_rows_text_after_the_header_stays_in_that_text() -> None:
    line = "一级指标二级指标三级指标分值得分计算方法得分数量指标某指标5完成值达到指标值,记满分。5"
    cells = split_glued(line)
    assert "完成值达到指标值,记满分" in cells
    assert cells[:3] == ["一级指标", "二级指标", "三级指标"]  # the header itself is still cut


def test_three_equal_decimal_figures_run_together_are_three_cells() -> None:
    assert split_glued("某指标12.512.512.5") == ["某指标", "12.5", "12.5", "12.5"]
    assert split_glued("某指标555") == ["某指标", "555"]  # integers: no telling 5 | 55 from 55 | 5


def test_a_unit_that_a_word_goes_on_from_is_the_next_cells_word() -> None:
    assert split_glued("使用率(%)=0%0%55系统故障率(%)") == ["使用率(%)", "=0%", "0%", "5", "5", "系统故障率(%)"]
    assert split_glued("数量=20个20个55质量指标") == ["数量", "=20个", "20个", "5", "5", "质量指标"]
