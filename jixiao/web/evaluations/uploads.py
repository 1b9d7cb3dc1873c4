"""Upload for import: the request only stores the files and queues them; huey workers read each
in a limited child process (``reader``); the page follows the progress and, when every file is
read, shows the tables found for confirmation, each matched to its unit (``imports``).

Files are stored under short names (``00003.docx``) whatever the user called them; the user's
name is kept for display and in every message, never the server's path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jixiao.model.evaluation import Evaluation
from jixiao.web.evaluations import access, imports, params, recovery, upload_limit, workflow
from jixiao.web.evaluations.models import Batch, BatchFile

SUFFIXES = {".txt", ".docx", ".doc", ".xlsx", ".xls", ".xlsm", ".pdf", ".html", ".htm", ".json"}
MAX_FILES = 1000  # as many as Django accepts in one request (DATA_UPLOAD_MAX_NUMBER_FILES)
NAME_LIMIT = 200  # characters of a file name kept for display


def display_name(name: str) -> str:
    """The user's file name without folders, shortened (middle cut) to ``NAME_LIMIT`` characters."""
    base = Path(name.replace("\\", "/")).name or "未命名文件"
    if len(base) <= NAME_LIMIT:
        return base
    suffix = Path(base).suffix[:10]
    return base[: NAME_LIMIT - len(suffix) - 1] + "…" + suffix


def store(request: HttpRequest | None, batch: Batch, files: list[Any], folder: str, start: int = 0) -> list[BatchFile]:
    """Save the uploaded files under short names (numbered from ``start``) and create their rows
    (not yet queued)."""
    target = Path(settings.MEDIA_ROOT) / folder / str(batch.pk)
    target.mkdir(parents=True, exist_ok=True)
    items = []
    for k, f in enumerate(files, start):
        path = target / f"{k:05d}{Path(f.name).suffix.lower()[:10]}"
        with path.open("wb") as out:
            for chunk in f.chunks():
                out.write(chunk)
        items.append(BatchFile(batch=batch, name=display_name(f.name), path=str(path)))
    return BatchFile.objects.bulk_create(items)


def _too_large(name: str, total: bool = False) -> str:
    if total:
        together = upload_limit.size_text(upload_limit.total_bytes())
        return f"文件 {name}：本次上传的文件合计超过 {together}，未上传（请分批上传）"
    return f"文件 {name}：超过 {upload_limit.size_text(upload_limit.limit_bytes())}，未上传（自评表文档通常不到 1 MB）"


def checked_files(request: HttpRequest) -> tuple[list[Any], list[str]]:
    """The uploaded files that may be read, and a line for each refused one (those over the size
    limit were stopped while they arrived: ``upload_limit``)."""
    files, refused = [], []
    received = request.FILES.getlist("files")
    refused += [_too_large(display_name(name), total) for name, total in upload_limit.too_large(request)]
    for f in received[:MAX_FILES]:
        name = display_name(f.name)
        if Path(name).suffix.lower() not in SUFFIXES:
            refused.append(f"文件 {name}：不支持的格式（可上传 .txt .docx .doc .xlsx .xls .pdf .html .json）")
        elif f.size > upload_limit.limit_bytes():
            refused.append(_too_large(name))
        else:
            files.append(f)
    if len(received) > MAX_FILES:
        refused.append(f"一次最多上传 {MAX_FILES} 个文件，其余文件未上传")
    return files, refused


def _own_unit(request: HttpRequest) -> bool:
    profile = access.profile_of(request.user)
    return profile is not None and profile.role == "unit"


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    from jixiao.web.evaluations.tasks import queue_files

    units = imports.units_for_import(request.user)
    if units is None:
        raise Http404
    if request.method != "POST":
        return render(request, "evaluations/upload.html", {})
    files, refused = checked_files(request)
    for line in refused:
        messages.error(request, line)
    if not files:
        return redirect("evaluations:upload")
    profile = access.profile_of(request.user)
    assert profile is not None
    batch = Batch.objects.create(organisation=profile.organisation, created_by=request.user, total=len(files),
                                 purpose="import")  # fmt: skip
    queue_files(store(request, batch, files, "imports"))
    return redirect("evaluations:upload_batch", pk=batch.pk)


def _batch(request: HttpRequest, pk: int) -> Batch:
    if imports.units_for_import(request.user) is None:
        raise Http404
    return get_object_or_404(Batch.objects.filter(purpose="import", created_by=request.user), pk=pk)


def _pending(batch: Batch) -> tuple[list[tuple[str, Evaluation, dict[str, Any]]], list[str]]:
    """Every table the batch's files gave (file name, evaluation, the worker's review summary)
    and a line for each file or table not read."""
    found, failures = [], []
    for f in batch.files.order_by("pk"):
        if f.state == "failed" or (f.message and not f.result.get("tables")):
            failures.append(f.message if f.message.startswith("文件") else f"文件 {f.name}：{f.message}")
        found += [(f.name, Evaluation.model_validate(t["data"]), t) for t in f.result.get("tables", [])]
        failures += f.result.get("unread", [])
    return found, failures


@login_required
def upload_batch(request: HttpRequest, pk: int) -> HttpResponse:
    """The upload's progress (polled) and, when every file is read, the confirmation page."""
    batch = _batch(request, pk)
    recovery.recover(batch)
    batch.refresh_from_db()
    if batch.finished_at is None:
        if request.htmx:
            return render(request, "evaluations/_upload_progress.html", {"batch": batch})
        return render(request, "evaluations/upload_wait.html", {"batch": batch})
    if request.htmx:  # finished while the page was polling: load the confirmation page
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    units = imports.units_for_import(request.user)
    own = _own_unit(request)
    found, failures = _pending(batch)
    items, pool = [], imports.candidates(units)  # type: ignore[arg-type]
    for k, (name, ev, summary) in enumerate(found):  # reviewed by the worker: nothing re-scored here
        item = imports.pending_item(name, ev, pool, own)
        items.append({**item, "k": k, "ev": ev, "total": summary.get("computed"),
                      "findings": int(summary.get("errors", 0)) + int(summary.get("warnings", 0))})  # fmt: skip
    return render(request, "evaluations/upload_confirm.html", {
        "batch": batch, "found": items, "failures": failures, "own_unit": own, "units": list(units or []),
        "home": units.first() if own and units is not None else None,
    })  # fmt: skip


@login_required
@require_POST
def upload_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    units = imports.units_for_import(request.user)
    assert units is not None
    if batch.finished_at is None:
        messages.error(request, "文件仍在识别中，请稍候")
        return redirect("evaluations:upload_batch", pk=pk)
    if Batch.objects.filter(pk=pk, imported_at__isnull=True).update(imported_at=timezone.now()) == 0:
        messages.error(request, "这批文件已经导入过，未重复导入")
        return redirect("evaluations:list")
    own = _own_unit(request)
    found, _ = _pending(batch)
    chosen = {n for k in request.POST.getlist("take") if (n := params.small_int(k)) is not None}
    saved, refused, pool = 0, [], imports.candidates(units)
    for k, (name, ev, _) in enumerate(found):
        if k not in chosen:
            continue
        item = imports.pending_item(name, ev, pool, own)
        unit, why = imports.chosen_unit(request.POST, k, item, units, own)
        if unit is None:
            refused.append(why)
            continue
        workflow.create(request.user, unit, ev, action="上传导入")
        saved += 1
    for why in refused:
        messages.error(request, why)
    messages.success(request, f"已保存 {saved} 张自评表")
    return redirect("evaluations:list")
