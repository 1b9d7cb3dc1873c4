"""The warm reader pool (issue 16): one forkserver per worker thread, one forked child per file
under its memory and time limits; whatever a child does, only its own job is lost, the server
goes on, and a dead server is replaced."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from jixiao.web.evaluations import forkserver, pool, reader
from tests.conftest import SHARED

SPIN = ("tests.spin",)


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    pool.close_all()
    yield
    pool.close_all()


def run(name: str, *args: str, memory: int = 512, seconds: int = 5, limit: int = 1 << 20) -> pool.Outcome:
    return pool.run(f"tests.spin:{name}", list(args), memory, seconds, limit, preload=SPIN)


def server_pid() -> int:
    (server,) = pool._all  # one job at a time here: one server
    return server.process.pid


def test_jobs_run_in_limited_children_of_one_server(monkeypatch: pytest.MonkeyPatch) -> None:
    first = run("echo", "甲", "b", memory=300, seconds=7)
    server = server_pid()
    monkeypatch.setenv("JIXIAO_SPIN", "设置")  # set after the server started: each job carries JIXIAO_*
    second = run("echo", memory=300)
    assert first.code == 0 and first.answer["args"] == ["甲", "b"]
    assert first.answer["memory"] == 300 and 7 <= first.answer["cpu"] <= 9  # CPU used so far + 7 s
    assert (first.answer["env"], second.answer["env"]) == ("", "设置")
    assert first.answer["pid"] == second.answer["pid"] and server_pid() == server  # the child serves on
    assert first.answer["pid"] not in (os.getpid(), server) and 0 < first.peak_kb < 300 << 10
    assert run("echo", memory=301).answer["pid"] != first.answer["pid"]  # another limit: another child


def test_children_leave_when_told_and_after_their_share(monkeypatch: pytest.MonkeyPatch) -> None:
    left = run("leave")
    assert run("echo").answer["pid"] != left.answer
    monkeypatch.setenv("JIXIAO_READ_FILES_PER_CHILD", "2")
    run("leave")
    pids = [run("echo").answer["pid"] for _ in range(4)]
    assert pids[0] == pids[1] != pids[2] == pids[3]
    monkeypatch.setenv("JIXIAO_READ_FILES_PER_CHILD", "1")
    assert run("echo").answer["pid"] != run("echo").answer["pid"]


def test_each_job_has_its_own_cpu_allowance() -> None:
    pids = [run("burn", "0.6", seconds=1).answer for _ in range(3)]  # 1.8 s in one child, 0.6 s a job
    assert pids[0] == pids[1] == pids[2]
    assert run("forever", seconds=1).code == -signal.SIGXCPU


def test_a_dying_child_costs_only_its_job() -> None:
    before = run("echo").answer["pid"]
    aborted = run("abort")
    server = server_pid()
    assert (aborted.code, aborted.answer, aborted.lost) == (-signal.SIGABRT, None, False)
    after = run("echo", "next").answer
    assert after["args"] == ["next"] and after["pid"] != before and server_pid() == server


def test_memory_time_and_output_limits() -> None:
    swallowed = run("swallow", memory=200)
    assert swallowed.code == forkserver.MEMORY_ERROR and swallowed.peak_kb < 200 << 10
    looped = run("forever", seconds=1)
    assert looped.code == -signal.SIGXCPU and not looped.timed_out
    chatty = run("chatter", limit=1 << 20)
    assert (chatty.too_big, chatty.answer) == (True, None)


def test_a_dead_server_is_replaced_and_servers_are_recycled(monkeypatch: pytest.MonkeyPatch) -> None:
    run("echo")
    dead = server_pid()
    os.kill(dead, signal.SIGKILL)
    os.waitpid(dead, 0)
    assert run("echo", "again").answer["args"] == ["again"] and server_pid() != dead
    monkeypatch.setenv("JIXIAO_READ_RECYCLE", "2")
    run("echo")
    kept = server_pid()
    run("echo")
    assert server_pid() != kept  # the third job of a server asked to serve two


def test_close_all_reaps_every_server() -> None:
    run("echo")
    (server,) = pool._all
    pool.close_all()
    assert server.process.returncode == 0 and not pool._all and not pool._idle


def test_threads_share_idle_servers_and_never_leak_them() -> None:
    import threading

    def job() -> None:
        run("echo")

    for _ in range(5):  # five threads one after another (as a threaded server's requests): one server
        thread = threading.Thread(target=job)
        thread.start()
        thread.join()
    assert len(pool._all) == 1
    gate = threading.Barrier(3)

    def busy() -> None:
        gate.wait()
        run("burn", "0.3")

    threads = [threading.Thread(target=busy) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert 1 < len(pool._all) <= 3 and len(pool._idle) == len(pool._all)  # as many as ran at once


def test_an_upload_reads_as_in_process() -> None:
    (seed,) = (SHARED / "seeds").glob("004_*.txt")
    pooled = reader.read_limited(seed, "四号.txt")
    alone = reader.answer(str(seed), "四号.txt")
    assert (pooled.state, pooled.message, len(pooled.tables)) == ("done", "", 18)
    assert pooled.tables == alone["tables"] and 0 < pooled.peak_mb < reader.memory_mb()


def test_a_hostile_child_is_one_chinese_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(reader, "TARGET", "tests.spin:abort")
    result = reader.read_limited(tmp_path / "x.docx", "三号.docx")
    assert (result.state, result.tables) == ("failed", [])
    assert result.message == "文件 三号.docx：读取所需内存超过 1024 MB，已停止（文件结构异常，可能是恶意构造的文件）"


def _in_a_forked_worker(answers: object) -> None:
    answers.put((pool.run("tests.spin:echo", [], 512, 5, 1 << 20, preload=SPIN).answer["pid"],  # type: ignore[attr-defined]
                 [s.process.pid for s in pool._all]))  # fmt: skip


def test_a_forked_worker_starts_and_reaps_its_own_servers() -> None:
    """huey's process workers are forked: they never share the parent's servers, and reap their own."""
    import multiprocessing

    run("echo")
    parent = server_pid()
    context = multiprocessing.get_context("fork")
    answers = context.Queue()
    worker = context.Process(target=_in_a_forked_worker, args=(answers,))
    worker.start()
    child_pid, (server,) = answers.get(timeout=60)
    worker.join(timeout=60)
    assert worker.exitcode == 0 and server != parent
    with pytest.raises(ChildProcessError):
        os.waitpid(server, os.WNOHANG)  # not ours: the worker reaped it, or it was never our child
    assert not Path(f"/proc/{server}").exists()  # ended with its worker, reaped by it (no zombie left)
    assert run("echo").answer["pid"] != child_pid and server_pid() == parent  # the parent's own still serves


def test_an_answer_too_big_is_named_as_such_not_as_a_time_out() -> None:
    killed_for_size = pool.Outcome(code=-signal.SIGKILL, too_big=True)
    message = reader._death(killed_for_size, "大.xlsx", 1024, 60)
    assert message == f"文件 大.xlsx：识别出的内容过多（超过 {reader.OUTPUT_LIMIT >> 20} MB），未导入"
    timed_out = reader._death(pool.Outcome(code=-signal.SIGKILL, timed_out=True), "慢.xlsx", 1024, 60)
    assert timed_out == "文件 慢.xlsx：读取超过 60 秒仍未完成，已停止（文件过大或结构异常）"


def test_a_retire_in_the_server_is_not_inherited_by_its_children() -> None:
    preload = ("tests.spin", "tests.spin_retired")  # its warm() retires, in the server
    served = [pool.run("tests.spin:echo", [], 512, 5, 1 << 20, preload=preload).answer["pid"] for _ in range(3)]
    assert len(set(served)) == 1  # one child served all three


def _gone(pid: int, timeout: float = 5) -> bool:
    """Whether ``pid`` has ended (exited, perhaps not yet reaped) within ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while True:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return True
        if state in ("Z", "X") or time.monotonic() > end:
            return state in ("Z", "X")
        time.sleep(0.05)


