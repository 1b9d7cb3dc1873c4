"""A warm, long-lived process that runs jobs in forked children under resource limits.

Starting Python and importing the readers (lxml, pdfplumber, openpyxl, the rule sets) costs
about half a second, far more than reading a real self-evaluation.  So a worker keeps one of
these servers: it imports what the jobs need once (the modules named on its command line, each
module's ``warm()`` called if it has one), freezes that heap out of the collector's sight, then
waits for jobs on its standard input and hands each to a child forked from that warm heap.  The
child

- starts its own session (a timeout kills whatever the child started, e.g. LibreOffice),
- sets ``RLIMIT_AS`` (address space) from the job, and before each job ``RLIMIT_CPU`` to the CPU
  seconds it has used plus the job's allowance,
- takes each job's ``JIXIAO_*`` environment (limits set after the server started still apply),
- calls ``module:function(*args)``, which returns plain JSON data, and writes it back,
- serves at most ``jobs_per_child`` jobs, and leaves after a job whose target called
  ``retire()`` (a file that failed: whatever it left behind is not inherited by the next) or after
  which its resident memory exceeds ``retire_mb``.

The server never parses a document itself: whatever a hostile file does (allocating gigabytes,
looping, a native library aborting) happens in a child, which dies with only that job lost.  The
server kills the child's process group at the job's wall-clock deadline or when its answer is
larger than ``output_limit``, reaps it with ``wait4`` and answers the parent.

Protocol (frames are a 4-byte big-endian length and that many bytes): the parent sends one JSON
frame ``{"target", "args", "memory_mb", "seconds", "deadline", "output_limit", "env",
"jobs_per_child", "retire_mb"}``; the server answers a JSON frame ``{"code", "timed_out",
"too_big", "peak_kb"}`` (``code`` 0: the job answered; else the child's exit status, negative for
a signal) and a frame with the job's JSON answer.  The parent sends the next job only after the
answer.  End of input ends the server (and its child).  This module imports nothing of Django.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import select
import signal
import struct
import sys
import time
from dataclasses import dataclass
from typing import Any

HEADER = struct.Struct(">I")
MEMORY_ERROR = 3  # a child's exit code when a job met its memory limit
FAILED = 4  # a child's exit code when a job raised (a job should not: it returns its failures)
_retiring: list[bool] = []


def retire() -> None:
    """Called by a job in a child: the child leaves after this job (a fresh one serves the next)."""
    _retiring.append(True)


def write_frame(fd: int, data: bytes) -> None:
    view = memoryview(HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def read_exact(fd: int, size: int) -> bytes | None:
    """``size`` bytes from ``fd``, or None at end of input."""
    parts, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def read_frame(fd: int) -> bytes | None:
    head = read_exact(fd, HEADER.size)
    if head is None:
        return None
    return read_exact(fd, HEADER.unpack(head)[0])


def resolve(target: str) -> Any:
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


# --- in the child ------------------------------------------------------------------------------


def _environment(env: dict[str, str]) -> None:
    """The parent's ``JIXIAO_*`` settings as they are now, not as they were at the server's start."""
    for key in [k for k in os.environ if k.startswith("JIXIAO_") and k not in env]:
        del os.environ[key]
    os.environ.update({k: v for k, v in env.items() if k.startswith("JIXIAO_")})


def _cpu_allowance(seconds: int) -> None:
    """``seconds`` more CPU seconds from now: SIGXCPU (which ends the child) past them."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = int(usage.ru_utime + usage.ru_stime) + 1 + seconds
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))


def _serve_jobs(jobs: int, answers: int, first: dict[str, Any]) -> int:
    """The child's loop: one job after another until it leaves; its exit code."""
    import resource

    job, served = first, 0
    _retiring.clear()  # a retire() called in the server itself (its warm-up read) is not this child's
    while True:
        _environment(job.get("env", {}))
        _cpu_allowance(int(job["seconds"]))
        answer = resolve(job["target"])(*job["args"])
        data = json.dumps(answer, ensure_ascii=False).encode()
        served += 1
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        leaving = bool(_retiring) or peak_kb > int(job["retire_mb"]) << 10 or served >= int(job["jobs_per_child"])
        write_frame(answers, json.dumps({"peak_kb": peak_kb, "leaving": leaving}).encode())
        write_frame(answers, data)
        frame = None if leaving else read_frame(jobs)
        if frame is None:
            return 0
        job = json.loads(frame)


def _child(first: dict[str, Any], jobs: int, answers: int, keep: set[int]) -> None:
    """In the forked child: never returns (``os._exit``), whatever happens."""
    code = FAILED
    try:
        import resource

        os.setsid()
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        for fd in keep:
            os.close(fd)
        memory = int(first["memory_mb"]) << 20
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        code = _serve_jobs(jobs, answers, first)
    except MemoryError:
        code = MEMORY_ERROR
    except BaseException:
        code = FAILED
    finally:
        os._exit(code)


