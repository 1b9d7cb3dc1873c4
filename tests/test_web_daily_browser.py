"""Daily use in a real browser (Playwright on Debian's chromium): the 待办 page each role opens
on, reviewers' row comments and 复核得分, 撤回 and the confirmations, deleting a draft, the
history in words with any version compared, the autosave line, the batch page and the long
download built in the background."""

# ruff: noqa: F811  (the browser fixtures are imported from test_web_browser and named as parameters)
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

import pytest
from huey.contrib.djhuey import HUEY

from jixiao.web.evaluations.models import Event, Record
from tests.conftest import SHARED
from tests.test_web_browser import Session, browser, world  # noqa: F401  (fixtures)
from tests.web import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def immediate_tasks() -> None:
    HUEY.immediate = True  # background tasks run as they are queued, on the test database


@contextmanager
def _guard(*sessions: Session) -> Iterator[None]:
    """A failing step leaves a screenshot of every tab (test-artifacts/)."""
    try:
        yield
    except Exception:
        for s in sessions:
            s.shot("daily-failure")
        raise


def test_todo_each_role_opens_on_what_needs_it(browser: object, live_server: object, world: World) -> None:
    from playwright.sync_api import expect

    base = str(live_server)
    record = world.records["u1a"]
    unit = Session(browser, base, "unit1a")
    with _guard(unit):
        # the unit lands on its 待办: one table to fill in, for the current evaluation year
        expect(unit.page.locator("h1")).to_have_text("待办 · 2021 年度")
        expect(unit.page.locator("#todo-fill .count")).to_have_text("1")
        expect(unit.page.locator("#todo-waiting .count")).to_have_text("0")
        unit.page.locator("#todo-fill a", has_text="金保工程").click()
        unit.page.get_by_role("button", name="提交", exact=True).click()
        expect(unit.page.locator("#status")).to_have_text("已提交")
        unit.page.goto(f"{base}/evaluations/todo/")
        expect(unit.page.locator("#todo-fill .count")).to_have_text("0")
        expect(unit.page.locator("#todo-waiting .count")).to_have_text("1")
    dept = Session(browser, base, "dept1")
    with _guard(dept):
        expect(dept.page.locator("#todo-review .count")).to_have_text("1")
        row = dept.page.locator("#progress-table tbody tr", has_text="单位1a")
        expect(row.locator(".due")).to_have_text("1")
        expect(row.locator(".submitted")).to_have_text("1")
        expect(row.locator(".approved")).to_have_text("0")
        expect(dept.page.locator("#progress-table tfoot .due")).to_have_text("2")
        expect(dept.page.locator("#progress-table")).not_to_contain_text("单位2a")
        dept.page.locator("#todo-review a", has_text="金保工程").click()
        approve = dept.page.locator("form", has=dept.page.get_by_role("button", name="审核通过"))
        approve.locator("input[name=comment]").fill("同意，成本指标请下年细化")  # a comment on the whole table
        approve.get_by_role("button", name="审核通过").click()
        expect(dept.page.locator("#status")).to_have_text("主管部门审核通过")
        expect(dept.page.locator("#history")).to_contain_text("同意，成本指标请下年细化")
    finance = Session(browser, base, "finance1")
    with _guard(finance):
        expect(finance.page.locator("#todo-review .count")).to_have_text("1")
        expect(finance.page.locator("#todo-publish .count")).to_have_text("0")
        finance.step(record.pk, "复核通过")
        finance.page.goto(f"{base}/evaluations/todo/")
        expect(finance.page.locator("#todo-publish .count")).to_have_text("1")
        expect(finance.page.locator("#progress-table tbody tr", has_text="单位1a").locator(".approved")).to_have_text(
            "1"
        )


