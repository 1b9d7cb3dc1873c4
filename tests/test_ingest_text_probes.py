"""Text pages of classes found by probing with invented documents (issue 12: the field's pages, not
the files at hand): scores written with their points word (9.5分), a header naming the actual with a
generic word in it (实际指标值), a 续表 mark over a table's next page, a qualitative actual repeating the
target after the row's 分值.  Each on a small hand-made text with invented names."""

from __future__ import annotations

from decimal import Decimal
from html import escape
from pathlib import Path

from jixiao.ingest import labels, read
from jixiao.ingest.assemble import extract
from jixiao.ingest.cell_passes import merge_wrapped
from jixiao.ingest.cells import Cell, text_cells
from jixiao.model.evaluation import Evaluation


def _read(lines: list[str]) -> list[Evaluation]:
    return extract(text_cells("\n".join(lines)), "x.txt")


def _rows(ev: Evaluation) -> list[tuple[object, ...]]:
    return [(r.level1, r.level2, r.name, r.target, r.actual, r.weight, r.score) for r in ev.indicators]


def _one_per_line(rows: list[list[str]]) -> list[str]:
    return [c for row in rows for c in row if c]


def _pipes(rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(row) + " |" for row in rows]


def _spaced(rows: list[list[str]]) -> list[str]:
    return [" ".join(c for c in row if c) for row in rows]


_HEAD = [["项目支出绩效自评表"], ["项目名称", "某某管网改造项目"], ["主管部门", "某某局", "实施单位", "某某中心"]]
_HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]


def test_a_lone_points_mark_without_a_bracket_is_no_lost_level1_label() -> None:
    assert not labels.is_level1("10分") and not labels.is_level1("9.5分")
    assert labels.is_level1("(50分)") and labels.is_level1("（30）") and labels.is_level1("30分)")
    assert labels.is_level1("满意度指标10分") and labels.is_level1("产出指标")


def test_a_figure_is_never_joined_with_the_next_rows_level2() -> None:
    got = merge_wrapped([Cell("10分"), Cell("质量指标"), Cell("服务对象"), Cell("满意度指标")])
    assert [c.text for c in got] == ["10分", "质量指标", "服务对象满意度指标"]


_SCORED = [
    ["", "产出指标", "数量指标", "改造管网长度", "≥12公里", "12.6公里", "20", "20分", ""],
    ["", "", "", "受益户数", "≥800户", "820户", "20", "20分", ""],
    ["", "", "质量指标", "验收合格率", "100%", "100%", "20", "19.5分", "个别段落返工"],
    ["", "效益指标", "社会效益指标", "供水保障率", "≥95%", "96%", "20", "20分", ""],
    ["", "满意度指标", "服务对象满意度指标", "用户满意度", "≥90%", "92%", "20", "20分", ""],
]
_SCORED_WANT = [
    ("产出指标", "数量指标", "改造管网长度", "≥12公里", "12.6公里", Decimal(20), Decimal(20)),
    ("产出指标", "数量指标", "受益户数", "≥800户", "820户", Decimal(20), Decimal(20)),
    ("产出指标", "质量指标", "验收合格率", "100%", "100%", Decimal(20), Decimal("19.5")),
    ("效益指标", "社会效益指标", "供水保障率", "≥95%", "96%", Decimal(20), Decimal(20)),
    ("满意度指标", "服务对象满意度指标", "用户满意度", "≥90%", "92%", Decimal(20), Decimal(20)),
]


def test_scores_written_with_their_points_word_in_pipes_spaced_and_one_per_line() -> None:
    rows = [*_HEAD, ["绩效指标", *_HEADER], *_SCORED, ["总分", "100", "99.5分"]]
    for flatten in (_pipes, _spaced, _one_per_line):
        [ev] = _read(flatten(rows))
        assert _rows(ev) == _SCORED_WANT, flatten.__name__
        assert ev.indicators[2].deviation_note == "个别段落返工"
        assert ev.total_score_stated == Decimal("99.5")


def test_a_header_holding_the_actuals_word_and_a_generic_one_heads_the_actual() -> None:
    header = ["一级指标", "二级指标", "三级指标", "计划指标值", "实际指标值", "分值", "得分", "偏差原因"]
    rows = [*_HEAD, ["绩效指标", *header], *[[c.replace("分", "") if k > 5 else c for k, c in enumerate(r)]
                                            for r in _SCORED]]  # fmt: skip
    for flatten in (_pipes, _one_per_line):
        [ev] = _read(flatten(rows))
        assert [(r.name, r.target, r.actual) for r in ev.indicators] == [w[2:5] for w in _SCORED_WANT]


def test_a_continuation_mark_over_the_next_page_is_no_note() -> None:
    body = [[c.replace("分", "") for c in r] for r in _SCORED]
    for mark in ("续表", "（续表）", "续上表"):
        lines = [*_spaced([*_HEAD, ["绩效指标", *_HEADER], *body[:2]]), mark, *_spaced([_HEADER, *body[2:]])]
        [ev] = _read(lines)
        assert [r.deviation_note for r in ev.indicators] == [None, None, "个别段落返工", None, None], mark
        assert len(ev.indicators) == 5


