"""Every threshold in ``Settings`` is wired: read by some ingest stage, not only listed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from jixiao.ingest import settings as settings_module
from jixiao.ingest.settings import DEFAULT, Settings


def test_every_setting_is_read_by_a_stage() -> None:
    root = Path(settings_module.__file__).parent
    code = "\n".join(p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.py")) if p.name != "settings.py")
    unread = [f.name for f in dataclasses.fields(Settings) if f".{f.name}" not in code]
    assert unread == []


def test_settings_are_named_values_with_their_defaults() -> None:
    assert Settings() == DEFAULT
    assert (DEFAULT.title_max_chars, DEFAULT.header_back_cells, DEFAULT.numbers_ahead) == (60, 14, 7)
