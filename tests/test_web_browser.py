"""The web application in a real browser: Playwright driving Debian's chromium.

Log in as each role; fill in a table and watch the score change; upload a seed document
and confirm its tables; submit; return with a comment; resubmit; approve at both levels;
publish; open the public page and the JSON.  A screenshot is saved on failure
(``test-artifacts/``)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SHARED
from tests.web import PASSWORD, World, build_world

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: `make test` installs it (apt-get install chromium)"
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the ORM is used between page steps
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield b
        b.close()


@pytest.fixture
def world(live_server: object) -> World:
    return build_world()


class Session:
    """One user's browser tab; a failure leaves a screenshot named after the step."""

    def __init__(self, browser: object, base: str, username: str) -> None:
        self.page = browser.new_context(locale="zh-CN").new_page()  # type: ignore[attr-defined]
        self.confirm, self.dialogs = True, []  # the confirmation before 提交 / 通过 / 退回 / 公开: answered yes
        self.page.on("dialog", self._answer)
        self.base, self.username = base, username
        self.refused: list[str] = []  # what the Content-Security-Policy blocked (must stay empty)
        self.page.on("console", lambda m: self.refused.append(m.text) if "Content Security Policy" in m.text else None)
        self.page.goto(f"{base}/accounts/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_url("**/evaluations/todo/")

    def _answer(self, dialog: object) -> None:
        self.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.accept() if self.confirm else dialog.dismiss()  # type: ignore[attr-defined]

    def shot(self, step: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{self.username}-{step}.png"), full_page=True)

    def step(self, record_pk: int, label: str, comment: str | None = None) -> None:
        self.page.goto(f"{self.base}/evaluations/{record_pk}/")
        form = self.page.locator("form", has=self.page.get_by_role("button", name=label, exact=True))
        if comment is not None:
            form.locator("input[name=comment]").fill(comment)
        form.get_by_role("button", name=label, exact=True).click()
        self.page.wait_for_load_state()


def test_the_whole_cycle(browser: object, live_server: object, world: World) -> None:
    from playwright.sync_api import expect

    base = str(live_server)
    record = world.records["u1a"]
    sessions: list[Session] = []
    try:
        for username, role in (("unit1a", "单位填报"), ("dept1", "主管部门审核"), ("finance1", "财政复核"),
                               ("admin", "系统管理")):  # fmt: skip
            s = Session(browser, base, username)
            sessions.append(s)
            expect(s.page.locator("header .who")).to_contain_text(role)
        unit, dept, finance, admin = sessions
        # fill in: the first row's result falls to half its target; the score follows as typed
        unit.page.goto(f"{base}/evaluations/{record.pk}/edit/")
        expect(unit.page.locator("#live-total")).to_have_text("99.82")
        unit.page.fill("input[name='ind-0-actual']", "10个")
        expect(unit.page.locator("#live-total")).to_have_text("97.32", timeout=10_000)
        unit.page.fill("textarea[name='ind-0-deviation_note']", "部分设备延至次年采购。")
        goals = unit.page.locator("#goals tr.goal")
        before = goals.count()
        unit.page.get_by_role("button", name="添加年度总体目标").click()  # from our static script, no inline code
        expect(goals).to_have_count(before + 1)
        goals.last.get_by_role("button", name="删除").click()
        expect(goals).to_have_count(before)
        unit.page.fill("input[name='ind-0-score']", "2.5")
        unit.page.click("#save")
        unit.page.wait_for_url(f"**/evaluations/{record.pk}/")
        expect(unit.page.locator(".msg.success")).to_contain_text("已保存")
        unit.step(record.pk, "提交")
        expect(unit.page.locator("#status")).to_have_text("已提交")
        dept.step(record.pk, "退回", comment="请核实成本指标")
        expect(dept.page.locator("#status")).to_have_text("已退回")
        unit.step(record.pk, "提交")
        dept.step(record.pk, "审核通过")
        finance.step(record.pk, "复核通过")
        finance.step(record.pk, "公开")
        expect(finance.page.locator("#status")).to_have_text("已公开")
        expect(finance.page.locator("#history")).to_contain_text("请核实成本指标")
        # the public page and its JSON, without login
        public = browser.new_context().new_page()  # type: ignore[attr-defined]
        public.goto(f"{base}/public/{record.pk}/")
        expect(public.locator("h1")).to_have_text("“金保工程”社会保险信息系统升级改造经费")
        public.goto(f"{base}/public/{record.pk}.json")
        data = json.loads(public.locator("body").inner_text())
        assert data["evaluation"]["indicators"][0]["actual"] == "10个"
        # the administrator reaches the Django admin
        admin.page.goto(f"{base}/admin/")
        expect(admin.page.locator("#site-name")).to_contain_text("jixiao 系统管理")
        assert [m for s in sessions for m in s.refused] == []
    except Exception:
        for s in sessions:
            s.shot("failure")
        raise


def test_upload_another_units_tables_needs_an_explicit_choice(browser: object, live_server: object,
                                                              world: World) -> None:  # fmt: skip
    from playwright.sync_api import expect

    unit = Session(browser, str(live_server), "unit2b")
    try:
        (seed,) = (SHARED / "seeds").glob("001_*.txt")
        unit.page.goto(f"{live_server}/evaluations/upload/")
        unit.page.set_input_files("input[name=files]", [str(seed)])
        unit.page.get_by_role("button", name="上传并识别").click()
        expect(unit.page.locator("h1")).to_have_text("确认导入")
        expect(unit.page.locator("input[name=take]")).to_have_count(9)
        expect(unit.page.locator("tr.mismatch")).to_have_count(9)  # seed 001 is another unit's
        expect(unit.page.locator("input[name=take]:checked")).to_have_count(0)
        unit.page.locator("input[name=take]").first.check()
        unit.page.locator("input[name='confirm-0']").check()
        unit.page.get_by_role("button", name="保存选中的表").click()
        expect(unit.page.locator(".msg.success")).to_have_text("已保存 1 张自评表")
        # the list opens on the current evaluation year (the newest: 2024, the table saved); all years give 2
        expect(unit.page.locator("#count")).to_have_text("1")
        unit.page.select_option("select[name=year]", "all")
        unit.page.get_by_role("button", name="筛选").click()
        expect(unit.page.locator("#count")).to_have_text("2")
    except Exception:
        unit.shot("upload-failure")
        raise


def test_a_yuan_table_is_shown_in_wan_yuan(browser: object, live_server: object, world: World) -> None:
    """Corpus 003 states its funds in 元 (387664.62): uploaded by its own unit, every page shows 万元."""
    from django.contrib.auth import get_user_model
    from playwright.sync_api import expect

    from jixiao import ingest
    from jixiao.web.orgs.models import Organisation, Profile, Role

    (path,) = (SHARED / "corpus").glob("003.txt")
    named = ingest.read(path)[0].implementing_unit
    org = Organisation.objects.create(name=named, kind=Organisation.Kind.UNIT, parent=world.orgs["d1"])
    user = get_user_model().objects.create_user(username="yuan", password=PASSWORD)
    Profile.objects.create(user=user, organisation=org, role=Role.UNIT)
    unit = Session(browser, str(live_server), "yuan")
    try:
        unit.page.goto(f"{live_server}/evaluations/upload/")
        unit.page.set_input_files("input[name=files]", [str(path)])
        unit.page.get_by_role("button", name="上传并识别").click()
        expect(unit.page.locator("input[name=take]:checked")).to_have_count(1)  # its own table: ticked
        unit.page.get_by_role("button", name="保存选中的表").click()
        expect(unit.page.locator(".msg.success")).to_have_text("已保存 1 张自评表")
        card = unit.page.locator(".card", has_text="全年执行数（万元）").locator("b")
        expect(card).to_have_text("38.77")
        unit.page.locator("table a").first.click()
        expect(unit.page.locator("#fund-executed")).to_have_text("38.766462")
        expect(unit.page.locator("table.sheet")).not_to_contain_text("387664.62")
        unit.page.get_by_role("link", name="填报 / 修改").click()
        expect(unit.page.locator("input[name='fund-executed']")).to_have_value("38.766462")
    except Exception:
        unit.shot("yuan-failure")
        raise
