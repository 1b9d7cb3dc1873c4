"""Importing documents as evaluations: each table found is matched to the organisation it names
(``orgs.matching``) and filed only where the user confirms.

* A 单位填报 user imports into their own unit only.  A table naming another unit, or none, is shown
  as a mismatch, left unticked, and is saved only with an explicit "仍导入本单位" for that table.
* A 主管部门 or 财政 user chooses the unit of each table from their own subtree; the match is
  preselected, nothing is filed without a unit.
* The table's own 实施单位 / 主管部门 are never rewritten: they stay as the document states them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from jixiao.model.evaluation import Evaluation
from jixiao.web.evaluations import access, params
from jixiao.web.orgs.matching import match
from jixiao.web.orgs.models import Organisation, Role


def units_for_import(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Organisation] | None:
    """The units this user may file imported tables under; None when the user may not import."""
    profile = access.profile_of(user)
    if profile is None:
        return None
    if profile.role == Role.UNIT:
        return Organisation.objects.filter(pk=profile.organisation_id)
    if profile.role in (Role.DEPARTMENT, Role.FINANCE):
        return Organisation.objects.filter(pk__in=profile.organisation.subtree_ids(),
                                           kind=Organisation.Kind.UNIT).order_by("name")  # fmt: skip
    return None


def candidates(units: QuerySet[Organisation]) -> list[Organisation]:
    """The units to match against, read once for all the tables of an upload."""
    return list(units.select_related("parent"))


def pending_item(file: str, ev: Evaluation, units: list[Organisation], own_unit: bool) -> dict[str, Any]:
    """One table awaiting confirmation: the unit it names, matched among ``units``."""
    m = match(ev, units)
    return {"file": file, "unit": m.organisation.pk if m.organisation else None, "named": m.named, "how": m.how,
            "mismatch": own_unit and not m.found}  # fmt: skip


def chosen_unit(post: Any, k: int, item: dict[str, Any], units: QuerySet[Organisation],
                own_unit: bool) -> tuple[Organisation | None, str]:  # fmt: skip
    """The unit table ``k`` is filed under, or why it is not filed."""
    label = f"第 {k + 1} 张表（{item['file']}）"
    if own_unit:
        unit = units.first()
        if item["mismatch"] and post.get(f"confirm-{k}") != "1":
            return None, f"{label}：表中单位“{item['named'] or '未注明'}”与本单位不一致，未确认，未导入"
        return unit, ""
    pk = params.small_int(post.get(f"unit-{k}", ""))
    unit = units.filter(pk=pk).first() if pk is not None else None
    if unit is None:
        return None, f"{label}：未选择所属单位，未导入"
    return unit, ""
