"""``make run`` as a product (issue 14) and the server under load (issue 15): gunicorn with DEBUG
off and WhiteNoise on SQLite with the demo data; Chinese error pages; 20 parallel saves never a
500; the server answers within a second while the worker reads a heavy upload."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import SHARED
from tests.serving import Base, Browser, served
from tests.web import posted_form


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Base]:
    with served(tmp_path_factory.mktemp("served")) as url:
        yield url


def test_served_without_debug_with_static_files_and_chinese_pages(base: str) -> None:
    b = Browser(base)
    missing = b.request("/no/such/page/")
    assert missing.status == 404
    assert "页面不存在（404）" in missing.body and "Traceback" not in missing.body and "DEBUG" not in missing.body
    static = b.request("/static/jixiao/htmx-2.0.11.min.js")
    assert static.status == 200 and "htmx" in static.body  # WhiteNoise
    assert "script-src 'self'" in b.request("/public/").headers["Content-Security-Policy"]
    b.login("danwei")
    assert "项目支出绩效自评表" in b.request("/evaluations/?year=all").body


def _first_record(b: Browser) -> int:
    listing = b.request("/evaluations/?year=all").body
    return int(re.search(r'href="/evaluations/(\d+)/"', listing).group(1))  # type: ignore[union-attr]


def test_twenty_parallel_saves_never_fail(base: str) -> None:
    b = Browser(base)
    b.login("danwei")
    pk = _first_record(b)
    form = posted_form(b.request(f"/evaluations/{pk}/edit/").body)

    def save(k: int) -> int:
        data = dict(form) | {"ind-0-actual": [f"{k}个"]}
        return b.request(f"/evaluations/{pk}/edit/", data).status

    def create(_: int) -> int:
        return b.request("/evaluations/new/", {}).status

    with ThreadPoolExecutor(20) as pool:
        saves = list(pool.map(save, range(20)))
    assert sorted(saves) == [302] + [409] * 19, saves  # one saved, the others told: nobody lost, no 500
    with ThreadPoolExecutor(20) as pool:
        created = list(pool.map(create, range(20)))
    assert created == [302] * 20, created


def test_the_server_answers_within_a_second_while_a_heavy_upload_is_read(base: str) -> None:
    b = Browser(base)
    b.login("danwei")
    (seed,) = (SHARED / "seeds").glob("004_*.txt")
    heavy = seed.read_bytes() * 60  # 2.5 MB of tables: seconds of reading per copy
    answer = b.upload("/evaluations/upload/", [(f"大文件{k}.txt", heavy) for k in range(3)])
    assert answer.status == 302
    progress = answer.headers["Location"]
    timings, busy = [], 0
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        start = time.monotonic()
        page = b.request(progress)
        if "确认导入" in page.body:
            break  # the confirmation page itself (thousands of tables here) is not a busy-time answer
        timings.append(time.monotonic() - start)
        busy += 1
        start = time.monotonic()
        assert b.request("/evaluations/?year=all").status == 200
        timings.append(time.monotonic() - start)
        time.sleep(0.2)
    assert busy >= 1, "the upload was read before the server could be asked"
    assert max(timings) < 1.0, timings
    assert "确认导入" in page.body and "大文件0.txt" in page.body


def test_the_server_answers_within_a_second_while_hostile_uploads_are_read(
    base: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Every named attack of tests/hostile.py (bombs, a far cell, a 2,000-page PDF, patterns that
    once took minutes) uploaded at once: while the worker reads them, the list and the progress
    page each answer within a second, and when it is done every file is on the confirmation page."""
    from tests.hostile import NAMED, generate

    hostile = [
        h for h in generate(tmp_path_factory.mktemp("hostile"), len(NAMED) + 2) if h.path.stat().st_size < 50 << 20
    ]
    b = Browser(base)
    b.login("danwei")
    answer = b.upload("/evaluations/upload/", [(h.path.name, h.path.read_bytes()) for h in hostile])
    assert answer.status == 302
    progress = answer.headers["Location"]
    timings, deadline = [], time.monotonic() + 900
    while time.monotonic() < deadline:
        start = time.monotonic()
        page = b.request(progress)
        if "确认导入" in page.body:
            break
        timings.append(time.monotonic() - start)
        for path in ("/evaluations/?year=all", "/public/"):
            start = time.monotonic()
            assert b.request(path).status == 200
            timings.append(time.monotonic() - start)
        time.sleep(0.2)
    assert len(timings) >= 3, "the uploads were read before the server could be asked"
    assert max(timings) < 1.0, sorted(timings)[-5:]
    assert "确认导入" in page.body
    for h in hostile:
        assert h.path.name in page.body, h.kind  # its tables, or its one line