@pytest.fixture
def strays() -> Iterator[list[int]]:
    """Processes a test expects dead: killed at its end whatever it found (nothing outlives a failure)."""
    pids: list[int] = []
    yield pids
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def test_a_child_killed_between_two_jobs_is_replaced_by_its_server() -> None:
    idle = run("echo").answer["pid"]
    server = server_pid()
    os.kill(idle, signal.SIGKILL)  # the OOM killer, say, while the child waits for its next file
    assert _gone(idle)
    after = run("echo", "next")
    assert after.answer["args"] == ["next"] and after.answer["pid"] != idle and not after.lost
    assert server_pid() == server  # the server wrote into a dead pipe: it goes on with a fresh child


def test_what_a_child_started_ends_with_it(tmp_path: Path, strays: list[int]) -> None:
    marker = tmp_path / "sleeper"
    died = run("spawn_then_abort", str(marker))
    strays.append(int(marker.read_text()))
    assert died.code == -signal.SIGABRT and _gone(strays[-1])  # killed with the child's process group
    left = run("spawn_then_leave", str(marker))
    strays.append(int(marker.read_text()))
    assert left.code == 0 and left.answer != strays[-1] and _gone(strays[-1])  # a child that leaves: the same


WORKER = """
import json, signal, sys
from jixiao.web.evaluations import pool
signal.signal(signal.SIGINT, lambda *_: None)  # the worker goes on; Ctrl-C must not take its server
done = pool.run("tests.spin:pause", [sys.argv[1], "2"], 512, 5, 1 << 20, preload=("tests.spin",))
print(json.dumps({"code": done.code, "answer": done.answer, "lost": done.lost}))
"""


