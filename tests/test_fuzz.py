"""make fuzz in small: hostile files through ``jixiao import`` and ``jixiao review`` as
subprocesses under a memory and time limit (scripts/fuzz.py; ``make fuzz`` runs 2,000)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_hostile_batch_through_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "fuzz.py"), "--count", "40", "--batch", "20", "--seed", "11"],
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    report = [line for line in done.stdout.splitlines() if line.startswith("jixiao ")]
    assert len(report) == 2, done.stdout + done.stderr
    for line in report:
        assert "40 个文件" in line and "回溯 0；超时 0；异常退出 0；未说明 0；格式不符 0；" in line, done.stdout
        peak = int(re.search(r"进程内存峰值 ([\d,]+) MB", line).group(1).replace(",", ""))  # type: ignore[union-attr]
        assert peak <= 1024
    assert done.returncode == 0, done.stdout