def _read_upload(b: Browser, files: list[tuple[str, bytes]]) -> str:
    answer = b.upload("/evaluations/upload/", files)
    assert answer.status == 302
    for _ in range(900):
        page = b.request(answer.headers["Location"]).body
        if "确认导入" in page:
            return page
        time.sleep(0.2)
    pytest.fail("the upload was never read")


def test_dead_workers_are_replaced(base: Base) -> None:
    import os
    import signal

    b = Browser(base)
    b.login("danwei")
    workers = base.worker_children()
    assert len(workers) >= 2, workers  # two workers (and huey's scheduler)
    for pid in workers:  # the worker processes of the consumer this test module started
        os.kill(pid, signal.SIGKILL)
    (seed,) = (SHARED / "seeds").glob("004_*.txt")
    page = _read_upload(b, [("换人之后.txt", seed.read_bytes())])  # read by the replacements
    assert "换人之后.txt" in page and page.count('name="take"') == 18
    assert set(base.worker_children()).isdisjoint(workers)


def _written(pids: list[int]) -> int:
    """Bytes these processes have written so far (files, sockets, pipes)."""
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/io").read_text().splitlines():
            if line.startswith("wchar:"):
                total += int(line.split()[1])
    return total


def test_a_file_over_the_limit_is_stopped_while_it_arrives(base: Base) -> None:
    """A 120 MB file posted to gunicorn is stored only up to the 50 MB limit (then deleted), not
    received whole first; the page names it and the other file of the request is read."""
    b = Browser(base)
    b.login("danwei")
    (seed,) = (SHARED / "seeds").glob("004_*.txt")
    workers = base.server_children()
    before = _written(workers)
    answer = b.upload_stream("/evaluations/upload/", "一百二十兆.txt", 120, ("四号.txt", seed.read_bytes()))
    written = _written(workers) - before
    assert answer.status == 302 and 0 < written < 55 << 20, written  # 120 MB before: stored whole, then refused
    page = b.request(answer.headers["Location"]).body
    assert "文件 一百二十兆.txt：超过 50 MB，未上传（自评表文档通常不到 1 MB）" in page
    for _ in range(900):
        if "确认导入" in page:
            break
        time.sleep(0.2)
        page = b.request(answer.headers["Location"]).body
    assert page.count('name="take"') == 18


def test_a_file_whose_worker_died_is_recovered_with_no_page_open(base: Base) -> None:
    """A file left running by a worker that died is re-queued when a worker starts (and every
    minute), not only when someone polls its batch's page."""
    import os
    import signal
    import sqlite3

    b = Browser(base)
    b.login("danwei")
    (seed,) = (SHARED / "seeds").glob("004_*.txt")
    _read_upload(b, [("无人查看.txt", seed.read_bytes())])
    db = sqlite3.connect(base.data / "jixiao.sqlite3", timeout=30)
    ((file_id, batch_id),) = db.execute("select id, batch_id from evaluations_batchfile where name = '无人查看.txt'")
    with db:  # as its worker left it when killed an hour ago in the middle of reading it
        db.execute("update evaluations_batchfile set state = 'running', attempts = 1, "
                   "started_at = datetime('now', '-1 hour') where id = ?", (file_id,))  # fmt: skip
        db.execute("update evaluations_batch set done = 0, failed = 0, tables = 0, errors = 0, warnings = 0, "
                   "finished_at = null where id = ?", (batch_id,))  # fmt: skip
    for pid in base.worker_children():
        os.kill(pid, signal.SIGKILL)  # their replacements look for lost files as they start
    for _ in range(600):
        state, attempts = db.execute("select state, attempts from evaluations_batchfile where id = ?",
                                     (file_id,)).fetchone()  # fmt: skip
        if state == "done":
            break
        time.sleep(0.1)
    ((done, finished),) = db.execute("select done, finished_at from evaluations_batch where id = ?", (batch_id,))
    db.close()
    assert (state, attempts, done, finished is not None) == ("done", 2, 1, True)
