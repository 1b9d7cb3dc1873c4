"""Published evaluations, readable without login, and their data as JSON and CSV (open data)."""

from __future__ import annotations

import csv
import json

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from jixiao.render.cells import csv_row
from jixiao.review import review
from jixiao.web.evaluations import amounts, params, workflow
from jixiao.web.evaluations.models import Record, Status

CSV_COLUMNS = (("id", "编号"), ("year", "年度"), ("organisation__name", "预算单位"), ("project_name", "项目名称"),
               ("adjusted_budget", "全年预算数（万元）"), ("executed", "全年执行数（万元）"),
               ("stated_total", "自评得分"), ("computed_total", "计算得分"), ("grade", "等次"))  # fmt: skip


def published():  # type: ignore[no-untyped-def]
    return Record.objects.filter(status=Status.PUBLISHED).select_related("organisation")


def public_list(request: HttpRequest) -> HttpResponse:
    records = published()
    typed = request.GET.get("year", "")
    year = params.year(typed)
    if year is not None:
        records = records.filter(year=year)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    notice = f"年度“{typed[:20]}”不是四位数年份，已显示全部年度" if typed and year is None else ""
    return render(request, "public/list.html", {"page": page, "notice": notice})


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(published(), pk=pk)
    r = review(workflow.evaluation_of(record))
    return render(request, "public/detail.html", {"record": record, "ev": amounts.in_wan(r.evaluation)})


def public_json(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(published(), pk=pk)
    scored = amounts.in_wan(review(workflow.evaluation_of(record)).evaluation)  # funds.unit says 万元
    data = scored.model_dump(mode="json", exclude={"provenance"})
    body = json.dumps({"id": record.pk, "organisation": record.organisation.name, "evaluation": data},
                      ensure_ascii=False, indent=1)  # fmt: skip
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def public_index_json(request: HttpRequest) -> JsonResponse:
    rows = [{k: (str(v) if v is not None and k in ("adjusted_budget", "executed", "stated_total", "computed_total")
                 else v) for k, v in row.items()}
            for row in published().values(*(c for c, _ in CSV_COLUMNS))]  # fmt: skip
    units = {"adjusted_budget": amounts.WAN, "executed": amounts.WAN}
    return JsonResponse({"count": len(rows), "units": units, "evaluations": rows},
                        json_dumps_params={"ensure_ascii": False})  # fmt: skip


def public_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = "attachment; filename=jixiao-published.csv"
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly with a BOM
    writer = csv.writer(response)
    writer.writerow(csv_row([label for _, label in CSV_COLUMNS]))
    for row in published().values_list(*(c for c, _ in CSV_COLUMNS)):
        writer.writerow(csv_row(["" if v is None else v for v in row]))  # no formula reaches a spreadsheet
    return response
