"""Every view, every role, against objects of its own and of other organisations: what is
out of reach is 404, never the page."""

from __future__ import annotations

import pytest

from tests.web import World, build_world, put_in_state

pytestmark = pytest.mark.django_db

# who may open each unit's evaluation
REACH = {
    "unit1a": {"u1a"},
    "unit1b": {"u1b"},
    "dept1": {"u1a", "u1b"},
    "finance1": {"u1a", "u1b"},
    "unit2a": {"u2a"},
    "dept2": {"u2a", "u2b"},
    "finance2": {"u2a", "u2b"},
    "admin": {"u1a", "u1b", "u2a", "u2b"},
}
READ_VIEWS = ("", "download/xlsx/", "history/", "version/1/", "review.xlsx")


@pytest.fixture
def world() -> World:
    return build_world()


@pytest.mark.parametrize("username", sorted(REACH))
def test_read_views(world: World, username: str) -> None:
    c = world.client(username)
    for key, record in world.records.items():
        for view in READ_VIEWS:
            response = c.get(f"/evaluations/{record.pk}/{view}")
            expected = 200 if key in REACH[username] else 404
            assert response.status_code == expected, (username, key, view)


@pytest.mark.parametrize("username", sorted(REACH))
def test_list_shows_only_what_is_in_reach(world: World, username: str) -> None:
    page = world.client(username).get("/evaluations/").content.decode()
    assert f'<b id="count">{len(REACH[username])}</b>' in page


@pytest.mark.parametrize("username", sorted(REACH))
def test_write_views(world: World, username: str) -> None:
    """Only a unit's own filler edits, scores, copies; others get 404 or are refused."""
    c = world.client(username)
    for key, record in world.records.items():
        own = username.startswith("unit") and key == "u" + username[4:]
        edit = c.get(f"/evaluations/{record.pk}/edit/")
        assert edit.status_code == (200 if own else 404 if key not in REACH[username] else 302), (username, key)
        score = c.post(f"/evaluations/{record.pk}/score/", {"project_name": "x"})
        assert score.status_code == (200 if key in REACH[username] else 404)
        copy = c.post(f"/evaluations/{record.pk}/copy/")
        assert copy.status_code == (302 if own else 404), (username, key)
        step = c.post(f"/evaluations/{record.pk}/do/dept_approve/")
        assert step.status_code == (302 if key in REACH[username] else 404)


def test_workflow_steps_are_checked_on_the_server(world: World) -> None:
    record = world.records["u1a"]
    world.client("unit1a").post(f"/evaluations/{record.pk}/do/submit/")
    # a finance user cannot take the department's step, a unit cannot approve itself
    for username in ("finance1", "unit1a"):
        world.client(username).post(f"/evaluations/{record.pk}/do/dept_approve/")
        record.refresh_from_db()
        assert record.status == "submitted", username


def test_unit_creates_only_for_itself(world: World) -> None:
    assert world.client("dept1").post("/evaluations/new/").status_code == 404
    response = world.client("unit1a").post("/evaluations/new/")
    assert response.status_code == 302
    from jixiao.web.evaluations.models import Record

    assert Record.objects.filter(organisation=world.orgs["u1a"]).count() == 2


