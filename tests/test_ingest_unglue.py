"""Rows whose cells ran together (jixiao.ingest.unglue), cut by labels and the row's arithmetic."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from jixiao.ingest import read
from jixiao.ingest import unglue as U
from jixiao.ingest.settings import Settings

GLUED = [
    "项目支出绩效自评表",
    "（2021年度）",
    "项目名称社区养老服务补助",
    "主管部门某县民政局实施单位某县养老服务中心",
    "项目资金（万元）年初预算数全年预算数全年执行数分值执行率得分",
    "年度资金总额300.00300.00296.261098.75%9.88",
    "其中：当年财政拨款300300296.26———",
    "绩效指标一级指标二级指标三级指标指标值实际完成值分值得分偏差原因分析及改进措施",
    "产出指标数量指标服务老人人次(人次)≥1200人次1260人次2020",
    "质量指标服务合格率(%)=100%98%2019.6个别服务记录不全",
    "效益指标社会效益指标老年人生活质量持续改善长期100%5050",
    "可持续影响指标政策宣传覆盖面有效扩大1010",
    "总分10099.48",
]


def test_a_text_of_glued_rows_is_told_from_one_cell_per_line() -> None:
    assert U.is_glued_rows(GLUED)
    one_per_line = ["项目名称", "社区养老服务补助", "主管部门", "某县民政局", "实施单位", "某县养老服务中心"]
    assert not U.is_glued_rows(one_per_line)
    assert not U.is_glued_rows(["项目名称\t社区养老服务补助"] * 6)


def test_labels_are_cut_off_where_a_row_starts_and_where_a_header_field_starts() -> None:
    assert U.leading_labels("产出指标 (40分)数量指标服务人次") == (["产出指标 (40分)", "数量指标"], 14)
    assert U.leading_labels("项目完成时间2021年") == ([], 0)  # 项目完成 opens the name here
    rows = U.unglue_lines(GLUED)
    assert rows[2] == ["项目名称", "社区养老服务补助"]
    assert rows[3] == ["主管部门", "某县民政局", "实施单位", "某县养老服务中心"]
    assert rows[4] == ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    assert rows[5] == ["年度资金总额", "300.00300.00296.261098.75%9.88"]  # cut by the fund row's arithmetic
    assert rows[6] == ["其中：当年财政拨款", "300300296.26", "—", "—", "—"]
    assert rows[8] == ["产出指标", "数量指标", "服务老人人次(人次)", "≥1200人次", "1260人次", "20", "20", "—"]
    assert rows[9] == ["质量指标", "服务合格率(%)", "=100%", "98%", "20", "19.6", "个别服务记录不全"]
    assert rows[10] == ["效益指标", "社会效益指标", "老年人生活质量持续改善", "长期", "100%", "50", "50", "—"]
    assert rows[12] == ["总分", "100", "99.48"]
    # 1010: 分值 and 得分, or the target and the actual written alike — and the target may be in
    # the name (有效扩大): the table's rows fill both, nothing tells which, so nothing is taken
    unsure = rows[11][1]
    assert isinstance(unsure, U.Unsure) and rows[11][2:] == ["—", "—", "—", "—", "—"]


def test_a_glued_table_reads_and_a_name_run_into_its_target_is_a_doubt(tmp_path: Path) -> None:
    path = tmp_path / "glued.txt"
    path.write_text("\n".join(GLUED), encoding="utf-8")
    (ev,) = read(path)
    assert (ev.year, ev.project_name, ev.department) == (2021, "社区养老服务补助", "某县民政局")
    assert ev.implementing_unit == "某县养老服务中心"
    assert ev.funds is not None and ev.funds.executed == D("296.26")
    assert ev.execution_rate_stated == D("0.9875") and ev.execution_score_stated == D("9.88")
    assert ev.total_score_stated == D("99.48")
    first, second, third = ev.indicators[:3]
    assert (first.name, first.target, first.actual, first.weight, first.score) == (
        "服务老人人次(人次)", "≥1200人次", "1260人次", D("20"), D("20"),
    )  # fmt: skip
    assert (second.actual, second.score, second.deviation_note) == ("98%", D("19.6"), "个别服务记录不全")
    assert (third.name, third.target, third.actual, third.weight) == ("老年人生活质量持续改善", "长期", "100%", D("50"))
    fourth = ev.indicators[3]
    assert (fourth.name, fourth.target, fourth.weight, fourth.score) == (None, None, None, None)
    (doubt,) = [d for d in ev.doubts if d.field == "indicators[3].name"]
    assert doubt.reading is None and "政策宣传覆盖面有效扩大1010" in doubt.alternatives[0]


def test_a_written_out_target_begins_at_its_word_or_the_qualifier_before_it() -> None:
    assert U.target_start("保障经办系统正常运行长期") == len("保障经办系统正常运行")
    assert U.target_start("使困难群众基本生活有保障有效保障") == len("使困难群众基本生活有保障")
    assert U.target_start("公共服务能力提升提升") == len("公共服务能力提升")  # the word twice: one is the name's
    assert U.target_start("提高惠民政策知晓率有所提升") == len("提高惠民政策知晓率")
    assert U.target_start("落实政策促进社会稳定有效促进") == len("落实政策促进社会稳定")  # 促进 after its qualifier
    assert U.target_start("政策宣传覆盖面有效扩大") is None  # 扩大: no word a target ends in
    assert U.target_start("某项业务办理时限规定时限内") == len("某项业务办理时限")  # 规定 qualifies 时限内
    assert U.target_start("建成村级服务站12处。全年共完成") is None  # a sentence ended before it


def test_a_heading_with_its_points_is_a_level_and_a_name_follows_a_level2() -> None:
    assert U.leading_labels("投 入(15分)预算配置(15分)财政供养人员控制率55") == (["投 入(15分)", "预算配置(15分)"], 17)
    assert U.leading_labels("产出指标经济成本指标成本控制数≤30万元完成9090") == (["产出指标", "经济成本指标"], 10)


def test_a_bare_points_marker_opening_a_row_is_a_level1_of_its_own() -> None:
    """A 一级 whose name the page lost keeps its points alone (``(40分)``): cut off the 二级 it runs
    into; a 一级 with its points stays one label."""
    assert U.leading_labels("(40分)数量指标指标1:修缮校舍面积1201201515") == (["(40分)", "数量指标"], 9)
    assert U.leading_labels("（25分）社会效益指标指标1:受益人口1010") == (["（25分）", "社会效益指标"], 11)
    assert U.leading_labels("满意度指标(10分)服务对象满意度指标受益群众满意度90%95%1010")[0] == [
        "满意度指标(10分)", "服务对象满意度指标",
    ]  # fmt: skip


def test_rows_with_no_header_above_them_are_cut_by_the_layouts_first_column_order() -> None:
    lines = ["效益指标社会效益指标待遇发放及时率=100%100%1515", "满意度指标满意度指标使用者满意率>=95%95%1010"]
    rows = U.unglue_lines(lines)
    assert rows[0] == ["效益指标", "社会效益指标", "待遇发放及时率", "=100%", "100%", "15", "15", "—"]
    assert rows[1][2:] == ["使用者满意率", ">=95%", "95%", "10", "10", "—"]


INDICATOR_HEADER = "绩效指标一级指标二级指标三级指标指标值实际完成值分值得分偏差原因分析及改进措施"


@pytest.mark.parametrize(
    ("body", "expected", "unsure"),
    [
        pytest.param(
            ["产出指标数量指标参保人数8.8万人1010", "质量指标待遇发放准确率100%1010",
             "社会效益指标保护参保人员合法权益有效维护2020", "可持续影响指标落实待遇政策长期保障1010"],
            {1: (2, ["参保人数", "8.8万人", "—", "10", "10", "—"]), 3: (2, ["—", "—", "20", "20", "—"]),
             4: (1, ["落实待遇政策", "长期保障", "—", "10", "10", "—"])},
            {(3, 1)},
            id="clear-rows-shape",
        ),
        pytest.param(
            ["产 出(32分)建设管理(12分)台账建立情况44", "档案归集情况44", "信息报送情况44",
             "运行维护(20分)设备巡检情况22", "故障处置情况22"],
            {1: (2, ["台账建立情况", "—", "—", "4", "4", "—"]),
             4: (0, ["运行维护(20分)", "设备巡检情况", "—", "—", "2", "2", "—"]), 5: (1, ["—", "—", "2", "2", "—"])},
            set(),
            id="points-settled-shape",
        ),
    ],
)  # fmt: skip
def test_a_table_settles_its_doubtful_rows_by_the_shape_its_settled_rows_show(
    body: list[str], expected: dict[int, tuple[int, list[str]]], unsure: set[tuple[int, int]]
) -> None:
    """A row the readings leave in doubt takes the cells the table's settled rows fill.
    ``clear-rows-shape``: ``2020`` after a name is the target and the actual written alike, or 分值
    and 得分; the rows read clearly fill a target and 分值 / 得分 and no actual: so does this one, its
    target in its name (no word tells where), so the name is left unsure and the figures kept.
    ``points-settled-shape``: every row ends in two equal figures (``44``); under the first 二级 the
    points (12分) settle them as 分值 / 得分; the last 二级 states (20分) its two rows cannot make (the
    page was cut): they take the shape the settled rows show."""
    rows = U.unglue_lines([INDICATOR_HEADER, *body])
    for k, (start, cells) in expected.items():
        assert rows[k][start:] == cells
    for k, c in unsure:
        assert isinstance(rows[k][c], U.Unsure)


def test_a_level_that_states_its_points_settles_its_rows_figures() -> None:
    """Under ``(30分)`` three rows end in ``1010``: 分值 10 and 得分 10, or a target 10 and an actual
    10 — only the first makes the 一级's 30 points; where many rows have no target, such a row is
    read as cut, not left unsure."""
    lines = [
        "绩效指标一级指标二级指标三级指标指标值实际完成值分值得分偏差原因分析及改进措施",
        "产出指标(20分)数量指标维修水渠长度5公里5公里1010",
        "质量指标工程验收合格率100%100%1010",
        "(30分)经济效益指标带动周边种植增收1010",
        "社会效益指标改善群众出行条件1010",
        "可持续影响指标工程长期发挥效益1010",
    ]
    rows = U.unglue_lines(lines)
    assert rows[3] == ["(30分)", "经济效益指标", "带动周边种植增收", "—", "—", "10", "10", "—"]
    assert rows[5][-3:-1] == ["10", "10"]


def test_a_total_whose_score_exceeds_the_weight_before_it_is_read_where_the_rows_add_up_to_it() -> None:
    """Each row ends in one figure after its target and actual (``100%100%20``): its 分值 or its
    得分.  The 总分 run ``1572`` is no weight-then-score (72 > 15), but 72 is the execution score 15
    and the rows' figures added up as 得分: the total reads 15 | 72 and the rows take 得分; where
    nothing adds up the total stays unread and the rows' figures empty."""
    head = ["项目资金（万元）年初预算数全年预算数全年执行数分值执行率得分",
            "年度资金总额808080100%15",
            "绩效指标一级指标二级指标三级指标指标值实际完成值分值得分偏差原因分析及改进措施",
            "产出指标数量指标培训场次达标率100%100%20",
            "质量指标培训合格率95%95%19",
            "满意度指标服务对象满意度指标学员满意度90%90%18"]  # fmt: skip
    rows = U.unglue_lines([*head, "总分1572"])
    assert rows[-1] == ["总分", "15", "72"]
    assert rows[3][2:] == ["培训场次达标率", "100%", "100%", "—", "20", "—"]
    assert rows[5][-3:] == ["—", "18", "—"]
    rows = U.unglue_lines([*head, "总分1571"])
    assert rows[-1] == ["总分"]
    assert rows[3][-3:] == ["—", "—", "—"]


