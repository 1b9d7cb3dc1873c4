"""Classes of office files the generator does not write, read with exact values: numbers stored
with a binary artefact, tracked changes and placeholders in Word.  Names and figures invented."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.ingest import read
from tests.families.form import Grid, layout
from tests.families.truth import Truth

_ROWS = [
    ("产出指标", "数量指标", "新修机耕道长度", "≥12公里", "12.5公里", 20, 20, None),
    ("产出指标", "质量指标", "验收合格率", "100%", "100%", 20, 20, None),
    ("效益指标", "社会效益指标", "受益农户", "≥800户", "760户", 30, 27.5, "两个组改至次年"),
    ("满意度指标", "服务对象满意度指标", "农户满意度", "≥90%", "92%", 20, 19.5, None),
]
_KEYS = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation_note")


def _truth() -> Truth:
    data = {
        "year": 2024,
        "project_name": "白沙村机耕道建设",
        "department": "白沙县农业农村局",
        "implementing_unit": "白沙县农机服务站",
        "funds": {"initial_budget": 40, "adjusted_budget": 45, "executed": 44.46},
        "execution_rate_stated": 0.988,
        "execution_weight": 10,
        "execution_score_stated": 9.9,
        "total_score_stated": 96.9,
        "grade_stated": "优",
        "indicators": [dict(zip(_KEYS, row, strict=True)) for row in _ROWS],
    }
    return Truth("invented", data, (("当年财政拨款", 40, 45, 44.46),), ())


def _grid() -> Grid:
    (grid,) = layout(_truth())
    return grid


def _where(grid: Grid, text: str) -> tuple[int, int]:
    """(row, column) of the first cell holding ``text``."""
    return next((r, c) for r, row in enumerate(grid.rows) for c, t in enumerate(row) if t == text)


def _xlsx(
    grid: Grid, path: Path, values: dict[tuple[int, int], object], formats: dict[tuple[int, int], str] | None = None
) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for r, row in enumerate(grid.rows):
        for c, text in enumerate(row):
            value = values.get((r, c), text)
            if value != "":
                cell = ws.cell(row=r + 1, column=c + 1, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"
                if formats and (r, c) in formats:
                    cell.number_format = formats[(r, c)]
    for r1, c1, r2, c2 in grid.merges:
        ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    wb.save(path)


def test_stored_numbers_read_as_excel_shows_them(tmp_path: Path) -> None:
    """A sum or a formula leaves a binary artefact in the stored number (44.459999999999994);
    Excel shows 15 significant digits, and so does the reader."""
    grid = _grid()
    (total_row, _c) = _where(grid, "年度资金总额")
    (sum_row, _c) = _where(grid, "总分")
    values: dict[tuple[int, int], object] = {
        (total_row, 4): 44.459999999999994,
        (total_row, 6): 0.9880000000000001,
        (total_row, 7): 9.899999999999999,
        (sum_row, 7): 96.89999999999999,
        (_where(grid, "27.5")): 27.499999999999996,
        (_where(grid, "20")): 20.0,
    }
    path = tmp_path / "artefacts.xlsx"
    _xlsx(grid, path, values)
    (ev,) = read(path)
    assert ev.funds is not None and ev.funds.executed == Decimal("44.46")
    assert (ev.execution_rate_stated, ev.execution_score_stated) == (Decimal("0.988"), Decimal("9.9"))
    assert ev.total_score_stated == Decimal("96.9")
    assert [(i.weight, i.score) for i in ev.indicators] == [
        (Decimal(20), Decimal(20)), (Decimal(20), Decimal(20)), (Decimal(30), Decimal("27.5")),
        (Decimal(20), Decimal("19.5")),
    ]  # fmt: skip


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>' if text else "<w:p/>"


def _docx_table(grid: Grid, content: dict[tuple[int, int], str], deleted: set[int]) -> str:
    """The grid as a w:tbl (merges as gridSpan / vMerge); ``content`` replaces a cell's inner XML;
    ``deleted`` rows are marked as a tracked deletion."""
    covered = grid.covered()
    spans = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in grid.merges}
    below = {(r, c1): c2 - c1 + 1 for r1, c1, r2, c2 in grid.merges for r in range(r1 + 1, r2 + 1)}
    rows = []
    for r, row in enumerate(grid.rows):
        cells, c = [], 0
        while c < grid.width:
            if (r, c) in below:
                span = below[(r, c)]
                cells.append(f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/><w:vMerge/></w:tcPr><w:p/></w:tc>')
                c += span
                continue
            if (r, c) in covered:
                c += 1
                continue
            r2, c2 = spans.get((r, c), (r, c))
            pr = f'<w:gridSpan w:val="{c2 - c + 1}"/>' + ('<w:vMerge w:val="restart"/>' if r2 > r else "")
            cells.append(f"<w:tc><w:tcPr>{pr}</w:tcPr>{content.get((r, c), _p(row[c]))}</w:tc>")
            c = c2 + 1
        mark = '<w:trPr><w:del w:id="90" w:author="x"/></w:trPr>' if r in deleted else ""
        rows.append(f"<w:tr>{mark}{''.join(cells)}</w:tr>")
    return "<w:tbl>" + "".join(rows) + "</w:tbl>"


def _docx(path: Path, body: str) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", f"<w:document {_W}><w:body>{body}</w:body></w:document>")


def _insert_row(grid: Grid, at: int, row: list[str]) -> Grid:
    moved = [
        (r1 + (r1 >= at), c1, r2 + (r2 >= at), c2) for r1, c1, r2, c2 in grid.merges
    ]  # a merge over the place grows by the row
    return Grid(rows=[*grid.rows[:at], row, *grid.rows[at:]], merges=moved)


def test_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    """Deleted text (``w:del``), a move's old place (``w:moveFrom``) and a deleted row are not
    read; inserted text (``w:ins``) and a move's new place (``w:moveTo``) are."""
    grid = _grid()
    at, _c = _where(grid, "受益农户")
    grid = _insert_row(grid, at, ["", "", "社会效益指标", "旧指标", "≥300户", "0户", "5", "0", "已调整"])
    score_r, score_c = at + 1, 7
    note_r, note_c = _where(grid, "两个组改至次年")
    name_r, name_c = _where(grid, "白沙村机耕道建设")
    content = {
        (score_r, score_c): '<w:p><w:del w:id="1" w:author="x"><w:r><w:delText>30</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="x"><w:r><w:t>27.5</w:t></w:r></w:ins></w:p>',
        (note_r, note_c): '<w:p><w:moveFrom w:id="3" w:author="x"><w:r><w:t>原说明</w:t></w:r></w:moveFrom>'
        '<w:moveTo w:id="4" w:author="x"><w:r><w:t>两个组改至次年</w:t></w:r></w:moveTo></w:p>',
        (name_r, name_c): '<w:p><w:r><w:t>白沙村</w:t></w:r><w:del w:id="5" w:author="x"><w:r><w:delText>道路'
        "</w:delText></w:r></w:del><w:r><w:t>机耕道建设</w:t></w:r></w:p>",
    }
    path = tmp_path / "tracked.docx"
    _docx(path, '<w:p><w:moveFrom w:id="6" w:author="x"><w:r><w:t>旧附件名</w:t></w:r></w:moveFrom></w:p>'
          + _docx_table(grid, content, deleted={at}))  # fmt: skip
    (ev,) = read(path)
    assert ev.project_name == "白沙村机耕道建设"
    assert [(i.name, i.score, i.deviation_note) for i in ev.indicators] == [
        ("新修机耕道长度", Decimal(20), None), ("验收合格率", Decimal(20), None),
        ("受益农户", Decimal("27.5"), "两个组改至次年"), ("农户满意度", Decimal("19.5"), None),
    ]  # fmt: skip


