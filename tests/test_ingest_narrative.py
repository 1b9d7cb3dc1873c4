"""The narrative 自评报告 of one project (jixiao/ingest/narrative.py): each step with exact values."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.ingest import labels as L
from jixiao.ingest import narrative as N
from jixiao.ingest.cells import Cell
from jixiao.ingest.layouts.schema import NarrativePatterns

REPORT = """2022年度某县农村道路养护项目绩效自评报告

一、基本情况
项目名称：某县农村道路养护项目
主管部门：某县交通运输局，实施单位：某县公路养护中心
二、资金投入和使用情况
年初预算300万元，全年预算320万元，全年执行312.5万元，预算执行率97.66%。
三、绩效目标完成情况
（一）产出指标完成情况
1.数量指标
指标1：养护农村公路里程：目标值≥120公里，实际完成126公里。
2.时效指标
道路养护完成时间年度目标值为2022年11月底前，实际完成值为2022年11月。
（二）满意度指标
1.服务对象满意度指标
沿线群众满意度：指标值≥90%，实际完成值95%。
四、自评结论
经自评，本项目综合得分96.5分，评价等级为“优”。
"""


@pytest.fixture(scope="module")
def np() -> NarrativePatterns:
    return L.NARRATIVES[0]


def test_headings_by_their_numbering(np: NarrativePatterns) -> None:
    assert N.heading("一、基本情况", np) == (1, "基本情况")
    assert N.heading("（二）满意度指标", np) == (2, "满意度指标")
    assert N.heading("1.数量指标", np) == (4, "数量指标")
    assert N.heading("第三部分 绩效目标完成情况", np) == (0, "绩效目标完成情况")
    assert N.heading("1.2数量指标", np) == (3, "数量指标")
    assert N.heading("1.项目资金共计300万元，全部到位。", np) is None  # a sentence, not a heading
    assert N.heading("指标1：养护里程：目标值120公里。", np) is None


def test_chapters_are_the_first_style(np: NarrativePatterns) -> None:
    lines = REPORT.splitlines()
    spans = N.chapters(lines, np)
    assert [s[0] for s in spans] == ["基本情况", "资金投入和使用情况", "绩效目标完成情况", "自评结论"]
    assert spans[2][1:] == (8, 16)


def test_title_names_project_and_year(np: NarrativePatterns) -> None:
    assert N.title_fields("2022年度某县农村道路养护项目绩效自评报告", np) == ("某县农村道路养护项目", 2022)
    assert N.title_fields("某项目2021年度绩效自评报告", np) == ("某项目", 2021)
    assert N.title_fields("关于2020年度某项目绩效自评情况的报告", np) == ("某项目", 2020)
    assert N.title_fields("某项目绩效自评报告（2019年度）", np) == ("某项目", 2019)
    # a year without 年度 is the project's own (2019年某项目)
    assert N.title_fields("2019年新型农业主体扶持项目绩效自评报告", np) == ("2019年新型农业主体扶持项目", None)


def test_header_fields_as_pairs_or_clauses(np: NarrativePatterns) -> None:
    lines = ["项目名称：某项目", "主管部门为某局，实施单位为某中心。"]
    assert N.header_fields(lines, np) == {
        "project_name": ("某项目", 1), "department": ("某局", 2), "implementing_unit": ("某中心", 2),
    }  # fmt: skip


def test_funds_clauses_named_by_their_words(np: NarrativePatterns) -> None:
    sentence = "年初安排资金300万元，全年预算调整为320万元，截至年底累计支出312.5万元，执行率达97.66%。"
    got = N.read_funds([sentence], 5, np)
    assert got.values == {
        "initial_budget": Decimal("300"), "adjusted_budget": Decimal("320"),
        "executed": Decimal("312.5"), "rate": Decimal("0.9766"),
    }  # fmt: skip
    assert got.lines["executed"] == 5 and got.doubts == []


def test_funds_clause_two_names_fit_is_left_with_a_doubt(np: NarrativePatterns) -> None:
    got = N.read_funds(["年初预算执行300万元。", "全年执行100万元，实际支出120万元。"], 1, np)
    assert got.values == {}
    assert [d.field for d in got.doubts] == ["funds", "funds.executed"]


def test_indicator_sentences(np: NarrativePatterns) -> None:
    assert N.parse_row("指标1：养护里程：目标值≥120公里，实际完成126公里。", np) == ("养护里程", "≥120公里", "126公里")
    assert N.parse_row("养护完成时间年度目标值为2022年11月底前，实际完成值为2022年11月。", np) == (
        "养护完成时间", "2022年11月底前", "2022年11月",
    )  # fmt: skip
    assert N.parse_row("覆盖率，计划100%，实际完成98%。", np) == ("覆盖率", "100%", "98%")
    assert N.parse_row("是否公正：目标值是，实际完成是。", np) == ("是否公正", "是", "是")
    assert N.parse_row("指标2：受益人数：目标值500人。", np) == ("受益人数", "500人", None)
    assert N.parse_row("绩效目标完成率：目标值100%，实际完成100%。", np) == ("绩效目标完成率", "100%", "100%")
    assert N.parse_row("本项目资金严格按照预算执行。", np) is None


def test_rows_under_their_headings(np: NarrativePatterns) -> None:
    lines = REPORT.splitlines()
    rows = N.read_rows(lines[8:16], 9, np)
    assert [(r.level1, r.level2, r.name, r.target, r.actual) for r in rows] == [
        ("产出指标", "数量指标", "养护农村公路里程", "≥120公里", "126公里"),
        ("产出指标", "时效指标", "道路养护完成时间", "2022年11月底前", "2022年11月"),
        ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "95%"),
    ]  # fmt: skip
    assert rows[0].provenance["name"].line == 11


def test_read_narrative_whole(tmp_path: Path) -> None:
    (ev,) = N.read_narrative(REPORT, "r.txt")
    assert (ev.year, ev.project_name, ev.department, ev.implementing_unit) == (
        2022, "某县农村道路养护项目", "某县交通运输局", "某县公路养护中心",
    )  # fmt: skip
    assert ev.funds is not None
    assert (ev.funds.initial_budget, ev.funds.adjusted_budget, ev.funds.executed) == (300, 320, Decimal("312.5"))
    assert ev.execution_rate_stated == Decimal("0.9766")
    assert (ev.total_score_stated, ev.grade_stated, len(ev.indicators)) == (Decimal("96.5"), "优", 3)
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    from jixiao.ingest import read

    (read_back,) = read(path)
    assert read_back.indicators == ev.indicators and read_back.funds == ev.funds


def test_paragraphs_join_a_lines_pieces() -> None:
    cells = [Cell("项目名称:", line=4), Cell("某项目", line=4), Cell("(1)", line=5), Cell("数量指标", line=5)]
    assert N.paragraphs(cells) == "项目名称:某项目\n(1)数量指标"
    rows = [Cell("一、基本情况", line=1, row=1), Cell("项目名称:某项目", line=1, row=2)]
    assert N.paragraphs(rows) == "一、基本情况\n项目名称:某项目"


def test_no_report_without_a_results_chapter() -> None:
    assert N.read_narrative("某项目绩效自评报告\n一、基本情况\n项目名称：某项目", "r.txt") == []
    assert N.reports_of("某单位工作总结\n一、基本情况", "r.txt") is None
