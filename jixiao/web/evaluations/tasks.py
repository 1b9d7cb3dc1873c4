"""Background work: each uploaded document of a batch is read and reviewed by a huey worker
(``manage.py run_huey``), and the batch's counters move as files finish, so the page can
show progress while hundreds of documents go through."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from huey.contrib.djhuey import db_task

from jixiao.ingest import IngestError, read
from jixiao.review import review_all
from jixiao.web.evaluations.models import Batch, BatchFile


@db_task()
def review_file(file_id: int) -> None:
    item = BatchFile.objects.get(pk=file_id)
    tables: list[dict[str, object]] = []
    state, message = "done", ""
    try:
        evaluations = read(Path(item.path))
        for r in review_all(evaluations):
            ev = r.evaluation
            tables.append({
                "project": ev.project_name, "year": ev.year, "stated": None if ev.total_score_stated is None
                else str(ev.total_score_stated), "computed": None if ev.total_score is None else str(ev.total_score),
                "grade": ev.grade, "errors": r.count("error"), "warnings": r.count("warning"),
                "codes": sorted({f.code.value for f in r.findings}),
            })  # fmt: skip
        if not evaluations:
            message = "未找到可识别的自评表"
    except IngestError as exc:
        state, message = "failed", str(exc)
    except Exception as exc:  # one bad document must not stop the batch
        state, message = "failed", f"文件 {item.name}：处理出错（{type(exc).__name__}）"
    with transaction.atomic():
        BatchFile.objects.filter(pk=file_id).update(state=state, message=message, result={"tables": tables})
        errors = sum(int(t["errors"]) for t in tables)  # type: ignore[call-overload]
        warnings = sum(int(t["warnings"]) for t in tables)  # type: ignore[call-overload]
        Batch.objects.filter(pk=item.batch_id).update(
            done=F("done") + (state == "done"), failed=F("failed") + (state == "failed"),
            tables=F("tables") + len(tables), errors=F("errors") + errors, warnings=F("warnings") + warnings,
        )  # fmt: skip
        batch = Batch.objects.select_for_update().get(pk=item.batch_id)
        if batch.done + batch.failed >= batch.total and batch.finished_at is None:
            batch.finished_at = timezone.now()
            batch.save(update_fields=["finished_at"])
