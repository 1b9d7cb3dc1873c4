"""The normalising passes, each on its own (jixiao.ingest.normalise)."""

from __future__ import annotations

from collections.abc import Callable

from jixiao.ingest import normalise as N
from jixiao.ingest.labels import key
from jixiao.ingest.settings import Settings


def test_traditional_characters_are_read_as_simplified_at_the_same_length() -> None:
    assert N.simplified("績效自評表") == "绩效自评表"
    assert N.simplified("項目實施單位") == "项目实施单位"
    assert len(N.simplified("預算執行情況")) == len("預算執行情況")
    assert key("項目名稱") == "项目名称"


def test_pinyin_glosses_go_but_column_marks_stay() -> None:
    assert N.strip_glosses("項(xiàng)目名稱") == "項目名稱"
    assert N.strip_glosses("預算數(A)") == "預算數(A)"
    assert N.strip_glosses("金额(万元)") == "金额(万元)"
    assert N.reading("監(jiān)測項(xiàng)目") == "监测项目"


def test_a_cut_on_the_reading_is_made_on_the_text_as_written() -> None:
    text = "項(xiàng)目名稱水土保持監(jiān)測"
    view, index = N.reading_with_map(text)
    assert view == "项目名称水土保持监测"
    assert N.cut_as_written(text, index, [(0, 4), (4, len(view))]) == ["項(xiàng)目名稱", "水土保持監(jiān)測"]


def test_full_width_forms_and_spaces() -> None:
    assert N.fold_forms("（５０分）　满意度\u3000 指标") == "(50分) 满意度 指标"


def test_justified_characters_join_and_cells_split_on_spaces() -> None:
    assert N.split_spaced("项 目 名 称 某项目 880 880") == ["项目名称", "某项目", "880", "880"]
    assert N.split_spaced("( 2020 年度) 自评表") == ["(2020年度)", "自评表"]
    # one character twice is a target and its actual, no label spaced out
    assert N.split_spaced("验收程序是否规范有序 是 是") == ["验收程序是否规范有序", "是", "是"]


def test_a_figure_keeps_its_unit_written_apart() -> None:
    assert N.split_spaced("离退休人员 5.5 万人 10 10") == ["离退休人员", "5.5 万人", "10", "10"]
    # a name's unit in brackets stays with the name, never with a sign (计算符号 | 计量单位)
    signed = ["补助金额 (元/人/年)", "1440", "=", "(元/人/年)", "10"]
    assert N.split_spaced("补助金额 (元/人/年) 1440 = (元/人/年) 10") == signed
    assert N.split_spaced("600 元/人/次;2500 元/人/月 10") == ["600 元/人/次;2500 元/人/月", "10"]
    assert N.split_spaced("资金拨付时限 2024 年 10 10") == ["资金拨付时限", "2024 年", "10", "10"]
    assert N.split_spaced("满意度 95 % 元旦前完成") == ["满意度", "95 %", "元旦前完成"]
    assert N.split_spaced("扶持经营主体 (个) 15 6") == ["扶持经营主体 (个)", "15", "6"]
    # a bracketed unit as long as the preview takes (settings.bracketed_unit_max_chars): one idea, one bound
    assert N.split_spaced("某补助标准 (万元/平方公里) 10 10") == ["某补助标准 (万元/平方公里)", "10", "10"]


def test_cells_closed_by_a_lone_pipe_run_over_lines() -> None:
    lines = ["一级指标", "|", "投 入", "(15分)", "|", "5", "|"]
    assert N.is_pipe_per_line(lines)
    assert [t for t, _ in N.pipe_cells(lines)] == ["一级指标", "投 入(15分)", "5"]


def test_cells_ending_in_a_pipe_are_one_per_line() -> None:
    lines = ["一级指标 |", "二级指标 |", "|", "产出指标 |", "100%", "100% |"]
    assert N.is_pipe_per_line(lines)
    assert [t for t, _ in N.pipe_cells(lines)] == ["一级指标", "二级指标", "产出指标", "100%", "100%"]


def test_pipe_rows_are_not_the_pipe_per_line_layout() -> None:
    assert not N.is_pipe_per_line(["项目名称 | 某项目 |", "主管部门 | 某局 | 实施单位 | 某中心 |"])


def test_one_cell_per_line_share_is_a_setting() -> None:
    lines = ["\t项目名称", "\t某项目", "说明"]
    assert N.is_one_cell_per_line(lines)
    assert not N.is_one_cell_per_line(lines, Settings(one_cell_per_line_share=0.9))


def test_page_markers_inside_run_together_text_are_removed() -> None:
    glued = "1、" + "项目名称某项目" * 50 + "12.51"
    lines = [glued, "", "2、2.512.5完成值达到指标值", "1、执行率情况。"]
    out = N.join_page_markers(lines)
    assert out[0].endswith("12.512.512.5完成值达到指标值") and not out[0].startswith("1、")
    assert out[-1] == "1、执行率情况。"  # a numbered paragraph, not a page marker


def test_numbered_paragraphs_stay() -> None:
    lines = ["1、执行率情况。", "2、目标完成情况。"]
    assert N.join_page_markers(lines) == lines


def test_glued_threshold_is_a_setting() -> None:
    line = "项目名称" * 100
    assert N.is_glued(line) and not N.is_glued(line, Settings(glued_min_length=1000))


def test_a_column_read_past_is_dropped_under_its_header_while_it_holds_no_chinese() -> None:
    rows = [
        ["行次", "绩效指标", "一级指标", "三级指标"],
        ["列次", "", "1", "2"],
        ["1", "", "产出指标", "维修公里数"],
        ["2", "", "", "培训人次"],
        [],
        ["3", "其他", "", ""],
    ]
    got = N.drop_passed_over_columns(rows, lambda t: t in {"行次", "ID"})
    assert got == [
        ["绩效指标", "一级指标", "三级指标"],
        ["列次", "", "1", "2"],
        ["", "产出指标", "维修公里数"],
        ["", "", "培训人次"],
        [],
        ["3", "其他", "", ""],  # a blank row ends the table: the column is no longer read past
    ]
    ids = [["ID", "绩效指标", "一级指标"], ["59c6df3f167a88fb", "", "产出指标"], ["", "总分", "100"]]
    assert N.drop_passed_over_columns(ids, lambda t: t == "ID") == [
        ["绩效指标", "一级指标"],
        ["", "产出指标"],
        ["总分", "100"],
    ]


