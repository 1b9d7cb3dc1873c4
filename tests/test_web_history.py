"""The audit trail cannot be rewritten (issue 14, defect 4): history is append-only in the model
layer, a record's 状态 changes only through the workflow, the admin is read-only for both, and
the admin speaks Chinese throughout."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import ProtectedError
from django.test import Client

from jixiao.web.evaluations import workflow
from jixiao.web.evaluations.models import AppendOnly, Event, Record, Status, StatusGuard
from tests.web import World, build_world

pytestmark = pytest.mark.django_db
CJK = re.compile(r"[\u4e00-\u9fff]")
LOCALE = Path(workflow.__file__).parents[1] / "locale" / "zh_Hans" / "LC_MESSAGES"


@pytest.fixture
def world() -> World:
    return build_world()


@pytest.fixture
def superuser(world: World) -> Client:
    user = get_user_model().objects.create_superuser(username="root", password="x-Long-password-2026")
    c = Client()
    c.force_login(user)
    return c


def test_history_cannot_be_changed_or_deleted(world: World) -> None:
    record = world.records["u1a"]
    event = record.events.get()
    event.comment = "改写"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        Event.objects.filter(pk=event.pk).update(comment="改写")
    with pytest.raises(AppendOnly):
        Event.objects.all().delete()
    with pytest.raises(ProtectedError):
        Record.objects.get(pk=record.pk).delete()  # a record's history goes nowhere with it
    assert Event.objects.get(pk=event.pk).comment == ""


def test_status_changes_only_through_the_workflow(world: World) -> None:
    record = Record.objects.get(pk=world.records["u1a"].pk)
    record.status = Status.PUBLISHED
    with pytest.raises(StatusGuard):
        record.save()
    unit = get_user_model().objects.get(username="unit1a")
    moved = workflow.advance(unit, record.pk, "submit")
    assert Record.objects.get(pk=moved.pk).status == Status.SUBMITTED


def test_bulk_writes_cannot_change_status(world: World) -> None:
    records = Record.objects.filter(pk__in=[world.records["u1a"].pk, world.records["u2b"].pk])
    with pytest.raises(StatusGuard, match="批量修改状态被拒绝"):
        records.update(status=Status.PUBLISHED)
    with pytest.raises(StatusGuard):
        Record.objects.filter(pk=world.records["u1a"].pk).update(project_name="改名", status=Status.SUBMITTED)
    loaded = list(records)
    for r in loaded:
        r.status = Status.PUBLISHED
    with pytest.raises(StatusGuard):
        Record.objects.bulk_update(loaded, ["status"])
    assert set(records.values_list("status", flat=True)) == {Status.DRAFT}
    assert records.update(project_name="批量改名") == 2  # other fields may still be written in bulk
    assert Record.objects.bulk_update(loaded, ["grade"]) == 2


def test_the_admin_cannot_change_status_or_history(world: World, superuser: Client) -> None:
    record = world.records["u1a"]
    event = record.events.get()
    assert superuser.get(f"/admin/evaluations/record/{record.pk}/change/").status_code == 200  # view only
    assert superuser.post(f"/admin/evaluations/record/{record.pk}/change/", {"status": "published"}).status_code == 403
    assert superuser.post(f"/admin/evaluations/record/{record.pk}/delete/", {"post": "yes"}).status_code == 403
    assert superuser.post(f"/admin/evaluations/event/{event.pk}/change/", {"comment": "x"}).status_code == 403
    assert superuser.post(f"/admin/evaluations/event/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert superuser.get("/admin/evaluations/event/add/").status_code == 403
    assert Record.objects.get(pk=record.pk).status == Status.DRAFT and Event.objects.get(pk=event.pk).comment == ""


def test_the_admin_is_chinese_throughout(world: World, superuser: Client) -> None:
    import lxml.html

    # a login failure so axes' lists have rows to show
    Client().post("/accounts/login/", {"username": "unit1a", "password": "wrong"})
    index = lxml.html.fromstring(superuser.get("/admin/").content.decode())
    for caption in index.xpath("//caption//a | //th[@scope='row']/a"):
        assert CJK.search(caption.text_content()), caption.text_content()
    for model in admin.site._registry:
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        page = lxml.html.fromstring(superuser.get(url).content.decode())
        headers = [th.text_content().strip() for th in page.xpath("//table[@id='result_list']//thead//th")]
        for header in headers:
            assert not header or CJK.search(header) or header == "ID", (url, header)
        body = page.xpath("string(//table[@id='result_list'])")
        assert " object (" not in body, url
        assert CJK.search(page.xpath("string(//h1)")), url
        first = page.xpath("//table[@id='result_list']//tbody//th/a/@href")
        if first:
            detail = lxml.html.fromstring(superuser.get(first[0]).content.decode())
            labels = [lab.text_content().strip().rstrip(":：") for lab in detail.xpath("//form//label")]
            for label in labels:
                assert not label or CJK.search(label) or label in ("ID", "GET 数据"), (first[0], label)
            assert " object (" not in detail.xpath("string(//h1)") + detail.xpath("string(//h2)"), first[0]


def test_the_admin_translations_are_compiled() -> None:
    """django.mo is compiled from django.po (``msgfmt``): every message of the .po is in it."""
    catalogue = gettext.GNUTranslations((LOCALE / "django.mo").open("rb"))
    po = (LOCALE / "django.po").read_text(encoding="utf-8")
    pairs = re.findall(r'msgid "(.+)"\nmsgstr "(.+)"', po)
    assert len(pairs) > 20
    for msgid, msgstr in pairs:
        assert catalogue.gettext(msgid) == msgstr
