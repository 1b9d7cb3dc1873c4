"""Values matched to the indicator header's columns by what they look like (jixiao.ingest.sections.columns)."""

from __future__ import annotations

from jixiao.ingest.labels import Column as C
from jixiao.ingest.sections.columns import align


def test_as_many_values_as_columns_take_them_in_order() -> None:
    assert align(["100%", "95%", "10", "10"], [C.TARGET, C.ACTUAL, C.WEIGHT, C.SCORE]) == {
        C.TARGET: 0,
        C.ACTUAL: 1,
        C.WEIGHT: 2,
        C.SCORE: 3,
    }


def test_a_missing_value_leaves_the_column_that_fits_least() -> None:
    assert align(["100%", "10", "10"], [C.TARGET, C.ACTUAL, C.WEIGHT, C.SCORE]) == {
        C.TARGET: 0,
        C.WEIGHT: 1,
        C.SCORE: 2,
    }


def test_a_split_target_nature_value_unit() -> None:
    cols = [C.NATURE, C.VALUE, C.UNIT, C.ACTUAL, C.WEIGHT, C.SCORE]
    assert align(["≥", "95", "%", "96%", "10", "9"], cols) == {col: k for k, col in enumerate(cols)}
    assert align(["正向", "95", "%", "96%", "10", "9"], cols) == {col: k for k, col in enumerate(cols)}  # a nature word


def test_a_unit_alone_goes_to_the_unit_column_not_the_actual() -> None:
    cols = [C.VALUE, C.ACTUAL, C.NATURE, C.UNIT, C.WEIGHT, C.SCORE]
    assert align(["5429", "人", "10", "10"], cols) == {C.VALUE: 0, C.UNIT: 1, C.WEIGHT: 2, C.SCORE: 3}
    assert align(["100%", "人"], [C.TARGET, C.ACTUAL]) == {C.TARGET: 0, C.ACTUAL: 1}  # no unit column: as it stands


def test_no_match_when_a_value_fits_no_column_left() -> None:
    assert align(["好的", "100", "万元"], [C.NATURE, C.VALUE, C.UNIT]) is None  # 好的 is no 指标性质
    assert align(["合格", "十分"], [C.WEIGHT, C.SCORE]) is None
