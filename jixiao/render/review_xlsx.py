"""The review as a workbook: one row per finding, filters on, header frozen, columns sized."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from jixiao.review import Review

COLUMNS = (
    ("级别", 8), ("代码", 22), ("问题", 22), ("文件", 28), ("表号", 6), ("项目名称", 30), ("位置", 36),
    ("行号", 6), ("原文位置", 14), ("填报值", 14), ("复核值", 14), ("说明", 70), ("依据", 40), ("规则集", 16),
)  # fmt: skip
_FILL = {
    "error": PatternFill("solid", fgColor="FFEBE9"),
    "warning": PatternFill("solid", fgColor="FFF8C5"),
    "info": PatternFill("solid", fgColor="DDF4FF"),
}


def write_xlsx(reviews: Sequence[Review]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "复核意见"
    ws.append([name for name, _ in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in reviews:
        for f in r.findings:
            ws.append([
                f.severity.label, f.code.value, f.title, f.file, f.table, f.project, f.where, f.row, f.place,
                f.stated, f.computed, f.message, f.rule, r.rule_set.name,
            ])  # fmt: skip
            fill = _FILL[f.severity.value]
            for cell in ws[ws.max_row][:3]:
                cell.fill = fill
    for k, (_, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(k)].width = width
    for row in ws.iter_rows(min_row=2):
        row[11].alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(ws.max_row, 1)}"
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
