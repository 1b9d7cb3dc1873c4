"""``jixiao review``: ingest, re-score and report every inconsistency."""

from __future__ import annotations

import sys
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from jixiao import rules
from jixiao.cli.main import app, console, err_console, user_errors
from jixiao.ingest.batch import document_files, read_all
from jixiao.model.evaluation import Evaluation
from jixiao.review import Code, Review, Severity, explain, review_all


class ReviewFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    HTML = "html"
    XLSX = "xlsx"


class FailOn(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NEVER = "never"


def _explain(code: str) -> None:
    try:
        text = explain(code)
    except ValueError:
        known = "、".join(c.value for c in Code)
        err_console.print(f"错误：没有问题代码“{code}”。可用代码：{known}", markup=False, highlight=False)
        raise typer.Exit(2) from None
    console.print(text, markup=False, highlight=False)


def read_documents(paths: list[Path], jobs: int) -> tuple[list[Evaluation], int]:
    from rich.progress import track

    files = document_files(paths)
    outcomes = read_all(files, jobs)
    steps = track(outcomes, total=len(files), description="读取文档", console=err_console,
                  transient=True) if len(files) > 3 else outcomes  # fmt: skip
    evaluations: list[Evaluation] = []
    failures = 0
    for path, found, error, unread in steps:
        if error is not None:
            failures += 1
            err_console.print(f"错误：{error}", markup=False, highlight=False)
            continue
        for note in unread:
            err_console.print(f"警告：{note}", markup=False, highlight=False)
        if not found and not unread:
            err_console.print(f"警告：文件 {path}：未找到可识别的自评表", markup=False, highlight=False)
        evaluations.extend(found)
    return evaluations, failures


def review_evaluations(evaluations: list[Evaluation], rules_name: str) -> list[Review]:
    from rich.progress import track

    rs = None if rules_name == "auto" else rules.get(rules_name)
    reviews = review_all(evaluations, rs)
    if len(evaluations) > 50:
        reviews = track(reviews, total=len(evaluations), description="复核", console=err_console, transient=True)
    return list(reviews)


def print_reviews(reviews: list[Review], console: Console) -> None:
    """Terminal output, grouped by evaluation."""
    for r in reviews:
        ev = r.evaluation
        source = ev.source
        where = (source.file or "") + (f" 第 {source.table} 张表" if source and source.table else "") if source else ""
        console.rule(f"{ev.project_name or '（未注明项目）'}  {where}", style="bold")
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
        style = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
        for f in r.findings:
            place = f"{f.where}（{f.place}）" if f.place else f.where
            table.add_row(f"[{style[f.severity]}]{f.severity.label}[/]", f.code.value, place, f.message)
        console.print(table)


def _d(value: object) -> str:
    return "" if value is None else format(value, "f") if not isinstance(value, str) else value


def print_totals(reviews: list[Review]) -> None:
    findings = [f for r in reviews for f in r.findings]
    by_severity = Counter(f.severity for f in findings)
    by_code = Counter(f.code for f in findings)
    counts = "，".join(f"{s.label} {by_severity[s]}" for s in Severity)
    codes = "，".join(f"{c.value} {n}" for c, n in by_code.most_common()) or "无"
    err_console.print(f"共复核 {len(reviews)} 张表：{counts}。按代码：{codes}", markup=False, highlight=False)


def _write(reviews: list[Review], output: ReviewFormat, out: Path | None) -> None:
    if output is ReviewFormat.TEXT:
        if out is None:
            print_reviews(reviews, console)
            return
        with out.open("w", encoding="utf-8") as handle:
            print_reviews(reviews, Console(file=handle, width=140, color_system=None))
        return
    if output is ReviewFormat.XLSX:
        from jixiao.render.review_xlsx import write_xlsx

        if out is None:
            err_console.print("错误：XLSX 格式须用 -o 指定输出文件", markup=False, highlight=False)
            raise typer.Exit(2)
        out.write_bytes(write_xlsx(reviews))
        return
    if output is ReviewFormat.JSON:
        from jixiao.render.review_json import write_json

        text = write_json(reviews) + "\n"
    else:
        from jixiao.render.review_html import write_html

        text = write_html(reviews)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")


@app.command("review")
def review_command(
    paths: Annotated[list[Path] | None, typer.Argument(help="文档、JSON 或文件夹（递归查找）")] = None,
    rules_name: Annotated[
        str, typer.Option("--rules", "-r", help="auto（按表格自动选择）、规则集名称或 .toml 文件路径")
    ] = "auto",
    output: Annotated[ReviewFormat, typer.Option("--format", "-f", help="输出格式")] = ReviewFormat.TEXT,
    out: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件（默认输出到屏幕）")] = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="出现何种级别的问题时以退出码 1 结束")] = FailOn.ERROR,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="并行读取的进程数")] = 1,
    explain_code: Annotated[str | None, typer.Option("--explain", help="解释一个问题代码后退出")] = None,
) -> None:
    """复核：读取自评表，按规则重新计分，指出每一处问题（代码、位置、填报值与复核值）。"""
    if explain_code is not None:
        _explain(explain_code)
        return
    if not paths:
        err_console.print("错误：请给出要复核的文件或文件夹", markup=False, highlight=False)
        raise typer.Exit(2)
    with user_errors():
        evaluations, failures = read_documents(paths, jobs)
        reviews = review_evaluations(evaluations, rules_name)
    _write(reviews, output, out)
    print_totals(reviews)
    threshold = {FailOn.ERROR: Severity.ERROR.rank, FailOn.WARNING: Severity.WARNING.rank}.get(fail_on)
    flagged = threshold is not None and any(f.severity.rank >= threshold for r in reviews for f in r.findings)
    if failures or flagged:
        raise typer.Exit(1)
