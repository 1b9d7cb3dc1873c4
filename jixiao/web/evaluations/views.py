"""Views for units, departments and finance bureaus: thin over the core (ingest, review,
render) and the workflow; every object is fetched through ``access.visible``."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from jixiao.model.evaluation import Evaluation
from jixiao.render import charts
from jixiao.render.outputs import DEFAULT_NAMES, Target
from jixiao.render.outputs import render as render_output
from jixiao.review import review
from jixiao.web.evaluations import access, amounts, dbretry, forms, history, labels, params, sheet, uploads, workflow
from jixiao.web.evaluations.listorder import ListOrder, summarise
from jixiao.web.evaluations.models import Record, Status
from jixiao.web.orgs.models import Organisation

PAGE = 50
UPLOAD_SUFFIXES = {".txt", ".docx", ".doc", ".xlsx", ".xls", ".xlsm", ".pdf", ".html", ".htm", ".json"}


def _filtered(request: HttpRequest) -> tuple[Any, dict[str, str]]:
    records, chosen = filtered(request.user, request.GET)
    for notice in chosen.pop("notices", "").split("\n"):
        if notice:
            messages.warning(request, notice)
    return records, chosen


def filtered(user: Any, query: Any) -> tuple[Any, dict[str, str]]:
    """The evaluations in reach that the list's filters choose.  Without a year the list shows
    the current evaluation year (``current_year``); ``year=all`` shows every year.  The
    finding filter takes a code or any part of a finding's Chinese title.  A parameter that is
    not what it should be (``year=²``) is ignored and named in ``chosen["notices"]``."""
    records = access.visible(user)
    chosen = {k: query.get(k, "").strip() for k in ("year", "org", "status", "grade", "code")}
    if "year" not in query:
        chosen["year"] = str(current_year(user))
    notices = []
    year, org_id = params.year(chosen["year"]), params.small_int(chosen["org"])
    if chosen["year"] not in ("", "all") and year is None:
        notices.append(f"年度“{chosen['year'][:20]}”不是四位数年份，已忽略")
        chosen["year"] = ""
    if year is not None:
        records = records.filter(year=year)
    if chosen["org"] and org_id is None:
        notices.append("单位参数无效，已忽略")
        chosen["org"] = ""
    chosen["notices"] = "\n".join(notices)
    if org_id is not None:
        org = Organisation.objects.filter(pk=org_id).first()
        records = records.filter(organisation_id__in=org.subtree_ids()) if org else records.none()
    if chosen["status"] in Status.values:
        records = records.filter(status=chosen["status"])
    if chosen["grade"]:
        records = records.filter(grade=chosen["grade"])
    if chosen["code"]:
        wanted = Q(pk__in=[])
        for code in labels.codes_matching(chosen["code"]):
            wanted |= Q(codes__contains=[code]) if _json_contains() else Q(codes__icontains=f'"{code}"')
        records = records.filter(wanted)
    return records, chosen


def current_year(user: Any) -> int:
    """The current evaluation year: the latest year of the evaluations in reach (last
    calendar year when there are none yet, the year a new table is filled in for)."""
    years = years_in_reach(user)
    return years[0] if years else timezone.now().year - 1


def _json_contains() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def _png(fig_png: bytes) -> str:
    return base64.b64encode(fig_png).decode()


@login_required
def record_list(request: HttpRequest) -> HttpResponse:
    records, chosen = _filtered(request)
    stats, grades, segments = summarise(records)
    page = _page(records, request.GET.get("page"), segments)
    images: dict[str, str] = {}
    if request.GET.get("charts") == "1" and stats["n"]:
        rows = list(records.values_list("adjusted_budget", "executed", "computed_total")[:5000])
        points = [(e / a, s) for a, e, s in rows if a and e is not None and s is not None]
        if points:
            label = "计算得分（jixiao 按规则集重算）"
            images["预算执行率与计算得分"] = _png(
                charts.to_png(charts.execution_vs_score(points, title="预算执行率与计算得分", score_label=label))
            )
            images["计算得分分布"] = _png(
                charts.to_png(charts.score_histogram([s for _, s in points], title="计算得分分布", score_label=label))
            )
    rate = stats["executed"] / stats["adjusted"] if stats["adjusted"] else None
    # one index probe per organisation rather than a join over every evaluation in reach
    in_reach = access.visible(request.user).filter(organisation=OuterRef("pk"))
    orgs = Organisation.objects.filter(Exists(in_reach)).order_by("name")
    return render(request, "evaluations/list.html", {
        "page": page, "stats": stats, "rate": rate, "grades": grades, "chosen": chosen,
        "statuses": [c for c in Status.choices if c[0] != Status.DELETED],
        "org_options": _options(orgs, chosen["org"]), "images": images,
        "can_create": access.units_for(request.user).exists(),
        "query": _query(chosen), "years": years_in_reach(request.user),
        "code_choices": labels.code_choices(),
    })  # fmt: skip


def _page(records: Any, number: str | None, segments: list[tuple[int, int, int]]) -> Any:
    """One page of the list in two steps: the page's ids in the list's order, read segment
    by segment (``listorder``), then those 50 rows — sorting whole rows read from the
    table took most of the page's time at 20,000 evaluations."""
    page = Paginator(ListOrder(records, segments), PAGE).get_page(number)
    ids = list(page.object_list)
    rows = records.filter(pk__in=ids).only("pk", "year", "project_name", "status", "organisation__name",
                                           "stated_total", "computed_total", "grade", "errors", "warnings")  # fmt: skip
    by_pk = {r.pk: r for r in rows}
    page.object_list = [by_pk[pk] for pk in ids if pk in by_pk]
    return page


