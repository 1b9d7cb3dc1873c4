"""Layouts as data: the schema, the merged catalogue, and a new layout added as one file."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from jixiao.ingest import labels, read
from jixiao.ingest.accuracy import compare
from jixiao.ingest.layouts import LayoutError, load_layout
from jixiao.ingest.layouts.schema import SHIPPED, Column, catalogue_of


@pytest.fixture
def restore() -> Iterator[None]:
    yield
    labels.use_catalogue(None)


def test_every_shipped_layout_is_valid() -> None:
    names = [load_layout(p).layout.name for p in sorted(SHIPPED.glob("*.toml"))]
    assert "national" in names and "sichuan" in names


def test_a_broken_layout_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "mine.toml"
    bad.write_text('[layout]\nname = "x"\n[indicators.columns]\n"目标" = "no-such-column"\n', encoding="utf-8")
    with pytest.raises(LayoutError, match=r"mine\.toml.*indicators\.columns"):
        load_layout(bad)


def test_labels_are_merged_in_their_reduced_form(tmp_path: Path, restore: None) -> None:
    extra = tmp_path / "extra.toml"
    extra.write_text('[layout]\nname = "extra"\n[indicators.columns]\n"行 次" = "skip"\n', encoding="utf-8")
    labels.use_catalogue(catalogue_of([SHIPPED / "national.toml", extra]))
    assert labels.INDICATOR_HEADERS["行次"] is Column.SKIP
    assert "项目名称" in labels.PROJECT_NAME


def test_the_split_target_form_is_read_from_its_layout_file_alone(shared: Path, tmp_path: Path, restore: None) -> None:
    """The 四川 form (target over 指标性质 | 指标值 | 度量单位) read with the national labels only,
    then with its layout file added from elsewhere: no Python changes between the two."""
    source = shared / "corpus" / "006.txt"
    truth = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))
    national = SHIPPED / "national.toml"
    labels.use_catalogue(catalogue_of([national]))
    without = compare(read(source)[0], truth)
    added = tmp_path / "layouts" / "split-target.toml"
    added.parent.mkdir()
    shutil.copy(SHIPPED / "sichuan.toml", added)
    labels.use_catalogue(catalogue_of([national, added]))
    with_layout = compare(read(source)[0], truth)
    assert with_layout.accuracy == 1.0
    assert without.accuracy < 0.9


def test_no_function_in_ingest_is_over_fifty_lines() -> None:
    """The house rule for ingest: small named steps."""
    import ast

    root = Path(labels.__file__).parent
    long = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_function = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            if is_function and node.end_lineno is not None and node.end_lineno - node.lineno + 1 > 50:
                long.append(f"{path.name}:{node.name}")
    assert long == []


def test_a_header_field_and_its_value_in_one_cell_are_two(tmp_path: Path) -> None:
    doc = tmp_path / "t.txt"
    doc.write_text(
        "项目支出绩效自评表\n项目名称：某项目 主管部门：某局 实施单位：某中心\n"
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t复核得分\t备注\n"
        "产出指标\t数量指标\t培训人数\t100人\t100人\t10\t9\t8\t已核实\n总分\t10\t9\n",
        encoding="utf-8",
    )
    (ev,) = read(doc)
    assert (ev.project_name, ev.department, ev.implementing_unit) == ("某项目", "某局", "某中心")
    (row,) = ev.indicators
    assert (row.score, row.recheck_score, row.remark, row.deviation_note) == (9, 8, "已核实", None)


EXTRA_WORDS = """[layout]
name = "extra-words"
[funds]
source_prefixes = ["含"]
[indicators]
level1_words = ["履职效能"]
level1 = ["一级评价指标"]
[table]
page_end = ["^说明:"]
label_prefixes = ["资金来源"]
"""


def test_words_once_in_code_are_a_layout_file_s_data(tmp_path: Path, restore: None) -> None:
    """The words ingest matches by pattern, prefix or ending (a 一级 word, the header of the 一级
    column, a source's prefix, where a table ends, a label that runs on) come from the layout
    files: a file of its own adds them, and without it they are not known."""
    extra = tmp_path / "extra.toml"
    extra.write_text(EXTRA_WORDS, encoding="utf-8")
    national = SHIPPED / "national.toml"
    cases = {
        "level1": lambda: labels.is_level1("履职效能指标"),
        "header": lambda: "一级评价指标" in labels.LEVEL1_HEADERS,
        "source": lambda: labels.fund_source("含:中央补助资金") == "中央补助资金",
        "end": lambda: labels.ends_table("说明:数据截至年底"),
        "prefix": lambda: labels.known_label("资金来源(万元)"),
    }
    labels.use_catalogue(catalogue_of([national]))
    assert {name: bool(case()) for name, case in cases.items()} == dict.fromkeys(cases, False)
    labels.use_catalogue(catalogue_of([national, extra]))
    assert {name: bool(case()) for name, case in cases.items()} == dict.fromkeys(cases, True)
    assert labels.is_level1("产出指标") and labels.ends_table("注:本表金额单位为万元")  # national's still there
