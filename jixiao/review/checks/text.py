"""The words against the table: figures quoted in 实际完成情况 or the report text, and years."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from jixiao.model.evaluation import Location
from jixiao.model.values import ParsedValue, is_unit, normalise_text, number_refusal, parse_value, with_unit
from jixiao.model.writing import drop_bracketed
from jixiao.review.catalogue import Code
from jixiao.review.context import Context, row_label, show
from jixiao.scoring.indicators import target_of
from jixiao.scoring.numbers import quantize, shown_digits

# A figure starts where its run of digits starts and takes the whole run: finding figures in a
# long run of digits costs its length, not its square (a hostile text of 100,000 digits).
_NUMBER = r"(?<!\d)(\d++(?:\.\d++)?)"
_RATE = re.compile(r"(?:预算|资金)?执行率(?:已|为|是|达到了?|达|约)*" + _NUMBER + "%")
_MONEY = {"亿元": Decimal(100_000_000), "万元": Decimal(10_000), "元": Decimal(1)}
_FIGURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*")
_PER = re.compile(r"(?:/[\u4e00-\u9fff]{1,2}){1,2}")
_LONGEST_UNIT = 6
_UNIT_CHARS = re.compile(r"[\u4e00-\u9fff%‰]+")
_THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")
_CLAUSE_END = re.compile(r"[，。；;、！？!?:：,\n]")
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_LEAD = re.compile(r"^指标\d+[:：]?|^\d+[.、]")
_VERBS = ("达到了", "达到", "完成了", "完成", "共计", "合计", "累计", "实现", "已经", "为", "是", "达", "共", "计",
          "约", "有", "也", "均", "都", "已", "总")  # fmt: skip
_AS_OF_YEAR = re.compile(r"截[止至]到?(\d{4})年")
_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年度")


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


def _mismatch(ctx: Context, where: str, quoted: str, table: str, location: Location | None, what: str,
              row: int | None = None, note: str = "") -> None:  # fmt: skip
    ctx.add(
        Code.TEXT_TABLE_MISMATCH, where, f"文字中{what}为 {quoted}，表中为 {table}{note}",
        row=row, field="text", location=location, stated=quoted, computed=table, rule="文字说明与表格数字应一致",
    )  # fmt: skip


def _table_rate(ctx: Context) -> Decimal | None:
    """The rate the table shows: as stated, else as its figures give it."""
    stated, exact = ctx.ev.execution_rate_stated, ctx.result.execution.rate
    if stated is not None:
        return stated * 100
    return None if exact is None else quantize(exact * 100, 2)


@lru_cache(maxsize=32)
def _spent_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """The amount spent as texts state it: a spending word of the rule set, then the figure
    in 元, 万元 or 亿元 (``实际支出296.26万元``, ``已拨付资金2073800元``)."""
    verbs = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(
        rf"(?:{verbs})(?:了)?(?:资金|金额|经费|款项)?(?:为|共|合计|共计|计|达|约)?{_NUMBER}({'|'.join(_MONEY)})"
    )


def _spent_agrees(quoted: Decimal, unit: str, executed: Decimal, table_unit: str) -> bool:
    """The text's amount against the table's, both in 元, at the coarser of the two precisions
    (296.3万元 for 296.26; 2962600元 for 296.26万元)."""
    text_scale, table_scale = _MONEY[unit], _MONEY.get(table_unit, Decimal(1))
    step = max(Decimal(1).scaleb(-shown_digits(quoted)) * text_scale,
               Decimal(1).scaleb(-shown_digits(executed)) * table_scale)  # fmt: skip
    return quantize(quoted * text_scale / step, 0) == quantize(executed * table_scale / step, 0)


def _figure(text: str) -> Decimal | None:
    """A figure of the text, unless no table could hold it (``执行率为`` and thirty nines): the
    value parser's limits hold for the text too, before any rounding arithmetic."""
    return None if number_refusal(text) is not None else Decimal(text)