def _query(chosen: dict[str, str]) -> str:
    """The filters as a query string (the year always named, so links keep it)."""
    from urllib.parse import urlencode

    return urlencode({k: v for k, v in chosen.items() if (v or k == "year") and k != "notices"})


def years_in_reach(user: Any) -> list[int]:
    """The years of the evaluations in reach, newest first (asked once per request).  Found
    one year at a time, each the newest below the last (a walk down the year index that stops
    at the first row in reach): a DISTINCT over every evaluation read all 200,000 rows."""
    cached = getattr(user, "_jixiao_years", None)
    if cached is None:
        records, cached = access.visible(user).order_by("-year").values_list("year", flat=True), []
        while (year := records.filter(year__lt=cached[-1]).first() if cached else records.first()) is not None:
            cached.append(year)
        user._jixiao_years = cached
    return cached


def _options(orgs: Any, chosen: str) -> SafeString:
    """The unit filter's options, built here: a finance bureau has hundreds of units."""
    return format_html_join("", '<option value="{}"{}>{}</option>',
                            ((o.pk, mark_safe(" selected") if str(o.pk) == chosen else "", o.name)
                             for o in orgs.only("pk", "name")))  # fmt: skip


def _record(request: HttpRequest, pk: int) -> Record:
    return get_object_or_404(access.visible(request.user), pk=pk)


_rows_with_findings = history.rows_with_findings


@login_required
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record(request, pk)
    return render(request, "evaluations/detail.html", detail_context(request, record))


def detail_context(request: HttpRequest, record: Record) -> dict[str, Any]:
    """What the evaluation page shows this user (the reviewers' row inputs included)."""
    r = review(workflow.evaluation_of(record))
    events, shown = history.latest(record)
    return {
        "record": record, "ev": amounts.in_wan(r.evaluation), "review": r, "rows": _rows_with_findings(r),
        "general": [f for f in r.findings if f.row is None], "events": events, "events_total": shown,
        "steps": workflow.available(request.user, record), "can_edit": access.can_edit(request.user, record),
        "targets": [(t.value, DEFAULT_NAMES[t]) for t in Target],
        "reviewing": workflow.can_annotate(request.user, record),
        "can_delete": access.can_edit(request.user, record) and record.status == Status.DRAFT,
    }  # fmt: skip


def _form_context(record: Record, ev: Evaluation, errors: dict[str, str], version: int,
                  post: Any = None) -> dict[str, Any]:  # fmt: skip
    r = review(ev)
    blank = {"key": "__key__", "orig": "", "err": {}}
    rows = _rows_with_findings(r)
    return {"record": record, "ev": amounts.in_wan(r.evaluation), "review": r, "rows": rows,
            "errors": errors, "version": version, "general": [f for f in r.findings if f.row is None],
            "form": sheet.view(ev, post, errors), "blank_goal": blank, "blank_source": blank,
            "returns": workflow.return_comments(record),
            "row_comments": [row for row in rows if row["ind"].review_comment]}  # fmt: skip


def _version(request: HttpRequest) -> int | None:
    return params.small_int(request.POST.get("version"))