def test_content_control_placeholder_is_not_a_value(tmp_path: Path) -> None:
    """A content control still showing its prompt (``w:showingPlcHdr``) holds no value; a filled
    one in a cell is read."""
    grid = _grid()
    r, c = _where(grid, "两个组改至次年")
    prompt = (
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>单击或点击此处输入文字。</w:t>"
        "</w:r></w:p></w:sdtContent></w:sdt>"
    )
    filled = f"<w:sdt><w:sdtPr/><w:sdtContent>{_p('19.5')}</w:sdtContent></w:sdt>"
    path = tmp_path / "controls.docx"
    _docx(path, _docx_table(grid, {(r, c): prompt, _where(grid, "19.5"): filled}, deleted=set()))
    (ev,) = read(path)
    assert [(i.score, i.deviation_note) for i in ev.indicators] == [
        (Decimal(20), None), (Decimal(20), None), (Decimal("27.5"), None), (Decimal("19.5"), None),
    ]  # fmt: skip


def _doc(*grids: Grid) -> object:
    from tests.families.families import Doc, Part

    return Doc([Part("自评表", list(grids))])


@pytest.mark.parametrize("suffix", [".xlsx", ".docx", ".html"])
def test_headers_over_two_rows(tmp_path: Path, suffix: str) -> None:
    """预算数 over 年初 | 全年 and 指标值 over 目标值 | 实际值: the labels under a group take its place
    (before, 年初's figures were read as the 全年预算数 and the actuals' column was lost)."""
    from tests.families.formats import WRITERS
    from tests.families.office import split_header

    grid = split_header(_grid(), "年初预算数", "预算数", ("年初", "全年"))
    grid = split_header(grid, "年度指标值", "指标值", ("目标值", "实际值"))
    path = tmp_path / f"two_rows{suffix}"
    WRITERS[suffix](_doc(grid), path)  # type: ignore[arg-type]
    (ev,) = read(path)
    assert ev.funds is not None
    assert (ev.funds.initial_budget, ev.funds.adjusted_budget, ev.funds.executed) == (
        Decimal(40), Decimal(45), Decimal("44.46"),
    )  # fmt: skip
    assert [(i.target, i.actual, i.weight, i.score, i.deviation_note) for i in ev.indicators] == [
        ("≥12公里", "12.5公里", Decimal(20), Decimal(20), None), ("100%", "100%", Decimal(20), Decimal(20), None),
        ("≥800户", "760户", Decimal(30), Decimal("27.5"), "两个组改至次年"),
        ("≥90%", "92%", Decimal(20), Decimal("19.5"), None),
    ]  # fmt: skip


