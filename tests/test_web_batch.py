"""Batch review through the task queue (huey, immediate mode in tests): every document
reviewed, failures reported per file, the counters and the result page right."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from huey.contrib.djhuey import HUEY

from jixiao.web.evaluations.models import Batch
from tests.conftest import SHARED
from tests.web import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    HUEY.immediate = True  # tasks run as they are enqueued, on the test database
    return build_world()


def test_batch_of_seeds_and_a_broken_file(world: World) -> None:
    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in sorted((SHARED / "seeds").glob("*.txt"))]
    files.append(SimpleUploadedFile("坏文件.xlsx", b"not a workbook"))
    c = world.client("finance1")
    response = c.post("/evaluations/batch/", {"files": files})
    batch = Batch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/evaluations/batch/{batch.pk}/"
    assert (batch.total, batch.done, batch.failed, batch.tables) == (5, 4, 1, 37)
    assert batch.finished_at is not None
    page = c.get(f"/evaluations/batch/{batch.pk}/").content.decode()
    assert "已完成" in page and "坏文件.xlsx" in page and "不是有效的 Excel 文件" in page
    assert "YEAR_MISMATCH" in page and "LOW_EXEC_FULL_MARKS" in page


def test_batch_is_for_reviewers_only(world: World) -> None:
    assert world.client("unit1a").get("/evaluations/batch/").status_code == 404
    world.client("finance1").post("/evaluations/batch/", {"files": [SimpleUploadedFile("a.txt", b"x")]})
    batch = Batch.objects.get()
    assert world.client("finance2").get(f"/evaluations/batch/{batch.pk}/").status_code == 404
    assert world.client("dept1").get(f"/evaluations/batch/{batch.pk}/").status_code == 404


def test_a_large_batch_page_shows_one_page_of_files(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao.web.evaluations import views
    from jixiao.web.evaluations.models import BatchFile

    monkeypatch.setattr(views, "BATCH_PAGE", 4)
    monkeypatch.setattr(views, "BATCH_PROBLEMS", 2)
    batch = Batch.objects.create(organisation=world.orgs["f1"], total=10, done=5, failed=3)
    table = {"project": "项目", "stated": "90", "computed": "88.5", "errors": 1, "warnings": 0, "codes": []}
    rows = [
        BatchFile(batch=batch, name=f"文件{k}.txt", path=f"/nowhere/{k}", state="done", tables=1, unread=int(k == 4),
                  result={"tables": [{**table, "project": f"项目{k}"}], "unread": ["第2张表未能读取"] * (k == 4)})
        for k in range(5)
    ]  # fmt: skip
    rows += [BatchFile(batch=batch, name=f"坏{k}.xlsx", path="/nowhere", state="failed",
                       message=f"文件 坏{k}.xlsx：损坏") for k in range(3)]  # fmt: skip
    rows.append(BatchFile(batch=batch, name="空.txt", path="/nowhere", state="done", message="未找到可识别的自评表",
                          result={"tables": [], "unread": []}))  # fmt: skip
    rows.append(BatchFile(batch=batch, name="等.txt", path="/nowhere"))
    BatchFile.objects.bulk_create(rows)
    c = world.client("finance1")
    first = c.get(f"/evaluations/batch/{batch.pk}/").content.decode()
    assert [f"项目{k}" in first for k in range(5)] == [True] * 4 + [False]
    assert "第 1 / 3 页" in first and "?page=2" in first and "文件 坏0.xlsx：损坏" in first
    assert "文件 坏1.xlsx：损坏" in first and "坏2.xlsx" not in first and "另有 2 个未能读取的文件未列出" in first
    assert "第2张表未能读取" in first  # a file's unread table, though the file is on page 2
    last = c.get(f"/evaluations/batch/{batch.pk}/?page=3", HTTP_HX_REQUEST="true").content.decode()
    assert "空.txt" in last and "等待中" in last and "项目0" not in last and "?page=3" in last
    assert c.get(f"/evaluations/batch/{batch.pk}/?page=²").status_code == 200


def test_each_file_counts_once_and_the_last_one_finishes_the_batch(world: World) -> None:
    from jixiao.web.evaluations.models import BatchFile
    from jixiao.web.evaluations.tasks import finish

    batch = Batch.objects.create(organisation=world.orgs["f1"], total=2)
    one, two = BatchFile.objects.bulk_create([BatchFile(batch=batch, name=f"{k}.txt", path="/nowhere") for k in "ab"])
    table = {"errors": 2, "warnings": 1}
    finish(one, "done", "", [table, table], [], 40)
    finish(one, "failed", "文件 a.txt：又一次", [], [])  # a retry of a finished file changes nothing
    batch.refresh_from_db()
    counts = (batch.done, batch.failed, batch.tables, batch.errors, batch.warnings, batch.finished_at)
    assert counts == (1, 0, 2, 4, 2, None)
    finish(two, "failed", "文件 b.txt：损坏", [], [])
    batch.refresh_from_db()
    assert (batch.done, batch.failed, batch.finished_at is not None) == (1, 1, True)
    stored = BatchFile.objects.get(pk=one.pk)
    assert stored.result == {"tables": [table, table], "unread": [], "peak_mb": 40}
    assert (stored.tables, stored.unread) == (2, 0)


def test_a_large_batchs_findings_are_built_in_the_background(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    from jixiao.web.evaluations import batchfindings

    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in sorted((SHARED / "seeds").glob("*.txt"))]
    c = world.client("finance1")
    c.post("/evaluations/batch/", {"files": files})
    batch = Batch.objects.get()
    direct = c.get(f"/evaluations/batch/{batch.pk}/findings.xlsx")
    assert direct.status_code == 200 and direct["Content-Disposition"].startswith("attachment")
    monkeypatch.setattr(batchfindings, "IN_REQUEST", 10)  # 37 tables: more than a request may build
    monkeypatch.setattr(batchfindings, "STEP", 5)
    queued = c.get(f"/evaluations/batch/{batch.pk}/findings.xlsx")
    assert queued.status_code == 302 and queued["Location"].startswith("/evaluations/exports/")
    page = c.get(queued["Location"]).content.decode()
    assert "已完成" in page and "（37 张自评表）" in page and "复核意见.xlsx" in page
    built = c.get(queued["Location"] + "file/")
    rows = list(load_workbook(BytesIO(b"".join(built.streaming_content)))["复核意见"].iter_rows(values_only=True))
    same = list(load_workbook(BytesIO(direct.content))["复核意见"].iter_rows(values_only=True))
    assert rows == same and len(rows) > 37  # the same workbook either way: a row per finding
    assert world.client("finance2").get(queued["Location"] + "file/").status_code == 404  # only the requester's
