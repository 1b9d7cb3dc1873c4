"""Each family writer and each format writer makes the shape it is named for, exactly."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.families.families import FAMILIES, INSTRUCTIONS, Doc, write
from tests.families.form import Grid, layout, percent, split_target
from tests.families.formats import write_docx, write_html, write_txt, write_xlsx
from tests.families.truth import Truth, corpus_truths, seed_truths


@pytest.fixture(scope="module")
def c003() -> Truth:
    from tests.conftest import SHARED

    return next(t for t in corpus_truths(SHARED, "corpus") if t.name == "corpus/003")


@pytest.fixture(scope="module")
def s004() -> Truth:
    from tests.conftest import SHARED

    return seed_truths(SHARED)[0]


def _grid(doc: Doc, part: int = 0, block: int = 0) -> Grid:
    grid = doc.parts[part].blocks[block]
    assert isinstance(grid, Grid)
    return grid


def _lines(doc: Doc) -> list[str]:
    (part,) = doc.parts
    (lines,) = part.blocks
    assert isinstance(lines, list)
    return lines


def _column(grid: Grid, header: str) -> int:
    return next(c for row in grid.rows for c, t in enumerate(row) if t == header)


def test_truths_are_read_from_shared(s004: Truth, c003: Truth) -> None:
    from tests.conftest import SHARED

    assert [t.name for t in seed_truths(SHARED)][:2] == ["seed004-1", "seed004-2"]
    assert len(seed_truths(SHARED)) == 18 + 9 + 9
    assert c003.data["project_name"] == "义务教育营养改善计划专项资金" and len(c003.rows) == 9
    assert s004.sources[0][0] == "当年财政拨款" and s004.goals


def test_figures_as_the_table_writes_them() -> None:
    assert percent(0.9875) == "98.75%" and percent(1.0) == "100%" and percent(None) == ""
    assert split_target("≥95%") == ("≥", "95", "%")
    assert split_target("≧735人次") == ("≧", "735", "人次")
    assert split_target("=1440（元/人/年）") == ("=", "1440", "（元/人/年）")
    assert split_target("有效") == ("定性", "有效", "")
    assert split_target("100") == ("", "100", "")
    assert split_target("2021年12月31日") == ("定性", "2021年12月31日", "")


def test_national_form(c003: Truth) -> None:
    (grid,) = layout(c003)
    printed = grid.visible_rows()
    assert grid.rows[5][:8] == ["", "年度资金总额", "", "387664.62", "387664.62", "10", "100%", "10"]
    assert printed[10][:7] == ["产出指标", "数量指标", "学生受资助人数", "≧735人次", "735", "10", "10"]
    assert printed[-1] == ["总分", "100", "96", "优"]
    assert all(len(row) == grid.width for row in grid.rows)


def test_every_writer_is_deterministic(c003: Truth) -> None:
    for family in FAMILIES:
        assert write(family, c003, 0) == write(family, c003, 0), family
    assert write("wrapped", c003, 0) != write("wrapped", c003, 1) or write("pipes", c003, 0) != write("pipes", c003, 1)


def test_row_numbers(c003: Truth) -> None:
    grid = _grid(write("row_numbers", c003, 0))
    start = next(r for r, row in enumerate(grid.rows) if row[0] == "行次")
    assert grid.rows[start + 1][:5] == ["列次", "", "1", "2", "3"]
    assert [grid.rows[start + 2 + k][0] for k in range(9)] == [str(k) for k in range(1, 10)]


def test_review_columns(c003: Truth) -> None:
    grid = _grid(write("review_columns", c003, 0))
    score, recheck, remark = (_column(grid, h) for h in ("自评得分", "复核得分", "备注"))
    assert recheck == score + 1 and remark == grid.width - 1
    first = next(r for r, row in enumerate(grid.rows) if row[score] == "自评得分") + 1
    scores = [grid.rows[first + k][score] for k in range(9)]
    assert scores == ["10", "10", "7", "10", "10", "9", "10", "10", "10"]
    assert any(grid.rows[first + k][recheck] != scores[k] for k in range(9))


def test_sichuan_split(c003: Truth) -> None:
    grid = _grid(write("sichuan_split", c003, 0))
    nature = _column(grid, "指标性质")
    top = next(r for r, row in enumerate(grid.rows) if "指标性质" in row) - 1
    assert grid.rows[top][nature] == "年度指标值" and (top, nature, top, nature + 2) in grid.merges
    assert grid.rows[top + 1][nature : nature + 3] == ["指标性质", "指标值", "度量单位"]
    assert grid.rows[top + 2][nature : nature + 4] == ["≧", "735", "人次", "735"]
    assert grid.rows[top + 6][nature : nature + 3] == ["定性", "有效", ""]


@pytest.mark.parametrize("variant", [0, 1, 2, 3])
def test_label_value_header(c003: Truth, variant: int) -> None:
    grid = _grid(write("label_value_header", c003, variant))
    texts = [t for row in grid.visible_rows()[2:4] for t in row if t]
    joined = " ".join(texts)
    for pair in ("：义务教育营养改善计划专项资金", "主管部门：永德县教育体育局", "实施单位：永德县明朗中学"):
        assert pair in joined
    assert (2, 0, 2, grid.width - 1) in grid.merges


def test_transposed_funds(s004: Truth) -> None:
    grid = _grid(write("transposed_funds", s004, 0))
    head = next(r for r, row in enumerate(grid.rows) if "年度资金总额" in row)
    assert grid.rows[head][1:6] == ["", "年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"]
    assert grid.rows[head + 3][1:4] == ["全年执行数", "296.26", "296.26"]
    assert grid.rows[head + 4][1:7] == ["分值", "10", "执行率", "98.75%", "得分", "9.88"]


def test_label_value_funds(s004: Truth) -> None:
    grid = _grid(write("label_value_funds", s004, 0))
    r = next(r for r, row in enumerate(grid.rows) if "年初预算数" in row)
    assert grid.rows[r][1:7] == ["年初预算数", "300.00", "全年预算数", "300.00", "全年执行数", "296.26"]


def test_continued_without_header(s004: Truth) -> None:
    doc = write("continued", s004, 0)
    first, rest = _grid(doc), _grid(doc, block=1)
    header_rows = sum(1 for row in first.rows if "三级指标" in row)
    assert header_rows == 1 and not any("三级指标" in row for row in rest.rows)
    header = next(r for r, row in enumerate(first.rows) if "三级指标" in row)
    assert len(first.rows) - header - 1 + len(rest.rows) - 1 == len(s004.rows)  # the second ends with 总分


def test_yitihua_export(c003: Truth) -> None:
    doc = write("yitihua", c003, 0)
    assert [p.name for p in doc.parts] == ["填报说明", "项目支出绩效自评表"]
    assert doc.parts[0].blocks == [list(INSTRUCTIONS)]
    grid = _grid(doc, part=1)
    assert grid.hidden == frozenset({0})
    ids = [row[0] for row in grid.rows if row[0] and row[0] != "ID"]
    assert len(ids) == 9 and all(len(i) == 16 for i in ids)
    assert grid.rows[2][1].startswith("项目名称：") or grid.rows[2][1].startswith("项 目 名 称：")


def test_text_families(s004: Truth) -> None:
    glued = _lines(write("glued", s004, 0))
    assert "年度资金总额300.00300.00296.261098.75%9.88" in glued
    spaced = _lines(write("spaced", s004, 0))
    assert "年度资金总额 300.00 300.00 296.26 10 98.75% 9.88" in spaced
    cells = _lines(write("one_per_line", s004, 0))
    assert cells[cells.index("年度资金总额") : cells.index("年度资金总额") + 3] == ["年度资金总额", "300.00", "300.00"]
    piped = _lines(write("pipes", s004, 0))
    assert all(line.endswith("|") for line in piped)
    rng = random.Random(f"wrapped|{s004.name}|0|False")
    width = rng.randint(24, 60)
    assert all(len(line) <= width for line in _lines(write("wrapped", s004, 0)))


def test_pdf_order_puts_a_merged_label_on_its_middle_row(s004: Truth) -> None:
    lines = _lines(write("pdf_order", s004, 0))
    funds_at = next(k for k, line in enumerate(lines) if line.startswith("项目资金"))
    assert not lines[funds_at - 1].startswith("年初预算数")
    assert any(line.startswith("年初预算数") for line in lines)  # the header row without its label
    assert funds_at > next(k for k, line in enumerate(lines) if line.startswith("年初预算数"))


def test_formats_keep_merges_hidden_columns_and_numbers(c003: Truth, tmp_path: Path) -> None:
    from docx import Document
    from openpyxl import load_workbook

    doc = write("yitihua", c003, 0)
    write_xlsx(doc, tmp_path / "a.xlsx")
    wb = load_workbook(tmp_path / "a.xlsx")
    assert wb.sheetnames == ["填报说明", "项目支出绩效自评表"]
    ws = wb["项目支出绩效自评表"]
    assert ws.column_dimensions["A"].hidden and "B3:J3" in {str(m) for m in ws.merged_cells.ranges}
    weights = [c.value for c in ws["H"] if isinstance(c.value, int | float)]
    assert weights[:3] == [10, 10, 10]
    write_txt(doc, tmp_path / "a.txt")
    text = (tmp_path / "a.txt").read_text(encoding="utf-8").splitlines()
    assert text[0] == "填报说明" and any(line.startswith("ID\t绩效指标\t") for line in text)
    write_html(doc, tmp_path / "a.html")
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "<h2>填报说明</h2>" in page and 'colspan="9"' in page
    write_docx(doc, tmp_path / "a.docx")
    tables = Document(str(tmp_path / "a.docx")).tables
    assert len(tables) == 1 and tables[0].cell(2, 1).text == tables[0].cell(2, 5).text


def test_headerless_pages_begin_inside_the_indicator_rows(c003: Truth) -> None:
    doc = write("headerless", c003, 0)
    text = "\n".join(_lines(doc)) if isinstance(doc.parts[0].blocks[0], list) else ""
    grid_rows = [] if text else _grid(doc).rows
    first = text.splitlines()[0] if text else " | ".join(c for c in grid_rows[0] if c)
    assert first.startswith(c003.rows[0]["name"])  # no 一级 / 二级, no header above
    assert "项目名称" not in (text or str(grid_rows))
    assert doc.expected is not None and doc.expected["project_name"] is None
    assert doc.expected["indicators"][0]["level1"] is None
    assert [r["name"] for r in doc.expected["indicators"]] == [r["name"] for r in c003.rows]


def test_title_named_forms_have_no_project_row(c003: Truth) -> None:
    grid = _grid(write("title_named", c003, 0))
    cells = [c for row in grid.rows for c in row]
    assert not any(c.replace(" ", "") == "项目名称" for c in cells)
    assert f"{c003.data['year']}年度{c003.data['project_name']}" in grid.rows[0][0]


def test_previews_are_numbered_chunks_of_the_form_run_together(c003: Truth) -> None:
    lines = _lines(write("preview", c003, 0))
    assert [ln.split("、", 1)[0] for ln in lines] == [str(n) for n in range(1, len(lines) + 1)]
    joined = "".join(ln.split("、", 1)[1] for ln in lines)
    assert c003.data["project_name"] in joined and "\t" not in joined and "|" not in joined
    assert all(200 <= len(ln.split("、", 1)[1]) <= 290 for ln in lines[:-1])


def test_yuan_states_its_funds_in_yuan_where_forms_write_the_unit(s004: Truth) -> None:
    from decimal import Decimal

    from tests.families import yuan
    from tests.families.form import Labels

    doc = write("yuan", s004, 0)
    assert doc.expected is not None and doc.expected["funds"]["unit"] == "元"
    assert doc.expected["funds"]["executed"] == Decimal(str(s004.funds("executed"))) * 10000
    assert doc.expected["execution_rate_stated"] == s004.data["execution_rate_stated"]  # a rate has no unit
    assert yuan.to_yuan("296.26") == Decimal("2962600.00") and yuan.to_yuan("38.766462") == Decimal("387664.62")
    seen: dict[str, list[object]] = {}
    for k in range(60):
        blocks, place = yuan.written(s004, random.Random(k), k % 2 == 1, Labels())
        seen.setdefault(place, blocks)
    assert set(seen) == set(yuan.PLACES)
    lines, grid = seen["paragraph"]
    assert isinstance(lines, list) and lines[0] == "项目支出绩效自评表" and lines[-1].endswith("元")
    assert isinstance(grid, Grid) and grid.rows[0][0] == "项目名称"
    (grid,) = seen["headers"]
    assert isinstance(grid, Grid)
    assert any(t.startswith("年初预算数") and t.endswith(("元）", "元)")) for t in grid.rows[4])
    (grid,) = seen["funds_label"]
    assert isinstance(grid, Grid) and grid.rows[4][0].startswith("项目资金") and "万元" not in grid.rows[4][0]
    (grid,) = seen["right_cell"]
    assert isinstance(grid, Grid) and grid.rows[2][-1].endswith("元") and not any(grid.rows[2][:-1])


def test_narrative_report(c003: Truth) -> None:
    """One project's report: its title, the funds in one sentence, a line per indicator under its
    headings, the score and grade in the conclusion; it states no weights or row scores."""
    doc = write("narrative_report", c003, 0)
    lines = _lines(doc)
    assert "自评报告" in lines[0] and "2022" in lines[0]
    funds = [line for line in lines if "万元" in line]
    assert len(funds) == 1 and "387664.62万元" in funds[0] and "100%" in funds[0]
    assert any("96分" in line for line in lines[-2:])
    expected = doc.expected
    assert expected is not None and expected["grade_stated"] == "优" and expected["total_score_stated"] == 96
    assert expected["execution_weight"] is None and expected["execution_score_stated"] is None
    assert len(expected["indicators"]) == len(c003.rows)
    assert all(r["weight"] is None and r["score"] is None for r in expected["indicators"])
    names = [r["name"] for r in expected["indicators"]]
    assert all(any(n in line for line in lines) for n in names)


def test_text_wording_writes_its_variations_over_the_variants(s004: Truth) -> None:
    """Over a few variants the family writes each of its variations: scores with their points word, the
    year short, a 续表 / page mark with the header again, other header words, 附件 and 填表人 lines."""
    texts = ["\n".join(_lines(write("text_wording", s004, v))) for v in range(12)]
    assert any("分\n" in t or "分 " in t or "分 |" in t for t in texts)  # 9.5分
    assert any("（2021年）" in t or "评价年度：2021年" in t for t in texts)
    assert any(("续表" in t or "第1页 共2页" in t) and t.count("三级指标") == 2 for t in texts)
    assert any(w in t for t in texts for w in ("权重", "指标权重", "分值（分）"))
    assert any(t.startswith("附") for t in texts) and any("填表人：" in t for t in texts)
    assert not any("\t" in t for t in texts)  # (tab rows: the grid families' .txt)
