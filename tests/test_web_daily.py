"""Daily use without a browser: the history's Chinese field names, the finding filter by
title, the history never cut off silently, the current evaluation year, the 待办 counts."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from jixiao.web.evaluations import labels, workflow
from jixiao.web.evaluations.models import Record
from tests.web import World, build_world, seed_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


SNAPSHOT = {
    "indicators": [{"name": "设备购置数量"}, {"name": "系统验收合格率"}],
    "funds": {"sources": [{"name": "当年财政拨款"}]},
    "goals": [{"expected": "完成升级"}],
}


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("funds.adjusted_budget", "全年预算数"),
        ("funds.executed", "全年执行数"),
        ("project_name", "项目名称"),
        ("preparer_phone", "联系电话"),
        ("execution_rate_stated", "预算执行率（填报）"),
        ("indicators[2].actual", "第 2 行指标“系统验收合格率” · 实际完成值"),
        ("indicators[1].recheck_score", "第 1 行指标“设备购置数量” · 复核得分"),
        ("indicators[1].review_comment", "第 1 行指标“设备购置数量” · 复核意见"),
        ("indicators[3].score", "第 3 行指标 · 自评得分"),
        ("goals[1].actual", "第 1 行年度总体目标 · 实际完成情况"),
        ("funds.sources[1].executed", "资金来源第 1 行（当年财政拨款）· 全年执行数"),
        ("doubts[1].reason", "第 1 行存疑读数 · 原因"),
    ],
)
def test_history_names_fields_in_chinese(path: str, label: str) -> None:
    assert labels.field_label(path, SNAPSHOT) == label


def test_history_values_in_words() -> None:
    (budget, rate, na, empty) = labels.describe(
        [
            {"field": "funds.adjusted_budget", "old": "150", "new": "160"},
            {"field": "execution_rate_stated", "old": "0.9875", "new": "1"},
            {"field": "indicators[1].not_applicable", "old": False, "new": True},
            {"field": "indicators[1].remark", "old": None, "new": "见附件"},
        ],
        SNAPSHOT,
    )
    assert str(budget) == "全年预算数：150 → 160"
    assert str(rate) == "预算执行率（填报）：98.75% → 100%"
    assert str(na) == "第 1 行指标“设备购置数量” · 不适用：否 → 是"
    assert str(empty) == "第 1 行指标“设备购置数量” · 备注：（空） → 见附件"


def test_finding_filter_takes_the_title_or_the_code(world: World) -> None:
    c = world.client("finance1")

    def count(text: str) -> str:
        page = c.get("/evaluations/", {"year": "all", "code": text}).content.decode()
        return page.split('<b id="count">', 1)[1].split("<", 1)[0]

    # seed 004 表1: 文字与表格数字不一致 (TEXT_TABLE_MISMATCH) and 得分尾差 (SCORE_ROUNDING)
    assert count("文字与表格数字不一致") == "2"
    assert count("尾差") == "2"  # part of a title
    assert count("TEXT_TABLE_MISMATCH") == "2"
    assert count("text_table_mismatch") == "2"
    assert count("年度不一致") == "0"
    assert count("没有这样的问题") == "0"
    page = c.get("/evaluations/").content.decode()
    assert '<option value="得分超过分值">SCORE_OVER_WEIGHT</option>' in page


def test_findings_shown_by_title_with_the_code_beside(world: World) -> None:
    page = world.client("unit1a").get(f"/evaluations/{world.records['u1a'].pk}/").content.decode()
    assert '文字与表格数字不一致<small class="code">TEXT_TABLE_MISMATCH</small>' in page


def test_history_is_never_cut_off_silently(world: World) -> None:
    record = world.records["u1a"]
    user = get_user_model().objects.get(username="unit1a")
    ev = workflow.evaluation_of(record)
    for k in range(60):
        record = workflow.save(user, record.pk, ev.model_copy(update={"project_name": f"项目{k}"}), record.version)
    c = world.client("unit1a")
    detail = c.get(f"/evaluations/{record.pk}/").content.decode()
    assert "共 61 条，此处显示最近 50 条" in detail and "查看全部历史" in detail
    assert detail.count("项目名称：") == 50
    history = c.get(f"/evaluations/{record.pk}/history/").content.decode()
    assert history.count("项目名称：") == 60 and "项目名称：“金保工程”社会保险信息系统升级改造经费 → 项目0" in history
    # any version opens and is compared with the current one
    version = c.get(f"/evaluations/{record.pk}/version/3/").content.decode()
    assert "<del>项目1</del>" in version and "<ins>项目59</ins>" in version


def test_the_current_evaluation_year(world: World) -> None:
    """Lists and 待办 open on the newest year in reach; another unit's newer year does not count."""
    newer = seed_table().model_copy(update={"year": 2022, "project_name": "新一年的项目"})
    workflow.create(None, world.orgs["u1a"], newer)
    mine = world.client("unit1a").get("/evaluations/").content.decode()
    assert '<b id="count">1</b>' in mine and "新一年的项目" in mine
    assert '<option value="2022" selected>' in mine
    other = world.client("unit1b").get("/evaluations/").content.decode()
    assert '<b id="count">1</b>' in other and '<option value="2021" selected>' in other
    todo = world.client("dept1").get("/evaluations/todo/").content.decode()
    assert "待办 · 2022 年度" in todo
    assert world.client("dept1").get("/evaluations/", {"year": "all"}).content.decode().count("<tr><td>20") == 3


