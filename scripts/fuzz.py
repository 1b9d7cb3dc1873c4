"""make fuzz: thousands of hostile files through ``jixiao import`` and ``jixiao review``.

The files come from ``tests/hostile.py`` (the named attacks, then valid documents of every
format damaged at random).  They go through the CLI as a user's batch does: in batches of
``--batch`` files per command, each command a subprocess with a memory limit (RLIMIT_AS) and a
CPU-time limit (RLIMIT_CPU), and a wall-clock limit after which it is killed.  A batch that
dies, hangs or prints a traceback is run again one file at a time, so each fault is put on
its file.  The report counts, per command: files, tracebacks (must be 0), hangs past the
limit, processes killed or aborted, the peak memory of any process (≤ the limit), and every
failure checked to be one Chinese line naming its file; a file neither read nor named is
"unaccounted".  Lines the CLI writes for an unexpected exception inside a reader
(``无法处理，文件可能已损坏（…）``) are counted apart as "unhandled": not a traceback, but a
reader that did not say what was wrong.

The same files then go through the web application as ``make run`` serves it (gunicorn and a
``manage.py run_huey`` worker on a fresh SQLite database, ``tests/serving.py``): uploaded for
import at ``/evaluations/upload/`` by a unit's user (the upload view; the confirmation page read
back) and for review at ``/evaluations/batch/`` by a finance reviewer (the batch worker; the
batch page read back), ``--batch`` files per request.  Counted per path: HTTP 500s and
tracebacks in the servers' logs, batches not finished within their time, files neither read
nor named by one Chinese line on the page (``文件 <the user's name>：…``), the reader's catch-all
(``处理出错``), the peak memory of every reading process (``peak_mb``) and of the server and
worker trees (wait4).

    .venv/bin/python scripts/fuzz.py --count 2000
    .venv/bin/python scripts/fuzz.py --count 40 --keep /tmp/hostile   # keep the files to look at
    .venv/bin/python scripts/fuzz.py --count 200 --paths upload,batch   # only the web paths
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile import Hostile, generate  # noqa: E402

JIXIAO = Path(sys.executable).with_name("jixiao")
_CJK = re.compile(r"[\u4e00-\u9fff]")
UNHANDLED = "无法处理，文件可能已损坏（"


@dataclass
class Run:
    """One command over some files: how it ended and what it printed."""

    files: list[Path]
    returncode: int | None
    stderr: str
    seconds: float
    peak_kb: int
    hung: bool = False

    @property
    def died(self) -> bool:
        return self.hung or self.returncode is None or self.returncode < 0 or self.returncode > 2

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stderr


@dataclass
class Tally:
    files: int = 0
    runs: int = 0
    tracebacks: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    died: list[str] = field(default_factory=list)
    unaccounted: list[str] = field(default_factory=list)
    bad_lines: list[str] = field(default_factory=list)
    unhandled: list[str] = field(default_factory=list)
    failures: int = 0
    peak_kb: int = 0
    slowest: float = 0.0
    seconds: float = 0.0
    server_peak_kb: dict[str, int] = field(default_factory=dict)


def _limits(memory_mb: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    os.setsid()  # its own process group, so a kill takes its workers too


def run(command: list[str], files: list[Path], out: Path, args: argparse.Namespace) -> Run:
    """The command over ``files`` under the limits; its peak memory from the kernel (wait4)."""
    limit = args.timeout * max(1, len(files) // 4)
    env = {**os.environ, "JIXIAO_DEBUG": "", "COLUMNS": "200"}
    start = time.perf_counter()
    with open(os.devnull, "wb") as devnull, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [*command, *map(str, files), "-o", str(out), "--jobs", "1"],
            stdout=devnull,
            stderr=err,
            env=env,
            preexec_fn=lambda: _limits(args.memory, limit),
        )
        hung = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > limit:
                hung = True
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return Run(files, proc.returncode, text, time.perf_counter() - start, usage.ru_maxrss, hung)


def _read_files(out: Path, command: str) -> set[str]:
    """Names of the files the command's output holds tables of."""
    if not out.exists():
        return set()
    text = out.read_text(encoding="utf-8", errors="replace")
    if command == "import":
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    else:
        try:
            rows = json.loads(text).get("evaluations", [])
        except (json.JSONDecodeError, AttributeError):
            return set()
    return {(row.get("source") or {}).get("file") or "" for row in rows}