def _beside(left: Grid, right: Grid, gap: int = 1) -> Grid:
    """Two grids on one sheet, ``gap`` empty columns between them."""
    height = max(len(left.rows), len(right.rows))
    pad = [""] * gap
    rows = [
        (left.rows[r] if r < len(left.rows) else [""] * left.width)
        + pad
        + (right.rows[r] if r < len(right.rows) else [""] * right.width)
        for r in range(height)
    ]
    shift = left.width + gap
    merges = left.merges + [(r1, c1 + shift, r2, c2 + shift) for r1, c1, r2, c2 in right.merges]
    return Grid(rows=rows, merges=merges, numeric=left.numeric | {c + shift for c in right.numeric})


def _other() -> Grid:
    truth = _truth()
    data = dict(
        truth.data, project_name="东岭村灌溉渠修缮", department="东岭县水务局", implementing_unit="东岭县灌区管理所"
    )
    (grid,) = layout(Truth("other", data, truth.sources, ()))
    return grid


def test_forms_side_by_side_on_one_sheet(tmp_path: Path) -> None:
    """Two forms beside each other on a sheet, an empty column between: read one after the other
    (before, their rows alternated and neither form's header fields, funds or rows were read)."""
    from tests.families.formats import write_xlsx

    path = tmp_path / "beside.xlsx"
    write_xlsx(_doc(_beside(_grid(), _other())), path)  # type: ignore[arg-type]
    first, second = read(path)
    assert [ev.project_name for ev in (first, second)] == ["白沙村机耕道建设", "东岭村灌溉渠修缮"]
    assert [ev.implementing_unit for ev in (first, second)] == ["白沙县农机服务站", "东岭县灌区管理所"]
    for ev in (first, second):
        assert ev.funds is not None and ev.funds.executed == Decimal("44.46")
        assert [(i.name, i.score) for i in ev.indicators] == [
            ("新修机耕道长度", Decimal(20)), ("验收合格率", Decimal(20)), ("受益农户", Decimal("27.5")),
            ("农户满意度", Decimal("19.5")),
        ]  # fmt: skip
        assert ev.total_score_stated == Decimal("96.9")


