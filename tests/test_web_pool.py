"""The warm reader pool (issue 16): one forkserver per worker thread, one forked child per file
under its memory and time limits; whatever a child does, only its own job is lost, the server
goes on, and a dead server is replaced."""

from __future__ import annotations

import os
import signal
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