@login_required
def record_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record(request, pk)
    if not access.can_edit(request.user, record):
        messages.error(request, "此自评表当前不能修改")
        return redirect("evaluations:detail", pk=pk)
    if request.method != "POST":
        return render(request, "evaluations/edit.html", _form_context(record, workflow.evaluation_of(record), {},
                                                                      record.version))  # fmt: skip
    ev, errors = sheet.parse(request.POST, workflow.evaluation_of(record))
    version = _version(request)
    if version is None:
        errors["version"] = "页面缺少版本号，请刷新后重试"
    if not errors and version is not None:
        try:
            record = workflow.save(request.user, record.pk, ev, version)
        except workflow.WorkflowError as exc:
            errors = {"__all__": str(exc)}
        except dbretry.Busy as exc:
            errors = {"__busy__": str(exc)}
        else:
            if request.htmx:  # autosave: tell the page its new version
                return render(request, "evaluations/_saved.html", {"record": record, "at": timezone.now(),
                                                                   "changed": record.version != version})  # fmt: skip
            messages.success(request, f"已保存（第 {record.version} 版）")
            return redirect("evaluations:detail", pk=pk)
    status = 409 if "__all__" in errors else 503 if "__busy__" in errors else 400
    if request.htmx:
        return render(request, "evaluations/_saved.html", {"record": record, "errors": errors, "at": timezone.now()},
                      status=status)  # fmt: skip
    context = _form_context(record, ev, errors, version or record.version, request.POST)
    return render(request, "evaluations/edit.html", context, status=status)


@login_required
@require_POST
def record_score(request: HttpRequest, pk: int) -> HttpResponse:
    """Live scoring (HTMX): the form as typed, re-scored and checked, nothing saved."""
    record = _record(request, pk)
    ev, errors = sheet.parse(request.POST, workflow.evaluation_of(record))
    return render(request, "evaluations/_score.html", _form_context(record, ev, errors, record.version))


@login_required
def row_template(request: HttpRequest) -> HttpResponse:
    """One empty indicator row for the form (HTMX 'add row')."""
    key = str(int(timezone.now().timestamp() * 1000) % 10**9)
    return render(request, "evaluations/_row.html", {"row": {"key": key, "orig": "", "err": {}}})


@login_required
@require_POST
def record_new(request: HttpRequest) -> HttpResponse:
    unit = access.units_for(request.user).first()
    if unit is None:
        raise Http404
    department = unit.parent.name if unit.parent else ""
    record = workflow.create(request.user, unit, forms.blank(timezone.now().year - 1, unit.name, department))
    return redirect("evaluations:edit", pk=record.pk)


@login_required
@require_POST
def record_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """A new draft for the next year from this evaluation's goals and indicators."""
    record = _record(request, pk)
    unit = access.units_for(request.user).filter(pk=record.organisation_id).first()
    if unit is None:
        raise Http404
    copy = workflow.create(request.user, unit, forms.next_year(workflow.evaluation_of(record)),
                           action=f"由 {record.year} 年度复制")  # fmt: skip
    messages.success(request, f"已由 {record.year} 年度复制目标与指标，生成 {copy.year} 年度草稿")
    return redirect("evaluations:edit", pk=copy.pk)


@login_required
@require_POST
def record_advance(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    record = _record(request, pk)
    try:
        record = workflow.advance(request.user, record.pk, action, request.POST.get("comment", ""))
    except (workflow.WorkflowError, dbretry.Busy) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已{workflow.TRANSITIONS[action].label}，当前状态：{record.get_status_display()}")
    return redirect("evaluations:detail", pk=pk)


@login_required
def record_download(request: HttpRequest, pk: int, target: str) -> HttpResponse:
    record = _record(request, pk)
    try:
        kind = Target(target)
    except ValueError:
        raise Http404 from None
    name = DEFAULT_NAMES[kind]
    data = render_output([review(workflow.evaluation_of(record))], kind, Path(name).suffix)
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'{record.project_name}-{name}')}"
    return response


def _reviewer_org(request: HttpRequest) -> Organisation:
    profile = access.profile_of(request.user)
    if profile is None or profile.role not in ("department", "finance", "admin"):
        raise Http404
    return profile.organisation


