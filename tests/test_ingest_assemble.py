"""From a cell stream to evaluations (jixiao.ingest.assemble)."""

from __future__ import annotations

import warnings
from decimal import Decimal

import pytest

from jixiao.ingest.assemble import extract
from jixiao.ingest.cells import Cell
from jixiao.ingest.regions import UnreadTable
from jixiao.ingest.settings import Settings
from jixiao.model.evaluation import Location, TableKind

FORM = (
    *("2021年度项目支出绩效自评表", "项目名称", "乡村道路建设", "主管部门", "某县交通局", "实施单位", "某镇政府"),
    *("项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
    *("年度资金总额", "100", "100", "90", "10", "90%", "9"),
    *("年度总体目标", "预期目标", "实际完成情况", "修建道路10公里", "已修建10公里"),
    *("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"),
    *("产出指标", "数量指标", "修建道路", "10公里", "10公里", "90", "88", "无"),
    *("总分", "100", "97", "优"),
)


def cells(*texts: str) -> list[Cell]:
    return [Cell(t, line=n) for n, t in enumerate(texts, start=1)]


def test_one_form_read_into_an_evaluation() -> None:
    [ev] = extract(cells(*FORM), "t.txt")
    assert (ev.kind, ev.year, ev.project_name, ev.department, ev.implementing_unit) == (
        TableKind.PROJECT_SELF_EVALUATION,
        2021,
        "乡村道路建设",
        "某县交通局",
        "某镇政府",
    )
    assert ev.funds is not None
    assert (ev.funds.initial_budget, ev.funds.adjusted_budget, ev.funds.executed) == (
        Decimal("100"),
        Decimal("100"),
        Decimal("90"),
    )
    assert (ev.execution_weight, ev.execution_rate_stated, ev.execution_score_stated) == (
        Decimal("10"),
        Decimal("0.9"),
        Decimal("9"),
    )
    assert [(g.expected, g.actual) for g in ev.goals] == [("修建道路10公里", "已修建10公里")]
    assert [(i.name, i.weight, i.score) for i in ev.indicators] == [("修建道路", Decimal("90"), Decimal("88"))]
    assert (ev.total_score_stated, ev.grade_stated, ev.truncated) == (Decimal("97"), "优", False)
    assert ev.source.title == "2021年度项目支出绩效自评表" and ev.source.location == Location(line=1)
    assert ev.provenance["project_name"] == Location(line=3)


def test_two_forms_two_evaluations_numbered_in_order() -> None:
    evs = extract(cells(*FORM, *FORM), "t.txt")
    assert [(e.source.table, e.project_name) for e in evs] == [(1, "乡村道路建设"), (2, "乡村道路建设")]


def test_a_form_without_its_total_is_cut_off() -> None:
    [ev] = extract(cells(*FORM[:-4]), "t.txt")
    assert ev.truncated is True


def test_the_settings_reach_the_sections() -> None:
    [ev] = extract(cells(*FORM), "t.txt", Settings(header_back_cells=2))
    # only 执行率 | 得分 seen as the header: four figures before the rate for the two amounts a header
    # naming none may have (全年预算 | 执行) — which is which is not known, none is read, with a doubt
    assert ev.funds is not None
    assert (ev.funds.initial_budget, ev.funds.adjusted_budget, ev.funds.executed) == (None, None, None)
    assert [(d.field, d.alternatives) for d in ev.doubts] == [
        ("funds", ["全年预算数 100", "全年预算数 100", "全年预算数 90", "全年预算数 10"])
    ]


def test_the_settings_reach_the_regions() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no UnreadTable: the title is longer than a title may be
        assert extract(cells("2021年度项目支出绩效自评表", "说明"), "t.txt", Settings(unread_title_max_chars=5)) == []


def test_a_title_with_nothing_readable_is_warned_about_by_name() -> None:
    with pytest.warns(UnreadTable, match=r"文件 t\.txt：第1行识别到“2021年度项目支出绩效自评表”，但未能读出其中的表格"):
        assert extract(cells("2021年度项目支出绩效自评表", "说明"), "t.txt") == []


TARGETS = ("2021年度项目绩效目标申报表", "项目名称", "某项目", "一级指标", "二级指标", "三级指标", "指标值")


def test_a_target_form_is_whole_when_its_last_rows_are_its_closing_ones() -> None:
    cut = extract(cells(*TARGETS, "产出指标", "数量指标", "道路", "10公里"), "t.txt")
    whole = extract(
        cells(
            *TARGETS, "产出指标", "数量指标", "道路", "10公里", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"
        ),
        "t.txt",
    )
    assert [(e.kind, e.truncated) for e in cut + whole] == [
        (TableKind.PERFORMANCE_TARGETS, True),
        (TableKind.PERFORMANCE_TARGETS, False),
    ]
