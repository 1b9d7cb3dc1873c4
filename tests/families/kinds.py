"""Families of the other kinds and forms a batch holds (layouts.md), written from the same truth
tables: the central transfer payments' region form (中央对地方转移支付区域绩效自评表, no 分值 /
得分), a target form (绩效目标申报表 / 批复表: targets, no actuals, no scores), the department-wide
form (部门整体支出绩效自评表: 一级预算单位, 年度主要任务, 指标权重 / 指标得分), the 40/40/20 form with
a method column (宁夏: 指标值（A）, 得分计算方法, no execution line) and the national form with
its 一级 labels carrying their points and the template's placeholder rows (指标1, ……) left in.

Each writer returns a ``Doc`` whose ``expected`` is what its document states: a form without a
分值 column states no weights, a target form no actuals.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from tests.families.form import Labels, Style, _Builder, _indicator_rows, layout, number, percent
from tests.families.truth import Truth

CENTRAL = ("财政部", "农业农村部", "教育部", "国家卫生健康委员会", "水利部")
TASKS = ("任务一", "任务二", "任务三")
METHODS = (
    "完成值达到指标值，记满分；未达到指标值，按B/A×该指标分值记分。",
    "达到目标值得满分，每降低1个百分点扣0.5分，扣完为止。",
    "全部完成得满分，未完成按比例计分。",
)


def _pick(rng: random.Random, held_out: bool, seen: tuple[str, ...], held: tuple[str, ...]) -> str:
    """A label among the field's variants; the second set only in held-out variants."""
    return rng.choice(seen + held if held_out else seen)


def _expected(truth: Truth, **top: Any) -> dict[str, Any]:
    data = {k: v for k, v in truth.data.items() if k != "indicators"}
    data["funds"] = dict(truth.data.get("funds") or {})
    for key, value in top.items():
        if key.startswith("funds."):
            data["funds"][key[6:]] = value
        else:
            data[key] = value
    data["indicators"] = [dict(r) for r in truth.rows]
    return data


def _clear_rows(data: dict[str, Any], *keys: str) -> dict[str, Any]:
    data["indicators"] = [{**r, **{k: None for k in keys}} for r in data["indicators"]]
    return data


def _title(b: _Builder, title: str, truth: Truth) -> None:
    r = b.row([title])
    b.span_to_end(r, 0)
    if truth.data.get("year"):
        r = b.row([f"（{truth.data['year']}年度）"])
        b.span_to_end(r, 0)


