"""The Django web application (settings, URLs, apps)."""

from __future__ import annotations

from pathlib import Path


def prepare_data_dir() -> None:
    """Create the data folder (SQLite database, uploads) before the first connection: called by
    the programs (manage.py, wsgi.py), never on import."""
    from django.conf import settings

    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    if settings.STATIC_ROOT:
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # WhiteNoise looks there at start
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3") and str(db["NAME"]) != ":memory:":
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