@login_required
def batch_new(request: HttpRequest) -> HttpResponse:
    """Finance and department reviewers: upload a folder's worth of documents for review."""

    from jixiao.web.evaluations.models import Batch
    from jixiao.web.evaluations.tasks import queue_files

    org = _reviewer_org(request)
    if request.method != "POST":
        return render(request, "evaluations/batch_new.html", {"batches": Batch.objects.filter(organisation=org)[:20]})
    files, refused = uploads.checked_files(request)  # stored under short names, sizes limited
    for line in refused:
        messages.error(request, line)
    if not files:
        messages.error(request, "请选择要复核的文档（.txt .docx .doc .xlsx .xls .pdf .html .json）")
        return redirect("evaluations:batch_new")
    batch = Batch.objects.create(organisation=org, created_by=request.user, total=len(files))
    queue_files(uploads.store(request, batch, files, "batches"))
    return redirect("evaluations:batch", pk=batch.pk)


def _batch(request: HttpRequest, pk: int) -> Any:
    from jixiao.web.evaluations.models import Batch

    org = _reviewer_org(request)
    return get_object_or_404(Batch.objects.filter(organisation_id__in=org.subtree_ids()), pk=pk)


BATCH_PAGE = 100  # files a page of a batch shows (a province's batch holds tens of thousands)
BATCH_PROBLEMS = 200  # files not read listed at the top; the rest are counted


@login_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The batch's progress and every file's result so far (polled while it runs: rows appear live)."""
    batch = _batch(request, pk)
    if uploads.recovery.recover(batch):  # files whose worker died: re-queued once, then failed
        batch.refresh_from_db()
    files = batch.files.order_by("pk")
    page = Paginator(files, BATCH_PAGE).get_page(params.small_int(request.GET.get("page")))
    shown = list(page.object_list)  # one page of rows with their results, however large the batch
    failed = files.filter(Q(state="failed") | Q(state="done", tables=0))  # both from the batch's state index
    not_read = list(failed.defer("result")[:BATCH_PROBLEMS])
    unread = [(f, text) for f in files.filter(unread__gt=0)[:BATCH_PROBLEMS] for text in f.result["unread"]]
    template = "evaluations/_batch_progress.html" if request.htmx else "evaluations/batch.html"
    more = max(0, failed.count() - len(not_read))
    return render(request, template, {"batch": batch, "files": shown, "page": page, "unread": unread,
                                      "not_read": not_read, "more_not_read": more})  # fmt: skip


@login_required
def batch_table(request: HttpRequest, pk: int, file_pk: int, n: int) -> HttpResponse:
    """One table of the batch as read, scored and checked."""
    batch = _batch(request, pk)
    item = get_object_or_404(batch.files, pk=file_pk)
    tables = item.result.get("tables", [])
    if not 1 <= n <= len(tables) or "data" not in tables[n - 1]:
        raise Http404
    r = review(Evaluation.model_validate(tables[n - 1]["data"]))
    return render(request, "evaluations/batch_table.html", {
        "batch": batch, "item": item, "n": n, "ev": r.evaluation, "review": r, "rows": _rows_with_findings(r),
        "general": [f for f in r.findings if f.row is None],
    })  # fmt: skip


@login_required
def batch_findings(request: HttpRequest, pk: int) -> HttpResponse:
    """Every finding of the batch in one workbook: built here for a small batch, in the background
    (``exports``, its progress shown) for a large one."""
    from jixiao.web.evaluations import batchfindings, exports

    batch = _batch(request, pk)
    if batch.tables > batchfindings.IN_REQUEST:
        return exports.start_batch_findings(request, batch)
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(batchfindings.in_memory(batch), content_type=kind)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(batchfindings.name(batch))}"
    return response


BATCH_DOWNLOAD_LIMIT = 5000


@login_required
def list_download(request: HttpRequest, target: str) -> HttpResponse:
    """The filtered list as one output — the summary (.xlsx), every standard table in one
    workbook or document, or one report — built in the background (``exports``); at most
    ``BATCH_DOWNLOAD_LIMIT`` evaluations."""
    from jixiao.web.evaluations import exports

    try:
        kind = Target(target)
    except ValueError:
        raise Http404 from None
    records, _ = _filtered(request)
    ids = list(records.values_list("pk", flat=True)[: BATCH_DOWNLOAD_LIMIT + 1])
    if not ids or len(ids) > BATCH_DOWNLOAD_LIMIT:
        messages.error(
            request, f"请先筛选：一次最多下载 {BATCH_DOWNLOAD_LIMIT} 张自评表" if ids else "没有可下载的自评表"
        )
        return exports.back_to_list(request)
    return exports.start(request, kind, ids)