def test_rows_whose_weights_add_up_past_the_points_keep_only_what_their_readings_agree_on() -> None:
    """``≥85%8810`` is 分值 88 and 得分 10 by its own figures — or an actual 88 and 分值 10; three such
    rows would weigh far more than 100 points, so each keeps what its readings agree on (the target)
    and leaves the rest empty."""
    lines = [
        "绩效指标一级指标二级指标三级指标指标值实际完成值分值得分偏差原因分析及改进措施",
        "效益指标社会效益指标道路通行满意率≥85%8810",
        "群众出行便利率≥80%9210",
        "可持续影响指标设施完好率≥90%9510",
    ]
    rows = U.unglue_lines(lines)
    assert rows[2] == ["群众出行便利率", "≥80%", "—", "—", "—", "—"]
    assert rows[3] == ["可持续影响指标", "设施完好率", "≥90%", "—", "—", "—", "—"]
    assert not {"88", "10"} & set(rows[1])  # its name too is in doubt: the row stays whole, unsure


def test_a_page_whose_cells_kept_inner_spaces_is_still_run_together() -> None:
    """``实际 完成值``, ``1200 人次``: spaces inside cells, none between them — its labels run
    straight on into the next cell, where a table with spaces between its cells has one after."""
    inner = [ln.replace("实际完成值", "实际 完成值").replace("≥1200人次", "≥1200 人次") for ln in GLUED]
    inner = [ln.replace("1260人次", "1260 人次").replace("项目资金（万元）", "项目资金 （万元）") for ln in inner]
    inner = [ln.replace("质量指标服务", "质量指标服务 ") for ln in inner]
    assert U.runs_on_directly(inner)
    spaced = [
        "项目名称 社区养老服务补助",
        "主管部门 某县民政局 实施单位 某县养老服务中心",
        "年度资金总额 300 300 296.26",
        "产出指标 数量指标 服务老人人次 1200 1260 20 20",
        "效益指标 社会效益指标 生活质量 长期 100% 50 50",
    ]
    assert not U.runs_on_directly(spaced)


