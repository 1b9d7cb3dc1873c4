"""Reading one uploaded document in a child process with a memory and a time limit.

A hostile file (a sheet whose one cell sits at XFD1048576, an XML bomb, a 2,000-page PDF) can
make a parser allocate gigabytes or run for minutes, and a native library may abort the whole
process.  So the worker never parses in its own process: it starts ``python -m
jixiao.web.evaluations.reader`` for each file with ``RLIMIT_AS`` (address space) and
``RLIMIT_CPU`` set, waits at most twice the CPU limit, and reads the child's JSON.  Whatever
happens to the child, the file gets one Chinese line naming it as the user named it, and the
worker, the batch and the web server go on.

Limits are settings: ``JIXIAO_READ_MEMORY_MB`` (default 1024) and ``JIXIAO_READ_SECONDS``
(default 60).  The child imports nothing of Django.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


def own_name(text: str, stored: Path, display: str) -> str:
    """A message about the stored copy naming the user's file instead (never a server path)."""
    return text.replace(str(stored), display).replace(str(stored.parent), "").replace(stored.name, display)


def _limit(memory: int, cpu: int) -> Any:
    def apply() -> None:  # runs in the child, before Python starts
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory << 20, memory << 20))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
        os.setsid()  # its own process group: a timeout kills whatever it started too

    return apply


def command(stored: Path, display: str) -> list[str]:
    """The child process's command line (this module run as a program)."""
    return [sys.executable, "-m", "jixiao.web.evaluations.reader", str(stored), display]


def read_limited(stored: Path, display: str) -> Read:
    """Read and review ``stored`` (the user's ``display``) in a limited child process."""
    memory, cpu = memory_mb(), seconds()
    try:
        done = subprocess.run(command(stored, display), capture_output=True, timeout=cpu * 2 + 10,
                              preexec_fn=_limit(memory, cpu), env={**os.environ, "PYTHONWARNINGS": "ignore"},
                              check=False)  # fmt: skip
    except subprocess.TimeoutExpired:
        return Read("failed", f"文件 {display}：读取超过 {cpu} 秒仍未完成，已停止（文件过大或结构异常）")
    if done.returncode == 0 and len(done.stdout) <= OUTPUT_LIMIT:
        try:
            answer = json.loads(done.stdout)
        except ValueError:
            answer = None
        if isinstance(answer, dict):
            return Read(answer["state"], own_name(answer["message"], stored, display), answer["tables"],
                        [own_name(t, stored, display) for t in answer["unread"]])  # fmt: skip
    return Read("failed", _death(done, display, memory, cpu))


def _death(done: subprocess.CompletedProcess[bytes], display: str, memory: int, cpu: int) -> str:
    code = done.returncode
    if code in (-signal.SIGXCPU, -signal.SIGKILL):
        return f"文件 {display}：读取超过 {cpu} 秒仍未完成，已停止（文件过大或结构异常）"
    if code == 3 or b"MemoryError" in done.stderr or code in (-signal.SIGABRT, -signal.SIGSEGV, 134, 139):
        return f"文件 {display}：读取所需内存超过 {memory} MB，已停止（文件结构异常，可能是恶意构造的文件）"
    if len(done.stdout) > OUTPUT_LIMIT:
        return f"文件 {display}：识别出的内容过多（超过 {OUTPUT_LIMIT >> 20} MB），未导入"
    return f"文件 {display}：读取时处理进程异常退出（代码 {code}），未导入"


def _child(stored: Path, display: str) -> dict[str, Any]:
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


def main(argv: list[str]) -> int:
    stored, display = Path(argv[0]), argv[1]
    try:
        answer = _child(stored, display)
    except MemoryError:
        return 3
    except Exception as exc:  # the file's one line; the parent never sees a traceback
        answer = {"state": "failed", "message": f"文件 {display}：处理出错（{type(exc).__name__}）", "tables": [],
                  "unread": []}  # fmt: skip
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