def test_a_qualitative_actual_repeating_the_target_after_the_rows_points_stays_in_its_row() -> None:
    """年度指标值 | 分值 | 实际完成值 | 得分, one cell per line: 按期完成 | 20 | 按期完成 is one row's."""
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "分值", "实际完成值", "得分", "偏差原因分析及改进措施"]
    rows = [
        *_HEAD, ["绩效指标", *header],
        ["", "产出指标", "时效指标", "完工时间", "按期完成", "50", "按期完成", "50", ""],
        ["", "", "成本指标", "每公里造价", "≤10万元", "30", "9.8万元", "30", ""],
        ["", "满意度指标", "服务对象满意度指标", "用户满意度", "≥90%", "20", "92%", "20", ""],
    ]  # fmt: skip
    [ev] = _read(_one_per_line(rows))
    assert [(r.name, r.target, r.actual, r.weight, r.score) for r in ev.indicators] == [
        ("完工时间", "按期完成", "按期完成", Decimal(50), Decimal(50)),
        ("每公里造价", "≤10万元", "9.8万元", Decimal(30), Decimal(30)),
        ("用户满意度", "≥90%", "92%", Decimal(20), Decimal(20)),
    ]


def test_figures_before_a_header_printed_again_are_not_joined_into_it() -> None:
    got = merge_wrapped([Cell("10分"), Cell("10分"), Cell("一级指标"), Cell("年初"), Cell("预算数")])
    assert [c.text for c in got] == ["10分", "10分", "一级指标", "年初预算数"]


def test_a_header_no_layout_names_in_full_printed_again_on_the_next_page_is_read_past() -> None:
    header = ["一级指标", "二级指标", "三级指标", "目标值", "实际完成情况", "分值(分)", "得分", "偏差原因"]
    rows = [*_HEAD, ["绩效指标", *header], *_SCORED[:3]]
    for flatten in (_spaced, _one_per_line, lambda rs: ["\t".join(r) for r in rs]):
        [ev] = _read([*flatten(rows), "续表", *flatten([["", *header], *_SCORED[3:]])])
        assert _rows(ev) == _SCORED_WANT


def test_a_year_stated_in_a_cell_of_its_own_under_the_title() -> None:
    body = [["项目名称", "某某管网改造项目"], ["绩效指标", *_HEADER], *_SCORED]
    for line, year in (("（2024年）", 2024), ("评价年度：2022年", 2022), ("填报年度: 2021", 2021)):
        [ev] = _read(_spaced([["项目支出绩效自评表"], [line], *body]))
        assert ev.year == year, line
    # a year written short in a longer text of the head is no year of the table
    [ev] = _read(_spaced([["项目支出绩效自评表"], ["2024年完成改造"], *body]))
    assert ev.year is None
    # nor a bare short year (a page's date cut at its spaces: 发布日期： 2023年 12月 05日)
    [ev] = _read(_spaced([["项目支出绩效自评表"], ["发布日期：", "2023年", "12月", "05日"], *body]))
    assert ev.year is None


def test_a_continuation_mark_in_a_pipe_row_of_its_own_is_page_furniture() -> None:
    assert labels.blank_furniture(["| a | 1 |", "| （续表） |  |  |", "(续表)|", "| b | 2 |"]) == [
        "| a | 1 |", "", "", "| b | 2 |"
    ]  # fmt: skip


def test_a_web_pages_paragraphs_of_one_cell_each_read_headers_by_their_words_and_the_total(tmp_path: Path) -> None:
    """The same text published as paragraphs (the page's source one line): header words no layout names
    (计划指标值, 实际完成情况, 分值（分）) are read as in a text file, and the 总分 paragraph's figures in order."""
    header = ["一级指标", "二级指标", "三级指标", "计划指标值", "实际完成情况", "分值（分）", "得分", "偏差原因"]
    rows = [*_HEAD, ["绩效指标", *header], *_SCORED, ["总分", "100", "99.5"]]
    for flatten in (_one_per_line, _pipes):
        page = tmp_path / f"{flatten.__name__}.html"
        paragraphs = "".join(f"<p>{escape(x)}</p>" for x in flatten(rows))
        page.write_text(f"<html><body><nav>首页 &gt; 信息公开</nav>{paragraphs}</body></html>", encoding="utf-8")
        [ev] = read(page)
        assert _rows(ev) == _SCORED_WANT, flatten.__name__
        assert ev.total_score_stated == Decimal("99.5"), flatten.__name__


def test_a_targets_sign_written_apart_from_its_figure_stays_its_target() -> None:
    """``≥ 90%`` with a space (spaced rows: a piece too many, the row has a note most rows lack) or the
    sign on a line of its own (one cell per line): one target, never 90% as the actual and the
    actual as the 分值."""
    rows = [*_HEAD, ["绩效指标", *_HEADER],
            ["", "产出指标", "数量指标", "改造管网长度", "≥ 12公里", "12.6公里", "50", "50", ""],
            ["", "", "质量指标", "验收合格率", "≥ 95%", "96.5%", "30", "29", "个别段落返工"],
            ["", "满意度指标", "服务对象满意度指标", "用户满意度", "不低于90%", "92%", "20", "20", ""]]  # fmt: skip
    want = [("改造管网长度", "≥12公里", "12.6公里", Decimal(50), Decimal(50), None),
            ("验收合格率", "≥95%", "96.5%", Decimal(30), Decimal(29), "个别段落返工"),
            ("用户满意度", "不低于90%", "92%", Decimal(20), Decimal(20), None)]  # fmt: skip
    for lines in (_spaced(rows), [p for c in _one_per_line(rows) for p in c.split(" ")]):
        [ev] = _read(lines)
        got = [(r.name, (r.target or "").replace(" ", ""), r.actual, r.weight, r.score, r.deviation_note)
               for r in ev.indicators]  # fmt: skip
        assert got == want
