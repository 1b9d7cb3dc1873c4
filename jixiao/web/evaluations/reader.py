"""Reading one uploaded document in a child process with a memory and a time limit.

A hostile file (a sheet whose one cell sits at XFD1048576, an XML bomb, a 2,000-page PDF) can
make a parser allocate gigabytes or run for minutes, and a native library may abort the whole
process.  So the worker never parses in its own process: each file is read and reviewed in a
child forked by the worker's warm ``forkserver`` (``pool``), with ``RLIMIT_AS``
(address space) and ``RLIMIT_CPU`` set, killed at twice the CPU limit of wall-clock time, and
its answer read back as JSON.  The server has imported the readers once, so a file costs its
reading, not a Python start-up (≈ 0.7 s before).  A child serves up to
``JIXIAO_READ_FILES_PER_CHILD`` files (50; 1 gives a fresh child per file) and leaves after any
file that failed, once its resident memory passes ``JIXIAO_READ_RETIRE_MB`` (300), and once its
address space has grown by ``JIXIAO_READ_RETIRE_SHARE`` % (25) of its first file's budget, so what a
hostile file leaves behind never reaches the next one; a file that ran short of memory in a
reused child is read again in a fresh one, so its outcome does not depend on the files before it.
Whatever happens to the child, the file gets one Chinese line naming it as the user named it,
and the worker, the batch and the web server go on.

Limits are settings: ``JIXIAO_READ_MEMORY_MB`` (default 1024) and ``JIXIAO_READ_SECONDS``
(default 60); ``JIXIAO_READ_RECYCLE`` (default 1,000) files per server.  The child imports
nothing of Django.
"""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jixiao.web.evaluations import forkserver, pool

MEMORY_MB = 1024
SECONDS = 60
OUTPUT_LIMIT = 64 << 20  # the child's JSON: a real document's tables are far below this


def memory_mb() -> int:
    text = os.environ.get("JIXIAO_READ_MEMORY_MB", "").strip()
    return int(text) if text.isascii() and text.isdigit() and int(text) > 0 else MEMORY_MB


def seconds() -> int:
    text = os.environ.get("JIXIAO_READ_SECONDS", "").strip()
    return int(text) if text.isascii() and text.isdigit() and int(text) > 0 else SECONDS


@dataclass
class Read:
    """What reading one file gave: ``state`` done or failed, its one line, its tables."""

    state: str
    message: str = ""
    tables: list[dict[str, Any]] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    peak_mb: int = 0  # the child's peak resident memory


def own_name(text: str, stored: Path, display: str) -> str:
    """A message about the stored copy naming the user's file instead (never a server path)."""
    return text.replace(str(stored), display).replace(str(stored.parent), "").replace(stored.name, display)


TARGET = "jixiao.web.evaluations.reader:answer"


def read_limited(stored: Path, display: str) -> Read:
    """Read and review ``stored`` (the user's ``display``) in a limited child process."""
    memory, cpu = memory_mb(), seconds()
    done = pool.run(TARGET, [str(stored), display], memory, cpu, OUTPUT_LIMIT)
    answer = done.answer
    if isinstance(answer, dict) and not (done.timed_out or done.too_big):
        return Read(answer["state"], own_name(answer["message"], stored, display), answer["tables"],
                    [own_name(t, stored, display) for t in answer["unread"]], done.peak_kb >> 10)  # fmt: skip
    return Read("failed", _death(done, display, memory, cpu), peak_mb=done.peak_kb >> 10)


def memory_line(display: str, memory: int) -> str:
    """A file that met the memory limit, wherever it met it (the parser's MemoryError, or the child
    killed by its allocator): one line, naming the limit."""
    return f"文件 {display}：读取所需内存超过 {memory} MB，已停止（文件结构异常，可能是恶意构造的文件）"


