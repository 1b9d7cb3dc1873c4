"""make fuzz in small: hostile files through ``jixiao import`` and ``jixiao review`` as
subprocesses under a memory and time limit, and through the upload view and the batch worker of
the served application (scripts/fuzz.py; ``make fuzz`` runs 2,000 through all four)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLEAN = "回溯 0；超时 0；异常退出 0；未说明 0；格式不符 0；未识别的异常 0；"


def _fuzz(*args: str) -> tuple[list[str], subprocess.CompletedProcess[str]]:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "fuzz.py"), *args],
                          capture_output=True, text=True, timeout=1500, check=False)  # fmt: skip
    return [line for line in done.stdout.splitlines() if line.startswith(("jixiao ", "网页 "))], done


def _peaks(done: subprocess.CompletedProcess[str]) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"(?:内存峰值|gunicorn|huey) ([\d,]+) MB", done.stdout)]


def test_hostile_batch_through_the_cli() -> None:
    report, done = _fuzz("--count", "40", "--batch", "20", "--seed", "11", "--paths", "import,review")
    assert [line.split("：")[0] for line in report] == ["jixiao import", "jixiao review"], done.stdout + done.stderr
    for line in report:
        assert "40 个文件" in line and CLEAN in line, done.stdout
    assert _peaks(done) and max(_peaks(done)) <= 1024
    assert done.returncode == 0, done.stdout


def test_hostile_files_through_the_upload_view_and_the_batch_worker() -> None:
    """Every named attack (and some damage) posted to the served application's upload view and
    batch review: each read, or named by one Chinese line on the page; no 500, no traceback in
    the servers' logs, every batch finished, every process under 1 GB."""
    from tests.hostile import NAMED

    count = len(NAMED) + 2 + 8
    report, done = _fuzz("--count", str(count), "--batch", "12", "--seed", "11", "--paths", "upload,batch")
    assert [line.split("：")[0] for line in report] == ["网页 upload", "网页 batch"], done.stdout + done.stderr
    for line in report:
        assert f"{count} 个文件" in line and CLEAN in line, done.stdout
        failures = int(re.search(r"失败（一行中文）(\d+) 个", line).group(1))  # type: ignore[union-attr]
        assert failures >= len([k for k, v in NAMED.items() if v[2]]), line  # each named refusal at least
    peaks = _peaks(done)
    assert len(peaks) == 6 and max(peaks) <= 1024, done.stdout  # reading children; gunicorn, huey trees
    assert done.returncode == 0, done.stdout
