"""Background work: each uploaded document of a batch (for review, or for import) is read and
reviewed by a huey worker (``manage.py run_huey``) in a limited child process (``reader``), and
the batch's counters move as files finish, so the page can show progress while hundreds of
documents go through.  A task lost with its worker is found and re-queued by ``recovery``: when a
page of its batch is polled, when a worker starts and every minute (``recover_lost``)."""

from __future__ import annotations

import logging
from pathlib import Path

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import close_db, db_periodic_task, db_task, on_startup

from jixiao.web.evaluations import reader, recovery
from jixiao.web.evaluations.models import Batch, BatchFile


@db_task(retries=1, retry_delay=2)
def review_file(file_id: int) -> None:
    """Read and review one file of a batch in a limited child process (``reader``), then move
    the batch's counters.  Retried once if the worker itself fails; a file already finished is
    left alone, so a retry never counts it twice."""
    item = BatchFile.objects.defer("result").get(pk=file_id)
    if item.state in ("done", "failed"):
        return
    BatchFile.objects.filter(pk=file_id).update(state="running", attempts=F("attempts") + 1, started_at=timezone.now())
    outcome = reader.read_limited(Path(item.path), item.name)
    finish(item, outcome.state, outcome.message, outcome.tables, outcome.unread, outcome.peak_mb)


@db_periodic_task(crontab(minute="*"), priority=100, expires=120)
def recover_lost() -> None:
    """Every minute: files whose worker died are re-queued or failed, whether or not anyone has
    their batch's page open (``recovery``).  Ahead of a batch's backlog (priority), and dropped
    rather than piled up if no worker took it within two minutes."""
    recovery.recover_all()


@on_startup()
@close_db
def recover_at_start() -> None:
    """When a worker starts (the consumer restarted, or a dead worker replaced): the same."""
    recovery.recover_all()


def queue_files(items: list[BatchFile]) -> None:
    """Put every file of an upload on the queue at once (one transaction on the SQLite queue)."""
    from huey.contrib.djhuey import HUEY

    from jixiao.web.queue import enqueue_all

    enqueue_all(HUEY, [review_file.s(item.pk) for item in items])


def finish(item: BatchFile, state: str, message: str, tables: list[dict[str, object]], unread: list[str],
           peak_mb: int = 0) -> None:  # fmt: skip
    """Record one file's outcome (with the reading child's peak memory) and count it in its
    batch, once."""
    file_id = item.pk
    result = {"tables": tables, "unread": unread, "peak_mb": peak_mb}
    with transaction.atomic():
        first = BatchFile.objects.filter(pk=file_id).exclude(state__in=("done", "failed")).update(
            state=state, message=message, result=result, tables=len(tables), unread=len(unread))  # fmt: skip
        if not first:
            return  # finished meanwhile (a retry, or the recovery of a lost task): counted once
        errors = sum(int(t["errors"]) for t in tables)  # type: ignore[call-overload]
        warnings = sum(int(t["warnings"]) for t in tables)  # type: ignore[call-overload]
        Batch.objects.filter(pk=item.batch_id).update(
            done=F("done") + int(state == "done"), failed=F("failed") + int(state == "failed"),
            tables=F("tables") + len(tables), errors=F("errors") + errors, warnings=F("warnings") + warnings,
        )  # fmt: skip
        # the last file finishes the batch: one conditional statement, not a locked read per file
        Batch.objects.filter(pk=item.batch_id, finished_at__isnull=True, total__lte=F("done") + F("failed")).update(
            finished_at=timezone.now())  # fmt: skip


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


@db_task()
def build_batch_findings(export_id: int, batch_id: int) -> None:
    """A large batch's findings workbook (``batchfindings``), the progress moving as tables are reviewed."""
    from jixiao.web.evaluations import batchfindings, exports
    from jixiao.web.evaluations.models import Export

    export = Export.objects.get(pk=export_id)
    Export.objects.filter(pk=export_id).update(state="running")
    target = exports.folder(export) / export.name
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        batch = Batch.objects.get(pk=batch_id)
        batchfindings.write(target, batch, lambda n: Export.objects.filter(pk=export_id).update(done=n))
    except Exception as exc:  # the user is told; nothing else is affected
        message = f"生成失败（{type(exc).__name__}），请稍后重试"
        Export.objects.filter(pk=export_id).update(state="failed", finished_at=timezone.now(), message=message)
        logging.getLogger(__name__).exception("batch findings %s failed", export_id)
        return
    Export.objects.filter(pk=export_id).update(state="done", path=str(target), done=export.total, message="",
                                               finished_at=timezone.now())  # fmt: skip
