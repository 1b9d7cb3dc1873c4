"""Jobs for the reader pool's tests: what a hostile file can make a reader do, done on purpose."""

from __future__ import annotations

import os
import signal


def forever(*args: str) -> None:
    """Never finishes (a parser caught in a loop)."""
    while True:
        pass


def abort(*args: str) -> None:
    """Dies at once (a native library aborting)."""
    os.kill(os.getpid(), signal.SIGABRT)


def swallow(*args: str) -> list[str]:
    """Allocates without bound (an XML bomb), then would answer."""
    held = []
    while True:
        held.append(" " * (1 << 20))


def chatter(*args: str) -> str:
    """Answers more than the parent accepts."""
    return "x" * (2 << 20)


def echo(*args: str) -> dict[str, object]:
    """Answers with what it was given, its process and its limits."""
    import resource

    return {"args": list(args), "pid": os.getpid(), "memory": resource.getrlimit(resource.RLIMIT_AS)[0] >> 20,
            "cpu": resource.getrlimit(resource.RLIMIT_CPU)[0], "env": os.environ.get("JIXIAO_SPIN", "")}  # fmt: skip


def burn(seconds: str) -> int:
    """Uses ``seconds`` of CPU, then answers its process."""
    import time

    end = time.process_time() + float(seconds)
    while time.process_time() < end:
        pass
    return os.getpid()


def leave(*args: str) -> int:
    """Answers, and asks for a fresh child for the next job (as a reader does after a failed file)."""
    from jixiao.web.evaluations import forkserver

    forkserver.retire()
    return os.getpid()
