"""huey on SQLite whose file (and folder) is created on first use, not when settings are read, and
many tasks put on the queue in one transaction (``enqueue_all``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from huey import Huey
from huey.storage import SqliteStorage


class LazySqliteStorage(SqliteStorage):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["create_tables"] = False
        super().__init__(*args, **kwargs)
        self._schema_ready = False

    def _create_connection(self) -> sqlite3.Connection:
        Path(self.filename).parent.mkdir(parents=True, exist_ok=True)
        conn: sqlite3.Connection = super()._create_connection()
        if not self._schema_ready:
            for sql in self.ddl:
                conn.execute(sql)
            self._schema_ready = True
        return conn

    def enqueue_many(self, items: Sequence[tuple[bytes, int | None]]) -> None:
        """Serialised tasks with their priorities, inserted in one transaction: one commit (one
        fsync of the queue file) for a whole batch instead of one per task."""
        rows = [(self.name, self.to_blob(data), priority or 0) for data, priority in items]
        with self.db(commit=True) as cursor:
            cursor.executemany("insert into task (queue, data, priority) values (?, ?, ?)", rows)


def enqueue_all(huey: Any, tasks: Sequence[Any]) -> None:
    """Queue ``tasks`` (huey ``Task`` objects, e.g. ``review_file.s(pk)``): in one transaction on the
    SQLite queue; one by one elsewhere (Redis) and in immediate mode (tests: each runs at once).
    Each task is prepared as ``Huey.enqueue`` prepares it: its expiry made absolute from now and the
    ``enqueued`` signal sent, before the transaction (huey's own order: signal, then storage)."""
    from huey.signals import SIGNAL_ENQUEUED

    storage = huey.storage
    if huey.immediate or not isinstance(storage, LazySqliteStorage):
        for task in tasks:
            huey.enqueue(task)
        return
    for task in tasks:
        if task.expires:
            task.resolve_expires(huey.utc)
        huey._emit(SIGNAL_ENQUEUED, task)  # huey's own hook; no public name for it
    storage.enqueue_many([(huey.serialize_task(task), task.priority) for task in tasks])


class LazySqliteHuey(Huey):  # type: ignore[misc]
    storage_class = LazySqliteStorage
