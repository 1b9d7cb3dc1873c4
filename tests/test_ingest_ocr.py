"""OCR slips undone where the reading is unambiguous (jixiao.ingest.ocr); invented examples."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.ingest import labels as L
from jixiao.ingest import ocr, read
from jixiao.ingest.arithmetic import execution_tail
from jixiao.ingest.cells import Cell
from jixiao.ingest.sections import lost_points
from jixiao.ingest.settings import Settings
from jixiao.ingest.table import refused_number
from jixiao.model.values import parse_decimal


def test_a_label_with_a_letter_for_one_character_is_read_anywhere_in_a_line() -> None:
    line = "某镇2024年度绩效自评表主管部m某镇农业服务中心"
    assert ocr.repair_line(line) == "某镇2024年度绩效自评表主管部门某镇农业服务中心"
    assert ocr.repair_line("实施单w某站") == "实施单位某站"
    assert ocr.repair_line("項目名t某工程") == "項目名称某工程"  # traditional characters read through
    assert ocr.repair_line("采购Windows系统") == "采购Windows系统"  # a latin word is no slip
    assert ocr.repair_line("某某x某某") == "某某x某某"  # no label fits


def test_a_letter_two_labels_could_stand_for_stays() -> None:
    # 一级指标 / 二级指标 / 三级指标: a letter for the first character fits all three
    assert ocr.repair_line("q级指标") == "q级指标"


def test_a_whole_cell_one_character_from_one_label_is_that_label() -> None:
    assert ocr.repair_cell_text("项且名称") == "项目名称"  # one misread
    assert ocr.repair_cell_text("偏差原分析及改进措施") == "偏差原因分析及改进措施"  # one lost
    assert ocr.repair_cell_text("实施单位l") == "实施单位"  # a stray letter
    assert ocr.repair_cell_text("主管部门:") == "主管部门:"
    assert ocr.repair_cell_text("三圾指标") == "三级指标"


def test_a_cell_near_several_labels_of_one_meaning_is_read_as_that_meaning() -> None:
    # 年度指标值 with 标 lost, or 年度数值 with 数 read as 指: the target column either way
    assert ocr.repair_cell_text("年度指值") == ocr.repair_cell_text("年度标值")
    assert ocr.repair_cell_text("年度指值") in ("年度指标值", "年度数值")
    # 年度资金总额 or 年度总金额: the fund total either way
    assert ocr.repair_cell_text("年度资金额") in ("年度资金总额", "年度总金额")
    assert ocr.one_meaning(frozenset()) is None
    assert ocr.one_meaning(frozenset({"年初预算数", "全年预算数"})) is None  # two columns


def test_a_cell_the_repair_cannot_be_sure_of_stays_as_written() -> None:
    assert ocr.repair_cell_text("实际完成率") == "实际完成率"  # the last character is a word (率, 值)
    assert ocr.repair_cell_text("实际完成") == "实际完成"  # nor is a lost last one restored
    assert ocr.repair_cell_text("年预算数") == "年预算数"  # 年初预算数 or 全年预算数
    assert ocr.repair_cell_text("产出指标") == "产出指标"  # a label itself
    assert ocr.repair_cell_text("某项目名称") == "某项目名称"


def test_a_score_header_one_character_from_the_recheck_is_not_repaired_into_it() -> None:
    # 考核得分 is the stated score (绩效考核 forms), one character from 复核得分 (the reviewer's)
    assert ocr.repair_cell_text("考核得分") == "考核得分"
    assert L.INDICATOR_HEADERS[L.key("考核得分")] is L.Column.SCORE
    assert ocr.repair_cell_text("复亥得分") == "复核得分"  # a misread of the recheck itself still is
    assert ocr.repair_cell_text("夏核得分") == "夏核得分"  # 考核得分 or 复核得分: the repair cannot tell


@pytest.mark.parametrize(
    ("written", "read"),
    [
        # look-alike letters inside a number are its digits
        ("1O0%", "100%"),
        ("2O2l年", "2021年"),
        ("完成3〇5.5万元", "完成305.5万元"),
        ("1OO%", "100%"),
        # an S between two digits is a five
        ("完成3S2个", "完成352个"),
        ("[2S7]某局", "[257]某局"),
        ("4S1S3", "45153"),
    ],
)
def test_a_misread_digit_inside_a_number_is_repaired(written: str, read: str) -> None:
    assert ocr.repair_number(written) == read


@pytest.mark.parametrize(
    ("written", "read"),
    [
        # a nought written as 〇 at a figure's end, a one as l / I opening a field that is one figure
        ("12〇", "120"),
        ("1〇", "10"),
        ("l00%", "100%"),
        ("I5", "15"),
        ("l0", "10"),
        ("l.5", "1.5"),
        ("产出\tl5\tI5", "产出\t15\t15"),
        ("| l2公里 | 95% |", "| 12公里 | 95% |"),
        ("项目资金：l35", "项目资金：135"),
    ],
)
def test_a_look_alike_at_the_edge_of_a_figure_standing_alone_is_its_digit(written: str, read: str) -> None:
    assert ocr.repair_number(written) == read


@pytest.mark.parametrize("kept", ["完成l5个", "I5处理器", "l0个百分点", "l5l", "Il", "I级", "O2"])
def test_a_look_alike_at_the_edge_of_a_word_s_figure_is_kept(kept: str) -> None:
    """Inside a sentence, before a longer word or with letters on both ends the letter may be the
    word's (a model name, a roman numeral)."""
    assert ocr.repair_number(kept) == kept