def test_a_signal_to_the_workers_group_does_not_reach_its_server(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    marker = tmp_path / "starts"
    root = Path(__file__).resolve().parents[1]
    worker = subprocess.Popen([sys.executable, "-c", WORKER, str(marker)], cwd=root, start_new_session=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env={**os.environ, "PYTHONPATH": str(root)})  # fmt: skip
    try:
        end = time.monotonic() + 60
        while not (marker.exists() and marker.read_text()) and time.monotonic() < end:
            time.sleep(0.05)
        os.killpg(worker.pid, signal.SIGINT)  # the terminal's Ctrl-C: the whole foreground group
        out, err = worker.communicate(timeout=60)
    finally:
        with contextlib.suppress(OSError):
            os.killpg(worker.pid, signal.SIGKILL)
    (started,) = marker.read_text().split()  # the job ran once: its server was not killed under it
    assert json.loads(out) == {"code": 0, "answer": int(started), "lost": False}
    assert worker.returncode == 0 and b"Traceback" not in err


def test_a_server_killed_at_close_takes_its_child_along(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                        strays: list[int]) -> None:  # fmt: skip
    import threading

    monkeypatch.setattr(pool, "SLACK", -82)  # the worker gives up on a silent server 2 s after the job
    monkeypatch.setattr(pool, "CLOSE_WAIT", 1)
    run("echo")
    server, marker = server_pid(), tmp_path / "nap"

    def stop_once_started() -> None:
        while not (marker.exists() and marker.read_text()):
            time.sleep(0.02)
        os.kill(server, signal.SIGSTOP)  # a server that answers nothing and does not exit when closed

    stopper = threading.Thread(target=stop_once_started)
    stopper.start()
    done = run("nap", str(marker), seconds=1)
    stopper.join()
    strays.append(int(marker.read_text()))
    assert _gone(server) and _gone(strays[-1])  # the child, in a session of its own, killed with its server
    assert done.code == 0 and done.answer != strays[-1] and server_pid() != server  # the retry on a fresh server


def test_a_file_has_the_budget_of_a_fresh_child(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = run("hold", "150", memory=300).answer  # 150 of 300 MB kept: the next file would have < 150
    fresh = run("need", "200", memory=300)
    assert (fresh.code, fresh.answer != kept) == (0, True)  # the holder left: its address space grew > 25 %
    monkeypatch.setenv("JIXIAO_READ_RETIRE_SHARE", "100")  # children keep serving, so:
    kept = run("hold", "150", memory=300).answer
    again = run("need", "200", memory=300)  # dies of the limit in the reused child, runs again in a fresh one
    assert (again.code, again.answer != kept) == (0, True)
    kept = run("hold", "150", memory=300).answer
    said = run("need_or_say", "200", memory=300)  # its own line for the MemoryError, with retire(again=True)
    assert said.answer["short"] is False and said.answer["pid"] != kept
    assert run("need", "400", memory=300).code == forkserver.MEMORY_ERROR  # too much even for a fresh child