def test_lines_broken_at_a_fixed_width_are_joined_back_in_place() -> None:
    rows = [
        "项目名称 某项目",
        "年度资金总额 300.00 300.00 296.26 10 98.75% 9.88",
        "产出指标 数量指标 维修公里数 =20公里 20公里 5 5",
    ]
    text = "\n".join(rows)
    width = 17
    broken = [ln[k : k + width] for ln in text.splitlines() for k in range(0, len(ln), width)]
    assert N.wrap_width(broken, Settings()) == (len, width)
    joined = N.join_fixed_width(broken, Settings())
    assert [ln for ln in joined if ln] == rows
    assert len(joined) == len(broken)  # a joined line's place is left blank: line numbers hold
    assert joined[1].startswith("年度资金总额") and joined[2] == ""


def test_a_line_of_padding_at_the_width_is_left_as_it_is() -> None:
    text = "\n".join(["项目名称 某项目", "年度资金总额 300.00 300.00 296.26 10 98.75% 9.88",
                      "产出指标 数量指标 维修公里数 =20公里 20公里 5 5"])  # fmt: skip
    broken = [ln[k : k + 17] for ln in text.splitlines() for k in range(0, len(ln), 17)]
    padded = [*broken[:2], "\u3000" * 17, *broken[2:]]  # full-width spaces exactly as wide as the width
    joined = N.join_fixed_width(padded, Settings())
    assert joined[2] == "\u3000" * 17 and len(joined) == len(padded)


def test_text_as_written_is_not_read_as_wrapped() -> None:
    lines = ["项目支出绩效自评表", "项目名称 某项目", "主管部门 某局 实施单位 某局", "总分 100 98"]
    assert N.wrap_width(lines, Settings()) is None
    assert N.join_fixed_width(lines, Settings()) == lines
    same = ["甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己"] * 2 + ["短"]  # two lines alike are not a width
    assert N.wrap_width(same, Settings()) is None
    assert N.wrap_width(same, Settings(wrap_min_lines=2)) == (len, 16)


def test_rows_run_together_that_end_in_their_figures_are_not_wrapped() -> None:
    """Two rows run together happen to be the longest, of one length: each ends in its figures
    after its words (``…1500人1010``), so neither was cut at a width; the lines stay apart."""
    from jixiao.ingest.cells import _is_label

    lines = [
        "绩效指标一级指标二级指标三级指标指标值实际完成值分值得分",
        "产出指标数量指标培训人数1200人1200人2020",
        "效益指标(30分)社会效益指标惠及农户总户数≥1500人1500人1010",
        "带动增收改善状况明显提升明显提升1010",
        "满意度指标(10分)服务对象满意度指标受益农户满意度≥90%95%1010",
        "总分100100",
    ]
    assert N.join_fixed_width(lines, Settings(), is_label=_is_label) == lines


def test_a_text_cut_after_a_figure_before_its_unit_spills_over() -> None:
    """A narrative cut at the width after a figure (``…共计12`` / ``公里，…``): the next line opens
    with the figure's unit, the rest of the line above — not a row run together ended there."""
    from jixiao.ingest.cells import _is_label

    assert N.spills("全年完成乡村道路硬化改造工程共计12", "公里，惠及沿线群众。", _is_label)
    assert not N.spills("产出指标数量指标培训人数1200人1200人2020", "质量指标某项合格率100%100%1010", _is_label)


def test_a_line_opening_with_a_closing_mark_was_cut_before_it() -> None:
    """No cell opens with 。 or ，: two lines at the width each followed by one are broken lines,
    so the width is found although only two lines reach it, and the mark joins its sentence."""
    from jixiao.ingest.cells import _is_label

    assert N.spills("数量指标 某指标覆盖率 实施基层医疗机构37个", "。 本年度已完成37个", _is_label)
    assert not N.spills("数量指标 某指标覆盖率 实施基层医疗机构37个", "本年度 已完成37个", _is_label)
    lines = [
        "绩效指标 一级指标 二级指标 三级指标 指标值 实际完成值 分值 得分",
        "数量指标 指标1:街道社区基层服务站点制度覆盖率 实施街道社区服务站点37个",
        "。 本年度已完成37个社区服务站点实施。",
        "指标2:村级服务点实施统一服务标准 实施统一服务标准补助给村级服务点352个",
        "， 本年度已完成352个村服务点。",
        "总分",
    ]
    joined = N.join_fixed_width(lines, Settings(), is_label=_is_label)
    assert joined[1] == lines[1] + lines[2]
    assert joined[3] == lines[3] + lines[4]
    assert joined[2] == joined[4] == ""


def test_a_method_text_cut_at_the_width_goes_on_before_the_row_s_last_figure() -> None:
    """A 得分计算方法 cut at the width (``… 15 达到目``): the next line, a sentence and one figure
    (the rest of that text and the row's 得分), is no row of its own."""
    from jixiao.ingest.cells import _is_label

    rows = [
        "绩效指标 一级指标 二级指标 三级指标 指标值 实际完成值 分值 得分计算方法 得分",
        "产出指标 数量指标 参保人数(万人) >=80.90万人 80.9万人 15 达到目标值得满分，每降低1个百分点扣0.5分。 15",
        "质量指标 基本养老保险参保率 >=95% 95% 10 完成值达到指标值，记满分；未达到指标值，按比例记分。 10",
        "时效指标 参保登记工作完成时间 2021年12月31日 2021年12月 10 达到目标值得满分，逾期按比例扣分。 10",
        "总分 100 100",
    ]
    width = 48
    broken = [ln[k : k + width] for ln in rows for k in range(0, len(ln), width)]
    joined = N.join_fixed_width(broken, Settings(), is_label=_is_label)
    assert [ln for ln in joined if ln] == rows


