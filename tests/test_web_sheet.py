"""The fill-in form keeps what nobody touched and checks what was typed (issue 14, defects 3 and 5).

Every seed, corpus and demo table is saved through the form unchanged, as a browser posts it:
the stored JSON must come back identical, with no new version.  Then single edits must change
exactly the field edited, and invalid figures are refused beside their field, keeping what was
typed."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from jixiao import ingest
from jixiao.demo import demo_files
from jixiao.model.evaluation import Evaluation
from jixiao.model.io import load_evaluations
from jixiao.web.evaluations import workflow
from jixiao.web.evaluations.models import Record
from tests.conftest import SHARED
from tests.web import World, build_world, form_of, seed_table

pytestmark = pytest.mark.django_db


def every_table() -> list[tuple[str, Evaluation]]:
    tables: list[tuple[str, Evaluation]] = []
    for folder in ("seeds", "corpus", "corpus2"):
        for path in sorted((SHARED / folder).glob("*.txt")):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tables += [(f"{folder}/{path.name}#{k + 1}", ev) for k, ev in enumerate(ingest.read(Path(path)))]
    tables += [(f"demo/{p.name}#{k + 1}", ev) for p in demo_files() for k, ev in enumerate(load_evaluations(p))]
    return tables


@pytest.fixture
def world() -> World:
    return build_world()


def test_every_table_survives_an_unchanged_save(world: World) -> None:
    tables = every_table()
    assert len(tables) >= 60
    unit = world.orgs["u1a"]
    c = world.client("unit1a")
    kept = {"goals>1": 0, "not_applicable": 0, "nature": 0, "unit": 0, "progress": 0, "元": 0, "sources": 0}
    for name, ev in tables:
        record = workflow.create(None, unit, ev)
        before = Record.objects.get(pk=record.pk).data
        response = c.post(f"/evaluations/{record.pk}/edit/", form_of(c, record))
        assert response.status_code == 302, (name, response.content.decode()[:2000])
        record.refresh_from_db()
        assert record.version == 1, (name, record.events.first().changes)
        assert record.data == before, name
        kept["goals>1"] += len(ev.goals) > 1
        kept["not_applicable"] += any(i.not_applicable for i in ev.indicators)
        kept["nature"] += any(i.nature for i in ev.indicators)
        kept["unit"] += any(i.unit for i in ev.indicators)
        kept["progress"] += any(i.progress_stated is not None for i in ev.indicators)
        kept["元"] += ev.funds is not None and ev.funds.unit == "元"
        kept["sources"] += ev.funds is not None and bool(ev.funds.sources)
    # the tables really hold what the defect lost
    assert all(n > 0 for k, n in kept.items() if k != "progress"), kept


def test_one_edit_changes_one_field(world: World) -> None:
    (path,) = (SHARED / "corpus").glob("003.txt")
    ev = ingest.read(path)[0]  # a 元 table with 指标性质 / 度量单位 columns
    record = workflow.create(None, world.orgs["u1a"], ev)
    c = world.client("unit1a")
    data = form_of(c, record)
    row = next(k for k, i in enumerate(ev.indicators) if i.nature)
    data[f"ind-{row}-actual"] = ["已完成"]
    data["preparer"] = ["张三"]
    data["fund-executed"] = ["30"]  # typed in 万元: stored as 300000 元
    assert c.post(f"/evaluations/{record.pk}/edit/", data).status_code == 302
    record.refresh_from_db()
    fields = {ch["field"]: (ch["old"], ch["new"]) for ch in record.events.first().changes}
    assert fields == {f"indicators[{row + 1}].actual": (ev.indicators[row].actual, "已完成"),
                      "preparer": (None, "张三"), "funds.executed": ("387664.62", "300000")}  # fmt: skip
    saved = workflow.evaluation_of(record)
    assert saved.indicators[row].nature == ev.indicators[row].nature and saved.funds.unit == "元"


def test_goal_rows_sources_and_closing_texts_are_editable(world: World) -> None:
    (path,) = (SHARED / "seeds").glob("001_*.txt")
    ev = next(e for e in ingest.read(path) if len(e.goals) > 1)
    record = workflow.create(None, world.orgs["u1a"], ev)
    c = world.client("unit1a")
    data = form_of(c, record)
    last = data["goal"][-1]
    data[f"goal-{last}-actual"] = ["第一行\r\n第二行"]
    data["conclusion"] = ["目标基本完成。"]
    data["source"] = [*data.get("source", []), "77"]
    data |= {"src-77-orig": [""], "src-77-name": ["其他资金"], "src-77-initial_budget": ["1.5"],
             "src-77-adjusted_budget": [""], "src-77-executed": [""]}  # fmt: skip
    assert c.post(f"/evaluations/{record.pk}/edit/", data).status_code == 302
    saved = workflow.evaluation_of(Record.objects.get(pk=record.pk))
    assert [g.expected for g in saved.goals] == [g.expected for g in ev.goals]
    assert saved.goals[-1].actual == "第一行\n第二行" and saved.conclusion == "目标基本完成。"
    assert saved.funds.sources[-1].name == "其他资金" and str(saved.funds.sources[-1].initial_budget) == "1.5"


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("ind-0-weight", "-5", "第 1 行“分值”不能为负数（-5）"),
        ("ind-0-score", "200", "第 1 行“得分”200 超过其分值 5"),
        ("grade_stated", "很好", "等次应为"),
        ("project_name", "", "项目名称不能为空"),
        ("ind-0-weight", "1e1000000", "第 1 行“分值”“1e1000000”不是数字"),
        ("year", "1e999999", "评价年度应为四位数年份"),
        ("year", "²", "评价年度应为四位数年份"),
        ("fund-executed", "9" * 40, "全年执行数“99999"),
    ],
)
def test_invalid_figures_are_refused_beside_the_field_and_typing_is_kept(
    world: World, field: str, typed: str, message: str
) -> None:
    record = world.records["u1a"]
    c = world.client("unit1a")
    data = form_of(c, record)
    data[field] = [typed]
    data["ind-1-actual"] = ["18个"]  # a valid change elsewhere is kept on the page too
    response = c.post(f"/evaluations/{record.pk}/edit/", data)
    assert response.status_code == 400
    page = response.content.decode()
    import lxml.html

    doc = lxml.html.fromstring(page)
    (box,) = doc.xpath(f"//*[@name='{field}']")
    assert box.get("aria-invalid") == "true"
    assert message in doc.xpath(f"string(//*[@id='{field}-error'])")
    assert (box.get("value") or "") == typed
    assert doc.xpath("//input[@name='ind-1-actual']")[0].get("value") == "18个"
    record.refresh_from_db()
    assert record.version == 1 and workflow.evaluation_of(record) == seed_table()


def test_live_score_with_a_huge_year_answers_with_a_message(world: World) -> None:
    record = world.records["u1a"]
    c = world.client("unit1a")
    data = form_of(c, record)
    data["year"] = ["1e999999"]
    response = c.post(f"/evaluations/{record.pk}/score/", data)
    assert response.status_code == 200 and "评价年度应为四位数年份" in response.content.decode()
