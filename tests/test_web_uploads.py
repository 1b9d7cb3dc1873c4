"""Uploads are read by workers in limited child processes (issue 15): a hostile file is marked
failed with a Chinese line naming it, never a dead server or a batch stuck at 0/1; a lost task
is re-queued once, then failed; long file names are stored short and shown in full; no server
path ever reaches the page."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jixiao.web.evaluations import reader, recovery
from jixiao.web.evaluations.models import Batch, BatchFile
from tests.conftest import SHARED
from tests.web import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


def sparse_sheet(tmp_path: Path) -> bytes:
    """A few KB of .xlsx whose one cell sits at XFD1048576 (its bounding box is 17 billion cells)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "项目名称"
    wb.active["XFD1048576"] = "x"
    path = tmp_path / "sparse.xlsx"
    wb.save(path)
    return path.read_bytes()


def _upload(c: object, files: list[SimpleUploadedFile]) -> tuple[Batch, str]:
    response = c.post("/evaluations/upload/", {"files": files}, follow=True)  # type: ignore[attr-defined]
    assert response.status_code == 200
    return Batch.objects.filter(purpose="import").latest("pk"), response.content.decode()


def test_a_hostile_sheet_fails_alone_and_the_batch_finishes(world: World, tmp_path: Path) -> None:
    (seed,) = (SHARED / "seeds").glob("004_*.txt")
    name = "某单位" * 30 + "自评表.xlsx"  # 95 characters: more than a file system allows in bytes
    files = [SimpleUploadedFile(name, sparse_sheet(tmp_path)), SimpleUploadedFile(seed.name, seed.read_bytes())]
    batch, page = _upload(world.client("unit1a"), files)
    batch.refresh_from_db()
    assert (batch.total, batch.done + batch.failed, batch.finished_at is not None) == (2, 2, True)
    hostile = batch.files.get(name=name)
    assert Path(hostile.path).name == "00000.xlsx"  # stored short, shown in full
    assert hostile.state in ("done", "failed") and name in page  # read within its limits, or failed alone
    assert not hostile.message or hostile.message.startswith(f"文件 {name}：") or "未找到" in hostile.message
    assert "确认导入" in page and page.count('name="take"') >= 18  # the good file's tables
    assert str(Path(hostile.path).parent) not in page and "/tmp/" not in page


def test_a_file_over_the_size_limit_is_dropped_while_it_arrives(world: World, monkeypatch: pytest.MonkeyPatch,
                                                                request: pytest.FixtureRequest) -> None:  # fmt: skip
    """Stored only up to the limit (then deleted), named in a Chinese line; the other file goes on."""
    from django.core.files import uploadhandler

    from jixiao.model import limits

    limits.configure(limits.Limits(file_bytes=1 << 20))
    request.addfinalizer(lambda: limits.configure(None))
    stored: dict[str, int] = {}  # the most bytes the storing handlers were given of each file
    for handler in (uploadhandler.MemoryFileUploadHandler, uploadhandler.TemporaryFileUploadHandler):

        def spy(self: object, raw_data: bytes, start: int, original: object = handler.receive_data_chunk) -> object:
            name = self.file_name  # type: ignore[attr-defined]
            stored[name] = max(stored.get(name, 0), start + len(raw_data))
            return original(self, raw_data, start)  # type: ignore[operator]

        monkeypatch.setattr(handler, "receive_data_chunk", spy)
    (seed,) = (SHARED / "seeds").glob("004_*.txt")
    files = [SimpleUploadedFile("太大的表.txt", b"0" * (3 << 20)), SimpleUploadedFile("四号.txt", seed.read_bytes())]
    batch, page = _upload(world.client("unit1a"), files)
    assert "文件 太大的表.txt：超过 1 MB，未上传（自评表文档通常不到 1 MB）" in page
    assert stored["太大的表.txt"] <= 1 << 20 and stored["四号.txt"] == seed.stat().st_size
    assert [f.name for f in batch.files.all()] == ["四号.txt"] and page.count('name="take"') == 18


