"""What a cell's text looks like (jixiao.ingest.shapes)."""

from __future__ import annotations

import pytest

from jixiao.ingest.shapes import (
    is_label,
    looks_like_method,
    loose_year_pattern,
    title_pattern,
    value_like,
    year_pattern,
)


@pytest.mark.parametrize(
    ("text", "method"),
    [("按完成比例记分，完成率低于60%不得分", True), ("完成率低于60%的不给分数值的了", False), ("记分", False)],
)
def test_a_scoring_rule_written_out_is_long_and_uses_the_layouts_method_words(text: str, method: bool) -> None:
    assert looks_like_method(text) is method


def test_titles_and_years_from_the_layouts_words() -> None:
    assert title_pattern().search("2021年度项目支出绩效自评表")
    assert not title_pattern().search("项目支出情况说明")
    m = year_pattern().search("(2021 年度)")
    assert m is not None and m.group(1) == "2021"
    assert year_pattern().search("2021年") is None
    m = loose_year_pattern().search("2021年项目")
    assert m is not None and m.group(1) == "2021"


def test_labels_and_values() -> None:
    assert is_label("项目名称") and is_label("产出指标") and is_label("数量指标")
    assert not is_label("某项目")
    assert value_like("≥95%") and value_like("-") and value_like("每亩300元") and value_like("合格")
    assert not value_like("按时完成全部建设任务")


def test_a_date_whose_year_figure_was_mistyped_is_still_a_value() -> None:
    assert value_like("202年11-12月") and value_like("2021年11-12月")
    assert not value_like("202年11-12月开展宣传活动")  # a name that opens with a date
