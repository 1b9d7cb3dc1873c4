"""Classes of layout met on real pages ingest had not seen (corpus2), each on a small hand-made
text: a checklist header, a budget stated alone, the project in the title, the year in the period,
a page beginning inside a table, a document site's title, 一级 written on every row, its preview
cut into numbered chunks."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest.assemble import extract
from jixiao.ingest.cells import text_cells
from jixiao.ingest.normalise import join_page_markers
from jixiao.model.evaluation import Evaluation


def _read(lines: list[str]) -> list[Evaluation]:
    return extract(text_cells("\n".join(lines)), "x.txt")


def test_a_checklist_header_reads_no_indicator_rows_but_its_budget() -> None:
    [ev] = _read(
        [
            "某县2024年度中央对地方转移支付某项目绩效自评表",
            "指标名称 指标解释 记录 需提供的支撑材料",
            "一级指标 二级指标 三级指标 自评内容 完成情况",
            "项目预算管理 资金投入 预算编制科学性 依据充分 已按要求完成",
            "年度预算资金总额): 1084.25",
            "其中:中央补助 668.00",
            "年度预算资金总额: 763.00",
            "其中:中央补助 502.00",
        ]
    )
    assert ev.indicators == []
    assert ev.project_name == "中央对地方转移支付某项目"
    assert ev.funds is not None and ev.funds.adjusted_budget == Decimal("1084.25") and ev.funds.executed is None
    assert [(s.name, s.adjusted_budget, s.executed) for s in ev.funds.sources] == [
        ("中央补助", Decimal("668.00"), None)
    ]


def test_the_year_of_a_period_within_one_year() -> None:
    [ev] = _read(
        ["项目名称", "某项目", "项目起止时间", "2016年1月起至2016年12月止", "计划安排资金", "170", "实际支出", "179.6"]
    )
    assert ev.year == 2016
    assert ev.funds is not None and (ev.funds.adjusted_budget, ev.funds.executed) == (Decimal(170), Decimal("179.6"))


def test_a_fragment_before_the_first_table_takes_no_year_from_it() -> None:
    evs = _read(
        [
            "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |",
            "产出指标 | 数量指标 | 某数量 | 10 | 10 | 90 | 90 |",
            "合计 | 100 |",
            "项目支出绩效自评表(2023年度) |",
            "项目名称 | 某项目 |",
        ]
    )
    assert [ev.year for ev in evs] == [None, 2023]


def test_a_document_sites_title_gives_no_year() -> None:
    [ev] = _read(["《某局2022年度部门整体绩效自评表.docx》由会员分享", "2023年度部门整体绩效自评表", "项目名称", "某"])
    assert ev.year == 2023


def test_a_level1_written_on_every_row_is_kept() -> None:
    rows = ["一级指标 |", "二级指标 |", "指标名称 |", "目标值 |", "实际完成值 |", "|"]
    for level1, level2, name in (("产出指标", "数量指标", "某人数"), ("效益指标", "服务对象满意度指标", "某满意度")):
        rows += [f"{level1} |", f"{level2} |", f"{name} |", "95% |", "95% |", "|"]
    [ev] = _read(rows)
    assert [(r.level1, r.level2) for r in ev.indicators] == [
        ("产出指标", "数量指标"),
        ("效益指标", "服务对象满意度指标"),
    ]


def test_a_preview_cut_into_numbered_chunks_is_joined() -> None:
    first = "1、" + "项目名称某项目主管部门某局" * 12
    second = "2、" + "实施单位某中心年度资金总额" * 3
    assert join_page_markers([first, "", second]) == [first[2:] + second[2:]]
    assert join_page_markers(["1、执行率情况", "2、产出情况"]) == ["1、执行率情况", "2、产出情况"]  # a numbered list


def test_staged_funds_with_each_sources_figure_under_each_stage() -> None:
    stages = [
        "计划安排资金",
        "(万元)",
        "170",
        "实际到位资金",
        "(万元)",
        "170",
        "实际支出",
        "(万元)",
        "179.6",
        "结余(万元)",
        "0",
    ]
    sources = ["其中:中央财政"] * 4 + ["省财政", "170"] * 3 + ["省财政", "其它", "其它", "9.6", "其它", "9.6", "其它"]
    [ev] = _read(["项目名称", "某项目", *stages, *sources, "二、项目支出明细情况"])
    f = ev.funds
    assert f is not None
    assert (f.adjusted_budget, f.allocated, f.executed, f.balance) == (Decimal(170), Decimal(170), Decimal("179.6"), 0)
    assert [(s.name, s.adjusted_budget, s.allocated, s.executed) for s in f.sources] == [
        ("省财政", Decimal(170), Decimal(170), Decimal(170)),
        ("其它", None, Decimal("9.6"), Decimal("9.6")),
    ]