def test_a_total_of_one_figure_settles_the_actual_of_rows_each_showing_one_figure() -> None:
    """``≥90%9310`` is 分值 93 and 得分 10 by its own figures, or an actual 93 and one figure (分值 or
    得分) of 10.  The 总分 30 is the rows' 分值 or their 得分 added up (no execution line to add): no
    sum of 30 holds a 分值 of 93, and both sums read each row's actual alike — so the actuals are
    read, and the 10 as the 分值 (whole figures adding up as weights: a table states its weights;
    a figure with decimals is a score, which one then stays empty).  With a fund row that adds to
    the total, or with no total, nothing is settled so."""
    rows = [
        "绩效指标一级指标二级指标三级指标指标值实际完成值分值得分偏差原因分析及改进措施",
        "产出指标数量指标培训场次达标率≥90%9310",
        "质量指标培训合格率≥85%8710",
        "满意度指标服务对象满意度指标学员满意度≥95%9610",
    ]
    got = U.unglue_lines([*rows, "总分30"])
    assert got[1][2:] == ["培训场次达标率", "≥90%", "93", "10", "—", "—"]
    assert got[2][1:] == ["培训合格率", "≥85%", "87", "10", "—", "—"]
    assert got[3][2:] == ["学员满意度", "≥95%", "96", "10", "—", "—"]
    assert got[-1] == ["总分"]  # its one figure is the weights' sum: no score read
    halves = [*rows[:3], "满意度指标服务对象满意度指标学员满意度≥95%969.5"]
    got = U.unglue_lines([*halves, "总分29.5"])
    assert got[3][2:] == ["学员满意度", "≥95%", "96", "—", "—", "—"]  # 9.5: no weight, so 分值 or 得分
    assert got[1][4:6] == ["93", "—"]
    assert U.unglue_lines(rows)[1][4] == "—"
    funds = ["项目资金（万元）年初预算数全年预算数全年执行数分值执行率得分", "年度资金总额808080100%10"]
    assert U.unglue_lines([*funds, *rows, "总分30"])[3][4] == "—"
    assert U.unglue_lines([*rows, "总分29"])[1][4] == "—"  # no choice of readings adds up: nothing taken


