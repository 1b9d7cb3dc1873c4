"""Benchmark: the web application with N evaluations in the database.

Run with ``make bench``.  Builds a fresh SQLite database in a temporary folder (or uses
``DATABASE_URL``, e.g. the throwaway cluster of ``scripts/with_postgres.py``), loads N
evaluations (``--count``, default 20,000: seed-004-like tables spread over 200 units), starts
the server (``manage.py runserver --noreload``, one process) and requests the list, a filtered
list, the 待办 page and evaluation pages as a finance user, reporting the 50th and 95th
percentile.  Then 500 text documents are reviewed by the huey worker (``run_huey``) and the
rate printed (``--no-batch``: the pages only).

    python scripts/with_postgres.py -- python scripts/bench_web.py --count 200000 --no-batch

On PostgreSQL the rows are loaded with COPY (200,000 in well under a minute of database time),
elsewhere with ``bulk_create``; the tables are ANALYZEd afterwards, as autovacuum would.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _setup(count: int) -> tuple[str, list[int]]:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from jixiao import ingest
    from jixiao.web.evaluations import workflow
    from jixiao.web.evaluations.models import Record
    from jixiao.web.orgs.models import Organisation, Profile, Role

    call_command("migrate", verbosity=0)
    finance = Organisation.objects.create(name="基准财政局", kind="finance")
    depts = [Organisation.objects.create(name=f"基准部门{d}", kind="department", parent=finance) for d in range(20)]
    units = [Organisation.objects.create(name=f"基准单位{u}", kind="unit", parent=depts[u % 20]) for u in range(200)]
    tables = ingest.read(next(SEEDS.glob("004_*.txt")))
    template = [workflow.create(None, units[0], ev) for ev in tables]
    rng = random.Random(7)
    batch = []
    for k in range(count - len(template)):
        t = rng.choice(template)
        batch.append(Record(organisation=units[k % 200], year=2019 + k % 4, project_name=f"{t.project_name}-{k}",
                            status=rng.choice(["draft", "submitted", "published"]), data=t.data, rule_set=t.rule_set,
                            adjusted_budget=t.adjusted_budget, executed=t.executed, stated_total=t.stated_total,
                            computed_total=t.computed_total, grade=t.grade, errors=t.errors, warnings=t.warnings,
                            codes=t.codes))  # fmt: skip
        if len(batch) == LOAD_CHUNK:
            _load(batch)
            batch = []
    _load(batch)
    user = get_user_model().objects.create_user("bench", password="bench-password-2026")
    Profile.objects.create(user=user, organisation=finance, role=Role.FINANCE)
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    ids = list(Record.objects.values_list("pk", flat=True))
    _analyze()
    return session.session_key or "", ids


LOAD_CHUNK = 10_000


def _load(batch: list[Any]) -> None:
    """Insert the records: COPY on PostgreSQL (each field's own database value), bulk_create elsewhere."""
    from django.db import connection
    from django.db.models import JSONField

    from jixiao.web.evaluations.models import Record

    if connection.vendor != "postgresql":
        Record.objects.bulk_create(batch, batch_size=2000)
        return
    fields = [f for f in Record._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(Record._meta.db_table)
    dumped: dict[int, str] = {}  # the records share their templates' data: each JSON written once

    def value(field: Any, record: Any) -> Any:
        raw = field.pre_save(record, True)
        if isinstance(field, JSONField):
            return dumped.setdefault(id(raw), json.dumps(raw, cls=field.encoder, ensure_ascii=False))
        return field.get_db_prep_save(raw, connection)

    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for record in batch:
            copy.write_row([value(f, record) for f in fields])


def _analyze() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def _time(url: str, cookie: str) -> float:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}"})
    t0 = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        response.read()
        assert response.status == 200, url
    return (time.perf_counter() - t0) * 1000


def _report(name: str, times: list[float]) -> None:
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"  {name:<12} {len(times)} 次  中位数 {statistics.median(times):6.1f} ms  第95百分位 {p95:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description="Web 基准：列表、筛选列表、待办页、自评表页的响应时间")
    parser.add_argument("--count", type=int, default=int(os.environ.get("BENCH_WEB_COUNT", "20000")),
                        help="数据库中的自评表张数（默认 20000）")  # fmt: skip
    parser.add_argument("--no-batch", action="store_true", help="只测页面，不测批量复核")
    args = parser.parse_args()
    count = args.count
    tmp = Path(tempfile.mkdtemp(prefix="jixiao-bench-web-"))
    os.environ |= {"JIXIAO_DATA": str(tmp), "DJANGO_SETTINGS_MODULE": "jixiao.web.settings", "JIXIAO_DEBUG": "0"}
    t0 = time.perf_counter()
    cookie, ids = _setup(count)
    from django.db import connection

    print(f"Web 基准：数据库（{connection.vendor}）中 {len(ids)} 张自评表（载入 {time.perf_counter() - t0:.1f} s），"
          f"负载 {' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip
    connection.close()
    port = _port()
    server = subprocess.Popen([sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{port}"],
                              env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/public/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        rng = random.Random(1)
        pages = max(1, len(ids) // 4 // 50)  # one year of four, 50 a page: any page, the last ones included
        _time(f"{base}/evaluations/", cookie)
        _report("列表页", [_time(f"{base}/evaluations/?page={rng.randint(1, pages)}", cookie) for _ in range(100)])
        _report("筛选列表", [_time(f"{base}/evaluations/?year=2021&grade=%E4%BC%98&status=submitted", cookie)
                         for _ in range(50)])  # fmt: skip
        _report("全部年度列表", [_time(f"{base}/evaluations/?year=all&page={rng.randint(1, pages * 4)}", cookie)
                             for _ in range(50)])  # fmt: skip
        _report("待办页", [_time(f"{base}/evaluations/todo/", cookie) for _ in range(50)])
        _report("自评表页", [_time(f"{base}/evaluations/{rng.choice(ids)}/", cookie) for _ in range(100)])
    finally:
        server.terminate()
        server.wait()
    print(f"  负载（页面测完）{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not args.no_batch and os.environ.get("BENCH_WEB_BATCH", "1") != "0":  # or BENCH_WEB_BATCH=0
        _batch(tmp)


def _batch(tmp: Path) -> None:
    """500 text documents through the huey worker: enqueue, run the consumer, time to done."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from jixiao.web.evaluations.models import Batch

    docs = sorted(SEEDS.glob("*.txt"))
    files = [SimpleUploadedFile(f"doc{k}.txt", docs[k % len(docs)].read_bytes()) for k in range(500)]
    c = Client()
    from django.contrib.auth import get_user_model

    c.force_login(get_user_model().objects.get(username="bench"))
    c.post("/evaluations/batch/", {"files": files})
    batch = Batch.objects.latest("pk")
    worker = subprocess.Popen([sys.executable, str(ROOT / "manage.py"), "run_huey", "--workers", "2", "--quiet"],
                              env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    t0 = time.perf_counter()
    try:
        while True:
            batch.refresh_from_db()
            if batch.finished_at is not None or time.perf_counter() - t0 > 900:
                break
            time.sleep(0.2)
    finally:
        worker.terminate()
        worker.wait()
    took = time.perf_counter() - t0
    print(f"  批量复核     {batch.done + batch.failed}/{batch.total} 个文档（{batch.tables} 张表），"
          f"{took:.1f} s，{batch.total / took:.1f} 个文档/秒（huey，2 个工作进程）")  # fmt: skip


if __name__ == "__main__":
    main()
