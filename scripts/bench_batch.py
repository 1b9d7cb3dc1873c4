"""Benchmark: a batch of N uploaded documents through the web's background workers.

Run by ``make bench`` (10,000 documents on SQLite, then on PostgreSQL through
``scripts/with_postgres.py``).  N distinct one-table text documents are generated
(``scripts/gen_tables.py``: names and figures differ, no cache can serve one from another),
stored as a review batch the way the upload view stores them (``uploads.store``) and queued
(``tasks.queue_files``: one ``review_file`` task per file); then ``manage.py run_huey`` works through them.
Printed as it goes: files done, documents/s, and the resident memory of the consumer and of each
warm reader server; at the end documents/s, tables/s, the peak resident memory (VmHWM) of the
consumer and of every reader server, the largest peak of a per-file reader child, and the
consumer's memory at a tenth of the batch and at its end (flat memory: about equal).

    python scripts/bench_batch.py --count 10000 [--workers 2]
    python scripts/with_postgres.py -- python scripts/bench_batch.py --count 10000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))


def _setup(count: int, docs: Path) -> int:
    """Migrate, create a finance user, store and queue ``count`` generated documents: the batch id."""
    import django

    django.setup()
    import gen_tables
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from jixiao.web.evaluations import uploads
    from jixiao.web.evaluations.models import Batch
    from jixiao.web.evaluations.tasks import queue_files
    from jixiao.web.orgs.models import Organisation, Profile, Role

    call_command("migrate", verbosity=0)
    finance = Organisation.objects.create(name="基准财政局", kind="finance")
    user = get_user_model().objects.create_user("bench", password="bench-password-2026")
    Profile.objects.create(user=user, organisation=finance, role=Role.FINANCE)
    files = gen_tables.generate(docs, count, per_file=1, seed=16)
    batch = Batch.objects.create(organisation=finance, created_by=user, total=len(files))
    t0 = time.perf_counter()
    for start in range(0, len(files), 1000):  # as the upload view does, 1,000 files a request
        part = [SimpleUploadedFile(p.name, p.read_bytes()) for p in files[start : start + 1000]]
        queue_files(uploads.store(None, batch, part, "batches", start=start))
    print(f"  {len(files):,} 个文档已存储并排队（{time.perf_counter() - t0:.1f} s）", flush=True)
    return batch.pk


def _status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (KiB) of a live process."""
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0])
    except OSError:
        pass
    return out


def _servers(consumer: int) -> list[int]:
    """The consumer's reader servers (its child processes running the forkserver)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == consumer and b"forkserver" in cmdline:
                found.append(int(entry.name))
    return found


class Watch:
    """Peak memory of the consumer and of every reader server seen, and the consumer's RSS by progress."""

    def __init__(self, consumer: int) -> None:
        self.consumer = consumer
        self.hwm: dict[int, int] = {}
        self.by_progress: list[tuple[int, int]] = []

    def cpu(self) -> tuple[float, float]:
        """CPU seconds of the consumer itself, and of its reader servers with their children (the
        servers already replaced are in the consumer's reaped-children times)."""
        ticks = os.sysconf("SC_CLK_TCK")
        own, readers = 0.0, 0.0
        for pid in [self.consumer, *_servers(self.consumer)]:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            user, system, cuser, csystem = (int(x) / ticks for x in fields[11:15])
            if pid == self.consumer:
                own, readers = user + system, readers + cuser + csystem
            else:
                readers += user + system + cuser + csystem
        return own, readers

    def sample(self, done: int) -> tuple[int, list[int]]:
        rss = _status(self.consumer)
        for pid in [self.consumer, *_servers(self.consumer)]:
            status = _status(pid)
            if status:
                self.hwm[pid] = max(self.hwm.get(pid, 0), status.get("VmHWM", 0))
        self.by_progress.append((done, rss.get("VmRSS", 0)))
        return rss.get("VmRSS", 0), [_status(p).get("VmRSS", 0) for p in _servers(self.consumer)]