def check(run_: Run, command: str, out: Path, tally: Tally) -> None:
    """Every file read or named by one Chinese line; faults put on their file."""
    tally.runs += 1
    tally.peak_kb = max(tally.peak_kb, run_.peak_kb)
    tally.slowest = max(tally.slowest, run_.seconds / max(1, len(run_.files)))
    where = " ".join(p.name for p in run_.files) if len(run_.files) == 1 else ""
    if run_.traceback:
        tally.tracebacks.append(where or "（批量）")
    if run_.hung:
        tally.hangs.append(where or "（批量）")
    elif run_.died:
        tally.died.append(f"{where}（退出码 {run_.returncode}）")
    read = _read_files(out, command)
    lines = [line for line in run_.stderr.splitlines() if line.startswith(("错误：", "警告："))]
    for path in run_.files:
        names = (f"文件 {path}：", f"文件 {path} ", f"文件 {path.name}：")  # warnings name the file by its name
        named = [line for line in lines if any(n in line for n in names)]
        errors = [line for line in named if line.startswith("错误：")]
        if errors:
            tally.failures += 1
            if len(errors) != 1 or not _CJK.search(errors[0].split(str(path), 1)[1]):
                tally.bad_lines.append(errors[0] if errors else path.name)
            if UNHANDLED in errors[0]:
                tally.unhandled.append(f"{path.name}：{errors[0].split('：', 2)[-1]}")
        elif path.name not in read and not named and not run_.died and path.suffix != ".json":
            tally.unaccounted.append(path.name)  # (a JSON file's tables keep the file name they were read from)


def batches(files: list[Path], size: int) -> Iterator[list[Path]]:
    for k in range(0, len(files), size):
        yield files[k : k + size]


def one_command(name: str, files: list[Path], work: Path, args: argparse.Namespace) -> Tally:
    extra = ["--format", "jsonl"] if name == "import" else ["--format", "json"]
    command = [str(JIXIAO), name, *extra]
    tally = Tally(files=len(files))

    def go(k_batch: tuple[int, list[Path]]) -> list[tuple[Run, Path]]:
        k, batch = k_batch
        out = work / f"{name}{k}.out"
        first = run(command, batch, out, args)
        if not (first.died or first.traceback) or len(batch) == 1:
            return [(first, out)]
        alone = []
        for n, path in enumerate(batch):  # the batch failed as a whole: find the file
            single = work / f"{name}{k}_{n}.out"
            alone.append((run(command, [path], single, args), single))
        return alone

    with ThreadPoolExecutor(max_workers=args.parallel) as pool:
        for results in pool.map(go, enumerate(batches(files, args.batch))):
            for run_, out in results:
                check(run_, name, out, tally)
    return tally


def report(name: str, tally: Tally, memory_mb: int) -> list[str]:
    where = "jixiao " if name in ("import", "review") else "网页 "
    lines = [
        f"{where}{name}：{tally.files} 个文件，{tally.runs} 次运行；失败（一行中文）{tally.failures} 个；"
        f"回溯 {len(tally.tracebacks)}；超时 {len(tally.hangs)}；异常退出 {len(tally.died)}；"
        f"未说明 {len(tally.unaccounted)}；格式不符 {len(tally.bad_lines)}；未识别的异常 {len(tally.unhandled)}；"
        f"进程内存峰值 {tally.peak_kb / 1024:,.0f} MB（上限 {memory_mb:,} MB）；最慢 {tally.slowest:.1f} 秒/文件"
    ]
    for label, items in (("回溯", tally.tracebacks), ("超时", tally.hangs), ("异常退出", tally.died),
                         ("未说明", tally.unaccounted), ("格式不符", tally.bad_lines),
                         ("未识别的异常", tally.unhandled)):  # fmt: skip
        lines += [f"  {label}：{item}" for item in items[:20]]
    return lines


# --- the web paths: the upload view and the batch worker -----------------------------------

WEB_PATHS = {"upload": ("danwei", "/evaluations/upload/"), "batch": ("caizheng", "/evaluations/batch/")}
CATCH_ALL = "处理出错（"  # the reading child's line for an exception no reader named


def _rows(data: Path, batch: int) -> tuple[bool, list[tuple[str, str, str, dict[str, object]]]]:
    """The batch finished?  And its files: (the user's name, state, message, result)."""
    with sqlite3.connect(f"file:{data / 'jixiao.sqlite3'}?mode=ro", uri=True, timeout=60) as db:
        (finished,) = db.execute("select finished_at from evaluations_batch where id = ?", (batch,)).fetchone()
        rows = db.execute("select name, state, message, result from evaluations_batchfile where batch_id = ? "
                          "order by id", (batch,)).fetchall()  # fmt: skip
    return finished is not None, [(n, s, m or "", json.loads(r) if r else {}) for n, s, m, r in rows]


def _check_file(path: Path, rows: dict[str, tuple[str, str, dict[str, object]]], page: str, tally: Tally) -> None:
    """One file of a web batch: read, or named by one Chinese line the user sees."""
    name = path.name
    if name not in rows:  # refused at the door (size, format): the line is on the next page
        if f"文件 {html.escape(name)}：" in page:
            tally.failures += 1
        else:
            tally.unaccounted.append(name)
        return
    state, message, result = rows[name]
    tally.peak_kb = max(tally.peak_kb, int(result.get("peak_mb", 0) or 0) << 10)  # type: ignore[call-overload]
    if state == "done" and result.get("tables"):
        return
    if state not in ("done", "failed"):
        tally.hangs.append(name)
        return
    tally.failures += 1
    shown = message if message.startswith("文件 ") else f"文件 {name}：{message or '未找到可识别的自评表'}"
    lines_ok = "\n" not in message and shown.startswith(f"文件 {name}：") and _CJK.search(shown[len(name) + 4 :])
    if not lines_ok:
        tally.bad_lines.append(f"{name}：{message}")
    if CATCH_ALL in message:
        tally.unhandled.append(f"{name}：{message}")
    if html.escape(message or "未找到可识别的自评表") not in page:
        tally.unaccounted.append(f"{name}（页面未显示）")