def test_an_empty_column_inside_one_form_is_not_a_second_form(tmp_path: Path) -> None:
    """A column left empty inside one form (the notes' column of a table without notes, a spacer)
    leaves a band without a form's labels: the sheet is read as one form."""
    from tests.families.formats import write_xlsx

    grid = _grid()
    rows = [[*row[:6], "", *row[6:]] for row in grid.rows]
    shifted = [(r1, c1 + (c1 >= 6), r2, c2 + (c2 >= 6)) for r1, c1, r2, c2 in grid.merges]
    spaced = Grid(rows=rows, merges=[(r1, c1, r2, c2) for r1, c1, r2, c2 in shifted if not c1 < 6 < c2])
    path = tmp_path / "spacer.xlsx"
    write_xlsx(_doc(spaced), path)  # type: ignore[arg-type]
    (ev,) = read(path)
    assert ev.project_name == "白沙村机耕道建设"
    assert [(i.actual, i.weight, i.score) for i in ev.indicators] == [
        ("12.5公里", Decimal(20), Decimal(20)), ("100%", Decimal(20), Decimal(20)),
        ("760户", Decimal(30), Decimal("27.5")), ("92%", Decimal(20), Decimal("19.5")),
    ]  # fmt: skip


def test_dates_read_as_their_format_shows_them(tmp_path: Path) -> None:
    """A date typed in Chinese is stored as a date shown through ``yyyy"年"m"月"d"日"``: read as
    shown (before: 2024-11-05); a format this reader does not render leaves the ISO date."""
    import datetime as dt

    grid = _grid()
    r, c = _where(grid, "12.5公里")
    path = tmp_path / "dates.xlsx"
    formats = {(r, c): 'yyyy"年"m"月"d"日"', (r + 1, c): "[DBNum1]yyyy年m月d日"}
    _xlsx(grid, path, {(r, c): dt.datetime(2024, 11, 5), (r + 1, c): dt.datetime(2024, 12, 1)}, formats)
    (ev,) = read(path)
    assert [i.actual for i in ev.indicators[:2]] == ["2024年11月5日", "2024-12-01"]


@pytest.mark.parametrize("written", ["98.8", "98.80"])
def test_a_rate_written_as_its_per_cent_without_the_sign(tmp_path: Path, written: str) -> None:
    """``98.8`` under 执行率 is 98.8 %, not 9880 %: no form states a rate past ``rate_max`` as a
    fraction.  A figure past it even as a per cent is no rate: empty, with a doubt."""
    grid = _grid()
    r, _c = _where(grid, "年度资金总额")
    grid.rows[r][6] = written
    path = tmp_path / "rate.txt"
    path.write_text("\n".join("\t".join(row) for row in grid.rows), encoding="utf-8")
    (ev,) = read(path)
    assert ev.execution_rate_stated == Decimal("0.988")
    grid.rows[r][6] = "98800"
    path.write_text("\n".join("\t".join(row) for row in grid.rows), encoding="utf-8")
    (ev,) = read(path)
    assert ev.execution_rate_stated is None
    assert [d.field for d in ev.doubts] == ["execution_rate_stated"]


