"""The web tests' world: two finance bureaus, each with a department and units, one user
per role, and an evaluation in every unit (seed 004's first table, figures as stated)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.contrib.auth import get_user_model
from django.test import Client

from jixiao import ingest
from jixiao.model.evaluation import Evaluation
from jixiao.web.evaluations import workflow
from jixiao.web.evaluations.models import Record, Status
from jixiao.web.orgs.models import Organisation, Profile, Role
from tests.conftest import SHARED

PASSWORD = "测试-password-2026"
K = Organisation.Kind


def seed_table(n: int = 0) -> Evaluation:
    return _seed_tables()[n].model_copy(deep=True)


@dataclass
class World:
    orgs: dict[str, Organisation] = field(default_factory=dict)
    records: dict[str, Record] = field(default_factory=dict)

    def client(self, username: str) -> Client:
        c = Client()
        c.force_login(get_user_model().objects.get(username=username))
        return c


@cache
def _password_hash() -> str:
    """PASSWORD hashed once (argon2 takes ~0.6 s a hash on a busy machine; every user shares it)."""
    from django.contrib.auth.hashers import make_password

    return make_password(PASSWORD)


@cache
def _seed_tables() -> list[Evaluation]:
    (path,) = (SHARED / "seeds").glob("004_*.txt")
    return ingest.read(Path(path))


def _user(username: str, org: Organisation, role: Role) -> None:
    user = get_user_model().objects.create(username=username, password=_password_hash())
    Profile.objects.create(user=user, organisation=org, role=role)


def build_world() -> World:
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True  # queued tasks (uploads, batches) run as they are enqueued, on the test database
    w = World()
    for bureau in ("1", "2"):
        f = Organisation.objects.create(name=f"财政局{bureau}", kind=K.FINANCE)
        d = Organisation.objects.create(name=f"主管部门{bureau}", kind=K.DEPARTMENT, parent=f)
        units = [Organisation.objects.create(name=f"单位{bureau}{u}", kind=K.UNIT, parent=d) for u in "ab"]
        w.orgs |= {f"f{bureau}": f, f"d{bureau}": d, f"u{bureau}a": units[0], f"u{bureau}b": units[1]}
        _user(f"finance{bureau}", f, Role.FINANCE)
        _user(f"dept{bureau}", d, Role.DEPARTMENT)
        for key, unit in zip("ab", units, strict=True):
            _user(f"unit{bureau}{key}", unit, Role.UNIT)
            w.records[f"u{bureau}{key}"] = workflow.create(None, unit, seed_table())
    _user("admin", w.orgs["f1"], Role.ADMIN)
    return w


def put_in_state(record: Record, status: str) -> Record:
    """A fixture's shortcut to a state, through the one door the model leaves open (``workflow.move``)."""
    fresh = Record.objects.get(pk=record.pk)
    workflow.move(fresh, Status(status))
    fresh.save(update_fields=["status"])
    return fresh


def posted_form(html: str, form_id: str = "sheet-form") -> dict[str, list[str]]:
    """What a browser posts for the form as rendered: an <input>'s value loses its line breaks,
    a <textarea> loses the line break right after its tag and sends CRLF, an unchecked box is
    absent, and nothing inside a <template> is sent."""
    import lxml.html

    doc = lxml.html.fromstring(html)
    (form,) = doc.xpath(f"//form[@id='{form_id}']")
    data: dict[str, list[str]] = {}
    for el in form.xpath(".//input[@name] | .//textarea[@name] | .//select[@name]"):
        if el.xpath("ancestor::template"):
            continue
        name = el.get("name")
        if el.tag == "textarea":
            value = (el.text or "").removeprefix("\n").replace("\r\n", "\n").replace("\n", "\r\n")
        elif el.tag == "select":
            chosen = el.xpath(".//option[@selected]") or el.xpath(".//option")[:1]
            value = chosen[0].get("value", chosen[0].text or "") if chosen else ""
        elif el.get("type") in ("checkbox", "radio"):
            if el.get("checked") is None:
                continue
            value = el.get("value", "on")
        else:
            value = (el.get("value") or "").replace("\r", "").replace("\n", "")
        data.setdefault(name, []).append(value)
    return data


def form_of(client: Client, record: Record) -> dict[str, list[str]]:
    """The edit form of a record exactly as a browser would post it unchanged."""
    response = client.get(f"/evaluations/{record.pk}/edit/")
    assert response.status_code == 200, response.status_code
    return posted_form(response.content.decode())
