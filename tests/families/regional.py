"""Families of regional and older forms (layouts.md), written from the same truth tables:

- ``split_columns``: an export of a 预算管理一体化 system whose indicator table splits the target
  over 计算符号 | 指标值 | 计量单位 (or puts 计算符号 | 计量单位 after 实际完成值), calls the weight
  权重 and the score 得分 / 自评得分;
- ``framework_2013``: the 2013 framework's form (财预〔2013〕53号): staged funds 预算资金 /
  预算下达资金 / 实际支出资金, indicators 目标值 | 实际完成指标值 | 完成进度 with no points, then a
  评分表 of 投入 / 过程 / 产出 / 效果 with 指标分值 and 评价得分, 综合得分 and 评价结果等次;
- ``formula_execution``: the execution line's points in the funds label and its score's header
  stating the rule (得分（20分*执行率）), 预算数(A) | 执行数(B) | 执行率(B/A), and in some no 分值
  column in the indicator table (the weights only implied by the scores).

Each writer returns a ``Doc`` whose ``expected`` is what its document states.
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tests.families import kinds
from tests.families.form import Style, _Builder, _funds_rows, _goals, _header, _indicator_rows, number, percent
from tests.families.truth import Truth

# --- split_columns -----------------------------------------------------------------------------


def split_columns(truth: Truth, rng: random.Random, held_out: bool) -> Any:
    """一体化 export: 计算符号 | 指标值 | 计量单位 | 实际完成值 | 权重 | 得分 (| 偏差原因), header
    fields as ``标签：值``; held out also 指标值 | 实际完成值 | 计算符号 | 计量单位."""
    from tests.families.families import Doc, Part, labels

    weight = kinds._pick(rng, held_out, ("权重",), ("权重(分)", "指标权重"))
    lb = replace(labels(rng, held_out), weight=weight)
    actual = kinds._pick(rng, held_out, ("实际完成值",), ("全年实际完成值",))
    split = [("nature", "计算符号"), ("value", "指标值"), ("unit", "计量单位"), ("actual", actual)]
    if held_out and rng.random() < 0.5:
        split = [("value", "指标值"), ("actual", actual), ("nature", "计算符号"), ("unit", "计量单位")]
    cols = [("level1", lb.level1), ("level2", "二级指标"), ("name", "三级指标"), *split, ("weight", weight),
            ("score", kinds._pick(rng, held_out, ("得分", "自评得分"), ("得分(分)",))),
            ("note", kinds._pick(rng, held_out, NOTES, ("偏差原因分析",)))]  # fmt: skip
    style = Style(labels=lb, header="label_value")
    b = _Builder(width=1 + len(cols), prefix=0)
    kinds._title(b, lb.title, truth)
    _header(b, truth, style)
    _funds_rows(b, truth, style)
    _goals(b, truth, style)
    first = b.row([lb.indicators, *[h for _k, h in cols]])
    _indicator_rows(b, truth, style, cols, 0, len(truth.rows))
    b.merge(first, 0, len(b.grid.rows) - 1, 0)
    kinds._total(b, truth, cols)
    numeric = frozenset(1 + k for k, (key, _h) in enumerate(cols) if key in {"weight", "score"})
    return Doc([Part("填报说明", [[INSTRUCTIONS]]), Part("项目支出绩效自评表", [replace(b.grid, numeric=numeric)])])


NOTES = ("偏差原因分析及改进措施", "偏差原因及改进措施")
INSTRUCTIONS = "计算符号填写≥、≤、＝或定性；指标值只填数字或文字，计量单位单独填写。"


# --- framework_2013 --------------------------------------------------------------------------

# the 2013 framework's 评分表: 一级 (points), 二级, 三级 items with their points
FRAMEWORK = (
    ("投入", (("项目目标", (("项目立项规范性", 3), ("绩效目标合理性", 4), ("绩效指标明确性", 4))),
              ("资金落实", (("资金到位率", 3), ("到位及时率", 3), ("预算执行率", 3))))),
    ("过程", (("业务管理", (("管理制度健全性", 3), ("制度执行有效性", 3), ("项目质量可控性", 4))),
              ("财务管理", (("财务制度健全性", 3), ("资金使用合规性", 3), ("财务监控有效性", 4))))),
    ("产出", (("项目产出", (("实际完成率", 8), ("完成及时率", 7), ("质量达标率", 8), ("成本节约率", 7))),)),
    ("效果", (("项目效果", (("经济效益", 5), ("社会效益", 10), ("生态效益", 3), ("可持续影响", 2),
                           ("社会公众或服务对象满意度", 10))),)),
)  # fmt: skip


def _grade(total: Decimal) -> str:
    return "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"


def _sheet_scores(total: Decimal, rng: random.Random) -> list[Decimal]:
    """Every item's score: its points less deductions (tenths) that take the sheet to ``total``."""
    points = [Decimal(p) for _l1, groups in FRAMEWORK for _l2, items in groups for _n, p in items]
    scores = list(points)
    left = sum(points) - total
    while left > 0:
        k = rng.randrange(len(scores))
        step = min(left, scores[k], Decimal(rng.choice(["0.2", "0.5", "1"])))
        scores[k] -= step
        left -= step
    return scores