def check_text_figures(ctx: Context) -> None:
    rate = _table_rate(ctx)
    funds = ctx.ev.funds
    unit_known = funds is not None and funds.unit in _MONEY and not any(d.field == "funds.unit" for d in ctx.ev.doubts)
    executed = funds.executed if funds is not None and unit_known else None  # a doubtful unit: no amount to compare
    spent_pattern = _spent_pattern(ctx.rs.review.text_spent_words)
    for text, location in _texts(ctx):
        flat = _THOUSANDS.sub("", normalise_text(text))
        rows = _RowsOnce(ctx)
        taken = set()
        for m in _RATE.finditer(flat):
            if _names_a_row(rows, flat, m.start(), parse_value(f"{m.group(1)}%"), ctx):
                continue  # a row's own 执行率 (``标准化贯彻执行率为76%``), not the budget's
            taken.add(m.start(1))
            if (quoted := _figure(m.group(1))) is None:
                continue
            exact = ctx.result.execution.rate
            if rate is None or _agree(quoted, rate) or (exact is not None and _truncated(quoted, exact * 100)):
                continue
            _mismatch(ctx, "资金", f"{m.group(1)}%", f"{show(rate.normalize())}%", location, "预算执行率")
        for m in spent_pattern.finditer(flat):
            if _names_a_row(rows, flat, m.start(), parse_value(m.group(1) + m.group(2)), ctx):
                continue  # ``工本费、邮寄费等支出为15.63万元``: a cost row's figure, not the year's spending
            taken.add(m.start(1))
            if (quoted := _figure(m.group(1))) is None:
                continue
            if executed is None or funds is None or _spent_agrees(quoted, m.group(2), executed, funds.unit):
                continue
            _mismatch(ctx, "资金", f"{m.group(1)}{m.group(2)}", f"{show(executed)}{funds.unit}", location, "执行金额")
        if ctx.ev.indicators:
            _row_figures_in(ctx, flat, location, taken, rows)


