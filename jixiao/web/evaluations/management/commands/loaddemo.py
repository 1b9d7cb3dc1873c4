"""``manage.py loaddemo``: demo organisations, one user per role and the demo evaluations.

Idempotent: run again, it changes nothing already there.  The logins are printed."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from jixiao.demo import demo_files
from jixiao.model.io import load_evaluations
from jixiao.web.evaluations import workflow
from jixiao.web.evaluations.models import Record
from jixiao.web.orgs.models import Organisation, Profile, Role

FINANCE = "青禾县财政局"
PASSWORD = "jixiao-demo-2026"


def _org(name: str, kind: str, parent: Organisation | None) -> Organisation:
    org, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind, "parent": parent})
    return org


def _user(username: str, org: Organisation, role: Role, *, superuser: bool = False) -> None:
    users = get_user_model()
    if users.objects.filter(username=username).exists():
        return
    if superuser:
        user = users.objects.create_superuser(username=username, password=PASSWORD)
    else:
        user = users.objects.create_user(username=username, password=PASSWORD)
    Profile.objects.create(user=user, organisation=org, role=role)


class Command(BaseCommand):
    help = "载入演示数据：组织、各角色用户和演示自评表"

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        finance = _org(FINANCE, Organisation.Kind.FINANCE, None)
        evaluations = [ev for path in demo_files() for ev in load_evaluations(path)]
        units: list[Organisation] = []
        for ev in evaluations:
            department = _org(ev.department or "青禾县其他部门", Organisation.Kind.DEPARTMENT, finance)
            unit = _org(ev.implementing_unit or "青禾县其他单位", Organisation.Kind.UNIT, department)
            if unit not in units:
                units.append(unit)
            if not Record.objects.filter(organisation=unit, project_name=ev.project_name, year=ev.year).exists():
                workflow.create(None, unit, ev, action="载入演示数据")
        first = units[0]
        assert first.parent is not None
        _user("danwei", first, Role.UNIT)
        _user("bumen", first.parent, Role.DEPARTMENT)
        _user("caizheng", finance, Role.FINANCE)
        _user("admin", finance, Role.ADMIN, superuser=True)
        self.stdout.write(f"演示账号（密码均为 {PASSWORD}）：")
        for name, role, org in (("danwei", "单位填报", first), ("bumen", "主管部门审核", first.parent),
                                ("caizheng", "财政复核", finance), ("admin", "系统管理", finance)):  # fmt: skip
            self.stdout.write(f"  {name:<9} {role:<8} {org.name}")
