"""The shared vocabulary: one place for points marks, 二级 → 一级, grades and placeholders."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.model import vocabulary as V


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("产出指标(50分)", "产出指标"),
        ("效益指标（30分）", "效益指标"),
        ("满意度指标 (10)", "满意度指标"),
        ("满意度指标10分", "满意度指标"),
        ("数量指标", "数量指标"),
    ],
)
def test_strip_points_removes_every_written_form(label: str, expected: str) -> None:
    assert V.strip_points(label) == expected


def test_a_bare_figure_is_not_a_points_mark() -> None:
    assert V.strip_points("完成率100") == "完成率100"
    assert not V.is_points_mark("30")
    assert V.is_points_mark("(50分)") and V.is_points_mark("（50）") and V.is_points_mark("30分)")


@pytest.mark.parametrize(
    ("label", "points"),
    [
        ("产出指标(50分)", Decimal(50)),
        ("效益指标（30）", Decimal(30)),
        ("满意度 10.5分", Decimal("10.5")),
        ("产出", None),
        # a reason's deduction or a rule's award: no label's points
        ("制度执行不到位，扣0.5分", None),
        ("按时完成得2分", None),
        ("资料不全（扣1分）", None),
    ],
)
def test_declared_points(label: str, points: Decimal | None) -> None:
    assert V.declared_points(label) == points


def test_level_name_drops_spaces_points_and_suffix() -> None:
    assert V.level_name("产 出 指 标 (50分)") == "产出"
    assert V.level_name("产出指标50") == "产出"
    assert V.level_name("数量指标等") == "数量"


@pytest.mark.parametrize(
    ("level1", "level2", "dimension"),
    [
        (None, "数量指标", "产出"),
        (None, "可持续影响指标", "效益"),
        (None, "服务对象满意度指标", "满意度"),
        ("项目完成指标", None, "产出"),
        ("效果", None, "效益"),
        ("投入", "资金到位", None),
        ("效益指标(30分)", "数量指标", "效益"),  # the 一级 says it first
    ],
)
def test_dimensions(level1: str | None, level2: str | None, dimension: str | None) -> None:
    assert V.dimension(level1, level2) == dimension


def test_grade_words_and_placeholders() -> None:
    assert V.grade_of_word("优 秀") == "优" and V.grade_of_word("较差") == "差" and V.grade_of_word("甲") is None
    assert V.is_dash("—") and not V.is_dash("0")
    assert V.is_empty_value("不适用") and V.is_empty_value(" ") and not V.is_empty_value("100%")
    assert V.is_template_mark("指标1") and V.is_template_mark("……") and V.is_template_mark("....")
    assert V.is_template_name("指标2:培训人数") and not V.is_template_name("指标体系")
    assert V.is_placeholder("/") and V.is_placeholder("无") and not V.is_placeholder("无人机")


def test_a_broken_vocabulary_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "vocabulary.toml"
    bad.write_text(V.VOCABULARY_FILE.read_text(encoding="utf-8").replace("bare = ", "bare_ = "), encoding="utf-8")
    with pytest.raises(V.VocabularyError, match=r"vocabulary\.toml"):
        V.load_vocabulary(bad)
    bad.write_text("[points\n", encoding="utf-8")
    with pytest.raises(V.VocabularyError, match="无法读取"):
        V.load_vocabulary(bad)


def test_a_lazy_pattern_is_built_on_first_use_and_again_after_a_reset() -> None:
    import re

    built: list[str] = []

    def build() -> re.Pattern[str]:
        built.append(V.vocabulary().points.word)
        return re.compile(r"\d+" + re.escape(built[-1]))

    p = V.LazyPattern(build)
    assert built == []  # nothing read when it is made
    assert p.fullmatch("10分") is not None and p.search("得10分") is not None and p.match("分") is None
    assert p.findall("5分6分") == ["5分", "6分"] and built == ["分"]  # built once
    p.reset()
    assert p.sub("", "共10分") == "共" and built == ["分", "分"]
