"""The three standard tables as grids: national, 40/40/20 with a 得分计算方法 column, and the
2013 投入/过程/产出/效果 评分表.

Each table shows what the evaluation states.  Rates and totals become formulas in the
workbook only where the formula gives the stated figure: a formula that silently corrected
a unit's figure would change the document it hands in (the review reports the disagreement
instead).  ``fill_computed`` makes the table from jixiao's own scores where none are stated.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any

from jixiao.model.evaluation import Evaluation, Indicator, ScoringItem
from jixiao.render.sheet import Cell, Sheet, Style, ref
from jixiao.render.templates import TEMPLATE_DIR, environment
from jixiao.rules.ruleset import Layout, RuleSet

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@cache
def wording() -> dict[str, Any]:
    """Titles and fixed labels per layout, from ``templates/titles.toml``."""
    with (TEMPLATE_DIR / "titles.toml").open("rb") as fh:
        return tomllib.load(fh)


def method_text(rs: RuleSet) -> str:
    """The 得分计算方法 wording, from the rule set's own tier bounds."""
    return environment().get_template("method.txt.j2").render(tiers=rs.qualitative.tiers).strip()


def plain(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def money_text(value: Decimal | None) -> str:
    """万元 with two decimals; a figure with more digits keeps them (never rounded away)."""
    if value is None:
        return ""
    return format(value.quantize(CENT) if value == value.quantize(CENT) else value, "f")


def rate_text(rate: Decimal | None) -> str:
    return "" if rate is None else f"{(rate * HUNDRED).quantize(CENT)}%"


def money(value: Decimal | None) -> Cell:
    return Cell(money_text(value), Style.MONEY, value)


def number(value: Decimal | None, formula: str | None = None) -> Cell:
    return Cell(plain(value), Style.NUMBER, value, formula if value is not None else None)


def head(text: str) -> Cell:
    return Cell(text, Style.HEAD)


def center(text: str | None) -> Cell:
    return Cell(text or "", Style.CENTER)


def in_wan_yuan(ev: Evaluation) -> Evaluation:
    """Amounts written in 元 are shown in 万元, as the standard table states them (exact division)."""
    funds = ev.funds
    if funds is None or funds.unit != "元":
        return ev
    scale = Decimal(10000)

    def conv(v: Decimal | None) -> Decimal | None:
        return None if v is None else v / scale

    lines = [
        s.model_copy(update={k: conv(getattr(s, k)) for k in ("initial_budget", "adjusted_budget", "executed")})
        for s in funds.sources
    ]
    update = {k: conv(getattr(funds, k)) for k in ("initial_budget", "adjusted_budget", "executed", "allocated")}
    return ev.model_copy(update={"funds": funds.model_copy(update={**update, "unit": "万元", "sources": lines})})


def fill_computed(ev: Evaluation) -> Evaluation:
    """Stated figures left empty take jixiao's computed ones (a scored evaluation, see
    ``scoring.engine.apply``): for a table entered without scores."""
    rows = [i.model_copy(update={"score": i.computed_score}) if i.score is None else i for i in ev.indicators]
    items = [i.model_copy(update={"score": i.computed_score}) if i.score is None else i for i in ev.scoring_items]
    update: dict[str, Any] = {"indicators": rows, "scoring_items": items}
    for stated, computed in (("execution_rate_stated", "execution_rate"), ("execution_score_stated", "execution_score"),
                             ("total_score_stated", "total_score"), ("grade_stated", "grade")):  # fmt: skip
        if getattr(ev, stated) is None:
            update[stated] = getattr(ev, computed)
    return ev.model_copy(update=update)


def _formula_if(stated: Decimal | None, computed: Decimal | None, formula: str) -> str | None:
    """The formula, when it gives the stated figure at the digits the figure is written with."""
    if stated is None or computed is None:
        return None
    exponent = stated.as_tuple().exponent
    digits = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return formula if computed.quantize(Decimal(1).scaleb(-digits)) == stated else None


def _sum(values: list[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


def _header(sheet: Sheet, ev: Evaluation, title: str, department_label: str = "主管部门") -> None:
    last = sheet.columns - 1
    r = sheet.add(Cell(title, Style.TITLE))
    sheet.merge(r, 0, r, last)
    r = sheet.add(Cell(f"（{ev.year}年度）" if ev.year else "（    年度）", Style.SUBTITLE))
    sheet.merge(r, 0, r, last)
    r = sheet.add(head("项目名称"), Cell(ev.project_name or ""))
    sheet.merge(r, 1, r, last)
    half = sheet.columns // 2
    r = sheet.add(head(department_label), Cell(ev.department or ""), *[""] * (half - 2), head("实施单位"),
                  Cell(ev.implementing_unit or ""))  # fmt: skip
    sheet.merge(r, 1, r, half - 1)
    sheet.merge(r, half + 1, r, last)


def _goals(sheet: Sheet, ev: Evaluation, label: str, columns: list[str], split: int) -> None:
    """年度总体目标: expected in columns 1..split-1, actual in split..last."""
    last = sheet.columns - 1
    first = sheet.add(head(label), head(columns[0]), *[""] * (split - 2), head(columns[1]))
    sheet.merge(first, 1, first, split - 1)
    sheet.merge(first, split, first, last)
    for goal in ev.goals or []:
        r = sheet.add("", Cell(goal.expected or ""), *[""] * (split - 2), Cell(goal.actual or ""))
        sheet.merge(r, 1, r, split - 1)
        sheet.merge(r, split, r, last)
    sheet.merge(first, 0, len(sheet.rows) - 1, 0)


SCORE_HEAD = {False: "得分", True: "自评得分"}
"""The score column's heading: 自评得分 once a 复核得分 stands beside it, so neither a reader nor
ingest takes one for the other."""


def review_columns(ev: Evaluation) -> tuple[bool, bool]:
    """Whether the indicator table carries a 复核得分 and a 复核意见 column: only when a reviewer
    recorded one on some row (or the table states a 复核总分), so other tables look as before."""
    recheck = ev.recheck_total_stated is not None or any(i.recheck_score is not None for i in ev.indicators)
    return recheck, any(i.review_comment for i in ev.indicators)


def _review_cells(ind: Indicator, recheck: bool, comment: bool, reason: Cell | None) -> list[Cell]:
    """The cells after 得分: 复核得分 beside it, then 偏差原因 (when the layout has it), 复核意见 last."""
    return [*([number(ind.recheck_score)] if recheck else []), *([reason] if reason is not None else []),
            *([Cell(ind.review_comment or "")] if comment else [])]  # fmt: skip


def _merge_levels(sheet: Sheet, rows: list[Indicator], first: int) -> None:
    sheet.merge_down(1, [i.level1 for i in rows], first)
    sheet.merge_down(2, [f"{i.level1}|{i.level2}" if i.level2 else None for i in rows], first)


def national(ev: Evaluation, rs: RuleSet) -> Sheet:
    """财预〔2020〕10号 附件: funds with 分值/执行率/得分, goals, the indicator table, 总分."""
    words = wording()["national"]
    recheck, comment = review_columns(ev)
    sheet = Sheet(name="自评表", widths=[8, 11, 12, 24, 14, 14, 8, 8, *([10] if recheck else []), 30,
                                        *([26] if comment else [])])  # fmt: skip
    _header(sheet, ev, words["title"])
    funds = ev.funds
    first = sheet.add(head(words["funds"]), "", head("年初预算数"), head("全年预算数"), head("全年执行数"),
                      head("分值"), head("执行率"), head("得分"))  # fmt: skip
    fr = first + 1
    initial, adjusted, executed = (None, None, None) if funds is None else (
        funds.initial_budget, funds.adjusted_budget, funds.executed)  # fmt: skip
    rate = ev.execution_rate_stated
    real_rate = executed / adjusted if executed is not None and adjusted else None
    rate_formula = _formula_if(rate.quantize(Decimal("0.0001")) if rate is not None else None, real_rate,
                               f"={ref(fr, 4)}/{ref(fr, 3)}")  # fmt: skip
    exec_score = ev.execution_score_stated
    weight = ev.execution_weight
    from_rate = None if rate is None or weight is None else (weight * min(rate, Decimal(1))).quantize(CENT)
    score_formula = _formula_if(exec_score, from_rate, f"=ROUND({ref(fr, 5)}*MIN({ref(fr, 6)},1),2)")
    sheet.add(Cell(), center("年度资金总额"), money(initial), money(adjusted), money(executed), number(weight),
              Cell(rate_text(rate), Style.RATE, rate, rate_formula), number(exec_score, score_formula))  # fmt: skip
    for source in funds.sources if funds else []:
        dash = Cell(words["source_cells"], Style.CENTER)
        sheet.add(Cell(), center(source.name), money(source.initial_budget), money(source.adjusted_budget),
                  money(source.executed), dash, dash, dash)  # fmt: skip
    sheet.merge(first, 0, len(sheet.rows) - 1, 0)
    _goals(sheet, ev, words["goals"], words["goal_columns"], 5)
    headings = (
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        SCORE_HEAD[recheck],
        *(["复核得分"] if recheck else []),
        "偏差原因分析及改进措施",
        *(["复核意见"] if comment else []),
    )
    top = sheet.add(head(words["indicators"]), *map(head, headings))
    start = top + 1
    for ind in ev.indicators:
        levels = (Cell(), center(ind.level1), center(ind.level2), Cell(ind.name or ""))
        sheet.add(*levels, center(ind.target), center(ind.actual), number(ind.weight), number(ind.score),
                  *_review_cells(ind, recheck, comment, Cell(ind.deviation_note or "")))  # fmt: skip
    end = len(sheet.rows) - 1
    sheet.merge(top, 0, end, 0)
    _merge_levels(sheet, ev.indicators, start)
    sheet.repeat_rows = (top, top)
    weights = [weight, *(i.weight for i in ev.indicators)]
    scores = [exec_score, *(i.score for i in ev.indicators)]
    rows = f"{ref(start, 6)}:{ref(end, 6)}" if end >= start else None
    w_formula = f"=SUM({ref(fr, 5)},{rows})" if rows else f"={ref(fr, 5)}"
    s_formula = f"=SUM({ref(fr, 7)},{ref(start, 7)}:{ref(end, 7)})" if rows else f"={ref(fr, 7)}"
    total = ev.total_score_stated
    total_cell = number(total, _formula_if(total, _sum(scores), s_formula))
    grade = Cell(ev.grade_stated or "", Style.CENTER)
    rechecked = [number(ev.recheck_total_stated)] if recheck else []
    r = sheet.add(head(words["total"]), *[""] * 5, number(_sum(weights), w_formula), total_cell, *rechecked, grade)
    sheet.merge(r, 0, r, 5)
    return sheet


def method_column(ev: Evaluation, rs: RuleSet) -> Sheet:
    """The 40/40/20 table with 指标值（A） and a 得分计算方法 column (宁夏 practice, seed 001).

    实际完成值 and 偏差原因 columns are added when the evaluation has them."""
    words = wording()["method-column"]
    has_actual = any(i.actual for i in ev.indicators)
    has_reason = any(i.deviation_note for i in ev.indicators)
    recheck, comment = review_columns(ev)
    heads = ["分值", "指标值（A）", *(["实际完成值（B）"] if has_actual else []), "得分计算方法", SCORE_HEAD[recheck],
             *(["复核得分"] if recheck else []), *(["偏差原因分析及改进措施"] if has_reason else []),
             *(["复核意见"] if comment else [])]  # fmt: skip
    widths: list[float] = [8, 12, 12, 26, 7, 14, *([14] if has_actual else []), 30, 8, *([10] if recheck else []),
                           *([26] if has_reason else []), *([26] if comment else [])]  # fmt: skip
    sheet = Sheet(name="自评表", widths=widths)
    score_col = 4 + heads.index(SCORE_HEAD[recheck])
    method_col = 4 + heads.index("得分计算方法")
    _header(sheet, ev, words["title"])
    funds = ev.funds
    first = sheet.add(head(words["funds"]), "", "", "", head("年初预算数"), head("全年预算数"), head("全年执行数"))
    sheet.merge(first, 1, first, 3)
    lines = [] if funds is None else [("年度资金总额", funds), *((s.name or "", s) for s in funds.sources)]
    for name, line in lines:
        r = sheet.add(Cell(), center(name), "", "", money(line.initial_budget), money(line.adjusted_budget),
                      money(line.executed))  # fmt: skip
        sheet.merge(r, 1, r, 3)
    sheet.merge(first, 0, len(sheet.rows) - 1, 0)
    _goals(sheet, ev, words["goals"], words["goal_columns"], 5)
    top = sheet.add(head(words["indicators"]), head("一级指标"), head("二级指标"), head("三级指标"), *map(head, heads))
    start = top + 1
    method = method_text(rs)
    for ind in ev.indicators:
        actual = [center(ind.actual)] if has_actual else []
        reason = Cell(ind.deviation_note or "") if has_reason else None
        cells = [number(ind.weight), center(ind.target), *actual, Cell(method), number(ind.score),
                 *_review_cells(ind, recheck, comment, reason)]  # fmt: skip
        sheet.add(Cell(), center(ind.level1), center(ind.level2), Cell(ind.name or ""), *cells)
    end = len(sheet.rows) - 1
    sheet.merge(top, 0, end, 0)
    _merge_levels(sheet, ev.indicators, start)
    sheet.merge_down(method_col, [method] * len(ev.indicators), start)
    sheet.repeat_rows = (top, top)
    total = ev.total_score_stated
    scores = [i.score for i in ev.indicators]
    s_formula = f"=SUM({ref(start, score_col)}:{ref(end, score_col)})" if end >= start else None
    cells = [Cell()] * sheet.columns
    cells[0] = head(words["total"])
    cells[4] = number(
        _sum([i.weight for i in ev.indicators]), f"=SUM({ref(start, 4)}:{ref(end, 4)})" if s_formula else None
    )
    cells[score_col] = number(total, _formula_if(total, _sum(scores), s_formula) if s_formula else None)
    if recheck:
        cells[score_col + 1] = number(ev.recheck_total_stated)
    r = sheet.add(*cells)
    sheet.merge(r, 0, r, 3)
    return sheet


def scoring_recheck(ev: Evaluation) -> bool:
    """Whether the 评分表 carries a 复核得分 column: only when a reviewer recorded one on some item
    (or the table states a 复核总分), so other tables look as before."""
    return ev.recheck_total_stated is not None or any(i.recheck_score is not None for i in ev.scoring_items)


def framework_2013(ev: Evaluation, rs: RuleSet) -> Sheet:
    """The 2013 framework (seed 002): funds lines, target/actual/完成进度, then the 评分表 with its
    投入/过程/产出/效果 subtotals, 综合得分 and 评价结果等次 (and 复核得分 beside 评价得分 when a
    reviewer gave one: the last column, which the rows above span)."""
    words = wording()["framework-2013"]
    recheck = scoring_recheck(ev)
    sheet = Sheet(name="自评表", widths=[14, 16, 26, 18, 18, 12, *([10] if recheck else [])])
    last = sheet.columns - 1
    _header(sheet, ev, words["title"], "主管部门及代码")
    if ev.project_attribute or ev.project_period:
        r = sheet.add(
            head("项目属性"), Cell(ev.project_attribute or ""), "", head("项目期"), Cell(ev.project_period or "")
        )
        sheet.merge(r, 1, r, 2)
        sheet.merge(r, 4, r, last)
    funds = ev.funds
    first = len(sheet.rows)
    figures = (None, None, None) if funds is None else (funds.initial_budget, funds.allocated, funds.executed)
    for label, value in zip(words["fund_lines"], figures, strict=True):
        r = sheet.add(head(words["funds"]), center(label), "", "", "", money(value))
        sheet.merge(r, 1, r, 4)
        if recheck:
            sheet.merge(r, 5, r, last)
    sheet.merge(first, 0, len(sheet.rows) - 1, 0)
    for row in sheet.rows[first + 1 :]:
        row[0] = Cell(style=Style.HEAD)
    if ev.goals:
        _goals(sheet, ev, words["goals"], words["goal_columns"], 3)
    top = sheet.add(head(words["targets"]), head("绩效指标（二级）"), head("绩效指标（三级）"), head("目标值"),
                    head("实际完成指标值"), head("完成进度"))  # fmt: skip
    for ind in ev.indicators:
        progress = ind.progress_stated
        sheet.add(center(ind.level1), center(ind.level2), Cell(ind.name or ""), center(ind.target), center(ind.actual),
                  Cell(rate_text(progress).replace(".00%", "%"), Style.RATE, progress))  # fmt: skip
    if recheck:
        for r in range(top, len(sheet.rows)):
            sheet.merge(r, 5, r, last)
    sheet.merge_down(0, [i.level1 for i in ev.indicators], top + 1)
    sheet.repeat_rows = (top, top)
    _scoring_sheet(sheet, ev, words, recheck)
    return sheet


def _recheck_sum(items: list[ScoringItem], first: int, last: int) -> Cell:
    """A group's 复核得分: the sum of its items' (a formula), only when every item has one."""
    values = [i.recheck_score for i in items]
    if not items or any(v is None for v in values):
        return Cell()
    return number(_sum(values), f"=SUM({ref(first, 6)}:{ref(last, 6)})")


def _scoring_sheet(sheet: Sheet, ev: Evaluation, words: dict[str, Any], recheck: bool = False) -> None:
    top = sheet.add(head(words["scoring"]), head("二级指标"), head("三级指标"), "", head("指标分值"), head("评价得分"),
                    *([head("复核得分")] if recheck else []))  # fmt: skip
    sheet.merge(top, 2, top, 3)
    stated = {s.level1: s for s in ev.subtotals_stated if s.level2 is None}
    subtotal_rows: list[int] = []
    order: list[str] = []
    for item in ev.scoring_items:
        if item.level1 and item.level1 not in order:
            order.append(item.level1)
    for level1 in order:
        items = [i for i in ev.scoring_items if i.level1 == level1]
        line = stated.get(level1)
        head_row = len(sheet.rows)
        first, last = head_row + 1, head_row + len(items)
        weight = line.weight if line else _sum([i.weight for i in items])
        score = line.score if line else None
        s_formula = _formula_if(score, _sum([i.score for i in items]), f"=SUM({ref(first, 5)}:{ref(last, 5)})")
        r = sheet.add("", "", Cell(f"{level1}:", Style.HEAD), "",
                      number(weight, _formula_if(weight, _sum([i.weight for i in items]),
                                                 f"=SUM({ref(first, 4)}:{ref(last, 4)})")),
                      number(score, s_formula), *([_recheck_sum(items, first, last)] if recheck else []))  # fmt: skip
        sheet.merge(r, 2, r, 3)
        subtotal_rows.append(r)
        for item in items:
            r = sheet.add("", center(item.level2), Cell(item.name or ""), "", number(item.weight), number(item.score),
                          *([number(item.recheck_score)] if recheck else []))  # fmt: skip
            sheet.merge(r, 2, r, 3)
        sheet.merge_down(1, [i.level2 for i in items], first)
    sheet.merge(top, 0, len(sheet.rows) - 1, 0)
    total = ev.total_score_stated
    subtotal_scores = [sheet.rows[r][5].value for r in subtotal_rows]
    formula = "=" + "+".join(ref(r, 5) for r in subtotal_rows) if subtotal_rows else None
    r = sheet.add("", "", head(words["total"]), "",
                  number(_sum([sheet.rows[r][4].value for r in subtotal_rows]) if subtotal_rows else None),
                  number(total, _formula_if(total, _sum(subtotal_scores), formula) if formula else None),
                  *([_recheck_total(sheet, ev, subtotal_rows)] if recheck else []))  # fmt: skip
    sheet.merge(r, 2, r, 3)
    r = sheet.add(head(words["grade"]), center(ev.grade_stated))
    sheet.merge(r, 1, r, sheet.columns - 1)


def _recheck_total(sheet: Sheet, ev: Evaluation, subtotal_rows: list[int]) -> Cell:
    """The 复核总分 as the table states it, as a formula over the groups' 复核得分 when it is their sum."""
    total = ev.recheck_total_stated
    groups = [sheet.rows[r][6].value for r in subtotal_rows]
    if not groups or any(v is None for v in groups):
        return number(total)
    formula = "=" + "+".join(ref(r, 6) for r in subtotal_rows)
    return number(total, _formula_if(total, _sum(groups), formula))


BUILDERS: dict[Layout, Callable[[Evaluation, RuleSet], Sheet]] = {
    Layout.NATIONAL: national,
    Layout.METHOD_COLUMN: method_column,
    Layout.FRAMEWORK_2013: framework_2013,
}


def build(ev: Evaluation, rs: RuleSet, layout: Layout | None = None) -> Sheet:
    """The standard table of the evaluation in the rule set's layout (or the one given)."""
    return BUILDERS[layout or rs.meta.layout](in_wan_yuan(ev), rs)
