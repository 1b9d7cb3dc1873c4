"""huey on SQLite whose file (and folder) is created on first use, not when settings are read."""

from __future__ import annotations

import sqlite3
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


class LazySqliteHuey(Huey):  # type: ignore[misc]
    storage_class = LazySqliteStorage
