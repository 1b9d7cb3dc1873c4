"""Two flattenings at once and other variations of text pages that no single family writes: a table
cut by a page's furniture (第 1 页 共 2 页, a printed page's URL), each on a small hand-made text
with invented names."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.ingest.assemble import extract
from jixiao.ingest.cells import text_cells
from jixiao.ingest.labels import blank_furniture
from jixiao.model.evaluation import Evaluation


def _read(lines: list[str]) -> list[Evaluation]:
    return extract(text_cells("\n".join(lines)), "x.txt")


def _rows(ev: Evaluation) -> list[tuple[object, ...]]:
    return [(r.level2, r.name, r.target, r.actual, r.weight, r.score) for r in ev.indicators]


def test_page_furniture_lines_are_read_as_empty_lines_in_place() -> None:
    lines = ["| a | 1 |", "第 1 页 共 2 页", "- 3 -", "https://www.example.gov.cn/art/2022/3/1/art_1.html",
             "2/3", "| b | 2 |", "2/3", "共3页，第2页"]  # fmt: skip
    assert blank_furniture(lines) == ["| a | 1 |", "", "", "", "", "| b | 2 |", "", ""]
    # a bare ratio is a cell where no furniture line is beside it
    assert blank_furniture(["目标", "2/3", "第1页"]) == ["目标", "2/3", "第1页"]


_HEAD = [
    "| 项目支出绩效自评表 |",
    "| 项目名称 | 某某设备购置项目 |",
    "| 主管部门 | 某某局 | 实施单位 | 某某中心 |",
    "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |",
    "| 产出指标 | 数量指标 | 购置设备数量 | 20台 | 20台 | 30 | 30 |  |",
    "| 质量指标 | 验收合格率 | 100% | 100% | 30 | 30 |  |",
]
_TAIL = [
    "| 效益指标 | 社会效益指标 | 服务覆盖人数 | ≥500人 | 520人 | 20 | 20 |  |",
    "| 满意度指标 | 满意度指标 | 群众满意度 | ≥90% | 93% | 20 | 19 |  |",
    "| 总分 | 100 | 99 |  |",
]
_WANT = [
    ("数量指标", "购置设备数量", "20台", "20台", Decimal(30), Decimal(30)),
    ("质量指标", "验收合格率", "100%", "100%", Decimal(30), Decimal(30)),
    ("社会效益指标", "服务覆盖人数", "≥500人", "520人", Decimal(20), Decimal(20)),
    ("满意度指标", "群众满意度", "≥90%", "93%", Decimal(20), Decimal(19)),
]


def test_a_table_goes_on_after_a_page_number_line() -> None:
    [ev] = _read([*_HEAD, "第 1 页 共 2 页", *_TAIL])
    assert _rows(ev) == _WANT
    assert ev.total_score_stated == Decimal(99)


def test_a_table_goes_on_after_a_printed_pages_url_and_page_count() -> None:
    [ev] = _read([*_HEAD, "https://www.example.gov.cn/zwgk/art/2022/3/1/art_1_234.html", "1/2", *_TAIL])
    assert _rows(ev) == _WANT
    assert ev.total_score_stated == Decimal(99)


def test_pipe_rows_of_the_sichuan_split_target_under_their_split_header() -> None:
    """A web page's pipe rows of the 四川 form: the header row, then 指标性质 | 指标值 | 度量单位 under
    年度指标值 (no place kept for the merged cell), rows with an empty 指标性质 and a unit no
    vocabulary names (卷)."""
    [ev] = _read(
        [
            "| 项目名称 | 某某补贴项目 |",
            "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 未完成原因分析 |",
            "| 指标性质 | 指标值 | 度量单位 |",
            "| 产出指标 | 数量指标 | 核定补助人数 | = | 137 | 人 | 137人 | 10 | 10 |  |",
            "| 生活费补助金额(元/人/年) | = | 1440 | (元/人/年) | 1440(元/人/年) | 10 | 10 |  |",
            "| 质量指标 | 采购色带数量 |  | 18 | 卷 | 18卷 | 10 | 9 | 略少 |",
            "| 时效指标 | 维修及时性 | 定性 | 及时 |  | 及时 | 10 | 10 |  |",
            "| 总分 | 40 | 39 |  |",
        ]
    )
    assert [(r.name, r.target, r.actual, r.weight, r.score, r.deviation_note) for r in ev.indicators] == [
        ("核定补助人数", "=137人", "137人", Decimal(10), Decimal(10), None),
        ("生活费补助金额(元/人/年)", "=1440(元/人/年)", "1440(元/人/年)", Decimal(10), Decimal(10), None),
        ("采购色带数量", "18卷", "18卷", Decimal(10), Decimal(9), "略少"),
        ("维修及时性", "及时", "及时", Decimal(10), Decimal(10), None),
    ]
    assert ev.total_score_stated == Decimal(39)


_ONE_PER_LINE_HEAD = ["项目名称", "某某维护项目", "绩效指标", "一级指标", "二级指标", "三级指标"]


def test_an_indicator_direction_column_one_cell_per_line() -> None:
    """指标方向 (正向 / 反向) between 三级 and the target: no part of the target, and the text target
    after it (长期) is the row's, never the next row's name."""
    lines = [*_ONE_PER_LINE_HEAD, "指标方向", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
             "产出指标", "数量指标", "维护设备数量", "正向", "≥20台", "22台", "40", "40",
             "效益指标", "可持续影响指标", "设备使用年限提升", "正向", "长期", "长期", "30", "30",
             "满意度指标", "满意度指标", "投诉率", "反向", "≤5%", "2%", "30", "28",
             "总分", "100", "98"]  # fmt: skip
    [ev] = _read(lines)
    assert [(r.level2, r.name, r.target, r.actual, r.weight, r.score) for r in ev.indicators] == [
        ("数量指标", "维护设备数量", "≥20台", "22台", Decimal(40), Decimal(40)),
        ("可持续影响指标", "设备使用年限提升", "长期", "长期", Decimal(30), Decimal(30)),
        ("满意度指标", "投诉率", "≤5%", "2%", Decimal(30), Decimal(28)),
    ]


def test_a_calculation_sign_column_before_a_whole_target_is_given_back_to_it() -> None:
    """计算符号 | 年度指标值 where the target keeps its unit: the sign joins the target (=100%)."""
    [ev] = _read(
        [
            "| 项目名称 | 某某维护项目 |",
            "| 一级指标 | 二级指标 | 三级指标 | 计算符号 | 年度指标值 | 实际完成值 | 分值 | 得分 |",
            "| 产出指标 | 质量指标 | 验收合格率 | = | 100% | 100% | 50 | 50 |",
            "| 满意度指标 | 满意度指标 | 群众满意度 | ≥ | 90% | 95% | 50 | 50 |",
        ]
    )
    assert [(r.name, r.target, r.actual) for r in ev.indicators] == [
        ("验收合格率", "=100%", "100%"),
        ("群众满意度", "≥90%", "95%"),
    ]


def test_weight_before_target_one_cell_per_line_keeps_a_written_out_target() -> None:
    """分值 before 年度指标值: after the row's 分值 a text with a figure after it (提高 | 100%) is its
    target and actual, not the next row's name."""
    lines = [*_ONE_PER_LINE_HEAD, "分值", "年度指标值", "实际完成值", "得分", "偏差原因分析及改进措施",
             "产出指标", "数量指标", "维护设备数量", "40", "≥20台", "22台", "40",
             "效益指标", "社会效益指标", "服务质量改善情况", "30", "提高", "100%", "30",
             "可持续影响指标", "设备长效运行", "30", "长期", "100%", "29",
             "成本指标", "维护成本", "0", "每台年维护费不超过2000元;大修另计。", "0",
             "总分", "100", "99"]  # fmt: skip
    [ev] = _read(lines)
    assert [(r.level2, r.name, r.target, r.actual, r.weight, r.score) for r in ev.indicators] == [
        ("数量指标", "维护设备数量", "≥20台", "22台", Decimal(40), Decimal(40)),
        ("社会效益指标", "服务质量改善情况", "提高", "100%", Decimal(30), Decimal(30)),
        ("可持续影响指标", "设备长效运行", "长期", "100%", Decimal(30), Decimal(29)),
        ("成本指标", "维护成本", "每台年维护费不超过2000元;大修另计。", None, Decimal(0), Decimal(0)),
    ]


