"""The worker's side of the warm reader: ``forkserver`` processes, one per job running at once.

``run(target, args, memory_mb, seconds)`` hands a job to an idle server (started when none is
idle, with the target's module imported and warmed; a huey consumer with two worker threads
keeps two) and returns what became of it: the child's
exit code, whether it ran out of time or wrote too much, its peak memory, its JSON answer.  The
server is replaced after ``JIXIAO_READ_RECYCLE`` jobs (default 1,000) and whenever it is found
dead; a job whose server died under it is given to a fresh server once, then reported as lost.
Every server is ended and reaped when the worker exits (``close_all``), so a worker's resource
accounting (``wait4``) includes its servers and their children.

A server runs in a session of its own: a signal to the worker's process group (Ctrl-C, a
deploy's SIGINT) does not kill it in the middle of a job, which would then run again while the
worker shuts down; it sees the worker's end as the end of its input.  A server that does not
exit within ``CLOSE_WAIT`` seconds of being closed is killed, and its reading child (in a session
of its own too) with it.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import multiprocessing.util
import os
import select
import subprocess
import sys
import threading
from dataclasses import dataclass
from typing import Any

from jixiao.web.evaluations import forkserver

RECYCLE = 1000  # jobs a server serves before a fresh one replaces it
JOBS_PER_CHILD = 50  # jobs a forked child serves before it leaves (1: a fresh child for every job)
RETIRE_MB = 300  # a child whose resident memory passed this leaves after its job
SLACK = 30  # seconds the worker waits past a job's deadline before it gives up on the server itself
CLOSE_WAIT = 10  # seconds a closed server has to exit before it is killed
SERVER_TRIES = 2  # servers a job is given to: a fresh one once, when the first died under it
START_UP = 60  # seconds allowed for a fresh server to start and import the target's modules


def _setting(name: str, default: int) -> int:
    text = os.environ.get(name, "").strip()
    return int(text) if text.isascii() and text.isdigit() and int(text) > 0 else default


def deadline(seconds: int) -> int:
    """Wall-clock seconds a child has for a job of ``seconds`` CPU seconds before it is killed."""
    return seconds * 2 + 10


def wait_for(job: dict[str, Any]) -> float:
    """Seconds the worker waits for a server's answer to ``job``: twice its deadline (the server
    runs it a second time in a fresh child when a reused one ran short of memory), and slack."""
    return 2 * float(job["deadline"]) + SLACK + 60


def worst_case(seconds: int) -> float:
    """The longest ``run`` of a job of ``seconds`` CPU seconds can legitimately take: each of its
    ``SERVER_TRIES`` servers started, waited for (``wait_for``) and closed.  A file still running
    after this is lost (``recovery.stale_after`` is computed from it)."""
    return SERVER_TRIES * (START_UP + wait_for({"deadline": deadline(seconds)}) + CLOSE_WAIT)


def recycle_after() -> int:
    return _setting("JIXIAO_READ_RECYCLE", RECYCLE)


@dataclass
class Outcome:
    """One job: the child's exit code (negative: killed by that signal), the limits it met, its
    peak resident memory (KiB), its answer (None unless it exited normally with valid JSON)."""

    code: int
    timed_out: bool = False
    too_big: bool = False
    peak_kb: int = 0
    answer: Any = None
    lost: bool = False  # the server itself died twice with this job: nothing is known of it


class ServerGone(Exception):
    """The server process ended or stopped answering."""


class Server:
    """One forkserver process and the jobs it has served."""

    def __init__(self, modules: tuple[str, ...]) -> None:
        self.modules = modules
        self.served = 0
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jixiao.web.evaluations.forkserver", *modules],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, close_fds=True, start_new_session=True,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )  # fmt: skip

    def run(self, job: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.served += 1
        try:
            forkserver.write_frame(self.process.stdin.fileno(), json.dumps(job).encode())
            out = self.process.stdout.fileno()
            ready, _, _ = select.select([out], [], [], wait_for(job))
            if not ready:
                raise ServerGone
            report, output = forkserver.read_frame(out), forkserver.read_frame(out)
        except OSError as exc:
            raise ServerGone from exc
        if report is None or output is None:
            raise ServerGone
        return json.loads(report), output

    def close(self) -> None:
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
        try:
            self.process.wait(timeout=CLOSE_WAIT)
        except subprocess.TimeoutExpired:  # stuck: its child first (its own session), while still listed as its
            for pid in _children(self.process.pid):
                forkserver.kill_group(pid)
            self.process.kill()
            self.process.wait()


def _children(pid: int) -> list[int]:
    """The processes ``pid`` has started and not yet reaped (Linux ``/proc``; none elsewhere)."""
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in os.scandir(f"/proc/{pid}/task"):
            with contextlib.suppress(OSError, ValueError), open(f"{task.path}/children") as listed:
                found += [int(n) for n in listed.read().split()]
    return found


_idle: list[Server] = []  # servers between two jobs, taken by whichever thread needs one
_all: set[Server] = set()
_lock = threading.Lock()
_registered: list[bool] = []


def _acquire(modules: tuple[str, ...]) -> Server:
    """An idle server with these modules (a fresh one if none, or if it is spent or dead)."""
    with _lock:
        server = next((s for s in reversed(_idle) if s.modules == modules), None)
        if server is not None:
            _idle.remove(server)
    if server is not None and (server.served >= recycle_after() or server.process.poll() is not None):
        _retire(server)
        server = None
    if server is None:
        server = Server(modules)
        with _lock:
            if not _registered:  # once per process, when its first server starts (nothing at import)
                atexit.register(close_all)
                multiprocessing.util.Finalize(None, close_all, exitpriority=10)  # a huey process worker's exit
                os.register_at_fork(after_in_child=_forget_after_fork)
                _registered.append(True)
            _all.add(server)
    return server


def _forget_after_fork() -> None:
    """In a process forked from one with servers (huey's process workers): those servers are the
    parent's.  The child closes its copies of their pipes (so that a server still sees its own
    parent go) and starts servers of its own."""
    global _lock
    for server in list(_all):
        for stream in (server.process.stdin, server.process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
    _all.clear()
    _idle.clear()
    _registered.clear()
    _lock = threading.Lock()


def _release(server: Server) -> None:
    with _lock:
        if server in _all:
            _idle.append(server)


def _retire(server: Server) -> None:
    with _lock:
        _all.discard(server)
    server.close()


def run(target: str, args: list[str], memory_mb: int, seconds: int, output_limit: int,
        preload: tuple[str, ...] = ()) -> Outcome:  # fmt: skip
    """Run ``target`` (``module:function``) on ``args`` in a limited child of an idle server."""
    job = {"target": target, "args": args, "memory_mb": memory_mb, "seconds": seconds, "deadline": deadline(seconds),
           "output_limit": output_limit, "env": {k: v for k, v in os.environ.items() if k.startswith("JIXIAO_")},
           "jobs_per_child": _setting("JIXIAO_READ_FILES_PER_CHILD", JOBS_PER_CHILD),
           "retire_mb": _setting("JIXIAO_READ_RETIRE_MB", RETIRE_MB),
           "retire_share": min(100, _setting("JIXIAO_READ_RETIRE_SHARE", forkserver.RETIRE_SHARE))}  # fmt: skip
    modules = preload or (target.partition(":")[0],)
    for _ in range(SERVER_TRIES):
        server = _acquire(modules)
        try:
            report, output = server.run(job)
        except ServerGone:
            _retire(server)
            continue
        except BaseException:  # interrupted mid-job (a worker told to stop): the server's state is unknown
            _retire(server)
            raise
        _release(server)
        answer = None
        if report["code"] == 0 and output:
            try:
                answer = json.loads(output)
            except ValueError:
                answer = None
        return Outcome(report["code"], report["timed_out"], report["too_big"], report["peak_kb"], answer)
    return Outcome(-9, lost=True)


def close_all() -> None:
    """End every server of this process (their jobs done) and reap them."""
    with _lock:
        servers = list(_all)
        _all.clear()
        _idle.clear()
    for server in servers:
        server.close()