def test_the_files_of_one_request_have_a_total(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past ``JIXIAO_UPLOAD_TOTAL_MB`` the further files are not stored, each named; those before it are."""
    monkeypatch.setenv("JIXIAO_UPLOAD_TOTAL_MB", "2")
    (seed,) = (SHARED / "seeds").glob("004_*.txt")
    padding = b"\n" * (3 << 19)  # 1.5 MB of blank lines after the table: read as the seed
    files = [SimpleUploadedFile(f"{k}号.txt", seed.read_bytes() + padding) for k in (1, 2, 3)]
    batch, page = _upload(world.client("unit1a"), files)
    for k in (2, 3):
        assert f"文件 {k}号.txt：本次上传的文件合计超过 2 MB，未上传（请分批上传）" in page
    assert [f.name for f in batch.files.all()] == ["1号.txt"] and page.count('name="take"') == 18


def test_memory_limit_marks_the_file_failed(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    (seed,) = (SHARED / "seeds").glob("001_*.txt")
    monkeypatch.setenv("JIXIAO_READ_MEMORY_MB", "40")  # less than the reader itself needs
    result = reader.read_limited(seed, "一号.txt")
    assert result.state == "failed"  # met by the parser (its MemoryError) or by the child elsewhere: one line
    assert result.message == "文件 一号.txt：读取所需内存超过 40 MB，已停止（文件结构异常，可能是恶意构造的文件）"
    assert reader.read_limited(seed, "一号.txt").state == "failed"  # again, in a fresh child


def test_time_limit_marks_the_file_failed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JIXIAO_READ_SECONDS", "1")
    monkeypatch.setattr(reader, "TARGET", "tests.spin:forever")  # a reader caught in a loop
    result = reader.read_limited(tmp_path / "x.pdf", "二号.pdf")
    assert result.state == "failed" and result.message.startswith("文件 二号.pdf：读取超过 1 秒仍未完成")


def _lost(world: World, folder: Path, attempts: int) -> tuple[Batch, BatchFile]:
    """A file whose worker died an hour ago while reading it (its task gone with the worker)."""
    (seed,) = (SHARED / "seeds").glob("004_*.txt")
    batch = Batch.objects.create(organisation=world.orgs["f1"], total=1)
    target = folder / f"{batch.pk}.txt"
    target.write_bytes(seed.read_bytes())
    item = BatchFile.objects.create(batch=batch, name="丢失的任务.txt", path=str(target), state="running",
                                    attempts=attempts, started_at=timezone.now() - timedelta(hours=1))  # fmt: skip
    return batch, item


def test_a_lost_task_is_requeued_once_then_failed(world: World, tmp_path: Path) -> None:
    batch, item = _lost(world, tmp_path, attempts=1)
    page = world.client("finance1").get(f"/evaluations/batch/{batch.pk}/")
    assert page.status_code == 200
    item.refresh_from_db()
    batch.refresh_from_db()
    assert (item.state, item.attempts, batch.done, batch.finished_at is not None) == ("done", 2, 1, True)
    again, lost = _lost(world, tmp_path, attempts=2)
    assert recovery.recover(again) == 1
    lost.refresh_from_db()
    again.refresh_from_db()
    assert lost.state == "failed" and "已重试一次仍未完成" in lost.message
    assert (again.failed, again.finished_at is not None) == (1, True)


def test_lost_files_are_recovered_by_the_workers_without_a_page_open(world: World, tmp_path: Path) -> None:
    """What a worker runs when it starts and every minute: lost running files re-queued (then failed),
    files left waiting with an empty queue queued again once their batch is older than a reading takes."""
    from huey.contrib.djhuey import HUEY

    from jixiao.web.evaluations import tasks

    _, item = _lost(world, tmp_path, attempts=1)
    tasks.recover_lost.call_local()
    item.refresh_from_db()
    assert (item.state, item.attempts) == ("done", 2)
    _, lost = _lost(world, tmp_path, attempts=2)
    tasks.recover_at_start()
    lost.refresh_from_db()
    assert lost.state == "failed"
    assert lost.message == "文件 丢失的任务.txt：处理进程意外终止，已重试一次仍未完成，未能读取"
    old, forgotten = _lost(world, tmp_path, attempts=0)
    _, fresh = _lost(world, tmp_path, attempts=0)
    BatchFile.objects.filter(pk__in=[forgotten.pk, fresh.pk]).update(state="waiting", started_at=None)
    Batch.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=1))  # its task lost
    assert recovery.recover_all() == 1  # the fresh batch's file may still be on its way to the queue
    forgotten.refresh_from_db()
    fresh.refresh_from_db()
    assert (forgotten.state, forgotten.attempts, fresh.state) == ("done", 1, "waiting")
    due = [t for t in HUEY.read_periodic(None) if t.name.endswith("recover_lost")]  # the scheduler's call
    assert [t.priority for t in due] == [100]  # due every minute, ahead of a batch's backlog


def test_hostile_files_through_the_batch_worker(world: World, tmp_path: Path) -> None:
    """The named attacks and random damage (tests/hostile.py) uploaded for review, read by the warm
    pool: each file done or failed with its one Chinese line, the batch finished, none over budget."""
    from tests.hostile import NAMED, generate

    files = generate(tmp_path / "hostile", len(NAMED) + 2 + 12, seed=5)
    kept = [h for h in files if h.path.stat().st_size <= 50 << 20]
    uploaded = [SimpleUploadedFile(h.path.name, h.path.read_bytes()) for h in kept]
    page = world.client("finance1").post("/evaluations/batch/", {"files": uploaded}, follow=True).content.decode()
    batch = Batch.objects.get(purpose="review")
    assert (batch.total, batch.done + batch.failed, batch.finished_at is not None) == (len(kept), len(kept), True)
    expected = {h.path.name: h.expect for h in kept}
    for f in batch.files.all():
        expect = expected[f.name]
        if expect:
            assert f.state == "failed" and f.message.startswith(f"文件 {f.name}{expect}"), (f.name, f.message)
        elif expect == "":
            assert f.state == "done" and f.result["tables"], (f.name, f.message)
        else:
            assert f.state == "done" or f.message.startswith(f"文件 {f.name}："), (f.name, f.message)
        assert "处理出错" not in f.message and "\n" not in f.message and str(tmp_path) not in f.message
        assert 0 < f.result["peak_mb"] < 1024
    assert len(kept) == len(files) - 1  # all but the 200 MB text (refused at the door)
    assert "未能读取的文件和表格" in page


@pytest.mark.parametrize("cpu", ["60", "300"])
def test_a_file_is_stale_only_after_the_pool_could_have_given_up_on_it(monkeypatch: pytest.MonkeyPatch,
                                                                       cpu: str) -> None:  # fmt: skip
    """``recover_lost`` runs every minute: a file still legitimately being read (two servers each
    waited for to the end, and started) must not look lost to it."""
    from jixiao.web.evaluations import pool

    monkeypatch.setenv("JIXIAO_READ_SECONDS", cpu)
    wait = pool.wait_for({"deadline": pool.deadline(int(cpu))})
    assert wait == 2 * (2 * int(cpu) + 10) + pool.SLACK + 60
    assert pool.worst_case(int(cpu)) == pool.SERVER_TRIES * (pool.START_UP + wait + pool.CLOSE_WAIT)
    assert recovery.stale_after() == timedelta(seconds=pool.worst_case(int(cpu))) + recovery.MARGIN
    assert recovery.stale_after() > timedelta(seconds=2 * wait + pool.START_UP)
