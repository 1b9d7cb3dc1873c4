"""``jixiao render``: the standard table, the report or a summary from documents or JSON.

One output of the whole batch (``-o 文件``), or one per document (``-o 文件夹/``); either
way the documents are read, reviewed and — for PDF — laid out in ``--jobs`` processes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from jixiao.cli.chinese import ChineseCommand
from jixiao.cli.main import JobsOption, app, err_console, jobs_or_cores, say
from jixiao.cli.review import check_rules
from jixiao.cli.stream import CollectSink, Sink, is_folder, run_batch
from jixiao.cli.work import Done, Job
from jixiao.render.outputs import DEFAULT_NAMES, SUFFIXES, OutputError, Target
from jixiao.rules.layout import Layout


class BytesSink:
    """One document's rendered output, written to its own file."""

    def __init__(self, path: Path | None) -> None:
        assert path is not None
        self.path = path

    def add(self, done: Done) -> None:
        self.path.write_bytes(done.data)

    def close(self) -> None:
        say(f"已写入 {self.path}")


@app.command("render", cls=ChineseCommand)
def render_command(
    paths: Annotated[list[Path], typer.Argument(metavar="路径", help="文档、JSON 或文件夹（递归查找）")],
    to: Annotated[Target, typer.Option("--to", "-t", help="输出：自评表 xlsx/docx/pdf、自评报告 report、汇总 summary")],
    out: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="路径",
            help="输出文件（报告可为 .docx/.pdf，汇总可为 .xlsx/.html）；"
            "给出文件夹（已存在或以 / 结尾）则每个文档各输出一个文件",
        ),
    ] = None,
    rules_name: Annotated[
        str, typer.Option("--rules", "-r", metavar="规则集", help="auto、规则集名称或 .toml 文件路径")
    ] = "auto",
    layout: Annotated[Layout | None, typer.Option("--layout", help="表样（默认随规则集）")] = None,
    fill: Annotated[bool, typer.Option("--fill", help="未填的得分、总分、等次用复核计算值补全")] = False,
    jobs: JobsOption = None,
) -> None:
    """输出标准自评表、自评报告或汇总表（含图表）。"""
    check_rules(rules_name)
    workers = jobs_or_cores(jobs)
    folder = is_folder(out)
    target = None if folder else Path(out or DEFAULT_NAMES[to])
    suffix = SUFFIXES[to][0] if target is None else target.suffix.lower()
    if suffix not in SUFFIXES[to]:
        say(f"错误：输出“{to.value}”只能写成 {'、'.join(SUFFIXES[to])} 文件，不能写成 {suffix or '无后缀的文件'}")
        raise typer.Exit(2)
    problems: list[str] = []

    def finish(path: Path | None, reviews: list[Any]) -> None:
        from jixiao.render.parallel import render_parallel

        assert path is not None
        try:
            data = render_parallel(reviews, to, suffix, layout=layout, fill=fill, jobs=workers)
        except OutputError as exc:
            problems.append(f"错误：{exc}")
            return
        path.write_bytes(data)
        say(f"已写入 {path}（{len(reviews)} 张表）")

    def sink(path: Path | None) -> Sink:
        return BytesSink(path) if folder else CollectSink(path, finish)

    job = Job("render", to.value, rules_name, suffix=suffix, layout=layout, fill=fill, keep=not folder)
    where = out if folder else str(target)
    tally = run_batch(paths, job, workers, err_console, sink, where, suffix, "输出", announce=False)
    for line in problems:
        say(line)
    if problems:
        raise typer.Exit(2)
    if tally.failed:
        raise typer.Exit(1)
