"""The fill-in form as the standard table: what each input shows, and the evaluation read back.

Two promises:

* **What nobody touched survives a save.**  Every input shows a value rendered from the stored
  evaluation; when the text posted back is the text shown (after the browser's own
  normalisation: an ``<input>`` loses line breaks, a ``<textarea>`` sends CRLF), the stored value is
  kept as it was, exactly.  Rows, goal lines and fund sources carry the index they came from
  (``orig``), so fields the form has no input for (nature, unit, stated progress, 复核得分, 复核意见,
  provenance …) stay with their row.  Everything the form does not show (评分表, doubts, source,
  evaluators …) is kept from the stored evaluation.
* **What is typed is checked and kept.**  A changed figure is parsed strictly (digits, one point, at
  most ``MAX_INTEGER_DIGITS`` before it, no exponent), checked (分值 and 得分 not negative, 得分 not
  over its 分值, 等次 one the rule sets know, 项目名称 not emptied) and any error is reported beside
  its field; the page then shows what was typed, never the stored value or an empty box.

Amounts are shown and typed in 万元 and stored in the table's own unit (``funds.unit``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from django.http import QueryDict

from jixiao import rules
from jixiao.model.evaluation import Evaluation, FundLine, Funds, Goal, Indicator
from jixiao.web.evaluations import params
from jixiao.web.evaluations.amounts import from_wan, to_wan, unit_of

MAX_INTEGER_DIGITS = 12
MAX_DECIMAL_DIGITS = 6
MAX_TEXT = 5000
MAX_ROWS = 500
_NUMBER = re.compile(rf"[+-]?[0-9]{{1,{MAX_INTEGER_DIGITS}}}(\.[0-9]{{1,{MAX_DECIMAL_DIGITS}}})?")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋％，", "0123456789.-+%,")

HEADER = (("project_name", "项目名称"), ("department", "主管部门"), ("implementing_unit", "实施单位"),
          ("project_attribute", "项目属性"), ("project_period", "项目期"))  # fmt: skip
FUND_FIGURES = (("initial_budget", "年初预算数"), ("adjusted_budget", "全年预算数"), ("executed", "全年执行数"))
EXECUTION = (("execution_weight", "执行率分值", "plain"), ("execution_rate_stated", "执行率", "rate"),
             ("execution_score_stated", "执行率得分", "plain"))  # fmt: skip
ROW_INPUTS = (("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"), ("target", "年度指标值"),
              ("actual", "实际完成值"))  # fmt: skip
ROW_FIGURES = (("weight", "分值"), ("score", "得分"))
CLOSING = (("conclusion", "评价结论"), ("problems", "存在问题"), ("improvements", "改进措施"))
PEOPLE = (("preparer", "填报人"), ("preparer_phone", "联系电话"))


@cache
def known_grades() -> frozenset[str]:
    """Every 等次 a shipped rule set awards (优 良 中 差 …): read from the rule sets, not listed here."""
    return frozenset(g.label for name in rules.available() for g in rules.get(name).grades)


# ---- what an input shows -------------------------------------------------------------------------


def plain(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def rate(value: Decimal | None) -> str:
    """A stated rate with every digit kept (0.98765 → 98.765%)."""
    return "" if value is None else format((value * 100).normalize(), "f") + "%"


def amount(value: Decimal | None, unit: str) -> str:
    wan = to_wan(value, unit)
    return "" if wan is None else format(wan.normalize() if wan == wan.to_integral_value() else wan, "f")


def text(value: str | None) -> str:
    return value or ""


def line(value: str | None) -> str:
    """What a browser posts back for an ``<input>`` holding ``value``: line breaks removed."""
    return (value or "").replace("\r", "").replace("\n", "")


# ---- reading back ----------------------------------------------------------------------------------


@dataclass
class Reader:
    """Reads one form: keeps what is unchanged, parses and checks what changed, collects errors
    by field name (shown beside the field) in the form's order."""

    post: QueryDict
    errors: dict[str, str] = field(default_factory=dict)

    def typed(self, name: str) -> str:
        return self.post.get(name, "")

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    def text(self, name: str, label: str, base: str | None, *, multiline: bool = False) -> str | None:
        typed = self.typed(name)
        shown = text(base) if multiline else line(base)
        if typed.replace("\r\n", "\n") == shown:
            return base
        value = typed.replace("\r\n", "\n").strip()
        if len(value) > MAX_TEXT:
            self.fail(name, f"{label}过长（最多 {MAX_TEXT} 字）")
            return base
        return value or None

    def number(self, name: str, label: str, base: Decimal | None, shown: str, scale: str = "plain",
               unit: str = "万元") -> Decimal | None:  # fmt: skip
        typed = self.typed(name)
        if typed == shown:
            return base
        value = parse_number(typed)
        if isinstance(value, str):
            self.fail(name, f"{label}{value}")
            return base
        if value is None:
            return None
        if scale == "rate":
            value = value / 100
        elif scale == "amount":
            value = from_wan(value, unit)
        return base if base is not None and value == base else value


