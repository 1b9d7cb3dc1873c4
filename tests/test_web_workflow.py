"""The workflow end to end, the history of every step and edit, and optimistic locking."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.web.evaluations import forms, workflow
from jixiao.web.evaluations.models import Record
from tests.web import World, build_world, form_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


def reason_row(record: Record) -> int:
    """The row of seed 004 表1 with a deviation reason (the cost row, 4.93 of 5)."""
    return next(k for k, i in enumerate(workflow.evaluation_of(record).indicators) if i.deviation_note)


def test_full_cycle_with_history(world: World) -> None:
    record = world.records["u1a"]
    unit, dept, finance = world.client("unit1a"), world.client("dept1"), world.client("finance1")
    assert unit.post(f"/evaluations/{record.pk}/do/submit/").status_code == 302
    # returning needs a comment
    dept.post(f"/evaluations/{record.pk}/do/dept_return/", {"comment": "  "})
    record.refresh_from_db()
    assert record.status == "submitted"
    dept.post(f"/evaluations/{record.pk}/do/dept_return/", {"comment": "请补充成本指标的偏差原因"})
    record.refresh_from_db()
    assert record.status == "returned"
    # the unit edits the returned table and resubmits
    data = form_of(unit, record)
    k = reason_row(record)
    before = data[f"ind-{k}-deviation_note"][0]
    assert before  # the unit's own reason, as the seed wrote it
    data[f"ind-{k}-deviation_note"] = ["实际成交价格低于预算，剩余资金已收回。"]
    assert unit.post(f"/evaluations/{record.pk}/edit/", data).status_code == 302
    unit.post(f"/evaluations/{record.pk}/do/submit/")
    dept.post(f"/evaluations/{record.pk}/do/dept_approve/")
    finance.post(f"/evaluations/{record.pk}/do/finance_approve/")
    finance.post(f"/evaluations/{record.pk}/do/publish/")
    record.refresh_from_db()
    assert record.status == "published"
    history = [(e.action, e.comment) for e in record.events.order_by("pk")]
    assert history == [("新建", ""), ("提交", ""), ("退回", "请补充成本指标的偏差原因"), ("修改", ""), ("提交", ""),
                       ("审核通过", ""), ("复核通过", ""), ("公开", "")]  # fmt: skip
    edit = record.events.get(action="修改")
    assert edit.changes == [{"field": f"indicators[{k + 1}].deviation_note", "old": before,
                             "new": "实际成交价格低于预算，剩余资金已收回。"}]  # fmt: skip
    page = finance.get(f"/evaluations/{record.pk}/").content.decode()
    assert "请补充成本指标的偏差原因" in page and "已公开" in page


def test_submission_needs_deviation_reasons(world: World) -> None:
    record = world.records["u1a"]
    unit = world.client("unit1a")
    data = form_of(unit, record)
    data[f"ind-{reason_row(record)}-deviation_note"] = [""]  # the 4.93 / 5 cost row loses its reason
    unit.post(f"/evaluations/{record.pk}/edit/", data)
    response = unit.post(f"/evaluations/{record.pk}/do/submit/", follow=True)
    record.refresh_from_db()
    assert record.status == "draft"
    assert "未说明偏差原因" in response.content.decode()


def test_second_save_of_the_same_version_is_refused_and_both_are_kept(world: World) -> None:
    record = world.records["u1b"]
    first, second = world.client("unit1b"), world.client("unit1b")
    a, b = form_of(first, record), form_of(second, record)
    a["ind-0-actual"], b["ind-0-actual"] = ["19个"], ["18个"]
    assert first.post(f"/evaluations/{record.pk}/edit/", a).status_code == 302
    response = second.post(f"/evaluations/{record.pk}/edit/", b)
    assert response.status_code == 409
    page = response.content.decode()
    assert "此自评表已被他人修改" in page and 'value="18个"' in page  # nothing typed is lost
    record.refresh_from_db()
    assert record.version == 2
    assert workflow.evaluation_of(record).indicators[0].actual == "19个"
    # both versions recoverable: the first from the history, the second still on the page
    snapshots = [e.snapshot["indicators"][0]["actual"] for e in record.events.order_by("pk")]
    assert snapshots == ["20个", "19个"]


def test_live_score_follows_what_is_typed(world: World) -> None:
    record = world.records["u2a"]
    c = world.client("unit2a")
    data = form_of(c, record)
    before = c.post(f"/evaluations/{record.pk}/score/", data).content.decode()
    assert '<strong id="live-total">99.82</strong>' in before
    data["ind-0-actual"] = ["10个"]  # half of the target of 20
    after = c.post(f"/evaluations/{record.pk}/score/", data).content.decode()
    assert '<strong id="live-total">97.32</strong>' in after
    record.refresh_from_db()
    assert record.version == 1  # scoring saves nothing


def test_bad_figures_are_named(world: World) -> None:
    record = world.records["u2a"]
    c = world.client("unit2a")
    data = form_of(c, record)
    data["ind-2-weight"] = ["五"]
    response = c.post(f"/evaluations/{record.pk}/edit/", data)
    assert response.status_code == 400
    assert "第 3 行“分值”“五”不是数字" in response.content.decode()


def test_copy_last_year(world: World) -> None:
    record = world.records["u1a"]
    response = world.client("unit1a").post(f"/evaluations/{record.pk}/copy/")
    copy = Record.objects.exclude(pk=record.pk).get(organisation=record.organisation)
    assert response.status_code == 302 and copy.year == 2022 and copy.status == "draft"
    ev = workflow.evaluation_of(copy)
    assert ev.indicators[0].target == "=20个" and ev.indicators[0].actual is None and ev.indicators[0].score is None
    assert ev.indicators[0].weight == Decimal(5)


def test_blank_form_rows() -> None:
    ev = forms.blank(2025, "单位", "部门")
    assert [i.level2 for i in ev.indicators][:4] == ["数量指标", "质量指标", "时效指标", "成本指标"]