def test_row_comments_and_recheck_score(browser: object, live_server: object, world: World) -> None:
    from openpyxl import load_workbook
    from playwright.sync_api import expect

    base = str(live_server)
    record = world.records["u1a"]
    unit = Session(browser, base, "unit1a")
    dept = Session(browser, base, "dept1")
    with _guard(unit, dept):
        unit.step(record.pk, "提交")
        dept.page.goto(f"{base}/evaluations/{record.pk}/")
        # a score over the row's weight is refused beside the row, everything typed kept
        dept.page.fill("textarea[name=rc-1]", "采购数量与合同不符，请附验收单")
        dept.page.fill("input[name=rs-1]", "50")
        dept.page.click("#save-review")
        expect(dept.page.locator(".errors")).to_contain_text("第 1 行")
        expect(dept.page.locator(".errors")).to_contain_text("超过该行分值")
        expect(dept.page.locator("textarea[name=rc-1]")).to_have_value("采购数量与合同不符，请附验收单")
        dept.page.fill("input[name=rs-1]", "2.5")
        dept.page.click("#save-review")
        expect(dept.page.locator(".msg.success")).to_contain_text("已保存复核意见")
        expect(dept.page.locator("input[name=rs-1]")).to_have_value("2.5")
        expect(dept.page.locator("#history")).to_contain_text("复核意见：（空） → 采购数量与合同不符，请附验收单")
        expect(dept.page.locator("#history")).to_contain_text("复核得分：（空） → 2.5")
        dept.step(record.pk, "退回", comment="请按各行复核意见修改")
        expect(dept.page.locator("#status")).to_have_text("已退回")
        # the unit sees the table's and the rows' comments at the top of its edit page
        unit.page.goto(f"{base}/evaluations/{record.pk}/edit/")
        top = unit.page.locator("#return-comments")
        expect(top).to_contain_text("请按各行复核意见修改")
        expect(top).to_contain_text("第 1 行")
        expect(top).to_contain_text("采购数量与合同不符，请附验收单")
        expect(top).to_contain_text("复核得分 2.5")
        # both are kept with the table: the evaluation's JSON and its download carry them
        stored = Record.objects.get(pk=record.pk).data["indicators"][0]
        assert (stored["review_comment"], stored["recheck_score"]) == ("采购数量与合同不符，请附验收单", "2.5")
        unit.page.goto(f"{base}/evaluations/{record.pk}/")
        with unit.page.expect_download() as info:
            unit.page.get_by_role("link", name="复核记录.xlsx").click()
        ws = load_workbook(BytesIO(Path(info.value.path()).read_bytes()))["复核记录"]
        rows = list(ws.iter_rows(values_only=True))
        assert rows[2][5:9] == ("自评得分", "计算得分", "复核得分", "复核意见")
        assert rows[3][7:9] == (2.5, "采购数量与合同不符，请附验收单")
        assert any(r[1] == "退回" and r[3] == "请按各行复核意见修改" for r in rows[4:] if len(r) > 3)


def test_withdraw_with_confirmation(browser: object, live_server: object, world: World) -> None:
    from playwright.sync_api import expect

    base = str(live_server)
    record = world.records["u1b"]
    unit = Session(browser, base, "unit1b")
    with _guard(unit):
        unit.step(record.pk, "提交")
        expect(unit.page.locator("#status")).to_have_text("已提交")
        # declining the confirmation changes nothing
        assert "提交" in unit.dialogs[-1]
        unit.confirm = False
        unit.page.get_by_role("button", name="撤回").click()
        unit.page.wait_for_timeout(500)
        assert "撤回" in unit.dialogs[-1]
        assert Record.objects.get(pk=record.pk).status == "submitted"
        expect(unit.page.locator("#status")).to_have_text("已提交")
        unit.confirm = True
        unit.page.get_by_role("button", name="撤回").click()
        expect(unit.page.locator("#status")).to_have_text("草稿")
        expect(unit.page.locator("#history")).to_contain_text("撤回")
        expect(unit.page.get_by_role("link", name="填报 / 修改")).to_be_visible()


def test_delete_a_draft_keeps_its_history(browser: object, live_server: object, world: World) -> None:
    from playwright.sync_api import expect

    base = str(live_server)
    record = world.records["u2a"]
    unit = Session(browser, base, "unit2a")
    with _guard(unit):
        unit.page.goto(f"{base}/evaluations/{record.pk}/")
        unit.page.get_by_role("button", name="删除草稿").click()
        expect(unit.page.locator(".msg.success")).to_contain_text("已删除草稿")
        expect(unit.page.locator("#count")).to_have_text("0")
        response = unit.page.goto(f"{base}/evaluations/{record.pk}/")
        assert response is not None and response.status == 404
        assert [e.action for e in Event.objects.filter(record_id=record.pk).order_by("pk")] == ["新建", "删除草稿"]


def test_history_in_words_and_compare_a_version(browser: object, live_server: object, world: World) -> None:
    from playwright.sync_api import expect

    base = str(live_server)
    record = world.records["u1a"]
    unit = Session(browser, base, "unit1a")
    with _guard(unit):
        unit.page.goto(f"{base}/evaluations/{record.pk}/edit/")
        old = Record.objects.get(pk=record.pk).data["funds"]["adjusted_budget"]  # as stored: 300.00
        unit.page.fill("input[name=fund-adjusted_budget]", "400")
        unit.page.click("#save")
        unit.page.wait_for_url(f"**/evaluations/{record.pk}/")
        history = unit.page.locator("#history")
        expect(history).to_contain_text(f"全年预算数：{old} → 400")
        expect(history).not_to_contain_text("funds.adjusted_budget")
        unit.page.get_by_role("link", name="第 1 版").click()
        expect(unit.page.locator("h1")).to_contain_text("第 1 版")
        compare = unit.page.locator("#compare tr", has_text="全年预算数")
        expect(compare.locator("del")).to_have_text(old)
        expect(compare.locator("ins")).to_have_text("400")
        unit.page.goto(f"{base}/evaluations/{record.pk}/history/")
        expect(unit.page.locator("#history tbody tr")).to_have_count(2)