def _scoring_sheet(b: _Builder, total: Decimal, grade: str, rng: random.Random, held_out: bool) -> list[dict[str, Any]]:
    """评分表 | 二级指标 | 三级指标 | 指标分值 | 评价得分; a 一级 subtotal line (投入: | 20 | 19.8) above its
    items; returns the items as the sheet states them (``scoring_items``)."""
    scores = iter(_sheet_scores(total, rng))
    score_head = kinds._pick(rng, held_out, ("评价得分",), ("自评得分",))
    first = b.row(["评分表", "二级指标", "三级指标", "", "指标分值", score_head])
    b.merge(first, 2, first, 3)
    stated: list[dict[str, Any]] = []
    for level1, groups in FRAMEWORK:
        items = [(l2, k, n, p, next(scores)) for l2, its in groups for k, (n, p) in enumerate(its)]
        points, got = sum(it[3] for it in items), sum(it[4] for it in items)
        r = b.row(["", "", f"{level1}:", "", str(points), number(got)])
        b.merge(r, 2, r, 3)
        for level2, k, name, p, s in items:
            r = b.row(["", level2 if k == 0 else "", name, "", str(p), number(s)])
            b.merge(r, 2, r, 3)
            stated.append({"level1": level1, "level2": level2, "name": name, "weight": Decimal(p), "score": s,
                           "deduction_reason": None})  # fmt: skip
    r = b.row(["", "综合得分:", "", "", "100", number(total)])
    b.merge(r, 1, r, 3)
    b.merge(first, 0, r, 0)
    r = b.row(["评价结果等次:", grade])
    b.span_to_end(r, 1)
    return stated


def _progress(row: dict[str, Any]) -> str:
    """完成进度 as the form writes it: the actual over the target when both are figures."""
    from jixiao.model.values import parse_decimal

    target, actual = row.get("target"), row.get("actual")
    t, a = parse_decimal(target or ""), parse_decimal(actual or "")
    if t and a is not None:
        return percent((a / t).quantize(Decimal("0.0001"), ROUND_HALF_UP))
    return "100%" if target and target == actual else ""


def framework_2013(truth: Truth, rng: random.Random, held_out: bool) -> Any:
    """The 2013 framework's form: staged funds, goals, indicators without points, a 评分表."""
    from tests.families.families import Doc, Part

    b = _Builder(width=6, prefix=0)
    kinds._title(b, rng.choice(["财政支出项目绩效自评表", "项目支出绩效自评表"]), truth)
    d = truth.data
    kinds._pair_row(b, ("项目名称", d.get("project_name") or ""))
    kinds._pair_row(b, (kinds._pick(rng, held_out, ("主管部门", "主管部门及代码"), ("项目主管部门",)),
                        d.get("department") or ""), ("实施单位", d.get("implementing_unit") or ""))  # fmt: skip
    budget = truth.funds("initial_budget")
    budget = budget if budget is not None else kinds._budget(truth)
    _staged_funds(b, budget, kinds._budget(truth), truth.funds("executed"))
    kinds._goals(b, truth, "年度总体目标", "实际完成情况")
    cols = [("level1", "一级指标"), ("level2", "绩效指标（二级）"), ("name", "绩效指标（三级）"),
            ("target", "目标值"), ("actual", "实际完成指标值"), ("progress", "完成进度")]  # fmt: skip
    b.span_to_end(b.row(["绩效目标实现情况"]), 0)
    b.row([h for _k, h in cols])
    start = len(b.grid.rows)
    shifted = _Builder(width=7, prefix=0)  # _indicator_rows writes after a label column: built apart, then shifted
    _indicator_rows(shifted, truth, Style(), [(k, h) for k, h in cols if k != "progress"], 0, len(truth.rows))
    for k, row in enumerate(shifted.grid.rows):
        b.grid.rows.append([*row[1:6], _progress(truth.rows[k])])
    b.grid.merges += [(r1 + start, c1 - 1, r2 + start, c2 - 1) for r1, c1, r2, c2 in shifted.grid.merges]
    b.span_to_end(b.row(["其他需说明的问题", "无"]), 1)
    stated = d.get("total_score_stated")
    total = Decimal(number(stated)) if stated is not None and 60 <= Decimal(number(stated)) <= 100 else None
    total = total if total is not None else Decimal(100) - Decimal(rng.randint(0, 150)) / 10
    grade = d.get("grade_stated") or _grade(total)
    items = _scoring_sheet(b, total, grade, rng, held_out)
    expected = kinds._expected(truth, **{"funds.initial_budget": budget, "funds.adjusted_budget": None,
                                         "funds.executed": truth.funds("executed")}, execution_rate_stated=None,
                               execution_weight=None, execution_score_stated=None, total_score_stated=total,
                               grade_stated=grade)  # fmt: skip
    expected["scoring_items"] = items
    return Doc([Part("自评表", [b.grid])], expected=kinds._clear_rows(expected, "weight", "score", "deviation_note"))


