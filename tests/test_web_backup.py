"""Backups restore (docs/deploy.md): on PostgreSQL a ``pg_dump -Fc`` restored with ``pg_restore``
into a new database holds every evaluation and every history entry; on SQLite the online backup
does the same.  Run on both databases by ``make test``."""

from __future__ import annotations

import glob
import os
import sqlite3
import subprocess
import urllib.parse
from pathlib import Path

import pytest
from django.db import connection

from jixiao.web.evaluations.models import Event, Record
from tests.web import build_world

pytestmark = pytest.mark.django_db(transaction=True)
COUNT = "SELECT (SELECT count(*) FROM evaluations_record), (SELECT count(*) FROM evaluations_event)"


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    assert found, f"PostgreSQL's {name} is needed (Debian package postgresql)"
    return found[-1]


def test_a_backup_restores_everything(tmp_path: Path) -> None:
    build_world()
    expected = (Record.objects.count(), Event.objects.count())
    assert expected == (4, 4)  # one table per unit, each with its 新建 entry
    if connection.vendor == "postgresql":
        url = urllib.parse.urlparse(os.environ["DATABASE_URL"])
        where = ["-h", url.hostname or "127.0.0.1", "-p", str(url.port), "-U", url.username or "jixiao"]
        dump = tmp_path / "jixiao.dump"
        subprocess.run([_pg_bin("pg_dump"), *where, "-Fc", "-f", str(dump), connection.settings_dict["NAME"]],
                       check=True)  # fmt: skip
        subprocess.run([_pg_bin("createdb"), *where, "jixiao_restored"], check=True)
        try:
            subprocess.run([_pg_bin("pg_restore"), *where, "--no-owner", "-d", "jixiao_restored", str(dump)],
                           check=True)  # fmt: skip
            import psycopg

            with psycopg.connect(host=where[1], port=url.port, user=where[5], dbname="jixiao_restored") as restored:
                assert restored.execute(COUNT).fetchone() == expected
        finally:
            subprocess.run([_pg_bin("dropdb"), *where, "jixiao_restored"], check=True)
    else:
        copy = tmp_path / "jixiao-backup.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(copy) as target:
            connection.connection.backup(target)
        with sqlite3.connect(copy) as restored:
            assert restored.execute(COUNT).fetchone() == expected
