"""Rule sets are data: the shipped files load, a user's file loads, a broken file is named."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao import rules
from jixiao.rules.ruleset import DATA_DIR, Layout, RuleSetError, canonical_level1


def test_shipped_rule_sets() -> None:
    assert rules.available() == ["changji-practice", "department-2020", "framework-2013", "national-2020", "ningxia"]
    national = rules.get()
    assert national.name == "national-2020"
    assert [(w.name, w.weight) for w in national.weights.level1] == [
        ("产出指标", 50),
        ("效益指标", 30),
        ("满意度指标", 10),
    ]
    assert [(g.label, g.min) for g in national.grades] == [("优", 90), ("良", 80), ("中", 60), ("差", 0)]
    assert [t.low for t in rules.get("ningxia").qualitative.tiers] == [Decimal("0.8"), Decimal("0.5"), Decimal(0)]
    framework = rules.get("framework-2013")
    assert framework.meta.layout is Layout.FRAMEWORK_2013
    assert sum(i.weight for i in framework.items if i.level1 != "效果") == 70
    for name in rules.available():
        assert rules.get(name).meta.follows  # each file says which document it follows


def test_tiers_are_exact_decimals() -> None:
    assert rules.get().qualitative.tiers[0].low == Decimal("0.8")


def test_a_users_rule_file(tmp_path: Path) -> None:
    text = (DATA_DIR / "national-2020.toml").read_text(encoding="utf-8")
    mine = tmp_path / "guangxi.toml"
    mine.write_text(
        text.replace('name = "national-2020"', 'name = "guangxi"').replace("ratio = 1.2", "ratio = 1.3"),
        encoding="utf-8",
    )
    rs = rules.get(str(mine))
    assert (rs.name, rs.over_completion.ratio) == ("guangxi", Decimal("1.3"))


def test_a_broken_rule_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        (DATA_DIR / "national-2020.toml").read_text(encoding="utf-8").replace("execution = 10", "execution = 20"),
        encoding="utf-8",
    )
    with pytest.raises(RuleSetError, match="execution \\+ indicators_total 应为 100，实为 110"):
        rules.get(str(bad))
    with pytest.raises(RuleSetError, match="不存在"):
        rules.get(str(tmp_path / "none.toml"))


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("产出指标(50分)", "产出"),
        ("产 出 指 标 (50分)", "产出"),
        ("效益指标30分)", "效益"),
        ("产出值", "产出"),
        ("满意度指标", "满意度"),
    ],
)
def test_level1_labels(label: str, key: str) -> None:
    assert canonical_level1(label) == key
    assert rules.get().level1_of(label) is not None