def test_a_header_line_at_the_width_closed_by_words_no_layout_knows_ends_before_the_first_row() -> None:
    """A header's line (一级指标 二级指标 三级指标 …, no figure) that happens to be exactly as long as
    the width, closed by words no layout knows (计划值 … 未完成原因): the 一级 on the next line opens
    the first row, it is no rest of the header."""
    from jixiao.ingest.cells import _is_label

    header = "绩效指标 一级指标 二级指标 三级指标 计划值 实际值 满分值 评分 未完成原因"
    row = "产出指标 数量指标 退休人员养老金按时足额发放月数 =12个月 12个月 10 10"
    assert N._header_line(header, _is_label) and not N._header_line(row, _is_label)
    assert not N._continues(header, row, _is_label)
    assert N._continues(header[:-2], header[-2:] + " " + row, _is_label)  # a header cut inside a word goes on


def test_a_header_line_at_the_width_goes_on_in_a_line_of_column_headers() -> None:
    """A header cut at the width between two of its columns (``… 实际值 分值`` / ``权重 自评分值``,
    its 一级 written apart: ``一级 指标``): the next line, no figure in it and opening with a
    column's header, is the header's rest; a first row after the header is none."""
    from jixiao.ingest.cells import _heads_column, _is_label

    header = "绩效指标 一级 指标 二级指标 三级指标 年度计划指标 实际值 分值"
    rest, row = "权重 自评分值 情况说明", "产出指标 数量指标 学生受资助人数 ≧735人次 735 10 10"
    assert N._header_goes_on(header, rest, _is_label, _heads_column)
    assert N._continues(header, rest, _is_label, None, False, _heads_column)
    assert not N._continues(header, rest, _is_label)  # (without knowing the column headers: as before)
    assert not N._header_goes_on(header, row, _is_label, _heads_column)
    assert not N._header_goes_on(header, "得分 10 10", _is_label, _heads_column)  # a figure: a row's


def test_a_rule_closed_by_its_full_stop_at_the_width_ends_its_row() -> None:
    """A row exactly as wide as the width, its 得分计算方法 closed by a full stop, then a name and
    its target: a row of its own; a rule cut inside at the width goes on."""
    from jixiao.ingest.cells import _is_label

    line = "预计参加养老保险的低保人员补贴标准 55元/人 达到目标值得满分，每降低1个百分点扣0.5分，扣完为止。"
    nxt = "预计参加养老保险的建档立卡户补贴标准 35元/人 完成值达到指标值，记满分"
    assert not N._continues(line, nxt, _is_label)
    assert N._continues(line[:-3], line[-3:] + " " + nxt, _is_label)  # (cut inside the rule: its rest)


def test_a_heading_stating_its_points_after_a_row_s_figures_opens_a_row() -> None:
    """A line at the width ending in a row's note, then a line opening with a heading that states
    its points (a 二级 no vocabulary knows): no note goes on with a heading."""
    from jixiao.ingest.cells import _is_label

    line = "资金使用规范性 按实际情况评分 4 2.5 满意度调查覆盖面不足，扣1.5分"
    assert not N._continues(line, "预算管理（22分） 信息公开完整性 按实际情况评分 6 6", _is_label)
    assert N._continues(line, "预算管理制度 信息公开完整性", _is_label)  # (no points: the note's rest)
    assert N._states_points("预算管理（22分）") and not N._states_points("（22分）") and not N._states_points("扣1.5分")


def test_rows_of_about_one_length_each_followed_by_a_row_are_no_trimmed_width() -> None:
    """A PDF's text of rows none of which is broken: the longest once and two rows one short of it
    make no width when most of them are followed by a row of its own (a label after their figures)."""
    from jixiao.ingest.cells import _is_label

    rows = ["一级指标 二级指标 三级指标 指标值 实际完成值 分值 得分",
            "产出指标 数量指标 受资助学生人数 14726人 15935人 10 10 已完成",
            "质量指标 国家奖学金按标准发放率 100% 100% 10 10 按期全部完成了",
            "时效指标 资助资金发放到位率 100% 100% 10 10 按时完成",
            "效益指标 社会效益指标 评审程序公正性 是 是 10 10 已完成",
            "满意度指标 服务对象满意度指标 资助学生的总体满意度 95% 95% 10 10", "总分 100 100"]  # fmt: skip
    widths = [len(r) for r in rows]
    assert widths.count(max(widths)) + widths.count(max(widths) - 1) >= 3
    measured = N.measure_lines(rows)
    assert N._trimmed_width(rows, Settings(), measured) is not None  # by the lengths alone: a width
    assert N._trimmed_width(rows, Settings(), measured, _is_label) is None
    assert N.join_fixed_width(rows, Settings(), _is_label) == rows


def test_a_closed_pipe_row_broken_at_the_page_edge_is_joined_back() -> None:
    """Rows written ``| … |``, one wrapped by a viewer: the line no pipe closes goes on in the line
    no pipe opens, with no space (a Latin word keeps one); its place is left blank."""
    lines = ["| 三级指标 | 分值 | 得分计算方法 | 得分 |", "| 人数 | 10 | 完成值达到指标值，按B/A×该指标分值记",
             "分。 | 10 |", "| 及时率 | 5 | 按期完成得满分 | 5 |"]  # fmt: skip
    assert N.join_broken_pipe_rows(lines) == [lines[0], "| 人数 | 10 | 完成值达到指标值，按B/A×该指标分值记分。 | 10 |",
                                              "", lines[3]]  # fmt: skip
    latin = ["| 名称 | 说明 |", "| 系统 | the pipe", "row | 5 |", "| 其他 | 5 |"]
    assert N.join_broken_pipe_rows(latin)[1] == "| 系统 | the pipe row | 5 |"
    opened = ["| 名称 | 说明 |", "| 系统 | 某", "| 另一行 | 5 |"]  # the next line opens a row: nothing to join
    assert N.join_broken_pipe_rows(opened) == opened
    unclosed = ["名称 | 说明", "系统 | 某某", "其他 | 5"]  # rows not closed by pipes: no row is broken
    assert N.join_broken_pipe_rows(unclosed) == unclosed