def _death(done: pool.Outcome, display: str, memory: int, cpu: int) -> str:
    code = done.code
    if done.lost:
        return f"文件 {display}：读取进程意外终止，已重试一次仍未完成，未能读取"
    if done.too_big:  # before the signals: the server kills a child whose answer is too big
        return f"文件 {display}：识别出的内容过多（超过 {OUTPUT_LIMIT >> 20} MB），未导入"
    if done.timed_out or code in (-signal.SIGXCPU, -signal.SIGKILL):
        return f"文件 {display}：读取超过 {cpu} 秒仍未完成，已停止（文件过大或结构异常）"
    if code == forkserver.MEMORY_ERROR or code in (-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGBUS):
        return memory_line(display, memory)
    return f"文件 {display}：读取时处理进程异常退出（代码 {code}），未导入"


def warm() -> None:
    """In the forkserver, before any child: import every reader and the review with its rule
    sets, so that a child starts reading at once."""
    from jixiao import review, rules  # noqa: F401
    from jixiao.ingest import batch, excel, legacy, pdf, text, webpage, word  # noqa: F401
    from jixiao.model import io  # noqa: F401

    for name in rules.available():  # parsed from TOML once here, not in every child
        rules.get(name)
    _warm_read()


def _warm_read() -> None:
    """One shipped demo evaluation written as the standard .xlsx and read back like an upload,
    so that what the reading path builds lazily on first use (label tables, layouts, compiled
    patterns) exists before the first child is forked.  Only a matter of speed: if it fails,
    each child builds those for itself."""
    import tempfile

    from jixiao.demo import demo_files
    from jixiao.model.io import load_evaluations
    from jixiao.render.outputs import Target, render
    from jixiao.review import review

    try:
        sample = load_evaluations(demo_files()[0])[0]
        with tempfile.TemporaryDirectory(prefix="jixiao-warm-") as folder:
            path = Path(folder) / "warm.xlsx"
            path.write_bytes(render([review(sample)], Target.XLSX))
            answer(str(path), path.name)
    except Exception:
        return


def _tables(stored: Path, display: str) -> dict[str, Any]:
    """In the child: read, review, and describe each table (plain JSON)."""
    from jixiao.ingest.batch import read_one
    from jixiao.model.evaluation import Source
    from jixiao.review import review_all

    outcome = read_one(stored, display)
    named = [ev.model_copy(update={"source": (ev.source or Source()).model_copy(update={"file": display})})
             for ev in outcome.evaluations]  # fmt: skip
    tables = []
    for r, ev in zip(review_all(named), named, strict=True):
        scored = r.evaluation
        tables.append({
            "project": scored.project_name, "year": scored.year,
            "stated": None if scored.total_score_stated is None else str(scored.total_score_stated),
            "computed": None if scored.total_score is None else str(scored.total_score), "grade": scored.grade,
            "errors": r.count("error"), "warnings": r.count("warning"),
            "codes": sorted({f.code.value for f in r.findings}), "data": ev.model_dump(mode="json"),
        })  # fmt: skip
    message = outcome.error or ("" if named else "未找到可识别的自评表")
    return {"state": "failed" if outcome.error else "done", "message": message, "tables": tables,
            "unread": list(outcome.unread)}  # fmt: skip


def answer(stored_name: str, display: str) -> dict[str, Any]:
    """The job run in the forked child: this file's state, line, tables and unread tables."""
    from jixiao.model import limits

    limits.configure(None)  # the limits of the environment the job brought, not the server's
    stored = Path(stored_name)
    try:
        found = _tables(stored, display)
    except MemoryError:
        raise
    except Exception as exc:  # the file's one line; the parent never sees a traceback
        forkserver.retire()
        return {"state": "failed", "message": f"文件 {display}：处理出错（{type(exc).__name__}）", "tables": [],
                "unread": []}  # fmt: skip
    if found["state"] == "failed":  # whatever a file that failed left in this process, the next file starts afresh
        short = _short_of_memory(found["message"])
        if short:
            found["message"] = memory_line(display, memory_mb())
        forkserver.retire(again=short)  # short of memory: read again in a fresh child, if this one was reused
    return found


def _short_of_memory(message: str) -> bool:
    """Whether a file's line says that reading it ran out of memory (the reader's own line for a
    MemoryError), which the heap earlier files left in a reused child may explain."""
    from jixiao.ingest.batch import problem

    return message.endswith(problem(MemoryError()))
