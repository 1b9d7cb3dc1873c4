"""Review where the figures are: a department or finance reviewer writes a 复核意见 on a row
and may record a 复核得分 beside the unit's 自评得分.  Both are part of the evaluation's data,
so they are versioned in its history and written into the downloads with the table."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jixiao.web.evaluations import access, params, views, workflow


def _score(text: str, weight: Decimal | None, where: str, errors: list[str]) -> Decimal | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        errors.append(f"{where}复核得分“{text}”不是数字")
        return None
    if not value.is_finite() or value < 0:
        errors.append(f"{where}复核得分“{text}”应为不小于 0 的数")
        return None
    if value > 100:
        errors.append(f"{where}复核得分“{text}”超过 100")
        return None
    if weight is not None and value > weight:
        errors.append(f"{where}复核得分 {text} 超过该行分值 {weight}")
        return None
    return value


@login_required
@require_POST
def record_annotate(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(access.visible(request.user), pk=pk)
    if not workflow.can_annotate(request.user, record):
        messages.error(request, f"自评表当前状态为“{record.get_status_display()}”，您不能填写复核意见")
        return redirect("evaluations:detail", pk=pk)
    indicators = workflow.evaluation_of(record).indicators
    errors: list[str] = []
    rows: dict[int, tuple[str | None, Decimal | None]] = {}
    typed: dict[int, tuple[str, str]] = {}
    for k, ind in enumerate(indicators, 1):
        comment, score = request.POST.get(f"rc-{k}", ""), request.POST.get(f"rs-{k}", "")
        typed[k] = (comment, score)
        where = f"第 {k} 行“{ind.name or ''}”"
        rows[k] = (comment.strip() or None, _score(score, ind.weight, where, errors))
    version = params.small_int(request.POST.get("version")) or 0
    if not errors:
        try:
            saved = workflow.annotate(request.user, record.pk, rows, version)
        except workflow.WorkflowError as exc:
            errors.append(str(exc))
        else:
            messages.success(request, f"已保存复核意见（第 {saved.version} 版）" if saved.version != version
                             else "复核意见没有修改")  # fmt: skip
            return redirect("evaluations:detail", pk=pk)
    context = views.detail_context(request, record)
    for row in context["rows"]:
        row["typed"] = typed.get(row["k"])
    context["review_errors"] = errors
    return render(request, "evaluations/detail.html", context, status=400)
