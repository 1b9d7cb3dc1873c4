"""Who may see and change which evaluation.  Every view asks here, on the server: an
evaluation outside the user's reach is simply not in the queryset, so its URL gives 404."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from jixiao.web.evaluations.models import Record, Status
from jixiao.web.orgs.models import Organisation, Profile, Role

EDITABLE = (Status.DRAFT, Status.RETURNED)


def profile_of(user: AbstractBaseUser | AnonymousUser) -> Profile | None:
    if not user.is_authenticated:
        return None
    return Profile.objects.select_related("organisation").filter(user=user).first()


def visible(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Record]:
    """The evaluations this user may open: a unit its own, a department its units', a
    finance bureau everything under it, an administrator all."""
    profile = profile_of(user)
    records = Record.objects.select_related("organisation").exclude(status=Status.DELETED)
    if profile is None:
        return records.none()
    if profile.role == Role.ADMIN:
        return records.all()
    if profile.role == Role.UNIT:
        return records.filter(organisation=profile.organisation)
    return records.filter(organisation_id__in=_subtree(user, profile))


def _subtree(user: AbstractBaseUser | AnonymousUser, profile: Profile) -> set[int]:
    """The organisations under the user's, computed once per request (a page asks several times)."""
    cached = getattr(user, "_jixiao_subtree", None)
    if cached is None or cached[0] != profile.organisation_id:
        cached = (profile.organisation_id, profile.organisation.subtree_ids())
        user._jixiao_subtree = cached  # type: ignore[union-attr]
    return cached[1]


def units_for(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Organisation]:
    """The 预算单位 this user may create evaluations for (a unit filler: its own)."""
    profile = profile_of(user)
    if profile is None or profile.role != Role.UNIT:
        return Organisation.objects.none()
    return Organisation.objects.filter(pk=profile.organisation_id)


def can_edit(user: AbstractBaseUser | AnonymousUser, record: Record) -> bool:
    profile = profile_of(user)
    return (
        profile is not None
        and profile.role == Role.UNIT
        and profile.organisation_id == record.organisation_id
        and record.status in EDITABLE
    )
