"""Web hardening (issue 15): bad parameters answered with 400 or a message, never a 500; a
Content-Security-Policy without inline scripts; the login limit keyed on the right address
behind a reverse proxy; nothing created when the settings are read."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from tests.web import PASSWORD, World, build_world, form_of

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[1] / "jixiao" / "web" / "templates"


@pytest.fixture
def world() -> World:
    return build_world()


@pytest.mark.parametrize("query", ["year=²", "year=1e999999", "year=２０２１x", "org=²", "org=99999999999999",
                                   "page=²", "status=²", "code=%00"])  # fmt: skip
def test_bad_list_parameters_give_a_message(world: World, query: str) -> None:
    response = world.client("finance1").get(f"/evaluations/?{query}")
    assert response.status_code == 200, query
    if query.startswith(("year", "org")):
        assert "已忽略" in response.content.decode()


@pytest.mark.parametrize("query", ["year=²", "year=1e999999", "page=-1"])
def test_bad_public_parameters_give_a_message(world: World, query: str) -> None:
    response = Client().get(f"/public/?{query}")
    assert response.status_code == 200
    if query.startswith("year"):
        assert "不是四位数年份" in response.content.decode()


def test_a_bad_version_is_refused_with_a_message(world: World) -> None:
    record = world.records["u1a"]
    c = world.client("unit1a")
    data = form_of(c, record)
    data["version"] = ["abc"]
    response = c.post(f"/evaluations/{record.pk}/edit/", data)
    assert response.status_code == 400 and "页面缺少版本号" in response.content.decode()


def test_content_security_policy_and_no_inline_script(world: World) -> None:
    response = world.client("unit1a").get(f"/evaluations/{world.records['u1a'].pk}/edit/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), path  # every script from a file
        assert not re.search(r"\son[a-z]+\s*=", text), path  # no onclick= and the like


def _fail(c: Client, username: str, remote: str, forwarded: str | None = None) -> int:
    meta = {"REMOTE_ADDR": remote} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})
    return c.post("/accounts/login/", {"username": username, "password": "wrong"}, **meta).status_code


def _login(username: str, remote: str, forwarded: str | None = None) -> int:
    meta = {"REMOTE_ADDR": remote} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})
    return Client().post("/accounts/login/", {"username": username, "password": PASSWORD}, **meta).status_code


@override_settings(JIXIAO_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_behind_a_trusted_proxy_each_client_has_its_own_limit(world: World) -> None:
    c = Client()
    for _ in range(5):
        _fail(c, "unit1a", "10.0.0.1", "203.0.113.5")
    assert _login("unit1a", "10.0.0.1", "203.0.113.5") == 429  # the attacker's address is locked
    assert _login("unit1a", "10.0.0.1", "198.51.100.9, 10.0.0.7") == 302  # the real user, same proxy


def test_a_forged_forwarded_header_is_ignored_without_a_trusted_proxy(world: World) -> None:
    c = Client()
    for k in range(5):
        _fail(c, "unit1b", "192.0.2.50", f"203.0.113.{k}")  # a new forged address each time
    assert _login("unit1b", "192.0.2.50", "203.0.113.99") == 429  # still one client: locked


def test_reading_the_settings_creates_nothing(tmp_path: Path) -> None:
    data = tmp_path / "nowhere"
    code = "import django; django.setup(); from huey.contrib.djhuey import HUEY; import jixiao.web.urls"
    env = {**os.environ, "JIXIAO_DATA": str(data), "DJANGO_SETTINGS_MODULE": "jixiao.web.settings"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=tmp_path)
    assert not data.exists() and list(tmp_path.iterdir()) == []


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path) -> None:
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA busy_timeout').fetchone()[0])"
    )
    env = {**os.environ, "JIXIAO_DATA": str(tmp_path), "DJANGO_SETTINGS_MODULE": "jixiao.web.settings"}
    env.pop("DATABASE_URL", None)
    out = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], env=env,
                         capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])  # fmt: skip
    assert out.stdout.split()[-2:] == ["wal", "20000"], out.stdout + out.stderr