def _web_batch(
    base: str, data: Path, path_name: str, files: list[Path], tally: Tally, args: argparse.Namespace
) -> None:
    from tests.serving import Browser

    user, url = WEB_PATHS[path_name]
    b = Browser(base)
    b.login(user)
    tally.runs += 1
    start = time.perf_counter()
    posted = b.upload(url, [(f.name, f.read_bytes()) for f in files])
    if posted.status != 302:
        tally.tracebacks.append(f"（上传 HTTP {posted.status}）")
        return
    location = posted.headers["Location"]
    first = b.request(location)
    found = re.search(r"/(\d+)/$", location)
    if found is None:  # nothing accepted: every file's line is on this page
        for f in files:
            _check_file(f, {}, first.body, tally)
        return
    pk, deadline = int(found.group(1)), start + args.timeout * len(files) + 60
    finished, rows = _rows(data, pk)
    while not finished and time.perf_counter() < deadline:
        time.sleep(1)
        if b.request(location).status >= 500:  # polled as the page polls (recovering lost files)
            tally.tracebacks.append(f"（进度页 HTTP 500，批次 {pk}）")
        finished, rows = _rows(data, pk)
    page = b.request(location, timeout=300)
    if page.status >= 500:
        tally.tracebacks.append(f"（结果页 HTTP {page.status}，批次 {pk}）")
    tally.slowest = max(tally.slowest, (time.perf_counter() - start) / len(files))
    by_name = {n: (s, m, r) for n, s, m, r in rows}
    for f in files:
        _check_file(f, by_name, first.body + page.body, tally)


def web_paths(files: list[Path], work: Path, names: list[str], args: argparse.Namespace) -> dict[str, Tally]:
    """The files through the upload view and the batch worker of a served application."""
    from tests.serving import served

    data, logs = work / "site", work / "logs"
    data.mkdir()
    logs.mkdir()
    tallies = {name: Tally(files=len(files)) for name in names}
    with served(data, log=logs) as base:
        for name in names:
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.parallel) as pool:
                list(pool.map(lambda batch, n=name: _web_batch(base, data, n, batch, tallies[n], args),
                              batches(files, args.batch)))  # fmt: skip
            tallies[name].seconds = time.perf_counter() - started
    for tally in tallies.values():
        tally.server_peak_kb = dict(base.peak_kb)
    for log in logs.iterdir():
        text = log.read_text(encoding="utf-8", errors="replace")
        count = text.count("Traceback (most recent call last)")
        for tally in tallies.values():
            tally.tracebacks += [f"（{log.name} 中的回溯）"] * count
            break  # a server's traceback counted once, on the first path
    return tallies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="hostile files (default 2000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch", type=int, default=25, help="files per command (default 25)")
    parser.add_argument("--parallel", type=int, default=2, help="commands at once (default 2)")
    parser.add_argument("--timeout", type=int, default=30, help="seconds per 4 files of a command (default 30)")
    parser.add_argument("--memory", type=int, default=1024, help="MB of address space per process (default 1024)")
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument("--paths", default="import,review,upload,batch",
                        help="which of import, review, upload, batch (default all four)")  # fmt: skip
    args = parser.parse_args(argv)
    paths = [p.strip() for p in args.paths.split(",") if p.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "hostile"
        start = time.perf_counter()
        hostile: list[Hostile] = generate(folder, args.count, args.seed)
        print(f"生成 {len(hostile)} 个恶意或损坏的文件（{time.perf_counter() - start:.0f} 秒），种子 {args.seed}")
        files = [h.path for h in hostile]
        tallies: dict[str, Tally] = {}
        for name in (p for p in ("import", "review") if p in paths):
            work = Path(tmp) / name
            work.mkdir()
            started = time.perf_counter()
            tallies[name] = one_command(name, files, work, args)
            tallies[name].seconds = time.perf_counter() - started
            _print(name, tallies[name], args.memory)
        web = [p for p in WEB_PATHS if p in paths]
        if web:
            work = Path(tmp) / "web"
            work.mkdir()
            for name, tally in web_paths(files, work, web, args).items():
                tallies[name] = tally
                _print(name, tally, args.memory)
    failed = False
    for tally in tallies.values():
        failed |= bool(tally.tracebacks or tally.hangs or tally.died or tally.unaccounted or tally.bad_lines)
        failed |= max([tally.peak_kb, *tally.server_peak_kb.values()]) > args.memory << 10
    return 1 if failed else 0


def _print(name: str, tally: Tally, memory_mb: int) -> None:
    for line in report(name, tally, memory_mb):
        print(line)
    servers = "，".join(f"{n} {kb / 1024:,.0f} MB" for n, kb in tally.server_peak_kb.items())
    print(f"  用时 {tally.seconds:.0f} 秒" + (f"；服务进程树内存峰值 {servers}" if servers else ""), flush=True)


if __name__ == "__main__":
    sys.exit(main())
