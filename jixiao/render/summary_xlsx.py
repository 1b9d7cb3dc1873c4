"""The summary as a workbook: 汇总 (one row per project, totals and averages, grade
distribution), 问题统计 (findings per code), 图表 (the charts as pictures) and, when reviewers
wrote any, 复核意见 (each row's 复核得分 and 复核意见).

计算得分 is jixiao's own total; 复核得分 is the reviewers' 复核总分, a column only when some
table states one."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from jixiao.render.cells import openpyxl_row
from jixiao.render.summary import Summary, chart_pngs

COLUMNS = (
    ("单位", 28), ("主管部门", 22), ("项目名称", 36), ("年度", 7),
    ("全年预算数（万元）", 14), ("全年执行数（万元）", 14),
    ("执行率", 9), ("自评得分", 9), ("计算得分", 9), ("自评等次", 8), ("计算等次", 8), ("错误", 6), ("警告", 6),
    ("提示", 6), ("规则集", 30),
)  # fmt: skip
RECHECK_COLUMN = 9  # 0-based: 复核得分 goes beside 计算得分
ROW_REVIEW_COLUMNS = (("项目名称", 36), ("行", 5), ("三级指标", 30), ("分值", 7), ("自评得分", 9), ("复核得分", 9),
                      ("复核意见", 60))  # fmt: skip
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="F2F2F2")


def _head(ws: object, values: list[str]) -> None:
    openpyxl_row(ws, values)
    for cell in ws[ws.max_row]:  # type: ignore[attr-defined,index]
        cell.font, cell.fill = _BOLD, _HEAD_FILL


def _row_review_sheet(wb: Workbook, summary: Summary) -> None:
    sheet = wb.create_sheet("复核意见")
    _head(sheet, [name for name, _ in ROW_REVIEW_COLUMNS])
    for line in summary.row_reviews:
        openpyxl_row(sheet, [line.project, line.row, line.indicator, line.weight, line.score, line.recheck,
                             line.comment])  # fmt: skip
    for k, (_, width) in enumerate(ROW_REVIEW_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(k)].width = width


def write_summary_xlsx(summary: Summary) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "汇总"
    openpyxl_row(ws, [summary.title])
    ws["A1"].font = Font(bold=True, size=14)
    recheck = summary.has_recheck_total
    columns = list(COLUMNS)
    if recheck:
        columns.insert(RECHECK_COLUMN, ("复核得分", 9))
    _head(ws, [name for name, _ in columns])
    first = ws.max_row + 1
    for r in summary.rows:
        values = [r.unit, r.department, r.project, r.year, r.adjusted, r.executed, r.rate, r.stated_total,
                  r.computed_total, r.stated_grade, r.grade, r.errors, r.warnings, r.infos, r.rule_set]  # fmt: skip
        if recheck:
            values.insert(RECHECK_COLUMN, r.recheck_total)
        openpyxl_row(ws, values)
    last = ws.max_row
    # totals as values, not formulas: openpyxl cannot store a formula's result, and a reader
    # that does not recalculate would see empty totals
    totals = ["合计 / 平均", "", f"{len(summary.rows)} 个项目", "", summary.adjusted, summary.executed, summary.rate,
               summary.mean_stated, summary.mean_computed, "", "", sum(r.errors for r in summary.rows),
               sum(r.warnings for r in summary.rows), sum(r.infos for r in summary.rows)]  # fmt: skip
    if recheck:
        totals.insert(RECHECK_COLUMN, "")
    openpyxl_row(ws, totals)
    for cell in ws[ws.max_row]:
        cell.font = _BOLD
    for row in ws.iter_rows(min_row=first, max_row=ws.max_row):
        row[4].number_format = row[5].number_format = "0.00"
        row[6].number_format = "0.00%"
    for k, (_, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(k)].width = width
    ws.freeze_panes = ws.cell(row=first, column=4)
    ws.auto_filter.ref = f"A{first - 1}:{get_column_letter(len(columns))}{last}"
    ws.append([])
    _head(ws, ["等次", "项目数"])
    for grade, n in summary.grades.items():
        openpyxl_row(ws, [grade, n])
    stats = wb.create_sheet("问题统计")
    _head(stats, ["问题", "条数"])
    for code, n in summary.findings.items():
        openpyxl_row(stats, [code, n])
    stats.column_dimensions["A"].width = 44
    if summary.row_reviews:
        _row_review_sheet(wb, summary)
    pictures = wb.create_sheet("图表")
    anchor = 1
    for name, png in chart_pngs(summary).items():
        pictures.cell(row=anchor, column=1, value=name).font = _BOLD
        image = Image(BytesIO(png))
        image.anchor = f"A{anchor + 1}"
        pictures.add_image(image)
        anchor += 28
    for row in ws.iter_rows(min_row=first, max_row=last):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
