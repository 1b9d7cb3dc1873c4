"""The ``jixiao`` command line: a thin shell over the model, rules and scoring engine.

Every message a user sees is Chinese.  Bad input is one line naming the file and the field,
exit code 2, never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from jixiao import rules
from jixiao.cli.chinese import ChineseCommand, ChineseGroup, run
from jixiao.cli.stream import JsonArraySink, Sink, TableSink, TextSink, run_batch
from jixiao.cli.work import Job
from jixiao.model.evaluation import Evaluation
from jixiao.model.io import InputError, load_evaluations, to_json

if TYPE_CHECKING:  # scoring and the rule-set schema are loaded by the commands that score
    from jixiao.rules.ruleset import RuleSet
    from jixiao.scoring.results import ScoreResult

app = typer.Typer(
    cls=ChineseGroup,
    help="jixiao：项目支出绩效自评——计分、复核、导入与输出。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(cls=ChineseGroup, help="评分规则集：列出与查看。", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

console = Console()
err_console = Console(stderr=True, emoji=False)  # a file named a:b:c.txt is said as it is


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn input errors into one Chinese line on stderr and exit code 2."""
    from jixiao.rules.ruleset import RuleSetError

    try:
        yield
    except (InputError, RuleSetError) as exc:
        err_console.print(f"错误：{exc}", markup=False, highlight=False)
        raise typer.Exit(2) from None


def _load(path: Path) -> list[Evaluation]:
    """One JSON file's evaluations; any failure is one Chinese line naming the file, exit 2."""
    from jixiao.ingest.batch import failure

    try:
        return load_evaluations(path)
    except Exception as exc:  # bad input of any kind is the user's to fix, said in one line
        say(f"错误：{exc}" if isinstance(exc, InputError) else f"错误：{failure(path, exc)}")
        raise typer.Exit(2) from None


RulesOption = Annotated[str, typer.Option("--rules", "-r", metavar="规则集", help="规则集名称或 .toml 文件路径")]


@app.command("score", cls=ChineseCommand)
def score_command(
    files: Annotated[list[Path], typer.Argument(metavar="文件", help="评价 JSON 文件（一个对象或对象列表）")],
    rules_name: RulesOption = rules.DEFAULT,
    output: Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式")] = OutputFormat.TABLE,
) -> None:
    """按规则集计算每张自评表的得分，与自评得分并列显示。"""
    from jixiao import scoring

    with user_errors():
        rs = rules.get(rules_name)
    evaluations = [ev for f in files for ev in _load(f)]
    results = [scoring.score(ev, rs) for ev in evaluations]
    if output is OutputFormat.JSON:
        data = [scoring.apply(ev, r, rs).model_dump(mode="python") for ev, r in zip(evaluations, results, strict=True)]
        sys.stdout.write(to_json(data) + "\n")
        return
    for ev, result in zip(evaluations, results, strict=True):
        print_evaluation(ev, result)


def _d(value: Decimal | None) -> str:
    """A figure with the digits it has: stated ones as written, computed ones to the cent."""
    return "" if value is None else str(value)


def _mark(ok: bool | None) -> str:
    return {True: "[green]✓[/]", False: "[red]✗[/]", None: ""}[ok]


def print_evaluation(ev: Evaluation, result: ScoreResult) -> None:
    """One evaluation: each row with stated and computed score side by side, then the totals."""
    from rich.table import Table

    title = ev.project_name or (ev.source.file if ev.source and ev.source.file else "（未命名项目）")
    table = Table(title=f"{title}（{ev.year or '年度未填'}，规则集 {result.rule_set}）", expand=True)
    for name, justify, width in (
        ("序号", "right", 4),
        ("二级指标", "left", 8),
        ("三级指标", "left", 12),
        ("年度指标值", "left", 10),
        ("实际完成值", "left", 10),
        ("分值", "right", 4),
        ("自评得分", "right", 8),
        ("计算得分", "right", 10),
    ):
        table.add_column(name, justify=justify, overflow="fold", max_width=width)  # type: ignore[arg-type]
    # the explanation is what a reviewer reads: it takes all the width the figures leave
    table.add_column("计算说明", overflow="fold", ratio=1, min_width=24)
    for number, (ind, row) in enumerate(zip(ev.indicators, result.rows, strict=True), start=1):
        table.add_row(
            str(number), ind.level2 or ind.level1 or "", ind.name or "", ind.target or "", ind.actual or "",
            _d(ind.weight), _d(ind.score), f"{_d(row.computed)} {_mark(row.agrees)}".strip(), row.explanation,
        )  # fmt: skip
    console.print(table)
    ex = result.execution
    console.print(
        f"预算执行率：{ex.explanation}  自评 {_d(ev.execution_score_stated)} {_mark(ex.score_agrees)}", highlight=False
    )
    console.print(
        f"总分：自评 {_d(ev.total_score_stated) or '未填'}；计算 {_d(result.total) or '—'}"
        f"（{result.total_explanation}）；核定 {_d(result.verified_total) or '—'}；"
        f"等次 {result.grade or result.verified_grade or '—'}",
        highlight=False,
    )
    console.print()