def parse_number(typed: str) -> Decimal | str | None:
    """A figure as typed (``1,234.5``, ``９８％``) → Decimal; a reason (str) when it is not one.

    Checked by pattern before any arithmetic: no exponent, no NaN, at most
    ``MAX_INTEGER_DIGITS`` digits before the point, so no input can make the server work hard."""
    s = typed.strip().translate(_FULL_WIDTH).replace(",", "").replace(" ", "")
    if not s:
        return None
    percent = s.endswith("%")
    s = s.removesuffix("%")
    if not _NUMBER.fullmatch(s):
        return f"“{typed.strip()[:30]}”不是数字（最多 {MAX_INTEGER_DIGITS} 位整数、{MAX_DECIMAL_DIGITS} 位小数）"
    try:
        value = Decimal(s)
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
        return f"“{typed.strip()[:30]}”不是数字"
    return value / 100 if percent else value


def _year(r: Reader, base: int | None) -> int | None:
    typed = r.typed("year").strip().translate(_FULL_WIDTH)
    if typed == ("" if base is None else str(base)):
        return base
    if not typed:
        return None
    year = params.year(typed)
    if year is None:
        r.fail("year", f"评价年度应为四位数年份（读到“{typed[:20]}”）")
        return base
    return year


def _date(r: Reader, base: dt.date | None) -> dt.date | None:
    typed = r.typed("fill_date").strip()
    if typed == ("" if base is None else base.isoformat()):
        return base
    if not typed:
        return None
    try:
        return dt.date.fromisoformat(typed)
    except ValueError:
        r.fail("fill_date", f"填报日期应为 年-月-日（读到“{typed[:20]}”）")
        return base


def keys(post: QueryDict, name: str) -> list[str]:
    """The rows of one repeated block on the form, in their order (``row``, ``goal``, ``source``)."""
    return [k for k in post.getlist(name) if params.small_int(k) is not None][:MAX_ROWS]


def _orig(post: QueryDict, prefix: str, items: list[Any]) -> Any | None:
    k = params.small_int(post.get(f"{prefix}-orig", ""))
    return items[k] if k is not None and k < len(items) else None


def _fund_line(r: Reader, prefix: str, base: FundLine, unit: str) -> dict[str, Any]:
    return {name: r.number(f"{prefix}-{name}", label, getattr(base, name), amount(getattr(base, name), unit),
                           "amount", unit) for name, label in FUND_FIGURES}  # fmt: skip


def _funds(r: Reader, base: Funds | None) -> Funds | None:
    unit = unit_of(base)
    total = base or Funds(name="年度资金总额")
    figures = _fund_line(r, "fund", total, unit)
    sources = []
    for key in keys(r.post, "source"):
        prefix = f"src-{key}"
        old = _orig(r.post, prefix, total.sources)
        line_base = old or FundLine()
        name = r.text(f"{prefix}-name", "资金来源", line_base.name)
        values = _fund_line(r, prefix, line_base, unit)
        if old is not None or name or any(v is not None for v in values.values()):
            sources.append(line_base.model_copy(update={"name": name, **values}))
    if base is None and not sources and all(v is None for v in figures.values()):
        return None
    return total.model_copy(update={**figures, "sources": sources})


