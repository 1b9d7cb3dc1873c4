"""The task queue: huey on SQLite, its file made on first use, and an upload's tasks queued in one
transaction (one fsync for 1,000 files instead of 1,000)."""

from __future__ import annotations

from pathlib import Path

from jixiao.web.queue import LazySqliteHuey, enqueue_all


def test_many_tasks_queued_at_once_run_in_order(tmp_path: Path) -> None:
    huey = LazySqliteHuey("t", filename=str(tmp_path / "q" / "huey.sqlite3"))
    seen: list[int] = []

    @huey.task()
    def note(n: int) -> None:
        seen.append(n)

    assert not (tmp_path / "q").exists()  # nothing made before the first use
    commits: list[int] = []
    connection = huey.storage.conn
    huey.storage._conn = _Counting(connection, commits)
    enqueue_all(huey, [note.s(k) for k in range(5)])
    assert huey.pending_count() == 5 and len(commits) == 1
    huey.storage._conn = connection
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
    assert seen == [0, 1, 2, 3, 4]


def test_immediate_mode_runs_each_task_at_once(tmp_path: Path) -> None:
    huey = LazySqliteHuey("t", filename=str(tmp_path / "huey.sqlite3"), immediate=True)
    seen: list[int] = []

    @huey.task()
    def note(n: int) -> None:
        seen.append(n)

    enqueue_all(huey, [note.s(k) for k in range(3)])
    assert seen == [0, 1, 2]


def test_tasks_queued_at_once_are_prepared_as_one_by_one(tmp_path: Path) -> None:
    """Expiry resolved at queueing time and the ``enqueued`` signal sent, as ``Huey.enqueue`` does."""
    import datetime as dt

    from huey.signals import SIGNAL_ENQUEUED

    huey = LazySqliteHuey("t", filename=str(tmp_path / "huey.sqlite3"))
    signalled: list[str] = []

    @huey.signal(SIGNAL_ENQUEUED)
    def enqueued(signal: str, task: object) -> None:
        signalled.append(task.id)  # type: ignore[attr-defined]

    @huey.task(expires=60)
    def note(n: int) -> None:
        pass

    queued = [note.s(k) for k in range(3)]
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    enqueue_all(huey, queued)
    assert signalled == [t.id for t in queued]
    taken = [huey.dequeue() for _ in queued]
    assert [t.id for t in taken] == [t.id for t in queued]
    for task in taken:  # an absolute time a minute after queueing, not "60 s after a worker takes it"
        assert dt.timedelta(seconds=59) <= task.expires_resolved - before <= dt.timedelta(seconds=61)


class _Counting:
    """A connection that counts its commits (sqlite3.Connection's own methods cannot be replaced)."""

    def __init__(self, connection: object, commits: list[int]) -> None:
        self._connection, self._commits = connection, commits

    def commit(self) -> None:
        self._commits.append(1)
        self._connection.commit()  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self._connection, name)