def test_cells_one_per_line_a_few_as_long_as_the_longest_are_not_wrapped() -> None:
    """One cell per line (no line holds a space): three names of one length among many shorter
    cells are a coincidence, not a width; text of long lines broken at a width still is."""
    names = [f"预计参加养老保险的第{k}类人员补贴标准" for k in "一二三"]
    cells = ["项目名称", "某项目", "一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标"]
    lines = cells + [x for name in names for x in (name, "35元/人")] + ["长期", "效果明显", "95%"]
    assert N.wrap_width(lines, Settings()) is None
    assert N.join_fixed_width(lines, Settings()) == lines
    prose = "项目资金已按进度拨付到位资金执行率达到百分之百项目完成率达到百分之百" * 2
    broken = [prose[k : k + 16] for k in range(0, len(prose), 16)]
    assert N.wrap_width(broken, Settings()) == (len, 16)


def test_a_tab_grid_has_rows_of_one_width() -> None:
    grid = [
        "项目名称\t\t某项目\t\t",
        "主管部门\t某局\t\t实施单位\t某中心",
        "\t年度资金总额\t300\t\t296.26",
        "总分\t\t\t\t100",
    ]
    assert N.is_tab_grid(grid)
    ragged = ["项目名称\t某项目", "主管部门\t某局\t实施单位\t某中心", "年度资金总额\t300\t296.26", "总分\t100"]
    assert not N.is_tab_grid(ragged)
    assert not N.is_tab_grid(grid[:3])  # too few lines to tell
    assert N.is_tab_grid(grid[:3], Settings(tab_grid_min_lines=3))


def test_a_cell_per_line_text_counts_spaces_inside_a_cell_as_one_cell() -> None:
    """A figure with its unit written apart and a label justified are one cell each: a text of such
    lines, with a cell wrapped in its box and joined with a space, is one cell per line (read by
    its space-free lines alone, 75 % here, it fell under 80 % and every space cut a cell)."""
    plain = ["项目名称", "某县社区服务经费", "实施单位", "某县民政局", "数量指标", "服务人次"]
    inside = ["项 目 名 称", "1200 人次", "2023 年"]
    wrapped = ["某县“智慧社区”平台 运维费用"]
    lines = plain + inside + wrapped + plain
    assert N.one_cell_share(lines) == 1 - 1 / len(lines)
    assert N.space_free_share(lines) < Settings().cell_per_line_share
    assert N.is_cell_per_line(lines, Settings())
    assert not N.is_cell_per_line(lines, Settings(cell_per_line_share=0.99))
    rows = ["年度资金总额 300 300 296.26 10", "数量指标 服务人次 1200 人次 10 10", "项目名称 某项目"] * 4
    assert N.one_cell_share(rows) == 0
    assert not N.is_cell_per_line(rows, Settings())


def test_a_text_of_one_cell_per_line_keeps_single_spaces_inside_its_cells() -> None:
    lines = ["项目名称", "社区养老服务", "实施单位", "某县民政局", "产出指标", "数量指标", "5.5 万人"] * 2
    assert N.is_cell_per_line(lines, Settings())
    assert not N.is_cell_per_line(["年度资金总额 300 300 296.26 10"] * 12, Settings())
    assert not N.is_cell_per_line(lines, Settings(cell_per_line_min_lines=15))
    assert N.split_gaps("5.5 万人") == ["5.5 万人"]
    assert N.split_gaps("社会效益指 标") == ["社会效益指 标"]
    assert N.split_gaps("项目名称        优 抚") == ["项目名称", "优 抚"]
    assert N.split_gaps("某县项目支出绩效自评表 (2021年度)") == ["某县项目支出绩效自评表", "(2021年度)"]
    assert N.split_gaps("首页 > 信息公开 > 绩效管理") == ["首页", ">", "信息公开", ">", "绩效管理"]


def test_a_stray_closing_bracket_does_not_hide_a_label() -> None:
    assert key("年度预算资金总额):") == "年度预算资金总额"
    assert key("预算数(A)") == "预算数(A)"


def test_enclosed_list_marks_stay_as_written() -> None:
    assert N.fold_forms("①支出符合规定；②资金拨付及时") == "①支出符合规定;②资金拨付及时"
    assert N.fold_forms("⑴ 预算１２") == "⑴ 预算12"


def test_a_line_whose_end_space_was_dropped_goes_on_after_that_space() -> None:
    """A PDF's text layer trims the space a line was broken after: the line one short of the
    width goes on in the next line, the space put back."""
    rows = ["项目名称 某项目", "年度资金总额 300.00 300.00 296.26 10 98.75% 9.88",
            "产出指标 数量指标 维修公里数 =20公里 20公里 5 5", "质量指标 验收合格率 =100% 100% 10 10",
            "时效指标 完工时间 2021年12月 2021年12月 10 10"]  # fmt: skip
    kept = [ln[k : k + 19] for ln in rows for k in range(0, len(ln), 19)]
    assert kept[2] == "0 296.26 10 98.75% " and kept[8] == "时效指标 完工时间 2021年12月 "
    trimmed = [ln.strip() for ln in kept]
    assert [ln for ln in N.join_fixed_width(trimmed, Settings()) if ln] == rows
    one_short = [*kept[:8], kept[8].strip(), *kept[9:]]  # other lines keep their end spaces
    assert kept[8].strip() in N.join_fixed_width(one_short, Settings())  # so a line one short is a line


