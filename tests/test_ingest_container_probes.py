"""Office and text documents of classes the families do not write (probe 3, issue 12), read with
exact values: an amount written with its own unit in a table of another unit, a table continued
on the next sheet, a narrative report with a small table, OCR look-alikes at a figure's edge.
Names and figures invented."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from jixiao.ingest import read
from jixiao.ingest.sections.fund_unit import own_unit
from tests.families.form import Grid, layout
from tests.families.truth import Truth

_ROWS = [
    ("产出指标", "数量指标", "新建蓄水池", "≥6座", "6座", 15, 15, None),
    ("产出指标", "数量指标", "改造供水管网长度", "≥18.5公里", "19.2公里", 15, 15, None),
    ("产出指标", "质量指标", "工程验收合格率", "100%", "100%", 10, 10, None),
    ("产出指标", "时效指标", "完工及时率", "≥95%", "90%", 10, 8.5, "雨季停工两周"),
    ("效益指标", "社会效益指标", "受益群众人数", "≥4200人", "4350人", 20, 20, None),
    ("效益指标", "可持续影响指标", "工程运行年限", "≥15年", "15年", 10, 10, None),
    ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", 10, 8, "个别村组水压不足"),
]
_KEYS = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation_note")


def _truth(amounts: tuple[str, str, str] = ("120", "135", "131.22")) -> Truth:
    initial, adjusted, executed = map(Decimal, amounts)
    data = {
        "year": 2024,
        "project_name": "青石镇饮水安全巩固提升",
        "department": "青石县水利局",
        "implementing_unit": "青石县农村供水站",
        "funds": {"initial_budget": initial, "adjusted_budget": adjusted, "executed": executed},
        "execution_rate_stated": Decimal("0.972"),
        "execution_weight": 10,
        "execution_score_stated": Decimal("9.72"),
        "total_score_stated": Decimal("95.22"),
        "grade_stated": "优",
        "indicators": [dict(zip(_KEYS, row, strict=True)) for row in _ROWS],
    }
    return Truth("invented", data, (("当年财政拨款", initial, adjusted, executed),), ())


def _with(grid: Grid, cells: dict[tuple[int, int], str]) -> Grid:
    rows = [[cells.get((r, c), text) for c, text in enumerate(row)] for r, row in enumerate(grid.rows)]
    return replace(grid, rows=rows)


def _where(grid: Grid, text: str) -> tuple[int, int]:
    return next((r, c) for r, row in enumerate(grid.rows) for c, t in enumerate(row) if t == text)


def _xlsx(path: Path, sheets: list[tuple[str, Grid]]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, grid in sheets:
        ws = wb.create_sheet(name)
        for r, row in enumerate(grid.rows):
            for c, text in enumerate(row):
                if text:
                    number = c in grid.numeric and text.replace(".", "", 1).isdigit()
                    cell = ws.cell(row=r + 1, column=c + 1, value=Decimal(text) if number else text)
                    if not number:
                        cell.data_type = "s"
        for r1, c1, r2, c2 in grid.merges:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    wb.save(path)


def test_an_amount_cell_stating_its_own_unit() -> None:
    assert own_unit("131.22万元") == (Decimal("131.22"), "万元")
    assert own_unit("1,312,200.00 元") == (Decimal("1312200.00"), "元")
    assert own_unit("１３１.２２万元") == (Decimal("131.22"), "万元")
    assert own_unit("131.22") is None
    assert own_unit("约131万元") is None
    assert own_unit("单位：元") is None


def test_an_amount_in_wan_yuan_in_a_table_of_yuan_is_read_in_yuan(tmp_path: Path) -> None:
    """A table of 元 (项目资金（元）) where one cell was copied from a form of 万元 with its unit
    (131.22万元): read as 1312200 元 — before, 131.22 was taken as 元 (a wrong value)."""
    (grid,) = layout(_truth(("1200000", "1350000", "1312200")))
    r, c = _where(grid, "1312200")
    grid = _with(grid, {_where(grid, "项目资金（万元）"): "项目资金（元）", (r, c): "131.22万元"})
    _xlsx(tmp_path / "f.xlsx", [("自评表", grid)])
    (ev,) = read(tmp_path / "f.xlsx")
    assert ev.funds is not None and ev.funds.unit == "元"
    assert (ev.funds.initial_budget, ev.funds.adjusted_budget, ev.funds.executed) == (1200000, 1350000, 1312200)
    assert ev.funds.sources[0].executed == 1312200


def test_an_amount_in_yuan_in_a_table_of_wan_yuan_is_read_in_wan_yuan(tmp_path: Path) -> None:
    (grid,) = layout(_truth())
    r, c = _where(grid, "131.22")
    grid = _with(grid, {(r, c): "1,312,200.00元", (r + 1, c): "1312200元"})
    _xlsx(tmp_path / "f.xlsx", [("自评表", grid)])
    (ev,) = read(tmp_path / "f.xlsx")
    assert ev.funds is not None and ev.funds.unit == "万元"
    assert ev.funds.executed == Decimal("131.22") and ev.funds.sources[0].executed == Decimal("131.22")


def _cut(grid: Grid, at: int, header: bool) -> tuple[Grid, Grid]:
    """The form cut before row ``at``: the rows after it on a sheet of their own, under the
    indicator header printed again where ``header``, the 一级 label merged down its rows."""
    first = replace(
        grid, rows=grid.rows[:at], merges=[(r1, c1, min(r2, at - 1), c2) for r1, c1, r2, c2 in grid.merges if r1 < at]
    )
    head = [list(grid.rows[_where(grid, "三级指标")[0]])] if header else []
    rest = head + grid.rows[at:]
    merges = [(len(rest) - 1, 0, len(rest) - 1, 5)] + ([(0, 0, len(rest) - 2, 0)] if header else [])
    return first, Grid(rows=rest, merges=merges, numeric=grid.numeric)


def test_a_table_continued_on_the_next_sheet_is_one_table(tmp_path: Path) -> None:
    """自评表 | 自评表(续): the indicator rows a form ran past its page with on the next sheet, with
    the header printed again or not — one evaluation of all its rows, each row naming its own
    sheet (before: two tables, the first without its last rows and 总分, the second without a project)."""
    (grid,) = layout(_truth())
    for header in (True, False):
        first, rest = _cut(grid, 12, header)
        path = tmp_path / f"continued-{header}.xlsx"
        _xlsx(path, [("自评表", first), ("自评表(续)", rest)])
        (ev,) = read(path)
        assert [ind.name for ind in ev.indicators] == [row[2] for row in _ROWS]
        assert [ind.score for ind in ev.indicators] == [Decimal(str(row[6])) for row in _ROWS]
        assert [ind.level1 for ind in ev.indicators][-3:] == ["效益指标", "效益指标", "满意度指标"]
        assert (ev.total_score_stated, ev.grade_stated) == (Decimal("95.22"), "优")
        assert ev.indicators[4].provenance["name"].sheet == "自评表(续)"
        assert ev.indicators[3].provenance["name"].sheet == "自评表"


def test_a_table_that_ends_without_its_total_takes_nothing_of_the_next_project_s_sheet(tmp_path: Path) -> None:
    (grid,) = layout(_truth())
    first = replace(grid, rows=grid.rows[:-1], merges=[m for m in grid.merges if m[0] < len(grid.rows) - 1])
    _xlsx(tmp_path / "two.xlsx", [("一", first), ("二", grid)])
    one, two = read(tmp_path / "two.xlsx")
    assert len(one.indicators) == len(two.indicators) == len(_ROWS)
    assert one.total_score_stated is None and two.total_score_stated == Decimal("95.22")


def _report_docx(path: Path, conclusion: str) -> None:
    """A 自评报告 whose header, funds and score are sentences and whose indicators are a small table."""
    from docx import Document

    word = Document()
    word.add_heading("2024年度红柳乡中小学营养餐补助绩效自评报告", level=1)
    for line in (
        "一、基本情况",
        "项目主管部门为红柳县教育局，实施单位为红柳县学生资助中心。",
        "二、资金投入和使用情况",
        "该项目年初预算86万元，全年预算86万元，全年执行84.5万元，预算执行率98.26%。",
        "三、绩效目标完成情况",
        "各项指标完成情况见下表：",
    ):
        word.add_paragraph(line)
    rows = [
        ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"),
        ("产出指标", "数量指标", "受助学生人数", "≥2150人", "2168人", "40", "40"),
        ("效益指标", "社会效益指标", "学生营养状况改善", "明显改善", "明显改善", "30", "30"),
        ("满意度指标", "服务对象满意度指标", "家长满意度", "≥92%", "95%", "20", "17.83"),
    ]
    table = word.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    word.add_paragraph("四、自评结论")
    word.add_paragraph(conclusion)
    word.save(str(path))


def test_a_report_s_sentences_complete_its_small_table(tmp_path: Path) -> None:
    """A narrative 自评报告 with its indicators in a small table: the table's evaluation takes the
    department, unit, funds, rate, score and grade the paragraphs state (before: all empty)."""
    _report_docx(tmp_path / "r.docx", "经自评，该项目自评得分97.83分，等级为优。")
    (ev,) = read(tmp_path / "r.docx")
    assert (ev.project_name, ev.department, ev.implementing_unit) == (
        "红柳乡中小学营养餐补助",
        "红柳县教育局",
        "红柳县学生资助中心",
    )
    assert ev.funds is not None
    assert (ev.funds.initial_budget, ev.funds.adjusted_budget, ev.funds.executed) == (86, 86, Decimal("84.5"))
    assert (ev.execution_rate_stated, ev.total_score_stated, ev.grade_stated) == (
        Decimal("0.9826"),
        Decimal("97.83"),
        "优",
    )
    assert [ind.score for ind in ev.indicators] == [40, 30, Decimal("17.83")]
    assert ev.provenance["department"].line is not None
    assert not ev.doubts


def test_a_report_s_sentence_stating_another_total_than_its_table_is_a_doubt(tmp_path: Path) -> None:
    from jixiao.ingest.narrative import completed
    from jixiao.model.evaluation import Evaluation

    table = Evaluation(project_name="某项目", total_score_stated=Decimal("90"))
    report = Evaluation(project_name="某项目", total_score_stated=Decimal("95"), grade_stated="优")
    ev = completed(table, report)
    assert (ev.total_score_stated, ev.grade_stated) == (Decimal("90"), "优")
    (doubt,) = ev.doubts
    assert (doubt.field, doubt.reading, doubt.alternatives) == ("total_score_stated", "90", ["95"])
    assert "自评得分" in doubt.reason and "95" in doubt.reason


def _column_major(grid: Grid, top: list[str]) -> list[str]:
    """The form's lines as a PDF viewer copies them: ``top`` (the header and funds as given), then
    the indicator table column by column — each header alone on a line, its values after it."""
    h = _where(grid, "三级指标")[0]
    end = _where(grid, "总分")[0]
    lines = list(top)
    for c in range(1, grid.width):
        lines += [row[c] for row in grid.rows[h:end] if row[c]]
    return [*lines, "\t".join(t for t in grid.rows[end] if t)]


def test_an_indicator_table_copied_column_by_column_is_read_back_into_rows(tmp_path: Path) -> None:
    """Names, targets, actuals, 分值 and 得分 one a row are placed; the 一级 and 二级 merged down
    their rows (3 and 6 values for 7 rows) and the notes on two rows cannot be: left empty, with one
    doubt naming them (before: 37 rows each a value, 一级 all 服务对象满意度指标 — 8 wrong)."""
    (grid,) = layout(_truth())
    h = _where(grid, "三级指标")[0]
    covered = grid.covered()
    top = ["\t".join("" if (r, c) in covered else t for c, t in enumerate(row)) for r, row in enumerate(grid.rows[:h])]
    for lines in (
        _column_major(grid, top),
        _column_major(grid, [t for row in grid.visible_rows()[:h] for t in row if t]),
    ):
        (tmp_path / "c.txt").write_text("\n".join(lines), encoding="utf-8")
        (ev,) = read(tmp_path / "c.txt")
        assert [ind.name for ind in ev.indicators] == [row[2] for row in _ROWS]
        assert [(ind.target, ind.actual) for ind in ev.indicators] == [(row[3], row[4]) for row in _ROWS]
        assert [(ind.weight, ind.score) for ind in ev.indicators] == [(row[5], Decimal(str(row[6]))) for row in _ROWS]
        assert {(ind.level1, ind.level2, ind.deviation_note) for ind in ev.indicators} == {(None, None, None)}
        assert ev.funds is not None and ev.funds.executed == Decimal("131.22")
        assert ev.total_score_stated == Decimal("95.22")
        (doubt,) = ev.doubts
        assert doubt.field == "indicators" and doubt.location is not None and doubt.location.line is not None
        assert (
            "“一级指标”（3 个值）" in doubt.reason
            and "“二级指标”（6 个值）" in doubt.reason
            and "共 7 行" in doubt.reason
        )


def test_headers_one_a_line_then_the_rows_cells_are_no_column_runs() -> None:
    """A table one cell per line row by row gives its headers together: no header stands before
    values of its own, and the lines are left as they are."""
    from jixiao.ingest.column_runs import rows_from_column_runs

    lines = [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "产出指标",
        "数量指标",
        "a",
        "1",
        "1",
        "5",
        "5",
    ]
    assert rows_from_column_runs(lines) == (lines, {})
    runs = ["三级指标", "a", "b", "年度指标值", "1", "2", "实际完成值", "1", "2", "分值", "5", "5", "得分", "5", "4"]
    assert rows_from_column_runs(runs)[0][:3] == [
        "三级指标\t年度指标值\t实际完成值\t分值\t得分",
        "a\t1\t1\t5\t5",
        "b\t2\t2\t5\t4",
    ]
    assert len(rows_from_column_runs(runs)[0]) == len(runs)
    uneven = ["三级指标", "a", "b", "年度指标值", "1", "实际完成值", "1", "分值", "5", "5", "得分", "5"]
    assert rows_from_column_runs(uneven) == (uneven, {})


def test_ocr_look_alikes_at_a_figure_s_edge_in_a_table(tmp_path: Path) -> None:
    """A scanned page's 〇 for a nought at a figure's end and l / I for a one opening a figure
    (12〇, l35, l5, I5, l00%): read as the digits (before: the amounts and 分值 missing, the rows
    after shifted — 5 wrong)."""
    (grid,) = layout(_truth())
    covered = grid.covered()
    budget = _where(grid, "120")
    first = _where(grid, "新建蓄水池")
    quality = _where(grid, "工程验收合格率")
    grid = _with(grid, {budget: "12〇", (budget[0], budget[1] + 1): "l35", (first[0], 6): "l5", (first[0], 7): "I5",
                        (quality[0], 4): "l00%", (quality[0], 5): "1〇0%"})  # fmt: skip
    text = "\n".join(
        "\t".join("" if (r, c) in covered else t for c, t in enumerate(row)) for r, row in enumerate(grid.rows)
    )
    (tmp_path / "s.txt").write_text(text, encoding="utf-8")
    (ev,) = read(tmp_path / "s.txt")
    assert ev.funds is not None and (ev.funds.initial_budget, ev.funds.adjusted_budget) == (120, 135)
    assert (ev.indicators[0].weight, ev.indicators[0].score) == (15, 15)
    assert (ev.indicators[2].target, ev.indicators[2].actual) == ("100%", "100%")
    assert [ind.name for ind in ev.indicators] == [row[2] for row in _ROWS]


def _transfer_form() -> Grid:
    """A 中央对地方转移支付区域绩效自评表 closing with 自评得分 | 93.5 and 自评等级 | 优 lines."""
    import random

    from tests.families import kinds

    doc = kinds.transfer_region(_truth(), random.Random(1), False)
    grid = next(b for b in doc.parts[0].blocks if isinstance(b, Grid))
    w, n = grid.width, len(grid.rows)
    closing = [["自评得分", "93.5"] + [""] * (w - 2), ["自评等级", "优"] + [""] * (w - 2)]
    return replace(grid, rows=grid.rows + closing, merges=[*grid.merges, (n, 1, n, w - 1), (n + 1, 1, n + 1, w - 1)])


def test_a_transfer_form_closing_with_its_self_score_line(tmp_path: Path) -> None:
    """The 区域 form states no 总分 row; its 自评得分 and 自评等级 written on lines after the
    indicator rows are its total and grade (before: both missing) — in a workbook and as text."""
    grid = _transfer_form()
    _xlsx(tmp_path / "t.xlsx", [("区域", grid)])
    covered = grid.covered()
    lines = ["\t".join("" if (r, c) in covered else t for c, t in enumerate(row)) for r, row in enumerate(grid.rows)]
    (tmp_path / "t.txt").write_text("\n".join(lines), encoding="utf-8")
    for name in ("t.xlsx", "t.txt"):
        (ev,) = read(tmp_path / name)
        assert (ev.total_score_stated, ev.grade_stated) == (Decimal("93.5"), "优"), name
        assert ev.provenance["total_score_stated"] is not None
        assert [ind.actual for ind in ev.indicators] == [row[4] for row in _ROWS]


def test_a_self_score_column_header_is_no_closing_total(tmp_path: Path) -> None:
    """A 评分表's 自评得分 column (a header after other headers; its figures on the rows below) gives
    no total where the table states none."""
    from jixiao.ingest.cells import Cell
    from jixiao.ingest.sections.totals import closing_self_score
    from jixiao.ingest.table import Table

    cells = [
        Cell(t, row=r, column=c)
        for r, row in enumerate([["三级指标", "分值", "自评得分"], ["a", "10", "9"]])
        for c, t in enumerate(row)
    ]
    assert closing_self_score(Table(cells, "x", 1)) is None


def test_word_tables_of_several_projects_with_no_project_row_are_each_read(tmp_path: Path) -> None:
    """A Word file of three forms, each under a heading naming its project and none writing 项目名称:
    one evaluation a table, each with its own header fields, funds and rows (before: the first
    table read with the second's 主管部门, the other two lost without a word)."""
    from docx import Document

    from tests.families.formats import _docx_table

    word = Document()
    word.add_heading("2024年度项目支出绩效自评表", level=1)
    truths = [_truth(), _truth(("40", "45", "44.46"))]
    departments = ["青石县水利局", "白沙县农业农村局"]
    for k, (truth, department) in enumerate(zip(truths, departments, strict=True)):
        truth.data["department"] = department
        (grid,) = layout(truth)
        at = _where(grid, "主管部门")[0]
        grid = replace(
            grid, rows=grid.rows[at:], merges=[(a - at, b, c - at, d) for a, b, c, d in grid.merges if a >= at]
        )
        word.add_heading(f"{'一二'[k]}、项目{k + 1}", level=2)
        _docx_table(word, grid)
    word.save(str(tmp_path / "w.docx"))
    first, second = read(tmp_path / "w.docx")
    assert (first.department, second.department) == tuple(departments)
    assert first.funds is not None and second.funds is not None
    assert (first.funds.executed, second.funds.executed) == (Decimal("131.22"), Decimal("44.46"))
    assert len(first.indicators) == len(second.indicators) == len(_ROWS)
    assert first.total_score_stated == second.total_score_stated == Decimal("95.22")
