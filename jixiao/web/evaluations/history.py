"""An evaluation's history in words: every event with its changes named as the table names
them, all of it (paged, never cut off silently), and any earlier version opened on its own
and compared with the current one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from jixiao.model.evaluation import Evaluation
from jixiao.review import Review, review
from jixiao.web.evaluations import access, labels, workflow
from jixiao.web.evaluations.models import Event, Record

LATEST = 50
PAGE = 100


@dataclass(frozen=True)
class Entry:
    event: Event
    changes: list[labels.Change]


def _entries(events: Any, names: dict[str, Any]) -> list[Entry]:
    return [Entry(e, labels.describe(e.changes, names)) for e in events]


def latest(record: Record) -> tuple[list[Entry], int]:
    """The newest ``LATEST`` events for the evaluation page, and how many there are in all."""
    events = record.events.defer("snapshot").select_related("user")
    total = events.count()
    return _entries(events[:LATEST], record.data), total


def _record(request: HttpRequest, pk: int) -> Record:
    return get_object_or_404(access.visible(request.user), pk=pk)


@login_required
def history_page(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record(request, pk)
    page = Paginator(record.events.defer("snapshot").select_related("user"), PAGE).get_page(request.GET.get("page"))
    return render(request, "evaluations/history.html", {
        "record": record, "page": page, "entries": _entries(page.object_list, record.data),
    })  # fmt: skip


def rows_with_findings(r: Review) -> list[dict[str, Any]]:
    """Each indicator row with the review's findings about it (what the table templates show)."""
    by_row: dict[int, list[Any]] = {}
    for f in r.findings:
        if f.row is not None:
            by_row.setdefault(f.row, []).append(f)
    return [{"ind": ind, "k": k, "findings": by_row.get(k, [])} for k, ind in enumerate(r.evaluation.indicators, 1)]


@login_required
def version_page(request: HttpRequest, pk: int, version: int) -> HttpResponse:
    """Version ``version`` as it stood, and what changed from it to the current version."""
    record = _record(request, pk)
    event = record.events.filter(version=version).select_related("user").order_by("-at", "-pk").first()
    if event is None:
        raise Http404
    then = Evaluation.model_validate(event.snapshot)
    r = review(then)
    diff = labels.describe(workflow.changes(event.snapshot, record.data), record.data)
    versions = sorted(set(record.events.values_list("version", flat=True)))
    return render(request, "evaluations/version.html", {
        "record": record, "event": event, "ev": r.evaluation, "review": r, "rows": rows_with_findings(r),
        "general": [f for f in r.findings if f.row is None], "diff": diff, "versions": versions,
    })  # fmt: skip