def test_quotation_marks_set_apart_are_joined_to_what_they_quote() -> None:
    assert N.join_set_apart_quotes(["实现“", "一卡通用", "”", "普及城乡"]) == ["实现“一卡通用”", "普及城乡"]
    assert N.join_set_apart_quotes(["“", "金保工程", "”", "系统"]) == ["“金保工程”", "系统"]
    assert N.join_set_apart_quotes(["“放管服”改革", "长期保障"]) == ["“放管服”改革", "长期保障"]


def test_a_row_exactly_as_wide_as_the_width_does_not_go_on_in_the_next_row() -> None:
    """A line at the width ending in a figure, then a line that is a row of its own (a long name
    and a figure at its end): two rows, not one broken; the rest of a figure still joins."""
    rows = ["产出指标 数量指标 补助标准 =5元/人 5元/人 10 10", "年缴费档次为一千元的人员补助标准 50元/人",
            "年缴费档次为两千元的人员补助标准 90元/人", "质量指标 发放准确率 100% 100% 10 10"]  # fmt: skip
    width = len(rows[1])
    broken = [ln[k : k + width] for ln in rows for k in range(0, len(ln), width)]
    assert broken.count(rows[1]) == 1 and len(rows[2]) == width
    label = {"产出指标", "数量指标", "质量指标"}.__contains__
    assert [ln for ln in N.join_fixed_width(broken, Settings(), label) if ln] == rows
    figure = ["甲" * 20 + " 20", "18年1月-2019年12月 全体 10", "乙" * 23, "丙" * 23]
    assert N.join_fixed_width(figure, Settings(), label)[0].startswith("甲" * 20 + " 2018年")


def test_a_width_met_by_two_lines_is_taken_when_one_of_them_breaks_a_label() -> None:
    label = {"偏差原因分析及改进措施", "得分"}.__contains__
    lines = ["项目名称 某项目", "绩效指标 一级指标 三级指标 分值 得分 偏差原", "因分析及改进措施",
             "产出指标 数量指标 人数 10 9 已完工,剩未", "付", "总分 100"]  # fmt: skip
    assert len(lines[1]) == len(lines[3]) and N.wrap_width(lines, Settings()) is None
    joined = N.join_fixed_width(lines, Settings(), label)
    assert joined[1].endswith("得分 偏差原因分析及改进措施") and joined[3].endswith("已完工,剩未付")
    assert N.join_fixed_width(lines, Settings(), None) == lines  # without the labels: text as written


def test_a_line_cut_after_a_space_goes_on_with_the_lone_figure_after_it() -> None:
    """Two lines at the width, one cut after its weight and a space (``… 8 `` / ``8``), one inside
    its note: both go on; a lone figure after one line at the width alone is no proof of a width."""
    label = {"得分", "扣分说明"}.__contains__
    lines = ["一级指标 三级指标 评分标准 分值 得分 扣分说明",
             "决策（8分） 立项程序规范性 程序完整规范得8分，否则扣分 8 ", "8",
             "过程（5分） 制度执行有效性 执行有效得5分 5 4.5 个别任", "务延期", "合计 13 12.5"]  # fmt: skip
    assert len(lines[1]) == len(lines[3]) and N.wrap_width(lines, Settings()) is None
    joined = N.join_fixed_width(lines, Settings(), label)
    assert joined[1:5] == [
        "决策（8分） 立项程序规范性 程序完整规范得8分，否则扣分 8 8",
        "",
        "过程（5分） 制度执行有效性 执行有效得5分 5 4.5 个别任务延期",
        "",
    ]
    assert not N.spills("决策（8分） 立项程序规范性 程序完整规范得8分，否则扣分 8 ", "8", label, alone=True)
    assert not N.spills("决策（8分） 立项规范性 8  ", "8", label)  # (two spaces: laid out)
    assert not N.spills("决策（8分） 立项规范性 ", "8", label)  # (after a text: a row's own figure)


_LEVELS = {"产出指标", "数量指标", "质量指标", "满意度指标", "满意度"}
_FIELDS = {"项目名称", "主管部门", "实施单位", "偏差原因分析", "偏差原因分析及改进措施"}


def _label(text: str) -> bool:
    return text in _LEVELS or text in _FIELDS


def test_a_single_line_at_the_width_that_breaks_a_label_gives_the_width() -> None:
    lines = ["项目名称 某项目", "绩效指标 一级指标 三级指标 分值 得分 偏差原因分析", "及改进措施",
             "产出指标 数量指标 培训人次 10 9", "总分 100"]  # fmt: skip
    assert N.wrap_width(lines, Settings()) is None
    joined = N.join_fixed_width(lines, Settings(), _label, _FIELDS.__contains__)
    assert joined[1].endswith("得分 偏差原因分析及改进措施") and joined[2] == ""


def test_a_label_written_with_a_space_inside_it_is_seen_broken_and_ending_a_line() -> None:
    """A label variant with an inner space (``偏差原因分析及 改进措施``): a line cut inside its
    second part gives the width; a line at the width that ends with the whole of it ends its row."""
    spaced = {"偏差原因分析及改进措施", "偏差原因分析及 改进措施"}

    def label(text: str) -> bool:
        return _label(text) or text in spaced

    lines = ["项目名称 某项目", "绩效指标 一级指标 三级指标 分值 得分 偏差原因分析及 改进", "措施",
             "产出指标 数量指标 培训人次 10 9", "总分 100"]  # fmt: skip
    joined = N.join_fixed_width(lines, Settings(), label, _FIELDS.__contains__)
    assert joined[1].endswith("得分 偏差原因分析及 改进措施") and joined[2] == ""
    assert not N._continues("绩效指标 三级指标 分值 得分 偏差原因分析及 改进措施", "产出指标 数量指标", label)
    assert N._continues("绩效指标 三级指标 分值 得分 偏差原因分析及 改进", "措施", label)


