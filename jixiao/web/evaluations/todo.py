"""What needs me now (待办): the page each role opens on.

A unit sees the tables it has to fill in, those returned to it and those awaiting review
(still withdrawable); a department the tables to review; a finance bureau those to re-check
and to publish.  Departments and finance bureaus also see each unit's progress for the year
(应报 / 已填 / 已提交 / 已审核 / 已退回 / 已公开).  Everything is counted in the database over
the indexed columns, for the current evaluation year unless another is chosen."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from jixiao.web.evaluations import access, params
from jixiao.web.evaluations.models import Status
from jixiao.web.evaluations.views import current_year, years_in_reach
from jixiao.web.orgs.models import Organisation, Role

SHOWN = 10
S = Status
SUBMITTED_OR_LATER = (S.SUBMITTED, S.DEPT_APPROVED, S.FINANCE_APPROVED, S.PUBLISHED)
APPROVED_OR_LATER = (S.DEPT_APPROVED, S.FINANCE_APPROVED, S.PUBLISHED)

# (key, heading, status, what to do) per role, in the order shown
TASKS: dict[str, tuple[tuple[str, str, Status, str], ...]] = {
    Role.UNIT: (
        ("fill", "待填报", S.DRAFT, "填写完成后提交主管部门审核"),
        ("returned", "被退回，待修改", S.RETURNED, "按退回意见修改后重新提交"),
        ("waiting", "已提交，等待审核", S.SUBMITTED, "审核前可以撤回修改"),
    ),
    Role.DEPARTMENT: (
        ("review", "待审核", S.SUBMITTED, "审核通过或填写意见退回"),
        ("returned", "已退回，待单位修改", S.RETURNED, "等待单位重新提交"),
    ),
    Role.FINANCE: (
        ("review", "待财政复核", S.DEPT_APPROVED, "复核通过或填写意见退回"),
        ("publish", "待公开", S.FINANCE_APPROVED, "复核通过后公开"),
    ),
}
TASKS[Role.ADMIN] = TASKS[Role.DEPARTMENT][:1] + TASKS[Role.FINANCE]
PROGRESS = (("due", "应报"), ("filled", "已填"), ("submitted", "已提交"), ("approved", "已审核"),
            ("returned", "已退回"), ("published", "已公开"))  # fmt: skip


@dataclass
class Task:
    key: str
    heading: str
    hint: str
    count: int
    items: list[Any]
    link: str


@dataclass
class UnitProgress:
    name: str
    pk: int
    figures: dict[str, int] = field(default_factory=dict)


def progress_rows(rows: list[UnitProgress], year: int) -> SafeString:
    """The progress table's body, built here rather than in the template: a finance bureau has
    hundreds of units and the template engine would take most of the page's time."""
    link = reverse("evaluations:list")
    return format_html_join(
        "\n", "<tr><td><a href=\"{}?year={}&amp;org={}\">{}</a></td>{}</tr>",
        ((link, year, r.pk, r.name, format_html_join("", '<td class="n {}">{}</td>',
                                                      ((k, r.figures[k]) for k, _ in PROGRESS))) for r in rows),
    )  # fmt: skip


def _progress(records: Any, units: list[Organisation]) -> tuple[list[UnitProgress], dict[str, int]]:
    counts = {
        "due": Count("pk"), "filled": Count("pk", filter=Q(computed_total__isnull=False) | ~Q(status=S.DRAFT)),
        "submitted": Count("pk", filter=Q(status__in=SUBMITTED_OR_LATER)),
        "approved": Count("pk", filter=Q(status__in=APPROVED_OR_LATER)),
        "returned": Count("pk", filter=Q(status=S.RETURNED)), "published": Count("pk", filter=Q(status=S.PUBLISHED)),
    }  # fmt: skip
    grouped = records.order_by().values("organisation_id").annotate(**counts)
    by_unit = {row.pop("organisation_id"): row for row in grouped}
    known = {u.pk for u in units}
    # tables filed under a department or bureau itself are counted too, under its name
    units = units + list(Organisation.objects.filter(pk__in=set(by_unit) - known).order_by("name"))
    rows = [UnitProgress(u.name, u.pk, by_unit.get(u.pk, dict.fromkeys(counts, 0))) for u in units]
    totals = {key: sum(r.figures[key] for r in rows) for key in counts}
    return rows, totals


@login_required
def todo(request: HttpRequest) -> HttpResponse:
    profile = access.profile_of(request.user)
    records = access.visible(request.user)
    chosen = request.GET.get("year", "").strip()
    year = params.year(chosen) or current_year(request.user)
    in_year = records.filter(year=year)
    tasks = []
    for key, heading, status, hint in TASKS.get(profile.role if profile else "", ()):
        chosen_records = in_year.filter(status=status).order_by("-updated_at")
        link = reverse("evaluations:list") + "?" + urlencode({"year": year, "status": status.value})
        tasks.append(Task(key, heading, hint, chosen_records.count(),
                          list(chosen_records.only("pk", "project_name", "organisation__name", "updated_at")[:SHOWN]),
                          link))  # fmt: skip
    progress: list[UnitProgress] = []
    totals: dict[str, int] = {}
    if profile is not None and profile.role != Role.UNIT:
        reach = None if profile.role == Role.ADMIN else profile.organisation.subtree_ids()
        units = Organisation.objects.filter(kind=Organisation.Kind.UNIT).order_by("name")
        units = units if reach is None else units.filter(pk__in=reach)
        progress, totals = _progress(in_year, list(units))
    years = sorted({year, *years_in_reach(request.user)}, reverse=True)
    return render(request, "evaluations/todo.html", {
        "tasks": tasks, "year": year, "years": years, "progress": progress, "totals": totals,
        "progress_body": progress_rows(progress, year),
        "columns": PROGRESS, "role": profile.role if profile else None,
        "can_create": access.units_for(request.user).exists(),
    })  # fmt: skip
