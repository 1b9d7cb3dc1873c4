"""Undo for units: delete one's own draft.  The record is only marked deleted (hidden from
every list and page), so its history and every version stay in the database."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from jixiao.web.evaluations import access, workflow


@login_required
@require_POST
def record_delete(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(access.visible(request.user), pk=pk)
    if not access.can_edit(request.user, record):
        raise Http404
    try:
        workflow.delete_draft(request.user, record.pk)
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("evaluations:detail", pk=pk)
    messages.success(request, f"已删除草稿“{record.project_name}”（历史记录保留）")
    return redirect("evaluations:list")
