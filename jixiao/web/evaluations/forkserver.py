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
  ``retire()`` (a file that failed: whatever it left behind is not inherited by the next), after
  which its resident memory exceeds ``retire_mb``, or after which its address space has grown by
  more than ``retire_share`` per cent of what it had for its first job (``RLIMIT_AS`` counts every
  mapped byte: a child that kept what earlier files left would give later ones less than the limit).

A job that a reused child could not finish for want of memory (it died of the limit, or its target
called ``retire(again=True)``) is run once more in a fresh child, and only that answer counts: a
file's outcome never depends on the files read before it.  Whenever a child ends, its whole process
group is killed (what it started in its session, LibreOffice say, does not outlive it).  A child
found dead between two jobs (killed from outside) is replaced; the job goes to a fresh one.

The server never parses a document itself: whatever a hostile file does (allocating gigabytes,
looping, a native library aborting) happens in a child, which dies with only that job lost.  The
server kills the child's process group at the job's wall-clock deadline or when its answer is
larger than ``output_limit``, reaps it with ``wait4`` and answers the parent.

Protocol (frames are a 4-byte big-endian length and that many bytes): the parent sends one JSON
frame ``{"target", "args", "memory_mb", "seconds", "deadline", "output_limit", "env",
"jobs_per_child", "retire_mb", "retire_share"}``; the server answers a JSON frame ``{"code", "timed_out",
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
RETIRE_SHARE = 25  # per cent of a child's first address-space budget that earlier jobs may keep
_retiring: list[bool] = []  # retire() calls in this child; True: run the job again in a fresh child


def retire(again: bool = False) -> None:
    """Called by a job in a child: the child leaves after this job (a fresh one serves the next).
    ``again``: the job failed in a way that what earlier jobs left in this child may explain (it
    ran short of memory); if the child had served jobs before, the server runs this job again in
    a fresh child and answers with that."""
    _retiring.append(again)


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


def address_space_kb() -> int:
    """This process's address space now (``VmSize``, what ``RLIMIT_AS`` counts), KiB; 0 if unknown."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmSize:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _budget_spent(start_kb: int, job: dict[str, Any]) -> bool:
    """Whether this child's address space grew past ``retire_share`` % of the budget it had for
    its first job (the limit less what it was forked with)."""
    now, budget = address_space_kb(), (int(job["memory_mb"]) << 10) - start_kb
    share = int(job.get("retire_share", RETIRE_SHARE))
    return bool(now and start_kb) and budget > 0 and (now - start_kb) * 100 > budget * share


def _serve_jobs(jobs: int, answers: int, first: dict[str, Any]) -> int:
    """The child's loop: one job after another until it leaves; its exit code."""
    import resource

    job, served = first, 0
    _retiring.clear()  # a retire() called in the server itself (its warm-up read) is not this child's
    start_kb = address_space_kb()
    while True:
        _environment(job.get("env", {}))
        _cpu_allowance(int(job["seconds"]))
        answer = resolve(job["target"])(*job["args"])
        data = json.dumps(answer, ensure_ascii=False).encode()
        served += 1
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        leaving = (bool(_retiring) or peak_kb > int(job["retire_mb"]) << 10 or served >= int(job["jobs_per_child"])
                   or _budget_spent(start_kb, job))  # fmt: skip
        head = {"peak_kb": peak_kb, "leaving": leaving, "again": any(_retiring)}
        write_frame(answers, json.dumps(head).encode())
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
    served: int = 0  # jobs it has answered


def _memory_death(code: int) -> bool:
    """A child's exit that running short of address space explains (a native allocator failing
    under ``RLIMIT_AS`` aborts or faults rather than raising)."""
    return code == MEMORY_ERROR or code in (-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGBUS)


def _fork(job: dict[str, Any], control: int, reply: int) -> Child:
    jobs_r, jobs_w = os.pipe()
    answers_r, answers_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        _child(job, jobs_r, answers_w, {jobs_w, answers_r, control, reply})
    os.close(jobs_r)
    os.close(answers_w)
    return Child(pid, jobs_w, answers_r, int(job["memory_mb"]))


def kill_group(pid: int) -> None:
    """SIGKILL to the process group that ``pid`` leads (a child's session), or at least to ``pid``."""
    for kill in (os.killpg, os.kill):
        with contextlib.suppress(OSError):
            kill(pid, signal.SIGKILL)


def _wait_readable(fd: int, control: int, deadline: float) -> str:
    """ "ready", "timeout", or "orphaned" (the parent sends nothing while a job runs: its end)."""
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

    def end_child(self) -> tuple[int, int]:
        """End the current child and its process group (whatever it started in its session), then
        reap it: its exit code and peak memory (KiB).  The group is killed before the reaping, while
        its number cannot belong to anyone else; a child that had already exited keeps its status."""
        child, self.child = self.child, None
        if child is None:
            return 0, 0
        kill_group(child.pid)
        os.close(child.jobs)
        os.close(child.answers)
        _, status, usage = os.wait4(child.pid, 0)
        return os.waitstatus_to_exitcode(status), usage.ru_maxrss

    def _child_for(self, job: dict[str, Any]) -> Child:
        """A live child that has ``job``: the current one if it can take it, else a fresh fork."""
        child = self.child
        if child is not None and child.memory_mb == int(job["memory_mb"]):
            try:
                write_frame(child.jobs, json.dumps(job).encode())
                return child
            except OSError:  # it died between two jobs (killed from outside): a fresh child takes this one
                pass
        if child is not None:  # dead, or started with another address-space limit (a child keeps its own)
            self.end_child()
        self.child = _fork(job, self.control, self.reply)
        return self.child

    def _attempt(self, job: dict[str, Any]) -> tuple[dict[str, Any], bytes, bool, bool]:
        """One try of ``job``: the report, the answer, whether to stop, and whether to try once
        more in a fresh child (a reused child ran short of memory)."""
        child = self._child_for(job)
        reused = child.served > 0
        deadline = time.monotonic() + float(job["deadline"])
        state, head, answer = _read_answer(child, self.control, deadline, int(job["output_limit"]))
        if state == "answered":
            child.served += 1
            again = reused and bool(head.get("again"))
            if head["leaving"] or again:
                self.end_child()
            return {"code": 0, "timed_out": False, "too_big": False, "peak_kb": head["peak_kb"]}, answer, False, again
        code, peak_kb = self.end_child()
        report = {"code": code, "timed_out": state == "timeout", "too_big": state == "too_big", "peak_kb": peak_kb}
        return report, b"", state == "orphaned", reused and state == "died" and _memory_death(code)

    def run(self, job: dict[str, Any]) -> tuple[dict[str, Any], bytes, bool]:
        """One job on a live child (forked if needed): the report, the answer, whether to stop."""
        report, answer, stop, again = self._attempt(job)
        if again and not stop:  # the file's own budget, not what the files before it left
            report, answer, stop, _ = self._attempt(job)
        return report, answer, stop


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
        server.end_child()
    return 0


if __name__ == "__main__":  # run the module under its own name, so that ``retire()`` is one and the same
    from jixiao.web.evaluations import forkserver

    sys.exit(forkserver.serve(sys.argv[1:]))