def _run(batch_id: int, workers: int, limit: float) -> None:
    from django.db import connection

    from jixiao.web.evaluations.models import Batch, BatchFile

    connection.close()
    consumer = subprocess.Popen([sys.executable, str(ROOT / "manage.py"), "run_huey", "--workers", str(workers),
                                 "--quiet"], env=os.environ.copy(), stdout=subprocess.DEVNULL)  # fmt: skip
    from django.utils import timezone

    watch, t0, last, started = Watch(consumer.pid), time.perf_counter(), 0.0, timezone.now()
    try:
        while True:
            batch = Batch.objects.get(pk=batch_id)
            done = batch.done + batch.failed
            took = time.perf_counter() - t0
            rss, servers = watch.sample(done)
            if took - last >= 10 or batch.finished_at is not None:
                last = took
                print(f"  进度 {done:,}/{batch.total:,}  {took:6.1f} s  {done / took:6.1f} 个文档/秒  "
                      f"工作进程 {rss >> 10} MB  读取服务进程 {' '.join(f'{s >> 10} MB' for s in servers)}",
                      flush=True)  # fmt: skip
            if batch.finished_at is not None or took > limit:
                break
            time.sleep(0.5)
        cpu = watch.cpu()
        print(f"  处理器时间：工作进程本身 {cpu[0]:.1f} s，读取服务进程及其子进程 {cpu[1]:.1f} s", flush=True)
    finally:
        consumer.send_signal(2)  # SIGINT: huey finishes its tasks and exits, its servers reaped
        try:
            _, _, usage = os.wait4(consumer.pid, 0)
        except ChildProcessError:
            usage = None
        consumer.returncode = 0
    took = (batch.finished_at - started).total_seconds() if batch.finished_at else took
    peaks = BatchFile.objects.filter(batch_id=batch_id).values_list("result__peak_mb", flat=True)
    child_peak = max((int(p) for p in peaks.iterator() if p is not None), default=0)
    _report(batch, took, watch, child_peak, usage, workers)
    _page(batch)


def _page(batch: Any) -> None:
    """The batch's progress page as its poll asks for it, first and a middle page (median of 5)."""
    import statistics

    from django.contrib.auth import get_user_model
    from django.test import Client

    c = Client()
    c.force_login(get_user_model().objects.get(username="bench"))
    times = []
    for page in (1, max(1, batch.total // 200)) * 5:
        t0 = time.perf_counter()
        assert c.get(f"/evaluations/batch/{batch.pk}/?page={page}", HTTP_HX_REQUEST="true").status_code == 200
        times.append((time.perf_counter() - t0) * 1000)
    print(f"  批量页面（{batch.total:,} 个文件，每页 100 个）每次刷新中位数 {statistics.median(times):.0f} ms")


def _report(batch: Any, took: float, watch: Watch, child_peak: Any, usage: Any, workers: int) -> None:
    done = batch.done + batch.failed
    print(f"  批量复核 {done:,}/{batch.total:,} 个文档（失败 {batch.failed}），{batch.tables:,} 张表，{took:.1f} s："
          f"{done / took:.1f} 个文档/秒，{batch.tables / took:.1f} 张表/秒（huey {workers} 个工作线程）")  # fmt: skip
    servers = sorted((pid, kb) for pid, kb in watch.hwm.items() if pid != watch.consumer)
    print(f"  内存峰值：工作进程 {watch.hwm.get(watch.consumer, 0) >> 10} MB；读取服务进程 "
          f"{'、'.join(f'{kb >> 10} MB' for _, kb in servers) or '—'}（共 {len(servers)} 个）；"
          f"单个文件的读取子进程最高 {child_peak} MB"
          + (f"；wait4 所报工作进程及已回收子进程中最大者 {usage.ru_maxrss >> 10} MB" if usage else ""))  # fmt: skip
    points = [(n, rss) for n, rss in watch.by_progress if rss]
    early = next((rss for n, rss in points if n >= batch.total / 10), None)
    if early is not None:
        print(f"  工作进程内存：完成 10% 时 {early >> 10} MB，全部完成时 {points[-1][1] >> 10} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description="Web 批量复核基准：N 个上传文档经后台工作进程")
    parser.add_argument("--count", type=int, default=10_000, help="文档数（默认 10000，每个文档一张表）")
    parser.add_argument("--workers", type=int, default=2, help="huey 工作线程数（默认 2）")
    parser.add_argument("--limit", type=float, default=3600, help="最长等待秒数")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="jixiao-bench-batch-"))
    os.environ |= {"JIXIAO_DATA": str(tmp), "DJANGO_SETTINGS_MODULE": "jixiao.web.settings", "JIXIAO_DEBUG": "0"}
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"Web 批量复核基准：{args.count:,} 个文档，数据库 {engine}，"
          f"负载 {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)  # fmt: skip
    batch_id = _setup(args.count, tmp / "docs")
    _run(batch_id, args.workers, args.limit)


if __name__ == "__main__":
    main()
