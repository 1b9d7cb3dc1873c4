"""Values read with doubt: reported as such, and never the ground of an error.

Ingest marks a close call (``≥`` OCR'd as ``2``, figures run together, a cell that may belong
to the next column) as an ``Evaluation.doubts`` entry instead of passing it on as fact.  The
review reports each one (``INGEST_UNCERTAIN``, naming the cell and both readings) and drops
every error-level finding computed from a doubtful value: a wrong accusation is worse than a
question left to the reader.  The review adds the doubts it can see itself (``suspected``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from jixiao.model.evaluation import Doubt, Evaluation, FundLine, Funds
from jixiao.model.values import normalise_text, parse_value
from jixiao.review.catalogue import Code, Severity
from jixiao.review.context import Context
from jixiao.review.findings import Finding

_INDEXED = re.compile(r"^(indicators|scoring_items)\[(\d+)\]\.(\w+)$")
_ROW_SUMS = frozenset({Code.TOTAL_MISMATCH, Code.WEIGHT_SUM, Code.GRADE_MISMATCH})
"""Table-level codes computed from every row's weight or score."""
_FIELD_CODES: dict[str, frozenset[Code]] = {
    "execution_rate_stated": frozenset({Code.EXEC_RATE_MISMATCH}),
    "execution_score_stated": frozenset({Code.EXEC_SCORE_MISMATCH, Code.TOTAL_MISMATCH, Code.GRADE_MISMATCH}),
    "execution_weight": frozenset({Code.EXEC_SCORE_MISMATCH, Code.WEIGHT_SUM}),
    "total_score_stated": frozenset({Code.TOTAL_MISMATCH, Code.TOTAL_MISSING, Code.GRADE_MISMATCH}),
    "recheck_total_stated": frozenset({Code.TOTAL_MISMATCH}),
    "grade_stated": frozenset({Code.GRADE_MISMATCH}),
    "indicators": frozenset({Code.WEIGHT_SUM, Code.TOTAL_MISMATCH}),
}
"""Findings computed from one stated value; ``indicators``: from the block as a whole (its sums)."""
_FIELD_WHERE = {
    "execution_rate_stated": "资金",
    "execution_score_stated": "资金",
    "execution_weight": "资金",
    "total_score_stated": "总分",
    "recheck_total_stated": "复核总分",
    "total_weight_stated": "分值合计",
    "grade_stated": "评价等次",
    "indicators": "指标表",
    "year": "年度",
}
"""Where a doubt on a table-level field is shown, in the words the finding's other places use."""
_FUNDS_CODES = frozenset({Code.EXEC_RATE_MISMATCH, Code.EXEC_SCORE_MISMATCH, Code.FUNDS_SUM, Code.TOTAL_MISMATCH})


def _shown(value: str | None) -> str:
    return "（空）" if value is None or not value.strip() else f"“{value.strip()}”"


_OCR_SIGN = re.compile(r"^\s*2(\d+(?:\.\d+)?)\s*(\S*)$")


def starts_inside(ev: Evaluation) -> bool:
    """Does the reading begin inside the indicator block?  Its first row has no 一级 while later
    rows have one: a 一级 cell is merged down from the block's first row, so the rows it heads
    lie above where the reading starts (a page cut at the top, corpus2 107)."""
    rows = ev.indicators
    return bool(rows) and not rows[0].level1 and any(ind.level1 for ind in rows[1:])


def suspected(ctx: Context) -> list[Doubt]:
    """Doubts the review itself can see: a target that reads ``28万亩`` beside an actual of ``8``
    scored in full is ``≥8万亩`` with the sign OCR'd as ``2`` (corpus2 201) as likely as not; a
    block read from inside (``starts_inside``) whose sums lack the rows above."""
    found = []
    if starts_inside(ctx.ev):
        rows = ctx.ev.indicators
        found.append(Doubt(
            field="indicators", reading=f"{len(rows)} 项指标", alternatives=["其上另有未读到的指标行"],
            reason="首行指标没有一级指标而其后的行有，表格开头的指标行可能不在读取范围内，分值合计与各项之和无法核对",
            location=rows[0].provenance.get("name"),
        ))  # fmt: skip
    found += _shifted_parts(ctx)
    for i, ind in enumerate(ctx.ev.indicators):
        if not ind.target or ind.target.lstrip()[:1] not in ("2", "２"):
            continue
        m = _OCR_SIGN.match(normalise_text(ind.target))
        if m is None or ind.score is None or ind.weight is None or ind.score != ind.weight:
            continue
        actual = parse_value(ind.actual)
        if actual.value is None or actual.value != Decimal(m.group(1)):
            continue
        found.append(Doubt(
            field=f"indicators[{i}].target", reading=ind.target, alternatives=[f"≥{m.group(1)}{m.group(2)}"],
            reason="年度指标值开头的“2”可能是识别错的“≥”（其余数字与实际完成值相同，且该项得满分）",
            location=ind.provenance.get("target"),
        ))  # fmt: skip
    return found