def test_an_explanation_column_holds_no_target() -> None:
    """指标解释 between 三级 and the target in spaced rows, blank on some rows: the target (=100人)
    is never taken for the explanation."""
    [ev] = _read(
        [
            "项目名称 某某培训项目",
            "一级指标 二级指标 三级指标 指标解释 年度指标值 实际完成值 分值 得分",
            "产出指标 数量指标 培训人数 =100人 120人 50 50",
            "质量指标 培训合格率 反映培训质量 ≥90% 95% 50 48",
            "总分 100 98",
        ]
    )
    assert [(r.name, r.target, r.actual, r.weight, r.score) for r in ev.indicators] == [
        ("培训人数", "=100人", "120人", Decimal(50), Decimal(50)),
        ("培训合格率", "≥90%", "95%", Decimal(50), Decimal(48)),
    ]


def test_a_pdf_text_layer_puts_no_space_where_a_quotation_marks_font_changes(tmp_path: Path) -> None:
    """PDFium makes a space up wherever the font changes, with no gap there: around curly quotation
    marks set in another font (宁夏“ 网上人社 ” 电子签章).  Such spaces are no cell boundary; a
    space written between two cells still is one."""
    from docx import Document

    from jixiao.ingest.pdf import pdf_cells
    from tests.documents import to_pdfs

    word = Document()
    for line in ("项目名称 某某“网上办”系统维护", "成本指标 某县“网上人社”电子签章费用 12万元 10 10"):
        word.add_paragraph(line)
    word.save(str(tmp_path / "quotes.docx"))
    [pdf] = to_pdfs([tmp_path / "quotes.docx"], tmp_path)
    assert [c.text for c in pdf_cells(pdf)] == [
        "项目名称",
        "某某“网上办”系统维护",
        "成本指标",
        "某县“网上人社”电子签章费用",
        "12 万元",
        "10",
        "10",
    ]  # fmt: skip  (the gap LibreOffice leaves between a figure and a Han unit is one, and kept)


