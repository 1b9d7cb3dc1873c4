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


def nap(marker: str) -> int:
    """The first time (``marker`` absent): notes its process there and sleeps a minute, using no
    CPU (a reader blocked on something); afterwards answers at once."""
    import time
    from pathlib import Path

    if Path(marker).exists():
        return os.getpid()
    Path(marker).write_text(str(os.getpid()))
    time.sleep(60)
    return os.getpid()


def _start_sleeper(marker: str) -> None:
    """A process started in the child's session (as LibreOffice is), its pid noted in ``marker``."""
    import subprocess
    from pathlib import Path

    sleeper = subprocess.Popen(["sleep", "300"])
    Path(marker).write_text(str(sleeper.pid))


def spawn_then_abort(marker: str) -> None:
    """Starts a process, then dies (a converter running when the child is killed)."""
    _start_sleeper(marker)
    abort()


def spawn_then_leave(marker: str) -> int:
    """Starts a process, answers and asks for a fresh child."""
    from jixiao.web.evaluations import forkserver

    _start_sleeper(marker)
    forkserver.retire()
    return os.getpid()


_kept: list[bytearray] = []


def hold(megabytes: str) -> int:
    """Keeps ``megabytes`` of address space for the rest of the child's life (what a parse may
    leave behind: caches, a fragmented heap)."""
    _kept.append(bytearray(int(megabytes) << 20))
    return os.getpid()


def need(megabytes: str) -> int:
    """Needs ``megabytes`` at once, then gives them back (a file that a fresh child can read)."""
    block = bytearray(int(megabytes) << 20)
    del block
    return os.getpid()


def need_or_say(megabytes: str) -> dict[str, object]:
    """As ``need``, but a MemoryError is its own answer (as the reader's line for it is), with
    ``retire(again=True)``."""
    from jixiao.web.evaluations import forkserver

    try:
        need(megabytes)
    except MemoryError:
        forkserver.retire(again=True)
        return {"pid": os.getpid(), "short": True}
    return {"pid": os.getpid(), "short": False}


def pause(marker: str, seconds: str) -> int:
    """Notes each start in ``marker`` (one line), then sleeps ``seconds`` and answers."""
    import time

    with open(marker, "a") as starts:
        starts.write(f"{os.getpid()}\n")
    time.sleep(float(seconds))
    return os.getpid()