def test_fitting_options_are_those_some_choice_of_the_others_adds_up_with() -> None:
    from jixiao.ingest import arithmetic as A

    def alone(*figures: int) -> list[tuple[D, D]]:
        return [(D(f), D(0)) for f in figures]

    options = [alone(5, 100, 0), alone(10, 93), alone(10, 1)]
    assert A.fitting_options(options, D(25), D(100)) == [[True, False, False], [True, False], [True, False]]
    assert A.fitting_options(options, D(16), D(100)) == [[True, False, False], [True, False], [False, True]]
    assert A.fitting_options(options, D(2), D(100)) == [[False, False, False], [False, False], [False, False]]
    assert A.fitting_options([alone(1, 2)] * 3, D(4), D(100), most=1) is None  # too many sums to keep
    # 得分 adding up to 20 with their 分值 at most 100: the 分值 93 of the first row's second reading
    # leaves no room for the second row's 分值 10
    both = [[(D(10), D(10)), (D(10), D(93))], [(D(10), D(10))]]
    assert A.fitting_options(both, D(20), D(100)) == [[True, False], [True]]


def test_the_one_row_under_stated_points_that_no_reading_fits_takes_the_weight_they_leave() -> None:
    body = [
        "效益指标(40分)经济效益指标某项经济效益长期55",
        "社会效益指标某项社会效益惠及人民1520",
        "可持续影响指标某项持续影响长期2020",
    ]
    rows = U.unglue_lines([INDICATOR_HEADER, *body])
    assert rows[2] == ["社会效益指标", "某项社会效益惠及人民1520", "—", "—", "15", "20", "—"]  # 40 - 5 - 20 = 15
    assert isinstance(rows[2][1], U.Unsure)  # its name and target: no reading placed them
    body[1] = "社会效益指标某项社会效益惠及人民1020"  # no cut of the figures leaves 15
    unplaced = U.unglue_lines([INDICATOR_HEADER, *body])[2]
    # left empty, a doubt: the whole run (the name holds a target too, among rows read with theirs)
    assert unplaced[1:6] == ["某项社会效益惠及人民1020", "—", "—", "—", "—"] and isinstance(unplaced[1], U.Unsure)