def test_a_department_scoring_sheet_one_cell_per_line() -> None:
    """部门整体 评分表 one cell per line: a deduction reason after the score (…不到位，扣0.5分) is the
    row's reason, never a 二级 heading; 满意度(6分) under 效果(10分) is a 二级 of that 一级."""
    lines = ["部门整体支出绩效评价评分表", "一级指标", "二级指标", "三级指标", "评分标准", "分值", "自评得分",
             "扣分原因",
             "过程(10分)", "资金管理(10分)", "预算执行率", "执行率100%得满分，每降低1个百分点扣0.5分。", "10", "9.5",
             "制度执行不到位，扣0.5分",
             "效果(10分)", "履职效益(4分)", "履职成效", "效益明显的，计4分。", "4", "4",
             "满意度(6分)", "群众满意率", "满意率达到95%的，计6分。", "6", "5", "调查样本偏少，扣1分",
             "合计", "20", "18.5"]  # fmt: skip
    [ev] = _read(lines)
    assert [(r.level1, r.level2, r.name, r.weight, r.score, r.deviation_note) for r in ev.indicators] == [
        ("过程(10分)", "资金管理(10分)", "预算执行率", Decimal(10), Decimal("9.5"), "制度执行不到位,扣0.5分"),
        ("效果(10分)", "履职效益(4分)", "履职成效", Decimal(4), Decimal(4), None),
        ("效果(10分)", "满意度(6分)", "群众满意率", Decimal(6), Decimal(5), "调查样本偏少,扣1分"),
    ]

    # the sheet ending the text with its last row's score: the 评分标准 before the figures is no figure,
    # so the score is the row's, not the name of a row cut off
    [short] = _read(lines[:-4])
    assert [(r.name, r.weight, r.score) for r in short.indicators][-1] == ("群众满意率", Decimal(6), Decimal(5))


