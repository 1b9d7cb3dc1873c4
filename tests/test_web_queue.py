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


class _Counting:
    """A connection that counts its commits (sqlite3.Connection's own methods cannot be replaced)."""

    def __init__(self, connection: object, commits: list[int]) -> None:
        self._connection, self._commits = connection, commits

    def commit(self) -> None:
        self._commits.append(1)
        self._connection.commit()  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self._connection, name)