def test_a_bare_target_and_actual_run_together_are_cut_where_both_are_of_one_order() -> None:
    """``…学生人数2361825904``: 23618 | 25904 (within a factor of 2, five digits each) — no other cut
    keeps the two of one order; ``12`` (too few digits to tell) stays the target alone, and two
    bare numbers with the 分值 after them in one run are not cut so."""
    lines = [
        "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施",
        "产出指标质量指标政策知晓率100%100%",
        "发放及时率98%99%",
        "数量指标资助学生人数2361825904",
        "补助完成数量12",
    ]
    rows = U.unglue_lines(lines)
    assert rows[3] == ["数量指标", "资助学生人数", "23618", "25904", "—", "—", "—"]
    assert rows[4] == ["补助完成数量", "12", "—", "—", "—", "—"]
    from jixiao.ingest import arithmetic as A

    assert A._bare_pair("资助学生人数2361825904") == [("资助学生人数", "23618", "25904", 2)]
    assert A._bare_pair("完成数量12") == [] and A._bare_pair("2361825904") == []
    columns = ["target", "actual", "weight", "score"]
    readings = A.indicator_readings("资助学生人数236182590410", columns, U.target_start)
    assert not [c for _, c in readings if c["target"] == "23618" and c["actual"] == "25904"]


def test_two_bare_numbers_before_the_figures_are_cut_where_the_score_is_in_proportion() -> None:
    """``工程资金金额43.237.24109…``: 43.2 | 37.24 | 10 | 9 — the 得分 9 is 10 × 37.24 ÷ 43.2 (8.6)
    at its digits; 43.23 | 7.24 is no pair of one order, and no other cut keeps the score so."""
    from jixiao.ingest import arithmetic as A

    assert A.proportional("43.2", "37.24", "10", "9") and not A.proportional("43.23", "7.24", "10", "9")
    assert not A.proportional("43.2", "43.2", "10", "10")  # full marks: any cut meets it
    columns = ["target", "actual", "weight", "score", "deviation_note"]
    cut = A.indicator_row("指标1工程资金金额43.237.24109已完工尾款未付", columns, U.target_start)
    assert cut is not None and cut.clear
    assert (cut.name, cut.values) == ("指标1工程资金金额", ["43.2", "37.24", "10", "9", "已完工尾款未付"])


def test_rows_in_doubt_under_stated_points_take_the_one_cut_of_their_figures_that_adds_up() -> None:
    """``15`` and ``20`` beside a row of 5 under (40分): 分值 15 and 20 with no 得分 (1 and 5, 2 and 0
    make no 35); the row the table's shape had read as 分值 2, 得分 0 is among those in doubt."""
    body = [
        "效益指标(40分)经济效益指标某项经济效益长期55",
        "社会效益指标某项社会效益办理及时15",
        "可持续影响指标落实待遇政策长期保障会员合法权益长期保障20",
        "满意度指标(20分)满意度指标某项满意度≥90%2020",
    ]
    rows = U.unglue_lines([INDICATOR_HEADER, *body])
    assert rows[2][2:] == ["—", "—", "15", "—", "—"] and rows[3][2:] == ["—", "—", "20", "—", "—"]
    assert isinstance(rows[2][1], U.Unsure) and isinstance(rows[3][1], U.Unsure)


def test_a_written_out_target_with_another_target_word_just_before_it_may_begin_there_as_well() -> None:
    from jixiao.ingest import arithmetic as A

    text = "参保人员办理业务更便捷提高人员保障"
    assert U.target_start(text) == len("参保人员办理业务更便捷提高人员")
    assert A.earlier_starts(text, len("参保人员办理业务更便捷提高人员")) == [len("参保人员办理业务更便捷")]
    assert A.earlier_starts(text, len("参保人员办理业务更便捷提高人员"), Settings(target_word_gap_max=1)) == []
    assert A.earlier_starts("使困难群众基本生活有保障有效保障", len("使困难群众基本生活有保障")) == []  # no gap
    assert A.earlier_starts("确认是否落实到位长期", len("确认是否落实到位")) == []  # 是 and 否 stand in any text
    assert A.earlier_starts("老年人生活质量持续改善长期", len("老年人生活质量持续改善")) == []  # the name ends in one
    columns = ["target", "actual", "weight", "score"]
    cut = A.indicator_row("参保人员办理业务更便捷提高人员保障55", columns, U.target_start)
    assert cut is not None and (cut.name, cut.values) == (None, [None, None, "5", "5"])  # a close call: unsure


