"""The field comparison of ``make corpus``: a differing field is wrong or missing, never both."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest.accuracy import compare
from jixiao.model.evaluation import Evaluation, Funds, Indicator

WANT = {
    "year": 2022, "project_name": "水旱灾害防御经费", "department": "天长市水利局", "implementing_unit": None,
    "funds": {"initial_budget": 880, "adjusted_budget": 880, "executed": 880},
    "execution_rate_stated": 1.0, "execution_weight": 10, "execution_score_stated": 10,
    "total_score_stated": 100, "grade_stated": None,
    "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "完成项目数量", "target": "1", "actual": "1",
         "weight": 10, "score": 10, "deviation_note": None},
        {"level1": "产出指标", "level2": "质量指标", "name": "工程质量合格", "target": "100%", "actual": "100%",
         "weight": 10, "score": 9, "deviation_note": None},
    ],
}  # fmt: skip


def _read(**changes: object) -> Evaluation:
    rows = [
        Indicator(level1="产出指标(50分)", level2="数量指标", name="完成项目数量", target="1", actual="1",
                  weight=Decimal(10), score=Decimal(10)),
        Indicator(level1="产出指标", level2="质量指标", name="工程质量合格", target="100%", actual="100%",
                  weight=Decimal(10), score=Decimal(9)),
    ]  # fmt: skip
    base = Evaluation(
        year=2022, project_name="水旱灾害防御经费", department="天长市水利局",
        funds=Funds(initial_budget=Decimal(880), adjusted_budget=Decimal(880), executed=Decimal(880)),
        execution_rate_stated=Decimal(1), execution_weight=Decimal(10), execution_score_stated=Decimal(10),
        total_score_stated=Decimal(100), indicators=rows,
    )  # fmt: skip
    return base.model_copy(update=changes)


def test_all_right() -> None:
    result = compare(_read(), WANT)
    assert (result.accuracy, result.wrong_rate, result.missing_rate) == (1.0, 0.0, 0.0)


def test_a_wrong_value_and_a_missing_one_are_told_apart() -> None:
    result = compare(_read(department="天长市", total_score_stated=None), WANT)
    assert dict(result.wrong) == {"department": 1}
    assert dict(result.missing) == {"total_score_stated": 1}
    compared = sum(result.compared.values())
    assert (result.wrong_rate, result.missing_rate) == (1 / compared, 1 / compared)


def test_a_value_where_the_truth_is_empty_is_wrong() -> None:
    result = compare(_read(implementing_unit="天长市水利局"), WANT)
    assert dict(result.wrong) == {"implementing_unit": 1} and not result.missing


def test_rows_not_read_are_missing_and_rows_made_up_are_wrong() -> None:
    short = compare(_read(indicators=_read().indicators[:1]), WANT)
    assert short.missing["indicators.count"] == 1 and short.missing["indicators.score"] == 1
    assert not short.wrong
    extra = compare(_read(indicators=[*_read().indicators, Indicator(name="多出的行")]), WANT)
    assert dict(extra.wrong) == {"indicators.count": 1} and not extra.missing


def test_scoring_items_are_compared_where_the_expectation_records_the_sheet() -> None:
    from jixiao.model.evaluation import ScoringItem

    want = {**WANT, "scoring_items": [
        {"level1": "投入", "level2": "项目目标", "name": "绩效目标合理性", "weight": 4, "score": 3.5,
         "deduction_reason": None},
        {"level1": "过程", "level2": "业务管理", "name": "制度执行有效性", "weight": 3, "score": 3,
         "deduction_reason": "台账不全", "standard": "制度执行到位得3分"},
    ]}  # fmt: skip
    items = [
        ScoringItem(level1="投入", level2="项目目标", name="绩效目标合理性", weight=Decimal(4), score=Decimal(3)),
        ScoringItem(level1="过程", level2="业务管理", name="制度执行有效性", weight=Decimal(3), score=Decimal(3)),
    ]  # fmt: skip
    result = compare(_read(scoring_items=items), want)
    assert dict(result.wrong) == {"scoring_items.score": 1}
    assert dict(result.missing) == {"scoring_items.deduction_reason": 1, "scoring_items.standard": 1}
    assert result.compared["scoring_items.count"] == 1 and "scoring_items.standard" in result.compared
    assert not compare(_read(scoring_items=items), WANT).compared["scoring_items.count"]  # no sheet expected


def test_a_rows_scoring_rule_is_compared_where_the_expected_row_has_one() -> None:
    want = {**WANT, "indicators": [{**WANT["indicators"][0], "standard": "完成得10分"}, WANT["indicators"][1]]}
    result = compare(_read(), want)
    assert result.missing["indicators.standard"] == 1 and result.compared["indicators.standard"] == 1