def test_decimals_read_as_their_number_format_shows_them(tmp_path: Path) -> None:
    """A formula's full-precision result (44.4612, 0.98802…) shown through ``#,##0.00`` or
    ``0.00%`` (built-in formats, named by id) or a custom ``0.0``: read as shown, rounded half up."""
    grid = _grid()
    total_row, _c = _where(grid, "年度资金总额")
    sum_row, _c = _where(grid, "总分")
    values: dict[tuple[int, int], object] = {
        (total_row, 4): 44.4612, (total_row, 6): 0.98802666, (total_row, 7): 9.8802666, (sum_row, 7): 96.8802666,
    }  # fmt: skip
    formats = {(total_row, 4): "#,##0.00", (total_row, 6): "0.00%", (total_row, 7): "0.0", (sum_row, 7): "0.0"}
    path = tmp_path / "shown.xlsx"
    _xlsx(grid, path, values, formats)
    (ev,) = read(path)
    assert ev.funds is not None and ev.funds.executed == Decimal("44.46")
    assert (ev.execution_rate_stated, ev.execution_score_stated) == (Decimal("0.9880"), Decimal("9.9"))
    assert ev.total_score_stated == Decimal("96.9")


def _figure(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


def test_formulas_saved_without_their_results(tmp_path: Path) -> None:
    """A workbook written by a program keeps formulas without results (openpyxl writes none):
    plain arithmetic of the sheet is worked out as the spreadsheet shows it; a formula of another
    kind (another sheet, IF) stays empty, never guessed."""
    grid = _grid()
    total_row, _c = _where(grid, "年度资金总额")
    source_row = total_row + 1
    sum_row, _c = _where(grid, "总分")
    first = _where(grid, "新修机耕道长度")[0] + 1  # the first indicator row, 1-based
    last = first + len(_ROWS) - 1
    values: dict[tuple[int, int], object] = {
        (total_row, 4): f"=E{source_row + 1}",
        (total_row, 6): f"=E{total_row + 1}/D{total_row + 1}",
        (total_row, 7): f"=ROUND(G{total_row + 1}*F{total_row + 1},1)",
        (sum_row, 6): f"=SUM(G{first}:G{last})+F{total_row + 1}",
        (sum_row, 7): f"=IF(H{first}>0,SUM(H{first}:H{last})+H{total_row + 1},0)",
    }
    path = tmp_path / "formulas.xlsx"
    figures = {(r, c): float(t) for r, row in enumerate(grid.rows) for c, t in enumerate(row) if _figure(t)}
    _xlsx(grid, path, figures)
    from openpyxl import load_workbook

    wb = load_workbook(path)
    for (r, c), formula in values.items():
        wb.active.cell(row=r + 1, column=c + 1, value=formula)
    wb.save(path)
    (ev,) = read(path)
    assert ev.funds is not None and ev.funds.executed == Decimal("44.46")
    assert (ev.execution_rate_stated, ev.execution_score_stated) == (Decimal("0.988"), Decimal("9.9"))
    assert ev.total_score_stated is None


def test_formulas_over_wide_ranges_stop_at_the_sheet_s_budget() -> None:
    """Each range within ``formula_range_max``, all of a sheet's ranges within ``formula_cells_max``:
    the formulas past the budget stay empty, those before it are worked out."""
    from decimal import Decimal

    from jixiao.ingest.formulas import with_results
    from jixiao.ingest.settings import Settings

    values = [(1, c, 1) for c in range(1, 11)]  # ten ones in row 1
    formulas = {(2, 1): "=SUM(A1:J1)", (2, 2): "=SUM(A1:J1)", (2, 3): "=SUM(A1:J1)"}
    got = {(r, c): v for r, c, v in with_results(values, formulas, Settings(formula_cells_max=25)) if r == 2}
    assert got == {(2, 1): Decimal(10), (2, 2): Decimal(10)}  # the third would look at cells 21..30
    got = {(r, c): v for r, c, v in with_results(values, formulas, Settings(formula_range_max=9)) if r == 2}
    assert got == {}


def _styled_as_built_in(path: Path, code: str, number: int) -> None:
    """The custom format ``code`` of a saved workbook rewritten as the built-in id ``number``, as a
    Chinese Excel saves its own date formats (by id alone, no code in the file)."""
    import re

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    styles = parts["xl/styles.xml"].decode()
    escaped = code.replace('"', "&quot;")
    fmt = re.search(rf'<numFmt numFmtId="(\d+)" formatCode="{re.escape(escaped)}"/>', styles)
    assert fmt is not None
    styles = styles.replace(fmt.group(0), "").replace(f'numFmtId="{fmt.group(1)}"', f'numFmtId="{number}"')
    parts["xl/styles.xml"] = styles.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)


