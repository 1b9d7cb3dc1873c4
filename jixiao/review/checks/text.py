"""The words against the table: figures quoted in 实际完成情况 or the report text, and years."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.evaluation import Location
from jixiao.model.values import normalise_text, parse_value
from jixiao.review.catalogue import Code
from jixiao.review.context import Context, row_label, show
from jixiao.scoring.numbers import quantize, shown_digits

_NUMBER = r"(\d+(?:\.\d+)?)"
_RATE = re.compile(r"(?:预算|资金)?执行率(?:已|为|是|达到了?|达|约)*" + _NUMBER + "%")
_SPENT = re.compile(
    r"(?:已支付|已拨付|已支出|共支出|实际支出|已使用|执行)(?:资金|金额)?(?:为|共|合计)?" + _NUMBER + "万元"
)
_FIGURE = re.compile(
    r"([\u4e00-\u9fff“”\"]{2,24}?)(?:为|是|达到了?|达|完成)"
    + _NUMBER
    + r"\s*(%|万人次|万人|人次|人|万元|元|个|次|户|件|家|所|台|套|天|小时|亩|公里|米)"
)
_AS_OF_YEAR = re.compile(r"截[止至]到?(\d{4})年")
_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年度")
_SUFFIX_MIN = 3


def _texts(ctx: Context) -> Iterator[tuple[str, Location | None]]:
    for goal in ctx.ev.goals:
        if goal.actual:
            yield goal.actual, goal.provenance.get("actual")
    if ctx.ev.conclusion:
        yield ctx.ev.conclusion, ctx.ev.provenance.get("conclusion")


def _agree(text_value: Decimal, table_value: Decimal) -> bool:
    """Equal once the more precise figure is rounded to the other's digits (77% for 76.67%)."""
    digits = min(shown_digits(text_value), shown_digits(table_value), 8)
    return quantize(text_value, digits) == quantize(table_value, digits)


def _truncated(text_value: Decimal, table_value: Decimal) -> bool:
    """Within one unit of the text's last digit: a rate cut off rather than rounded (83.26% for 83.265%)."""
    return abs(text_value - table_value) < Decimal(1).scaleb(-shown_digits(text_value))


def _mismatch(ctx: Context, where: str, quoted: str, table: str, location: Location | None, what: str) -> None:
    ctx.add(
        Code.TEXT_TABLE_MISMATCH, where, f"文字中{what}为 {quoted}，表中为 {table}",
        field="text", location=location, stated=quoted, computed=table, rule="文字说明与表格数字应一致",
    )  # fmt: skip


def _table_rate(ctx: Context) -> Decimal | None:
    """The rate the table shows: as stated, else as its figures give it."""
    stated, exact = ctx.ev.execution_rate_stated, ctx.result.execution.rate
    if stated is not None:
        return stated * 100
    return None if exact is None else quantize(exact * 100, 2)


def check_text_figures(ctx: Context) -> None:
    rate = _table_rate(ctx)
    executed = ctx.ev.funds.executed if ctx.ev.funds and ctx.ev.funds.unit == "万元" else None
    for text, location in _texts(ctx):
        flat = normalise_text(text)
        for m in _RATE.finditer(flat):
            quoted = Decimal(m.group(1))
            exact = ctx.result.execution.rate
            if rate is None or _agree(quoted, rate) or (exact is not None and _truncated(quoted, exact * 100)):
                continue
            _mismatch(ctx, "资金", f"{m.group(1)}%", f"{show(rate.normalize())}%", location, "预算执行率")
        for m in _SPENT.finditer(flat):
            quoted = Decimal(m.group(1))
            if executed is not None and not _agree(quoted, executed):
                _mismatch(ctx, "资金", f"{m.group(1)}万元", f"{show(executed)}万元", location, "执行金额")
        for m in _FIGURE.finditer(flat):
            _check_row_figure(ctx, m, location)


def _matching_row(ctx: Context, label: str) -> int | None:
    """The one indicator a phrase like ``个人权益单发放人数`` names, by its longest matching tail."""
    names = [normalise_text(re.sub(r"[(（][^)）]*[)）]", "", ind.name or "")) for ind in ctx.ev.indicators]
    for size in range(len(label), _SUFFIX_MIN - 1, -1):
        tail = label[-size:]
        hits = [i for i, n in enumerate(names) if tail in n]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            return None
    return None


