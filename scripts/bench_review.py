"""Benchmark: review (复核) 20,000 evaluations of 15 indicators each, on one core.

Run with ``make bench``.  Reviewing a table scores it under the candidate rule sets of its
layout (to choose one, with ``--rules auto``), scores it again under the chosen one and runs
every check, then builds the findings; so it costs several times a bare score.  The
evaluations are those of ``scripts/bench.py`` (random figures, 20 % of rows one point short
with no reason given, so every table has findings).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench import build

from jixiao import rules
from jixiao.review import review_all


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--distinct", type=int, default=5_000)
    parser.add_argument("--rules", default="auto", help="auto or a rule set name")
    args = parser.parse_args()
    distinct = build(min(args.distinct, args.count))
    evaluations = [distinct[i % len(distinct)] for i in range(args.count)]
    gc.collect()
    gc.freeze()
    rs = None if args.rules == "auto" else rules.get(args.rules)
    t0, c0 = time.perf_counter(), time.process_time()
    reviews = list(review_all(evaluations, rs))
    t1, c1 = time.perf_counter(), time.process_time()
    findings = Counter(f.severity.value for r in reviews for f in r.findings)
    print(f"复核（规则集 {args.rules}）：{args.count:,} 张自评表 × 15 个指标，{t1 - t0:.2f} 秒")
    print(f"CPU {c1 - c0:.2f} 秒：{args.count / (c1 - c0):,.0f} 张/CPU 秒（机器与他人共用时以此为准）")
    print(f"复核速度：{args.count / (t1 - t0):,.0f} 张/秒（单核）；发现 错误 {findings['error']:,}、"
          f"警告 {findings['warning']:,}、提示 {findings['info']:,} 条")  # fmt: skip


if __name__ == "__main__":
    main()