@pytest.mark.parametrize(
    ("number", "code", "shown"),
    [(57, 'yyyy"年"m"月"', "2024年9月"), (31, 'yyyy"年"m"月"d"日"', "2024年9月20日"), (58, 'm"月"d"日"', "9月20日")],
)
def test_built_in_chinese_date_formats(tmp_path: Path, number: int, code: str, shown: str) -> None:
    """A date shown through a built-in Chinese format (ids 27-36, 50-58: the file stores the id
    alone) reads as the sheet shows it, from the vocabulary's formats (before: 2024-09-20)."""
    import datetime as dt

    grid = _grid()
    r, c = _where(grid, "12.5公里")
    path = tmp_path / "built_in.xlsx"
    _xlsx(grid, path, {(r, c): dt.datetime(2024, 9, 20)}, {(r, c): code})
    _styled_as_built_in(path, code, number)
    (ev,) = read(path)
    assert [i.actual for i in ev.indicators[:2]] == [shown, "100%"]


def test_whole_numbers_through_a_per_cent_format(tmp_path: Path) -> None:
    """1 shown through ``0%`` is the 100% on the screen (before: 1); a whole number through a
    fixed-decimals format looks the same as before (20 through ``0.00``: 20)."""
    grid = _grid()
    r, c = _where(grid, "100%")  # 验收合格率's target, its actual beside it
    path = tmp_path / "whole.xlsx"
    weight = _where(grid, "20")
    _xlsx(grid, path, {(r, c): 1, (r, c + 1): 0.92, weight: 20}, {(r, c): "0%", (r, c + 1): "0%", weight: "0.00"})
    (ev,) = read(path)
    assert (ev.indicators[1].target, ev.indicators[1].actual) == ("100%", "92%")
    assert ev.indicators[0].weight == Decimal(20)


def _page(table: str, before: str = "") -> str:
    return f"<html><head><meta charset='utf-8'></head><body>{before}{table}</body></html>"


def test_a_web_page_s_hidden_rows_and_cells_are_not_read(tmp_path: Path) -> None:
    """A sheet Excel saved as a web page writes its hidden rows and columns with
    ``display:none``: not on the page, not read (before: the hidden row was an indicator)."""
    from tests.families.formats import _html_table

    grid = _grid()
    at, _c = _where(grid, "受益农户")
    grid = _insert_row(grid, at, ["", "", "社会效益指标", "旧指标", "≥300户", "0户", "5", "0", "已调整"])
    table = _html_table(grid)
    old = table.rindex("<tr>", 0, table.index("旧指标"))
    table = table[:old] + "<tr style='display: none'>" + table[old + 4 :]
    table = table.replace("<td>两个组改至次年</td>", "<td>两个组改至次年</td><td style='DISPLAY:none'>草稿</td>")
    path = tmp_path / "hidden.html"
    path.write_text(_page(table), encoding="utf-8")
    (ev,) = read(path)
    assert [(i.name, i.score, i.deviation_note) for i in ev.indicators] == [
        ("新修机耕道长度", Decimal(20), None), ("验收合格率", Decimal(20), None),
        ("受益农户", Decimal("27.5"), "两个组改至次年"), ("农户满意度", Decimal("19.5"), None),
    ]  # fmt: skip


