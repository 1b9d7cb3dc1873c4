"""The value parser on the forms people really write (DEVELOPERS.md / issue 2 list)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jixiao.model.values import Op, chinese_to_int, normalise_text, parse_decimal, parse_value, with_unit

D = Decimal


@pytest.mark.parametrize(
    ("text", "op", "value", "unit", "base"),
    [
        ("=20个", Op.EQ, D(20), "个", D(20)),
        (">=168次", Op.GE, D(168), "次", D(168)),
        ("≥95%", Op.GE, D(95), "%", D("0.95")),
        ("≧735人次", Op.GE, D(735), "人次", D(735)),
        ("<=300万元", Op.LE, D(300), "万元", D(3_000_000)),
        ("≤15万元/年", Op.LE, D(15), "万元/年", D(150_000)),
        ("=1440（元/人/年）", Op.EQ, D(1440), "元/人/年", D(1440)),
        (">=530元/人*月", Op.GE, D(530), "元/人*月", D(530)),
        ("5.8万人", Op.EQ, D("5.8"), "万人", D(58_000)),
        ("100%", Op.EQ, D(100), "%", D(1)),
        ("≥100百分比", Op.GE, D(100), "百分比", D(1)),
        ("12个月", Op.EQ, D(12), "个月", D(12)),
        ("2天内", Op.LE, D(2), "天", D(48)),
        ("＞＝１２０人", Op.GE, D(120), "人", D(120)),
        ("═100%", Op.EQ, D(100), "%", D(1)),
        ("三次", Op.EQ, D(3), "次", D(3)),
        ("十二个月", Op.EQ, D(12), "个月", D(12)),
        ("不低于95%", Op.GE, D(95), "%", D("0.95")),
        ("至少3次", Op.GE, D(3), "次", D(3)),
        ("85%以上", Op.GE, D(85), "%", D("0.85")),
        ("16.4万人(预估)", Op.EQ, D("16.4"), "万人", D(164_000)),
        ("2.6亿元", Op.EQ, D("2.6"), "亿元", D(260_000_000)),
        ("1小时", Op.EQ, D(1), "小时", D(1)),
        ("=0%", Op.EQ, D(0), "%", D(0)),
    ],
)
def test_quantities(text: str, op: Op, value: Decimal, unit: str, base: Decimal) -> None:
    pv = parse_value(text)
    assert (pv.op, pv.value, pv.unit, pv.base) == (op, value, unit, base)


def test_scale_makes_target_and_actual_comparable() -> None:
    assert parse_value("5.8万人").base_unit == parse_value(">=60000人").base_unit == "人"
    assert parse_value("296.26万元").base == D("2962600.00")
    assert parse_value("≤300万元").base_unit == "元"
    # rate units keep their denominator and never compare with plain amounts
    assert parse_value("=1440（元/人/年）").base_unit == "元/人/年"
    assert parse_value("1440元").base_unit == "元"


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("2021年12月31日", dt.date(2021, 12, 31)),
        ("2021年1月-12月", dt.date(2021, 12, 31)),
        ("2021.12", dt.date(2021, 12, 31)),
        ("2024 年", dt.date(2024, 12, 31)),
        ("2025年11月30日前", dt.date(2025, 11, 30)),
        ("2018年1月至2019年12月", dt.date(2019, 12, 31)),
        ("2021年2月", dt.date(2021, 2, 28)),
    ],
)
def test_deadlines(text: str, deadline: dt.date) -> None:
    pv = parse_value(text)
    assert pv.op is Op.DEADLINE
    assert pv.deadline == deadline


@pytest.mark.parametrize(
    "text",
    [
        "规定时限内",
        "及时",
        "长期",
        "提高",
        "有效保障",
        "效果明显",
        "达成预期指标",
        "每亩300",
        "600 元/人/次；2500 元/人/月；3000 元/人/次。",
        "≥**人",
    ],
)
def test_unreadable_text_stays_qualitative(text: str) -> None:
    pv = parse_value(text)
    assert pv.op is Op.QUALITATIVE
    assert pv.value is None


@pytest.mark.parametrize("text", ["", "/", "—", "无", None, "  "])
def test_placeholders_are_empty(text: str | None) -> None:
    assert parse_value(text).op is Op.EMPTY


def test_one_quantity_in_a_sentence_is_read_and_marked() -> None:
    pv = parse_value("入口补每年116.11万人")
    assert (pv.value, pv.base_unit, pv.embedded) == (D("116.11"), "人", True)


def test_range() -> None:
    pv = parse_value("80%-90%")
    assert (pv.op, pv.value, pv.upper, pv.base, pv.base_upper) == (Op.RANGE, D(80), D(90), D("0.8"), D("0.9"))


def test_bare_number_takes_a_unit() -> None:
    pv = with_unit(parse_value("735"), "人次")
    assert (pv.value, pv.base_unit) == (D(735), "人次")


def test_chinese_numerals() -> None:
    assert [chinese_to_int(t) for t in ("十", "十二", "二十", "一百零五", "两", "三千")] == [10, 12, 20, 105, 2, 3000]
    assert chinese_to_int("统一") is None
    # a numeral inside a description is not a number
    assert parse_value("统一标准").op is Op.QUALITATIVE


def test_normalise_text_unifies_widths_and_signs() -> None:
    assert normalise_text("＞＝ ９５ ％") == "≥95%"
    assert normalise_text("≦3") == "≤3"


def test_parse_decimal() -> None:
    assert parse_decimal("9.88分") == D("9.88")
    assert parse_decimal("98.75%") == D("0.9875")
    assert parse_decimal("1,234.50") == D("1234.50")
    assert parse_decimal("—") is None
