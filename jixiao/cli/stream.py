"""A batch as a stream: files go to the workers, results come back in file order and are
written as they come, so memory stays flat however many files there are.

A sink receives each file's ``Done`` and writes its already-serialised text; the counts of
the closing lines are kept in a ``Tally``.  With ``-o FOLDER`` every document gets a sink of
its own, writing one output file named after it.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any, Protocol

from rich.console import Console

from jixiao.cli.work import Done, Job, Task, crashed, warm, work
from jixiao.ingest.batch import document_files, run_ordered, tune_gc


@dataclass
class Tally:
    """What the closing lines say: counts only, never the results themselves."""

    files: int = 0
    failed: int = 0
    tables: int = 0
    truncated: int = 0
    warnings: int = 0
    written: int = 0
    """Output files written, one per document (``-o FOLDER``)."""
    kinds: Counter[str] = field(default_factory=Counter)
    severities: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)

    def add(self, done: Done) -> None:
        self.files += 1
        if done.error is not None:
            self.failed += 1
            return
        self.tables += done.tables
        self.truncated += done.truncated
        self.warnings += len(done.warnings) or (0 if done.tables else 1)
        self.kinds.update(dict(done.kinds))
        self.severities.update(dict(done.severities))
        self.codes.update(dict(done.codes))


class Sink(Protocol):
    def add(self, done: Done) -> None: ...

    def close(self) -> None: ...


@contextmanager
def _nothing() -> Iterator[None]:
    yield


class Handle:
    """A text output: a file opened for writing, or standard output (left open)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.file: IO[str] = sys.stdout if path is None else path.open("w", encoding="utf-8", newline="\n")

    def close(self) -> None:
        if self.path is None:
            self.file.flush()
        else:
            self.file.close()


class TextSink:
    """Each file's text as it is: JSON lines, terminal text."""

    def __init__(self, path: Path | None) -> None:
        self.out = Handle(path)

    def add(self, done: Done) -> None:
        if done.text:
            self.out.file.write(done.text)

    def close(self) -> None:
        self.out.close()


class TableSink:
    """``import --format table``: the heading once, then each file's rows (laid out in the
    worker, in widths fixed for the whole batch) as they come."""

    def __init__(self, path: Path | None, width: int) -> None:
        from jixiao.cli.text import import_heading, import_widths

        self.out = Handle(path)
        self.out.file.write(import_heading(import_widths(width)))

    def add(self, done: Done) -> None:
        self.out.file.write(done.text)

    def close(self) -> None:
        self.out.close()


def _items(lines: str) -> str:
    """JSON lines as items of an array (a JSON text holds no raw newline)."""
    return lines.rstrip("\n").replace("\n", ",\n")


class JsonArraySink:
    """A JSON array written item by item: ``[`` now, ``]`` at the end."""

    def __init__(self, path: Path | None) -> None:
        self.out = Handle(path)
        self.first = True
        self.out.file.write("[")

    def add(self, done: Done) -> None:
        if done.text:
            self.out.file.write(("\n" if self.first else ",\n") + _items(done.text))
            self.first = False

    def close(self) -> None:
        self.out.file.write("]\n" if self.first else "\n]\n")
        self.out.close()


class ReviewJsonSink:
    """``{"evaluations": […], "findings": […], "summary": {…}}`` with both arrays streamed: the
    evaluations go straight out, the findings to a temporary file copied in at the end."""

    def __init__(self, path: Path | None) -> None:
        self.out = Handle(path)
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 (closed in close())
        self.first = self.first_finding = True
        self.tally = Tally()
        self.out.file.write('{\n"evaluations": [')

    def add(self, done: Done) -> None:
        self.tally.add(done)
        if done.text:
            self.out.file.write(("\n" if self.first else ",\n") + _items(done.text))
            self.first = False
        if done.extra:
            self.spool.write(("\n" if self.first_finding else ",\n") + _items(done.extra))
            self.first_finding = False

    def close(self) -> None:
        from jixiao.model.io import to_json

        self.out.file.write(("\n" if not self.first else "") + '],\n"findings": [')
        self.spool.seek(0)
        while block := self.spool.read(1 << 20):
            self.out.file.write(block)
        self.spool.close()
        t = self.tally
        summary = {"evaluations": t.tables, "findings": sum(t.severities.values()),
                   "by_severity": dict(t.severities), "by_code": dict(t.codes)}  # fmt: skip
        self.out.file.write(('\n' if not self.first_finding else '') + '],\n"summary": '
                            + to_json(summary, indent=None) + "\n}\n")  # fmt: skip
        self.out.close()


class ReviewXlsxSink:
    """One row per finding, in a constant-memory workbook."""

    def __init__(self, path: Path | None) -> None:
        from jixiao.render.review_xlsx import ReviewWorkbook

        if path is None:
            raise OutputMissing("XLSX 格式须用 -o 指定输出文件")
        self.book = ReviewWorkbook(path)

    def add(self, done: Done) -> None:
        for row in done.objects:
            self.book.add(row)

    def close(self) -> None:
        self.book.close()