def test_a_row_ending_in_its_weight_and_score_at_the_width_ends_there_where_spaces_are_kept() -> None:
    """Text that keeps the spaces at a line's ends: a line at the width ending in two bare figures
    and a next line opening, with no space, with a name is a row of its own; the rest of a figure
    or its unit still joins, and without kept spaces (a PDF) the join is left to ``cut_before_space``."""
    assert N.scored_row_end("甲乙 =5元/人 5元/人 10 10", "完成某项工作的成本(")
    assert N.scored_row_end("甲乙 =5人 5人 5 5", "★★重点对象人数")
    assert not N.scored_row_end("甲乙 =5人 5人 10 1", "0")  # the rest of a figure
    assert not N.scored_row_end("甲乙 完成 10 10", "万元")  # a unit
    assert not N.scored_row_end("甲乙 5人 10", "完成")  # one figure only: a note may follow it
    assert not N._continues("甲乙 =5元/人 5元/人 10 10", "完成某项工作的成本(", _label, None, kept_spaces=True)
    assert N._continues("甲乙 =5元/人 5元/人 10 10", "完成某项工作的成本(", _label, None, kept_spaces=False)


def test_a_line_joined_so_far_decides_whether_the_next_goes_on() -> None:
    """A row's score cut over two lines (``10 8`` / ``.75 note``): the note after the joined score,
    at the width, ends the row before a 一级 label."""
    rows = ["甲乙丙丁戊己 <=35万元 30万元 10 8.75 某某原因分析说明文字写在这里共十九个字",
            "产出指标 数量指标 培训人员人数 ≥5人 5人 10 10"]  # fmt: skip
    width = 23
    lines = ["项目名称 某项目", *[r[k : k + width] for r in rows for k in range(0, len(r), width)], "总分 100"]
    assert len(lines[2]) == width and lines[2].startswith(".75")
    assert [ln for ln in N.join_fixed_width(lines, Settings(), _label) if ln] == ["项目名称 某项目", *rows, "总分 100"]


def test_a_pdf_line_cut_between_two_labels_gets_its_space_back() -> None:
    """A PDF's text layer drops the space a line was cut before: between two header labels
    (``年度指标值`` / ``实际 完成值``) it is put back; inside one label (``偏差原因分析`` / ``及改进措施``) not."""
    labels = {"年度指标值", "实际完成值", "实际 完成值", "分值", "偏差原因分析", "偏差原因分析及改进措施"}
    label = labels.__contains__
    assert N.between_labels("年度指标值", "实际 完成值 分值", label)
    assert N.between_labels("年度指标值", "分值 得分", label)
    assert not N.between_labels("偏差原因分析", "及改进措施", label)
    assert not N.between_labels("某某", "分值 得分", label)
    assert N.cut_before_space("一级指标 年度指标值", "实际 完成值 分值", label)
    assert not N.cut_before_space("一级指标 年度指标值", "实际 完成值 分值")  # without the labels: no cut


def test_a_weight_and_score_cut_apart_in_a_pdf_line_are_put_apart_when_joined_they_cannot_be() -> None:
    """``…100% 15`` / ``15``: joined, ``1515`` would be a row's last figure above a table's points;
    apart a weight and a score within it.  ``5`` / ``4.08`` (``54.08`` could be a weight) stays."""
    assert N.weight_and_score_apart("15", "15")
    assert N.weight_and_score_apart("10", "9.5 某某原因")  # before a note
    assert not N.weight_and_score_apart("5", "4.08")  # 54.08: either reading
    assert not N.weight_and_score_apart("20", "21")  # a score above its weight: a year 2021
    assert not N.weight_and_score_apart("20", "19 2019")  # figures go on: not the row's end
    assert N.cut_before_space("甲乙 长期 100% 15", "15")
    assert not N.cut_before_space("甲乙 长期 100% 5", "4.08")


def test_amounts_written_alike_at_a_pdf_line_end_keep_their_decimals() -> None:
    """``年度资金总额 15.00 15.00 15.00`` / ``10 100% 10.00``: ``15.0010`` would be an amount written
    unlike the one before it, so the weight opens a cell of its own; a figure's own rest joins."""
    assert N.amounts_written_alike_apart("年度资金总额 15.00 15.00 15.00", "10")
    assert not N.amounts_written_alike_apart("年度资金总额 15.00 15.00 15.0", "0")  # 15.00, cut inside
    assert not N.amounts_written_alike_apart("年度资金总额 15 15 1", "5")
    assert N.cut_before_space("年度资金总额 15.00 15.00 15.00", "10 100% 10.00")


def test_a_figure_spilled_onto_the_next_line_gives_the_width() -> None:
    """Two rows at the longest width, each followed by the rest of its last figure alone."""
    rows = ["产出指标 数量指标 新建村道里程 ≥12公里 12公里 10 10", "质量指标 验收合格率 ≥95% 98% 10 10"]
    width = len(rows[0]) - 1
    lines = ["项目名称 某项目", *[x for r in rows for x in (r[:width], r[width:])], "总分 100"]
    assert lines[2] == "0" and N.wrap_width(lines, Settings()) is None
    assert [ln for ln in N.join_fixed_width(lines, Settings(), _label) if ln] == ["项目名称 某项目", *rows, "总分 100"]
    once = ["项目名称 某项目", rows[0][:width], "0", "总分 100"]  # a single line spilled once
    assert N.join_fixed_width(once, Settings(), _label)[1] == rows[0]
    text = ["项目名称 某项目", rows[0][:width], "某项目的说明文字", "总分 100"]  # a text alone after it
    assert N.join_fixed_width(text, Settings(), _label) == text


def test_spills() -> None:
    assert N.spills("绩效指标 得分 偏差原因分析", "及改进措施", _label, alone=True)
    assert N.spills("甲乙 =20公里 20公里 10", " 10", _label, alone=True)  # cut before a space
    assert N.spills("甲乙 =20公里 20公里 10 1", "0", _label)
    assert N.spills("甲乙 某某 全年共完", "成二十个站点的建设。", _label)
    assert not N.spills("甲乙 某某 全年共完", "成二十个站点的建设。", _label, alone=True)
    assert not N.spills("甲乙 =20公里 20公里 10 10", "总分 100", _label)
    assert not N.spills("甲乙 =20公里 20公里 10", "满意度指标", _label)