_AMOUNTS = (("initial_budget", "年初预算数"), ("adjusted_budget", "全年预算数"), ("executed", "全年执行数"))


def _shifted_parts(ctx: Context) -> list[Doubt]:
    """Fund lines whose parts add up to the figure one column over: the parts read a column
    off (a blank cell before them lost in text or a pipe table), as likely as a wrong sum."""
    funds = ctx.ev.funds
    if funds is None:
        return []
    found = []
    stack: list[FundLine] = [funds]
    while stack:
        line = stack.pop()
        parts = [*(line.sources if isinstance(line, Funds) else []), *line.parts]
        stack.extend(parts)
        shift = _shift(line, parts) if parts else None
        if shift is not None:
            (_, label), (_, neighbour) = shift
            found.append(Doubt(
                field="funds.sources", reading=f"{line.name or '年度资金总额'}的其中各项（{label}）",
                alternatives=[f"各项的数字属于{neighbour}一栏"],
                reason=f"其中各项的{label}之和不等于合计，却等于合计的{neighbour}，可能错读了一栏",
                location=line.provenance.get("row") or ctx.ev.provenance.get("funds"),
            ))  # fmt: skip
    return found


def _shift(line: FundLine, parts: list[FundLine]) -> tuple[tuple[str, str], tuple[str, str]] | None:
    for k, (name, label) in enumerate(_AMOUNTS):
        values = [v for p in parts if (v := getattr(p, name)) is not None]
        total = getattr(line, name)
        if not values or total is None or sum(values, Decimal(0)) == total:
            continue
        for n in (k - 1, k + 1):
            if 0 <= n < len(_AMOUNTS) and getattr(line, _AMOUNTS[n][0]) == sum(values, Decimal(0)):
                return (name, label), _AMOUNTS[n]
    return None


def report(ctx: Context, doubts: list[Doubt]) -> None:
    """One INGEST_UNCERTAIN per doubt, at its cell."""
    for d in doubts:
        others = "、".join(_shown(a) for a in d.alternatives) or "（未给出）"
        reason = f"：{d.reason}" if d.reason else ""
        row = _row_of(ctx, d)
        ctx.add(
            Code.INGEST_UNCERTAIN, _where(ctx, d, row),
            f"读取存疑{reason}。采用的读法为 {_shown(d.reading)}，另一种读法为 {others}；未据此值判定错误，请对照原件",
            row=row, field=d.field, location=d.location, stated=d.reading, computed=others,
            rule="存疑的读取结果不作为判定错误的依据",
        )  # fmt: skip


def _row_of(ctx: Context, d: Doubt) -> int | None:
    m = _INDEXED.match(d.field)
    if m is None or m.group(1) != "indicators":
        return None
    i = int(m.group(2))
    return i if i < len(ctx.ev.indicators) else None


def _where(ctx: Context, d: Doubt, row: int | None) -> str:
    if row is not None:
        ind = ctx.ev.indicators[row]
        return " › ".join(p for p in (ind.level1, ind.level2, ind.name) if p) or d.field
    if d.field.startswith("funds"):
        return "资金"
    if d.field in _FIELD_WHERE:
        return _FIELD_WHERE[d.field]
    m = _INDEXED.match(d.field)
    if m is not None and m.group(1) == "scoring_items" and int(m.group(2)) < len(ctx.ev.scoring_items):
        item = ctx.ev.scoring_items[int(m.group(2))]
        return " › ".join(p for p in (item.level1, item.level2, item.name) if p) or d.field
    return "指标表" if d.field.startswith("indicators") else d.field


def _rests_on(f: Finding, d: Doubt, ctx: Context) -> bool:
    """Is finding ``f`` computed from the doubtful value?"""
    m = _INDEXED.match(d.field)
    if m is not None:
        kind, index, name = m.group(1), int(m.group(2)), m.group(3)
        if f.row is None and f.code in _ROW_SUMS and name in ("score", "weight", "recheck_score"):
            return True
        if kind == "indicators":
            return f.row == index + 1
        items = ctx.ev.scoring_items
        return index < len(items) and f.row is None and f.where.endswith(items[index].name or "\0")
    if d.field == "funds.sources":
        return f.code is Code.FUNDS_SUM
    if d.field == "funds.unit":
        return False  # every amount scales alike: rates, sums and comparisons hold in either unit
    if d.field.startswith("funds"):
        return f.code in _FUNDS_CODES and f.row is None
    return f.code in _FIELD_CODES.get(d.field, frozenset()) and f.row is None


def without_doubtful_errors(findings: Iterable[Finding], ctx: Context, doubts: list[Doubt]) -> list[Finding]:
    """The findings, less every error computed from a doubtful value."""
    if not doubts:
        return list(findings)
    return [
        f for f in findings
        if f.severity is not Severity.ERROR or not any(_rests_on(f, d, ctx) for d in doubts)
    ]  # fmt: skip
