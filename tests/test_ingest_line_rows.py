"""Text kept a row per line (sections/line_rows), a lone 总分 figure (sections/total_check) and a
lone fund figure (fund_shapes.lone_amount): what the lines and the table's arithmetic decide."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from jixiao.ingest import read
from jixiao.ingest.cells import Cell
from jixiao.ingest.sections import line_rows

HEADER = "绩效指标 一级指标 二级指标 三级指标 指标值 实际完成值 分值 得分 偏差原因分析及改进措施"


def _read(tmp_path: Path, *lines: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "t.txt"
    path.write_text("\n".join(["项目名称 某项目", *lines]), encoding="utf-8")
    (ev,) = read(path)
    return ev


def test_a_line_opens_the_next_row() -> None:
    row = [Cell("预计参保档次为200元的人数", line=3), Cell("5123人", line=3)]
    name, value = Cell("预计参保档次为500元的人数", line=4), Cell("864人", line=4)
    assert line_rows.opens_row(row, name, [value])
    assert not line_rows.opens_row(row, Cell("15", line=4), [value])  # figures continue a broken row
    assert not line_rows.opens_row(row, Cell("有效", line=4), [value])  # so does a short value
    assert not line_rows.opens_row(row, name, [Cell("下一行", line=5)])  # nothing after it on its line
    assert line_rows.continues_row(row[:1], Cell("一季度发放40%,三季度发放60%", line=3))
    assert not line_rows.continues_row(row, Cell("全体在编人员", line=3))  # one line may hold two rows


def test_where_rows_keep_to_their_lines_a_name_with_a_worded_target_and_more_opens_a_row() -> None:
    """A name, a target in words and a rule after it on its line (no figure anywhere) is a row of
    its own where the rows keep to their lines; a text with one cell after it stays uncertain."""
    row = [Cell("切实减轻贫困人员缴费负担", line=3), Cell("效果明显", line=3), Cell("全部完成得满分", line=3)]
    name = Cell("提高城乡居民参保积极性,参保人数逐年增加", line=4)
    worded, rule = Cell("完成参保目标任务", line=4), Cell("达到目标值得满分,每降低1个百分点扣0.5分", line=4)
    assert line_rows.opens_row(row, name, [worded, rule], whole=True)
    assert not line_rows.opens_row(row, name, [worded, rule])  # (rows may break over lines: a text's rest)
    assert not line_rows.opens_row(row, name, [worded, Cell("下一行", line=5)], whole=True)


def test_a_long_name_with_a_figure_inside_is_no_figure_opening_a_line() -> None:
    """``…档次为300元的人数`` opening a line is a name: the rows still keep to their lines."""
    assert not line_rows._figure("预计城乡居民养老保险年缴费档次为300元的人数")
    assert line_rows._figure("300元") and line_rows._figure("≥95%") and line_rows._figure("元")
    assert not line_rows._figure("完成参保目标任务")


def test_targets_only_rows_stay_apart(tmp_path: Path) -> None:
    rows = ["产出指标 数量指标 预计参保档次为200元的人数 5123人", "预计参保档次为500元的人数 864人",
            "时效指标 补助发放时间 一季度发放40%,三季度发放60%"]  # fmt: skip
    ev = _read(tmp_path, HEADER, *rows, "总分")
    assert [(i.level2, i.name, i.target, i.actual) for i in ev.indicators] == [
        ("数量指标", "预计参保档次为200元的人数", "5123人", None),
        ("数量指标", "预计参保档次为500元的人数", "864人", None),
        ("时效指标", "补助发放时间", "一季度发放40%,三季度发放60%", None),
    ]


def test_a_lone_total_equal_to_the_weights_is_no_total(tmp_path: Path) -> None:
    rows = ["产出指标 数量指标 人数 =10人 10人 50 45", "质量指标 合格率 =100% 100% 50 40"]
    assert _read(tmp_path, HEADER, *rows, "总分 100").total_score_stated is None
    assert _read(tmp_path, HEADER, *rows, "总分 85").total_score_stated == D(85)
    assert _read(tmp_path, HEADER, *rows, "得分合计 100").total_score_stated == D(100)  # named for the score


def test_a_lone_total_equal_to_both_sums_is_a_doubt(tmp_path: Path) -> None:
    ev = _read(
        tmp_path, HEADER, "产出指标 数量指标 人数 =10人 10人 50 50", "质量指标 合格率 =100% 100% 50 50", "总分 100"
    )
    assert ev.total_score_stated is None
    assert [d.field for d in ev.doubts] == ["total_score_stated"]


def test_rows_without_weight_or_score_take_no_part_in_the_sums(tmp_path: Path) -> None:
    """A row's parts (``其中…``, a target and an actual alone) sum neither weights nor scores:
    总分 equal to both sums of the rows that have them is still a doubt, not a stated total."""
    rows = ["产出指标 数量指标 种植面积 29.5亩 29.5亩 50 50", "其中桃树种植面积 1.5亩 1.5亩",
            "质量指标 合格率 =100% 100% 50 50"]  # fmt: skip
    ev = _read(tmp_path, HEADER, *rows, "总分 100")
    assert ev.total_score_stated is None
    assert [d.field for d in ev.doubts] == ["total_score_stated"]
    rows[2] = "质量指标 合格率 =100% 100% 50 40"
    assert _read(tmp_path, HEADER, *rows, "总分 100").total_score_stated is None  # the weights' sum


def test_a_lone_amount_under_three_columns_is_a_doubt(tmp_path: Path) -> None:
    ev = _read(tmp_path, "项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分", "年度资金总额 192",
               HEADER, "产出指标 数量指标 人数 =10人 10人 100 100", "总分 100 100")  # fmt: skip
    assert ev.funds is not None
    assert (ev.funds.initial_budget, ev.funds.adjusted_budget, ev.funds.executed) == (None, None, None)
    (doubt,) = ev.doubts
    assert doubt.field == "funds" and doubt.alternatives == ["年初预算数 192", "全年预算数 192", "全年执行数 192"]


def test_centred_labels_divide_the_rows_around_them() -> None:
    from jixiao.ingest.sections import centred

    # 4 runs over rows 0..9, labels on rows 0, 2, 5, 8: six divisions put every label mid-run
    found = centred.divisions([0, 2, 5, 8], 0, 9)
    assert len(found) == 6 and [(0, 0), (1, 3), (4, 7), (8, 9)] in found
    assert all((a + b) // 2 == p for runs in found for (a, b), p in zip(runs, [0, 2, 5, 8], strict=True))
    assert centred.divisions([0, 3], 0, 9) == []  # labels at the start of long runs are not centred


def test_a_pdf_text_with_centred_labels(tmp_path: Path) -> None:
    """产出 spans rows 0–3 and is printed on row 1; 数量 spans 0–2 (printed on row 1), 质量 row 3;
    效益 and 社会效益 span rows 4–5 (printed on row 4)."""
    rows = ["人数 =10人 10人 20 20", "产出指标 数量指标 户数 =5户 5户 20 20", "面积 =3亩 3亩 20 20",
            "质量指标 合格率 =100% 100% 20 20", "效益指标 社会效益指标 受益人口 =90人 90人 10 10",
            "知晓率 =90% 95% 10 10"]  # fmt: skip
    ev = _read(tmp_path, HEADER, *rows, "总分 100 100")
    assert [(i.level1, i.level2) for i in ev.indicators] == [
        ("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "质量指标"),
        ("效益指标", "社会效益指标"), ("效益指标", "社会效益指标"),
    ]  # fmt: skip


def test_a_label_broken_at_a_space_is_joined() -> None:
    from jixiao.ingest.cells import join_broken_labels

    assert join_broken_labels(["满意度", "指标", "(20分)", "人数"]) == ["满意度 指标", "(20分)", "人数"]
    assert join_broken_labels(["经济效益", "指标", "增收"]) == ["经济效益 指标", "增收"]
    assert join_broken_labels(["产出指标", "数量指标"]) == ["产出指标", "数量指标"]


def test_headers_side_by_side_are_not_joined_as_one_broken_label() -> None:
    from jixiao.ingest.cells import join_broken_labels

    # a label by its prefix either way: 年初安排数 is a header of its own (read by its words)
    assert join_broken_labels(["项目资金（万元）", "年初安排数", "调整后预算", "分值"]) == [
        "项目资金（万元）", "年初安排数", "调整后预算", "分值"
    ]  # fmt: skip
    # 年度目标 is a label, 完成情况 names the actual's column: two headers, not 年度目标完成情况
    assert join_broken_labels(["三级指标", "年度目标", "完成情况", "指标分值"]) == [
        "三级指标", "年度目标", "完成情况", "指标分值"
    ]  # fmt: skip


def test_lone_figures_are_weights_only_when_they_add_up_to_the_points(tmp_path: Path) -> None:
    """One figure per row under 分值 | 得分: weights when they sum to the points, scores when they
    sum to the stated total, else a doubt with nothing read."""
    head = [HEADER]
    weights = _read(
        tmp_path, *head, "产出指标 数量指标 人数 =10人 10人 60", "质量指标 合格率 =100% 100% 40", "总分 100"
    )
    assert [(i.weight, i.score) for i in weights.indicators] == [(D(60), None), (D(40), None)]
    scores = _read(tmp_path, *head, "产出指标 数量指标 人数 =10人 10人 5", "质量指标 合格率 =100% 100% 4", "总分 9 良")
    assert [(i.weight, i.score) for i in scores.indicators] == [(None, D(5)), (None, D(4))]
    unsure = _read(tmp_path, *head, "产出指标 数量指标 人数 =10人 10人 5", "质量指标 合格率 =100% 100% 4", "总分")
    assert [(i.weight, i.score) for i in unsure.indicators] == [(D(5), None), (D(4), None)]


def test_a_web_page_on_one_source_line_keeps_its_blocks_as_lines(tmp_path: Path) -> None:
    """A page whose whole source is one line: its paragraphs are the lines rows are read by."""
    lines = [
        "项目名称 某项目",
        HEADER,
        "产出指标 数量指标 预计参保档次为200元的人数 5123人",
        "预计参保档次为500元的人数 864人",
        "总分",
    ]
    page = tmp_path / "t.html"
    page.write_text("<html><body>" + "".join(f"<p>{x}</p>" for x in lines) + "</body></html>", encoding="utf-8")
    (ev,) = read(page)
    assert [(i.name, i.target, i.actual) for i in ev.indicators] == [
        ("预计参保档次为200元的人数", "5123人", None),
        ("预计参保档次为500元的人数", "864人", None),
    ]


def test_a_table_whose_rows_keep_to_their_lines(tmp_path: Path) -> None:
    """No line opens with a figure: every row is whole on its line, so a short name opens a row
    (资金拨付 is no actual of the row above) and a cell with a space in it stays one row."""
    cols = [line_rows.L.Column.TARGET, line_rows.L.Column.ACTUAL, line_rows.L.Column.WEIGHT,
            line_rows.L.Column.SCORE, line_rows.L.Column.NOTE]  # fmt: skip
    row = [Cell("项目实施时间", line=3), Cell("2021年1月-12月", line=3)]
    short = Cell("支付进度", line=4)
    assert not line_rows.opens_row(row, short, [Cell("3", line=4)])
    assert line_rows.opens_row(row, short, [Cell("3", line=4)], whole=True)
    assert not line_rows.opens_row(row, Cell("15", line=4), [Cell("3", line=4)], whole=True)  # a figure continues
    assert not line_rows.opens_row(row, Cell("元", line=4), [Cell("3", line=4)], whole=True)  # so does a unit
    name = [Cell("培训人数", line=5)]
    rest = [Cell("10", line=5), Cell("10", line=5)]
    assert line_rows.fits_line([*name, Cell("2018年 全体", line=5)], Cell("在职人员", line=5), rest, cols)
    assert not line_rows.fits_line(name, Cell("在职人员", line=5), [*rest, Cell("下一名称", line=5), *rest], cols)
    assert not line_rows.fits_line(name, Cell("在职人员", line=6), rest, cols)  # not on the row's line


def test_whole_lines_read_a_row_per_line(tmp_path: Path) -> None:
    rows = ["产出指标 时效指标 项目实施时间 2021年1月-12月", "资金拨付 12月底到位",
            "数量指标 发放人数 2018年 全体在职人员 10 10", "成本指标 成本控制 每人1000元"]  # fmt: skip
    ev = _read(tmp_path, HEADER, *rows, "总分")
    assert [(i.level2, i.name, i.target, i.actual, i.weight) for i in ev.indicators] == [
        ("时效指标", "项目实施时间", "2021年1月-12月", None, None),
        ("时效指标", "资金拨付", "12月底到位", None, None),
        ("数量指标", "发放人数", "2018年", "全体在职人员", D(10)),
        ("成本指标", "成本控制", "每人1000元", None, None),
    ]
    # a line opening with figures: rows break over lines here, so a short value continues its row
    broken = _read(tmp_path, HEADER, "产出指标 数量指标 发放人数", "15 15 10 10", "质量指标 合格情况 合格",
                   "达标 10 10", "总分")  # fmt: skip
    got = [(i.name, i.target, i.actual) for i in broken.indicators]
    assert got == [("发放人数", "15", "15"), ("合格情况", "合格", "达标")]


def test_lone_figures_the_table_refutes_both_ways_are_a_doubt(tmp_path: Path) -> None:
    """A total is stated: lone figures that sum to neither the points nor the total are left empty;
    a lone 总分 equal to their sum fits weights (and their sum) as well as scores (and the total)."""
    rows = ["产出指标 数量指标 人数 =10人 10人 5", "质量指标 合格率 =100% 100% 4"]
    neither = _read(tmp_path, HEADER, *rows, "总分 80")
    assert [(i.weight, i.score) for i in neither.indicators] == [(None, None), (None, None)]
    assert neither.total_score_stated == D(80)
    assert [d.field for d in neither.doubts] == ["indicators"]
    both = _read(tmp_path, HEADER, *rows, "总分 9")
    assert [(i.weight, i.score) for i in both.indicators] == [(None, None), (None, None)]
    assert both.total_score_stated is None
    assert [d.field for d in both.doubts] == ["indicators", "total_score_stated"]
    graded = _read(tmp_path, HEADER, *rows, "总分 9 良")  # a grade beside it: the total score
    assert [(i.weight, i.score) for i in graded.indicators] == [(None, D(5)), (None, D(4))]


def test_a_level2_label_the_vocabulary_does_not_know(tmp_path: Path) -> None:
    """``制度指标`` opening a row's line before its name is a 二级 label; the text before it on its
    line is its 一级 (labels stand left of the name)."""
    name = Cell("规章制度建立与否", line=3)
    assert line_rows.label_like(Cell("制度指标", line=3)) and not line_rows.label_like(Cell("数量指标", line=3))
    assert not line_rows.label_like(Cell("受益群众对项目实施的满意指标", line=3))  # longer than any 二级
    assert line_rows.unknown_level2([], Cell("制度指标", line=3), [name])
    assert not line_rows.unknown_level2([], Cell("制度指标", line=3), [Cell("20", line=3)])  # no name after it
    ev = _read(tmp_path, HEADER, "项目目标(定量) 制度指标 规章制度建立与否 20", "产出指标 数量指标 资助人数 2100 10",
               "进度指标 资料上报 100% 100% 10", "总分")  # fmt: skip
    assert [(i.level1, i.level2, i.name) for i in ev.indicators] == [
        ("项目目标(定量)", "制度指标", "规章制度建立与否"), ("产出指标", "数量指标", "资助人数"),
        ("产出指标", "进度指标", "资料上报"),
    ]  # fmt: skip
    # after a known 二级 on its line, a …指标 is the row's name: the line has its 二级
    assert not line_rows.unknown_level2([], Cell("考核指标", line=3), [name], Cell("质量指标", line=3))
    assert line_rows.unknown_level2([], Cell("考核指标", line=3), [name], Cell("质量指标", line=2))
    ev = _read(tmp_path, HEADER, "产出指标  质量指标  考核指标  达标  达标  20  20  无", "总分")
    assert [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in ev.indicators] == [
        ("产出指标", "质量指标", "考核指标", "达标", "达标", D(20), D(20)),
    ]


def test_a_lone_figure_in_a_table_of_targets_is_a_target(tmp_path: Path) -> None:
    ev = _read(tmp_path, HEADER, "产出指标 数量指标 宣传次数 12次", "质量指标 宣传覆盖率 0.8",
               "时效指标 宣传时间 11-12月", "总分")  # fmt: skip
    assert [(i.name, i.target, i.weight) for i in ev.indicators] == [
        ("宣传次数", "12次", None), ("宣传覆盖率", "0.8", None), ("宣传时间", "11-12月", None),
    ]  # fmt: skip
    weighted = _read(tmp_path, HEADER, "产出指标 数量指标 宣传次数 12次 50 50", "质量指标 宣传覆盖率 50", "总分")
    assert [(i.target, i.weight) for i in weighted.indicators] == [("12次", D(50)), (None, D(50))]


def test_a_note_broken_at_the_line_end_goes_on_alone_on_the_next_line(tmp_path: Path) -> None:
    row = [Cell("道路维修资金", line=3), Cell("43.2", line=3), Cell("10", line=3),
           Cell("已完工,质保金尚未支付,且结算价低", line=3)]  # fmt: skip
    rest = Cell("于合同金额。加强预算管理。", line=4)
    assert line_rows.continues_note(row, rest, [])
    assert not line_rows.continues_note(row, rest, [Cell("10", line=4)])  # a row: a name and its figures
    assert not line_rows.continues_note(row[:3], rest, [])  # the row ends in a figure
    ev = _read(tmp_path, HEADER, "产出指标 数量指标 道路维修资金 43.2 37.24 10 9 已完工,质保金尚未支付,且结算价低",
               "于合同金额。加强预算管理。", "质量指标 完工率 100 100 10 10", "总分")  # fmt: skip
    assert [(i.name, i.deviation_note) for i in ev.indicators] == [
        ("道路维修资金", "已完工,质保金尚未支付,且结算价低于合同金额。加强预算管理。"), ("完工率", None),
    ]  # fmt: skip


def test_a_level_label_stating_its_points_is_no_row_s_name(tmp_path: Path) -> None:
    """``某环节（19分）`` opening a line before a name: a level's label with its points (names state none),
    here printed on the middle line of its rows (a PDF's text of a merged cell)."""
    assert line_rows.label_like(Cell("某环节（19分）", line=3)) and not line_rows.label_like(Cell("（19分）", line=3))
    sheet = "一级指标 二级指标 三级指标 评分标准 分值 自评得分 扣分原因"
    ev = _read(tmp_path, sheet, "某项甲 按某规则评分 3 3", "某环节（19分） 某项乙 按某规则评分 16 15 资料不全",
               "决策（36分） 某项丙 按某规则评分 17 17", "总分 36 35")  # fmt: skip
    assert [(i.level2, i.name, i.weight, i.score) for i in ev.indicators][1] == ("某环节(19分)", "某项乙", D(16), D(15))
    assert [i.name for i in ev.indicators] == ["某项甲", "某项乙", "某项丙"]


def test_a_heading_over_a_group_in_text_of_one_cell_per_line(tmp_path: Path) -> None:
    """One cell per line: a lone text naming a group of indicators (…指标…), then a label named like a
    二级, a name and a figure — the heading is the 一级 and the label its 二级, not a row's name and target."""
    head, label = [Cell("年度绩效目标(定性指标)", line=30)], Cell("管理指标", line=31)
    name, figure = Cell("档案管理是否规范", line=32), Cell("15", line=33)
    assert line_rows.heading_over_group(head, label, [name, figure])
    assert not line_rows.heading_over_group(head, label, [name, Cell("下一项", line=33)])  # no figure after the name
    assert not line_rows.heading_over_group([Cell("培训人次", line=30)], label, [name, figure])  # a row's name
    assert not line_rows.heading_over_group([*head, Cell("10", line=30)], label, [name, figure])  # a row with values
    assert not line_rows.heading_over_group(head, Cell("数量指标", line=31), [name, figure])  # a known 二级
    lines = ["项目名称", "某项目", "一级指标", "二级指标", "三级指标", "年度指标值", "分值",
             "年度绩效目标(定性指标)", "管理指标", "档案管理是否规范", "15",
             "产出指标", "数量指标", "培训人次", "300人次", "10", "总分", "25"]  # fmt: skip
    path = tmp_path / "one.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    (ev,) = read(path)
    assert [(i.level1, i.level2, i.name, i.target, i.weight) for i in ev.indicators] == [
        ("年度绩效目标(定性指标)", "管理指标", "档案管理是否规范", None, D(15)),
        ("产出指标", "数量指标", "培训人次", "300人次", D(10)),
    ]


def test_a_lone_total_of_a_table_cut_before_its_rows_is_checked_against_the_execution_line(tmp_path: Path) -> None:
    """No indicator row with figures: the sums are the execution line's alone (分值 10, 得分 10 or 9)."""
    funds = "项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分"
    both = _read(tmp_path, funds, "年度资金总额 50 50 50 10 100% 10", HEADER, "总分 10")
    assert both.total_score_stated is None
    assert [d.field for d in both.doubts] == ["total_score_stated"]
    weights = _read(tmp_path, funds, "年度资金总额 50 50 45 10 90% 9", HEADER, "总分 10")
    assert (weights.total_score_stated, weights.doubts) == (None, [])  # the 分值 column's sum
    other = _read(tmp_path, funds, "年度资金总额 50 50 45 10 90% 9", HEADER, "总分 9")
    assert (other.total_score_stated, other.doubts) == (D(9), [])


def test_a_heading_over_a_known_level2_is_its_group_s_level1(tmp_path: Path) -> None:
    """A lone text before a 二级 the vocabulary knows: on the 二级's line (rows keeping to their lines),
    or — one cell per line — naming a group of indicators (…指标…), it is the 一级, not a row of a name alone."""
    head, label = [Cell("年度绩效目标(定性指标)", line=3)], Cell("质量指标", line=3)
    assert line_rows.heading_before_label(head, label, True, False)
    assert not line_rows.heading_before_label(head, Cell("质量指标", line=4), True, False)  # another line
    assert line_rows.heading_before_label(head, Cell("质量指标", line=4), False, True)  # one cell per line
    assert not line_rows.heading_before_label([Cell("档案管理", line=3)], label, False, True)  # no group named
    assert not line_rows.heading_before_label([*head, Cell("15", line=3)], label, True, False)  # a row with values
    want = [
        ("年度绩效目标(定性指标)", "质量指标", "档案管理是否规范", D(15)),
        ("产出指标", "数量指标", "培训人次", D(10)),
    ]
    rows = ["年度绩效目标(定性指标) 质量指标 档案管理是否规范 15", "产出指标 数量指标 培训人次 300人次 10", "总分 25"]
    ev = _read(tmp_path, "一级指标 二级指标 三级指标 年度指标值 分值", *rows)
    assert [(i.level1, i.level2, i.name, i.weight) for i in ev.indicators] == want
    lines = ["项目名称", "某项目", "一级指标", "二级指标", "三级指标", "年度指标值", "分值",
             "年度绩效目标(定性指标)", "质量指标", "档案管理是否规范", "15",
             "产出指标", "数量指标", "培训人次", "300人次", "10", "总分", "25"]  # fmt: skip
    path = tmp_path / "one.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    (ev,) = read(path)
    assert [(i.level1, i.level2, i.name, i.weight) for i in ev.indicators] == want


def test_a_heading_over_a_group_written_in_traditional_characters(tmp_path: Path) -> None:
    """The heading's level word is looked for in its key: a traditional 年度績效目標(定性指標) names a
    group as its simplified form does (the text itself is kept as written)."""
    head, label = [Cell("年度績效目標(定性指標)", line=30)], Cell("管理指標", line=31)
    name, figure = Cell("檔案管理是否規範", line=32), Cell("15", line=33)
    assert line_rows.heading_over_group(head, label, [name, figure])
    assert line_rows.heading_before_label(head, Cell("質量指標", line=31), False, True)
    lines = ["項目名稱", "某項目", "一級指標", "二級指標", "三級指標", "年度指標值", "分值",
             "年度績效目標(定性指標)", "管理指標", "檔案管理是否規範", "15",
             "產出指標", "數量指標", "培訓人次", "300人次", "10", "總分", "25"]  # fmt: skip
    path = tmp_path / "one.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    (ev,) = read(path)
    assert [(i.level1, i.level2, i.name, i.target, i.weight) for i in ev.indicators] == [
        ("年度績效目標(定性指標)", "管理指標", "檔案管理是否規範", None, D(15)),
        ("產出指標", "數量指標", "培訓人次", "300人次", D(10)),
    ]


def test_a_satisfaction_level2_after_benefit_rows_stays_under_their_level1(tmp_path: Path) -> None:
    """服务对象满意度指标 opening a row after 效益指标 rows is the 二级 earlier forms file under 效益指标
    (not a 一级 of its own, nor a 满意度指标 the table does not write); with 满意度指标 before it, that
    is its 一级 (the 2020 form)."""
    head = "一级指标 二级指标 三级指标 年度指标值 实际完成值"
    earlier = ["效益指标 社会效益指标 某项惠及人数 500人 520人", "某项知晓率 90% 92%",
               "服务对象满意度指标 某群体满意度 90% 93%", "总分"]  # fmt: skip
    ev = _read(tmp_path, head, *earlier)
    assert [(i.level1, i.level2, i.name) for i in ev.indicators] == [
        ("效益指标", "社会效益指标", "某项惠及人数"),
        ("效益指标", "社会效益指标", "某项知晓率"),
        ("效益指标", "服务对象满意度指标", "某群体满意度"),
    ]
    pipes = ["| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |",
             "| 效益指标 | 社会效益指标 | 某项惠及人数 | 500人 | 520人 |",
             "| 服务对象满意度指标 | 某群体满意度 | 90% | 93% |", "| 总分 |"]  # fmt: skip
    ev = _read(tmp_path, *pipes)
    assert [(i.level1, i.level2) for i in ev.indicators][-1] == ("效益指标", "服务对象满意度指标")
    later = [*earlier[:2], "满意度指标 服务对象满意度指标 某群体满意度 90% 93%", "总分"]
    ev = _read(tmp_path, head, *later)
    assert [(i.level1, i.level2) for i in ev.indicators][-1] == ("满意度指标", "服务对象满意度指标")


def test_the_full_points_on_the_total_row_of_a_table_with_no_scored_rows_is_no_total(tmp_path: Path) -> None:
    """A form whose indicator rows are not there (cut, or not filled): the 100 its 总分 row prints
    under 分值 is no score (the execution line scores 9 of 10 and nothing else is scored) — left empty,
    a doubt naming it; the execution score there is the total, and so is 100 when it is that score."""
    funds = "项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分"
    points = _read(tmp_path, funds, "年度资金总额 50 50 45 10 90% 9", HEADER, "总分 100")
    assert points.total_score_stated is None
    assert [(d.field, d.alternatives) for d in points.doubts] == [("total_score_stated", ["总分 100", "分值合计 100"])]
    one = ["项目名称", "某项目", *funds.split(), "年度资金总额", "50", "50", "45", "10", "90%", "9",
           *HEADER.split(), "总分", "100"]  # fmt: skip
    path = tmp_path / "one.txt"
    path.write_text("\n".join(one), encoding="utf-8")
    (ev,) = read(path)
    assert (ev.total_score_stated, [d.field for d in ev.doubts]) == (None, ["total_score_stated"])
    both = _read(tmp_path, funds, "年度资金总额 50 50 45 10 90% 9", HEADER, "总分 100 9")
    assert (both.total_score_stated, both.doubts) == (D(9), [])
    rows = _read(tmp_path, funds, "年度资金总额 50 50 45 10 90% 9", HEADER,
                 "产出指标 数量指标 人数 =10人 10人 90 88", "总分 100")  # fmt: skip
    assert (rows.total_score_stated, rows.doubts) == (None, [])  # the weights' sum (10 + 90), as before


FUNDS_LINE = ("项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分", "年度资金总额 50 50 45 10 90% 9")


def test_a_lone_figure_beside_rows_stating_both_is_read_by_the_sums_they_leave(tmp_path: Path) -> None:
    """Rows of text, most stating 分值 and 得分, one a single figure: a score where only that reading
    fits (the 分值合计 the others and the execution make, the total with it as a score), a weight where
    that one fits, as read where neither does."""
    rows = ["产出指标 数量指标 培训人数 =10人 10人 30 30", "质量指标 合格率 ≥95% 96% 30 28",
            "效益指标 社会效益指标 知晓率 ≥90% 92% 20",
            "满意度指标 服务对象满意度指标 满意度 ≥90% 95% 10 10"]  # fmt: skip

    def figures(total: str) -> list[tuple[D | None, D | None]]:
        ev = _read(tmp_path, *FUNDS_LINE, HEADER, *rows, total)
        return [(i.weight, i.score) for i in ev.indicators]

    assert figures("总分 80 97")[2] == (None, D(20))  # 10 + 30 + 30 + 10 = 80; 9 + 30 + 28 + 20 + 10 = 97
    assert figures("总分 100 77")[2] == (D(20), None)  # 10 + 30 + 30 + 20 + 10 = 100; 9 + 30 + 28 + 10 = 77
    assert figures("总分 100 97")[2] == (D(20), None)  # neither: as read


def test_lone_figures_adding_up_to_a_lone_total_as_weights_only_are_weights(tmp_path: Path) -> None:
    """Every row one figure, the 总分 row one figure equal to their sum with the execution weight
    (30 + 30 + 18 + 10 + 10 = 98) and not with the execution score (97): weights, and no total."""
    rows = ["产出指标 数量指标 培训人数 =10人 10人 30", "质量指标 合格率 ≥95% 96% 30",
            "效益指标 社会效益指标 知晓率 ≥90% 92% 18",
            "满意度指标 服务对象满意度指标 满意度 ≥90% 95% 10"]  # fmt: skip
    ev = _read(tmp_path, *FUNDS_LINE, HEADER, *rows, "总分 98")
    assert [(i.weight, i.score) for i in ev.indicators] == [(D(30), None), (D(30), None), (D(18), None), (D(10), None)]
    assert (ev.total_score_stated, ev.doubts) == (None, [])
