"""Long downloads in the background: the whole list as Word takes seconds, so the request
only records what to build (the evaluations chosen by the filters, in reach of the user),
a huey worker builds it while the page shows how far it has got, and the file is then
offered to the user who asked for it (and nobody else)."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from jixiao.render.outputs import DEFAULT_NAMES, Target
from jixiao.web.evaluations.models import Export


def start(request: HttpRequest, kind: Target, record_ids: list[int]) -> HttpResponse:
    """Queue the build of ``kind`` for these evaluations and send the user to its progress page."""
    from jixiao.web.evaluations.tasks import build_export

    _forget_old(request)
    export = Export.objects.create(user=request.user, target=kind.value, name=DEFAULT_NAMES[kind],
                                   record_ids=record_ids, total=len(record_ids))  # fmt: skip
    build_export(export.pk)
    return redirect("evaluations:export", pk=export.pk)


def start_batch_findings(request: HttpRequest, batch: Any) -> HttpResponse:
    """Queue the workbook of a large batch's findings (``batchfindings``) and show its progress."""
    from jixiao.web.evaluations import batchfindings
    from jixiao.web.evaluations.tasks import build_batch_findings

    _forget_old(request)
    export = Export.objects.create(user=request.user, target=FINDINGS, name=batchfindings.name(batch),
                                   total=batch.tables)  # fmt: skip
    build_batch_findings(export.pk, batch.pk)
    return redirect("evaluations:export", pk=export.pk)


FINDINGS = "findings"  # an Export of a batch's findings (the other targets are render.outputs.Target)
KEEP = timedelta(days=1)


def _forget_old(request: HttpRequest) -> None:
    """A user's downloads older than ``KEEP`` are removed with their files (they can be rebuilt)."""
    for old in Export.objects.filter(user_id=request.user.pk, created_at__lt=timezone.now() - KEEP):
        shutil.rmtree(folder(old), ignore_errors=True)
        old.delete()


def folder(export: Export) -> Path:
    return Path(settings.MEDIA_ROOT) / "exports" / str(export.pk)


def _mine(request: HttpRequest, pk: int) -> Export:
    return get_object_or_404(Export.objects.filter(user_id=request.user.pk), pk=pk)


@login_required
def export_status(request: HttpRequest, pk: int) -> HttpResponse:
    export = _mine(request, pk)
    template = "evaluations/_export_progress.html" if request.htmx else "evaluations/export.html"
    return render(request, template, {"export": export})


@login_required
def export_file(request: HttpRequest, pk: int) -> HttpResponse:
    export = _mine(request, pk)
    if export.state != "done" or not export.path or not Path(export.path).is_file():
        raise Http404
    response = FileResponse(Path(export.path).open("rb"), content_type="application/octet-stream")  # noqa: SIM115
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(export.name)}"
    return response


def back_to_list(request: HttpRequest) -> HttpResponse:
    return redirect(f"{request.path.rsplit('download', 1)[0]}?{request.GET.urlencode()}")
