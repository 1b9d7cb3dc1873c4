"""Cells holding a space in text whose rows keep to their lines (sections/line_pieces): the pieces
joined back where the table's other rows say how many cells a row has; a tie is a doubt."""

from __future__ import annotations

from pathlib import Path

from jixiao.ingest import labels as L
from jixiao.ingest import read
from jixiao.ingest.cells import Cell
from jixiao.ingest.sections import line_pieces

HEADER = "绩效指标 一级指标 二级指标 三级指标 指标值 实际完成值 分值 得分 偏差原因分析及改进措施"
COLS = [L.Column.TARGET, L.Column.ACTUAL, L.Column.WEIGHT, L.Column.SCORE, L.Column.NOTE]
USUAL = frozenset({L.Column.TARGET, L.Column.WEIGHT, L.Column.SCORE})


def _read(tmp_path: Path, *rows: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "t.txt"
    path.write_text("\n".join(["项目名称 某项目", HEADER, *rows, "总分 100 100"]), encoding="utf-8")
    (ev,) = read(path)
    return ev


def test_a_line_stands_when_it_fills_the_usual_columns_or_its_actual_agrees() -> None:
    assert line_pieces.stands(["培训人数", "≥90%", "10", "10"], COLS, USUAL)
    assert line_pieces.stands(["合格率", "90%", "100%", "10", "10"], COLS, USUAL)  # rates both: an actual
    assert not line_pieces.stands(["发放时间", "2018年1月-2019年12月", "全体在职人员", "10", "10"], COLS, USUAL)
    assert line_pieces.stands(["改革", "有效保障", "持续保障", "5", "5"], COLS, USUAL)  # texts both: an actual
    assert not line_pieces.stands(["改革,推", "进业务网上办,", "缓解压力", "长期保障", "5", "5"], COLS, USUAL)
    scored = frozenset({L.Column.WEIGHT, L.Column.SCORE})  # rows stating no target
    assert not line_pieces.stands(["“三公经费”", "变动率", "5", "5"], COLS, scored)  # the name goes on
    assert line_pieces.stands(["“三公经费”", "≤100%", "5", "5"], COLS, scored)  # a target of its own
    assert line_pieces.stands(["三公经费", "变动率", "5", "5"], COLS, scored)  # no quotation closes the name
    assert line_pieces.stands(["“三公经费”", "变动率", "5", "5"], COLS, USUAL)  # the rows state targets


def test_a_name_closing_a_quotation_goes_on_in_the_words_after_it(tmp_path: Path) -> None:
    """A PDF's text layer reads the gap after a wide closing mark as a space: in a table whose
    rows state no target, the words after the quotation are the rest of the name."""
    ev = _read(tmp_path, "产出指标 数量指标 财政供养人员控制率 50 50", "“三公经费” 变动率 30 30", "支付进度 20 20")
    got = [(i.name, i.target, i.weight, i.score) for i in ev.indicators]
    assert got[1] == ("“三公经费” 变动率", None, 30, 30)


def test_readings_join_the_fewest_pieces_and_ties_are_disputed() -> None:
    one = line_pieces.readings(["深入推进改革,推", "进业务网上办", "长期", "5", "5"], COLS, USUAL, 4)
    assert ((0, 2), (2, 3), (3, 4), (4, 5)) in one and ((0, 1), (1, 3), (3, 4), (4, 5)) in one
    assert line_pieces.disputed(one) == ((0, 3), (3, 4), (4, 5))  # name and target as one, unsure
    assert line_pieces.readings(["人数", "5", "5", "5", "5", "5"], COLS, USUAL, 4) == []  # figures never join
    assert line_pieces.two_rows(["人数", "5人", "5", "5", "户数", "3户", "2", "2"], COLS, USUAL)


def test_a_row_with_a_piece_too_many_is_one_row_and_a_doubt(tmp_path: Path) -> None:
    """Each line one row: the pieces the readings dispute are read as neither name nor target (a
    doubt), the rows after it keep their places."""
    ev = _read(tmp_path, "产出指标 数量指标 培训人数 ≥90人 10 10", "质量指标 合格率 ≥90% 10 10",
               "时效指标 完成时间 2024 年 10 10", "成本指标 发放 时间 2024年12月 10 10",
               "效益指标 社会效益指标 深入推进改革,推 进业务网上办, 缓解压力 长期保障 30 30",
               "满意度指标 服务对象满意度指标 满意度 ≥90% 30 30")  # fmt: skip
    got = [(i.name, i.target, i.actual, i.weight) for i in ev.indicators]
    assert got[2] == ("完成时间", "2024 年", None, 10)  # a figure with its unit apart is one cell already
    assert got[3] == (None, None, None, 10)  # 发放 | 时间 2024年12月 or 发放 时间 | 2024年12月
    assert got[4] == (None, None, None, 30)
    assert got[5] == ("满意度", "≥90%", None, 30)
    assert [d.field for d in ev.doubts] == ["indicators[3].name", "indicators[4].name"]


def test_a_table_of_rows_with_actuals_keeps_its_actuals(tmp_path: Path) -> None:
    ev = _read(tmp_path, "产出指标 数量指标 人数 10人 10人 50 50", "质量指标 合格率 90% 100% 50 50")
    got = [(i.name, i.target, i.actual) for i in ev.indicators]
    assert got == [("人数", "10人", "10人"), ("合格率", "90%", "100%")]


def test_a_comparison_sign_opens_a_target() -> None:
    """``系统使用率(%) =100%``: the sign begins the target, so the name is not in doubt."""
    usual = frozenset({L.Column.TARGET, L.Column.ACTUAL, L.Column.WEIGHT, L.Column.SCORE})
    texts = ["“金保工程”", "系统正常使用率(%)", "=100%", "100%", "5", "5"]
    assert line_pieces.readings(texts, COLS, usual, 4) == [((0, 2), (2, 3), (3, 4), (4, 5), (5, 6))]


def test_a_line_too_long_to_mend_is_tried_no_further() -> None:
    many = ["甲"] + ["乙丙"] * 200 + ["5", "5"]
    assert line_pieces.readings(many, COLS, USUAL, 4) == []  # would be C(200, 4) readings


def test_a_heading_stating_its_points_opens_the_row_before_its_name() -> None:
    """``建设管理(12分)`` is a 二级 that states its points, written before the row's name on its line
    with every cell filled (``—`` for the blank ones): it opens the row, not a piece of the name to
    join back; a name that merely ends in points before its figures stays the row's name."""
    texts = [["产 出(20分)", "建设管理(12分)", "台账建立情况", "—", "—", "6", "6", "—"],
             ["档案归集情况(6分)", "—", "—", "6", "6", "—"]]  # fmt: skip
    cells = [Cell(t, line=n) for n, line in enumerate(texts, start=1) for t in line]
    assert line_pieces.body_lines(cells, 0) == [(2, 8), (8, 14)]