def test_a_written_out_target_does_not_begin_before_a_name_ending_its_own_word_or_a_bare_qualifier() -> None:
    from jixiao.ingest import arithmetic as A

    # the words between close a name (情况, 性, 影响: the layouts' name_endings)
    assert A.earlier_starts("某类人群居住条件改善情况提高", len("某类人群居住条件改善情况")) == []
    assert A.earlier_starts("某某补助发放及时性及时", len("某某补助发放及时性")) == []
    assert A.earlier_starts("对某某水平的持续影响长期", len("对某某水平的持续影响")) == []
    # a qualifier alone (基本) with no target word right after it opens no target
    assert A.earlier_starts("保障某类人员基本生活有效保障", len("保障某类人员基本生活")) == []
    # a target word (提高) with other words after it still may
    assert A.earlier_starts("某某服务更便捷提高人员保障", len("某某服务更便捷提高人员")) == [len("某某服务更便捷")]
    columns = ["target", "actual", "weight", "score"]
    cut = A.indicator_row("某类人群居住条件改善情况提高100%1515", columns, U.target_start)
    assert cut is not None and (cut.name, cut.values) == ("某类人群居住条件改善情况", ["提高", "100%", "15", "15"])
    assert cut.clear


def test_a_target_word_closing_a_name_ending_is_the_names_own() -> None:
    assert U.target_start("某项制度建立与否") is None  # 否 closes 与否 (layouts' name_endings)
    assert U.target_start("某项制度是否建立是") == len("某项制度是否建立")


def test_a_name_holds_no_figure_listed_before_a_comma() -> None:
    from jixiao.ingest import arithmetic as A

    columns = ["target", "actual", "weight", "score"]
    # the target is a sentence of values (上半年…50%,下半年…50%): no name ends inside it — unsure, not 50%
    assert A.indicator_row("某项补助发放时间上半年发放50%,下半年发放50%", columns, U.target_start) is None
    # a comma grouping thousands is no list
    cut = A.indicator_row("完成1,000户改造任务数100户100户1010", columns, U.target_start)
    assert cut is not None and (cut.name, cut.values) == ("完成1,000户改造任务数", ["100户", "100户", "10", "10"])


def test_a_name_written_again_fills_the_cell_the_tables_other_rows_fill() -> None:
    body = [
        "产出指标数量指标某项数量8台1010",
        "质量指标某项合格率100%1010",
        "效益指标可持续影响指标长期保障会员合法权益长期保障会员合法权益2020",
    ]
    rows = U.unglue_lines([INDICATOR_HEADER, *body])
    assert rows[3][2:] == ["长期保障会员合法权益", "长期保障会员合法权益", "—", "20", "20", "—"]  # the target, as above


def test_a_row_opens_with_two_levels_at_most_before_its_name() -> None:
    """``满意度指标服务对象满意度指标满意度(%)…``: after a 一级 and a 二级 comes the name, though the
    name opens with a word that could be a label (满意度)."""
    assert U.leading_labels("满意度指标服务对象满意度指标满意度(%)9010011.1") == (
        ["满意度指标", "服务对象满意度指标"],
        14,
    )
    assert U.leading_labels("(50分)产出指标数量指标维修") == (["(50分)", "产出指标", "数量指标"], 13)


def test_a_name_closing_on_its_unit_in_brackets_is_read_though_its_figures_are_not() -> None:
    """``…主体 (个)1568.0``: 15 | 6 | 得分 8.0, or 1 | 56 | 8.0, or 分值 56 … — nothing tells, but the
    name ends at its bracketed unit in every reading; the figures stand unsure (left empty, a
    doubt naming the run)."""
    from jixiao.ingest import arithmetic as A

    assert A.bracketed_end(["主体 (个)", "主体 (个)1", "主体 (个)15"]) == "主体 (个)"
    assert A.bracketed_end(["主体 (个)", "主体 (个)1x"]) is None and A.bracketed_end(["指标", "指标1"]) is None
    assert A.bracketed_end(["主体 (个)", None]) is None
    # the name readings end alike at the bracket though none of them ends there
    assert A.bracketed_end(["产值(%)800012767.", "产值(%)800012767.3", "产值(%)8000127"]) == "产值(%)"
    lines = [INDICATOR_HEADER, "产出指标数量指标扶持经营主体 (个)1568.0", "带动农户(人)1144241647.3"]
    rows = U.unglue_lines(lines)
    assert rows[1] == ["产出指标", "数量指标", "扶持经营主体 (个)", "1568.0", "—", "—", "—", "—"]
    assert isinstance(rows[1][3], U.Unsure) and not isinstance(rows[1][2], U.Unsure)
    assert rows[2][:2] == ["带动农户(人)", "1144241647.3"] and isinstance(rows[2][1], U.Unsure)


def test_figures_unsure_after_a_read_name_are_left_empty_with_a_doubt(tmp_path: Path) -> None:
    path = tmp_path / "unsure.txt"
    path.write_text("\n".join([*GLUED[:8], "产出指标数量指标扶持经营主体 (个)1568.0", "带动农户(人)1144241647.3"]))
    (ev,) = read(path)
    row = ev.indicators[0]
    assert (row.name, row.target, row.actual, row.weight, row.score) == ("扶持经营主体 (个)", None, None, None, None)
    doubt = next(d for d in ev.doubts if d.field == "indicators[0].target")
    assert doubt.alternatives == ["1568.0"] and doubt.reading is None