def test_the_next_line_opens_a_row_of_its_own() -> None:
    """At the width: a field's label, a 一级 after a whole row's note, a name and its figure after a
    figure, a row after a note are rows of their own; the rest of a name, a figure, a note joins."""

    def go(line: str, nxt: str) -> bool:
        return N._continues(line, nxt, _label, _FIELDS.__contains__)

    assert not go("项目名称 某县道路维修工程", "主管部门 某局 实施单位 某中心")
    assert not go("甲乙丙丁 =2年 80% 5 4 设备已用一年,预计两年", "满意度指标 满意度 使用者满意率 ≥95%")
    assert go("满意度指标 满意度指标 某类服务对象", "满意度 ≥95% 95% 10 10")  # the name's last word
    assert not go("甲乙丙丁 =100% 100% 4 4", "工程开工时间 2021年3月 2021年3月 4 4")
    assert go("甲乙丙丁 =2年 80% 5 4 2021", "年设备已正常使用一年")  # a note that opens with a figure
    assert go("甲乙丙丁 <=95万", "元 25.95万元 2.5 2")  # the figure's unit
    assert not go("甲乙 =5人 5人 5 5 已按月动态调整", "某某困难群众临时救助人数(按月) =7人 7人 10 10")
    assert go("甲乙 =5人 5人 5 5 已按月动态", "调整")


def test_the_spaces_a_pdf_sets_around_quotation_marks_do_not_hide_the_width() -> None:
    """A PDF's text layer pads curly quotation marks with spaces (a change of font): the lines
    broken at one width come out of unequal lengths, and are measured without that padding."""
    text = "某县“智慧社区”平台建设项目已按计划完成全部建设内容,平台运行稳定,群众满意度达到预期" * 3
    width = 20
    broken = [text[k : k + width] for k in range(0, len(text), width)]
    padded = [ln.replace("“", "“ ").replace("”", " ” ") for ln in broken]
    assert len({len(ln) for ln in padded[:-1]}) > 1 and N.wrap_width(padded[:-1], Settings())[1] == width
    assert N._unpadded_length("对“ 智慧社区 ” 平台") == len("对“智慧社区”平台")


def test_a_line_cut_just_before_a_dropped_space() -> None:
    assert N.cut_before_space("甲 5 9.89", "因为资金跨年度拨付")  # a figure, then a note
    assert N.cut_before_space("甲 =100% 96%", "10 10")  # a rate, then a figure
    assert N.cut_before_space("甲 <=80万元", "78万元 10 10")  # a target and its actual
    assert not N.cut_before_space("甲 <=80万", "元 78万元")  # the rest of the figure
    assert not N.cut_before_space("甲 10", "次 10 10")
    assert not N.cut_before_space("甲 2022年", "1月-12月")
    assert not N.cut_before_space("甲 12", "12 8")  # two bare numbers: left as one
    assert N.cut_before_space("甲 >=80人 87人", "30 30")  # a figure with its unit, then a bare number
    assert N.cut_before_space("效益指标 示范合作社实现产值(%)", "8000 12767.36 31.9")  # a name's unit, a number
    assert not N.cut_before_space("甲 (个", ") 15 6")


def test_a_row_opening_with_a_mark_is_a_row_of_its_own() -> None:
    """A name may open with ``★`` (the indicator's class): after a row ending in its figures,
    a line holding such a name and a figure after it opens a row; it is not joined on."""
    row = "★★★某人次数(≥**人次) >=59人次 87人次 5 5"
    nxt = "★★★困难群众临时救助人数(按月平均) >=4754人 4604人 5 5 困"
    assert N._opens_row("5", nxt) and N._whole_row("★★★困难群众临时救助人数 4604人")
    assert not N._continues(row, nxt, lambda _t: False)
    assert N._continues(row, "次数 4604人 5 5", lambda _t: False)


def test_two_figures_cut_at_a_pdf_line_end_either_way_are_joined_with_a_mark() -> None:
    """``…100% 5`` / ``4.08``: 54.08 or 5 | 4.08, the row cannot tell; the join is marked unsure.
    ``15`` / ``15`` (1515, no row's last figure) is put apart, not marked."""
    assert N.figures_either_way("甲乙 长期 100% 5", "4.08")
    assert not N.figures_either_way("甲乙 1093万元 6", " 5")  # the space kept: 6 | 5 as written
    assert N.figures_either_way("甲乙 长期 100% 15", "20 某某原因")  # before a note
    assert not N.figures_either_way("甲乙 长期 100% 15", "20 2019")  # figures go on: not the row's end
    assert N.figures_either_way("甲乙 满意度(%) 90", "100 11.1")  # after the name: a target and its actual
    assert not N.figures_either_way("甲乙 满意度(%) 90", " 100 11.1")  # the space kept: 90 | 100 as written
    assert not N.figures_either_way("甲乙 满意度(%) 9.5", "1.5 11.1")  # joined no number at all
    assert not N.figures_either_way("甲乙 长期 100% 1.5", "2.5")  # joined no number at all
    assert not N.figures_either_way("甲乙 长期 100%", "4.08")  # no bare figure before the cut
    assert not N.figures_either_way("甲乙 长期 100% 500", "4")  # no weight: 500 above a table's points
    assert not N.figures_either_way("甲乙 ≥12公里 12公里 10 1", "0")  # apart one figure too many
    assert not N.figures_either_way("甲乙 长期 100% 1", "5")  # apart a score above its weight: 15