def _staged_funds(b: _Builder, budget: Any, allocated: Any, executed: Any) -> None:
    """项目资金情况（万元）: 预算资金 / 预算下达资金 / 实际支出资金, each stage's figure at the right."""
    first = b.row(["项目资金情况（万元）", "预算资金", "财政资金", "", "", number(budget)])
    b.row(["", "", "其他", "", "", "0.00"])
    b.merge(first, 1, first + 1, 1)
    b.row(["", "预算下达资金", "", "", "", number(allocated)])
    r = b.row(["", "实际支出资金", "财政资金", "", "", number(executed)])
    b.row(["", "", "上年结转资金", "", "", "0.00"])
    b.merge(r, 1, r + 1, 1)
    for row in range(first, r + 2):
        b.merge(row, 2, row, 4) if b.grid.rows[row][2] else b.merge(row, 1, row, 4)
    b.merge(first, 0, r + 1, 0)


# --- formula_execution -----------------------------------------------------------------------


def _execution_weight(truth: Truth) -> Decimal:
    w = truth.data.get("execution_weight")
    return Decimal(number(w)) if w is not None else Decimal(10)


def formula_execution(truth: Truth, rng: random.Random, held_out: bool) -> Any:
    """The execution line's points in its label (预算执行情况（万元）（20分）) and its score's header
    stating the rule (得分（20分*执行率）); 预算数(A) | 执行数(B) | 执行率(B/A); in some forms no
    分值 column in the indicator table, the weights only implied by the scores."""
    from tests.families.families import Doc, Part, labels

    lb = labels(rng, held_out)
    d = truth.data
    with_weights = rng.random() < 0.5
    cols = [("level1", lb.level1), ("level2", "二级指标"), ("name", "三级指标"), ("target", lb.target),
            ("actual", lb.actual), *([("weight", lb.weight)] if with_weights else []), ("score", "得分"),
            ("note", lb.note)]  # fmt: skip
    b = _Builder(width=1 + len(cols), prefix=0)
    kinds._title(b, lb.title, truth)
    style = Style(labels=lb)
    _header(b, truth, style)
    w = _execution_weight(truth)
    label = kinds._pick(rng, held_out, ("预算执行情况（万元）", "资金情况（万元）"), ("项目资金（万元）",))
    times = kinds._pick(rng, held_out, ("*",), ("×",))
    first = b.row([f"{label}（{number(w)}分）", "", "预算数(A)", "执行数(B)", "执行率(B/A)",
                   f"得分（{number(w)}分{times}执行率）"])  # fmt: skip
    b.span_to_end(first, 5)
    budget = kinds._budget(truth)
    r = b.row(["", lb.total_funds, number(budget), number(truth.funds("executed")),
               percent(d.get("execution_rate_stated")), number(d.get("execution_score_stated"))])  # fmt: skip
    b.span_to_end(r, 5)
    b.merge(first, 0, r, 0)
    _goals(b, truth, style)
    head = b.row([lb.indicators, *[h for _k, h in cols]])
    _indicator_rows(b, truth, style, cols, 0, len(truth.rows))
    b.merge(head, 0, len(b.grid.rows) - 1, 0)
    at = next(k for k, (key, _h) in enumerate(cols, start=1) if key == "score")
    r = b.row([lb.total] + [""] * (at - 1) + [number(d.get("total_score_stated")), d.get("grade_stated") or ""])
    b.merge(r, 0, r, at - 1)
    b.span_to_end(r, at + 1)
    expected = kinds._expected(truth, **{"funds.initial_budget": None, "funds.adjusted_budget": budget},
                               execution_weight=w)  # fmt: skip
    if not with_weights:
        expected = kinds._clear_rows(expected, "weight")
    return Doc([Part("自评表", [b.grid])], expected=expected)


# --- sichuan_special -------------------------------------------------------------------------