def test_anonymous_is_sent_to_login(world: World) -> None:
    from django.test import Client

    record = world.records["u1a"]
    response = Client().get(f"/evaluations/{record.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_public_pages_show_only_published(world: World) -> None:
    from django.test import Client

    record = world.records["u1a"]
    anonymous = Client()
    assert anonymous.get(f"/public/{record.pk}/").status_code == 404
    assert anonymous.get(f"/public/{record.pk}.json").status_code == 404
    put_in_state(record, "published")  # as the workflow would
    assert anonymous.get(f"/public/{record.pk}/").status_code == 200
    data = anonymous.get(f"/public/{record.pk}.json").json()
    assert data["evaluation"]["project_name"] == "“金保工程”社会保险信息系统升级改造经费"
    assert data["evaluation"]["funds"]["executed"] == "296.26"
    csv = anonymous.get("/public/data.csv").content.decode("utf-8-sig")
    assert csv.count("\n") == 2 and "“金保工程”社会保险信息系统升级改造经费" in csv
    index = anonymous.get("/public/data.json").json()
    assert index["count"] == 1 and index["evaluations"][0]["id"] == record.pk


def test_list_downloads_cover_only_what_is_in_reach(world: World) -> None:
    from io import BytesIO

    from huey.contrib.djhuey import HUEY
    from openpyxl import load_workbook

    HUEY.immediate = True  # the export is built as it is queued
    c = world.client("dept2")
    response = c.get("/evaluations/download/summary/")
    assert response.status_code == 302
    page = c.get(response["Location"])
    assert page.status_code == 200 and "已完成" in page.content.decode()
    response = c.get(response["Location"] + "file/")
    assert response.status_code == 200
    ws = load_workbook(BytesIO(b"".join(response.streaming_content)))["汇总"]
    assert ws.cell(row=5, column=1).value == "合计 / 平均" and ws.cell(row=5, column=3).value == "2 个项目"
    assert world.client("unit1a").get("/evaluations/download/nothing/").status_code == 404


@pytest.mark.parametrize(("username", "status"), [("unit1a", 200), ("dept1", 200), ("finance1", 200), ("admin", 404)])
def test_upload_is_for_those_who_file_tables(world: World, username: str, status: int) -> None:
    c = world.client(username)
    assert c.get("/evaluations/upload/").status_code == status
    assert c.post("/evaluations/upload/1/confirm/").status_code == 404  # nobody's upload 1


@pytest.mark.parametrize("username", sorted(REACH))
def test_todo_counts_only_what_is_in_reach(world: World, username: str) -> None:
    """Every role opens on its 待办; the progress table covers only units in reach."""
    response = world.client(username).get("/evaluations/todo/")
    assert response.status_code == 200
    page = response.content.decode()
    if username.startswith("unit"):
        assert '<section id="todo-fill"><h2>待填报<b class="count">1</b>' in page
        assert "progress-table" not in page
    else:
        units = {world.orgs[k].name for k in REACH[username]}
        others = {o.name for k, o in world.orgs.items() if k.startswith("u") and k not in REACH[username]}
        assert all(name in page for name in units) and not any(name in page for name in others)


@pytest.mark.parametrize("username", sorted(REACH))
def test_row_comments_only_by_the_reviewer_at_its_stage(world: World, username: str) -> None:
    """复核意见 can be written only by the department on a submitted table (and finance after
    the department); out of reach is 404, in reach at another stage changes nothing."""
    for key, record in world.records.items():
        world.client(f"unit{key[1:]}").post(f"/evaluations/{record.pk}/do/submit/")
    c = world.client(username)
    for key, record in world.records.items():
        record.refresh_from_db()
        response = c.post(f"/evaluations/{record.pk}/annotate/", {"version": record.version, "rc-1": "请补充依据"})
        allowed = key in REACH[username] and username.startswith("dept")
        assert response.status_code == (404 if key not in REACH[username] else 302), (username, key)
        record.refresh_from_db()
        comment = record.data["indicators"][0]["review_comment"]
        assert comment == ("请补充依据" if allowed else None), (username, key)


@pytest.mark.parametrize("username", sorted(REACH))
def test_delete_only_own_drafts(world: World, username: str) -> None:
    from jixiao.web.evaluations.models import Record

    c = world.client(username)
    for key, record in world.records.items():
        own = username.startswith("unit") and key == "u" + username[4:]
        assert c.post(f"/evaluations/{record.pk}/delete/").status_code == (302 if own else 404), (username, key)
        assert Record.objects.get(pk=record.pk).status == ("deleted" if own else "draft")


def test_withdraw_only_by_the_unit_before_review(world: World) -> None:
    record = world.records["u1a"]
    world.client("unit1a").post(f"/evaluations/{record.pk}/do/submit/")
    for username in ("unit1b", "unit2a"):
        assert world.client(username).post(f"/evaluations/{record.pk}/do/withdraw/").status_code == 404
    world.client("dept1").post(f"/evaluations/{record.pk}/do/withdraw/")
    record.refresh_from_db()
    assert record.status == "submitted"
    world.client("dept1").post(f"/evaluations/{record.pk}/do/dept_approve/")
    world.client("unit1a").post(f"/evaluations/{record.pk}/do/withdraw/")
    record.refresh_from_db()
    assert record.status == "dept_approved"  # reviewed: no longer withdrawable


def test_exports_belong_to_their_requester(world: World) -> None:
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    response = world.client("finance1").get("/evaluations/download/xlsx/")
    export = response["Location"]
    for username in ("finance2", "dept1", "unit1a", "admin"):
        c = world.client(username)
        assert c.get(export).status_code == 404 and c.get(export + "file/").status_code == 404, username
    assert world.client("finance1").get(export + "file/").status_code == 200


def test_batch_tables_and_findings_stay_in_their_bureau(world: World) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from huey.contrib.djhuey import HUEY

    from jixiao.web.evaluations.models import Batch
    from tests.conftest import SHARED

    HUEY.immediate = True
    (seed,) = (SHARED / "seeds").glob("002_*.txt")
    world.client("finance1").post("/evaluations/batch/", {"files": [SimpleUploadedFile(seed.name, seed.read_bytes())]})
    batch = Batch.objects.get()
    item = batch.files.get()
    urls = (f"/evaluations/batch/{batch.pk}/table/{item.pk}/1/", f"/evaluations/batch/{batch.pk}/findings.xlsx")
    for username, expected in (("finance1", 200), ("finance2", 404), ("dept1", 404), ("unit1a", 404)):
        for url in urls:
            assert world.client(username).get(url).status_code == expected, (username, url)