# --- in the server -----------------------------------------------------------------------------


@dataclass
class Child:
    pid: int
    jobs: int  # the server writes jobs here
    answers: int  # and reads answers here
    memory_mb: int


def _fork(job: dict[str, Any], control: int, reply: int) -> Child:
    jobs_r, jobs_w = os.pipe()
    answers_r, answers_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        _child(job, jobs_r, answers_w, {jobs_w, answers_r, control, reply})
    os.close(jobs_r)
    os.close(answers_w)
    return Child(pid, jobs_w, answers_r, int(job["memory_mb"]))


def _kill(pid: int) -> None:
    for kill in (os.killpg, os.kill):  # its process group, or at least the child
        with contextlib.suppress(OSError):
            kill(pid, signal.SIGKILL)


def _wait_readable(fd: int, control: int, deadline: float) -> str:
    """"ready", "timeout", or "orphaned" (the parent sends nothing while a job runs: its end)."""
    left = deadline - time.monotonic()
    if left <= 0:
        return "timeout"
    ready, _, _ = select.select([fd, control], [], [], left)
    if control in ready:
        return "orphaned"
    return "ready" if fd in ready else "timeout"


def _read_answer(child: Child, control: int, deadline: float, limit: int) -> tuple[str, dict[str, Any], bytes]:
    """The child's answer to its current job: (how it ended, its header, its answer)."""
    frames: list[bytes] = []
    for _ in range(2):
        head = b""
        while len(head) < HEADER.size:
            state = _wait_readable(child.answers, control, deadline)
            if state != "ready":
                return state, {}, b""
            chunk = os.read(child.answers, HEADER.size - len(head))
            if not chunk:
                return "died", {}, b""
            head += chunk
        size = HEADER.unpack(head)[0]
        if size > limit:
            return "too_big", {}, b""
        body = bytearray()
        while len(body) < size:
            state = _wait_readable(child.answers, control, deadline)
            if state != "ready":
                return state, {}, b""
            chunk = os.read(child.answers, min(size - len(body), 1 << 20))
            if not chunk:
                return "died", {}, b""
            body += chunk
        frames.append(bytes(body))
    return "answered", json.loads(frames[0]), frames[1]


class Server:
    """The server's state: the current child, if one is alive."""

    def __init__(self, control: int, reply: int) -> None:
        self.control, self.reply = control, reply
        self.child: Child | None = None

    def end_child(self, kill: bool) -> tuple[int, int]:
        """Reap the current child (killed first if asked): its exit code and peak memory (KiB)."""
        child, self.child = self.child, None
        if child is None:
            return 0, 0
        if kill:
            _kill(child.pid)
        os.close(child.jobs)
        os.close(child.answers)
        _, status, usage = os.wait4(child.pid, 0)
        return os.waitstatus_to_exitcode(status), usage.ru_maxrss

    def run(self, job: dict[str, Any]) -> tuple[dict[str, Any], bytes, bool]:
        """One job on a live child (forked if needed): the report, the answer, whether to stop."""
        if self.child is not None and self.child.memory_mb != int(job["memory_mb"]):
            self.end_child(kill=True)  # a child keeps the address-space limit it started with
        if self.child is None:
            self.child = _fork(job, self.control, self.reply)
        else:
            write_frame(self.child.jobs, json.dumps(job).encode())
        deadline = time.monotonic() + float(job["deadline"])
        state, head, answer = _read_answer(self.child, self.control, deadline, int(job["output_limit"]))
        if state == "answered":
            if head["leaving"]:
                self.end_child(kill=False)
            return {"code": 0, "timed_out": False, "too_big": False, "peak_kb": head["peak_kb"]}, answer, False
        code, peak_kb = self.end_child(kill=state != "died")
        report = {"code": code, "timed_out": state == "timeout", "too_big": state == "too_big", "peak_kb": peak_kb}
        return report, b"", state == "orphaned"


def warm(modules: list[str]) -> None:
    """Import what the jobs need, let each module prepare (``warm()``), freeze the heap."""
    import gc

    for name in modules:
        module = importlib.import_module(name)
        prepare = getattr(module, "warm", None)
        if callable(prepare):
            prepare()
    gc.collect()
    gc.freeze()  # the children share these pages; the collector never writes to them


def serve(modules: list[str]) -> int:
    control, reply = os.dup(0), os.dup(1)  # the protocol's own descriptors
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)  # a stray print anywhere cannot corrupt the protocol
    warm(modules)
    server = Server(control, reply)
    try:
        while (frame := read_frame(control)) is not None:
            report, answer, orphaned = server.run(json.loads(frame))
            if orphaned:
                return 0
            write_frame(reply, json.dumps(report).encode())
            write_frame(reply, answer)
    finally:
        server.end_child(kill=True)
    return 0


if __name__ == "__main__":  # run the module under its own name, so that ``retire()`` is one and the same
    from jixiao.web.evaluations import forkserver

    sys.exit(forkserver.serve(sys.argv[1:]))
