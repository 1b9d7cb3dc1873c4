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
