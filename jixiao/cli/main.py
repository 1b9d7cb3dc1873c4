"""The ``jixiao`` command line: a thin shell over the model, rules and scoring engine.

Every message a user sees is Chinese.  Bad input is one line naming the file and the field,
exit code 2, never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from jixiao import rules, scoring
from jixiao.ingest.batch import document_files, read_all
from jixiao.model.evaluation import Evaluation
from jixiao.model.io import InputError, load_evaluations, to_json
from jixiao.rules.ruleset import RuleSet, RuleSetError
from jixiao.scoring.indicators import fmt
from jixiao.scoring.numbers import quantize
from jixiao.scoring.results import RowStatus, ScoreResult

app = typer.Typer(
    help="jixiao：项目支出绩效自评——计分、复核、导入与输出。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(help="评分规则集：列出与查看。", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

console = Console()
err_console = Console(stderr=True)


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn input errors into one Chinese line on stderr and exit code 2."""
    try:
        yield
    except (InputError, RuleSetError) as exc:
        err_console.print(f"错误：{exc}", markup=False, highlight=False)
        raise typer.Exit(2) from None


RulesOption = Annotated[str, typer.Option("--rules", "-r", help="规则集名称或 .toml 文件路径")]


@app.command("score")
def score_command(
    files: Annotated[list[Path], typer.Argument(help="评价 JSON 文件（一个对象或对象列表）")],
    rules_name: RulesOption = rules.DEFAULT,
    output: Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式")] = OutputFormat.TABLE,
) -> None:
    """按规则集计算每张自评表的得分，与自评得分并列显示。"""
    with user_errors():
        rs = rules.get(rules_name)
        evaluations = [ev for f in files for ev in load_evaluations(f)]
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


@app.command("demo")
def demo_command(rules_name: RulesOption = rules.DEFAULT) -> None:
    """对随附的示例项目（虚构数据）计分并复核，打印结果表与复核意见。"""
    from jixiao.demo import demo_files

    with user_errors():
        rs = rules.get(rules_name)
        evaluations = [ev for f in demo_files() for ev in load_evaluations(f)]
    results = [scoring.score(ev, rs) for ev in evaluations]
    for ev, r in zip(evaluations, results, strict=True):
        print_evaluation(ev, r)
    print_summary(evaluations, results)
    from jixiao.cli.review import print_reviews, print_totals
    from jixiao.review import review_all

    console.rule("复核意见", style="bold")
    reviews = list(review_all(evaluations, rs))
    print_reviews(reviews, console)
    print_totals(reviews)


class ImportFormat(StrEnum):
    JSON = "json"
    JSONL = "jsonl"
    TABLE = "table"


@app.command("import")
def import_command(
    paths: Annotated[list[Path], typer.Argument(help="文档或文件夹（递归查找）")],
    output: Annotated[ImportFormat, typer.Option("--format", "-f", help="输出格式")] = ImportFormat.JSON,
    out: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件（默认输出到屏幕）")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="并行读取的进程数")] = 1,
) -> None:
    """从文档中读出自评表（按内容识别表格），输出为 JSON、JSONL 或表格。"""
    from rich.progress import track

    files = document_files(paths)
    evaluations: list[Evaluation] = []
    failures: list[str] = []
    results = read_all(files, jobs)
    steps = track(results, total=len(files), description="读取文档", console=err_console,
                  transient=True) if len(files) > 3 else results  # fmt: skip
    warnings = 0
    for path, found, error, unread in steps:
        if error is not None:
            failures.append(error)
            err_console.print(f"错误：{error}", markup=False, highlight=False)
            continue
        for note in unread:
            warnings += 1
            err_console.print(f"警告：{note}", markup=False, highlight=False)
        if not found and not unread:
            warnings += 1
            err_console.print(f"警告：文件 {path}：未找到可识别的自评表", markup=False, highlight=False)
        evaluations.extend(found)
    text = _render_import(evaluations, output)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
    kinds: dict[str, int] = {}
    for ev in evaluations:
        kinds[ev.kind.value] = kinds.get(ev.kind.value, 0) + 1
    by_kind = "，".join(f"{k} {n} 张" for k, n in kinds.items()) or "无"
    truncated = sum(1 for ev in evaluations if ev.truncated)
    summary = f"共 {len(files)} 个文件，读出 {len(evaluations)} 张表（{by_kind}）"
    err_console.print(
        f"{summary}；表格不完整 {truncated} 张；警告 {warnings} 个；失败 {len(failures)} 个文件", highlight=False
    )
    if failures:
        raise typer.Exit(1)


def _render_import(evaluations: list[Evaluation], output: ImportFormat) -> str:
    if output is ImportFormat.JSON:
        return to_json([e.model_dump(mode="python") for e in evaluations]) + "\n"
    if output is ImportFormat.JSONL:
        return "".join(to_json(e.model_dump(mode="python"), indent=None) + "\n" for e in evaluations)
    with console.capture() as capture:
        table = Table(title="读出的自评表")
        for name in ("文件", "表号", "类型", "年度", "项目名称", "全年预算数", "全年执行数", "指标数", "自评总分"):
            table.add_column(name, overflow="fold")
        for ev in evaluations:
            funds = ev.funds
            table.add_row(
                ev.source.file if ev.source else "", str(ev.source.table if ev.source else ""), ev.kind.value,
                str(ev.year or ""), ev.project_name or "", _d(funds.adjusted_budget if funds else None),
                _d(funds.executed if funds else None), str(len(ev.indicators)), _d(ev.total_score_stated),
            )  # fmt: skip
        console.print(table)
    return capture.get()


@app.command("schema")
def schema_command() -> None:
    """打印评价数据（JSON）的 JSON Schema。"""
    schema = Evaluation.model_json_schema(mode="validation")
    sys.stdout.write(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")


@rules_app.command("list")
def rules_list() -> None:
    """列出随附的规则集。"""
    table = Table(title="规则集")
    for name in ("名称", "说明", "依据"):
        table.add_column(name, overflow="fold")
    for name in rules.available():
        rs = rules.get(name)
        default = "（默认）" if name == rules.DEFAULT else ""
        table.add_row(name + default, rs.meta.title, rs.meta.follows)
    console.print(table)


def _describe(rs: RuleSet) -> Iterator[str]:
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


@rules_app.command("show")
def rules_show(name: Annotated[str, typer.Argument(help="规则集名称或 .toml 文件路径")]) -> None:
    """显示一个规则集的全部参数。"""
    with user_errors():
        rs = rules.get(name)
    for line in _describe(rs):
        console.print(line, highlight=False, markup=False)


def main() -> None:
    app()
