"""Benchmark: the command line end to end on many distinct text tables (issue 16).

    python scripts/bench_cli.py [--tables 10000] [--scale 10] [--jobs 2]
    python scripts/bench_cli.py --recycle 250,500,2000,0 [--rounds 2] [--tables 10000] [--scale 10]

Generates ``--tables`` distinct tables (``scripts/gen_tables.py``) and ``--scale`` times as
many, then times ``jixiao import --format jsonl`` and ``jixiao review --format jsonl`` (and
``review --format json``) as a user runs them (a fresh process, output to a file) with
``--jobs`` workers and with one, and samples the peak resident memory (VmHWM) of every
process of the run.  Targets: review ≥ 2,000 and import ≥ 2,500 tables/s with 2 jobs; every
process ≤ 500 MB at both sizes; the larger batch ≤ 11 × the time of the smaller; 2 jobs ≥ 1.8 ×
one.

On a machine shared with other work the wall clock says less than the CPU: the kernel gives
each session (autogroup) an equal share, so two workers of one command get no more CPU than one
while other sessions keep the cores busy.  So every run also prints its CPU seconds, the command's
own process apart from the busiest worker (is writing the output holding the workers up?), the
seconds its processes waited on the run queue, the load average, and "独占 N 核": the wall time
it would take with the cores to itself, max(CPU ÷ N, the busiest worker's CPU + the command's own).

``--recycle`` is an A/B of the workers' recycling instead (``JIXIAO_RECYCLE``: files a worker
reads before a fresh one replaces it; 0: never): import and review at both sizes with each
setting, interleaved, and each setting's ratios of CPU and wall time and its peak memory.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from gen_tables import generate

JIXIAO = Path(sys.executable).with_name("jixiao")


@dataclass
class Run:
    label: str
    tables: int
    jobs: int
    seconds: float
    cpu: float
    peak_mb: float
    processes: int
    code: int
    parent_cpu: float = 0.0
    """CPU seconds of the command's own process (reading results, writing the output)."""
    busiest_cpu: float = 0.0
    """CPU seconds of the busiest worker process (of the command's own with one job)."""
    waited: float = 0.0
    """Seconds the run's processes stood ready on the run queue while another process had the CPU."""
    load: tuple[float, float] = (0.0, 0.0)
    """The machine's one-minute load average when the run began and when it ended."""

    @property
    def rate(self) -> float:
        return self.tables / self.seconds

    @property
    def per_cpu(self) -> float:
        return self.tables / max(self.cpu, 1e-9)

    @property
    def alone(self) -> float:
        """The wall time on cores of its own, counted without hope: the work spread over
        ``jobs`` cores, but never less than the busiest worker plus all the command's own
        process did (as if that never ran beside the workers)."""
        if self.jobs <= 1:
            return self.cpu
        return max(self.cpu / self.jobs, self.busiest_cpu + self.parent_cpu)


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                out += [int(c) for c in handle.read().split()]
    except OSError:
        pass
    return out