@pytest.mark.parametrize("kept", ["10l", "ISO9001", "PM2.5", "IO", "O2O", "G2S1", "A12S5", "1S55a", "10S", "S5"])
def test_letters_not_inside_a_number_are_kept(kept: str) -> None:
    assert ocr.repair_number(kept) == kept


def test_a_label_its_row_already_has_is_not_what_a_damaged_cell_stands_for() -> None:
    # 年预算数: 年初预算数 or 全年预算数 lost a character; beside 全年预算数 it is the other one
    row = [Cell("年预算数", line=1), Cell("全年预算数", line=1), Cell("全年执行数", line=1)]
    assert [c.text for c in ocr.repair_cells(row)] == ["年初预算数", "全年预算数", "全年执行数"]
    alone = [Cell("年预算数", line=1), Cell("全年预算数", line=2)]
    assert ocr.repair_cells(alone)[0].text == "年预算数"  # another row's label tells nothing
    assert ocr.repair_cell_text("年预算数", frozenset({"年初预算数"})) == "全年预算数"


def test_a_number_with_gaps_between_its_thousands_is_one_number() -> None:
    assert ocr.join_grouped("12 345.60") == "12345.60"
    assert ocr.join_grouped("10 10") == "10 10"


def test_repaired_cells_keep_their_place() -> None:
    cells = [Cell("项且名称", line=3), Cell("某项目", line=3), Cell("1O0%", row=2, column=4)]
    out = ocr.repair_cells(cells)
    assert [c.text for c in out] == ["项目名称", "某项目", "100%"]
    assert out[0].key == "项目名称" and out[0].line == 3 and out[1] is cells[1]
    assert (out[2].row, out[2].column) == (2, 4)


def test_a_number_that_lost_its_integer_part_is_refused_not_read() -> None:
    assert parse_decimal(".48") is None
    assert parse_decimal("0.48") == Decimal("0.48")
    assert refused_number(".48") is not None
    assert refused_number("0.48") is None


def test_a_cell_read_as_a_number_is_remembered_by_its_text_and_the_points_word() -> None:
    from jixiao.ingest.table import _number_part

    assert _number_part("12分", "分") == "12"
    assert _number_part("12分", "点") is None  # another vocabulary's points word: not served from the first
    assert _number_part.cache_info().maxsize is not None


def test_the_execution_figures_at_the_end_of_a_damaged_run_are_read_by_their_arithmetic() -> None:
    # the amounts lost digits (.41.05.3); 86.15 % × 10 = 8.615 → 8.62 is the only tail that holds
    assert execution_tail(".41.05.386.15108.62") == {
        "rate": Decimal("86.15"), "weight": Decimal("10"), "score": Decimal("8.62"),
    }  # fmt: skip
    assert execution_tail("41.05.3") is None  # no tail reads
    assert execution_tail("98.5%109.85") is None  # a rate with its sign: the ordinary reading's


def test_a_sign_read_as_a_two_apart_is_given_back_where_the_other_value_has_its_unit() -> None:
    assert ocr.at_least_read_as_two("2 85%", "87%") == "≥85%"
    assert ocr.at_least_read_as_two("2 300人", "2 300人") == "≥300人"  # both damaged, one unit
    assert ocr.at_least_read_as_two("2 12公里", "≥12公里") == "≥12公里"
    assert ocr.at_least_read_as_two("2 85%", "较好") == "2 85%"  # the other has no unit to agree
    assert ocr.at_least_read_as_two("2 85%", None) == "2 85%"
    assert ocr.at_least_read_as_two("285%", "87%") == "285%"  # glued: nothing tells
    assert ocr.at_least_read_as_two("2 3", "5") == "2 3"  # bare figures
    assert ocr.reads_as_two("2 85%") and not ocr.reads_as_two("≥85%") and not ocr.reads_as_two("2024年")


_HEADER = "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分"


def _read_rows(tmp_path: Path, *rows: str, total: str = "20\t20"):  # type: ignore[no-untyped-def]
    path = tmp_path / "t.txt"
    end = f"总分\t\t\t\t\t\t{total}" if total else "备注\t无"  # total: 分值 and 得分
    path.write_text("\n".join(["项目名称\t某项目", _HEADER, *rows, end]), encoding="utf-8")
    (ev,) = read(path)
    return ev


