"""Background work: each uploaded document of a batch is read and reviewed by a huey worker
(``manage.py run_huey``), and the batch's counters move as files finish, so the page can
show progress while hundreds of documents go through."""

from __future__ import annotations

import logging
from pathlib import Path

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from huey.contrib.djhuey import db_task

from jixiao.ingest.batch import read_one
from jixiao.model.evaluation import Source
from jixiao.review import review_all
from jixiao.web.evaluations.models import Batch, BatchFile


def _own_name(text: str, item: BatchFile) -> str:
    """A message about the stored copy, naming the user's file instead (never a server path)."""
    stored = Path(item.path)
    return text.replace(str(stored), item.name).replace(str(stored.parent), "").replace(stored.name, item.name)


@db_task()
def review_file(file_id: int) -> None:
    item = BatchFile.objects.get(pk=file_id)
    tables: list[dict[str, object]] = []
    state, message, unread = "done", "", []
    try:
        outcome = read_one(Path(item.path))
        if outcome.error:
            state, message = "failed", _own_name(outcome.error, item)
        unread = [_own_name(text, item) for text in outcome.unread]
        named = [ev.model_copy(update={"source": (ev.source or Source()).model_copy(update={"file": item.name})})
                 for ev in outcome.evaluations]  # fmt: skip
        for r in review_all(named):
            ev = r.evaluation
            tables.append({
                "project": ev.project_name, "year": ev.year, "stated": None if ev.total_score_stated is None
                else str(ev.total_score_stated), "computed": None if ev.total_score is None else str(ev.total_score),
                "grade": ev.grade, "errors": r.count("error"), "warnings": r.count("warning"),
                "codes": sorted({f.code.value for f in r.findings}),
            })  # fmt: skip
        for table, ev in zip(tables, named, strict=True):
            table["data"] = ev.model_dump(mode="json")
        if not named and state == "done":
            message = "未找到可识别的自评表"
    except Exception as exc:  # one bad document must not stop the batch
        state, message = "failed", f"文件 {item.name}：处理出错（{type(exc).__name__}）"
    with transaction.atomic():
        BatchFile.objects.filter(pk=file_id).update(state=state, message=message,
                                                     result={"tables": tables, "unread": unread})  # fmt: skip
        errors = sum(int(t["errors"]) for t in tables)  # type: ignore[call-overload]
        warnings = sum(int(t["warnings"]) for t in tables)  # type: ignore[call-overload]
        Batch.objects.filter(pk=item.batch_id).update(
            done=F("done") + int(state == "done"), failed=F("failed") + int(state == "failed"),
            tables=F("tables") + len(tables), errors=F("errors") + errors, warnings=F("warnings") + warnings,
        )  # fmt: skip
        batch = Batch.objects.select_for_update().get(pk=item.batch_id)
        if batch.done + batch.failed >= batch.total and batch.finished_at is None:
            batch.finished_at = timezone.now()
            batch.save(update_fields=["finished_at"])


EXPORT_STEP = 10  # evaluations reviewed between two progress updates


@db_task()
def build_export(export_id: int) -> None:
    """Review the export's evaluations (the progress moving as they go), render the file, keep it."""
    from jixiao.render.outputs import Target
    from jixiao.render.outputs import render as render_output
    from jixiao.review import review
    from jixiao.web.evaluations import exports, workflow
    from jixiao.web.evaluations.models import Export, Record

    export = Export.objects.get(pk=export_id)
    Export.objects.filter(pk=export_id).update(state="running")
    try:
        records = Record.objects.in_bulk(export.record_ids)
        reviews = []
        for k, pk in enumerate(export.record_ids, 1):
            if pk in records:
                reviews.append(review(workflow.evaluation_of(records[pk])))
            if k % EXPORT_STEP == 0:
                Export.objects.filter(pk=export_id).update(done=k)
        Export.objects.filter(pk=export_id).update(done=export.total, message="正在生成文件…")
        data = render_output(reviews, Target(export.target), Path(export.name).suffix)
        target = exports.folder(export) / export.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except Exception as exc:  # the user is told; nothing else is affected
        message = f"生成失败（{type(exc).__name__}），请缩小筛选范围后重试"
        Export.objects.filter(pk=export_id).update(state="failed", finished_at=timezone.now(), message=message)
        logging.getLogger(__name__).exception("export %s failed", export_id)
        return
    Export.objects.filter(pk=export_id).update(state="done", path=str(target), message="", finished_at=timezone.now())
