"""The list's order read segment by segment (``listorder.ListOrder``) is the database's own
ORDER BY year DESC, unit name, project name — for every page, the last partial one included,
and for a filtered list."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from django.db.models import Count, Sum

from jixiao.web.evaluations.listorder import ListOrder, summarise
from jixiao.web.evaluations.models import Record, Status
from jixiao.web.orgs.models import Organisation
from tests.web import seed_table

pytestmark = pytest.mark.django_db


def _records() -> None:
    rng = random.Random(3)
    # names deliberately not in creation (pk) order
    units = [
        Organisation.objects.create(name=n, kind=Organisation.Kind.UNIT) for n in ("乙单位", "甲单位", "丙单位", "丁")
    ]
    template = seed_table().model_dump(mode="json")
    Record.objects.bulk_create(
        Record(organisation=rng.choice(units), year=rng.choice((2021, 2022, 2023)),
               project_name=f"项目{rng.randint(1, 40):02d}", status=rng.choice((Status.DRAFT, Status.SUBMITTED)),
               adjusted_budget=rng.choice((None, Decimal("12.345678"), Decimal("0.5"))),
               executed=rng.choice((None, Decimal("7.000001"))), errors=rng.randint(0, 3), warnings=rng.randint(0, 2),
               grade=rng.choice(("", "优", "良")), data=template)
        for _ in range(137)
    )  # fmt: skip


def _database_order(records: object) -> list[int]:
    ordered = records.order_by("-year", "organisation__name", "organisation_id", "project_name", "pk")  # type: ignore[attr-defined]
    return list(ordered.values_list("pk", flat=True))


@pytest.mark.parametrize("status", [None, Status.SUBMITTED])
def test_every_slice_is_the_database_order(status: Status | None) -> None:
    _records()
    records = Record.objects.all() if status is None else Record.objects.filter(status=status)
    expected = _database_order(records)
    order = ListOrder(records)
    assert len(order) == len(expected) == records.count()
    for start in range(0, len(expected) + 10, 10):
        assert order[start : start + 10] == expected[start : start + 10]
    assert order[0:None] == expected and order[len(expected) : len(expected) + 50] == []


def test_an_empty_list() -> None:
    order = ListOrder(Record.objects.none())
    assert len(order) == 0 and order[0:50] == []


def test_the_summary_is_the_databases_aggregates() -> None:
    _records()
    records = Record.objects.filter(status=Status.SUBMITTED)
    stats, grades, segments = summarise(records)
    assert stats == records.aggregate(n=Count("pk"), adjusted=Sum("adjusted_budget"), executed=Sum("executed"),
                                      errors=Sum("errors"), warnings=Sum("warnings"))  # fmt: skip
    assert grades == dict(records.values_list("grade").annotate(n=Count("pk")).order_by())
    assert sorted(segments) == sorted(records.values_list("year", "organisation_id").annotate(n=Count("pk")).order_by())
    assert ListOrder(records, segments)[0:None] == _database_order(records)
    assert summarise(Record.objects.none()) == ({"n": 0, "adjusted": None, "executed": None, "errors": None,
                                                 "warnings": None}, {}, [])  # fmt: skip
