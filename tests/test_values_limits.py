"""Numbers no table holds are refused by the value parser, with a reason, before arithmetic."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model.values import Op, number_refusal, parse_decimal, parse_value


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1" * 16, "数字超过 15 位整数，超出表格能容纳的范围"),
        (">=" + "9" * 5000 + "人", "数字超过 15 位整数，超出表格能容纳的范围"),
        ("0.1" + "1" * 20, "数字的小数超过 20 位，超出表格能容纳的范围"),
        ("NaN", "数字不是有限值（NaN 或无穷大），表格中不能有这样的数"),
        ("-Infinity", "数字不是有限值（NaN 或无穷大），表格中不能有这样的数"),
        ("1e400", "数字用了科学计数法（如 1e400），请直接写出数字"),
        ("≥2E5万元", "数字用了科学计数法（如 1e400），请直接写出数字"),
    ],
)
def test_refused_with_a_reason(text: str, reason: str) -> None:
    value = parse_value(text)
    assert (value.op, value.value, value.refused) == (Op.QUALITATIVE, None, reason)
    assert parse_decimal(text) is None


@pytest.mark.parametrize(
    "text", ["999999999999999万元", "000000000000000000012人", "0.30000000000000004", "information"]
)
def test_within_limits_read_as_before(text: str) -> None:
    assert number_refusal(text) is None


def test_plain_decimals_only() -> None:
    assert parse_decimal("296.26万元") == Decimal("296.26")
    assert parse_decimal("98.75%") == Decimal("0.9875")
    assert [parse_decimal(t) for t in ("1e3", "NaN", "Infinity", "1_000", "9" * 16)] == [None] * 5


_NUMBERISH = st.text(alphabet=st.sampled_from(list("0123456789.eE+-%≥≤=万元人次naNIfity ")), max_size=60)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_NUMBERISH, st.text(max_size=40), st.from_regex(r"[≥≤]?\d{1,30}(\.\d{1,25})?(万元|人|%)?")))
def test_parser_never_yields_a_number_past_the_limits(text: str) -> None:
    for d in (parse_value(text).value, parse_value(text).upper, parse_decimal(text)):
        if d is not None:
            assert d.is_finite()
            integer = str(abs(d).to_integral_value()) if abs(d) >= 1 else ""
            assert len(integer) <= 15