class _RowsOnce:
    """The rows' figures, built the first time a text needs them."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._rows: list[_RowFigure] | None = None

    def get(self) -> list[_RowFigure]:
        if self._rows is None:
            self._rows = _row_figures(self.ctx) if self.ctx.ev.indicators else []
        return self._rows


def _names_a_row(rows: _RowsOnce, flat: str, start: int, quoted: ParsedValue, ctx: Context) -> bool:
    """Do the words before ``start`` (back to the clause's start) name one indicator row of the
    figure's unit?  Then the figure is that row's."""
    if not ctx.ev.indicators or quoted.base is None:
        return False
    head = flat[:start]
    cut = [m.end() for m in _CLAUSE_END.finditer(head)]
    prefix = head[cut[-1] :] if cut else head
    return bool(prefix) and _best_row(rows.get(), prefix, quoted, ctx) is not None


@dataclass(frozen=True, slots=True)
class _RowFigure:
    """What the text matcher needs of one row: its key terms and its actual (and target) in base units."""

    index: int
    terms: frozenset[str]
    head: str | None
    actual: ParsedValue
    target: ParsedValue


def _terms(name: str) -> frozenset[str]:
    """An indicator's key terms: the two-character words of its name (``咨询热线接听量`` → 咨询, 询热 …)."""
    text = _LEAD.sub("", drop_bracketed(normalise_text(name)))
    return frozenset(run[k : k + 2] for run in _CJK.findall(text) for k in range(len(run) - 1))


@lru_cache(maxsize=16_384)
def _named(name: str, measure_words: tuple[str, ...]) -> tuple[str, frozenset[str], str | None]:
    """What a row's name gives the matcher: the unit it ends in, its key terms and its measure
    (worked out once per name: names recur across a province's tables)."""
    m = re.search(r"[(（]([^)）]{1,6})[)）]\s*$", normalise_text(name))
    key = _LEAD.sub("", drop_bracketed(normalise_text(name)))
    return (m.group(1) if m else ""), _terms(key), _measure(key, measure_words)


def _row_figures(ctx: Context) -> list[_RowFigure]:
    out = []
    words = ctx.rs.review.text_measure_words
    for i, ind in enumerate(ctx.ev.indicators):
        name_unit, terms, head = _named(ind.name or "", words)
        if not terms:  # every named row: one the text names more strongly than the others may lack a figure
            continue
        target = target_of(ind, ctx.rs)
        unit = ind.unit or name_unit or target.unit
        actual = with_unit(parse_value(ind.actual), unit) if unit else parse_value(ind.actual)
        out.append(_RowFigure(i, terms, head, actual, with_unit(target, unit) if unit else target))
    return out


def _prefix(flat: str, start: int, previous_end: int) -> str:
    """The words before a figure, back to the clause's start or the figure before it, less the
    verbs and adverbs between the name and the figure (``覆盖率也达到``, ``人数为``)."""
    head = flat[previous_end:start].rstrip()
    cut = [m.end() for m in _CLAUSE_END.finditer(head)]
    head = head[cut[-1] :] if cut else head
    stripped = True
    while stripped:
        stripped = False
        for word in _VERBS:
            if head.endswith(word):
                head, stripped = head[: -len(word)], True
    return head


def _head(text: str, ctx: Context) -> str | None:
    """The measure a name ends in (率, 度, 数 …): 发放率 is not 满意度 however many words they
    share; 接听个数 and 接听数 are one measure (compared by the measure's last character)."""
    return _measure(text, ctx.rs.review.text_measure_words)


def _measure(text: str, words: tuple[str, ...]) -> str | None:
    for word in words:
        if text.endswith(word):
            return word[-1]
    return None


def _best_row(rows: list[_RowFigure], prefix: str, quoted: ParsedValue, ctx: Context) -> _RowFigure | None:
    """The one row the words name, by shared key terms; among rows named equally well, the one
    whose actual is a figure of the quoted unit.  A tie, or a best-named row with no such figure
    (the words name a row the figure cannot belong to), is ambiguous: no row."""
    settings = ctx.rs.review
    head = _head(prefix, ctx)
    scored = []
    for rf in rows:
        if head is not None and rf.head not in (None, head):
            continue
        hits = sum(1 for t in rf.terms if t in prefix)
        if hits >= settings.text_min_terms and hits >= len(rf.terms) * settings.text_min_share:
            scored.append((hits, rf))
    if not scored:
        return None
    best = max(hits for hits, _ in scored)
    fitting = [rf for hits, rf in scored if hits == best and _fits(rf.actual, quoted)]
    return fitting[0] if len(fitting) == 1 else None


def _fits(actual: ParsedValue, quoted: ParsedValue) -> bool:
    return actual.is_quantity and actual.base is not None and actual.base_unit == quoted.base_unit


def _row_figures_in(ctx: Context, flat: str, location: Location | None, taken: set[int], rows: _RowsOnce) -> None:
    settings = ctx.rs.review
    previous_end = 0
    for start, end, figure in _quotes(flat):
        previous = previous_end
        previous_end = end
        after = flat[end : end + 2]
        if start in taken or after[:1] in ("/", "／") or after.startswith(settings.text_skip_after):
            continue
        prefix = _prefix(flat, start, previous)
        quoted = parse_value(figure)
        rf = _best_row(rows.get(), prefix, quoted, ctx) if quoted.base is not None else None
        if rf is None or _said_of_another(prefix, ctx.ev.indicators[rf.index].name, ctx) or _same(quoted, rf.actual):
            continue
        ind = ctx.ev.indicators[rf.index]
        copied = rf.target.base is not None and rf.target.base == rf.actual.base
        note = f"（实际完成值与年度指标值“{ind.target}”相同，疑照抄目标值）" if copied else ""
        _mismatch(ctx, row_label(ind), figure, ind.actual or "", location, f"“{ind.name}”",
                  row=rf.index, note=note)  # fmt: skip


def _quotes(flat: str) -> Iterator[tuple[int, int, str]]:
    """Each figure with a unit of measure after it (any unit the value parser knows, with 万 /
    亿 and a compound ``/人/年``), as (start, end, text); dates and years are not figures."""
    for m in _FIGURE.finditer(flat):
        at = m.end()
        unit = next((u for k in range(_LONGEST_UNIT, 0, -1) if _UNIT_CHARS.fullmatch(u := flat[at : at + k])
                     and is_unit(u)), "")  # fmt: skip
        if not unit or _is_date(flat, m.start(), m.group(1), unit, at + len(unit)):
            continue
        per = _PER.match(flat, at + len(unit))
        end = per.end() if per else at + len(unit)
        yield m.start(), end, m.group(1) + flat[at:end]


def _is_date(flat: str, start: int, number: str, unit: str, end: int) -> bool:
    """``2023年``, ``12月31日``, ``6月底``: a date, not an amount of months or days."""
    if unit == "年":
        return len(number) == 4 or flat[end : end + 1].isdigit()
    if unit in ("月", "个月"):
        return unit == "月" and (flat[end : end + 1].isdigit() or flat[start - 1 : start] == "年"
                                 or flat[end : end + 1] in ("底", "末", "初", "份", "中"))  # fmt: skip
    if unit == "日":
        return flat[start - 1 : start] == "月"
    return False


def _said_of_another(prefix: str, name: str | None, ctx: Context) -> bool:
    """Words before the figure that make it a target, a plan or another year's figure — unless
    the row's own name holds them (``工作计划目标达成率``, ``按标准发放率``)."""
    key = normalise_text(name or "")
    words = ("执行率", *ctx.rs.review.text_target_words)
    return any(w in prefix and w not in key for w in words)


def _same(quoted: ParsedValue, actual: ParsedValue) -> bool:
    """The text's figure is the table's once the more precise is rounded to the other's
    precision, in base units: 5.2万 for 52380, 98.8% for 98.75%; not 5.2万 for 50000."""
    assert quoted.base is not None and actual.base is not None
    step = max(_precision(quoted), _precision(actual))
    return quantize(quoted.base / step, 0) == quantize(actual.base / step, 0)


def _precision(pv: ParsedValue) -> Decimal:
    assert pv.value is not None
    return Decimal(1).scaleb(-shown_digits(pv.value)) * pv.scale


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
