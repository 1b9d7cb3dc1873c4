"""The review as terminal text: one block per evaluation, the findings as a table, and the
closing counts line.  Text from the documents is never read as rich markup (a project named
``[red]…`` or ``[/]`` prints as written)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from rich.console import Console
from rich.table import Table
from rich.text import Text

from jixiao.review import Code, Review, Severity

_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _d(value: object) -> str:
    return "" if value is None else format(value, "f") if not isinstance(value, str) else value


def print_reviews(reviews: Iterable[Review], console: Console) -> None:
    """Terminal output, grouped by evaluation."""
    for r in reviews:
        ev = r.evaluation
        source = ev.source
        where = (source.file or "") + (f" 第 {source.table} 张表" if source and source.table else "") if source else ""
        console.rule(Text(f"{ev.project_name or '（未注明项目）'}  {where}"), style="bold")
        console.print(
            f"规则集 {r.rule_set.name}：{r.reason}\n自评总分 {_d(ev.total_score_stated) or '未填'}；"
            f"复核计算 {_d(ev.total_score) or '无法计算'}；核定 {_d(ev.verified_total) or '—'}",
            markup=False, highlight=False,
        )  # fmt: skip
        if not r.findings:
            console.print("未发现问题", style="green")
            continue
        table = Table(show_header=True, expand=True)
        table.add_column("级别", no_wrap=True)
        table.add_column("代码", no_wrap=True)
        table.add_column("位置", ratio=1, overflow="fold")
        table.add_column("说明", ratio=3, overflow="fold")
        for f in r.findings:
            place = f"{f.where}（{f.place}）" if f.place else f.where
            table.add_row(Text(f.severity.label, style=_STYLE[f.severity]), f.code.value, Text(place), Text(f.message))
        console.print(table)


def totals_line(tables: int, severities: Mapping[str, int], codes: Mapping[str, int]) -> str:
    """共复核 N 张表：错误 a，警告 b，提示 c。按代码：…  (from counts, not from the reviews)."""
    counts = "，".join(f"{s.label} {severities.get(s.value, 0)}" for s in Severity)
    ranked = Counter({Code(c): n for c, n in codes.items()}).most_common()
    by_code = "，".join(f"{c.value} {n}" for c, n in ranked) or "无"
    return f"共复核 {tables} 张表：{counts}。按代码：{by_code}"


def review_counts(reviews: Iterable[Review]) -> tuple[int, Counter[str], Counter[str]]:
    tables, severities, codes = 0, Counter[str](), Counter[str]()
    for r in reviews:
        tables += 1
        for f in r.findings:
            severities[f.severity.value] += 1
            codes[f.code.value] += 1
    return tables, severities, codes


IMPORT_COLUMNS = (("文件", 6, 3), ("表号", 4, 0), ("类型", 6, 2), ("年度", 4, 0), ("项目名称", 10, 5),
                  ("全年预算数", 10, 0), ("全年执行数", 10, 0), ("指标数", 6, 0), ("自评总分", 8, 0))  # fmt: skip
"""The columns of ``import --format table``: heading, least width, share of the width left over."""


def import_widths(total: int) -> tuple[int, ...]:
    """Column widths for a terminal (or file) ``total`` columns wide: fixed for the whole batch,
    so that every file's rows, written as they come, line up under the one heading."""
    spare = max(total - sum(w for _, w, _ in IMPORT_COLUMNS) - 2 * (len(IMPORT_COLUMNS) - 1), 0)
    shares = sum(share for _, _, share in IMPORT_COLUMNS)
    return tuple(w + spare * share // shares for _, w, share in IMPORT_COLUMNS)


def fold(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns: broken where a line may break, and a word
    longer than the column (a file name) cut wherever it must be."""
    from jixiao.cli.chinese import columns, wrap

    lines = []
    for line in wrap(" ".join(text.split()), width):
        while columns(line) > width:
            cut = next(k for k in range(len(line), 0, -1) if columns(line[:k]) <= width) or 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


def plain_rows(rows: Iterable[tuple[str, ...]], widths: tuple[int, ...]) -> str:
    """Rows as lines of columns two spaces apart; a text longer than its column folds onto the
    next lines of that column (never cut off)."""
    from jixiao.cli.chinese import columns

    out = []
    for row in rows:
        cells = [fold(text, width) for text, width in zip(row, widths, strict=True)]
        for k in range(max(len(c) for c in cells)):
            parts = [(c[k] if k < len(c) else "") for c in cells]
            line = "  ".join(text + " " * (width - columns(text)) for text, width in zip(parts, widths, strict=True))
            out.append(line.rstrip() + "\n")
    return "".join(out)


def import_heading(widths: tuple[int, ...]) -> str:
    """The title, the column names and a rule under them."""
    names = plain_rows([tuple(name for name, _, _ in IMPORT_COLUMNS)], widths)
    return "读出的自评表\n" + names + "  ".join("─" * w for w in widths) + "\n"