def print_summary(evaluations: list[Evaluation], results: list[ScoreResult]) -> None:
    """One line per evaluation: the result table ``make run`` ends with."""
    from rich.table import Table

    from jixiao.scoring.numbers import quantize
    from jixiao.scoring.results import RowStatus

    table = Table(title="计分与核对结果汇总")
    for name in (
        "项目名称",
        "执行率",
        "自评总分",
        "计算总分",
        "核定总分",
        "等次",
        "得分不一致",
        "无法计算",
        "定性超档",
    ):
        table.add_column(name, overflow="fold")
    for ev, r in zip(evaluations, results, strict=True):
        rate = r.execution.rate
        table.add_row(
            ev.project_name or "（未命名）",
            "" if rate is None else f"{quantize(rate * 100, 2)}%",
            _d(ev.total_score_stated),
            _d(r.total) or "—",
            _d(r.verified_total) or "—",
            r.grade or r.verified_grade or "—",
            str(sum(1 for row in r.rows if row.agrees is False)),
            str(sum(1 for row in r.rows if row.status is RowStatus.NOT_COMPUTABLE)),
            str(sum(1 for row in r.rows if row.status is RowStatus.QUALITATIVE_OUT_OF_BAND)),
        )
    console.print(table)


@app.command("demo", cls=ChineseCommand)
def demo_command(rules_name: RulesOption = rules.DEFAULT) -> None:
    """对随附的示例项目（虚构数据）计分并复核，打印结果表与复核意见。"""
    from jixiao import scoring
    from jixiao.demo import demo_files

    with user_errors():
        rs = rules.get(rules_name)
        evaluations = [ev for f in demo_files() for ev in load_evaluations(f)]
    results = [scoring.score(ev, rs) for ev in evaluations]
    for ev, r in zip(evaluations, results, strict=True):
        print_evaluation(ev, r)
    print_summary(evaluations, results)
    from jixiao.cli.text import print_reviews, review_counts, totals_line
    from jixiao.review import review_all

    console.rule("复核意见", style="bold")
    reviews = list(review_all(evaluations, rs))
    print_reviews(reviews, console)
    say(totals_line(*review_counts(reviews)))


class ImportFormat(StrEnum):
    JSON = "json"
    JSONL = "jsonl"
    TABLE = "table"


OutOption = Annotated[
    str | None,
    typer.Option(
        "--output", "-o", metavar="路径", help="写入文件；给出文件夹（已存在或以 / 结尾）则每个文档各写一个文件"
    ),
]
JobsOption = Annotated[
    int | None, typer.Option("--jobs", "-j", min=1, metavar="N", help="并行处理的进程数（默认为 CPU 核数）")
]


def jobs_or_cores(jobs: int | None) -> int:
    from jixiao.ingest.batch import default_jobs

    return default_jobs() if jobs is None else jobs


def say(text: str) -> None:
    """One line on standard error, never wrapped, never read as markup."""
    err_console.print(text, markup=False, highlight=False, soft_wrap=True)


def _import_sink(output: ImportFormat, width: int) -> Callable[[Path | None], Sink]:
    if output is ImportFormat.JSONL:
        return TextSink
    if output is ImportFormat.JSON:
        return JsonArraySink
    return lambda path: TableSink(path, width)


