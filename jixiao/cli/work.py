"""What a worker does with one file of a batch, and the compact result it hands back.

A worker reads the whole file, reviews it and serialises what the chosen output needs (JSON
lines, terminal text, spreadsheet rows) before anything leaves the process: the main process
only writes strings in file order and adds up counts.  Every failure of a file, at any stage,
is its one Chinese line; nothing raised crosses the process boundary.  ``--jobs 1`` runs the
very same function in the main process, so both give the same bytes and the same messages.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from jixiao.ingest.batch import CRASHED, failure, read_one
from jixiao.model.evaluation import Evaluation

if TYPE_CHECKING:  # loaded by the commands that review (``warm``), never by ``jixiao import``
    from jixiao.review import Review
    from jixiao.rules.layout import Layout
    from jixiao.rules.ruleset import RuleSet


@dataclass(frozen=True, slots=True)
class Job:
    """What is asked of every file of a batch (the same for all of them)."""

    command: str
    """``import``, ``review`` or ``render``."""
    format: str
    """The output format: json, jsonl, table (import); text, json, jsonl, html, xlsx (review);
    the render target's value (render)."""
    rules: str = "auto"
    width: int = 120
    color: str | None = None
    """Rich's colour system for terminal text (None: plain text)."""
    suffix: str | None = None
    layout: Layout | None = None
    fill: bool = False
    keep: bool = False
    """Hand the reviews back as objects (an output that needs the whole batch at once)."""


class Task(NamedTuple):
    path: str
    display: str
    """The file as the user named it (a folder given + the path inside it)."""


class Done(NamedTuple):
    """One file's result: plain data only, cheap to pickle."""

    display: str
    error: str | None = None
    warnings: tuple[str, ...] = ()
    tables: int = 0
    kinds: tuple[tuple[str, int], ...] = ()
    truncated: int = 0
    severities: tuple[tuple[str, int], ...] = ()
    codes: tuple[tuple[str, int], ...] = ()
    text: str = ""
    """The main serialised output: JSON lines, terminal text."""
    extra: str = ""
    """A second stream (the findings of ``review --format json``, one JSON object a line)."""
    data: bytes = b""
    """A rendered document (``render -o FOLDER``)."""
    objects: tuple[Any, ...] = ()
    """Reviews or table rows, for an output that needs the whole batch at once; the rendered
    pieces of the review page (``jixiao.render.review_html.TableParts``); the workbook's rows
    (tuples of text, whole numbers and None)."""


def crashed(task: Task) -> Done:
    return Done(task.display, error=f"文件 {task.display}：{CRASHED}")


@cache
def _rule_set(name: str) -> RuleSet | None:
    from jixiao import rules

    return None if name == "auto" else rules.get(name)


@cache
def _encoder() -> Any:
    import msgspec

    # Decimals as JSON numbers digit for digit (as jixiao.model.io.to_json writes them), in C
    return msgspec.json.Encoder(decimal_format="number")


def _line(data: Any) -> str:
    """One JSON text on one line (a JSON text holds no raw newline)."""
    return str(_encoder().encode(data), "utf-8") + "\n"


def _import_row(ev: Evaluation) -> tuple[str, ...]:
    funds = ev.funds

    def d(value: object) -> str:
        return "" if value is None else str(value)

    return (
        ev.source.file or "" if ev.source else "", d(ev.source.table if ev.source else None), ev.kind.value,
        d(ev.year), ev.project_name or "", d(funds.adjusted_budget if funds else None),
        d(funds.executed if funds else None), str(len(ev.indicators)), d(ev.total_score_stated),
    )  # fmt: skip


def _serialise_import(job: Job, evaluations: list[Evaluation]) -> str:
    if job.format == "table":
        from jixiao.cli.text import import_widths, plain_rows

        return plain_rows((_import_row(ev) for ev in evaluations), import_widths(job.width))
    return "".join(_line(ev.model_dump(mode="python")) for ev in evaluations)


def _terminal_text(job: Job, reviews: list[Review]) -> str:
    """The reviews as terminal text: without colour each drawn by the plain renderer (rich's
    very text at a tenth of its cost), with colour — or where only rich renders a text right —
    by rich."""
    from rich.console import Console

    from jixiao.cli.text import plain_review, print_reviews

    parts = []
    console = None
    for r in reviews:
        text = plain_review(r, job.width) if job.color is None else None
        if text is None:
            buffer = io.StringIO()
            console = Console(file=buffer, width=job.width, color_system=job.color,  # type: ignore[arg-type]
                              force_terminal=job.color is not None, legacy_windows=False)  # fmt: skip
            print_reviews([r], console)
            text = buffer.getvalue()
        parts.append(text)
    return "".join(parts)