def test_a_width_met_once_with_lines_one_short_of_it_in_a_pdf() -> None:
    """A PDF's text layer drops the space a line ends with: lines cut before a space come out one
    short of the width, so the width is met once; with those lines it is still the width."""
    lines = [
        "项目支出绩效自评表",
        "主管部门 某区人民政府 实施单位 某区体育发",
        "展中心",
        "资金(万元) 年初预算数 全年预算数 分值",
        "执行率 得分",
        "一级指标 二级指标 三级指标 指标值 分值",
        "实际完成值 得分",
    ]
    assert {len(lines[1]), len(lines[3]) + 1, len(lines[5]) + 1} == {22}
    assert N.wrap_width(lines, Settings()) is None
    joined = N.join_fixed_width(lines, Settings())
    assert joined[1] == "主管部门 某区人民政府 实施单位 某区体育发展中心"
    assert joined[3] == "资金(万元) 年初预算数 全年预算数 分值 执行率 得分"
    assert N.join_fixed_width(["\t".join(ln.split()) for ln in lines], Settings()) == [
        "\t".join(ln.split()) for ln in lines
    ]  # cells between tabs: no lines broken


def test_cells_one_a_line_of_about_one_length_make_no_width() -> None:
    """A page with every cell on its own line: a few long names one character apart are no width
    the lines were broken at, and the target after a name stays a line of its own."""
    names = [f"预计某保险年缴费档次为{n}元的补贴标准" for n in (100, 300, 500, 1000, 2000, 3000)]
    lines = ["一级指标", "二级指标", "三级指标", "指标值"]
    lines += [ln for k, n in enumerate(names) for ln in (n, f"{5 * (k + 1)}元/人")]
    assert N.join_fixed_width(lines, Settings()) == lines


def test_rows_run_together_are_not_joined_at_a_width_a_few_of_them_meet_by_chance() -> None:
    """The longest row and two rows one column short of it read as a PDF's lines broken at that
    width (the space at each break dropped) and are joined; rows whose cells ran together are one
    row a line — only a width several lines meet (``wrap_width``) breaks them."""
    lines = [
        "产出指标数量指标培训人次达标率100%1010",
        "质量指标培训合格率达到标准95%95%10100",
        "效益指标社会效益技能提升明显明显20201",
        "满意度指标满意度95%96%1010",
        "总分100100",
    ]
    assert N.join_fixed_width(lines)[1:4] == ["", "", ""]  # read as broken: the rows joined into the first
    assert N.join_fixed_width(lines, run_together=True) == lines


def test_a_source_keeping_opening_spaces_tells_a_cut_inside_a_figure() -> None:
    """A source that drops the spaces lines end with but keeps those they open with (a PDF's text
    layer read with them): a line at the width broken before a space opens the next line with
    it, so a line opening without one was broken inside a word — ``…长期保障 1`` / ``0 10`` is
    10 | 10, not a join either way; without the openings kept the join stays unsure."""
    rows = ["项目名称 某项目某项目某项目某项目", "产出指标 数量指标 补助人数(人) =20人 20人 5 5",
            "可持续影响指标 长期保障参保人员权益 长期保障 10 10", "质量指标 验收合格率 =100% 100% 15 15",
            "时效指标 完工时间 2021年12月 2021年12月 5 5"]  # fmt: skip
    kept = [ln[k : k + 25] for ln in rows for k in range(0, len(ln), 25)]
    assert kept[3] == "可持续影响指标 长期保障参保人员权益 长期保障 1" and kept[4] == "0 10"
    trimmed = [ln.rstrip() for ln in kept]  # the ends dropped, the openings kept
    assert [ln for ln in N.join_fixed_width(trimmed, Settings(), openings=True) if ln] == rows
    unsure = N.join_fixed_width(trimmed, Settings())[3]  # no line opens with a space: not told
    assert unsure == "可持续影响指标 长期保障参保人员权益 长期保障 1" + N.UNSURE_JOIN + "0 10"


def test_opening_spaces_kept_by_a_line_at_the_width_are_the_sources_mark() -> None:
    lines = ["甲" * 20, " 乙乙", "丙" * 20, "丁丁"]
    widths = [len(ln) for ln in lines]
    assert N.keeps_openings(lines, widths, 20)
    assert not N.keeps_openings([ln.strip() for ln in lines], widths, 20)  # both ends dropped
    assert not N.keeps_openings(["甲" * 19, " 乙乙", "丙" * 20, "丁丁"], [19, 3, 20, 2], 20)  # not after the width
    assert not N.keeps_openings(["甲" * 20, " ", "丙" * 20, "丁丁"], [20, 1, 20, 2], 20)  # a blank line


def test_rows_run_together_are_asked_of_only_where_a_width_met_by_few_lines_is_found() -> None:
    """``run_together`` as a test is asked only once a width met by too few lines is found (a
    label broken across it, or lines cut before a closing mark): a text with none never asks
    it; rows run together keep such lines apart, other text joins them."""
    from jixiao.ingest.cells import _is_label

    asked: list[bool] = []

    def together(answer: bool) -> Callable[[], bool]:
        def ask() -> bool:
            asked.append(answer)
            return answer

        return ask

    lines = [
        "绩效指标 一级指标 二级指标 三级指标 指标值 实际完成值 分值 得分",
        "数量指标 指标1:街道社区基层服务站点制度覆盖率 实施街道社区服务站点37个",
        "。 本年度已完成37个社区服务站点实施。",
        "指标2:村级服务点实施统一服务标准 实施统一服务标准补助给村级服务点352个",
        "， 本年度已完成352个村服务点。",
        "总分",
    ]
    assert N.join_fixed_width(lines, Settings(), is_label=_is_label, run_together=together(True)) == lines
    joined = N.join_fixed_width(lines, Settings(), is_label=_is_label, run_together=together(False))
    assert joined[1] == lines[1] + lines[2] and joined[2] == ""
    plain = ["项目名称 某某县城乡居民养老保险缴费补助项目", "主管部门 某某县人力资源和社会保障局", "总分 100"]
    assert N.join_fixed_width(plain, Settings(), is_label=_is_label, run_together=together(True)) == plain
    assert asked == [True, False]