def test_a_row_whose_sign_nothing_confirms_leaves_it_empty_and_a_doubt(tmp_path: Path) -> None:
    ev = _read_rows(tmp_path, "\t产出指标\t质量指标\t合格率\t2 85%\t87%\t10\t10",
                    "\t\t时效指标\t办结率\t2 70%\t\t10\t10")  # fmt: skip
    assert [(i.target, i.actual) for i in ev.indicators] == [("≥85%", "87%"), (None, None)]
    assert [d.field for d in ev.doubts] == ["indicators[1].target"]
    assert ev.doubts[0].alternatives == ["2 70%", "≥70%"]


def test_a_grid_cell_never_scanned_gets_no_sign_its_two_left_empty_with_a_doubt(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    row = ["", "产出指标", "质量指标", "合格率", "2 85%", "87%", "10", "10"]
    for cells in (["项目名称", "某项目"], _HEADER.split("\t"), row, ["总分", "", "", "", "", "", "10", "10"]):
        sheet.append(cells)
    book.save(path := tmp_path / "t.xlsx")
    (ev,) = read(path)
    assert [(i.target, i.actual) for i in ev.indicators] == [(None, "87%")]
    assert [(d.field, d.alternatives) for d in ev.doubts if d.alternatives] == [
        ("indicators[0].target", ["2 85%", "≥85%"])
    ]


def test_a_score_far_above_its_weight_has_its_point_put_back_between_its_digits() -> None:
    s = Settings()
    assert lost_points.readings(Decimal("641"), Decimal("7"), s) == [Decimal("6.41")]  # 64.1 > 7
    assert lost_points.readings(Decimal("135"), Decimal("15"), s) == [Decimal("1.35"), Decimal("13.5")]
    assert lost_points.readings(Decimal("8"), Decimal("10"), s) is None  # not above its weight
    assert lost_points.readings(Decimal("6.41"), Decimal("5"), s) is None  # a point already
    assert lost_points.readings(Decimal("1234"), Decimal("20"), s) == [Decimal("12.34")]  # 1.234: 3 decimals


def test_a_lost_point_is_read_where_the_total_or_the_weight_leaves_one_reading(tmp_path: Path) -> None:
    # 135 under 15: 13.5 or 1.35 — the total (10 + 13.5 = 23.5) tells
    ev = _read_rows(tmp_path, "\t产出指标\t数量指标\t培训人数\t≥90人\t95人\t10\t10",
                    "\t\t质量指标\t合格率\t≥90%\t92%\t15\t135", total="25\t23.5")  # fmt: skip
    assert [i.score for i in ev.indicators] == [Decimal("10"), Decimal("13.5")] and not ev.doubts
    # no total: even the one reading under the weight is a guess — empty, a doubt naming it
    ev = _read_rows(tmp_path, "\t产出指标\t数量指标\t培训人数\t≥90人\t95人\t10\t10",
                    "\t\t质量指标\t合格率\t≥90%\t92%\t8\t641", total="")  # fmt: skip
    assert ev.indicators[1].score is None
    assert [(d.field, d.reading, d.alternatives) for d in ev.doubts] == [("indicators[1].score", None, ["641", "6.41"])]
    # a born-digital 分值/得分 swap (分值 2, 得分 10) is not made 1.0
    ev = _read_rows(tmp_path, "\t产出指标\t数量指标\t培训人数\t≥90人\t95人\t2\t10", total="")
    assert ev.indicators[0].score is None and ev.doubts[0].alternatives == ["10", "1.0"]
    # two readings and nothing to choose: empty, a doubt
    ev = _read_rows(tmp_path, "\t产出指标\t数量指标\t培训人数\t≥90人\t95人\t10\t10",
                    "\t\t质量指标\t合格率\t≥90%\t92%\t15\t135", total="")  # fmt: skip
    assert ev.indicators[1].score is None and ev.doubts[0].alternatives == ["135", "1.35", "13.5"]


def test_a_score_a_little_over_its_weight_stays_as_stated(tmp_path: Path) -> None:
    # 12 under 10 is an over-scoring the review reports, not 1.2 — unless the total says so
    ev = _read_rows(tmp_path, "\t产出指标\t数量指标\t培训人数\t≥90人\t95人\t10\t12", total="")
    assert ev.indicators[0].score == Decimal("12") and not ev.doubts


def test_repair_lines_as_line_by_line() -> None:
    """A text's lines repaired at once: a letter for a label's character and a look-alike in a
    figure are repaired line by line; a text with neither comes back as it was."""
    assert ocr.repair_lines(["项目名称某项目主管部m某局", "完成率1O0%", "产出指标"]) == [
        "项目名称某项目主管部门某局",
        "完成率100%",
        "产出指标",
    ]
    assert ocr.repair_lines(["数量指标", "100%"]) == ["数量指标", "100%"]
    assert ocr.repair_lines(["分值10", "3S2个"]) == ["分值10", "352个"]
