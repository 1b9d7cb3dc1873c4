"""Benchmark: the web application with 20,000 evaluations in the database.

Run with ``make bench``.  Builds a fresh SQLite database in a temporary folder (or uses
``DATABASE_URL``), loads 20,000 evaluations (seed-004-like tables spread over 200 units),
starts the server (``manage.py runserver --noreload``, one process) and requests the list
page and evaluation pages as a finance user, reporting the 50th and 95th percentile.
Then 500 text documents are reviewed by the huey worker (``run_huey``) and the rate printed.
"""

from __future__ import annotations

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
    Record.objects.bulk_create(batch, batch_size=2000)
    user = get_user_model().objects.create_user("bench", password="bench-password-2026")
    Profile.objects.create(user=user, organisation=finance, role=Role.FINANCE)
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    ids = list(Record.objects.values_list("pk", flat=True))
    return session.session_key or "", ids


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
    count = int(os.environ.get("BENCH_WEB_COUNT", "20000"))
    tmp = Path(tempfile.mkdtemp(prefix="jixiao-bench-web-"))
    os.environ |= {"JIXIAO_DATA": str(tmp), "DJANGO_SETTINGS_MODULE": "jixiao.web.settings", "JIXIAO_DEBUG": "0"}
    t0 = time.perf_counter()
    cookie, ids = _setup(count)
    print(f"Web 基准：数据库中 {len(ids)} 张自评表（载入 {time.perf_counter() - t0:.1f} s）")
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
        _time(f"{base}/evaluations/", cookie)
        _report("列表页", [_time(f"{base}/evaluations/?page={rng.randint(1, 50)}", cookie) for _ in range(100)])
        _report("筛选列表", [_time(f"{base}/evaluations/?year=2021&grade=%E4%BC%98&status=submitted", cookie)
                         for _ in range(50)])  # fmt: skip
        _report("全部年度列表", [_time(f"{base}/evaluations/?year=all&page={rng.randint(1, 50)}", cookie)
                             for _ in range(50)])  # fmt: skip
        _report("待办页", [_time(f"{base}/evaluations/todo/", cookie) for _ in range(50)])
        _report("自评表页", [_time(f"{base}/evaluations/{rng.choice(ids)}/", cookie) for _ in range(100)])
    finally:
        server.terminate()
        server.wait()
    if os.environ.get("BENCH_WEB_BATCH", "1") != "0":  # BENCH_WEB_BATCH=0: the pages only
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