def _goals(r: Reader, base: list[Goal]) -> list[Goal]:
    goals = []
    for key in keys(r.post, "goal"):
        prefix = f"goal-{key}"
        old = _orig(r.post, prefix, base)
        start = old or Goal()
        expected = r.text(f"{prefix}-expected", "预期目标", start.expected, multiline=True)
        actual = r.text(f"{prefix}-actual", "实际完成情况", start.actual, multiline=True)
        if old is not None or expected or actual:
            goals.append(start.model_copy(update={"expected": expected, "actual": actual}))
    return goals


def _row(r: Reader, key: str, n: int, base: list[Indicator]) -> Indicator | None:
    prefix = f"ind-{key}"
    old = _orig(r.post, prefix, base)
    start = old or Indicator()
    update: dict[str, Any] = {name: r.text(f"{prefix}-{name}", f"第 {n} 行“{label}”", getattr(start, name))
                              for name, label in ROW_INPUTS}  # fmt: skip
    update["deviation_note"] = r.text(f"{prefix}-deviation_note", f"第 {n} 行“偏差原因”", start.deviation_note,
                                      multiline=True)  # fmt: skip
    for name, label in ROW_FIGURES:
        update[name] = r.number(f"{prefix}-{name}", f"第 {n} 行“{label}”", getattr(start, name),
                                plain(getattr(start, name)))  # fmt: skip
    update["not_applicable"] = r.post.get(f"{prefix}-na") == "1"
    if old is None and not any(v for v in update.values()):
        return None  # an empty new row
    _check_row(r, prefix, n, start, update)
    return start.model_copy(update=update)


def _check_row(r: Reader, prefix: str, n: int, start: Indicator, update: dict[str, Any]) -> None:
    """分值 and 得分 not negative, 得分 not over 分值: checked whenever either was changed here."""
    weight, score = update["weight"], update["score"]
    if weight == start.weight and score == start.score:
        return  # as stored (an imported table's own figures are the review's business: SCORE_OVER_WEIGHT)
    if weight is not None and weight < 0:
        r.fail(f"{prefix}-weight", f"第 {n} 行“分值”不能为负数（{plain(weight)}）")
    if weight is not None and weight > 100:
        r.fail(f"{prefix}-weight", f"第 {n} 行“分值”不能超过 100（{plain(weight)}）")
    if score is not None and score < 0:
        r.fail(f"{prefix}-score", f"第 {n} 行“得分”不能为负数（{plain(score)}）")
    if score is not None and weight is not None and score > weight:
        r.fail(f"{prefix}-score", f"第 {n} 行“得分”{plain(score)} 超过其分值 {plain(weight)}")


def parse(post: QueryDict, base: Evaluation) -> tuple[Evaluation, dict[str, str]]:
    """The evaluation the form describes, on top of ``base``, and the errors by field name."""
    r = Reader(post)
    data: dict[str, Any] = {"year": _year(r, base.year)}
    for name, label in HEADER:
        data[name] = r.text(name, label, getattr(base, name))
    if base.project_name and not data["project_name"]:
        r.fail("project_name", "项目名称不能为空")
    data["funds"] = _funds(r, base.funds)
    for name, label, scale in EXECUTION:
        old = getattr(base, name)
        data[name] = r.number(name, label, old, rate(old) if scale == "rate" else plain(old), scale)
    data["goals"] = _goals(r, base.goals)
    data["indicators"] = [row for n, key in enumerate(keys(post, "row"), start=1)
                          if (row := _row(r, key, n, base.indicators)) is not None]  # fmt: skip
    data["total_score_stated"] = r.number("total_score_stated", "总分", base.total_score_stated,
                                          plain(base.total_score_stated))  # fmt: skip
    data["grade_stated"] = r.text("grade_stated", "等次", base.grade_stated)
    if data["grade_stated"] not in (None, base.grade_stated) and data["grade_stated"] not in known_grades():
        r.fail("grade_stated", f"等次应为 {'、'.join(sorted(known_grades()))} 之一（读到“{data['grade_stated']}”）")
    for name, label in PEOPLE:
        data[name] = r.text(name, label, getattr(base, name))
    data["fill_date"] = _date(r, base.fill_date)
    for name, label in CLOSING:
        data[name] = r.text(name, label, getattr(base, name), multiline=True)
    return base.model_copy(update=data), r.errors