SOURCES = (("中央财政", "省级财政"), ("中央财政资金", "省级财政资金"))


def sichuan_special(truth: Truth, rng: random.Random, held_out: bool) -> Any:
    """四川 专项 form: 专项名称 / 省级主管部门; 资金情况（万元） with ``年度金额(提前下达)：208万元``
    and ``合计：109.8万元`` under 资金使用情况 written as label and figure in one cell, each source
    twice (its amount, then its use); indicators 一级 | 二级 | 三级 | 指标值 | 完成值 | 权重 | 得分 with
    no execution line, the weights written as percentages in some; 得分合计 at the end."""
    from tests.families.families import Doc, Part

    note = rng.random() < 0.5
    cols = [("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"), ("target", "指标值"),
            ("actual", kinds._pick(rng, held_out, ("完成值",), ("实际完成值",))), ("weight", "权重"),
            ("score", "得分"), *([("note", "未完成原因分析")] if note else [])]  # fmt: skip
    b = _Builder(width=1 + len(cols), prefix=0)
    kinds._title(b, kinds._pick(rng, held_out, ("专项资金绩效自评表",), ("省级财政专项资金绩效自评表",)), truth)
    d = truth.data
    kinds._pair_row(b, ("专项名称", d.get("project_name") or ""))
    kinds._pair_row(b, ("省级主管部门", d.get("department") or ""))
    _special_funds(b, truth, rng, held_out)
    kinds._goals(b, truth, "年度总体目标", "完成情况")
    rows = [dict(r) for r in truth.rows]
    if rng.random() < 0.5:  # 权重 as the form's percentages (20%), the points they stand for expected
        rows = [{**r, "weight": f"{number(r['weight'])}%" if r.get("weight") is not None else None} for r in rows]
    kinds._indicator_block(
        b,
        replace(truth, data={**d, "indicators": rows}),
        cols,
        kinds._pick(rng, held_out, ("绩效目标完成情况", "绩效指标"), ("绩效指标完成情况",)),
    )
    at = next(k for k, (key, _h) in enumerate(cols, start=1) if key == "score")
    r = b.row(["得分合计"] + [""] * (at - 1) + [number(d.get("total_score_stated"))])
    b.merge(r, 0, r, at - 1)
    expected = kinds._expected(truth, **{"funds.initial_budget": None, "funds.adjusted_budget": kinds._budget(truth)},
                               execution_rate_stated=None, execution_weight=None, execution_score_stated=None,
                               implementing_unit=None, grade_stated=None)  # fmt: skip
    if not note:
        expected = kinds._clear_rows(expected, "deviation_note")
    return Doc([Part("专项资金绩效自评表", [b.grid])], expected=expected)


def _special_funds(b: _Builder, truth: Truth, rng: random.Random, held_out: bool) -> None:
    """``资金情况（万元） | 年度金额(提前下达)：X万元 | 资金使用情况（万元） | 合计：Y万元``, then each
    source's amount and use; the label and its figure share one cell, as the 四川 专项 form writes them."""
    budget, executed = kinds._budget(truth), truth.funds("executed")
    colon = rng.choice(("：", ":"))
    unit = kinds._pick(rng, held_out, ("万元",), ("万元", ""))
    amount = kinds._pick(rng, held_out, ("年度金额(提前下达)", "年度金额（提前下达）"), ("年度金额（提前下达)",))
    central, provincial = rng.choice(SOURCES)

    def figure(value: Any) -> str:
        return f"{number(value)}{unit}" if value is not None else ""

    first = b.row(["资金情况（万元）", f"{amount}{colon}{figure(budget)}", "", "资金使用情况（万元）",
                   f"合计{colon}{figure(executed)}"])  # fmt: skip
    b.merge(first, 1, first, 2)
    b.span_to_end(first, 4)
    for name, (a, e) in zip((central, provincial), _shares(budget, executed, rng), strict=True):
        r = b.row(["", name, figure(a), name, figure(e)])
        b.span_to_end(r, 4)
    b.merge(first, 0, len(b.grid.rows) - 1, 0)


def _shares(budget: Any, executed: Any, rng: random.Random) -> list[tuple[Any, Any]]:
    """The central and provincial parts of the budget and of its use, in one proportion (each
    pair adds up to its whole, and no source uses more than it was given)."""
    share = Decimal(rng.randint(55, 85)) / 100
    out: list[list[Any]] = [[None, None], [None, None]]
    for k, whole in enumerate((budget, executed)):
        if whole is None:
            continue
        total = Decimal(number(whole))
        part = (total * share).quantize(Decimal("0.01"), ROUND_HALF_UP)
        out[0][k], out[1][k] = part, total - part
    return [(a, e) for a, e in out]