class ReviewHtmlSink:
    """The review page streamed: each table's entry in the table of contents and its section
    (rendered in the worker) go to two temporary files as they come, numbered in batch order;
    the head with the counts is written at the end, then both files are copied in."""

    def __init__(self, path: Path | None) -> None:
        self.out = Handle(path)
        self.toc = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 (closed in close())
        self.sections = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.tally = Tally()
        self.by_unit: dict[str, Counter[str]] = {}

    def add(self, done: Done) -> None:
        from jixiao.render.review_html import count_units, numbered

        for part in done.objects:
            number = self.tally.tables + 1
            self.toc.write(numbered(part.toc, number))
            self.sections.write(numbered(part.section, number))
            self.tally.tables += 1
        count_units(self.by_unit, done.objects)
        self.tally.severities.update(dict(done.severities))
        self.tally.codes.update(dict(done.codes))

    def close(self) -> None:
        from jixiao.render.review_html import page_parts

        t = self.tally
        head, middle, tail = page_parts(t.tables, t.severities, t.codes, self.by_unit)
        self.out.file.write(head)
        for spool, after in ((self.toc, middle), (self.sections, tail)):
            spool.seek(0)
            while block := spool.read(1 << 20):
                self.out.file.write(block)
            spool.close()
            self.out.file.write(after)
        self.out.close()


class CollectSink:
    """An output that needs the whole batch at once (the HTML page, a table, one workbook of
    all the tables): the objects are gathered and ``finish`` writes them at the end."""

    def __init__(self, path: Path | None, finish: Callable[[Path | None, list[Any]], None]) -> None:
        self.path = path
        self.finish = finish
        self.objects: list[Any] = []

    def add(self, done: Done) -> None:
        self.objects.extend(done.objects)

    def close(self) -> None:
        self.finish(self.path, self.objects)


class OutputMissing(ValueError):
    """An output that needs a file name and got none (the message is Chinese)."""


def is_folder(out: str | None) -> bool:
    """``-o FOLDER``: an existing folder, or a name ending with a slash (made if missing)."""
    return out is not None and (out.endswith(("/", "\\")) or Path(out).is_dir())


class Names:
    """One output name per document in a folder: the document's name with the output's
    suffix; a name already given gets （2）, （3）…"""

    def __init__(self, folder: Path, suffix: str) -> None:
        self.folder = folder
        self.suffix = suffix
        self.used: set[str] = set()

    def __call__(self, display: str) -> Path:
        stem = Path(display).stem or "输出"
        name, n = f"{stem}{self.suffix}", 1
        while name.lower() in self.used:
            n += 1
            name = f"{stem}（{n}）{self.suffix}"
        self.used.add(name.lower())
        return self.folder / name


def _report(done: Done, console: Console) -> None:
    if done.error is not None:
        console.print(f"错误：{done.error}", markup=False, highlight=False, soft_wrap=True)
        return
    for note in done.warnings:
        console.print(f"警告：{note}", markup=False, highlight=False, soft_wrap=True)
    if not done.tables and not done.warnings:
        console.print(f"警告：文件 {done.display}：未找到可识别的自评表", markup=False, highlight=False, soft_wrap=True)


def _progress(console: Console, total: int, label: str) -> Any:
    """A progress bar on standard error, only where a person watches it (a terminal)."""
    if not console.is_terminal or total < 4:
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    # refreshed by hand as results come, never by a thread of its own: worker processes are
    # forked while the bar is up, and a fork must not copy a thread that may hold a lock
    return Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=console, transient=True, auto_refresh=False)  # fmt: skip


def run_batch(
    paths: list[Path],
    job: Job,
    jobs: int,
    console: Console,
    sink: Callable[[Path | None], Sink],
    out: str | None,
    suffix: str,
    label: str = "处理文档",
    announce: bool = True,
) -> Tally:
    """Every file through ``work``; each result reported and written as it comes.  With
    ``-o FOLDER`` and ``announce``, one closing line says how many files were written."""
    files = document_files(paths)
    warm(job, files)
    if jobs <= 1:
        tune_gc()  # the batch is read in this process
    tasks = (Task(str(p), str(p)) for p in files)
    results = run_ordered(partial(work, job), tasks, jobs, crashed)
    names = None
    whole: Sink | None = None
    if is_folder(out):
        assert out is not None
        Path(out).mkdir(parents=True, exist_ok=True)
        names = Names(Path(out), suffix)
    else:
        whole = sink(None if out is None else Path(out))
    tally = Tally()
    progress = _progress(console, len(files), label)
    with progress or _nothing():
        bar = progress.add_task(label, total=len(files)) if progress else None
        for done in results:
            tally.add(done)
            _report(done, console)
            if done.error is None and whole is not None:
                whole.add(done)
            elif done.error is None and names is not None and done.tables:
                one = sink(names(done.display))
                one.add(done)
                one.close()
                tally.written += 1
            if progress is not None:
                progress.advance(bar)
                progress.refresh()
    if whole is not None:
        whole.close()
    elif announce:
        console.print(f"已写入 {tally.written} 个文件到 {out}", markup=False, highlight=False, soft_wrap=True)
    return tally
