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


def test_a_sentence_after_a_field_label_stays_whole() -> None:
    assert texts(split_label_values([Cell("项目名称：填写预算批复的项目全称，不得简写。")])) == [
        "项目名称：填写预算批复的项目全称，不得简写。"
    ]


def test_a_label_wrapped_onto_its_tail_cell_is_joined() -> None:
    assert texts(merge_wrapped([Cell("一级"), Cell("指标"), Cell("产出")])) == ["一级指标", "产出"]
    assert texts(merge_wrapped([Cell("满意度指标"), Cell("(10分)")])) == ["满意度指标(10分)"]
    assert texts(merge_wrapped([Cell("偏差原因"), Cell("分析及"), Cell("改进措施")])) == ["偏差原因分析及改进措施"]


def test_in_a_grid_only_the_cell_below_continues_a_label() -> None:
    beside = [Cell("一级", row=1, column=1), Cell("指标", row=1, column=2)]
    below = [Cell("一级", row=1, column=1), Cell("指标", row=2, column=1)]
    assert texts(merge_wrapped(beside)) == ["一级", "指标"]
    assert texts(merge_wrapped(below)) == ["一级指标"]
