"""The Chinese names of an evaluation's field paths (jixiao.model.field_names)."""

from __future__ import annotations

import pytest

from jixiao.model.field_names import field_label

SNAPSHOT = {"indicators": [{"name": "某项数量"}, {"name": "某项合格率"}]}


@pytest.mark.parametrize(
    ("path", "first", "label"),
    [
        ("funds", 1, "项目资金"),
        ("funds.adjusted_budget", 0, "全年预算数"),
        ("indicators[2].actual", 1, "第 2 行指标“某项合格率” · 实际完成值"),
        ("indicators[1].actual", 0, "第 2 行指标“某项合格率” · 实际完成值"),  # ingest counts rows from 0
        ("indicators[0]", 0, "第 1 行指标“某项数量”"),
        ("total_score_stated", 0, "总分（填报）"),
        ("indicators", 0, "指标表"),  # a doubt on the whole table
        ("goals", 1, "年度总体目标"),
        ("nonsense.path", 0, "nonsense.path"),
    ],
)
def test_a_field_path_reads_as_the_standard_table_names_it(path: str, first: int, label: str) -> None:
    assert field_label(path, SNAPSHOT, first=first) == label