def _check_row_figure(ctx: Context, m: re.Match[str], location: Location | None) -> None:
    label, number, unit = m.group(1), m.group(2), m.group(3)
    if "执行率" in label:
        return
    i = _matching_row(ctx, label)
    if i is None:
        return
    ind = ctx.ev.indicators[i]
    quoted, actual = parse_value(f"{number}{unit}"), parse_value(ind.actual)
    if not actual.is_quantity or actual.base_unit != quoted.base_unit or actual.base is None or quoted.base is None:
        return
    if _agree(quoted.base, actual.base) or _agree(Decimal(number), actual.value or Decimal(0)):
        return
    _mismatch(ctx, row_label(ind), f"{number}{unit}", ind.actual or "", location, f"“{ind.name}”")


def check_years(ctx: Context) -> None:
    ev = ctx.ev
    if ev.year is None:
        return
    funds = ev.funds
    if funds is not None and funds.year is not None and funds.year != ev.year:
        ctx.add(
            Code.YEAR_MISMATCH, "资金",
            f"评价年度为 {ev.year} 年，资金数字却是 {funds.year} 年的（{show(funds.initial_budget)}{funds.unit}）",
            field="year", location=funds.provenance.get("initial_budget") or ev.provenance.get("funds"),
            stated=str(funds.year), computed=str(ev.year), rule="自评应针对评价年度的资金和目标",
        )  # fmt: skip
    for text, location in _texts(ctx):
        for m in _AS_OF_YEAR.finditer(normalise_text(text)):
            if int(m.group(1)) != ev.year:
                ctx.add(
                    Code.YEAR_MISMATCH, "年度总体目标",
                    f"评价年度为 {ev.year} 年，完成情况却写“截至 {m.group(1)} 年”",
                    field="year", location=location, stated=m.group(1), computed=str(ev.year),
                    rule="自评应针对评价年度的资金和目标",
                )  # fmt: skip
    _title_years(ctx, ev.year)
    _deadline_years(ctx, ev.year)
    if ev.fill_date is not None and ev.fill_date.year < ev.year:
        ctx.add(
            Code.YEAR_MISMATCH, "填报日期",
            f"{ev.year} 年度的自评表填报日期为 {ev.fill_date:%Y年%m月%d日}，早于评价年度",
            field="fill_date", location=ev.provenance.get("fill_date"),
            stated=f"{ev.fill_date:%Y-%m-%d}", computed=str(ev.year), rule="自评在年度结束后进行",
        )  # fmt: skip


def _title_years(ctx: Context, year: int) -> None:
    """The 年度 a title names (the document's, the table's) against the table's own year."""
    source = ctx.ev.source
    if source is None:
        return
    for title in dict.fromkeys(t for t in (source.document_title, source.title) if t):
        named = {int(y) for y in _TITLE_YEAR.findall(normalise_text(title))}
        if len(named) != 1 or year in named:
            continue  # a title naming two years (a 2021—2023 plan) says nothing of one table's year
        (other,) = named
        ctx.add(
            Code.YEAR_MISMATCH, "标题",
            f"标题《{title.strip()}》为 {other} 年度，表中年度为 {year} 年",
            field="year", location=source.location, stated=str(other), computed=str(year),
            rule="标题年度应与表中评价年度一致",
        )  # fmt: skip


def _deadline_years(ctx: Context, year: int) -> None:
    """A 时效 row's deadline (``2021年12月31日前``) in another year than the table's."""
    for i, ind in enumerate(ctx.ev.indicators):
        if "时效" not in normalise_text(ind.level2 or ""):
            continue
        deadline = parse_value(ind.target).deadline
        if deadline is None or deadline.year == year:
            continue
        ctx.add_row(
            Code.YEAR_MISMATCH, i, f"{year} 年度的时效指标，年度指标值的期限却是 {deadline.year} 年（{ind.target}）",
            field="target", stated=str(deadline.year), computed=str(year), rule="时效指标的期限应在评价年度内",
        )  # fmt: skip


CHECKS = (check_text_figures, check_years)
