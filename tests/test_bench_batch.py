"""The batch benchmark's small sample (``make bench`` runs 10,000 documents): documents stored
and queued as the upload view does, the huey consumer with its warm reader pool works through
them, and the figures are printed — every document done, none failed, memory reported."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_small_batch_goes_through_the_workers() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "JIXIAO_DATA", "DJANGO_SETTINGS_MODULE")}
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_batch.py"), "--count", "30", "--limit", "300"],
                          capture_output=True, text=True, env=env, timeout=600, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "30 个文档已存储并排队" in out and "进度 30/30" in out
    assert re.search(r"批量复核 30/30 个文档（失败 0），30 张表，[0-9.]+ s：[0-9.]+ 个文档/秒，[0-9.]+ 张表/秒", out)
    peaks = re.search(r"内存峰值：工作进程 (\d+) MB；读取服务进程 (\d+) MB.*单个文件的读取子进程最高 (\d+) MB", out)
    assert peaks is not None and all(0 < int(mb) < 1024 for mb in peaks.groups())
    assert "Traceback" not in done.stderr
