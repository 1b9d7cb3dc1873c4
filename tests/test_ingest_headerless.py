"""A page that begins inside the indicator table below the rows that carried its level labels:
rows recognised by their values alone (``sections.fitting.scored_rows``), on invented rows."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest.assemble import extract
from jixiao.ingest.cells import Cell, text_cells
from jixiao.ingest.sections.fitting import headerless_rows, past_titles, quantity, scored_rows
from jixiao.ingest.sections.placed import by_place
from jixiao.ingest.table import Table


def _cells(rows: list[list[str]]) -> list[Cell]:
    return [Cell(t, line=n) for n, row in enumerate(rows, start=1) for t in row]


def test_rows_of_a_name_and_values_are_indicator_rows() -> None:
    rows = [["某设施维护面积", "30万亩", "31万亩", "10", "10"], ["某病害发生率", "≤1%", "0.5%", "10", "9.5"]]
    assert scored_rows(_cells(rows))
    assert headerless_rows(_cells([*rows, ["总分", "20", "19.5"]]))


def test_a_row_scored_above_its_weight_or_a_label_of_the_form_is_no_such_row() -> None:
    assert not scored_rows(_cells([["某设施维护面积", "30万亩", "31万亩", "10", "12"]]))
    assert not scored_rows(_cells([["年度资金总额", "300", "300", "10", "10"]]))
    assert not scored_rows(_cells([["某设施维护面积", "30万亩"], ["说明如下", "某段较长的文字说明了情况的来龙去脉"]]))


def test_a_page_cut_below_its_labels_reads_its_rows() -> None:
    lines = [
        "某设施维护面积 | 30万亩 | 31万亩 | 10 | 10 |",
        "某病害发生率 | ≤1% | 0.5% | 10 | 9.5 |",
        "总分 | 20 | 19.5 |",
    ]
    [ev] = extract(text_cells("\n".join(lines)), "x.txt")
    got = [(r.name, r.target, r.actual, r.weight, r.score) for r in ev.indicators]
    assert got == [
        ("某设施维护面积", "30万亩", "31万亩", Decimal(10), Decimal(10)),
        ("某病害发生率", "≤1%", "0.5%", Decimal(10), Decimal("9.5")),
    ]


def test_a_row_weight_and_score_are_not_read_as_a_row_of_their_own() -> None:
    lines = [
        "\t\t\t某工程资金金额\t43.2\t37.24\t10\t9\t已完工,尾款未付。",
        "\t\t质量指标\t某工程完工率\t100\t100\t10\t10\t",
        "\t\t时效指标\t某完成及时率\t100\t100\t10\t10\t",
        "\t效益指标\t社会效益指标\t某发展能力\t100\t100\t10\t10\t",
        "总分\t\t\t\t\t40\t\t",
    ]
    [ev] = extract(text_cells("\n".join(lines)), "x.txt")
    assert [(r.name, r.weight, r.score) for r in ev.indicators] == [
        ("某工程资金金额", Decimal(10), Decimal(9)),
        ("某工程完工率", Decimal(10), Decimal(10)),
        ("某完成及时率", Decimal(10), Decimal(10)),
        ("某发展能力", Decimal(10), Decimal(10)),
    ]


def test_a_table_of_targets_only_counts_its_quantities_as_figures() -> None:
    """Rows that state targets only (``23715人``, ``5元/人``) below the cut: their quantities are
    the figures that tell indicator rows from a narrative, a name holding a number is not one."""
    rows = [
        ["某项服务覆盖人数", "2300人"],
        ["某类补贴发放人数", "790人"],
        ["某类设备采购数量", "18台"],
        ["某类宣传短信数量", "3000条"],
        ["质量指标", "某项补贴发放准确性", "100%"],
        ["时效指标", "某项补贴到位及时性", "及时"],
        ["成本指标", "某档次补贴标准", "5元/人"],
        ["另一档次补贴标准", "15元/人"],
        ["某类设备维修成本", "8000元"],
        ["效益指标", "社会效益", "某项生活保障", "效果明显"],
        ["某项负担减轻情况", "完成目标任务"],
        ["满意度指标", "服务对象满意度", "95%"],
    ]
    assert headerless_rows(_cells([*rows, ["总分"]]))
    assert not scored_rows(_cells(rows))
    assert quantity("2300人") and quantity("5元/人")
    assert not quantity("每户每年按100元发放的补助") and not quantity("效果明显")


def test_a_name_may_be_short_words_or_hold_a_figure() -> None:
    """A row's name is words however short (``某项拨付``) or a sentence with a figure in it
    (``缴费满15年的某类人数``); a value standing alone is none."""
    assert scored_rows(_cells([["某项拨付", "12月底到位"], ["缴费满15年的某类人数", "130人"], ["某项比率", "100%"]]))
    assert not scored_rows(_cells([["15年", "130人"]]))
    assert not scored_rows(_cells([["/", "130人"]]))


def test_a_few_rows_may_state_a_target_in_words() -> None:
    """A target written out in words (``按某县某年标准×12``) in a few rows of many; most rows in
    words are a narrative, not indicator rows."""
    rows = [["某类人数", "600人"], ["某项准确率", "100%"], ["某项时效", "2日内"]]
    rows.append(["某项标准", "按某县某年的某项标准乘以十二"])
    assert scored_rows(_cells(rows))
    assert not scored_rows(_cells([*rows[:1], ["某项说明", "另一段较长的文字说明了情况"], rows[3]]))
    assert not scored_rows(_cells([["某类人数", "一段较长的文字说明了情况", "另一段较长的文字说明"]]))


def test_the_page_heading_alone_on_its_line_is_no_row() -> None:
    cells = _cells([["某某自评表"], ["某类人数", "600人"], ["某项准确率", "100%"], ["总分"]])
    assert past_titles(cells, 0) == 1
    assert past_titles(_cells([["是否完成某申报表中的数量", "12.5", "12.5"]]), 0) == 0
    assert headerless_rows(cells)


def test_a_target_only_page_keeps_a_row_to_its_line() -> None:
    """Rows of a name and a target, one a line: a name holding a figure on the next line opens
    its own row, not the actual of the row above."""
    lines = [
        "某类补贴领取人数 | 1900人 |",
        "缴费满15年的某类人员人数 | 130人 |",
        "质量指标 | 某补贴发放准确率 | 100% |",
        "成本指标 | 某补贴发放标准 | 50元/人/月 |",
        "高于15年的某类人员增发标准 | 2元/人/月 |",
        "总分 |",
    ]
    [ev] = extract(text_cells("\n".join(lines)), "x.txt")
    assert [(r.name, r.target, r.actual) for r in ev.indicators] == [
        ("某类补贴领取人数", "1900人", None),
        ("缴费满15年的某类人员人数", "130人", None),
        ("某补贴发放准确率", "100%", None),
        ("某补贴发放标准", "50元/人/月", None),
        ("高于15年的某类人员增发标准", "2元/人/月", None),
    ]


def test_a_grid_on_one_line_keeps_a_row_to_its_grid_row() -> None:
    """A web page's table may stand on one line of its source: its rows are the grid's rows."""
    rows = [["", "某类补贴领取人数", "1900人"], ["", "某项拨付", "12月底到位"]]
    rows.append(["成本指标", "某项控制", "按某项标准1000元/人兑付"])
    cells = [Cell(t, line=1, row=r, column=c) for r, row in enumerate(rows, start=1) for c, t in enumerate(row) if t]
    [ev] = extract([*cells, Cell("总分", line=1, row=4, column=0)], "x.html")
    assert [(r.name, r.target, r.actual) for r in ev.indicators] == [
        ("某类补贴领取人数", "1900人", None),
        ("某项拨付", "12月底到位", None),
        ("某项控制", "按某项标准1000元/人兑付", None),
    ]


def _grid(rows: list[list[str]]) -> list[Cell]:
    return [Cell(t, row=r, column=c) for r, row in enumerate(rows, start=1) for c, t in enumerate(row) if t]


def test_a_grid_cut_above_its_rows_is_read_by_its_cells_places() -> None:
    """A lone figure in a grid stands in its column: the 得分 after a blank 分值, or the 分值
    with the 得分 blank (a layout's order after the name's column)."""
    scores = [
        ["", "", "", "某项培训", "已完成", "已完成", "", "5", ""],
        ["", "", "质量指标", "某项处置率", "100%", "100%", "", "4", ""],
        ["总分", "", "", "", "", "", "", "100", ""],
    ]
    [ev] = extract(_grid(scores), "x.docx")
    assert [(r.name, r.weight, r.score) for r in ev.indicators] == [("某项培训", None, 5), ("某项处置率", None, 4)]
    assert ev.indicators[1].level2 == "质量指标" and ev.total_score_stated == 100
    weights = [[*row[:6], row[7], "", ""] for row in scores]
    [ev] = extract(_grid(weights), "x.docx")
    assert [(r.name, r.weight, r.score) for r in ev.indicators] == [("某项培训", 5, None), ("某项处置率", 4, None)]
    assert ev.total_score_stated is None


def test_a_grid_whose_cells_fit_no_place_is_read_by_their_looks() -> None:
    rows = [["", "", "", "某项培训", "已完成", "已完成", "5", "某段说明"], ["", "某项", "", "", "100%", "", "", ""]]
    assert by_place(Table(_grid(rows), "x.docx", 1), 0) is None
    assert by_place(Table(_cells([["某项培训", "已完成", "5"]]), "x.txt", 1), 0) is None


def test_lone_figures_above_the_weight_sum_beside_the_total_are_scores() -> None:
    """Lone figures adding up to more than the 总分 row's 分值合计 are no weights: scores, as
    they add up to no more than its total."""
    lines = [
        "某类经营主体数量(个) | 15 | 6 | 8.0 |",
        "效益指标 | 经济效益指标 | 某类带动人数(人) | 1100 | 400 | 37.3 |",
        "满意度指标 | 服务对象满意度指标 | 某项满意度(%) | 90 | 100 | 20.0 |",
        "总分 | 20 | 71.7 |",
    ]
    [ev] = extract(text_cells("\n".join(lines)), "x.txt")
    got = [(r.weight, r.score) for r in ev.indicators]
    assert got == [(None, Decimal("8.0")), (None, Decimal("37.3")), (None, Decimal("20.0"))]


def test_a_lone_total_below_rows_cut_from_their_execution_line() -> None:
    """The execution line above the cut is unseen: ``总分 | 90`` over rows of 80 points and 80
    scored is the weights' sum or the total (a doubt, empty); over 90 points scored 89, a total of
    100 leaves no room for an execution score of 11 beside a weight of at most 10: the weights'
    sum; a figure below the weights' sum is the total."""
    rows = ["某项数量 | 100% | 100% | 40 | 40 |", "某项质量 | 100% | 100% | 40 | 40 |"]
    [ev] = extract(text_cells("\n".join([*rows, "总分 | 90 |"])), "x.txt")
    assert ev.total_score_stated is None and any(d.field == "total_score_stated" for d in ev.doubts)
    rows = ["某项数量 | 100% | 100% | 50 | 50 |", "某项质量 | 100% | 98% | 40 | 39 |"]
    [ev] = extract(text_cells("\n".join([*rows, "总分 | 100 |"])), "x.txt")
    assert ev.total_score_stated is None and not any(d.field == "total_score_stated" for d in ev.doubts)
    [ev] = extract(text_cells("\n".join([*rows, "总分 | 95 |"])), "x.txt")
    assert ev.total_score_stated is None  # an execution weight of 5, or a score of 6 of 10
    rows = ["某项数量 | 100% | 90% | 50 | 45 |", "某项质量 | 100% | 90% | 40 | 36 |"]
    [ev] = extract(text_cells("\n".join([*rows, "总分 | 88 |"])), "x.txt")
    assert ev.total_score_stated == 88  # below the weights' 90: the total
