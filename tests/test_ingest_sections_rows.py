"""One indicator row's cells made into an ``Indicator`` (jixiao.ingest.sections.rows)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest.cells import Cell
from jixiao.ingest.labels import Column as C
from jixiao.ingest.sections.rows import make_indicator


def cells(*texts: str) -> list[Cell]:
    return [Cell(t, line=n) for n, t in enumerate(texts, start=1)]


def test_a_split_target_is_joined_back_from_sign_value_and_unit() -> None:
    ind = make_indicator(
        cells("合格率", "≥", "95", "%", "96%"), [C.NATURE, C.VALUE, C.UNIT, C.ACTUAL], "产出指标", "质量指标"
    )
    assert ind is not None
    assert (ind.name, ind.target, ind.actual, ind.nature, ind.unit) == ("合格率", "≥95%", "96%", "≥", "%")
    assert sorted(ind.provenance) == ["actual", "name", "nature", "unit", "value"]


def test_a_nature_word_is_not_part_of_the_target() -> None:
    ind = make_indicator(cells("满意度", "正向", "90", "%", "95%"), [C.NATURE, C.VALUE, C.UNIT, C.ACTUAL], None, None)
    assert ind is not None and (ind.target, ind.nature) == ("90%", "正向")


def test_weight_and_score_as_decimals_a_percent_weight_in_points() -> None:
    ind = make_indicator(
        cells("修建道路", "10公里", "10公里", "20%", "18"), [C.TARGET, C.ACTUAL, C.WEIGHT, C.SCORE], None, None
    )
    assert ind is not None and (ind.weight, ind.score) == (Decimal("20"), Decimal("18"))


def test_not_applicable_rows() -> None:
    slashes = make_indicator(cells("合格率", "/", "/"), [C.TARGET, C.ACTUAL], "产出指标", "数量指标")
    marked = make_indicator(cells("合格率", "不适用", "10"), [C.TARGET, C.WEIGHT], None, None)
    plain = make_indicator(cells("合格率", "100%", "100%"), [C.TARGET, C.ACTUAL], None, None)
    assert slashes is not None and marked is not None and plain is not None
    assert (slashes.not_applicable, marked.not_applicable, plain.not_applicable) == (True, True, False)


def test_a_level2_s_own_dimension_wins_over_a_misplaced_level1() -> None:
    ind = make_indicator(cells("道路长度", "10公里"), [C.TARGET], "满意度指标", "数量指标")
    assert ind is not None and ind.level1 == "产出指标"


def test_a_reading_that_puts_no_points_in_weight_or_score_leaves_them_empty() -> None:
    """A row read again by its arithmetic (``mapping``) with a date and a rate in 分值 / 得分: a
    weight is at most the table's points and a score a plain number, so both stay empty."""
    ind = make_indicator(
        cells("完成时间", "2021.12", "2021.12", "100%"), [C.TARGET, C.WEIGHT, C.SCORE], None, None,
        mapping={C.TARGET: 0, C.WEIGHT: 1, C.SCORE: 2},
    )  # fmt: skip
    assert ind is not None and (ind.target, ind.weight, ind.score) == ("2021.12", None, None)


def test_a_calculation_sign_of_its_own_joins_a_whole_target() -> None:
    ind = make_indicator(cells("合格率", "≥", "95%", "96%"), [C.NATURE, C.TARGET, C.ACTUAL], None, None)
    assert ind is not None and (ind.target, ind.actual) == ("≥95%", "96%")
    written = make_indicator(cells("合格率", "≥", "≥95%", "96%"), [C.NATURE, C.TARGET, C.ACTUAL], None, None)
    assert written is not None and written.target == "≥95%"
