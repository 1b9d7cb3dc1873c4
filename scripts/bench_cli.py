"""Benchmark: the command line end to end on many distinct text tables (issue 16).

    python scripts/bench_cli.py [--tables 10000] [--scale 10] [--jobs 2]

Generates ``--tables`` distinct tables (``scripts/gen_tables.py``) and ``--scale`` times as
many, then times ``jixiao import --format jsonl`` and ``jixiao review --format jsonl`` (and
``review --format json``) as a user runs them (a fresh process, output to a file) with
``--jobs`` workers and with one, and samples the peak resident memory (VmHWM) of every
process of the run.  Targets: review ≥ 2,000 and import ≥ 2,500 tables/s with 2 jobs; every
process ≤ 500 MB at both sizes; the larger batch ≤ 11 × the time of the smaller; 2 jobs ≥ 1.8 ×
one.  The CPU seconds are printed
too: on a machine shared with other work the wall clock says less than they do.
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
    seconds: float
    cpu: float
    peak_mb: float
    processes: int
    code: int

    @property
    def rate(self) -> float:
        return self.tables / self.seconds


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


def measure(label: str, args: list[str], tables: int) -> Run:
    """Run one command, sampling the peak memory of it and of every process it starts."""
    before = os.times()
    start = time.perf_counter()
    proc = subprocess.Popen([str(JIXIAO), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks: dict[int, float] = {}
    while proc.poll() is None:
        stack = [proc.pid]
        while stack:
            pid = stack.pop()
            hwm = _hwm_mb(pid)
            if hwm is not None:
                peaks[pid] = max(peaks.get(pid, 0.0), hwm)
            stack += _children(pid)
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    after = os.times()
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1) or f"{tables} 张" not in err.replace(",", ""):
        raise SystemExit(f"{label} 失败（退出码 {proc.returncode}）：{err[-2000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return Run(label, tables, seconds, cpu, max(peaks.values(), default=0.0), len(peaks), proc.returncode)


def _print(run: Run) -> None:
    print(f"  {run.label:<34} {run.tables:>7,} 张  {run.seconds:7.1f} 秒  {run.rate:7,.0f} 张/秒  "
          f"CPU {run.cpu:6.1f} 秒（{run.tables / max(run.cpu, 1e-9):6,.0f} 张/CPU 秒）  "
          f"最大进程内存 {run.peak_mb:5.0f} MB（{run.processes} 个进程）", flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tables", type=int, default=10_000)
    parser.add_argument("--scale", type=int, default=10, help="the larger batch: this many times --tables")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-large", action="store_true", help="only the smaller batch")
    args = parser.parse_args()
    runs: dict[str, Run] = {}
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        base = Path(tmp)
        sizes = [args.tables] if args.skip_large else [args.tables, args.tables * args.scale]
        for size in sizes:
            folder = base / f"t{size}"
            t0 = time.perf_counter()
            files = generate(folder, size)
            print(f"生成 {size:,} 张不同的自评表（{len(files):,} 个文件）{time.perf_counter() - t0:.1f} 秒", flush=True)
            plan = [("import", args.jobs, "jsonl"), ("review", args.jobs, "jsonl")]
            if size == args.tables:
                plan += [("import", 1, "jsonl"), ("review", 1, "jsonl"), ("review", args.jobs, "json")]
            for command, jobs, fmt in plan:
                out = base / f"{command}.{fmt}"
                cli = [command, str(folder), "--format", fmt, "-o", str(out), "--jobs", str(jobs)]
                if command == "review":
                    cli += ["--fail-on", "never"]
                run = measure(f"{command} --format {fmt} --jobs {jobs}", cli, size)
                runs[f"{command}/{jobs}/{size}" + ("" if fmt == "jsonl" else f"/{fmt}")] = run
                _print(run)
                out.unlink(missing_ok=True)
            for f in files:
                f.unlink()
    print("目标：")
    small, large, j = args.tables, args.tables * args.scale, args.jobs
    for command, target in (("review", 2000), ("import", 2500)):
        r = runs[f"{command}/{j}/{small}"]
        one = runs[f"{command}/1/{small}"]
        print(f"  {command} --jobs {j}：{r.rate:,.0f} 张/秒（目标 ≥ {target:,}）{'✓' if r.rate >= target else '✗'}；"
              f"相对一个进程 {one.seconds / r.seconds:.2f} 倍（目标 ≥ 1.8）"
              f"{'✓' if one.seconds / r.seconds >= 1.8 else '✗'}")  # fmt: skip
        if not args.skip_large:
            big = runs[f"{command}/{j}/{large}"]
            ratio = big.seconds / r.seconds
            mark = "✓" if ratio <= 11 else "✗"
            print(f"  {command} {large:,} 张 / {small:,} 张 用时之比 {ratio:.2f}（目标 ≤ 11）{mark}")
    peak = max(r.peak_mb for r in runs.values())
    print(f"  每个进程的最大内存 {peak:.0f} MB（目标 ≤ 500 MB）{'✓' if peak <= 500 else '✗'}")


if __name__ == "__main__":
    main()
