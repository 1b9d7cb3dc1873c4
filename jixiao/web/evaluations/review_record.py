"""The reviewers' record of one evaluation as a workbook (复核记录.xlsx): each row's 自评得分,
计算得分 and 复核得分 side by side with its 复核意见, then the comments given on the whole
table (退回 and the other steps) from the history — what a reviewer files or hands on."""

from __future__ import annotations

from io import BytesIO
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from jixiao.review import review
from jixiao.web.evaluations import access, workflow
from jixiao.web.evaluations.models import Record

ROW_COLUMNS = (("行", 6), ("一级指标", 12), ("二级指标", 14), ("三级指标", 28), ("分值", 8), ("自评得分", 10),
               ("计算得分", 10), ("复核得分", 10), ("复核意见", 50))  # fmt: skip


def write(record: Record) -> bytes:
    ev = review(workflow.evaluation_of(record)).evaluation
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "复核记录"
    ws.append([f"{record.year} 年度 {record.project_name}（{record.organisation.name}）复核记录"])
    ws.append([f"状态：{record.get_status_display()}，第 {record.version} 版"])
    ws.append([name for name, _ in ROW_COLUMNS])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for k, ind in enumerate(ev.indicators, 1):
        ws.append([k, ind.level1, ind.level2, ind.name, ind.weight, ind.score, ind.computed_score, ind.recheck_score,
                   ind.review_comment])  # fmt: skip
    ws.append([])
    ws.append(["整表意见"])
    ws[ws.max_row][0].font = Font(bold=True)
    for event in record.events.defer("snapshot").select_related("user").order_by("at", "pk"):
        if event.comment:
            ws.append([event.at.strftime("%Y-%m-%d %H:%M"), event.action, str(event.user or "系统"), event.comment])
    for k, (_, width) in enumerate(ROW_COLUMNS):
        ws.column_dimensions[chr(ord("A") + k)].width = width
    for row in ws.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@login_required
def record_review_download(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(access.visible(request.user), pk=pk)
    response = HttpResponse(
        write(record), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'{record.project_name}-复核记录.xlsx')}"
    return response
