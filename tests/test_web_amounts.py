"""A table stated in 元 is shown in 万元 everywhere (issue 14, defect 1): corpus 003 states
387664.62 元, which is 38.766462 万元 — on the evaluation page, the list's cards, the public
page, its JSON and the open-data CSV / JSON (each naming the unit)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from jixiao import ingest
from jixiao.web.evaluations import workflow
from jixiao.web.evaluations.models import Record, Status
from tests.conftest import SHARED
from tests.web import World, build_world, put_in_state, seed_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


def yuan_record(world: World) -> Record:
    (path,) = (SHARED / "corpus").glob("003.txt")
    ev = ingest.read(path)[0]
    assert ev.funds is not None and ev.funds.unit == "元" and ev.funds.executed == Decimal("387664.62")
    return workflow.create(None, world.orgs["u2b"], ev)


def test_the_stored_table_keeps_its_unit_and_the_columns_are_wan(world: World) -> None:
    record = yuan_record(world)
    assert record.data["funds"]["unit"] == "元" and record.data["funds"]["executed"] == "387664.62"
    record.refresh_from_db()
    assert (record.adjusted_budget, record.executed) == (Decimal("38.766462"), Decimal("38.766462"))


def test_pages_and_cards_show_wan(world: World) -> None:
    import lxml.html

    record = yuan_record(world)
    c = world.client("unit2b")
    page = lxml.html.fromstring(c.get(f"/evaluations/{record.pk}/").content.decode())
    assert page.xpath("string(//*[@id='fund-executed'])") == "38.766462"
    assert page.xpath("string(//*[@id='fund-adjusted'])") == "38.766462"
    assert "387664.62" not in page.xpath("string(//table[contains(@class,'sheet')])")
    listing = lxml.html.fromstring(c.get("/evaluations/?year=all").content.decode())
    cards = {card.text.strip(): card.xpath("string(b)") for card in listing.xpath("//div[@class='card']")}
    # unit 2b holds seed 004 表1 (stated in 万元) and the 元 table
    seed = seed_table().funds
    assert seed is not None and seed.unit == "万元" and seed.executed is not None
    assert cards["全年执行数（万元）"] == str((Decimal("38.766462") + seed.executed).quantize(Decimal("0.01")))
    form = lxml.html.fromstring(c.get(f"/evaluations/{record.pk}/edit/").content.decode())
    assert form.xpath("//input[@name='fund-executed']")[0].get("value") == "38.766462"


def test_public_page_json_and_csv_show_wan_and_name_the_unit(world: World) -> None:
    record = yuan_record(world)
    put_in_state(record, Status.PUBLISHED)
    c = world.client("unit2b")
    assert "全年执行数 38.766462 万元" in c.get(f"/public/{record.pk}/").content.decode()
    funds = json.loads(c.get(f"/public/{record.pk}.json").content)["evaluation"]["funds"]
    assert (funds["unit"], funds["executed"]) == ("万元", "38.766462")
    index = json.loads(c.get("/public/data.json").content)
    assert index["units"] == {"adjusted_budget": "万元", "executed": "万元"}
    assert index["evaluations"][0]["executed"] == "38.766462"
    rows = list(csv.reader(io.StringIO(c.get("/public/data.csv").content.decode("utf-8-sig"))))
    assert rows[0][5] == "全年执行数（万元）" and rows[1][5] == "38.766462"
    # jixiao's own total is named as computed: 复核得分 is a reviewer's spot-check score
    assert "计算得分" in rows[0] and "复核得分" not in rows[0]


@pytest.mark.parametrize("name", ['=HYPERLINK("http://example.com","点击")', "=cmd|' /C calc'!A0", "@SUM(1)", "-2+3"])
def test_public_csv_writes_formulas_as_text(world: World, name: str) -> None:
    """Issue 15: the public, unauthenticated CSV never carries a live formula."""
    record = world.records["u1a"]
    Record.objects.filter(pk=record.pk).update(project_name=name)
    put_in_state(record, Status.PUBLISHED)
    rows = list(csv.reader(io.StringIO(world.client("unit1a").get("/public/data.csv").content.decode("utf-8-sig"))))
    assert rows[1][3] == "'" + name
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