def test_autosave_line_keeps_the_score_panel(browser: object, live_server: object, world: World) -> None:
    from playwright.sync_api import expect

    base = str(live_server)
    record = world.records["u1a"]
    unit = Session(browser, base, "unit1a")
    with _guard(unit):
        unit.page.goto(f"{base}/evaluations/{record.pk}/edit/")
        unit.page.fill("input[name='ind-0-actual']", "10个")
        expect(unit.page.locator("#autosave")).to_contain_text("已自动保存（第 2 版", timeout=15_000)
        expect(unit.page.locator("#live-total")).to_have_text("97.32")
        # a figure the server refuses: the line says which, nothing is saved, the score panel stays
        unit.page.fill("input[name='ind-0-score']", "abc")
        expect(unit.page.locator("#autosave")).to_contain_text("未能自动保存", timeout=15_000)
        expect(unit.page.locator("#autosave")).to_contain_text("“abc”不是数字")
        expect(unit.page.locator("#score #live-total")).to_be_visible()
        assert Record.objects.get(pk=record.pk).version == 2
        unit.page.fill("input[name='ind-0-score']", "2.5")
        expect(unit.page.locator("#autosave")).to_contain_text("已自动保存（第 3 版", timeout=15_000)
        # someone else saves meanwhile: the line says why it could not save, the score panel stays
        Record.objects.filter(pk=record.pk).update(version=9)
        unit.page.fill("textarea[name='ind-0-deviation_note']", "部分设备延至次年采购。")
        expect(unit.page.locator("#autosave")).to_contain_text("未能自动保存", timeout=15_000)
        expect(unit.page.locator("#autosave")).to_contain_text("已被他人修改")
        expect(unit.page.locator("#score #live-total")).to_be_visible()


def test_batch_page(browser: object, live_server: object, world: World, tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from playwright.sync_api import expect

    base = str(live_server)
    finance = Session(browser, base, "finance1")
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(b"not a workbook")
    with _guard(finance):
        finance.page.goto(f"{base}/evaluations/batch/")
        finance.page.set_input_files("input[name=files][multiple]", [*map(str, seeds), str(broken)])
        finance.page.get_by_role("button", name="开始复核").click()
        expect(finance.page.locator("#finished")).to_have_text("已完成", timeout=60_000)
        table = finance.page.locator("#batch-files")
        for seed in seeds:
            expect(table).to_contain_text(seed.name)
        expect(table).not_to_contain_text("/batches/")
        not_read = finance.page.locator("#not-read")
        expect(not_read).to_contain_text("坏文件.xlsx")
        expect(not_read).to_contain_text("不是有效的 Excel 文件")
        expect(not_read).not_to_contain_text("00004")
        expect(table).to_contain_text("年度不一致")  # finding titles, the code small beside
        finance.page.locator("#batch-files a").first.click()
        expect(finance.page.locator("table.sheet")).to_be_visible()
        expect(finance.page.locator("main")).to_contain_text("来自")
        finance.page.go_back()
        with finance.page.expect_download() as info:
            finance.page.get_by_role("link", name="下载全部复核意见（.xlsx）").click()
        ws = load_workbook(BytesIO(Path(info.value.path()).read_bytes()))["复核意见"]
        files = {row[3] for row in ws.iter_rows(min_row=2, values_only=True)}
        assert files and files <= {s.name for s in seeds}


def test_long_download_in_the_background(browser: object, live_server: object, world: World) -> None:
    from docx import Document
    from playwright.sync_api import expect

    base = str(live_server)
    finance = Session(browser, base, "finance1")
    with _guard(finance):
        finance.page.goto(f"{base}/evaluations/")
        # the finding filter takes a title (or part of one): seed 004 表1 has 得分尾差 in both units
        finance.page.fill("input[name=code]", "尾差")
        finance.page.get_by_role("button", name="筛选").click()
        expect(finance.page.locator("#count")).to_have_text("2")
        finance.page.fill("input[name=code]", "年度不一致")
        finance.page.get_by_role("button", name="筛选").click()
        expect(finance.page.locator("#count")).to_have_text("0")
        finance.page.fill("input[name=code]", "")
        finance.page.get_by_role("button", name="筛选").click()
        finance.page.get_by_role("link", name="自评表（Word）").click()
        expect(finance.page.locator("h1")).to_have_text("下载 自评表.docx")
        expect(finance.page.locator("main")).to_contain_text("共 2 张自评表")
        expect(finance.page.locator("#export-finished")).to_have_text("已完成", timeout=60_000)
        with finance.page.expect_download() as info:
            finance.page.locator("#export-link").click()
        assert info.value.suggested_filename == "自评表.docx"
        text = "\n".join(p.text for p in Document(info.value.path()).paragraphs)
        tables = Document(info.value.path()).tables
        assert "金保工程" in text or any("金保工程" in c.text for t in tables for r in t.rows for c in r.cells)
