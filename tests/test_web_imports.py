"""Tables are filed under the unit they name (issue 14, defect 2): matched by 实施单位 / 主管部门
(names and codes), a unit filler imports only its own tables unless it confirms a mismatch table
by table, reviewers choose the unit from their subtree, and the table's own names stay."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao import ingest
from jixiao.model.evaluation import Evaluation
from jixiao.web.evaluations import workflow
from jixiao.web.evaluations.models import Record
from jixiao.web.orgs.matching import match, normal, split_code
from jixiao.web.orgs.models import Organisation
from tests.conftest import SHARED
from tests.web import World, build_world

pytestmark = pytest.mark.django_db
K = Organisation.Kind


@pytest.fixture
def world() -> World:
    return build_world()


def test_names_and_codes() -> None:
    assert split_code("219001-某县人力资源和社会保障局") == ("219001", "某县人力资源和社会保障局")
    assert split_code("[155]某县民政局") == ("155", "某县民政局")
    assert split_code("【077】 某中心") == ("077", "某中心")
    assert split_code("2021年某项目") == (None, "2021年某项目")
    assert normal("某县社会保险管理局本级") == normal("某县 社会保险管理局") == "某县社会保险管理局"


def test_match_by_code_name_and_department(world: World) -> None:
    d = world.orgs["d1"]
    a = Organisation.objects.create(name="某县甲中心", code="219001", kind=K.UNIT, parent=d)
    b = Organisation.objects.create(name="某县乙中心", kind=K.UNIT, parent=world.orgs["d2"])
    units = Organisation.objects.filter(kind=K.UNIT)
    assert match(Evaluation(implementing_unit="219001-甲中心（改名前）"), units).organisation == a
    assert match(Evaluation(implementing_unit="某县乙中心本级"), units).organisation == b
    assert match(Evaluation(implementing_unit="另一单位"), units).how == "未找到表中所列单位"
    assert match(Evaluation(), units).how == "表中未注明实施单位"
    # only a department named: the one unit under it among those allowed
    assert match(Evaluation(department="主管部门2"), units.filter(parent=world.orgs["d2"]).exclude(
        pk=world.orgs["u2b"].pk).exclude(pk=world.orgs["u2a"].pk)).organisation == b  # fmt: skip
    assert match(Evaluation(department="主管部门2"), units).organisation is None  # three units: ambiguous


def _upload(c: object, *paths: object) -> str:
    """Upload, follow to the page of the (queued, here immediately read) files: the confirmation."""
    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in paths]  # type: ignore[attr-defined]
    response = c.post("/evaluations/upload/", {"files": files}, follow=True)  # type: ignore[attr-defined]
    assert response.status_code == 200 and "确认导入" in response.content.decode()
    return response.content.decode()


def _confirm(c: object, data: dict[str, object], follow: bool = False) -> object:
    from jixiao.web.evaluations.models import Batch

    batch = Batch.objects.filter(purpose="import").latest("pk")
    return c.post(f"/evaluations/upload/{batch.pk}/confirm/", data, follow=follow)  # type: ignore[attr-defined]


def test_unit_filler_imports_another_units_table_only_when_confirmed(world: World) -> None:
    (seed,) = (SHARED / "seeds").glob("001_*.txt")
    tables = ingest.read(seed)
    c = world.client("unit2b")
    page = _upload(c, seed)
    assert page.count("与本单位不一致") == len(tables) == 9
    assert 'name="take" value="0" checked' not in page  # nothing ticked by default
    # ticking alone is not enough: the mismatch needs its own confirmation
    _confirm(c, {"take": ["0", "1"], "confirm-1": "1"})
    records = Record.objects.filter(organisation=world.orgs["u2b"]).exclude(pk=world.records["u2b"].pk)
    assert [r.project_name for r in records] == [tables[1].project_name]
    ev = workflow.evaluation_of(records[0])
    assert (ev.implementing_unit, ev.department) == (tables[1].implementing_unit, tables[1].department)


def test_unit_filler_own_table_is_ticked(world: World) -> None:
    (seed,) = (SHARED / "seeds").glob("001_*.txt")
    tables = ingest.read(seed)
    unit = world.orgs["u2b"]
    Organisation.objects.filter(pk=unit.pk).update(name=tables[0].implementing_unit)
    page = _upload(world.client("unit2b"), seed)
    assert "与本单位不一致" not in page and page.count("（按单位名称）") == 9


def test_reviewer_chooses_the_unit_from_the_subtree(world: World) -> None:
    (seed,) = (SHARED / "seeds").glob("001_*.txt")
    (yuan,) = (SHARED / "corpus").glob("003.txt")
    named = [ingest.read(seed)[0].implementing_unit, ingest.read(yuan)[0].implementing_unit]
    first = Organisation.objects.create(name=named[0], kind=K.UNIT, parent=world.orgs["d1"])
    second = Organisation.objects.create(name=f"950001-{named[1]}", code="950001", kind=K.UNIT, parent=world.orgs["d1"])
    Organisation.objects.create(name="别处单位", kind=K.UNIT, parent=world.orgs["d2"])
    c = world.client("dept1")
    page = _upload(c, seed, yuan)
    import lxml.html

    doc = lxml.html.fromstring(page)
    selects = doc.xpath("//select[starts-with(@name,'unit-')]")
    assert len(selects) == 10
    chosen = [s.xpath("string(option[@selected]/@value)") for s in selects]
    assert chosen == [str(first.pk)] * 9 + [str(second.pk)]
    assert "别处单位" not in page  # only the department's own units are offered
    post = {"take": [str(k) for k in range(10)]} | {f"unit-{k}": v for k, v in enumerate(chosen)}
    post["unit-3"] = str(world.orgs["u2a"].pk)  # outside the subtree: refused, nothing filed there
    post["unit-4"] = ""
    response = _confirm(c, post, follow=True)
    text = response.content.decode()  # type: ignore[attr-defined]
    assert "第 4 张表" in text and "第 5 张表" in text and "未选择所属单位" in text
    assert Record.objects.filter(organisation=first).count() == 7
    assert Record.objects.filter(organisation=second).count() == 1
    assert Record.objects.filter(organisation=world.orgs["u2a"]).count() == 1
    stored = workflow.evaluation_of(Record.objects.get(organisation=second))
    assert stored.implementing_unit == named[1]  # the table's own name, not the organisation's


def test_a_batch_is_imported_once_and_only_by_its_uploader(world: World) -> None:
    (seed,) = (SHARED / "seeds").glob("004_*.txt")
    c = world.client("unit1a")
    _upload(c, seed)
    from jixiao.web.evaluations.models import Batch

    batch = Batch.objects.get(purpose="import")
    assert world.client("unit1b").get(f"/evaluations/upload/{batch.pk}/").status_code == 404
    assert world.client("finance1").get(f"/evaluations/upload/{batch.pk}/").status_code == 404
    before = Record.objects.count()
    _confirm(c, {"take": ["0"], "confirm-0": "1"})
    _confirm(c, {"take": ["0"], "confirm-0": "1"})
    assert Record.objects.count() == before + 1
