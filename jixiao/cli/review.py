"""``jixiao review``: ingest, re-score and report every inconsistency."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from jixiao import rules
from jixiao.cli.chinese import ChineseCommand
from jixiao.cli.main import JobsOption, OutOption, app, console, err_console, jobs_or_cores, say, user_errors
from jixiao.cli.stream import ReviewHtmlSink, ReviewJsonSink, ReviewXlsxSink, Sink, TextSink, run_batch
from jixiao.cli.work import Job


class ReviewFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"
    HTML = "html"
    XLSX = "xlsx"


class FailOn(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NEVER = "never"


def _explain(code: str) -> None:
    from jixiao.review import Code, explain

    try:
        text = explain(code)
    except ValueError:
        known = "、".join(c.value for c in Code)
        err_console.print(f"错误：没有问题代码“{code}”。可用代码：{known}", markup=False, highlight=False)
        raise typer.Exit(2) from None
    console.print(text, markup=False, highlight=False)


def review_sink(output: ReviewFormat) -> Callable[[Path | None], Sink]:
    if output in (ReviewFormat.TEXT, ReviewFormat.JSONL):
        return TextSink
    if output is ReviewFormat.JSON:
        return ReviewJsonSink
    if output is ReviewFormat.XLSX:
        return ReviewXlsxSink
    return ReviewHtmlSink


SUFFIXES = {ReviewFormat.TEXT: ".txt", ReviewFormat.JSON: ".json", ReviewFormat.JSONL: ".jsonl",
            ReviewFormat.HTML: ".html", ReviewFormat.XLSX: ".xlsx"}  # fmt: skip


def check_rules(name: str) -> None:
    """A rule set that does not exist is the user's mistake, said once before any file is read."""
    if name != "auto":
        with user_errors():
            rules.get(name)


@app.command("review", cls=ChineseCommand)
def review_command(
    paths: Annotated[list[Path] | None, typer.Argument(metavar="路径", help="文档、JSON 或文件夹（递归查找）")] = None,
    rules_name: Annotated[
        str, typer.Option("--rules", "-r", metavar="规则集", help="auto（按表格自动选择）、规则集名称或 .toml 文件路径")
    ] = "auto",
    output: Annotated[ReviewFormat, typer.Option("--format", "-f", help="输出格式")] = ReviewFormat.TEXT,
    out: OutOption = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="出现何种级别的问题时以退出码 1 结束")] = FailOn.ERROR,
    jobs: JobsOption = None,
    explain_code: Annotated[
        str | None, typer.Option("--explain", metavar="代码", help="解释一个问题代码后退出")
    ] = None,
) -> None:
    """复核：读取自评表，按规则重新计分，指出每一处问题（代码、位置、填报值与复核值）。"""
    from jixiao.cli.text import totals_line
    from jixiao.review import Severity

    if explain_code is not None:
        _explain(explain_code)
        return
    if not paths:
        say("错误：请给出要复核的文件或文件夹")
        raise typer.Exit(2)
    if output is ReviewFormat.XLSX and out is None:
        say("错误：XLSX 格式须用 -o 指定输出文件")
        raise typer.Exit(2)
    check_rules(rules_name)
    to_screen = out is None and output is ReviewFormat.TEXT
    job = Job("review", output.value, rules_name, width=console.width if to_screen else 140,
              color=console.color_system if to_screen else None)  # fmt: skip
    tally = run_batch(paths, job, jobs_or_cores(jobs), err_console, review_sink(output), out, SUFFIXES[output], "复核")
    say(totals_line(tally.tables, tally.severities, tally.codes))
    threshold = {FailOn.ERROR: Severity.ERROR.rank, FailOn.WARNING: Severity.WARNING.rank}.get(fail_on)
    flagged = threshold is not None and any(Severity(s).rank >= threshold for s, n in tally.severities.items() if n)
    if tally.failed or flagged:
        raise typer.Exit(1)