@app.command("import", cls=ChineseCommand)
def import_command(
    paths: Annotated[list[Path], typer.Argument(metavar="路径", help="文档或文件夹（递归查找）")],
    output: Annotated[ImportFormat, typer.Option("--format", "-f", help="输出格式")] = ImportFormat.JSON,
    out: OutOption = None,
    jobs: JobsOption = None,
) -> None:
    """从文档中读出自评表（按内容识别表格），输出为 JSON、JSONL 或表格。"""
    to_screen = out is None and output is ImportFormat.TABLE
    job = Job("import", output.value, width=console.width if to_screen else 160)
    suffix = {ImportFormat.JSON: ".json", ImportFormat.JSONL: ".jsonl", ImportFormat.TABLE: ".txt"}[output]
    tally = run_batch(
        paths, job, jobs_or_cores(jobs), err_console, _import_sink(output, job.width), out, suffix, "读取文档"
    )
    by_kind = "，".join(f"{k} {n} 张" for k, n in tally.kinds.items()) or "无"
    say(f"共 {tally.files} 个文件，读出 {tally.tables} 张表（{by_kind}）；表格不完整 {tally.truncated} 张；"
        f"警告 {tally.warnings} 个；失败 {tally.failed} 个文件")  # fmt: skip
    if tally.failed:
        raise typer.Exit(1)


@app.command("schema", cls=ChineseCommand)
def schema_command() -> None:
    """打印评价数据（JSON）的 JSON Schema。"""
    schema = Evaluation.model_json_schema(mode="validation")
    sys.stdout.write(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")


@rules_app.command("list", cls=ChineseCommand)
def rules_list() -> None:
    """列出随附的规则集。"""
    from rich.table import Table

    table = Table(title="规则集")
    for name in ("名称", "说明", "依据"):
        table.add_column(name, overflow="fold")
    for name in rules.available():
        rs = rules.get(name)
        default = "（默认）" if name == rules.DEFAULT else ""
        table.add_row(name + default, rs.meta.title, rs.meta.follows)
    console.print(table)


def _describe(rs: RuleSet) -> Iterator[str]:
    from jixiao.scoring.indicators import fmt

    yield f"{rs.meta.name}：{rs.meta.title}"
    yield f"依据：{rs.meta.follows}"
    if rs.meta.notes:
        yield f"说明：{rs.meta.notes}"
    split = "、".join(f"{w.name} {fmt(w.weight)}" for w in rs.weights.level1) or "不固定"
    yield f"权重：预算执行率 {fmt(rs.weights.execution)}；指标合计 {fmt(rs.weights.indicators_total)}（{split}）"
    yield f"执行率分母：{rs.execution.denominator.value}；得分封顶：{'是' if rs.execution.cap_at_weight else '否'}"
    yield (
        f"反向指标：达标 {rs.quantitative.reverse_met.value}，未达标 {rs.quantitative.reverse_unmet.value}；"
        f"百分比实际值视为完成率：{'是' if rs.quantitative.percent_actual_is_completion else '否'}"
    )
    for tier in rs.qualitative.tiers:
        yield f"定性档次：{tier.label} {fmt(tier.low * 100)}%–{fmt(tier.high * 100)}%"
    yield f"超额完成：≥ 目标 × {fmt(rs.over_completion.ratio)} 须说明原因；扣分 {fmt(rs.over_completion.deduction)}"
    order = "逐行舍入后求和" if rs.rounding.round_rows_before_sum else "求和后舍入"
    yield f"舍入：{rs.rounding.mode.value}，保留 {rs.rounding.digits} 位小数，{order}"
    yield "等次：" + "，".join(f"{g.label} ≥ {fmt(g.min)}" for g in rs.grades)
    for item in rs.items:
        yield f"评分项：{item.level1}/{item.level2}/{item.name} {fmt(item.weight)} 分（{item.method.value}）"


@rules_app.command("show", cls=ChineseCommand)
def rules_show(name: Annotated[str, typer.Argument(metavar="规则集", help="规则集名称或 .toml 文件路径")]) -> None:
    """显示一个规则集的全部参数。"""
    with user_errors():
        rs = rules.get(name)
    for line in _describe(rs):
        console.print(line, highlight=False, markup=False)


def main() -> None:
    sys.exit(run(app))