def _pair_row(b: _Builder, left: tuple[str, str], right: tuple[str, str] | None = None) -> None:
    """``label | value`` (and a second pair on the right half), each value spanning its half."""
    n = b.width - b.prefix
    if right is None:
        r = b.row(list(left))
        b.span_to_end(r, 1)
        return
    half = max(2, n // 2)
    r = b.row([left[0], left[1]] + [""] * (half - 2) + [right[0], right[1]])
    b.merge(r, 1, r, half - 1)
    b.span_to_end(r, half + 1)


def _indicator_block(b: _Builder, truth: Truth, cols: list[tuple[str, str]], lead: str = "绩效指标") -> None:
    r = b.row([lead, *[h for _k, h in cols]])
    _indicator_rows(b, truth, Style(), cols, 0, len(truth.rows))
    b.merge(r, 0, len(b.grid.rows) - 1, 0)


def _budget(truth: Truth) -> Any:
    """The year's budget as a form with one budget column states it."""
    adjusted = truth.funds("adjusted_budget")
    return adjusted if adjusted is not None else truth.funds("initial_budget")


def transfer_region(truth: Truth, rng: random.Random, held_out: bool) -> Any:
    """中央对地方转移支付区域绩效自评表: 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A), indicators
    with no 分值 or 得分 column; the evaluating department is the 地方主管部门."""
    from tests.families.families import Doc, Part

    cols = [("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"), ("target", "指标值"),
            ("actual", _pick(rng, held_out, ("全年实际完成值",), ("实际完成值",))),
            ("note", rng.choice(["未完成原因和改进措施", "偏差原因分析及改进措施"]))]  # fmt: skip
    b = _Builder(width=1 + len(cols), prefix=0)
    _title(b, "中央对地方转移支付区域绩效自评表", truth)
    d = truth.data
    name = _pick(rng, held_out, ("转移支付(项目)名称", "转移支付（项目）名称"), ("转移支付项目名称",))
    _pair_row(b, (name, d.get("project_name") or ""))
    central = rng.choice(CENTRAL)
    _pair_row(b, ("中央主管部门", central), ("地方主管部门", d.get("department") or ""))
    _pair_row(b, ("资金使用单位", d.get("implementing_unit") or ""))
    first = b.row(["资金情况（万元）", "", "全年预算数(A)", "全年执行数(B)", "预算执行率(B/A)"])
    b.span_to_end(first, 4)
    r = b.row(["", "年度资金总额", number(_budget(truth)), number(truth.funds("executed")),
               percent(d.get("execution_rate_stated"))])  # fmt: skip
    b.span_to_end(r, 4)
    for name in ("其中：中央补助", "地方资金", "其他资金"):
        b.span_to_end(b.row(["", name, "", "", ""]), 4)
    b.merge(first, 0, len(b.grid.rows) - 1, 0)
    _goals(b, truth, "总体目标", "全年实际完成情况")
    _indicator_block(b, truth, cols)
    expected = _expected(truth, **{"funds.initial_budget": None, "funds.adjusted_budget": _budget(truth)},
                         execution_weight=None, execution_score_stated=None, total_score_stated=None,
                         grade_stated=None, department=d.get("department") or central)  # fmt: skip
    # a blank 地方主管部门: the department the form states is the central one (labels' order of preference)
    return Doc([Part("区域绩效自评表", [b.grid])], expected=_clear_rows(expected, "weight", "score"))


def _goals(b: _Builder, truth: Truth, label: str, actual: str | None) -> None:
    if not truth.goals:
        return
    n = b.width - b.prefix
    half = max(2, (n + 1) // 2)
    first = b.row([label, "预期目标"] + ([""] * (half - 2) + [actual] if actual else []))
    for expected, done in truth.goals:
        b.row(["", expected] + ([""] * (half - 2) + [done] if actual else []))
    for r in range(first, len(b.grid.rows)):
        if actual:
            b.merge(r, 1, r, half - 1)
            b.span_to_end(r, half)
        else:
            b.span_to_end(r, 1)
    b.merge(first, 0, len(b.grid.rows) - 1, 0)


def target_form(truth: Truth, rng: random.Random, held_out: bool) -> Any:
    """绩效目标申报表 / 批复表: the header, the year's funds, the goals and indicators 一级 | 二级 |
    三级 | 指标值 — no actuals, no scores, no execution line."""
    from tests.families.families import Doc, Part

    cols = [
        ("level1", "一级指标"),
        ("level2", "二级指标"),
        ("name", "三级指标"),
        ("target", _pick(rng, held_out, ("指标值",), ("年度指标值",))),
    ]
    b = _Builder(width=1 + len(cols), prefix=0)
    _title(b, rng.choice(["项目支出绩效目标申报表", "项目支出绩效目标批复表", "项目绩效目标表"]), truth)
    d = truth.data
    _pair_row(b, ("项目名称", d.get("project_name") or ""))
    _pair_row(b, ("主管部门", d.get("department") or ""), ("实施单位", d.get("implementing_unit") or ""))
    amount = truth.funds("initial_budget")
    amount = amount if amount is not None else _budget(truth)
    first = b.row(["项目资金（万元）", "年度资金总额", number(amount)])
    b.span_to_end(first, 2)
    for name in ("其中：财政拨款", "其他资金"):
        b.span_to_end(b.row(["", name, ""]), 2)
    b.merge(first, 0, len(b.grid.rows) - 1, 0)
    _goals(b, truth, "年度绩效目标", None)
    _indicator_block(b, truth, cols)
    expected = _expected(truth, **{"funds.initial_budget": amount, "funds.adjusted_budget": None,
                                   "funds.executed": None}, execution_rate_stated=None, execution_weight=None,
                         execution_score_stated=None, total_score_stated=None, grade_stated=None)  # fmt: skip
    expected = _clear_rows(expected, "actual", "weight", "score", "deviation_note")
    return Doc([Part("绩效目标表", [b.grid])], expected=expected)


def department_overall(truth: Truth, rng: random.Random, held_out: bool) -> Any:
    """部门整体支出绩效自评表: the department named, no project; funds by 基本支出 / 项目支出;
    年度主要任务 (任务名称 | 主要内容 | 预算金额); indicators with 指标权重 | 指标得分."""
    from tests.families.families import Doc, Part

    cols = [("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"), ("target", "年度指标值"),
            ("actual", _pick(rng, held_out, ("全年完成值",), ("实际完成值",))),
            ("weight", _pick(rng, held_out, ("指标权重",), ("权重",))), ("score", "指标得分"),
            ("note", "偏差原因分析及改进措施")]  # fmt: skip
    b = _Builder(width=1 + len(cols), prefix=0)
    _title(b, "部门整体支出绩效自评表", truth)
    d = truth.data
    label = _pick(rng, held_out, ("一级预算单位名称", "部门（单位）名称"), ("部门名称",))
    _pair_row(b, (label, d.get("department") or ""))
    lb = Labels()
    first = b.row(["年度预算申请（万元）", "", lb.initial, lb.adjusted, lb.executed, lb.weight, lb.rate, lb.score])
    b.span_to_end(first, 7)
    r = b.row(["", "年度资金总额", number(truth.funds("initial_budget")), number(truth.funds("adjusted_budget")),
               number(truth.funds("executed")), number(d.get("execution_weight")),
               percent(d.get("execution_rate_stated")), number(d.get("execution_score_stated"))])  # fmt: skip
    b.span_to_end(r, 7)
    for name in ("其中：基本支出", "项目支出"):
        b.span_to_end(b.row(["", name, "", "", "", "—", "—", "—"]), 7)
    b.merge(first, 0, len(b.grid.rows) - 1, 0)
    _tasks(b, truth, rng)
    _indicator_block(b, truth, cols)
    _total(b, truth, cols)
    expected = _expected(truth, project_name=None, implementing_unit=None)
    return Doc([Part("部门整体支出绩效自评表", [b.grid])], expected=expected)


def _tasks(b: _Builder, truth: Truth, rng: random.Random) -> None:
    """年度主要任务: a few tasks with their content (the goals' words) and a budget."""
    goals = [g for g, _a in truth.goals] or ["完成年度工作任务"]
    first = b.row(["年度主要任务", "任务名称", "", "主要内容", "", "", "", "预算金额（万元）"])
    b.merge(first, 1, first, 2)
    b.merge(first, 3, first, 6)
    for k, goal in enumerate(goals[: len(TASKS)]):
        r = b.row(["", TASKS[k], "", goal, "", "", "", number(Decimal(rng.randint(5, 500)))])
        b.merge(r, 1, r, 2)
        b.merge(r, 3, r, 6)
    b.merge(first, 0, len(b.grid.rows) - 1, 0)


def _total(b: _Builder, truth: Truth, cols: list[tuple[str, str]]) -> None:
    d = truth.data
    weights = [row.get("weight") for row in truth.rows] + [d.get("execution_weight")]
    known = [Decimal(number(w)) for w in weights if w is not None]
    at = next(k for k, (key, _h) in enumerate(cols, start=1) if key == "weight")
    r = b.row(["总分"] + [""] * (at - 1) + [number(sum(known)) if known else "", number(d.get("total_score_stated")),
                                          d.get("grade_stated") or ""])  # fmt: skip
    b.merge(r, 0, r, at - 1)
    if at + 2 < b.width - 1:
        b.span_to_end(r, at + 2)


def method_column(truth: Truth, rng: random.Random, held_out: bool) -> Any:
    """The 40/40/20 form (宁夏): no execution line in the funds, 指标值（A） | 实际完成值（B） |
    分值 | 得分计算方法 | 得分; the method is a rule written as text."""
    from tests.families.families import Doc, Part

    cols = [("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"),
            ("target", _pick(rng, held_out, ("指标值（A）",), ("年度指标值（A）",))),
            ("actual", _pick(rng, held_out, ("实际完成值（B）",), ("全年实际值（B）",))), ("weight", "分值"),
            ("method", "得分计算方法"), ("score", "得分"),
            ("note", "偏差原因分析及改进措施")]  # fmt: skip
    b = _Builder(width=1 + len(cols), prefix=0)
    _title(b, "项目支出绩效自评表", truth)
    d = truth.data
    _pair_row(b, ("项目名称", d.get("project_name") or ""))
    _pair_row(b, ("主管部门", d.get("department") or ""), ("实施单位", d.get("implementing_unit") or ""))
    first = b.row(["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数"])
    b.span_to_end(first, 4)
    r = b.row(["", "年度资金总额", number(truth.funds("initial_budget")), number(truth.funds("adjusted_budget")),
               number(truth.funds("executed"))])  # fmt: skip
    b.span_to_end(r, 4)
    b.merge(first, 0, r, 0)
    start = len(b.grid.rows) + 1
    _indicator_block(b, truth, cols)
    at = 1 + next(k for k, (key, _h) in enumerate(cols) if key == "method")
    for row in range(start, len(b.grid.rows)):
        b.grid.rows[row][at] = rng.choice(METHODS)
    _total(b, truth, cols)
    expected = _expected(truth, execution_rate_stated=None, execution_weight=None, execution_score_stated=None)
    return Doc([Part("自评表", [b.grid])], expected=expected)


def level_points(truth: Truth, rng: random.Random, held_out: bool) -> Any:
    """The national form with each 一级 label carrying its points (产出指标（50分）) and the template's
    placeholder rows left in (指标1 | | …, ……) after some 二级 blocks."""
    from tests.families.families import Doc, Part, labels

    rows = [dict(r) for r in truth.rows]
    points: dict[Any, Decimal] = {}
    for r in rows:
        if r.get("weight") is not None:
            points[r.get("level1")] = points.get(r.get("level1"), Decimal(0)) + Decimal(number(r["weight"]))
    for r in rows:
        if r.get("level1") and r.get("level1") in points:
            left, right = rng.choice([("（", "）"), ("(", ")")])
            r["level1"] = f"{r['level1']}{left}{number(points[r['level1']])}分{right}"
    padded = _with_placeholders(rows, rng)
    shown = Truth(truth.name, {**truth.data, "indicators": padded}, truth.sources, truth.goals)
    (grid,) = layout(shown, Style(labels=labels(rng, held_out)))
    return Doc([Part("自评表", [grid])], expected={**truth.data, "indicators": rows})


def _with_placeholders(rows: list[dict[str, Any]], rng: random.Random) -> list[dict[str, Any]]:
    """Rows with an empty template row (指标N or ……) after the last row of some 二级 blocks."""
    out: list[dict[str, Any]] = []
    for k, r in enumerate(rows):
        out.append(r)
        nxt = rows[k + 1] if k + 1 < len(rows) else None
        ends_block = nxt is None or (nxt.get("level1"), nxt.get("level2")) != (r.get("level1"), r.get("level2"))
        if ends_block and rng.random() < 0.5:
            name = rng.choice([f"指标{rng.randint(2, 4)}", "……", "…"])
            out.append({"level1": r.get("level1"), "level2": r.get("level2"), "name": name, "target": None,
                        "actual": None, "weight": None, "score": None, "deviation_note": None})  # fmt: skip
    return out


# 部门整体支出绩效评价评分表: per framework, 一级 -> 二级 -> candidate 三级 items (invented wording)
SHEETS = (
    (("决策", "过程", "产出", "效益"), (
        (("目标设定", ("年度目标合理性", "工作任务明确性", "绩效指标细化程度")),
         ("预算编制", ("在编人员控制情况", "一般性支出压减率", "重点项目保障率", "预算编制完整性"))),
        (("资金执行", ("年度预算完成率", "预算追加调整比例", "结余资金占比", "季度支付均衡性")),
         ("资金管理", ("内控制度完善性", "支出审批合规性", "预决算公开及时性")),
         ("资产管理", ("资产台账规范性", "闲置资产处置率"))),
        (("履职产出", ("重点工作完成率", "工作成果达标率", "任务完成时效性", "年度计划执行率")),),
        (("履职效果", ("社会效益实现程度", "长效机制建设情况")),
         ("公众满意", ("服务群众满意度", "基层单位满意度"))),
    )),
    (("投入", "过程", "产出", "效果"), (
        (("预算配置", ("编制内人员控制率", "会议培训费变动率", "民生支出安排率")),),
        (("预算执行", ("预算执行完成度", "预算变更比例", "结转资金控制率", "资金拨付及时性")),
         ("预算管理", ("财务管理制度健全性", "资金使用规范性", "政府采购合规性", "信息公开完整性"))),
        (("职责履行", ("年度任务完成度", "工作质量合格率", "工作完成及时率")),),
        (("履职效益", ("经济社会效益", "可持续发展能力")),
         ("满意度", ("服务对象满意率", "干部职工满意率"))),
    )),
)  # fmt: skip
BASIS = (
    "{name}达到100%的，计{p}分；每降低1个百分点扣0.5分，扣完为止。",
    "完全符合要求的得{p}分，部分符合的酌情扣分，不符合的不得分。",
    "①有明确的工作计划和分工，得{a}分；②按时完成并有据可查，得{b}分。",
    "按{name}实际情况评分：全部达标得满分，每发现一处问题扣1分，扣完为止。",
)
DEDUCTIONS = ("部分工作未按期完成", "制度执行不到位", "个别支出手续不全", "资料归档不及时", "满意度调查覆盖面不足")


def _sheet_items(rng: random.Random) -> tuple[tuple[str, ...], list[tuple[int, int, str, Decimal, Decimal, str]]]:
    """The framework's 一级 names and its items: (一级 index, 二级 index, name, points, score, reason)."""
    levels, groups = rng.choice(SHEETS)
    items: list[tuple[int, int, str, Decimal, Decimal, str]] = []
    for i, level in enumerate(groups):
        for j, (_l2, names) in enumerate(level):
            for name in rng.sample(names, rng.randint(max(1, len(names) - 2), len(names))):
                points = Decimal(rng.choice([2, 3, 4, 5, 6, 8, 10]))
                cut = Decimal(rng.choice(["0.5", "1", "1.5", "2"])) if rng.random() < 0.3 else Decimal(0)
                reason = f"{rng.choice(DEDUCTIONS)}，扣{number(cut)}分" if cut else ""
                items.append((i, j, name, points, points - cut, reason))
    return levels, items


def _with_points(label: str, points: Decimal, paren: tuple[str, str]) -> str:
    return f"{label}{paren[0]}{number(points)}分{paren[1]}"


def department_sheet(truth: Truth, rng: random.Random, held_out: bool) -> Any:
    """部门整体支出绩效评价评分表: 一级 (决策/过程/产出/效益 or 投入/过程/产出/效果) and 二级 labels
    carrying their points, 三级 | 评分标准 | 分值 | 自评得分 | 扣分原因; no funds, targets or actuals."""
    from tests.families.families import Doc, Part

    levels, items = _sheet_items(rng)
    groups = next(g for lv, g in SHEETS if lv == levels)
    heads = ["一级指标", "二级指标", _pick(rng, held_out, ("三级指标",), ("指标名称",)),
             _pick(rng, held_out, ("评分标准",), ("评分细则",)), "分值",
             _pick(rng, held_out, ("自评得分",), ("得分",)),
             _pick(rng, held_out, ("扣分原因和其他说明", "扣分原因"), ("扣分原因及说明",))]  # fmt: skip
    b = _Builder(width=len(heads), prefix=0)
    title = _pick(
        rng, held_out, ("部门整体支出绩效评价评分表", "部门整体支出绩效自评评分表"), ("部门整体绩效评价指标评分表",)
    )
    _title(b, title, truth)
    d = truth.data
    stated = bool(d.get("department")) and rng.random() < 0.5
    if stated:
        _pair_row(b, (_pick(rng, held_out, ("部门（单位）名称",), ("部门名称",)), d["department"]))
    b.row(heads)
    paren = rng.choice([("（", "）"), ("(", ")")])
    spaced = rng.random() < 0.3
    rows: list[dict[str, Any]] = []
    for i, level in enumerate(levels):
        mine = [it for it in items if it[0] == i]
        l1 = _with_points(" ".join(level) if spaced else level, sum(it[3] for it in mine), paren)
        top = len(b.grid.rows)
        for j, (l2name, _names) in enumerate(groups[i]):
            block = [it for it in mine if it[1] == j]
            l2 = _with_points(l2name, sum(it[3] for it in block), paren)
            start = len(b.grid.rows)
            for _i, _j, name, points, score, reason in block:
                basis = rng.choice(BASIS).format(name=name, p=number(points), a=number(points - 1), b="1")
                b.row([l1, l2, name, basis, number(points), number(score), reason])
                rows.append({"level1": l1, "level2": l2, "name": name, "target": None, "actual": None,
                             "weight": points, "score": score, "deviation_note": reason or None,
                             "standard": basis})  # fmt: skip
            b.merge(start, 1, len(b.grid.rows) - 1, 1)
        b.merge(top, 0, len(b.grid.rows) - 1, 0)
    total: Decimal | None = None
    if rng.random() < 0.5:
        total = sum((it[4] for it in items), Decimal(0))
        r = b.row(["合计", "", "", "", number(sum((it[3] for it in items), Decimal(0))), number(total), ""])
        b.merge(r, 0, r, 3)
    expected = {k: None for k in ("project_name", "implementing_unit", "execution_rate_stated", "execution_weight",
                                  "execution_score_stated", "grade_stated")}  # fmt: skip
    expected |= {"year": d.get("year"), "department": d.get("department") if stated else None,
                 "total_score_stated": total, "indicators": rows,
                 "funds": {"initial_budget": None, "adjusted_budget": None, "executed": None}}  # fmt: skip
    return Doc([Part("评分表", [b.grid])], expected=expected)


# 重点绩效评价 of one project (a third party's or the department's): 决策 / 过程 / 产出 / 效益, each 二级
# with its candidate 三级 items (invented wording), each item (指标解释, 评分标准 with {p} its points)
KEY_ITEMS = (
    ("决策", (
        ("项目立项", (("立项依据充分性", "立项是否符合相关政策和规划", "依据充分得{p}分，否则酌情扣分"),
                      ("立项程序规范性", "是否按规定程序申报审批", "程序完整规范得{p}分，每缺一项扣1分"))),
        ("绩效目标", (("绩效目标合理性", "目标是否与项目内容相符", "目标合理得{p}分"),
                      ("绩效指标明确性", "指标是否清晰、可衡量", "指标细化量化得{p}分，部分明确的酌情扣分"))),
        ("资金投入", (("预算编制科学性", "预算是否经过论证、测算", "编制科学得{p}分"),
                      ("资金分配合理性", "资金分配是否与任务相适应", "分配合理得{p}分"))),
    )),
    ("过程", (
        ("资金管理", (("资金到位率", "实际到位资金与计划投入之比", "到位率100%得{p}分，每低1%扣0.1分"),
                      ("预算执行率", "实际支出与到位资金之比", "按执行率×{p}分计算"),
                      ("资金使用合规性", "是否符合财务管理制度规定", "使用合规得{p}分，发现违规不得分"))),
        ("组织实施", (("管理制度健全性", "是否建立相应管理制度", "制度健全得{p}分"),
                      ("制度执行有效性", "是否严格执行各项制度", "执行有效得{p}分，档案资料不全酌情扣分"))),
    )),
    ("产出", (
        ("产出数量", (("计划任务完成率", "实际完成与计划任务之比", "全部完成得{p}分，按比例扣分"),)),
        ("产出质量", (("验收合格率", "验收合格数量与完成数量之比", "合格率100%得{p}分"),)),
        ("产出时效", (("任务完成及时率", "是否在计划期限内完成", "按期完成得{p}分，逾期酌情扣分"),)),
        ("产出成本", (("成本节约率", "实际成本与计划成本相比", "未超预算得{p}分"),)),
    )),
    ("效益", (
        ("项目效益", (("社会效益", "对当地经济社会发展的作用", "效果明显得{p}分，一般的酌情扣分"),
                      ("可持续影响", "长效管护机制是否建立", "机制健全得{p}分"))),
        ("满意度", (("受益群众满意度", "问卷调查受益群众的满意程度", "满意度≥90%得{p}分，每低1%扣0.2分"),)),
    )),
)  # fmt: skip
KEY_CUTS = ("资料不完整", "部分程序未履行", "个别任务延期完成", "档案管理不规范", "满意度调查样本偏少")
GRADES = (("优", 90), ("良", 80), ("中", 60), ("差", 0))


def _key_items(rng: random.Random) -> list[tuple[str, str, tuple[str, str, str], Decimal, Decimal, str]]:
    """(一级, 二级, item, points, score, reason) of one evaluation; a few items lose points."""
    out = []
    for level1, groups in KEY_ITEMS:
        for level2, items in groups:
            for item in rng.sample(items, rng.randint(1, len(items))):
                points = Decimal(rng.choice([2, 3, 4, 5, 6, 8, 10]))
                cut = Decimal(rng.choice(["0.5", "1", "2"])) if rng.random() < 0.3 else Decimal(0)
                out.append((level1, level2, item, points, points - cut, rng.choice(KEY_CUTS) if cut else ""))
    return out


def key_evaluation(truth: Truth, rng: random.Random, held_out: bool) -> Any:
    """A project's key evaluation 评分表 (重点绩效评价): 项目名称 and 项目单位 above, 一级 | 二级 | 三级 |
    指标解释 | 评分标准 | 分值 | 得分 | 扣分说明 with 决策 / 过程 / 产出 / 效益 carrying their points,
    a 合计 row and the grade on a line of its own; no funds, targets or actuals."""
    from tests.families.families import Doc, Part

    items = _key_items(rng)
    explained = not held_out or rng.random() < 0.7
    heads = ["一级指标", "二级指标", "三级指标",
             *([_pick(rng, held_out, ("指标解释",), ("指标说明",))] if explained else []),
             _pick(rng, held_out, ("评分标准",), ("评分细则",)), "分值", "得分",
             _pick(rng, held_out, ("扣分原因", "扣分说明"), ("扣分情况说明", "得分说明"))]  # fmt: skip
    b = _Builder(width=len(heads), prefix=0)
    d = truth.data
    project = d.get("project_name") or "某项目"
    _title(b, _pick(rng, held_out, (f"{project}绩效评价指标体系及评分表",), (f"{project}绩效评价评分表",)), truth)
    _pair_row(b, ("项目名称", project))
    unit = d.get("implementing_unit")
    if unit:
        _pair_row(b, (_pick(rng, held_out, ("项目单位", "实施单位"), ("项目实施单位",)), unit))
    b.row(heads)
    paren = rng.choice([("（", "）"), ("(", ")")])
    rows: list[dict[str, Any]] = []
    for level1 in dict.fromkeys(it[0] for it in items):
        mine = [it for it in items if it[0] == level1]
        l1 = _with_points(level1, sum(it[3] for it in mine), paren)
        top = len(b.grid.rows)
        for level2 in dict.fromkeys(it[1] for it in mine):
            block = [it for it in mine if it[1] == level2]
            l2 = _with_points(level2, sum(it[3] for it in block), paren)
            start = len(b.grid.rows)
            for _l1, _l2, (name, meaning, rule), points, score, reason in block:
                standard = rule.format(p=number(points))
                explanation = [meaning] if explained else []
                b.row([l1, l2, name, *explanation, standard, number(points), number(score), reason])
                rows.append({"level1": l1, "level2": l2, "name": name, "target": None, "actual": None,
                             "weight": points, "score": score, "deviation_note": reason or None,
                             "standard": standard})  # fmt: skip
            b.merge(start, 1, len(b.grid.rows) - 1, 1)
        b.merge(top, 0, len(b.grid.rows) - 1, 0)
    total = sum((it[4] for it in items), Decimal(0))
    r = b.row(["合计", "", "", *([""] if explained else []), "", number(sum(it[3] for it in items)), number(total), ""])
    b.merge(r, 0, r, 3 if explained else 2)
    grade = next(g for g, floor in GRADES if total * 100 >= floor * sum(it[3] for it in items))
    b.row([_pick(rng, held_out, ("评价等级",), ("评价结果", "评定等级")), grade])
    expected = {k: None for k in ("department", "execution_rate_stated", "execution_weight", "execution_score_stated")}
    expected |= {"year": d.get("year"), "project_name": project, "implementing_unit": unit,
                 "total_score_stated": total, "grade_stated": grade, "indicators": rows,
                 "funds": {"initial_budget": None, "adjusted_budget": None, "executed": None}}  # fmt: skip
    return Doc([Part("评分表", [b.grid])], expected=expected)
