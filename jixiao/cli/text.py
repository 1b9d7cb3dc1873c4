"""The review as terminal text: one block per evaluation, the findings as a table, and the
closing counts line.  Text from the documents is never read as rich markup (a project named
``[red]…`` or ``[/]`` prints as written)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from rich.console import Console
from rich.table import Table
from rich.text import Text

from jixiao.review import Code, Review, Severity

_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _d(value: object) -> str:
    return "" if value is None else format(value, "f") if not isinstance(value, str) else value


def _heading(r: Review) -> tuple[str, str]:
    """A review's title (over the rule) and the lines under it."""
    ev = r.evaluation
    source = ev.source
    where = (source.file or "") + (f" 第 {source.table} 张表" if source and source.table else "") if source else ""
    info = (f"规则集 {r.rule_set.name}：{r.reason}\n自评总分 {_d(ev.total_score_stated) or '未填'}；"
            f"复核计算 {_d(ev.total_score) or '无法计算'}；核定 {_d(ev.verified_total) or '—'}")  # fmt: skip
    return f"{ev.project_name or '（未注明项目）'}  {where}", info


def print_reviews(reviews: Iterable[Review], console: Console) -> None:
    """Terminal output, grouped by evaluation."""
    for r in reviews:
        title, info = _heading(r)
        console.rule(Text(title), style="bold")
        console.print(info, markup=False, highlight=False)
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


_PLAIN_UNSAFE = re.compile(r"[\x00-\x1f\x7f:]")
"""What only rich itself renders right: control characters (it strips some, expands tabs,
breaks at newlines) and an ASCII colon (``:name:`` may be an emoji code it replaces)."""
_TRAILING = re.compile(r"\s+$")


def _fit(line: str, width: int) -> str:
    """A wrapped line made ``width`` cells wide, as rich's left-justified cell does it: trailing
    space beyond the width (counted in characters, as rich counts it) dropped, then cropped or
    padded to the width."""
    from rich.cells import set_cell_size

    if len(line) > width and (space := _TRAILING.search(line)):
        line = line[: len(line) - min(len(space.group(0)), len(line) - width)]
    return set_cell_size(line, width)


def _cell_lines(text: str, width: int) -> list[str]:
    """A table cell's text folded into lines of ``width`` cells (rich's word wrap and fold)."""
    from rich._wrap import divide_line
    from rich.cells import cell_len

    if cell_len(text) <= width:  # one line (rich finds no place to break it either)
        return [_fit(text, width)]
    cuts = divide_line(text, width, fold=True)
    return [_fit(text[a:b], width) for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]


def _wrapped(text: str, width: int) -> str:
    """Console text wrapped at ``width`` (rich's console.print of a plain, unjustified text)."""
    from rich._wrap import divide_line
    from rich.cells import cell_len, set_cell_size

    out = []
    for line in text.split("\n"):
        cuts = divide_line(line, width, fold=True)
        for part in (line[a:b] for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)):
            if len(part) > width and (space := _TRAILING.search(part)):
                part = part[: len(part) - min(len(space.group(0)), len(part) - width)]
            out.append(set_cell_size(part, width) if cell_len(part) > width else part)
    return "\n".join(out) + "\n"


def _rule(title: str, width: int) -> str | None:
    """``console.rule(Text(title))``: the title centred on a line of ─ (None: rich must do it)."""
    from rich.cells import cell_len, set_cell_size

    if width < 5:
        return None
    if cell_len(title) > width - 4:
        title = set_cell_size(title, width - 5) + "…"
    side = (width - cell_len(title)) // 2
    left = "─" * (side - 1)
    line = f"{left} {title} " + "─" * (width - len(left) - cell_len(title))
    return set_cell_size(line, width) + "\n"


def _findings_table(rows: list[tuple[str, str, str, str]], width: int) -> str | None:
    """The findings as rich draws them (heavy head, columns 级别 代码 位置 说明, the last two
    sharing what is left 1 : 3 and folding), or None where rich would have to squeeze."""
    from math import ceil

    from rich import box
    from rich.cells import cell_len

    heads = ("级别", "代码", "位置", "说明")
    fixed = [max(cell_len(r[k]) for r in [heads, *rows]) + 2 for k in (0, 1)]
    flexible = width - 5 - sum(fixed)
    first = max(3, ceil(flexible / 4))
    if flexible - first < 3:
        return None
    widths = [*fixed, first, flexible - first]
    lines = [box.HEAVY_HEAD.get_top(widths)]
    for n, row in enumerate([heads, *rows]):
        cells = [_cell_lines(text, w - 2) for text, w in zip(row, widths, strict=True)]
        edge = "┃" if n == 0 else "│"
        height = max(len(c) for c in cells)
        if n == 0:  # the heading stands at the bottom of its row
            cells = [[" " * (w - 2)] * (height - len(c)) + c for c, w in zip(cells, widths, strict=True)]
        for k in range(height):
            parts = (f" {c[k]} " if k < len(c) else " " * w for c, w in zip(cells, widths, strict=True))
            lines.append(edge + edge.join(parts) + edge)
        if n == 0:
            lines.append(box.HEAVY_HEAD.get_row(widths, "head"))
    lines.append(box.HEAVY_HEAD.get_bottom(widths))
    return "\n".join(lines) + "\n"


def plain_review(r: Review, width: int) -> str | None:
    """One review as ``print_reviews`` prints it to a console without colour, the same text
    character for character, without rich's rendering machinery (a tenth of its cost); None
    where a text holds something only rich renders right."""
    title, info = _heading(r)
    rows = [(f.severity.label, f.code.value, f"{f.where}（{f.place}）" if f.place else f.where, f.message)
            for f in r.findings]  # fmt: skip
    if _PLAIN_UNSAFE.search(title) or _PLAIN_UNSAFE.search(info.replace("\n", " ")):
        return None
    if any(_PLAIN_UNSAFE.search(text) for row in rows for text in row):
        return None
    rule = _rule(title, width)
    table = _findings_table(rows, width) if rows else _wrapped("未发现问题", width)
    if rule is None or table is None:
        return None
    return rule + _wrapped(info, width) + table


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
