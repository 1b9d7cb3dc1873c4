"""A document site's preview (the whole form run together, cut into numbered chunks) cut back into
its rows (``jixiao.ingest.preview``), on invented forms of the same shape."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.ingest import cells as P_cells
from jixiao.ingest import labels as L
from jixiao.ingest import messages, read
from jixiao.ingest import preview as P
from jixiao.ingest import preview_values as PV
from jixiao.ingest.assemble import extract
from jixiao.ingest.cells import Cell, text_cells
from jixiao.ingest.normalise import join_chunk_wraps, join_page_markers, without_letter_spacing, without_script_gaps
from jixiao.ingest.preview_check import is_value, vet
from jixiao.ingest.preview_shape import holds_value, twice_inside
from jixiao.ingest.settings import Settings
from jixiao.model.evaluation import Evaluation, Indicator

TOP = (
    "项目支出绩效自评表(2023年度)项 目 名 称某县乙类设备购置项目主管部门某县甲局实施单位某县甲局下属中心"
    "项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分年度资金总额50.0050.0045.001090.00%9.00"
    "其中:当年财政拨款505045———上年结转资金000———其他资金000———"
    "年度总体目标预期目标实际完成情况购置设备若干台,保障工作开展。已购置设备若干台,工作开展正常。"
)
HEADER = "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
ROWS = (
    "产出指标数量指标购置设备数量(台)=8台8台2020",
    "质量指标设备验收合格率(%)=100%100%2020",
    "时效指标完成时间2023年11月30日2023年11月30日1010",
    "成本指标设备购置成本(万元)<=50万元45万元1010价格低于预算,结余资金已收回。",
    "效益指标社会效益指标系统运行稳定长期100%1515",
    "满意度指标满意度指标使用人员满意度>=90%92%1515",
)
TOTAL = "总分10099.00"


def _page() -> str:
    return TOP + HEADER + "".join(ROWS) + TOTAL


def _chunks(text: str, size: int = 230) -> list[str]:
    return [f"{n}、{text[k : k + size]}" for n, k in enumerate(range(0, len(text), size), start=1)]


def test_the_tops_rows_are_cut_before_their_labels_and_after_the_goals_heading() -> None:
    view = TOP.replace(" ", "")
    starts = [view[c : c + 4] for c in P.row_cuts(view)]
    assert starts == [
        *("项目名称", "主管部门", "实施单位", "项目资金", "年度资金"),
        *("其中:当", "上年结转", "其他资金", "年度总体", "购置设备"),
    ]


def test_a_label_met_again_in_a_text_cuts_nothing() -> None:
    view = "项目名称某项目主管部门某局实施单位某中心说明主管部门另有要求"
    assert len(P.row_cuts(view)) == 3


def test_indicator_rows_end_after_their_weight_and_score() -> None:
    rows = "".join(ROWS)
    ends = P.row_ends(rows)
    assert [rows[a:b] for a, b in zip([0, *ends], ends, strict=False)] == list(ROWS[:-1])


def test_a_figure_inside_a_name_or_before_a_unit_ends_no_row() -> None:
    rows = "产出指标数量指标每户奖补为800元的奖补额度=800元800元1010资金覆盖2018-2022年度=5年5年1010"
    ends = P.row_ends(rows)
    assert [rows[e - 4 : e] for e in ends] == ["1010"]


def test_a_label_with_its_points_ends_no_row() -> None:
    rows = "产出指标(50分)数量指标某数量=8台8台2020"
    assert P.row_ends(rows) == []


def test_only_headers_ending_in_weight_and_score_have_their_rows_cut() -> None:
    cols = [L.Level.LEVEL1, L.Level.NAME, L.Column.TARGET, L.Column.ACTUAL, L.Column.WEIGHT, L.Column.SCORE]
    assert P.scored_last(cols)
    assert not P.scored_last([L.Level.NAME, L.Column.WEIGHT, L.Column.TARGET, L.Column.ACTUAL, L.Column.SCORE])


def test_a_whole_page_is_cut_back_into_its_rows() -> None:
    cut = P.cut_page(_page())
    assert cut is not None
    assert cut[cut.index(HEADER) + 1 :] == [*ROWS, TOTAL]
    assert "主管部门某县甲局" in cut


def test_a_short_or_separated_line_is_no_whole_page() -> None:
    assert P.cut_page(HEADER + "".join(ROWS)) is None  # no top rows before the header
    assert P.cut_page(" | ".join(ROWS) * 3) is None


def test_a_preview_reads_as_its_rows() -> None:
    [ev] = extract(text_cells("\n".join(_chunks(_page())), whole_pages=True), "x.txt")
    assert ev.project_name == "某县乙类设备购置项目"
    assert ev.funds is not None and ev.funds.executed == Decimal("45.00")
    got = [(r.name, r.weight, r.score) for r in ev.indicators]
    assert got[0] == ("购置设备数量(台)", Decimal(20), Decimal(20))
    assert len(got) == len(ROWS)


def test_a_note_without_a_full_stop_stays_with_its_row_up_to_the_next_level_label() -> None:
    rows = "产出指标数量指标某人数=80人75人87.5部分人员未到位质量指标某合格率=100%100%1010"
    ends = P.row_ends(rows)
    assert rows[: ends[0]].endswith("部分人员未到位")


def test_a_unit_per_year_after_a_figure_ends_no_row() -> None:
    rows = "成本指标某费用(万元/年)=15万元/年15万元/年1010效益指标"
    assert [rows[:e][-4:] for e in P.row_ends(rows)] == ["1010"]


def _evaluation(weights: list[int], scores: list[int], total: str | None) -> Evaluation:
    rows = [
        Indicator(name=f"某指标{k}", target="1", actual="1", weight=Decimal(w), score=Decimal(s))
        for k, (w, s) in enumerate(zip(weights, scores, strict=True))
    ]
    return Evaluation(
        indicators=rows,
        execution_weight=Decimal(10),
        execution_score_stated=Decimal(9),
        total_score_stated=Decimal(total) if total else None,
    )


def test_rows_whose_arithmetic_holds_are_kept() -> None:
    ev = _evaluation([40, 50], [40, 48], "97")
    assert vet(ev) == ev


def test_rows_whose_weights_miss_the_full_marks_are_dropped_with_a_doubt() -> None:
    ev = vet(_evaluation([40, 45], [40, 45], "94"))  # a row lost: 95 of 100
    assert ev.indicators == [] and ev.total_score_stated is None
    assert [d.field for d in ev.doubts] == ["indicators"]


def test_rows_whose_weights_make_the_full_marks_are_kept_though_their_scores_miss_the_total() -> None:
    ev = vet(_evaluation([40, 50], [40, 48], "10097"))  # the 总分's weight and score run together
    assert [r.score for r in ev.indicators] == [Decimal(40), Decimal(48)] and ev.total_score_stated is None
    assert [d.field for d in ev.doubts] == ["indicators"]
    ev = vet(_evaluation([40, 50], [41, 48], "97"))  # a score above its weight, as the form writes it
    assert [r.score for r in ev.indicators] == [Decimal(41), Decimal(48)] and ev.total_score_stated == Decimal(97)
    assert [d.field for d in ev.doubts] == ["indicators"]
    assert vet(_evaluation([40, 45], [41, 45], "95")).indicators == []  # 95 of 100: a row lost


L1 = "产出指标"


def test_rows_without_weights_are_kept_only_where_each_has_the_tables_shape() -> None:
    ev = Evaluation(
        indicators=[
            Indicator(level1=L1, name="某指标", target="100%"),
            Indicator(level1=L1, name="乙指标", target="3台"),
        ]
    )
    assert vet(ev) == ev
    merged = Evaluation(
        indicators=[
            Indicator(level1=L1, name="甲设备数量15台乙设备数量", target="3台"),
            Indicator(level1=L1, name="乙", target="5台"),
        ]
    )
    assert vet(merged).indicators == []  # a name holding a value: two rows run together
    qualified = [
        Indicator(level1=L1, name="甲设备超过15台的数量", target="3台"),
        Indicator(level1=L1, name="乙", target="5台"),
    ]
    assert vet(Evaluation(indicators=qualified)).indicators == qualified  # the value qualifies the name
    unread = Evaluation(
        indicators=[Indicator(level1=L1, name=None, target=None), Indicator(level1=L1, name="乙", target="5台")]
    )
    assert vet(unread).indicators == []
    run_in = Evaluation(
        indicators=[
            Indicator(level1=L1, name="甲", target="780元/生/年效益值"),
            Indicator(level1=L1, name="乙", target="5台"),
        ]
    )
    assert vet(run_in).indicators == []  # the next 一级 ran into the target
    paired = [
        Indicator(level1=L1, name="甲", target="≥95%", actual="98%"),
        Indicator(level1=L1, name="乙", target="已完成", actual="已完成"),
    ]
    assert vet(Evaluation(indicators=paired)).indicators == paired
    unlike = [
        Indicator(level1=L1, name="甲", target="≥95%", actual="98台"),
        Indicator(level1=L1, name="乙", target="3台", actual="3台"),
    ]
    assert vet(Evaluation(indicators=unlike)).indicators == []


def test_partly_weighted_rows_are_kept_where_each_level1s_weights_make_its_points() -> None:
    rows = [
        Indicator(
            level1="产出指标(30分)", name="甲", target="5亩", actual="5亩", weight=Decimal(30), score=Decimal(30)
        ),
        Indicator(level1="产出指标(30分)", name="其中乙", target="2亩", actual="2亩"),
        Indicator(
            level1="效益指标(20分)", name="丙", target="9人", actual="9人", weight=Decimal(20), score=Decimal(18)
        ),
    ]
    assert vet(Evaluation(indicators=rows)).indicators == rows
    short = [rows[0], rows[1], rows[2].model_copy(update={"weight": Decimal(15), "score": Decimal(15)})]
    ev = vet(Evaluation(indicators=short))  # 效益 declares 20: a weight lost (or the page cut off there)
    assert ev.indicators == rows[:2]
    assert [(d.field, d.reason) for d in ev.doubts] == [("indicators[2]", messages.preview_groups_from(2, 3))]


def test_a_page_cut_off_keeps_the_groups_whose_weights_make_their_points() -> None:
    def row(level1: str, level2: str, weight: int) -> Indicator:
        return Indicator(level1=level1, level2=level2, name="甲", weight=Decimal(weight), score=Decimal(weight))

    rows = [row("投入(10分)", "配置(10分)", 5), row("投入(10分)", "配置(10分)", 5)]
    rows += [row("过程(30分)", "执行(9分)", 3), row("过程(30分)", "执行(9分)", 6), row("过程(30分)", "管理(21分)", 3)]
    assert vet(Evaluation(indicators=rows)).indicators == rows[:4]  # 管理 makes 3 of 21: cut off
    assert vet(Evaluation(indicators=rows[:1] + rows[2:])).indicators == []  # 投入 makes 5 of 10 at the top


def test_rows_of_targets_alone_end_after_each_value_their_shape_allows() -> None:
    rows = (
        "产出指标数量指标甲培训人次280人次乙服务人次6人次丙完成比例70%开设课程数量220质量指标丁超过15年的人数130人总分"
    )
    cuts = P.indicator_ends(rows, [L.Column.TARGET])
    pieces = [rows[a:b] for a, b in zip([0, *cuts], [*cuts, len(rows)], strict=True)]
    assert pieces == [
        "产出指标数量指标甲培训人次280人次", "乙服务人次6人次", "丙完成比例70%", "开设课程数量220",
        "质量指标丁超过15年的人数130人", "总分",
    ]  # fmt: skip


def test_a_target_and_its_actual_in_one_unit_end_a_sub_row_of_a_scored_table() -> None:
    rows = "数量指标甲面积3亩3亩2020其中乙面积1.5亩1.5亩其中丙面积2亩2亩满意度95%100%1010总分"
    cuts = P.indicator_ends(rows, [L.Column.TARGET, L.Column.ACTUAL, L.Column.WEIGHT, L.Column.SCORE])
    assert [rows[a:b] for a, b in zip([0, *cuts], [*cuts, len(rows)], strict=True)] == [
        "数量指标甲面积3亩3亩2020", "其中乙面积1.5亩1.5亩", "其中丙面积2亩2亩", "满意度95%100%1010", "总分",
    ]  # fmt: skip


def test_a_text_written_twice_is_a_target_and_its_actual() -> None:
    assert PV.twin_text("甲培训已完成已完成5", 9) == 3
    assert PV.twin_text("数量指标指标1", 6) is None  # a label's end and a row's number
    rows = "甲培训已完成已完成5乙查办率100%100%4丙素养逐步提高逐步提高3总分"
    assert [(r.start, r.end, r.values) for r in PV.value_runs(rows)] == [(3, 10, 2), (14, 23, 2), (26, 35, 2)]


def test_a_unit_of_a_rate_is_units_through() -> None:
    assert PV.unit_length("元/人给补助", 0) == 3  # 元/人, not 元/人给补
    assert PV.unit_length("万元/年以上", 0) == 4
    assert (
        PV.value_end("≥95%甲", 0) == 4
        and PV.value_end("2021年1月-12月甲", 0) == 11
        and PV.value_end("220甲", 0) is None
    )


def test_a_preview_file_keeps_rows_that_add_up_and_drops_those_that_do_not(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("\n".join(_chunks(_page())), encoding="utf-8")
    [ev] = read(good)
    assert len(ev.indicators) == len(ROWS) and ev.total_score_stated == Decimal("99.00")
    slip = tmp_path / "slip.txt"
    slip.write_text("\n".join(_chunks(_page().replace("总分10099.00", "总分10098.00"))), encoding="utf-8")
    [ev] = read(slip)  # the weights make 100: the rows are kept, the scores not vouched for
    assert len(ev.indicators) == len(ROWS) and ev.total_score_stated == Decimal("98.00")
    assert [d.field for d in ev.doubts] == ["indicators"]
    bad = tmp_path / "bad.txt"
    bad.write_text("\n".join(_chunks(_page().replace("8台8台2020", "8台8台1515"))), encoding="utf-8")
    [ev] = read(bad)
    assert ev.indicators == [] and ev.doubts


def test_a_preview_read_from_another_source_keeps_its_lines_and_cuts_its_rows() -> None:
    lines = _chunks(_page())
    cells = text_cells("\n".join(lines))
    assert max(c.line or 0 for c in cells) <= len(lines)  # numbers its callers map back to their own places
    rows = [c for c in cells if "购置设备数量" in c.text]
    assert rows and all(c.preview and c.row is not None for c in rows)
    assert len({c.row for c in cells if c.preview}) > len(ROWS)  # each cut row a row of its own
    assert not any(c.preview for c in text_cells("\n".join(ROWS)))


def test_placed_gives_cut_lines_their_source_line_and_a_row_apart() -> None:
    cells = [Cell("甲", 1), Cell("乙", 2), Cell("丙", 3, 3, 1)]
    out = P_cells.placed(cells, [(0, False), (1, True), (1, True)])
    assert [(c.line, c.preview) for c in out] == [(1, False), (2, True), (2, True)]
    assert out[0].row is None and out[1].row not in (None, 3) and out[2].row == 3


def test_a_preview_in_a_web_page_reads_the_rows_that_add_up(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    body = "".join(f"<p>{line}</p>\n" for line in _chunks(_page()))
    page.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    [ev] = read(page)
    assert len(ev.indicators) == len(ROWS) and ev.total_score_stated == Decimal("99.00")
    bad = tmp_path / "bad.html"
    body = "".join(f"<p>{line}</p>\n" for line in _chunks(_page().replace("8台8台2020", "8台8台1515")))
    bad.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    [ev] = read(bad)
    assert ev.indicators == [] and ev.doubts


def test_a_preview_in_word_paragraphs_reads_its_rows_each_at_its_paragraph(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in _chunks(_page()):
        document.add_paragraph(line)
    path = tmp_path / "p.docx"
    document.save(str(path))
    [ev] = read(path)
    assert (ev.indicators[0].weight, ev.indicators[0].score) == (Decimal(20), Decimal(20))
    assert len(ev.indicators) == len(ROWS)


def test_a_row_whose_name_was_not_read_keeps_its_figures_with_a_doubt() -> None:
    ev = _evaluation([40, 50], [40, 48], "97")
    rows = [ev.indicators[0].model_copy(update={"name": None, "target": None}), ev.indicators[1]]
    kept = vet(ev.model_copy(update={"indicators": rows}))
    assert [r.weight for r in kept.indicators] == [Decimal(40), Decimal(50)]
    assert [d.field for d in kept.doubts] == ["indicators[0].name"]


def test_a_figure_read_as_a_name_drops_the_rows() -> None:
    ev = _evaluation([40, 50], [40, 48], "97")
    rows = [ev.indicators[0].model_copy(update={"name": ">=95%"}), ev.indicators[1]]
    assert vet(ev.model_copy(update={"indicators": rows})).indicators == []


def test_a_name_opening_with_a_figure_then_words_is_a_name_a_figure_with_its_unit_is_not() -> None:
    ev = _evaluation([40, 50], [40, 48], "97")
    for name in ("5G网络覆盖村数", "12345热线回访率", "1990年后入职人员培训率"):
        rows = [ev.indicators[0].model_copy(update={"name": name}), ev.indicators[1]]
        assert [r.name for r in vet(ev.model_copy(update={"indicators": rows})).indicators] == [name, "某指标1"]
    for value in ("1000亩以上", "12.5万元", "95%", "≥8台", "2023年1月-12月", "3天以内"):
        rows = [ev.indicators[0].model_copy(update={"name": value}), ev.indicators[1]]
        assert vet(ev.model_copy(update={"indicators": rows})).indicators == []


def test_a_date_followed_by_words_opens_a_name_a_date_with_its_bound_is_a_value() -> None:
    assert [is_value(t) for t in ("2022年退休人员", "2019年以前参保人员", "2020至2021年新增会员")] == [False] * 3
    assert [is_value(t) for t in ("2023年12月31日前完成", "2023年底前", "2024 年", "2021年12月")] == [True] * 4


def test_a_unit_in_brackets_after_a_figure_ends_no_row() -> None:
    rows = "成本指标某补助标准(元/人/年)=1200(元/人/年)1200(元/人/年)1010质量指标"
    assert [rows[:e][-4:] for e in P.row_ends(rows)] == ["1010"]


def test_a_page_whose_rows_do_not_end_in_weight_and_score_is_read_as_it_stands() -> None:
    header = "绩效指标一级指标二级指标三级指标分值年度指标值实际完成值得分"
    page = TOP + header + "产出指标数量指标某数量20=8台8台20质量指标某合格率20=100%100%20" * 3 + TOTAL
    assert P.cut_page(page) is None
    assert not P.is_preview(_chunks(page))


def test_a_level_label_opening_a_row_is_tried_up_to_the_longest_label_with_its_points() -> None:
    assert P._level_at("效益指标(30分)某项服务覆盖率", 0, Settings()) == len("效益指标(30分)")
    assert P._level_at("效益某项服务覆盖率", 0, Settings()) == 0  # shorter than preview_label_min_chars
    assert P._level_at("效益某项服务覆盖率", 0, Settings(preview_label_min_chars=2)) == 2


def test_chunks_wrapped_at_a_page_width_are_joined_back() -> None:
    chunks = _chunks(_page())
    wrapped = [piece for chunk in chunks for piece in (chunk[k : k + 40] for k in range(0, len(chunk), 40))]
    joined = [line for line in join_chunk_wraps(wrapped) if line]
    assert joined == chunks
    assert join_chunk_wraps(["1、甲", "乙", "2、丙"]) == ["1、甲", "乙", "2、丙"]  # too short to be chunks


def test_a_chunk_holding_the_spaces_of_its_texts_is_joined_with_the_chunks_before_it() -> None:
    chunks = _chunks(_page())
    spaced = [*chunks[:-1], chunks[-1][:40] + " 甲 乙 丙 丁 戊 己 庚 辛 " + chunks[-1][40:]]
    wrapped = [piece for chunk in spaced for piece in (chunk[k : k + 40] for k in range(0, len(chunk), 40))]
    joined = [line for line in join_chunk_wraps(wrapped) if line]
    assert [line.replace(" ", "") for line in joined] == [chunk.replace(" ", "") for chunk in spaced]


def test_a_preview_wrapped_at_a_page_width_is_cut_into_rows_from_another_source() -> None:
    chunks = _chunks(_page())
    wrapped = [piece for chunk in chunks for piece in (chunk[k : k + 40] for k in range(0, len(chunk), 40))]
    cells = text_cells("\n".join(wrapped))
    assert max(c.line or 0 for c in cells) <= len(wrapped)
    assert any(c.preview and "购置设备数量" in c.text for c in cells)


def test_spaces_between_han_characters_and_figures_are_not_counted() -> None:
    assert without_script_gaps("项目(2023 年度)总额 50.00 其中 甲 乙") == "项目(2023年度)总额50.00其中 甲 乙"
    quoted = "推进“ 放管服 ” 改革,力促“ 掌上办 ”“ 网上办 ” 长期"  # a PDF text layer's spaces at quotation marks
    assert without_script_gaps(quoted) == "推进“放管服”改革,力促“掌上办”“网上办”长期"


def test_the_month_of_a_date_ends_no_row() -> None:
    rows = "数量指标某类人员数2020年1月-2021年12月 某类人员1010质量指标某合格率≥90%1010时效指标"
    view = rows.replace(" ", "")
    assert [view[:e][-4:] for e in P.row_ends(view)] == ["1010", "1010"]


def test_a_year_opening_the_next_name_is_cut_off_the_weight_and_score() -> None:
    rows = "数量指标2020年某类人员1200人10102021至2022年某类人员300人55质量指标某合格率≥90%1010"
    cut = [rows[:e] for e in P.row_ends(rows)]
    assert cut[0].endswith("1200人1010") and cut[1].endswith("300人55")
    assert P.row_ends("成本指标某项目12023年建成的设施维护费5万元55") == []  # no value before: a name


def test_a_row_ends_before_the_next_rows_level_label_though_a_note_follows() -> None:
    rows = "时效指标某事项完成时限2024年1010成本指标某项资金50万元每人每次10元。1010效益指标"
    assert [rows[:e][-6:] for e in P.row_ends(rows)] == ["4年1010", "元。1010"]


def test_labels_spaced_out_in_a_chunk_part_no_cells() -> None:
    assert without_letter_spacing("项 目 名 称 某项目 12 人 分 值") == "项目名称某项目 12 人分值"
    first = "1、" + "项 目 名 称某项目主 管 部 门某局实 际 完成值" * 12  # 9 spaces in 25 characters
    second = "2、" + "实施单位某中心年度资金总额" * 3
    assert join_page_markers([first, second]) == [first[2:] + second[2:]]


def test_a_preview_with_its_labels_spaced_out_is_cut_into_its_rows() -> None:
    spaced = _page().replace("指标", "指 标").replace("分值", "分 值")  # 19 spaces in 456 characters
    rows = P.cut_page(spaced)
    assert rows is not None and rows[-len(ROWS) - 1 : -1] == [r.replace("指标", "指 标") for r in ROWS]


def test_unweighted_rows_are_kept_down_to_the_first_without_the_tables_shape() -> None:
    rows = [
        Indicator(level1=L1, name="甲", target="63人"),
        Indicator(level1=L1, name="乙", target="100%"),
        Indicator(),
        Indicator(level1=L1, name="丁", target="5台"),
    ]
    ev = vet(Evaluation(indicators=rows))
    assert ev.indicators == rows[:2]
    assert [(d.field, d.reason) for d in ev.doubts] == [("indicators[2]", messages.preview_rows_from(2, 4))]
    bare = [
        Indicator(level1=L1, name="甲", target="9"),
        Indicator(level1=L1, name="乙人数83丙人数", target="53"),
    ]  # two rows run together
    assert vet(Evaluation(indicators=bare)).indicators == bare[:1]


SHORT_TOP = (
    "项目名称某县甲项目主管部门某县甲局实施单位某县甲中心项目资金(万元)年初预算数全年预算数全年执行数"
    "分值执行率得分年度资金总额10.0010.009.501095.00%9.50"
)
SHORT_ROWS = "产出指标数量指标某设备数量=8台8台4545效益指标社会效益指标某服务覆盖率>=90%95%4544"


def test_a_form_short_enough_for_one_chunk_is_a_preview() -> None:
    page = SHORT_TOP + HEADER + SHORT_ROWS + "总分98.50"
    assert 150 <= len(page) < 300
    [chunk] = _chunks(page, size=290)  # one chunk: no page number follows
    assert P.is_preview([chunk])
    [ev] = extract(text_cells(chunk, whole_pages=True), "x.txt")
    assert [(r.name, r.weight, r.score) for r in ev.indicators] == [
        ("某设备数量", Decimal(45), Decimal(45)), ("某服务覆盖率", Decimal(45), Decimal(44)),
    ]  # fmt: skip
    assert not P.is_preview(["1、执行率情况说明,本年度资金已全部到位。"])  # a numbered paragraph


def test_a_short_form_in_two_chunks_is_cut_into_its_rows() -> None:
    page = SHORT_TOP + HEADER + SHORT_ROWS + "总分98.50"
    assert P.is_preview(_chunks(page, size=160))
    assert P.cut_page(page) is not None and P.cut_page(page[:149]) is None  # shorter than preview_min_chars


def test_a_level_label_written_with_its_ending_is_a_label_from_three_characters() -> None:
    assert P._level_at("产出值数量值某学生人数", 0, Settings()) == 3
    assert P._level_at("成本值某补助标准", 0, Settings()) == 3
    assert P._level_at("满意度某服务对象", 0, Settings()) == 0  # no level's ending: a word of a name
    rows = "产出值数量值甲人数<=60人乙时效值丙发展有效成本值丁经费780元/生/年效益值经济效益值戊情况=100%总分"
    cuts = P.indicator_ends(rows, [L.Column.TARGET, L.Column.ACTUAL, L.Column.WEIGHT, L.Column.SCORE])
    pieces = [rows[a:b] for a, b in zip([0, *cuts], [*cuts, len(rows)], strict=True)]
    assert "成本值丁经费780元/生/年" in pieces and "效益值经济效益值戊情况=100%" in pieces


def test_figures_just_after_a_level_label_open_the_rows_name() -> None:
    rows = "产出指标数量指标12333热线接听数(个)>=200个200个1010质量指标12333热线接听率>=70%70%88总分"
    assert [rows[:e][-4:] for e in P.row_ends(rows)] == ["1010", "0%88"]


def test_a_weight_and_score_run_into_a_year_are_no_count_of_years() -> None:
    assert PV.value_end("542021年某系统", 0) is None
    assert PV.value_end("2年某系统", 0) == 2 and PV.value_end("2021年某系统", 0) == 5


def test_a_level1_alone_in_a_note_opens_no_row() -> None:
    rows = (
        "可持续影响指标甲运行长期80%108因支付率低,该效益指标未达到。乙年限=2年80%54"
        "满意度指标满意度指标丙满意率>=95%95%1010"
    )
    cut = [rows[:e] for e in P.row_ends(rows)]
    assert cut[0].endswith("该效益指标未达到。") and cut[1].endswith("80%54")


def test_rows_without_weights_are_kept_where_their_scores_make_the_stated_total() -> None:
    rows = [
        Indicator(name="甲", target="100%", actual="100%", score=Decimal(40)),
        Indicator(name="乙", score=Decimal(49)),
    ]
    ev = Evaluation(indicators=rows, execution_score_stated=Decimal(9), total_score_stated=Decimal(98))
    assert vet(ev) == ev
    short = ev.model_copy(update={"total_score_stated": Decimal(97)})
    assert vet(short).indicators == []


def test_a_weight_and_score_run_into_a_name_opening_with_figures_are_cut_off_it() -> None:
    rows = "时效指标甲时间2021年1月-12月2021年1月-12月8812333热线解答及时率=100%100%88成本指标乙"
    assert [rows[:e][-4:] for e in P.row_ends(rows)] == ["2月88", "0%88"]
    columns = [L.Column.TARGET, L.Column.ACTUAL, L.Column.WEIGHT, L.Column.SCORE]
    assert [rows[:e][-4:] for e in P.indicator_ends(rows, columns)] == ["2月88", "0%88"]
    whole = "质量指标甲完工率=100%100%2.50.68乙合格率=100%100%1010丙"
    assert [whole[:e][-4:] for e in P.row_ends(whole)] == ["0.68", "1010"]  # a weight and a score: all of it
    bare = "满意度指标乙满意度10010010100总分100"  # no figured value before: a target and an actual too
    assert [bare[:e][-5:] for e in P.row_ends(bare)] == ["10100"]


def test_a_name_holding_a_clause_after_a_row_scored_short_without_a_note_is_left_empty() -> None:
    ev = _evaluation([40, 50], [38, 50], "97")
    rows = [ev.indicators[0], ev.indicators[1].model_copy(update={"name": "因部分人员地址错误,导致无法邮寄某发放率"})]
    kept = vet(ev.model_copy(update={"indicators": rows}))
    assert [r.name for r in kept.indicators] == ["某指标0", None]
    assert [(d.field, d.reason) for d in kept.doubts] == [
        ("indicators[1].name", messages.preview_note_in_name("因部分人员地址错误,导致无法邮寄某发放率"))
    ]
    noted = [rows[0].model_copy(update={"deviation_note": "部分人员未到位"}), rows[1]]
    assert vet(ev.model_copy(update={"indicators": noted})).indicators == noted  # the row above has its note


def test_a_preview_in_one_chunk_pasted_into_one_cell_of_a_sheet_is_read(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    [chunk] = _chunks(SHORT_TOP + HEADER + SHORT_ROWS + "总分98.50", size=290)
    book.active["A1"] = chunk
    book.save(tmp_path / "one.xlsx")
    [ev] = read(tmp_path / "one.xlsx")
    assert ev.project_name == "某县甲项目" and [r.name for r in ev.indicators] == ["某设备数量", "某服务覆盖率"]


def test_a_value_after_the_words_naming_what_it_measures_ends_a_row_of_targets() -> None:
    rows = (
        "产出指标数量指标甲档次为100元的人数237人乙档次为300元的人数79人成本指标丙补贴标准5元/人丁补贴标准15元/人总分"
    )
    cuts = P.indicator_ends(rows, [L.Column.TARGET])
    assert [rows[a:b] for a, b in zip([0, *cuts], [*cuts, len(rows)], strict=True)] == [
        "产出指标数量指标甲档次为100元的人数237人", "乙档次为300元的人数79人",
        "成本指标丙补贴标准5元/人", "丁补贴标准15元/人", "总分",
    ]  # fmt: skip
    assert not holds_value("甲档次为100元的人数") and holds_value("甲色带数量18卷乙磁头数量")


def test_unweighted_rows_whose_first_has_no_level1_read_are_not_kept() -> None:
    rows = [
        Indicator(name="某目标(定量)制度指标甲制度建立与", target="否"),
        Indicator(level1=L1, name="乙", target="5台"),
    ]
    assert vet(Evaluation(indicators=rows)).indicators == []  # its unknown 一级 is in its name


def test_a_written_out_value_twice_inside_a_name_is_two_rows_run_together() -> None:
    assert twice_inside("评审程序是否客观公正是是家庭经济困难学生完成学业率") and not twice_inside("是否客观公正")
    rows = [
        Indicator(level1=L1, name="甲", target="100%", actual="100%"),
        Indicator(level1=L1, name="乙公正是是丙率", target="9%", actual="9%"),
    ]
    assert vet(Evaluation(indicators=rows)).indicators == rows[:1]


def test_rows_of_bare_targets_and_actuals_end_before_the_next_level_label() -> None:
    rows = "产出指标质量指标甲知晓率100%100%乙覆盖率99%99%数量指标丙人数1472615935质量指标丁发放率100%100%总分"
    cuts = P.indicator_ends(rows, [L.Column.TARGET, L.Column.ACTUAL, L.Column.WEIGHT, L.Column.SCORE])
    assert [rows[a:b] for a, b in zip([0, *cuts], [*cuts, len(rows)], strict=True)][2:4] == [
        "数量指标丙人数1472615935", "质量指标丁发放率100%100%",
    ]  # fmt: skip


def test_a_value_written_per_unit_after_a_figure_ends_no_row() -> None:
    rows = "成本指标甲补助每亩300每亩30066乙补助每亩100每亩10066效益指标"
    assert [rows[:e][-5:] for e in P.row_ends(rows)] == ["30066", "10066"]