def test_deleted_drafts_leave_every_list_but_keep_their_history(world: World) -> None:
    record = world.records["u1a"]
    c = world.client("unit1a")
    c.post(f"/evaluations/{record.pk}/delete/")
    assert Record.objects.get(pk=record.pk).status == "deleted"
    assert '<b id="count">0</b>' in c.get("/evaluations/").content.decode()
    assert '<b id="count">1</b>' in world.client("dept1").get("/evaluations/").content.decode()
    assert record.events.count() == 2
    # a submitted table cannot be deleted: withdraw first
    other = world.records["u1b"]
    unit = world.client("unit1b")
    unit.post(f"/evaluations/{other.pk}/do/submit/")
    assert unit.post(f"/evaluations/{other.pk}/delete/").status_code == 404
    unit.post(f"/evaluations/{other.pk}/do/withdraw/")
    unit.post(f"/evaluations/{other.pk}/delete/")
    assert Record.objects.get(pk=other.pk).status == "deleted"


def test_odd_parameters_never_give_a_500(world: World) -> None:
    record = world.records["u1a"]
    world.client("unit1a").post(f"/evaluations/{record.pk}/do/submit/")
    dept = world.client("dept1")
    assert dept.get("/evaluations/todo/", {"year": "²"}).status_code == 200
    assert dept.get("/evaluations/todo/", {"year": "99999999999999"}).status_code == 200
    response = dept.post(f"/evaluations/{record.pk}/annotate/", {"version": "abc", "rs-1": "1e999999"})
    assert response.status_code == 400 and "超过 100" in response.content.decode()
    response = dept.post(f"/evaluations/{record.pk}/annotate/", {"version": "²", "rc-1": "x"})
    assert response.status_code == 400 and "请刷新" in response.content.decode()
    assert workflow.evaluation_of(Record.objects.get(pk=record.pk)).indicators[0].review_comment is None


def test_background_downloads_fail_plainly_and_old_ones_are_removed(world: World, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from django.utils import timezone
    from huey.contrib.djhuey import HUEY

    from jixiao.render import outputs
    from jixiao.web.evaluations import exports
    from jixiao.web.evaluations.models import Export

    HUEY.immediate = True
    c = world.client("finance1")
    first = c.get("/evaluations/download/summary/")["Location"]
    old = Export.objects.get()
    assert exports.folder(old).is_dir() and old.state == "done"
    Export.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))

    def broken(*args: object, **kwargs: object) -> bytes:
        raise MemoryError

    monkeypatch.setattr(outputs, "render", broken)
    second = c.get("/evaluations/download/docx/")["Location"]
    assert second != first and not Export.objects.filter(pk=old.pk).exists() and not exports.folder(old).exists()
    page = c.get(second).content.decode()
    assert "生成失败（MemoryError），请缩小筛选范围后重试" in page
    assert c.get(second + "file/").status_code == 404


def test_progress_counts_every_table_in_reach(world: World) -> None:
    """A table filed under the department itself still appears in the progress table."""
    workflow.create(None, world.orgs["d1"], seed_table().model_copy(update={"project_name": "部门本级项目"}))
    page = world.client("finance1").get("/evaluations/todo/").content.decode()
    body = page.split("<tfoot>", 1)
    assert '>主管部门1</a></td><td class="n due">1</td>' in body[0] and '<td class="n due">3</td>' in body[1]
