"""One row of figures of the funds block matched to the block's header: amounts, 分值, 执行率,
得分; figures run together cut by the table's own arithmetic, a tie left as a doubt."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from itertools import combinations

from jixiao.ingest import arithmetic, messages
from jixiao.ingest import labels as L
from jixiao.ingest.messages import show_reading
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.ingest.shapes import RATE
from jixiao.ingest.table import DoubtSink
from jixiao.model.values import parse_decimal


def _unglue_fund_row(
    values: list[str | None],
    header: list[L.FundColumn],
    doubt: DoubtSink | None = None,
    weight: Decimal | None = None,
) -> list[str | None]:
    """Figures run together by a page's text (``202010100.00%``, ``86000.0086000.0085120.001098.98%9.9``).

    Every cut of the run into the header's columns is a candidate; the table's own arithmetic
    (rate = 执行数 ÷ 预算数, score = 分值 × 执行率, score ≤ 分值) picks one.  Two readings equally
    good are a doubt: the run is left unread (no figure is better than a guessed one).
    """
    if values and values[0] is not None and "%" not in values[0] and values[0].count(".") >= 2:
        return _unglue_amounts(values, header, doubt)
    if len(values) == 1 and values[0] is not None and values[0].isdigit():
        return _unglue_rateless(values[0], header)
    if not values or values[0] is None or L.FundColumn.RATE not in header or "%" not in values[0]:
        return values
    run, rest = values[0].replace(" ", ""), values[1:]
    at = header.index(L.FundColumn.RATE)
    before = [c.value for c in header[:at]]
    after = [c.value for c in header[at + 1 : max(at + 1, len(header) - len(rest))]]
    if not before or _LONE_RATE.match(run):
        return values  # a rate standing on its own (98.98%) is not a run
    known = _known_figures(rest, header[len(header) - len(rest) :])
    if weight is not None and L.FundColumn.WEIGHT not in header:
        known["weight"] = weight  # the weight stated in the header (得分(20分*执行率)) checks the score
    candidates = [c | known for c in arithmetic.fund_row_readings(run, before, after)]
    if not candidates:
        return values
    amounts = [c for c in before if c in _AMOUNT_NAMES]
    choice = arithmetic.choose_fund_row(candidates, amounts)
    if choice.reading is None:
        return values
    r = choice.reading
    if choice.close:
        readings = [r, *choice.ties]
        if doubt is not None:
            doubt(run, [show_reading(c) for c in readings])
        r = arithmetic.agreed(readings)  # the figures every reading gives alike stand; the rest is doubt
        if not r:
            return [None] * len(values)
    rate = f"{r['rate']}%" if "rate" in r else None
    figures = [*(_shown(r, n) for n in before), rate, *(_shown(r, n) for n in after)]
    return [*figures, *rest]


def _shown(reading: dict[str, Decimal], name: str) -> str | None:
    return str(reading[name]) if name in reading else None


def _unglue_amounts(values: list[str | None], header: list[L.FundColumn], doubt: DoubtSink | None) -> list[str | None]:
    """A row of amounts alone run together (no rate): cut where every amount has the same decimals;
    two such cuts are a doubt and the run is left unread."""
    run = (values[0] or "").replace(" ", "")
    amounts = [c.value for c in header if c.value in _AMOUNT_NAMES]
    readings = arithmetic.amount_readings(run, amounts) if len(amounts) > 1 else []
    if len(readings) == 1:
        return [str(readings[0][n]) for n in amounts] + values[1:]
    fewer = arithmetic.amounts_then_points(run, len(amounts), DEFAULT.points_max) if not readings else []
    if len(fewer) == 1 and fewer[0][1]:  # fewer amounts than the columns; the number after them is placed later
        return [*fewer[0][0], fewer[0][1], *values[1:]]
    if len(readings) > 1 and doubt is not None:
        doubt(run, [show_reading(r) for r in readings])
    return [None] * len(values) if readings else values


def _unglue_rateless(run: str, header: list[L.FundColumn]) -> list[str | None]:
    """Whole numbers run together with no rate (``6006006001515``: amounts, 分值, 得分): taken only
    where the score the weight earns at 执行数 ÷ 预算数 confirms one cut alone; else left as it is."""
    names = [c.value for c in header if c is not L.FundColumn.RATE]
    amounts = [n for n in names if n in _AMOUNT_NAMES]
    reading = arithmetic.rateless_fund_row(run, names, amounts)
    if reading is None:
        return [run]
    return [None if c is L.FundColumn.RATE else _shown(reading, c.value) for c in header]


def _known_figures(texts: list[str | None], cols: list[L.FundColumn]) -> dict[str, Decimal]:
    """The figures already standing in cells of their own, by column, for the checks."""
    out = {}
    for col, text in zip(cols, texts, strict=False):
        d = None if text is None else parse_decimal(text.rstrip("%"))
        if d is not None:
            out[col.value] = d
    return out


_LONE_RATE = re.compile(r"^\d{1,3}(?:\.\d+)?%$")
_AMOUNT_NAMES = {L.FundColumn.INITIAL.value, L.FundColumn.ADJUSTED.value, L.FundColumn.EXECUTED.value}


def assign_fund_row(
    values: list[str | None],
    header: list[L.FundColumn],
    doubt: DoubtSink | None = None,
    weight: Decimal | None = None,
    settings: Settings = DEFAULT,
) -> dict[L.FundColumn, Decimal | None]:
    """Numbers after 年度资金总额, matched to the header: amounts, then 分值, 执行率, 得分.

    Rows often give fewer numbers than the header has columns (a blank 年初预算数, a blank
    执行率); a percentage fixes where the rate is, and missing amounts are the leading ones.
    """
    amounts = [c for c in header if c in (L.FundColumn.INITIAL, L.FundColumn.ADJUSTED, L.FundColumn.EXECUTED)]
    if not amounts:
        amounts = [L.FundColumn.ADJUSTED, L.FundColumn.EXECUTED]
    values = _unglue_fund_row(values, header, doubt, weight)
    out: dict[L.FundColumn, Decimal | None] = {}
    if len(values) == len(header) and header:
        for col, v in zip(header, values, strict=True):
            out[col] = _fund_number(v)
        return out
    rate_at = next((k for k, v in enumerate(values) if v is not None and RATE.match(v.replace(" ", ""))), None)
    if rate_at is not None:
        return _around_rate(values, header, amounts, rate_at, settings, doubt)
    return _without_rate(values, header, amounts, doubt, settings)


def _around_rate(
    values: list[str | None],
    header: list[L.FundColumn],
    amounts: Sequence[L.FundColumn],
    rate_at: int,
    settings: Settings,
    doubt: DoubtSink | None = None,
) -> dict[L.FundColumn, Decimal | None]:
    """A row with its rate: the figures after it fill the columns after 执行率, those before it
    are the last amounts (a 分值 just before it where the header puts 分值 first).  More amounts
    than the header's amount columns: the header has columns it does not name, which figure is
    the named one is not known — the amounts are left empty with a doubt."""
    out: dict[L.FundColumn, Decimal | None] = {}
    before = values[:rate_at]
    weight_first = L.FundColumn.WEIGHT in header and (
        L.FundColumn.RATE not in header or header.index(L.FundColumn.WEIGHT) < header.index(L.FundColumn.RATE)
    )
    lone = len(before) == 1 and _earns(before[0], values[rate_at], values[rate_at + 1 : rate_at + 2], header)
    if weight_first and (len(before) > 1 or lone) and _is_points(before[-1], settings):
        out[L.FundColumn.WEIGHT] = _fund_number(before[-1])
        before = before[:-1]
    out[L.FundColumn.RATE] = _fund_number(values[rate_at])
    after = header[header.index(L.FundColumn.RATE) + 1 :] if L.FundColumn.RATE in header else []
    after = [c for c in after if c not in out] or [L.FundColumn.SCORE]
    for col, v in zip(after, values[rate_at + 1 :], strict=False):
        out[col] = _fund_number(v)
    if len(before) > len(amounts):
        _doubt_unnamed(values, before, amounts, doubt)
        return out
    tail = amounts[-len(before) :] if before else []
    for col, v in zip(tail, before[-len(tail) :] if tail else [], strict=True):
        out[col] = _fund_number(v)
    return out


def _earns(weight: str | None, rate: str | None, after: list[str | None], header: list[L.FundColumn]) -> bool:
    """Is a lone figure before the rate the 分值, as the score after the rate shows: 得分 = 分值 ×
    执行率 (``10 79.27% 7.93``: 10 × 79.27 % = 7.93, no amount — nothing would check one)?"""
    rate_at = header.index(L.FundColumn.RATE) if L.FundColumn.RATE in header else None
    if rate_at is None or header[rate_at + 1 : rate_at + 2] != [L.FundColumn.SCORE] or not after:
        return False
    w, p, s = _fund_number(weight), _fund_number((rate or "").replace(" ", "").rstrip("%")), _fund_number(after[0])
    if w is None or p is None or s is None:
        return False
    return (
        arithmetic.score_is_weight_times_rate("weight", "rate", "score")({"weight": w, "rate": p, "score": s}) is True
    )


def _without_rate(
    values: list[str | None],
    header: list[L.FundColumn],
    amounts: Sequence[L.FundColumn],
    doubt: DoubtSink | None,
    settings: Settings,
) -> dict[L.FundColumn, Decimal | None]:
    """A row with no rate: its amounts as many as are written alike, then 分值 and 得分; too few
    figures after the amounts to tell 分值 from 得分 leave both empty with a doubt."""
    out: dict[L.FundColumn, Decimal | None] = {}
    if _budget_unnamed(values, header):
        _doubt_unnamed(values, values, amounts, doubt)
        return out
    others = [c for c in header if c not in amounts and c is not L.FundColumn.RATE] or [
        L.FundColumn.WEIGHT,
        L.FundColumn.SCORE,
    ]
    count = amounts_written_alike(values, len(amounts), settings)
    taken = values[:count]
    for col, v in zip(amounts[len(amounts) - len(taken) :], taken, strict=True):
        out[col] = _fund_number(v)
    rest = values[count:]
    if count < len(amounts) and rest and len(rest) < len(others):
        if doubt is not None:  # 分值 or 得分: the row does not say which
            doubt(" ".join(v or "" for v in values), _placings(rest, others))
        return out
    for col, v in zip(others, rest, strict=False):
        out[col] = _fund_number(v)
    return out


def _doubt_unnamed(
    values: list[str | None], figures: list[str | None], amounts: Sequence[L.FundColumn], doubt: DoubtSink | None
) -> None:
    """Say that the row's amounts were left empty: each figure could be the first named amount."""
    if doubt is None:
        return
    run = " ".join(v or "" for v in values)
    named = "、".join(messages.FIGURE_NAMES.get(c.value, c.value) for c in amounts)
    doubt(run, [show_reading({amounts[0].value: v}) for v in figures], messages.unnamed_amounts(run, named))


