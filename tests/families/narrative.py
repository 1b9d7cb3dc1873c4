"""The narrative 自评报告 of one project (layouts.md "Narrative reports"), written from a truth table.

Chapters 基本情况 / 绩效目标 / 资金投入和使用 / 目标完成情况 / 存在问题 / 改进措施 / 自评结论,
numbered in one of the field's usual styles; the funds in a sentence (``年初预算X万元，全年预算Y万元，
全年执行Z万元，预算执行率R%`` or another common phrasing); each indicator a sentence or a
``指标N：名称：目标值…，实际完成…`` line under its 一级 / 二级 headings; the total score and a grade
in the conclusion.  ``expected`` is what the report states: no weights, row scores or notes, no
execution weight or score; an 一级 written with its points is written without them.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal
from typing import Any

from jixiao.model.vocabulary import without_points
from tests.families.form import number, percent
from tests.families.truth import Truth

_CN = "一二三四五六七八九十"
# chapter / section / sub-section markers: (chapter, section, sub-section), tuning then held-out styles
_NUMBERING = (
    (("{c}、", "（{c}）", "{n}."), ("{c}、", "{n}.", "（{n}）")),
    (("第{c}部分 ", "{c}、", "（{c}）"), ("{n}、", "（{n}）", "{n}.{m}")),
)
_TITLES = (
    ("{year}年度{project}绩效自评报告", "{project}{year}年度绩效自评报告"),
    ("关于{year}年度{project}绩效自评情况的报告", "{project}绩效自评报告（{year}年度）"),
)
_FUNDS = (
    (
        ("年初预算{i}万元", "全年预算{a}万元", "全年执行{e}万元", "预算执行率{r}"),
        ("项目年初预算数为{i}万元", "全年预算数为{a}万元", "全年执行数为{e}万元", "执行率为{r}"),
        ("年初批复预算{i}万元", "调整后预算{a}万元", "实际支出{e}万元", "资金执行率{r}"),
    ),
    (
        ("年初安排资金{i}万元", "全年预算调整为{a}万元", "截至年底累计支出{e}万元", "预算执行率达到{r}"),
        ("年初下达预算资金{i}万元", "调整后全年预算为{a}万元", "全年实际使用资金{e}万元", "执行率{r}"),
    ),
)
_ROWS = (
    ("指标{k}：{name}：目标值{t}，实际完成{a}。", "{name}：年度目标{t}，实际完成{a}。",
     "{name}年度目标值为{t}，实际完成值为{a}。"),
    ("指标{k}：{name}，计划{t}，实际完成{a}。", "{name}：指标值{t}，实际完成值{a}。"),
)  # fmt: skip
_CONCLUSION = (
    ("经自评，本项目综合得分{s}分", "自评得分为{s}分"),
    ("项目绩效自评总得分{s}分", "对照年初绩效目标，自评小组综合评价得分为{s}分"),
)
_GRADE = (("，评价等级为“{g}”。", "，自评等级为{g}。"), ("，等级评定为{g}。", "，评价结果为“{g}”。"))
_PLACEHOLDER = re.compile(r"^指标\s*\d+\s*[：:]\s*")


def _pick(rng: random.Random, held_out: bool, choices: tuple[tuple[Any, ...], tuple[Any, ...]]) -> Any:
    seen, held = choices
    return rng.choice(seen + held if held_out else seen)


def _marker(style: str, n: int, m: int = 1) -> str:
    return style.format(c=_CN[n - 1] if n <= 10 else str(n), n=n, m=m)


def _grade(score: Any) -> str:
    s = Decimal(number(score))
    return "优" if s >= 90 else "良" if s >= 80 else "中" if s >= 60 else "差"


def _title(truth: Truth, rng: random.Random, held_out: bool) -> str:
    project, year = truth.data.get("project_name"), truth.data.get("year")
    if year is None:
        return f"{project or ''}绩效自评报告"
    return _pick(rng, held_out, _TITLES).format(year=year, project=project or "")


def _basics(truth: Truth, rng: random.Random) -> list[str]:
    """基本情况: the project, its department and unit as ``标签：值`` lines or in one sentence."""
    d = truth.data
    pairs = [(lb, d.get(k)) for lb, k in (("项目名称", "project_name"), ("主管部门", "department"),
                                          ("实施单位", "implementing_unit")) if d.get(k)]  # fmt: skip
    if rng.random() < 0.5:
        return [f"{lb}：{v}" for lb, v in pairs]
    return ["，".join(f"{lb}为{v}" for lb, v in pairs) + "。"] if pairs else []


def _funds(truth: Truth, rng: random.Random, held_out: bool) -> list[str]:
    clauses = _pick(rng, held_out, _FUNDS)
    values = (truth.funds("initial_budget"), truth.funds("adjusted_budget"), truth.funds("executed"))
    rate = truth.data.get("execution_rate_stated")
    parts = [c.format(i=number(v), a=number(v), e=number(v)) for c, v in zip(clauses, values, strict=False)
             if v is not None]  # fmt: skip
    if rate is not None:
        parts.append(clauses[3].format(r=percent(rate)))
    said = "本项目资金主要用于项目实施的各项支出，严格按照预算执行。"
    return [said, "，".join(parts) + "。"] if parts else [said]


def _written_rows(truth: Truth) -> list[dict[str, Any]]:
    """The rows as the report states them: an 一级 without points or spaces, no weights, scores or notes;
    a row without an 一级 under no heading (so its 二级 is not stated either)."""
    out = []
    for row in truth.rows:
        level1 = re.sub(r"\s+", "", without_points(row.get("level1") or ""))
        level2 = re.sub(r"\s+", "", row.get("level2") or "") if level1 else ""
        name = _PLACEHOLDER.sub("", row.get("name") or "")
        out.append({"level1": level1 or None, "level2": level2 or None, "name": name or None,
                    "target": row.get("target"), "actual": row.get("actual"),
                    "weight": None, "score": None, "deviation_note": None})  # fmt: skip
    return [r for r in out if r["name"]]


def _row_line(row: dict[str, Any], k: int, rng: random.Random, held_out: bool) -> str:
    form = _pick(rng, held_out, _ROWS)
    name, t, a = row["name"], row["target"], row["actual"]
    if t is None or a is None:  # a row the truth gives only one of: said plainly
        said = f"目标值{t}" if t is not None else f"实际完成{a}" if a is not None else "已完成"
        return f"指标{k}：{name}：{said}。"
    return form.format(k=k, name=name, t=t, a=a)


def _results(rows: list[dict[str, Any]], styles: tuple[str, str, str], rng: random.Random, held_out: bool) -> list[str]:
    out: list[str] = []
    level1 = level2 = None
    n1 = n2 = 0
    for k, row in enumerate(rows, start=1):
        if row["level1"] != level1:
            level1, level2, n1, n2 = row["level1"], None, n1 + 1, 0
            if level1:
                out.append(_marker(styles[1], n1) + level1 + rng.choice(("", "完成情况")))
        if row["level2"] != level2:
            level2, n2 = row["level2"], n2 + 1
            if level2:
                lead = n1 if "{m}" in styles[2] else n2
                out.append(_marker(styles[2], lead, n2) + level2)
        out.append(_row_line(row, k, rng, held_out))
    return out


def report(truth: Truth, rng: random.Random, held_out: bool) -> tuple[list[str], dict[str, Any]]:
    """The report's lines and what it states."""
    styles = _pick(rng, held_out, _NUMBERING)
    rows = _written_rows(truth)
    score = truth.data.get("total_score_stated")
    chapters: list[tuple[str, list[str]]] = [
        ("基本情况", _basics(truth, rng)),
        ("绩效目标", ["项目年初设定的绩效目标已按要求批复下达。"]),
        ("资金投入和使用情况", _funds(truth, rng, held_out)),
        ("绩效目标完成情况", _results(rows, styles, rng, held_out)),
        ("存在的问题", ["部分指标设置不够细化，绩效监控有待加强。"]),
        ("改进措施", ["进一步完善绩效目标设置，加强资金使用的过程管理。"]),
    ]
    grade = None
    if score is not None:
        grade = _grade(score)
        said = _pick(rng, held_out, _CONCLUSION).format(s=number(score))
        chapters.append(("自评结论", [said + _pick(rng, held_out, _GRADE).format(g=grade)]))
    lines = [_title(truth, rng, held_out), ""]
    for n, (head, body) in enumerate(chapters, start=1):
        lines += [_marker(styles[0], n) + head, *body]
    expected = {k: v for k, v in truth.data.items() if k != "indicators"}
    expected.update({"funds": {k: truth.funds(k) for k in ("initial_budget", "adjusted_budget", "executed")},
                     "execution_weight": None, "execution_score_stated": None, "grade_stated": grade,
                     "indicators": rows})  # fmt: skip
    return lines, expected
