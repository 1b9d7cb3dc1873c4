"""The funds block: execution rate and score, the sources adding up, spending within budget."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.evaluation import FundLine, Funds
from jixiao.review.catalogue import Code
from jixiao.review.context import Context, percent, show
from jixiao.review.dimensions import dimension_of
from jixiao.scoring.indicators import fmt
from jixiao.scoring.numbers import agrees, rate_agrees, shown_digits

_COLUMNS = (
    ("initial_budget", "年初预算数"),
    ("adjusted_budget", "全年预算数"),
    ("executed", "全年执行数"),
    ("allocated", "到位资金"),
)


def _stated_rate_agrees(stated: Decimal, exact: Decimal, ctx: Context) -> bool:
    """Rounded or truncated to the digits shown: both are habits, not errors (57.89% for 57.8985%)."""
    if rate_agrees(stated, exact, ctx.rs.rounding.mode):
        return True
    unit = Decimal(1).scaleb(-max(0, shown_digits(stated) - 2))
    return abs(stated * 100 - exact * 100) < unit


def check_execution_rate(ctx: Context) -> None:
    stated, execution = ctx.ev.execution_rate_stated, ctx.result.execution
    if stated is None or execution.rate is None or _stated_rate_agrees(stated, execution.rate, ctx):
        return
    ctx.add(
        Code.EXEC_RATE_MISMATCH, "资金",
        f"表中预算执行率为 {percent(stated, max(0, shown_digits(stated) - 2))}，"
        f"而 全年执行数 {show(execution.executed)} ÷ {show(execution.denominator)} = {percent(execution.rate)}",
        field="execution_rate_stated", location=ctx.ev.provenance.get("funds"),
        stated=percent(stated, max(0, shown_digits(stated) - 2)), computed=percent(execution.rate),
        rule="执行率 = 全年执行数 ÷ 全年预算数",
    )  # fmt: skip


def check_execution_score(ctx: Context) -> None:
    stated, execution = ctx.ev.execution_score_stated, ctx.result.execution
    if stated is None:
        _execution_score_blank(ctx)
        return
    if stated is None or execution.exact is None or execution.score is None or not execution.weight:
        return
    if agrees(stated, execution.exact, ctx.rs.rounding.digits, ctx.rs.rounding.mode):
        return
    off = abs(stated - execution.score)
    code = Code.SCORE_ROUNDING if off <= ctx.rs.tolerance.rounding else Code.EXEC_SCORE_MISMATCH
    ctx.add(
        code, "资金",
        f"预算执行率得分填 {show(stated)}，按规则应为 {execution.explanation}（相差 {show(off)} 分）",
        field="execution_score_stated", location=ctx.ev.provenance.get("funds"),
        stated=show(stated), computed=show(execution.score), rule="执行率得分 = 分值 × 执行率，超过 100% 按 100% 计",
    )  # fmt: skip


def _execution_score_blank(ctx: Context) -> None:
    """The execution line has its 分值 but no 得分, while the rows are scored: the total lacks it."""
    ev = ctx.ev
    if not ev.execution_weight or not any(ind.score is not None for ind in ev.indicators):
        return
    ctx.add(
        Code.SCORE_MISSING, "资金",
        f"预算执行率分值 {show(ev.execution_weight)} 分，得分未填，而各指标已评分",
        field="execution_score_stated", location=ev.provenance.get("funds"),
        computed=show(ctx.result.execution.score), rule="执行率得分 = 分值 × 执行率，超过 100% 按 100% 计",
    )  # fmt: skip


def _column(line: FundLine, name: str) -> Decimal | None:
    value: Decimal | None = getattr(line, name)
    return value


def _children(line: FundLine) -> list[FundLine]:
    return [*(line.sources if isinstance(line, Funds) else []), *line.parts]


def _every_line(funds: Funds) -> list[FundLine]:
    out: list[FundLine] = []
    stack: list[FundLine] = [funds]
    while stack:
        line = stack.pop(0)
        out.append(line)
        stack.extend(_children(line))
    return out


def _lines(funds: Funds) -> list[tuple[FundLine, list[FundLine], str]]:
    """Every line with lines under it: the total over its sources, and any line over its 其中 parts."""
    out: list[tuple[FundLine, list[FundLine], str]] = []
    for line in _every_line(funds):
        label = "年度资金总额" if line is funds else line.name or "其中"
        if isinstance(line, Funds) and line.sources:
            out.append((line, line.sources, label))
        if line.parts:
            out.append((line, line.parts, label))
    return out


def _rounding_slack(total: Decimal, parts: list[Decimal]) -> Decimal:
    """How far parts each rounded to the digits they show may miss a total rounded the same way:
    half a unit of each figure's last digit (0.01 when two 万元 parts and a total are each rounded
    from 元 to two decimals).  A whole figure adds none: it is taken as exact."""
    slack = sum((Decimal(1).scaleb(-d) / 2 for v in (total, *parts) if (d := shown_digits(v)) > 0), Decimal(0))
    return slack - Decimal(1).scaleb(-12) if slack else slack


def check_funds_sum(ctx: Context) -> None:
    """Each stated amount against its parts (sources, 其中 lines, at every level) and each 结余."""
    funds = ctx.ev.funds
    if funds is None:
        return
    for line, parts, label in _lines(funds):
        for name, column in _COLUMNS:
            _sum_line(ctx, funds, line, parts, label, name, column)
    _balances(ctx, funds)


def _sum_line(ctx: Context, funds: Funds, line: FundLine, parts: list[FundLine], label: str, name: str,
              column: str) -> None:  # fmt: skip
    total = _column(line, name)
    given = [(s, v) for s in parts if (v := _column(s, name)) is not None]
    if total is None or not given or _doubtful(ctx, name):
        return
    summed = sum((v for _, v in given), Decimal(0))
    if abs(summed - total) <= _rounding_slack(total, [v for _, v in given]):
        return
    terms = " + ".join(f"{s.name or '其中'} {show(v)}" for s, v in given)
    ctx.add(
        Code.FUNDS_SUM, "资金",
        f"{label}的{column}：其下各项之和 {terms} = {show(summed)}，与所填 {show(total)} 不符"
        f"（相差 {show(abs(total - summed))}{funds.unit}）",
        field=name, location=line.provenance.get("row") or ctx.ev.provenance.get("funds"),
        stated=show(total), computed=show(summed), rule=f"{label} = 其下各项之和",
    )  # fmt: skip


def _balances(ctx: Context, funds: Funds) -> None:
    """结余 = 到位（或预算）资金 − 实际支出, on every line that states it."""
    for line in _every_line(funds):
        base = line.allocated if line.allocated is not None else line.adjusted_budget
        if line.balance is None or base is None or line.executed is None or _doubtful(ctx, "balance"):
            continue
        left = base - line.executed
        if left == line.balance:
            continue
        what = "到位资金" if line.allocated is not None else "全年预算数"
        ctx.add(
            Code.FUNDS_SUM, "资金",
            f"{line.name or '年度资金总额'}的结余填 {show(line.balance)}，而{what} {show(base)} − 实际支出 "
            f"{show(line.executed)} = {show(left)}{funds.unit}",
            field="balance", location=line.provenance.get("row") or ctx.ev.provenance.get("funds"),
            stated=show(line.balance), computed=show(left), rule="结余 = 到位资金 − 实际支出",
        )  # fmt: skip


def _doubtful(ctx: Context, name: str) -> bool:
    return any(d.field.startswith("funds") and d.field.endswith(name) for d in ctx.ev.doubts)


def check_overspend(ctx: Context) -> None:
    funds = ctx.ev.funds
    if funds is None or funds.executed is None:
        return
    budget = funds.adjusted_budget if funds.adjusted_budget is not None else funds.initial_budget
    if budget is None or funds.executed <= budget:
        return
    ctx.add(
        Code.OVERSPEND, "资金",
        f"全年执行数 {show(funds.executed)}{funds.unit} 超过全年预算数 {show(budget)}{funds.unit}",
        field="executed", location=funds.provenance.get("row") or ctx.ev.provenance.get("funds"),
        stated=show(funds.executed), computed=show(budget), rule="支出不得超过预算",
    )  # fmt: skip


def _is_cost(level2: str | None) -> bool:
    return "成本" in (level2 or "")


def check_low_execution_full_marks(ctx: Context) -> None:
    """Most of the money unspent, yet what it was for reported as done.

    Cost rows are left out: they measure the spending itself, so they do drop with it (seed
    004 表2 scores its 运行成本 0.68 of 2.5 at 27.32% execution and every other output in full).
    """
    rate, thresholds = ctx.result.execution.rate, ctx.rs.review
    if rate is None or rate >= thresholds.low_execution:
        return
    rows = [
        (ind.score, ind.weight)
        for ind in ctx.ev.indicators
        if ind.weight is not None and not ind.not_applicable and not _is_cost(ind.level2)
        and dimension_of(ind) in ("产出", "效益")
    ]  # fmt: skip
    if not rows or any(score is None for score, _ in rows):
        return
    got = sum((s for s, _ in rows if s is not None), Decimal(0))
    weight = sum((w for _, w in rows), Decimal(0))
    if not weight or got < weight * thresholds.near_full:
        return
    share = f"{got / weight * 100:.1f}%"
    ctx.add(
        Code.LOW_EXEC_FULL_MARKS, "资金",
        f"预算执行率仅 {percent(rate)}（低于 {fmt(thresholds.low_execution * 100)}%），"
        f"而产出、效益指标（成本指标除外）{len(rows)} 项得 {show(got)} / {show(weight)} 分（{share}）",
        field="execution_rate", location=ctx.ev.provenance.get("funds"),
        stated=f"{show(got)}/{show(weight)}", computed=percent(rate), rule="资金执行不足时产出效益应如实评价",
    )  # fmt: skip


CHECKS = (check_execution_rate, check_execution_score, check_funds_sum, check_overspend, check_low_execution_full_marks)
