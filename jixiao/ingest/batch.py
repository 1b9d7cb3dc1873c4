"""Reading many documents: folders expanded, each file read on its own so one bad file never
stops a batch, optionally in worker processes (documents are independent).

What crosses a process boundary here is only plain data (strings, numbers, tuples): an
exception object from a parser (lxml's error log, a pdfminer object) may not pickle, so every
failure becomes its Chinese line inside the process where it happened.  Results come back in
the order of the files, a bounded number of files ahead of the reader, so a batch of any size
runs in the same memory; a worker that dies (a native library aborting on a hostile file)
costs only the file it was reading.
"""

from __future__ import annotations

import errno
import os
import sys
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from pathlib import Path
from typing import NamedTuple, TypeVar

from jixiao.ingest.errors import IngestError
from jixiao.ingest.regions import UnreadTable
from jixiao.model.evaluation import Evaluation
from jixiao.model.io import InputError

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 4
"""Files handed to a worker at a time: enough to pay for the hand-over, few enough that the
workers stay evenly loaded at the end of a batch."""
AHEAD = 4
"""Chunks in flight per worker: the reader never runs further ahead of the writer, which keeps
memory flat however many files there are."""
RECYCLE = 500
"""Files a worker reads before it is replaced by a fresh one: the readers' and parsers' caches
(bounded, but large once full) and anything a library keeps are given back, so a worker's
memory and its cost per table stay those of a small batch however long the batch runs.
``JIXIAO_RECYCLE`` overrides it (0: never), for measuring.  Measured (10,000 tables, import
--jobs 2): a fresh pair every 50 files costs no CPU that shows (45.6 against 46.3 CPU s without
recycling) and halves the peak of a worker (78 against 143 MB)."""
WORKER_MEMORY = 4 << 30
"""Address space a worker process may use (bytes): far above what a real table needs (well
under 200 MB), low enough that a hostile file meets a MemoryError — or kills only its worker
— long before the machine runs short.  ``JIXIAO_WORKER_MEMORY_MB`` overrides it; 0 lifts it."""
GC_THRESHOLD = (20_000, 50, 100)
"""The collector's thresholds while a batch runs: reading a table allocates tens of thousands of
small objects that die young and form no cycles, so collecting every 700 allocations (Python's
default) only walks them in vain; measured ~15 % less CPU per table."""
CRASHED = "处理时进程异常终止（文件可能损坏或超出资源限制）"


class Outcome(NamedTuple):
    """One file read: what it held, the Chinese error line if it could not be read, and the
    warnings (tables recognised by their title but not read)."""

    path: Path
    evaluations: list[Evaluation]
    error: str | None = None
    unread: tuple[str, ...] = ()


def default_jobs() -> int:
    """Worker processes when none are asked for: one per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def document_files(paths: Sequence[Path]) -> list[Path]:
    """Files named, and the readable files inside folders named (recursively, sorted)."""
    from jixiao.ingest import DOCUMENTS

    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in DOCUMENTS and p.is_file()))
        else:
            out.append(path)
    return out


_READERS = {".txt": "text", ".text": "text", "": "text", ".docx": "word", ".doc": "legacy", ".xlsx": "excel",
            ".xlsm": "excel", ".xls": "excel", ".html": "webpage", ".htm": "webpage", ".pdf": "pdf"}  # fmt: skip
"""The module of ``jixiao.ingest`` that reads each document format (as ``jixiao.ingest.read`` picks it)."""


def preload(files: Iterable[Path]) -> None:
    """Import the readers of the formats among ``files`` and load the layout catalogue in this
    process, before workers are forked from it: each worker then starts reading at once instead
    of importing and parsing the same modules and TOML files for itself (again for every fresh
    pool a long batch starts)."""
    import importlib

    from jixiao.ingest.layouts import catalogue

    for module in sorted({_READERS[p.suffix.lower()] for p in files if p.suffix.lower() in _READERS}):
        importlib.import_module(f"jixiao.ingest.{module}")
    catalogue()


_OS_ERRORS = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.EISDIR: "是文件夹，不是文件",
    errno.ENAMETOOLONG: "文件名过长",
    errno.ELOOP: "符号链接循环",
    errno.ENOSPC: "磁盘空间不足",
    errno.EMFILE: "打开的文件过多",
}


def _named(exc: BaseException, *names: str) -> bool:
    return any(k.__name__ in names for k in type(exc).__mro__)


def problem(exc: BaseException) -> str:
    """What went wrong, in Chinese, without the file name: the message of our own errors, a
    plain description of the rest (never the library's English text or a traceback)."""
    if isinstance(exc, IngestError):
        return exc.message
    if isinstance(exc, InputError):
        return f"{exc.where} {exc.message}" if exc.where else exc.message
    if type(exc).__module__.startswith("jixiao."):
        return str(exc)  # our own errors are written in Chinese for the user
    if isinstance(exc, RecursionError):
        return "内容嵌套层次过深，无法读取"
    if isinstance(exc, MemoryError):
        return "内容过大，读取所需内存超出限制"
    if _named(exc, "BadZipFile", "LargeZipFile", "error") and type(exc).__module__ in {"zipfile", "zlib"}:
        return "压缩内容已损坏，无法解开"
    if _named(exc, "XMLSyntaxError", "ParseError", "ExpatError", "XMLSchemaError"):
        return "文件中的 XML 内容已损坏"
    if isinstance(exc, UnicodeError):
        return "文字编码无法识别"
    if isinstance(exc, OSError):
        return f"无法读取（{_OS_ERRORS.get(exc.errno or 0, f'系统错误 {exc.errno}')}）"
    return f"无法处理，文件可能已损坏（{type(exc).__name__}）"


def failure(display: str | Path, exc: BaseException, stage: str = "") -> str:
    """The one line of a file that failed: the file as the user named it, then the problem."""
    return f"文件 {display}：{stage}{problem(exc)}"


def read_one(path: Path, display: str | Path | None = None) -> Outcome:
    """One file, never raising: any failure is its Chinese line."""
    from jixiao.ingest import read

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UnreadTable)
        try:
            found = read(path)
        except BaseException as exc:  # every failure of one file is that file's line, whatever it is
            if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
                raise
            return Outcome(path, [], failure(path if display is None else display, exc))
    return Outcome(path, found, None, tuple(str(w.message) for w in caught if issubclass(w.category, UnreadTable)))