def test_the_word_of_the_level_just_read_written_again_bare_opens_the_name() -> None:
    """``成本指标成本控制率100%``: no level stands under itself — 成本 opens the name 成本控制率 (not a
    二级 成本 under a 一级 成本指标); a bare 二级 of another word after a 一级 stays a label."""
    assert U.leading_labels("成本指标成本控制率100%") == (["成本指标"], 4)
    assert U.leading_labels("满意度指标服务对象满意度养老保险参保群众满意度") == (["满意度指标", "服务对象满意度"], 12)
    rows = U.unglue_lines([INDICATOR_HEADER, "产出指标数量指标培训人次280人次", "成本指标成本控制率100%"])
    assert rows[2][:3] == ["成本指标", "成本控制率", "100%"]


def test_rows_stating_no_weight_are_cut_where_scores_in_proportion_add_up_to_the_total() -> None:
    """Rows with no 分值, each a name and a bare run (``培训农户(人)120096024.0``: 1200 | 960 | 24.0, or
    12009 | 602 | 4.0 …; ``3000360024.0`` alone reads as one target): the cut taken is the one
    choice whose 得分 are in proportion to whole weights (24.0 = 30 × 960 ÷ 1200), the execution
    score 8.0 and the rows' scores making the 总分's 92.5, the weights (30 + 30 + 20 + 10) with the
    total's 分值 10 the full marks.  A total nothing adds up to leaves the rows unread."""
    lines = [
        "项目资金（万元）年初预算数全年预算数全年执行数分值执行率得分",
        "年度资金总额5004001080%8.0",
        INDICATOR_HEADER,
        "产出指标数量指标培训农户(人)120096024.0",
        "新建大棚(座)504527.0",
        "效益指标经济效益指标带动增收(元)3000360024.0",
        "满意度指标服务对象满意度指标满意度(%)95909.5",
    ]
    rows = U.unglue_lines([*lines, "总分1092.5"])
    assert rows[3] == ["产出指标", "数量指标", "培训农户(人)", "1200", "960", "—", "24.0", "—"]
    assert rows[4] == ["新建大棚(座)", "50", "45", "—", "27.0", "—"]
    assert rows[5][2:] == ["带动增收(元)", "3000", "3600", "—", "24.0", "—"]
    assert rows[6][2:] == ["满意度(%)", "95", "90", "—", "9.5", "—"]
    assert rows[7] == ["总分", "10", "92.5"]
    rows = U.unglue_lines([*lines, "总分1092.4"])
    assert rows[4] == ["新建大棚(座)", "504527.0", "—", "—", "—", "—"] and rows[7] == ["总分"]
    assert U.unglue_lines([*lines[2:], "总分1092.5"])[1][3] == "120096024.0"  # no execution score to add


def test_an_actual_written_as_work_in_progress_follows_a_figure_target() -> None:
    """``…数量3推进中``: the work not finished written out as the actual (推进中, 实施中 — words a
    written-out value ends in, layouts' qualitative) after the target's figure."""
    lines = [INDICATOR_HEADER, "产出指标数量指标新建社区活动站数量3推进中", "质量指标站点验收合格率100%实施中"]
    rows = U.unglue_lines(lines)
    assert rows[1] == ["产出指标", "数量指标", "新建社区活动站数量", "3", "推进中", "—", "—", "—"]
    assert rows[2] == ["质量指标", "站点验收合格率", "100%", "实施中", "—", "—", "—"]


def test_a_target_written_as_a_rating_scale_and_its_grade_are_cut_off_the_name() -> None:
    rows = U.unglue_lines([INDICATOR_HEADER, "效益指标可持续影响指标管护机制健全性优良中低差良1010"])
    assert rows[1] == ["效益指标", "可持续影响指标", "管护机制健全性", "优良中低差", "良", "10", "10", "—"]


def test_progress_is_a_level2_of_output() -> None:
    """进度指标 (a 二级 of 产出 some forms name beside 时效, shared vocabulary): it opens a row as its
    二级, not the start of the row's name."""
    from jixiao.model.vocabulary import dimension_of_level2

    assert dimension_of_level2("进度指标") == "产出"
    lines = [INDICATOR_HEADER, "产出指标质量指标资料审核合格100%100%1010", "进度指标年度报告按期提交100%100%1010"]
    rows = U.unglue_lines(lines)
    assert rows[2] == ["进度指标", "年度报告按期提交", "100%", "100%", "10", "10", "—"]