def test_a_web_page_block_s_text_before_its_inner_blocks(tmp_path: Path) -> None:
    """``<p>主管部门：…<span>&nbsp;&nbsp;</span>实施单位：…</p>`` (a Word page saved as HTML): the
    text before the span is read too (before: the department was lost)."""
    from tests.families.formats import _html_table

    grid = _grid()
    fields = Grid(rows=grid.rows[4:], merges=[(a - 4, b, c - 4, d) for a, b, c, d in grid.merges if a >= 4])
    before = (
        "<p>项目名称：白沙村机耕道建设</p><p>主管部门：白沙县农业农村局<span style='mso-spacerun:yes'>&nbsp;&nbsp;"
        "&nbsp; </span>实施单位：白沙县农机服务站</p>"
    )
    path = tmp_path / "fields.html"
    path.write_text(_page(_html_table(fields), before), encoding="utf-8")
    (ev,) = read(path)
    assert (ev.project_name, ev.department, ev.implementing_unit) == (
        "白沙村机耕道建设", "白沙县农业农村局", "白沙县农机服务站",
    )  # fmt: skip


def test_xls_numbers_read_as_their_number_format_shows_them(tmp_path: Path) -> None:
    """An .xls keeps each number's format in its BIFF records (``FORMAT``, ``XF``): a formula's
    0.98802… through ``0.00%``, 44.4612 through ``#,##0.00`` and a date through a Chinese format
    read as the sheet shows them (before: 0.98802666, 44.4612, 2024-11-05)."""
    import datetime as dt

    from jixiao.ingest.biff import BiffError, cell_codes
    from tests.families.formats import convert

    grid = _grid()
    total_row, _c = _where(grid, "年度资金总额")
    r, c = _where(grid, "12.5公里")
    values: dict[tuple[int, int], object] = {
        (total_row, 4): 44.4612, (total_row, 6): 0.98802666, (total_row, 7): 9.8802666,
        (r, c): dt.datetime(2024, 11, 5),
    }  # fmt: skip
    formats = {(total_row, 4): "#,##0.00", (total_row, 6): "0.00%", (total_row, 7): "0.0", (r, c): 'yyyy"年"m"月"'}
    book = tmp_path / "shown.xlsx"
    _xlsx(grid, book, values, formats)
    convert([book], ".xls", tmp_path)
    (ev,) = read(tmp_path / "shown.xls")
    assert ev.funds is not None and ev.funds.executed == Decimal("44.46")
    assert (ev.execution_rate_stated, ev.execution_score_stated) == (Decimal("0.9880"), Decimal("9.9"))
    assert ev.indicators[0].actual == "2024年11月"
    with pytest.raises(BiffError):
        cell_codes(b"\xd0\xcf" * 4, lambda n: None)


def test_a_little_table_in_a_row_s_cell_is_that_cell_s_text(tmp_path: Path) -> None:
    """A note laid out as a small table inside its cell of an indicator row is the row's note
    (before: only its first cell, 原因, was read as the note); a form inside a one-cell frame
    table is still read as a form."""
    grid = _grid()
    r, c = _where(grid, "两个组改至次年")
    cells = "".join(f"<w:tc>{_p(t)}</w:tc>" for t in ("原因", "两个组改至次年"))
    little = f"<w:tbl><w:tr>{cells}</w:tr></w:tbl><w:p/>"
    path = tmp_path / "little.docx"
    _docx(path, _docx_table(grid, {(r, c): little}, deleted=set()))
    (ev,) = read(path)
    assert [i.deviation_note for i in ev.indicators] == [None, None, "原因 两个组改至次年", None]
    framed = tmp_path / "framed.docx"
    _docx(framed, "<w:tbl><w:tr><w:tc>" + _docx_table(_grid(), {}, deleted=set()) + "<w:p/></w:tc></w:tr></w:tbl>")
    (ev,) = read(framed)
    assert ev.project_name == "白沙村机耕道建设"
    assert [(i.name, i.score, i.deviation_note) for i in ev.indicators] == [
        ("新修机耕道长度", Decimal(20), None), ("验收合格率", Decimal(20), None),
        ("受益农户", Decimal("27.5"), "两个组改至次年"), ("农户满意度", Decimal("19.5"), None),
    ]  # fmt: skip