def _hwm_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float | None:
    """CPU seconds (user + system) the process itself has used so far."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / _TICK


def _waited(pid: int) -> float | None:
    """Seconds the process has waited on a run queue for a CPU (``/proc/PID/schedstat``)."""
    try:
        with open(f"/proc/{pid}/schedstat") as handle:
            return int(handle.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return None


def measure(label: str, args: list[str], tables: int, jobs: int, env: dict[str, str] | None = None) -> Run:
    """Run one command, sampling the peak memory of it and of every process it starts, and the
    CPU of each (the parent's own share tells whether writing the output holds the workers up)."""
    load = os.getloadavg()[0]
    before = os.times()
    start = time.perf_counter()
    proc = subprocess.Popen([str(JIXIAO), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=None if env is None else {**os.environ, **env})  # fmt: skip
    peaks: dict[int, float] = {}
    cpus: dict[int, float] = {}
    waits: dict[int, float] = {}
    while proc.poll() is None:
        stack = [proc.pid]
        while stack:
            pid = stack.pop()
            hwm, cpu, wait = _hwm_mb(pid), _cpu(pid), _waited(pid)
            if wait is not None:
                waits[pid] = max(waits.get(pid, 0.0), wait)
            if hwm is not None:
                peaks[pid] = max(peaks.get(pid, 0.0), hwm)
            if cpu is not None:
                cpus[pid] = max(cpus.get(pid, 0.0), cpu)
            stack += _children(pid)
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    after = os.times()
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1) or f"{tables} 张" not in err.replace(",", ""):
        raise SystemExit(f"{label} 失败（退出码 {proc.returncode}）：{err[-2000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    parent = cpus.pop(proc.pid, 0.0)
    if not cpus:  # one job: everything was done in the command's own process
        parent = cpu
    return Run(label, tables, jobs, seconds, cpu, max(peaks.values(), default=0.0), len(peaks), proc.returncode,
               parent_cpu=parent, busiest_cpu=max(cpus.values(), default=parent), waited=sum(waits.values()),
               load=(load, os.getloadavg()[0]))  # fmt: skip


def _print(run: Run) -> None:
    print(f"  {run.label:<30} {run.tables:>7,} 张  {run.seconds:7.1f} 秒  {run.rate:6,.0f} 张/秒  "
          f"CPU {run.cpu:6.1f} 秒（{run.per_cpu:5,.0f} 张/CPU 秒；主进程 {run.parent_cpu:5.1f} 秒，"
          f"最忙的工作进程 {run.busiest_cpu:6.1f} 秒）  等待 CPU {run.waited:6.1f} 秒  "
          f"最大进程内存 {run.peak_mb:4.0f} MB（{run.processes} 个进程）  "
          f"负载 {run.load[0]:.1f}→{run.load[1]:.1f}", flush=True)  # fmt: skip


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def _verdicts(runs: dict[str, Run], small: int, large: int | None, j: int) -> None:
    print("目标：")
    for command, target in (("review", 2000), ("import", 2500)):
        r, one = runs[f"{command}/{j}/{small}"], runs[f"{command}/1/{small}"]
        wall, alone = one.seconds / r.seconds, one.cpu / r.alone
        print(f"  {command} --jobs {j}：{r.rate:,.0f} 张/秒（目标 ≥ {target:,}）{_mark(r.rate >= target)}，"
              f"独占 {j} 核时 {r.tables / r.alone:,.0f} 张/秒（{r.per_cpu:,.0f} 张/CPU 秒）；"
              f"相对一个进程 {wall:.2f} 倍（目标 ≥ 1.8）{_mark(wall >= 1.8)}，"
              f"按 CPU 计（独占 {j} 核时）{alone:.2f} 倍 {_mark(alone >= 1.8)}")  # fmt: skip
    for size in (small, large) if large else (small,):
        peak = max(r.peak_mb for k, r in runs.items() if int(k.split("/")[2]) == size)
        print(f"  {size:,} 张时每个进程的最大内存 {peak:.0f} MB（目标 ≤ 500 MB）{_mark(peak <= 500)}")
    if large:
        for command in ("import", "review"):
            r, big = runs[f"{command}/{j}/{small}"], runs[f"{command}/{j}/{large}"]
            ratio, cpu = big.seconds / r.seconds, big.cpu / r.cpu
            print(f"  {command} {large:,} 张 / {small:,} 张 用时之比 {ratio:.2f}（目标 ≤ 11）{_mark(ratio <= 11)}，"
                  f"CPU 之比 {cpu:.2f} {_mark(cpu <= 11)}")  # fmt: skip


def _every(setting: str) -> str:
    return "不换进程" if setting == "0" else f"每 {setting} 个文件换进程"


def recycle_ab(args: argparse.Namespace) -> None:
    """Every --recycle setting for import and review --format jsonl, interleaved round by round,
    at --tables and (unless --skip-large) --scale times as many: CPU, wall and peak per process,
    and each setting's large/small ratios."""
    settings = [s.strip() for s in args.recycle.split(",") if s.strip()]
    sizes = [args.tables] if args.skip_large else [args.tables, args.tables * args.scale]
    runs: dict[tuple[str, str, int], list[Run]] = {}
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        for size in sizes:
            folder = Path(tmp) / f"t{size}"
            files = generate(folder, size)
            print(f"生成 {size:,} 张不同的自评表（{len(files):,} 个文件）", flush=True)
            for _ in range(args.rounds):
                for command in ("import", "review"):
                    for setting in settings:
                        out = Path(tmp) / f"{command}.jsonl"
                        cli = [command, str(folder), "--format", "jsonl", "-o", str(out), "--jobs", str(args.jobs)]
                        cli += ["--fail-on", "never"] if command == "review" else []
                        run = measure(f"{command} {_every(setting)}", cli, size, args.jobs, {"JIXIAO_RECYCLE": setting})
                        runs.setdefault((command, setting, size), []).append(run)
                        _print(run)
                        out.unlink(missing_ok=True)
    if len(sizes) == 2:
        for (command, setting, size), small in runs.items():
            if size == sizes[0]:
                large = runs[(command, setting, sizes[1])]
                cpu = min(r.cpu for r in large) / min(r.cpu for r in small)
                wall = min(r.seconds for r in large) / min(r.seconds for r in small)
                peak = max(r.peak_mb for r in large + small)
                print(f"  {command} {_every(setting)}：{sizes[1]:,} 张对 {sizes[0]:,} 张 CPU 之比 {cpu:.2f}，"
                      f"用时之比 {wall:.2f}；最大进程内存 {peak:.0f} MB")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tables", type=int, default=10_000)
    parser.add_argument("--scale", type=int, default=10, help="the larger batch: this many times --tables")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-large", action="store_true", help="only the smaller batch")
    parser.add_argument("--recycle", default="", help="A/B of worker recycling: files a worker reads before a "
                        "fresh one replaces it, e.g. 250,500,2000,0 (0: never); each run of both commands, "
                        "interleaved, at both sizes (JIXIAO_RECYCLE)")  # fmt: skip
    parser.add_argument("--rounds", type=int, default=1, help="rounds of the --recycle A/B")
    args = parser.parse_args()
    if args.recycle:
        recycle_ab(args)
        return
    runs: dict[str, Run] = {}
    small, j = args.tables, args.jobs
    large = None if args.skip_large else small * args.scale
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        base = Path(tmp)
        for size in [small] if large is None else [small, large]:
            folder = base / f"t{size}"
            t0 = time.perf_counter()
            files = generate(folder, size)
            print(f"生成 {size:,} 张不同的自评表（{len(files):,} 个文件）{time.perf_counter() - t0:.1f} 秒", flush=True)
            plan = [("import", j, "jsonl"), ("review", j, "jsonl")]
            if size == small:
                plan += [("import", 1, "jsonl"), ("review", 1, "jsonl"), ("review", j, "json")]
            for command, jobs, fmt in plan:
                out = base / f"{command}.{fmt}"
                cli = [command, str(folder), "--format", fmt, "-o", str(out), "--jobs", str(jobs)]
                if command == "review":
                    cli += ["--fail-on", "never"]
                run = measure(f"{command} --format {fmt} --jobs {jobs}", cli, size, jobs)
                runs[f"{command}/{jobs}/{size}" + ("" if fmt == "jsonl" else f"/{fmt}")] = run
                _print(run)
                out.unlink(missing_ok=True)
            for f in files:
                f.unlink()
    _verdicts(runs, small, large, j)


if __name__ == "__main__":
    main()
