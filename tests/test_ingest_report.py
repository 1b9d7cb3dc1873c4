"""The narrative 自评报告, read by the patterns of its layout file (jixiao.ingest.report)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.ingest import labels
from jixiao.ingest.layouts.schema import SHIPPED, LayoutError, catalogue_of, load_layout
from jixiao.ingest.report import is_report, read_report
from jixiao.model.evaluation import Location, TableKind

REPORT = """某县人社局项目支出绩效自评报告
2020年年初下达项目资金共计300万元。其中：城乡居民养老保险200万元，就业补助资金100万元。
1城乡居民养老保险
1.1产出指标
(1)数量指标。
指标1：参保人数：≥5000人
指标2：发放及时率：100%
1.2效益指标
指标3：群众满意度
：≥90%
2就业补助资金
2.1产出指标
指标1：培训人次：300人次
"""


@pytest.fixture
def restore() -> Iterator[None]:
    yield
    labels.use_catalogue(None)


def test_projects_indicators_and_funds_of_a_report() -> None:
    evs = read_report(REPORT, "r.txt")
    assert [(e.kind, e.source.table, e.project_name, e.implementing_unit) for e in evs] == [
        (TableKind.SELF_EVALUATION_REPORT, 1, "城乡居民养老保险", "某县人社局"),
        (TableKind.SELF_EVALUATION_REPORT, 2, "就业补助资金", "某县人社局"),
    ]
    first = evs[0]
    assert [(i.level1, i.level2, i.name, i.target) for i in first.indicators] == [
        ("产出指标", "数量指标", "参保人数", "≥5000人"),
        ("产出指标", "数量指标", "发放及时率", "100%"),
        ("效益指标", None, "群众满意度", "≥90%"),
    ]
    assert first.funds is not None and (first.funds.initial_budget, first.funds.year) == (Decimal("200"), 2020)
    assert first.funds.provenance == {"initial_budget": Location(line=2)}
    assert evs[1].funds is not None and evs[1].funds.initial_budget == Decimal("100")


def test_a_text_is_a_report_only_with_its_title_words_and_enough_indicator_lines() -> None:
    assert is_report(REPORT) is not None
    assert is_report(REPORT.replace("自评报告", "工作总结")) is None
    assert is_report("\n".join(REPORT.splitlines()[:6])) is None  # two indicator lines of three needed


def test_report_patterns_are_layout_data(tmp_path: Path, restore: None) -> None:
    """Another report layout, written as a TOML file, reads a report titled 绩效报告."""
    mine = tmp_path / "report.toml"
    shipped = (SHIPPED / "narrative-report.toml").read_text(encoding="utf-8")
    mine.write_text(shipped.replace('recognised_by = ["自评报告"]', 'recognised_by = ["绩效报告"]'), encoding="utf-8")
    text = REPORT.replace("自评报告", "绩效报告")
    labels.use_catalogue(catalogue_of([SHIPPED / "narrative-report.toml"]))
    assert read_report(text, "r.txt") == []
    labels.use_catalogue(catalogue_of([mine]))
    assert [e.project_name for e in read_report(text, "r.txt")] == ["城乡居民养老保险", "就业补助资金"]


def test_a_broken_pattern_is_named_with_its_file_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    shipped = (SHIPPED / "narrative-report.toml").read_text(encoding="utf-8")
    bad.write_text(shipped.replace("indicator = '", "indicator = '(", 1), encoding="utf-8")
    with pytest.raises(LayoutError, match=r"bad\.toml：report\.indicator .*不是有效的正则表达式"):
        load_layout(bad)
