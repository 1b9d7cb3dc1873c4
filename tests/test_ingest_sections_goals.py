"""The goals block (jixiao.ingest.sections.goals)."""

from __future__ import annotations

from jixiao.ingest.cells import Cell
from jixiao.ingest.sections.goals import goals
from jixiao.ingest.table import Table
from jixiao.model.evaluation import Location


def table(*texts: str) -> Table:
    return Table([Cell(t, line=n) for n, t in enumerate(texts, start=1)], "t.txt", 1)


def test_expected_and_actual_in_pairs_up_to_the_indicator_header() -> None:
    got = goals(
        table("年度总体目标", "预期目标", "实际完成情况", "完成道路建设", "已完成", "改善环境", "一级指标", "x")
    )
    assert [(g.expected, g.actual) for g in got] == [("完成道路建设", "已完成"), ("改善环境", None)]
    assert got[0].provenance == {"expected": Location(line=4), "actual": Location(line=5)}


def test_no_actual_label_no_goals() -> None:
    assert goals(table("年度总体目标", "完成道路建设", "一级指标")) == []
