"""`make corpus`, second part: every truth table (seeds, corpus, corpus2) written in each layout
family and file format by the generator in tests/families, read back and compared field by field.

Prints accuracy per family × format, per family and per format, the wrong-value rate (a value
given that is not the truth) and the missing rate (nothing read where the truth has a value).
Tuning variation (variant 0) and held-out variation (other random choices and label variants
that tuning never sees) are reported apart.  Exit code 1 when the tuning accuracy of a family
is below --min.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the generator lives with the tests

from tests.families.families import FAMILIES, TITLES  # noqa: E402
from tests.families.formats import FORMATS  # noqa: E402
from tests.families.measure import Case, Report, cases, run  # noqa: E402
from tests.families.truth import truths  # noqa: E402

SHARED = ROOT.parent / "shared"
FAST = (".txt", ".docx", ".xlsx", ".html")


def _table(report: Report, title: str, formats: tuple[str, ...]) -> Table:
    table = Table(title=title)
    for name in ("版式族", *formats, "合计", "错值率", "缺失率", "文件数"):
        table.add_column(name)
    for family in FAMILIES:
        total = report.cell(family)
        if not total.compared:
            continue
        table.add_row(f"{family}（{TITLES[family]}）", *[_pct(report, family, f) for f in formats],
                      f"{total.accuracy:.1%}", f"{total.wrong_rate:.2%}", f"{total.missing_rate:.2%}",
                      str(sum(o.case.family == family for o in report.outcomes)))  # fmt: skip
    total = report.cell()
    table.add_row("合计", *[_pct(report, None, f) for f in formats], f"{total.accuracy:.1%}",
                  f"{total.wrong_rate:.2%}", f"{total.missing_rate:.2%}", str(len(report.outcomes)))  # fmt: skip
    return table


def _pct(report: Report, family: str | None, fmt: str) -> str:
    c = report.cell(family, fmt)
    return f"{c.accuracy:.1%}" if c.compared else "—"


def markdown(report: Report, formats: tuple[str, ...]) -> str:
    """The family × format table for /work/notes/families.md."""
    head = "| family | " + " | ".join(formats) + " | all | wrong | missing |"
    lines = [head, "|" + "---|" * (len(formats) + 4)]
    for family in [*FAMILIES, None]:
        total = report.cell(family)
        if not total.compared:
            continue
        cells = [_pct(report, family, f) for f in formats]
        lines.append(f"| {family or '**all**'} | " + " | ".join(cells)
                     + f" | {total.accuracy:.1%} | {total.wrong_rate:.2%} | {total.missing_rate:.2%} |")  # fmt: skip
    return "\n".join(lines)


def _misses(report: Report, console: Console, family: str) -> None:
    for o in report.outcomes:
        if o.case.family != family or not o.result.misses:
            continue
        error = f"，{o.error}" if o.error else ""
        console.print(f"{o.case.stem}{o.case.fmt}（读出 {o.tables} 张表{error}）", markup=False)
        for name, got, want in o.result.misses:
            console.print(f"  {name}: 读出 {got!r} 应为 {want!r}", markup=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-cell", type=int, default=None, help="truth tables per family × format (default all)")
    parser.add_argument("--family", action="append", choices=list(FAMILIES), help="only these families")
    parser.add_argument("--format", action="append", choices=list(FORMATS), help="only these formats")
    parser.add_argument("--held-out-per-cell", type=int, default=12, help="held-out tables per family × .pdf/.xls")
    parser.add_argument("--no-held-out", action="store_true")
    parser.add_argument("--misses", choices=list(FAMILIES), help="list every differing field of one family")
    parser.add_argument("--markdown", type=Path, help="write the tables as Markdown (held-out: NAME-held-out.md)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes reading the files back")
    parser.add_argument("--min", type=float, default=0.0, help="fail when a family's tuning accuracy is below (0–1)")
    args = parser.parse_args()
    console = Console(width=200)
    tables = truths(SHARED)
    formats = tuple(args.format or FORMATS)
    with tempfile.TemporaryDirectory(prefix="jixiao-families-") as tmp:
        todo = cases(tables, families=args.family, formats=formats, per_cell=args.per_cell)
        tuning = run(todo, Path(tmp) / "t", jobs=args.jobs)
        console.print(_table(tuning, f"版式族 × 格式准确率（调优集：{len(tables)} 张真值表，变体 0）", formats))
        if args.markdown:
            args.markdown.write_text(markdown(tuning, formats) + "\n", encoding="utf-8")
        if args.misses:
            _misses(tuning, console, args.misses)
        if not args.no_held_out:
            held = _held_out(tables, args, formats)
            report = run(held, Path(tmp) / "h", jobs=args.jobs)
            console.print(_table(report, "保留集（变体 1：调优时未用的随机选择与标签写法，仅在此报告）", formats))
            if args.misses:
                console.print("保留集的差异：", markup=False)
                _misses(report, console, args.misses)
            if args.markdown:
                held_md = args.markdown.with_name(args.markdown.stem + "-held-out" + args.markdown.suffix)
                held_md.write_text(markdown(report, formats) + "\n", encoding="utf-8")
    failed = [f for f in FAMILIES if tuning.cell(f).compared and tuning.cell(f).accuracy < args.min]
    if failed:
        console.print(f"[red]低于 {args.min:.0%} 的版式族：{'、'.join(failed)}[/]")
    return 1 if failed else 0


def _held_out(tables: list, args: argparse.Namespace, formats: tuple[str, ...]) -> list[Case]:  # type: ignore[type-arg]
    fast = tuple(f for f in formats if f in FAST)
    slow = tuple(f for f in formats if f not in FAST)
    out = cases(tables, families=args.family, formats=fast, per_cell=args.per_cell, variants=(1,), held_out=True)
    if slow:
        out += cases(tables, families=args.family, formats=slow, per_cell=args.held_out_per_cell, variants=(1,),
                     held_out=True, stride=args.per_cell)  # fmt: skip
    return out


if __name__ == "__main__":
    sys.exit(main())
