"""The integrity defects of issue 14 in a real browser (Debian's chromium through Playwright):
an untouched form saves nothing new (3), the history and 状态 cannot be rewritten in the admin
and the admin is Chinese (4), invalid figures are refused beside their field with what was typed
kept (5).  Defects 1 (元) and 2 (the unit of an upload) are in test_web_browser.py."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from jixiao import ingest
from jixiao.web.evaluations import workflow
from jixiao.web.evaluations.models import Record
from tests import test_web_browser as browser_tests
from tests.conftest import SHARED
from tests.test_web_browser import Session
from tests.web import World

browser, world = browser_tests.browser, browser_tests.world  # the same fixtures: chromium, the test world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_saving_an_untouched_form_changes_nothing(browser: object, live_server: object, world: World) -> None:
    from playwright.sync_api import expect

    (seed,) = (SHARED / "seeds").glob("001_*.txt")
    ev = next(e for e in ingest.read(seed) if len(e.goals) > 1)  # several 年度总体目标 rows
    record = workflow.create(None, world.orgs["u1a"], ev)
    before = Record.objects.get(pk=record.pk).data
    unit = Session(browser, str(live_server), "unit1a")
    unit.page.goto(f"{live_server}/evaluations/{record.pk}/edit/")
    expect(unit.page.locator("#goals tr.goal")).to_have_count(len(ev.goals))
    unit.page.click("#save")
    unit.page.wait_for_url(f"**/evaluations/{record.pk}/")
    saved = Record.objects.get(pk=record.pk)
    assert saved.version == 1 and saved.data == before


def test_invalid_figures_are_shown_beside_the_field(browser: object, live_server: object, world: World) -> None:
    from playwright.sync_api import expect

    record = world.records["u1a"]
    unit = Session(browser, str(live_server), "unit1a")
    unit.page.goto(f"{live_server}/evaluations/{record.pk}/edit/")
    unit.page.fill("input[name='ind-0-weight']", "-5")
    unit.page.fill("input[name='ind-1-score']", "200")
    unit.page.fill("input[name='grade_stated']", "很好")
    unit.page.fill("input[name='project_name']", "")
    unit.page.click("#save")
    expect(unit.page.locator("#ind-0-weight-error")).to_have_text("第 1 行“分值”不能为负数（-5）")
    expect(unit.page.locator("#ind-1-score-error")).to_contain_text("超过其分值")
    expect(unit.page.locator("#grade_stated-error")).to_contain_text("等次应为")
    expect(unit.page.locator("#project_name-error")).to_have_text("项目名称不能为空")
    expect(unit.page.locator("input[name='ind-0-weight']")).to_have_value("-5")  # what was typed stays
    expect(unit.page.locator("input[name='grade_stated']")).to_have_value("很好")
    assert Record.objects.get(pk=record.pk).version == 1


def test_the_admin_is_read_only_for_history_and_chinese(browser: object, live_server: object, world: World) -> None:
    from playwright.sync_api import expect

    get_user_model().objects.create_superuser(username="root", password="x-Long-password-2026")
    record = world.records["u1a"]
    event = record.events.get()
    page = browser.new_context(locale="zh-CN").new_page()  # type: ignore[attr-defined]
    page.goto(f"{live_server}/admin/login/")
    page.fill("input[name=username]", "root")
    page.fill("input[name=password]", "x-Long-password-2026")
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_contain_text("jixiao 系统管理")
    expect(page.locator("#content-main")).to_contain_text("登录尝试")
    expect(page.locator("#content-main")).not_to_contain_text("Access attempts")
    page.goto(f"{live_server}/admin/evaluations/event/{event.pk}/change/")
    expect(page.locator("h1")).not_to_contain_text("object (")
    expect(page.locator("input[type=submit][name=_save]")).to_have_count(0)  # nothing to save: view only
    page.goto(f"{live_server}/admin/evaluations/record/{record.pk}/change/")
    expect(page.locator("select[name=status]")).to_have_count(0)  # 状态 not editable here
    page.goto(f"{live_server}/admin/axes/accessattempt/")
    expect(page.locator("#content h1, #content h2").first).not_to_contain_text("access attempt")
