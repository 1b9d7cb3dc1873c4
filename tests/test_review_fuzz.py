"""Whatever a table holds, the review finishes and every finding points at a real place.

Two sources of odd tables: mutated seed and corpus texts read by the extractor, and tables
built from arbitrary cell texts (numbers, units, signs, words the parser half-knows).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.ingest.assemble import extract
from jixiao.ingest.cells import text_cells
from jixiao.model.evaluation import Doubt, Evaluation, FundLine, Funds, Goal, Indicator, ScoringItem, Source, TableKind
from jixiao.review import Code, Review, review_all
from tests.test_ingest_fuzz import mutated

CELL = st.one_of(
    st.none(),
    st.sampled_from(["≥95%", "=100%", "≤300万元", "长期", "提高", "有效", "/", "无", "2025年12月31日", "0次", "建设中",
                     "部分完成", "≥2倍", "10倍", "5.8万人", "=0%", "80-90%", "每亩300"]),
    st.text(alphabet=st.sampled_from(list("0123456789.%≥≤=<>-万元人次个年月日提高有效")), max_size=8),
)  # fmt: skip
AMOUNT = st.one_of(st.none(), st.decimals(min_value=0, max_value=200, places=2, allow_nan=False))
LEVEL1 = st.sampled_from([None, "产出指标", "效益指标", "满意度指标", "产出指标(50分)", "(30分)", "投入"])
LEVEL2 = st.sampled_from([None, "数量指标", "质量指标", "成本指标", "社会效益指标", "服务对象满意度指标"])


@st.composite
def tables(draw: st.DrawFn) -> Evaluation:
    rows = [
        Indicator(
            level1=draw(LEVEL1),
            level2=draw(LEVEL2),
            name=draw(st.sampled_from(["甲", "乙", "覆盖率", "人数"])),
            target=draw(CELL),
            actual=draw(CELL),
            weight=draw(AMOUNT),
            score=draw(AMOUNT),
            deviation_note=draw(st.sampled_from([None, "无", "资金未到位"])),
            recheck_score=draw(AMOUNT),
        )
        for _ in range(draw(st.integers(0, 8)))
    ]
    items = [
        ScoringItem(level1=draw(LEVEL1), level2=draw(LEVEL2), name=draw(st.sampled_from(["甲", "预算执行率"])),
                    weight=draw(AMOUNT), score=draw(AMOUNT), recheck_score=draw(AMOUNT),
                    deduction_reason=draw(st.sampled_from([None, "", "无", "未达标"])))
        for _ in range(draw(st.integers(0, 3)))
    ]  # fmt: skip
    parts = [FundLine(name="甲", adjusted_budget=draw(AMOUNT), parts=[FundLine(adjusted_budget=draw(AMOUNT))])]
    funds = Funds(adjusted_budget=draw(AMOUNT), executed=draw(AMOUNT), initial_budget=draw(AMOUNT),
                  allocated=draw(AMOUNT), balance=draw(AMOUNT), parts=draw(st.sampled_from([[], parts])))  # fmt: skip
    doubt = Doubt(field=draw(st.sampled_from(["indicators[0].score", "indicators[9].actual", "funds.executed",
                                              "total_score_stated", "scoring_items[0].score", "year"])),
                  reading=draw(CELL), alternatives=[draw(st.text(max_size=4))])  # fmt: skip
    text = draw(
        st.text(alphabet=st.sampled_from(list("培训人数达到为1234567890.%万元个，。执行率支出资金")), max_size=40)
    )
    return Evaluation(
        kind=draw(st.sampled_from(list(TableKind))), scoring_items=items, goals=[Goal(actual=text)],
        doubts=draw(st.sampled_from([[], [doubt]])), recheck_total_stated=draw(AMOUNT),
        source=Source(title=draw(st.sampled_from([None, "2021年度自评表", "2020年度至2022年度"]))),
        funds=funds, indicators=rows, execution_weight=draw(AMOUNT), execution_score_stated=draw(AMOUNT),
        execution_rate_stated=draw(st.one_of(st.none(), st.decimals(0, 2, places=4, allow_nan=False))),
        total_score_stated=draw(AMOUNT), grade_stated=draw(st.sampled_from([None, "优", "良", "中", "差", "优秀"])),
        year=draw(st.sampled_from([None, 2021, 2024])),
    )  # fmt: skip


def _consistent(r: Review) -> None:
    for f in r.findings:
        assert f.severity is Code(f.code).severity
        assert f.message
        if f.row is not None:
            assert 1 <= f.row <= len(r.evaluation.indicators)
    for d in r.checked.doubts:  # no error computed from a value ingest doubts
        errors = [f for f in r.findings if f.severity.value == "error"]
        if d.field.startswith("indicators[0]."):
            assert [f for f in errors if f.row == 1] == []
        if d.field.startswith("funds"):
            assert [f for f in errors if f.row is None and f.code.value.startswith(("EXEC", "FUNDS"))] == []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_any_table_is_reviewed(ev: Evaluation) -> None:
    for r in review_all([ev]):
        _consistent(r)


@pytest.mark.filterwarnings("ignore::jixiao.ingest.regions.UnreadTable")  # a mangled table is named, by design
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_documents_are_reviewed(text: str) -> None:
    for r in review_all(extract(text_cells(text), "fuzz.txt")):
        _consistent(r)


def test_decimal_only() -> None:
    """Money and scores stay Decimal through the review's computed copy."""
    row = Indicator(name="甲", target="≥95%", actual="90%", weight=Decimal(10), score=Decimal(9))
    ev = Evaluation(funds=Funds(adjusted_budget=Decimal("95"), executed=Decimal("25.95")), indicators=[row])
    (r,) = review_all([ev])
    assert isinstance(r.evaluation.execution_rate, Decimal)
    assert r.evaluation.indicators[0].computed_score == Decimal("9.47")
