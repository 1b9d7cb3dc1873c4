"""Files whose worker died: re-queued once, then failed with a reason — never stuck at 0/1.

huey takes a task off the queue before running it, so a worker killed mid-task (the machine's
OOM killer, a deploy) loses it.  The file stays ``running`` with its ``started_at``; once that is
older than a reading could take (``stale_after``) the file is put back on the queue if it has
been tried once, and marked failed after the second attempt.
Pages showing a batch's progress call ``recover`` each time they are polled; without a page open,
each huey worker calls ``recover_all`` when it starts (a worker replaced after a crash, a
restarted consumer) and the consumer's scheduler every minute (``tasks.recover_lost``)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from jixiao.web.evaluations import pool, reader
from jixiao.web.evaluations.models import Batch, BatchFile

MARGIN = timedelta(seconds=30)
ATTEMPTS = 2


def stale_after() -> timedelta:
    """Longer than a file can be read: the pool's worst case for a job of the reading's CPU
    seconds (``pool.worst_case``: two servers, each waited for to the end), and a margin for
    storing what was read."""
    return timedelta(seconds=pool.worst_case(reader.seconds())) + MARGIN


def recover(batch: Batch) -> int:
    """Re-queue or fail this batch's lost files; how many were found."""
    from jixiao.web.evaluations.tasks import finish, review_file

    if batch.finished_at is not None:
        return 0
    cutoff = timezone.now() - stale_after()
    lost = list(BatchFile.objects.filter(batch=batch, state="running", started_at__lt=cutoff))
    for item in lost:
        if item.attempts < ATTEMPTS:
            claimed = BatchFile.objects.filter(pk=item.pk, state="running", started_at=item.started_at)
            if claimed.update(state="waiting", started_at=timezone.now()):  # one poller re-queues it, not several
                review_file(item.pk)
        else:
            message = f"文件 {item.name}：处理进程意外终止，已重试一次仍未完成，未能读取"
            finish(item, "failed", message, [], [])
    return len(lost)


def recover_all() -> int:
    """``recover`` for every unfinished batch (few: those in progress), and files left waiting
    with nothing on the queue (``requeue_waiting``); how many files were found."""
    found = sum(recover(batch) for batch in Batch.objects.filter(finished_at__isnull=True).order_by("pk"))
    return found + requeue_waiting()


def requeue_waiting() -> int:
    """Files of unfinished batches uploaded longer ago than ``stale_after`` that still wait while
    the queue is empty: their task was lost without a worker dying (the queue's store reset, a
    request that failed between storing the files and queueing them).  Each is queued again, at
    most once per ``stale_after`` (its ``started_at`` marks the claim, so two workers starting at
    once queue it once).  A task taken off the queue an instant before would read the file twice,
    and count it once (``tasks.finish``)."""
    from huey.contrib.djhuey import HUEY

    from jixiao.web.evaluations.tasks import review_file

    if HUEY.pending_count():
        return 0
    now = timezone.now()
    cutoff = now - stale_after()
    waiting = BatchFile.objects.filter(batch__finished_at__isnull=True, batch__created_at__lt=cutoff, state="waiting")
    found = 0
    for pk, started in waiting.filter(Q(started_at__isnull=True) | Q(started_at__lt=cutoff)).values_list(
            "pk", "started_at"):  # fmt: skip
        claim = BatchFile.objects.filter(pk=pk, state="waiting")
        claim = claim.filter(started_at__isnull=True) if started is None else claim.filter(started_at=started)
        if claim.update(started_at=now):
            review_file(pk)
            found += 1
    return found
