"""Documents of classes the families do not write (probe 4, issue 12), read with exact values: a
Word file's 复核 table after its 自评 table; a 汇总表 listing the projects one a line.  Names and
figures invented."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from jixiao.ingest import read
from tests.families.form import Grid, layout
from tests.families.truth import Truth

_ROWS = [
    ("产出指标", "数量指标", "培训农民人次", "≥1500人次", "1620人次", 25, 25, None),
    ("产出指标", "质量指标", "培训合格率", "≥90%", "88%", 15, 13.5, "部分学员缺考"),
    ("效益指标", "经济效益指标", "人均增收", "≥500元", "560元", 20, 20, None),
    ("效益指标", "可持续影响指标", "带动产业发展", "持续带动", "持续带动", 10, 10, None),
    ("满意度指标", "服务对象满意度指标", "学员满意度", "≥85%", "91%", 20, 20, None),
]
_KEYS = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation_note")


def _truth(project: str = "高素质农民培训") -> Truth:
    data = {
        "year": 2023,
        "project_name": project,
        "department": "青石县农业农村局",
        "implementing_unit": "青石县农业广播电视学校",
        "funds": {"initial_budget": Decimal(120), "adjusted_budget": Decimal(120), "executed": Decimal("112.8")},
        "execution_rate_stated": Decimal("0.94"),
        "execution_weight": 10,
        "execution_score_stated": Decimal("9.4"),
        "total_score_stated": Decimal("97.9"),
        "grade_stated": "优",
        "indicators": [dict(zip(_KEYS, row, strict=True)) for row in _ROWS],
    }
    return Truth("invented", data, (("当年财政拨款", Decimal(120), Decimal(120), Decimal("112.8")),), ())


def _grid(truth: Truth | None = None) -> Grid:
    (grid,) = layout(truth or _truth())
    return grid


def _where(grid: Grid, text: str) -> tuple[int, int]:
    return next((r, c) for r, row in enumerate(grid.rows) for c, t in enumerate(row) if t == text)


def _with(grid: Grid, cells: dict[tuple[int, int], str]) -> Grid:
    rows = [[cells.get((r, c), text) for c, text in enumerate(row)] for r, row in enumerate(grid.rows)]
    return replace(grid, rows=rows)


def _docx(path: Path, parts: list[Grid | str]) -> None:
    from docx import Document

    from tests.families.formats import _docx_table

    word = Document()
    for part in parts:
        if isinstance(part, Grid):
            _docx_table(word, part)
        else:
            word.add_paragraph(part)
    word.save(str(path))


def _reviewed(grid: Grid, scores: list[str], total: str) -> Grid:
    """A reviewer's copy of the form: titled 复核表, its 得分 column the reviewer's figures."""
    top, _c = _where(grid, "绩效指标")
    score = grid.rows[top].index("得分")
    (end, _c) = _where(grid, "总分")
    cells = {(top + 1 + k, score): s for k, s in enumerate(scores)} | {(end, score): total}
    return _with(grid, cells | {(0, 0): "项目支出绩效自评复核表"})


def test_a_word_recheck_table_after_the_self_evaluation_is_joined_to_it(tmp_path: Path) -> None:
    """A Word file of the 自评 table and, after it, the reviewer's 复核表 of the same rows: one
    evaluation, its own scores kept and the reviewer's as each row's 复核得分 (before: two
    evaluations of one project, the reviewer's scores counted as a second self-evaluation)."""
    grid = _grid()
    _docx(tmp_path / "w.docx", [grid, "复核情况", _reviewed(grid, ["22", "13.5", "18", "10", "19"], "92.9")])
    (ev,) = read(tmp_path / "w.docx")
    assert [i.score for i in ev.indicators] == [Decimal(s) for s in ("25", "13.5", "20", "10", "20")]
    assert [i.recheck_score for i in ev.indicators] == [Decimal(s) for s in ("22", "13.5", "18", "10", "19")]
    assert (ev.total_score_stated, ev.recheck_total_stated) == (Decimal("97.9"), Decimal("92.9"))
    assert ev.source is not None
    assert ev.source.table == 1 and ev.indicators[0].provenance["recheck_score"].sheet == "表格2"


def test_a_word_recheck_table_of_other_rows_is_kept_apart_with_a_doubt(tmp_path: Path) -> None:
    """The reviewer's table with a weight changed: which row a figure belongs to is not known, so
    both tables stay, numbered 1 and 2, the reviewer's with a doubt saying why."""
    grid = _grid()
    reviewed = _reviewed(grid, ["22", "13.5", "18", "10", "19"], "92.9")
    top, _c = _where(grid, "绩效指标")
    reviewed = _with(reviewed, {(top + 1, grid.rows[top].index("分值")): "30"})
    _docx(tmp_path / "w.docx", [grid, reviewed])
    own, checked = read(tmp_path / "w.docx")
    assert [e.source.table for e in (own, checked) if e.source] == [1, 2]
    assert own.doubts == [] and [i.recheck_score for i in own.indicators] == [None] * 5
    assert [d.field for d in checked.doubts] == ["indicators"]


def _summary(truths: list[Truth]) -> list[str]:
    """A 汇总表 listing the projects one a line, as a finance office sends it before the forms."""
    head = ("序号", "项目名称", "主管部门", "全年预算数", "全年执行数", "执行率", "自评得分", "自评等级")
    lines = ["2024年度项目支出绩效自评结果汇总表", "\t".join(head)]
    for n, t in enumerate(truths, 1):
        d = t.data
        lines.append(f"{n}\t{d['project_name']}\t{d['department']}\t{d['funds']['adjusted_budget']}\t"
                     f"{d['funds']['executed']}\t94.00%\t{d['total_score_stated']}\t{d['grade_stated']}")  # fmt: skip
    return lines


def _text(grid: Grid) -> list[str]:
    covered = grid.covered()
    return ["\t".join("" if (r, c) in covered else t for c, t in enumerate(row)) for r, row in enumerate(grid.rows)]


def test_a_list_of_projects_before_their_forms_is_no_evaluation(tmp_path: Path) -> None:
    """A text of a 汇总表 (one project a line, 自评得分 a column) and then two projects' forms: the
    two evaluations, numbered 1 and 2, and the list named in an UnreadTable warning (before: a
    third evaluation of nothing but a year, its 总分 the first figure under 自评得分 that could be one)."""
    import pytest

    from jixiao.ingest.regions import UnreadTable

    truths = [_truth(), _truth("农村实用人才培训")]
    lines = [*_summary(truths), "", *_text(_grid(truths[0])), "", *_text(_grid(truths[1]))]
    (tmp_path / "t.txt").write_text("\n".join(lines), encoding="utf-8")
    with pytest.warns(UnreadTable, match="汇总表"):
        found = read(tmp_path / "t.txt")
    assert [(e.project_name, e.total_score_stated, len(e.indicators)) for e in found] == [
        ("高素质农民培训", Decimal("97.9"), 5),
        ("农村实用人才培训", Decimal("97.9"), 5),
    ]
    assert [e.source.table for e in found if e.source] == [1, 2]


def test_a_list_of_projects_alone_is_no_evaluation(tmp_path: Path) -> None:
    import pytest

    from jixiao.ingest.regions import UnreadTable

    (tmp_path / "t.txt").write_text("\n".join(_summary([_truth(), _truth("农村实用人才培训")])), encoding="utf-8")
    with pytest.warns(UnreadTable, match="第1行"):
        assert read(tmp_path / "t.txt") == []


def test_a_self_score_header_among_other_headers_states_no_total() -> None:
    """自评得分 | 自评等级 on one line, figures on the next: a column's header, no 区域 form's total;
    自评得分 | 93.5 on its line is one."""
    from jixiao.ingest.cells import Cell
    from jixiao.ingest.sections.totals import self_score
    from jixiao.ingest.table import Table

    def table(lines: list[list[str]]) -> Table:
        cells = [Cell(t, line=n) for n, line in enumerate(lines, 1) for t in line]
        return Table(cells, "x", 1)

    assert self_score(table([["项目名称", "自评得分", "自评等级"], ["某项目", "45", "优"]])) == (None, None)
    score, where = self_score(table([["转移支付名称", "某项目"], ["自评得分", "93.5"]]))
    assert (score, where is not None and where.line) == (Decimal("93.5"), 2)


def test_notes_written_beside_the_form_are_no_columns_value(tmp_path: Path) -> None:
    """A workbook with notes two columns right of the form on two indicator rows (数据来源：…):
    no row's 偏差原因 (before: each note read as its row's), a doubt naming each note's cell."""
    from openpyxl import Workbook

    grid = _grid()
    wb = Workbook()
    ws = wb.active
    for r, row in enumerate(grid.rows, 1):
        for c, text in enumerate(row, 1):
            ws.cell(row=r, column=c, value=text or None)
    for r1, c1, r2, c2 in grid.merges:
        ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    first = _where(grid, "培训农民人次")[0] + 1
    ws.cell(row=first, column=grid.width + 2, value="数据来源：培训签到表")
    ws.cell(row=first + 2, column=grid.width + 2, value="数据来源：抽样调查")
    wb.save(tmp_path / "w.xlsx")
    (ev,) = read(tmp_path / "w.xlsx")
    assert [i.deviation_note for i in ev.indicators] == [None, "部分学员缺考", None, None, None]
    assert [(d.field, d.alternatives, d.location and d.location.cell) for d in ev.doubts] == [
        ("indicators", ["数据来源:培训签到表"], f"K{first}"),
        ("indicators", ["数据来源:抽样调查"], f"K{first + 2}"),
    ]