def worker_memory() -> int:
    """The worker's memory limit in bytes (0: none), from the setting or its override."""
    override = os.environ.get("JIXIAO_WORKER_MEMORY_MB", "").strip()
    return int(override) << 20 if override.isdigit() else WORKER_MEMORY


def recycle() -> int:
    """Files a worker reads before it is replaced (``RECYCLE`` or its override; 0: never)."""
    override = os.environ.get("JIXIAO_RECYCLE", "").strip()
    value = int(override) if override.isdigit() else RECYCLE
    return value or sys.maxsize


def tune_gc() -> None:
    """A process that reads a batch: what exists now (modules, rule sets) is frozen out of the
    collector's sight and it collects less often (``GC_THRESHOLD``)."""
    import gc

    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


def _quiet() -> None:
    """Set up a worker: its own standard error goes nowhere (what it has to say travels back as
    results, and a native library dying on a hostile file must not print its backtrace to the
    user), and its address space is limited."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    tune_gc()
    limit = worker_memory()
    if limit:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def _pool(jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, initializer=_quiet)


def _chunk_call(func: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [func(item) for item in chunk]


def _alone(func: Callable[[T], R], item: T, crashed: Callable[[T], R]) -> R:
    """One item in a fresh process of its own, after a worker died: if this one dies too, the
    item was the cause and gets the crash line."""
    with _pool(1) as pool:
        try:
            return pool.submit(func, item).result()
        except BrokenProcessPool:
            return crashed(item)


def run_ordered(
    func: Callable[[T], R], items: Iterable[T], jobs: int, crashed: Callable[[T], R], chunk: int = CHUNK
) -> Iterator[R]:
    """``func`` over ``items`` in ``jobs`` processes, results in the order of the items.

    ``func`` must not raise (it turns its failures into results) and must return plain,
    picklable data.  ``crashed(item)`` stands for the result of an item whose process died.
    """
    import multiprocessing

    if jobs <= 1 or multiprocessing.current_process().daemon:  # a daemonic worker may not fork workers
        yield from map(func, items)
        return
    source = iter(items)
    pools = [_pool(jobs)]
    given, every = 0, recycle()
    pending: deque[tuple[list[T], Future[list[R]]]] = deque()
    try:
        while True:
            while len(pending) < jobs * AHEAD and (part := list(islice(source, chunk))):
                if given >= jobs * every:  # fresh workers; the old ones finish their queue and exit
                    pools[-1].shutdown(wait=False)
                    pools.append(_pool(jobs))
                    given = 0
                pending.append((part, pools[-1].submit(_chunk_call, func, part)))
                given += len(part)
            if not pending:
                break
            part, future = pending.popleft()
            try:
                yield from future.result()
            except BrokenProcessPool:
                # the pool is lost with every chunk in it: each of those items again, alone
                lost = [part, *(p for p, _ in pending)]
                pending.clear()
                pools[-1].shutdown(wait=False, cancel_futures=True)
                for item in (i for p in lost for i in p):
                    yield _alone(func, item, crashed)
                pools.append(_pool(jobs))
                given = 0
        for pool in pools:  # all done: the workers are joined here, not at interpreter exit
            pool.shutdown(wait=True)
    finally:
        for pool in pools:
            pool.shutdown(wait=False, cancel_futures=True)


def read_all(files: list[Path], jobs: int = 1) -> Iterator[Outcome]:
    """Files in order, read in ``jobs`` processes when asked."""
    yield from run_ordered(read_one, files, jobs, lambda path: Outcome(path, [], f"文件 {path}：{CRASHED}"))
