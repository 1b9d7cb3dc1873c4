"""``jixiao render``: the standard table, the report or a summary from documents or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli.main import app, err_console, user_errors
from jixiao.cli.review import read_documents, review_evaluations
from jixiao.render.charts import ChartError
from jixiao.render.outputs import DEFAULT_NAMES, OutputError, Target, render
from jixiao.rules.ruleset import Layout


@app.command("render")
def render_command(
    paths: Annotated[list[Path], typer.Argument(help="文档、JSON 或文件夹（递归查找）")],
    to: Annotated[Target, typer.Option("--to", "-t", help="输出：自评表 xlsx/docx/pdf、自评报告 report、汇总 summary")],
    out: Annotated[
        Path | None, typer.Option("--output", "-o", help="输出文件（报告可为 .docx/.pdf，汇总可为 .xlsx/.html）")
    ] = None,
    rules_name: Annotated[str, typer.Option("--rules", "-r", help="auto、规则集名称或 .toml 文件路径")] = "auto",
    layout: Annotated[Layout | None, typer.Option("--layout", help="表样（默认随规则集）")] = None,
    fill: Annotated[bool, typer.Option("--fill", help="未填的得分、总分、等次用复核计算值补全")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="并行读取的进程数")] = 1,
) -> None:
    """输出标准自评表、自评报告或汇总表（含图表）。"""
    target = out or Path(DEFAULT_NAMES[to])
    with user_errors():
        evaluations, failures = read_documents(paths, jobs)
        reviews = review_evaluations(evaluations, rules_name)
    try:
        data = render(reviews, to, target.suffix, layout=layout, fill=fill)
    except (OutputError, ChartError) as exc:
        err_console.print(f"错误：{exc}", markup=False, highlight=False)
        raise typer.Exit(2) from None
    target.write_bytes(data)
    err_console.print(f"已写入 {target}（{len(reviews)} 张表）", markup=False, highlight=False)
    if failures:
        raise typer.Exit(1)