# ---- what the page shows ---------------------------------------------------------------------------


def view(ev: Evaluation, post: QueryDict | None = None, errors: dict[str, str] | None = None) -> dict[str, Any]:
    """The values of every input: from the evaluation, or, after a failed save, exactly as typed;
    each with the error found in it (``err``), shown beside the field."""
    unit = unit_of(ev.funds)
    funds = ev.funds or Funds(name="年度资金总额")

    def fund_values(base: FundLine) -> dict[str, str]:
        return {name: amount(getattr(base, name), unit) for name, _ in FUND_FIGURES}

    values: dict[str, Any] = {
        "year": "" if ev.year is None else str(ev.year),
        **{name: line(getattr(ev, name)) for name, _ in HEADER},
        **{name: (rate if scale == "rate" else plain)(getattr(ev, name)) for name, _, scale in EXECUTION},
        "total_score_stated": plain(ev.total_score_stated),
        "grade_stated": line(ev.grade_stated),
        **{name: line(getattr(ev, name)) for name, _ in PEOPLE},
        "fill_date": "" if ev.fill_date is None else ev.fill_date.isoformat(),
        **{name: text(getattr(ev, name)) for name, _ in CLOSING},
    }
    fund = fund_values(funds)
    sources = [{"key": str(k), "orig": str(k), "name": line(s.name), **fund_values(s)}
               for k, s in enumerate(funds.sources)]  # fmt: skip
    goals = [{"key": str(k), "orig": str(k), "expected": text(g.expected), "actual": text(g.actual)}
             for k, g in enumerate(ev.goals)]  # fmt: skip
    rows = [{"key": str(k), "orig": str(k), **{n: line(getattr(i, n)) for n, _ in ROW_INPUTS},
             "deviation_note": text(i.deviation_note), "weight": plain(i.weight), "score": plain(i.score),
             "na": i.not_applicable} for k, i in enumerate(ev.indicators)]  # fmt: skip
    if post is not None:
        values = {name: post.get(name, "") for name in values}
        fund = {name: post.get(f"fund-{name}", "") for name in fund}
        sources = [_typed_block(post, "src", k, ("name", *(n for n, _ in FUND_FIGURES))) for k in keys(post, "source")]
        goals = [_typed_block(post, "goal", k, ("expected", "actual")) for k in keys(post, "goal")]
        rows = [_typed_block(post, "ind", k, (*(n for n, _ in ROW_INPUTS), "deviation_note", "weight", "score"))
                | {"na": post.get(f"ind-{k}-na") == "1"} for k in keys(post, "row")]  # fmt: skip
    errors = errors or {}
    for prefix, block in (("src", sources), ("goal", goals), ("ind", rows)):
        for item in block:
            item["err"] = {n: m for n, m in _errors_of(errors, f"{prefix}-{item['key']}-")}
    return {
        "values": values,
        "fund": fund,
        "sources": sources,
        "goals": goals,
        "rows": rows,
        "errors": errors,
        "fund_err": dict(_errors_of(errors, "fund-")),
        "unit": unit,
    }


def _errors_of(errors: dict[str, str], prefix: str) -> list[tuple[str, str]]:
    return [(name.removeprefix(prefix), m) for name, m in errors.items() if name.startswith(prefix)]


def _typed_block(post: QueryDict, prefix: str, key: str, names: tuple[str, ...]) -> dict[str, Any]:
    return {"key": key, "orig": post.get(f"{prefix}-{key}-orig", ""),
            **{n: post.get(f"{prefix}-{key}-{n}", "") for n in names}}  # fmt: skip