def _budget_unnamed(values: list[str | None], header: list[L.FundColumn]) -> bool:
    """Does the header name the 执行数 but no budget column, with more figures than it names?

    Every form writes a budget before its spending, so such a header was read short (its budget
    columns lay beyond the cells looked back over): which figure is the 执行数 is not known.
    """
    budgets = (L.FundColumn.INITIAL, L.FundColumn.ADJUSTED)
    return L.FundColumn.EXECUTED in header and not any(c in header for c in budgets) and len(values) > len(header)


def _placings(rest: list[str | None], others: Sequence[L.FundColumn]) -> list[str]:
    """The ways figures fewer than the columns after the amounts could stand in them, in order."""
    placings = combinations(others, len(rest))
    return [show_reading({c.value: v for c, v in zip(cols, rest, strict=True)}) for cols in placings]


def amounts_written_alike(values: list[str | None], amounts: int, settings: Settings = DEFAULT) -> int:
    """How many of a fund row's leading figures (no rate among them) are its amounts: as many as
    the header has, unless the figures are written unlike — amounts with the same decimals
    (``2.38 2.38``), then a whole number within a table's points (``20``): a form writes its amounts
    alike, so that number is a 分值 or 得分 and the amounts given are fewer than the columns.
    Figures that all fit as amounts with the spending within the budget before it (``12.50 12.50
    10``: 10 spent of 12.50) stay amounts: forms also write a whole sum spent beside decimals."""
    figures = [v for v in values if v is not None]
    places = [len(v.partition(".")[2]) if "." in v else 0 for v in figures]
    if len(figures) != len(values) or not places or places[0] == 0:
        return min(amounts, len(values))
    count = next((k for k, p in enumerate(places) if p != places[0]), len(places))
    after = zip(figures[count:], places[count:], strict=True)
    if count >= amounts or not all(p == 0 and _is_points(v, settings) for v, p in after):
        return min(amounts, len(values))
    return min(amounts, len(values)) if _spent_within(figures, amounts) else count


def _spent_within(figures: list[str], amounts: int) -> bool:
    """The figures, read all as amounts (the last the 执行数), spend no more than the budget before."""
    if len(figures) > amounts or len(figures) < 2:
        return False
    spent, budget = _fund_number(figures[-1]), _fund_number(figures[-2])
    return spent is not None and budget is not None and spent <= budget


def _fund_number(text: str | None) -> Decimal | None:
    return None if text is None else parse_decimal(text)


def _is_points(text: str | None, settings: Settings) -> bool:
    """Could this figure be the execution line's weight (no more than a table's points)?"""
    d = _fund_number(text)
    return d is not None and d <= settings.points_max
