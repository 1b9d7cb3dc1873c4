"""CSRF on every form, the login rate limit, Django's deployment checklist and the Chinese error pages."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.test import Client

from tests.web import PASSWORD, World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


def test_csrf_is_enforced(world: World) -> None:
    from django.contrib.auth import get_user_model

    c = Client(enforce_csrf_checks=True)
    c.force_login(get_user_model().objects.get(username="unit1a"))
    record = world.records["u1a"]
    for url in (f"/evaluations/{record.pk}/do/submit/", f"/evaluations/{record.pk}/edit/", "/evaluations/new/"):
        assert c.post(url, {}).status_code == 403, url
    record.refresh_from_db()
    assert record.status == "draft"
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.post("/accounts/login/", {"username": "unit1a", "password": PASSWORD}).status_code == 403


def test_login_rate_limit(world: World) -> None:
    c = Client()
    for _ in range(5):
        response = c.post("/accounts/login/", {"username": "unit1a", "password": "wrong"})
        assert response.status_code in (200, 429)
    locked = c.post("/accounts/login/", {"username": "unit1a", "password": PASSWORD})
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode()
    # another user from the same address is not locked out by someone else's failures
    ok = Client().post("/accounts/login/", {"username": "unit1b", "password": PASSWORD})
    assert ok.status_code == 302


def test_login_succeeds_and_passwords_are_argon2(world: World) -> None:
    from django.contrib.auth import get_user_model

    response = Client().post("/accounts/login/", {"username": "dept1", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/evaluations/todo/"  # each role opens on its 待办
    assert get_user_model().objects.get(username="dept1").password.startswith("argon2$")


def test_deploy_checklist_passes_with_production_settings() -> None:
    secret = "x" * 20 + "-Kq8#vR2!mZ7@pL4$wN9&tY6*hB3^cF1"
    env = {**os.environ, "JIXIAO_PRODUCTION": "1", "DJANGO_SECRET_KEY": secret}
    env |= {"DJANGO_ALLOWED_HOSTS": "jixiao.example.gov.cn", "DJANGO_SETTINGS_MODULE": "jixiao.web.settings"}
    result = subprocess.run([sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
                            capture_output=True, text=True, env=env)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_database_is_the_one_configured() -> None:
    """Under ``scripts/with_postgres.py`` these tests really run on PostgreSQL."""
    from django.db import connection

    url = os.environ.get("DATABASE_URL", "sqlite://")
    assert connection.vendor == ("postgresql" if url.startswith("postgres") else "sqlite")


def test_error_pages_are_chinese(world: World) -> None:
    from django.test import RequestFactory
    from django.views import defaults

    c = world.client("unit1a")
    missing = c.get("/evaluations/999999/")
    assert missing.status_code == 404 and "页面不存在（404）" in missing.content.decode()
    assert "页面不存在（404）" in Client().get("/no/such/page/").content.decode()
    request = RequestFactory().get("/")
    assert "系统出错（500）" in defaults.server_error(request).content.decode()
    assert "没有权限（403）" in defaults.permission_denied(request, Exception()).content.decode()
    assert "请求有误（400）" in defaults.bad_request(request, Exception()).content.decode()


def test_static_files_are_served_without_a_collected_folder() -> None:
    """Outside production WhiteNoise serves from the source folders: it must not look for (and warn
    about) a collectstatic folder that ``make run`` and the tests never create."""
    import warnings

    from whitenoise.middleware import WhiteNoiseMiddleware

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        middleware = WhiteNoiseMiddleware(get_response=lambda request: None)
    assert middleware.static_root is None
    assert middleware.use_finders and middleware.find_file("/static/jixiao/htmx-2.0.11.min.js") is not None