def test_a_total_is_cut_where_its_weight_is_the_tables_stated_weights_added_up() -> None:
    """``总分11099.8`` is no weight-then-score of a table's points (110 > 100), but 110 is the rows'
    分值 (30 + 30 + 40) and the execution weight 10 the fund run confirms (10 × 98 % = 9.8): the
    total reads 110 | 99.8 as written.  A weight the stated ones do not make, or an execution
    weight no score confirms, leaves the total unread."""
    lines = [
        "项目资金（万元）年初预算数全年预算数全年执行数分值执行率得分",
        "年度资金总额50491098%9.8",
        INDICATOR_HEADER,
        "产出指标数量指标培训人次≥200人次210人次3030",
        "质量指标培训合格率≥95%98%3030",
        "效益指标社会效益指标技能提升明显明显4040",
    ]
    assert U.unglue_lines([*lines, "总分11099.8"])[-1] == ["总分", "110", "99.8"]
    assert U.unglue_lines([*lines, "总分12099.8"])[-1] == ["总分"]
    unconfirmed = [ln.replace("%9.8", "%9.7") for ln in lines]
    assert U.unglue_lines([*unconfirmed, "总分11099.8"])[-1] == ["总分"]


def test_a_formula_target_is_not_cut_after_its_operator() -> None:
    """``…标准=某县月人均标准×12``: not the name ``…×`` and a target 12 (a wrong value) — the row stays
    whole and unsure."""
    lines = [INDICATOR_HEADER, "产出指标数量指标服务人次≥100人次120人次", "成本指标补贴发放标准=某县月人均标准×12"]
    row = U.unglue_lines(lines)[2]
    assert row[:2] == ["成本指标", "补贴发放标准=某县月人均标准×12"] and isinstance(row[1], U.Unsure)


def test_a_total_of_one_figure_adds_up_with_the_execution_figure_the_fund_run_states() -> None:
    """``总分100`` over rows of one figure each (60, 30) beside a fund total stating an execution
    weight of 10 and no score (80.00 | 80.00 | 10 | 100 %): 10 + 60 + 30 makes the total as 分值; as
    得分 the line states none to add — the rows take 分值.  With a score stated too both sums hold
    and the figures stay unplaced; a total the stated weight does not make is no sum of 分值."""
    head = ["项目资金（万元）年初预算数全年预算数全年执行数分值执行率得分", "年度资金总额80.0080.0010100%"]
    rows = [INDICATOR_HEADER, "产出指标数量指标补贴发放覆盖率=100%60", "效益指标社会效益指标参保覆盖率=95%30"]
    got = U.unglue_lines([*head, *rows, "总分100"])
    assert got[3][2:] == ["补贴发放覆盖率", "=100%", "—", "60", "—", "—"]
    assert got[4][2:] == ["参保覆盖率", "=95%", "—", "30", "—", "—"]
    scored = [head[0], head[1] + "10"]
    assert U.unglue_lines([*scored, *rows, "总分100"])[3][5:7] == ["—", "—"]
    assert U.unglue_lines([*head, *rows, "总分90"])[3][5:7] == ["—", "—"]


def test_a_written_out_target_begins_at_the_time_limit_before_its_word() -> None:
    """``…时限两周内完成``: the target is 两周内完成 (a time limit before the word, layouts' time_limits),
    not 完成 after a name ending in 两周内; a limit that opens the text is no target's start."""
    assert U.target_start("资料归档时限两周内完成") == 6
    assert U.target_start("受理申请5个工作日内完成") == 4
    assert U.target_start("两周内完成") == 3
    rows = U.unglue_lines([INDICATOR_HEADER, "产出指标时效指标资料归档时限两周内完成两周内完成1010"])
    assert rows[1][2:7] == ["资料归档时限", "两周内完成", "两周内完成", "10", "10"]


def test_glued_rows_read_until_the_answer_is_settled() -> None:
    """``is_glued_rows`` reads the lines' openings only until the answer is settled, and gives the
    answer all the lines give: 4 lines running on among 12 settle it after the 4th (4 >= the
    minimum, 4/12 >= a quarter); among 20 lines of which none runs on, 16 read leave 4, fewer than
    the 5 (a quarter) it needs."""
    settings = Settings()
    runs_on = [f"项目名称某项目{n}" for n in range(4)]
    plain = [f"某项目甲乙{n}" for n in range(20)]
    U._runs_on.cache_clear()
    assert U.is_glued_rows(runs_on + plain[:8], settings)
    assert U._runs_on.cache_info().currsize == 4
    U._runs_on.cache_clear()
    assert not U.is_glued_rows(plain, settings)
    assert U._runs_on.cache_info().currsize == 16
    assert U.is_glued_rows(plain[:8] + runs_on, settings)  # the same answer read to the last line
