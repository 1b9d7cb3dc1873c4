"""Passes over the cell stream before tables are found (jixiao.ingest.cell_passes)."""

from __future__ import annotations

from jixiao.ingest.cell_passes import merge_wrapped, split_label_values
from jixiao.ingest.cells import Cell


def texts(cells: list[Cell]) -> list[str]:
    return [c.text for c in cells]


def test_a_field_label_and_its_value_in_one_cell_become_two() -> None:
    got = split_label_values([Cell("项目名称：某项目", line=3), Cell("说明：这是一句话。"), Cell("评价方式：自评")])
    assert texts(got) == ["项目名称：", "某项目", "说明：这是一句话。", "评价方式：自评"]
    assert got[1].line == 3


def test_one_line_of_several_field_pairs_becomes_each_label_and_value() -> None:
    got = split_label_values([Cell("项目名称：某经费    主管部门：某局    实施单位：某中心", line=2)])
    assert texts(got) == ["项目名称：", "某经费", "主管部门：", "某局", "实施单位：", "某中心"]
    assert [c.line for c in got] == [2] * 6
    assert texts(split_label_values([Cell("项目名称:某经费 主管部门: 实施单位:某中心")])) == [
        "项目名称:", "某经费", "主管部门:", "", "实施单位:", "某中心"
    ]  # fmt: skip
    # a word and a colon that is no field's label stays in the value
    assert texts(split_label_values([Cell("项目名称：某经费 备注：无")])) == ["项目名称：", "某经费 备注：无"]


def test_a_sentence_after_a_field_label_stays_whole() -> None:
    assert texts(split_label_values([Cell("项目名称：填写预算批复的项目全称，不得简写。")])) == [
        "项目名称：填写预算批复的项目全称，不得简写。"
    ]


def test_a_funds_amount_and_its_figure_in_one_cell_become_two() -> None:
    got = split_label_values([Cell("资金情况（万元）"), Cell("年度金额(提前下达)：208万元", row=4, column=1)])
    assert texts(got) == ["资金情况（万元）", "年度金额(提前下达)：", "208万元"]
    assert (got[2].row, got[2].column) == (4, 1)


def test_a_funds_label_is_completed_by_the_heading_in_the_cell_before() -> None:
    got = split_label_values([Cell("资金使用情况（万元）", line=5), Cell("合计:109.8万元", line=5)])
    assert texts(got) == ["资金使用情况（万元）", "资金使用情况（万元）合计:", "109.8万元"]


def test_a_total_with_no_funds_heading_before_it_and_words_after_a_funds_label_stay_whole() -> None:
    cells = [Cell("分值"), Cell("合计:100"), Cell("年度金额：见附表")]
    assert texts(split_label_values(cells)) == ["分值", "合计:100", "年度金额：见附表"]


def test_a_label_wrapped_onto_its_tail_cell_is_joined() -> None:
    assert texts(merge_wrapped([Cell("一级"), Cell("指标"), Cell("产出")])) == ["一级指标", "产出"]
    assert texts(merge_wrapped([Cell("满意度指标"), Cell("(10分)")])) == ["满意度指标(10分)"]
    assert texts(merge_wrapped([Cell("偏差原因"), Cell("分析及"), Cell("改进措施")])) == ["偏差原因分析及改进措施"]


def test_in_a_grid_only_the_cell_below_continues_a_label() -> None:
    beside = [Cell("一级", row=1, column=1), Cell("指标", row=1, column=2)]
    below = [Cell("一级", row=1, column=1), Cell("指标", row=2, column=1)]
    assert texts(merge_wrapped(beside)) == ["一级", "指标"]
    assert texts(merge_wrapped(below)) == ["一级指标"]


def test_a_figure_joined_at_a_pdf_line_end_either_way_is_an_unsure_cell_with_both_readings() -> None:
    """A PDF's text cut as ``…100% 5`` / ``4.08``: the cell 54.08 is unsure, 5 4.08 kept beside it."""
    from jixiao.ingest.cells import text_cells

    rows = ["项目名称 某项目", "年度资金总额 300.00 300.00 296.26 10 98.75% 9.88",
            "产出指标 数量指标 维修公里数 =20公里 20公里 10 10", "质量指标 验收合格率 =100% 100% 5 4.08",
            "时效指标 完工时间 2021年12月 2021年12月 10 10"]  # fmt: skip
    kept = [ln[k : k + 23].strip() for ln in rows for k in range(0, len(ln), 23)]
    assert "质量指标 验收合格率 =100% 100% 5" in kept
    cells = text_cells("\n".join(kept))
    assert [(c.text, c.apart, c.unsure) for c in cells if c.apart] == [("54.08", "5 4.08", True)]
    assert all(c.apart is None for c in text_cells("\n".join(rows)))  # not cut: no doubt


def test_a_total_handed_on_by_an_office_reader_is_completed_by_its_heading() -> None:
    got = split_label_values(
        [Cell("资金使用情况(万元)", row=4, column=2), Cell("合计", row=4, column=3), Cell("109.8万元")]
    )
    assert texts(got) == ["资金使用情况(万元)", "资金使用情况(万元)合计", "109.8万元"]
    assert (got[1].row, got[1].column) == (4, 3)
    assert texts(split_label_values([Cell("分值"), Cell("合计"), Cell("100")])) == ["分值", "合计", "100"]


def test_a_unit_wrapped_under_its_label_is_left_to_the_wrapped_label_pass() -> None:
    """One cell per line: ``计划安排资金`` / ``(万元)`` / ``170`` — not beside each other on a line."""
    cells = [Cell("计划安排资金", line=49), Cell("(万元)", line=51), Cell("170", line=53)]
    assert texts(split_label_values(cells)) == ["计划安排资金", "(万元)", "170"]


def test_a_line_at_the_width_goes_on_in_a_next_line_opening_with_a_column_s_header_word() -> None:
    # …发现违规不 / 得分 3 2.5: 得分 heads a column, it opens no row — the cell goes on; a field's label does open one
    from jixiao.ingest.cells import text_cells

    rows = ["某某指标甲某某某某 是否符合某某规定要求 使用合规得3分，发现违规不", "得分 3 2.5 某原因"]
    text = "\n".join(["一级指标 二级指标 三级指标 指标解释 评分标准 分值 得分 扣分原", "因", *rows * 3])
    cells = [c.text for c in text_cells(text) if c.line == 3]
    assert cells == ["某某指标甲某某某某", "是否符合某某规定要求", "使用合规得3分,发现违规不得分", "3", "2.5", "某原因"]