def _html_parts(reviews: list[Review]) -> tuple[Any, ...]:
    from jixiao.render.review_html import table_parts

    return tuple(table_parts(r) for r in reviews)


def _xlsx_rows(reviews: list[Review]) -> tuple[tuple[Any, ...], ...]:
    """The workbook's rows, one a finding, as tuples of plain values (pickled as they are: no
    text to parse again in the main process, which writes every row of the batch alone)."""
    from jixiao.render.review_xlsx import finding_row

    return tuple(tuple(finding_row(r, f)) for r in reviews for f in r.findings)


def _serialise_review(job: Job, reviews: list[Review]) -> tuple[str, str]:
    if job.format == "text":
        return _terminal_text(job, reviews), ""
    if job.format == "jsonl":
        return "".join(_line(f.to_dict()) for r in reviews for f in r.findings), ""
    evaluations = "".join(_line({**r.evaluation.model_dump(mode="python"), "rule_set_reason": r.reason})
                          for r in reviews)  # fmt: skip
    return evaluations, "".join(_line(f.to_dict()) for r in reviews for f in r.findings)


def _counts(reviews: list[Review]) -> tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]:
    severities: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    for r in reviews:
        for f in r.findings:
            severities[f.severity.value] += 1
            codes[f.code.value] += 1
    return tuple(severities.items()), tuple(codes.items())


def _render(job: Job, reviews: list[Review]) -> bytes:
    from jixiao.render.outputs import Target, render

    return render(reviews, Target(job.format), job.suffix, layout=job.layout, fill=job.fill)


def _doubts(display: str, found: list[Evaluation]) -> tuple[str, ...]:
    """Each value ingest read with doubt, as a warning line naming the table, field and cell."""
    from jixiao.model.field_names import field_label

    out = []
    for n, ev in enumerate(found, start=1):
        names = {"indicators": [{"name": i.name} for i in ev.indicators]} if ev.doubts else None
        for d in ev.doubts:
            where = d.location.place() if d.location is not None else ""
            readings = "；可能的读法：" + " / ".join(d.alternatives) if d.alternatives else ""
            field = field_label(d.field, names, first=0)
            out.append(f"文件 {display}：第 {n} 张表{where}的{field}存疑：{d.reason}{readings}")
    return tuple(out)


def warm(job: Job, files: list[Path]) -> None:
    """Prepare this process for the batch before workers are forked from it: the readers of the
    formats in the batch, the layouts, the JSON encoder, and for a review its modules and the
    rule sets it may choose among (all of them for ``auto``) — loaded once here rather than in
    every worker.  ``jixiao import`` loads nothing of the review."""
    from jixiao.ingest.batch import preload

    preload(files)
    if job.format in ("json", "jsonl"):
        _encoder()
    if job.command != "import":
        from jixiao import rules
        from jixiao.cli import text  # noqa: F401  (the terminal text and the closing line)
        from jixiao.review import review_all  # noqa: F401

        for name in rules.available() if job.rules == "auto" else []:
            rules.get(name)
        _rule_set(job.rules)


def work(job: Job, task: Task) -> Done:
    """One file, start to finish; never raises."""
    outcome = read_one(Path(task.path), task.display)
    if outcome.error is not None:
        return Done(task.display, error=outcome.error)
    found = outcome.evaluations
    kinds = tuple(Counter(ev.kind.value for ev in found).items())
    base = Done(task.display, warnings=outcome.unread + _doubts(task.display, found), tables=len(found), kinds=kinds,
                truncated=sum(1 for ev in found if ev.truncated))  # fmt: skip
    stage = "输出时出错："
    try:
        if job.command == "import":
            return base._replace(text=_serialise_import(job, found))
        stage = "复核时出错："
        from jixiao.review import review_all

        reviews = list(review_all(found, _rule_set(job.rules)))
        severities, codes = _counts(reviews)
        base = base._replace(severities=severities, codes=codes)
        stage = "输出时出错："
        if job.keep:
            return base._replace(objects=tuple(reviews))
        if job.command == "render":
            return base._replace(data=_render(job, reviews) if reviews else b"")
        if job.format == "html":
            return base._replace(objects=_html_parts(reviews))
        if job.format == "xlsx":
            return base._replace(objects=_xlsx_rows(reviews))
        text, extra = _serialise_review(job, reviews)
        return base._replace(text=text, extra=extra)
    except BaseException as exc:  # one file's failure is its own line; the batch goes on
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        return Done(task.display, error=failure(task.display, exc, stage))