def test_cells_closed_by_pipes_of_the_split_target_and_goals_after_the_funds() -> None:
    """One cell a line, each closed by ``|`` (an empty cell a lone ``|``): the goals block after the
    funds is no fund row (its label is another block's) and the header's second row (指标性质 |
    指标值 | 度量单位) widens the target's column, so the rows after it are placed."""
    rows = [
        ["项目名称", "某某补贴项目"],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "50", "50", "48", "10", "96%", "9.6"],
        ["年度总体目标", "预期目标", "实际完成情况"],
        ["按时发放补贴", "已按时发放"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "未完成原因分析"],
        ["指标性质", "指标值", "度量单位"],
        ["产出指标", "数量指标", "补助人数", "≥", "500", "人", "", "40", "40", ""],
        ["质量指标", "发放准确率", "=", "100", "%", "", "30", "30", ""],
        ["满意度指标", "满意度指标", "群众满意度", "≥", "90", "%", "", "20", "19", ""],
    ]
    [ev] = _read([f"{c}|" for row in rows for c in row])
    assert [(r.name, r.target, r.weight, r.score) for r in ev.indicators] == [
        ("补助人数", "≥500人", Decimal(40), Decimal(40)),
        ("发放准确率", "=100%", Decimal(30), Decimal(30)),
        ("群众满意度", "≥90%", Decimal(20), Decimal(19)),
    ]
    assert ev.funds is not None and (ev.funds.adjusted_budget, ev.funds.executed) == (Decimal(50), Decimal(48))


def test_split_target_one_cell_per_line_names_with_figures_and_units_with_asides() -> None:
    """The 四川 split target one cell per line (empty 指标性质 cells lost): a name with a figure in it
    (…档次为300元的人数) after a 度量单位 opens the next row; a unit with a remark (万人(预估)) or a
    bound (天内) is the row's 度量单位."""
    head = ["项目名称", "某项目", "绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
            "分值", "得分", "未完成原因分析", "指标性质", "指标值", "度量单位"]  # fmt: skip
    rows = ["产出指标", "数量指标", "缴费档次为100元的人数", "23715", "人",
            "缴费档次为300元的人数", "16.4", "万人(预估)",
            "时效指标", "办理时限", "≤", "2", "天内"]  # fmt: skip
    [ev] = _read(head + rows)
    assert [(r.level2, r.name, r.target) for r in ev.indicators] == [
        ("数量指标", "缴费档次为100元的人数", "23715人"),
        ("数量指标", "缴费档次为300元的人数", "16.4万人(预估)"),
        ("时效指标", "办理时限", "≤2天内"),
    ]


def test_ocr_signs_on_pipe_rows() -> None:
    """A scanned page's text as pipe rows: ``≥`` read as ``^`` or ``工`` right before a figure is given
    back; read as a ``2`` run into the figure (``295%`` beside an actual of ``95%``) it is no reading
    to trust — left empty, a doubt offering both."""
    [ev] = _read(
        [
            "| 项目名称 | 某某扫描项目 |",
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |",
            "| 产出指标 | 质量指标 | 验收合格率 | ^90% | 95% | 30 | 30 |",
            "| 效益指标 | 社会效益指标 | 受益人数 | 工500人 | 520人 | 30 | 30 |",
            "| 满意度指标 | 满意度指标 | 群众满意度 | 295% | 95% | 40 | 40 |",
        ]
    )
    assert [(r.name, r.target, r.actual) for r in ev.indicators] == [
        ("验收合格率", "≥90%", "95%"),
        ("受益人数", "≥500人", "520人"),
        ("群众满意度", None, "95%"),
    ]
    [doubt] = [d for d in ev.doubts if d.field == "indicators[2].target"]
    assert doubt.alternatives == ["295%", "≥95%"]


def test_a_banner_line_between_two_pages_of_pipe_rows_is_no_row() -> None:
    """A document site's line printed between two pages of a table written as pipe rows (no pipe in
    it, a placed row either side): no cell of the table, the rows after it read as before."""
    [ev] = _read([*_HEAD, "本文档由用户上传，仅供学习交流，如有侵权请联系删除", *_TAIL])
    assert _rows(ev) == _WANT
    assert ev.total_score_stated == Decimal(99)
