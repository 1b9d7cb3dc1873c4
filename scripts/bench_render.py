"""Benchmark: render 1,000 standard tables (15 indicators each) to .xlsx and to .pdf.

Run with ``make bench``.  The tables are those of ``scripts/bench.py``, scored by the
national rule set, laid out once and written as one workbook (one sheet per table) and as
one PDF (a page or more per table), as a department renders its units' tables in one go; then
the PDF again spread over ``--jobs`` processes (``jixiao.render.parallel.render_parallel``, the
function the command line and the web's background downloads use).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench import build

from jixiao import rules
from jixiao.ingest.batch import default_jobs
from jixiao.render.layouts import build as layout
from jixiao.render.outputs import Target
from jixiao.render.parallel import render_parallel
from jixiao.render.standard_pdf import write_pdf
from jixiao.render.standard_xlsx import write_xlsx
from jixiao.review import review_all


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1_000)
    parser.add_argument("--jobs", type=int, default=None, help="processes for the parallel PDF (default: cores)")
    args = parser.parse_args()
    rs = rules.get("national-2020")
    evaluations = build(args.count)
    t0 = time.perf_counter()
    sheets = [layout(ev, rs) for ev in evaluations]
    t1 = time.perf_counter()
    xlsx = write_xlsx(sheets)
    t2 = time.perf_counter()
    pdf = write_pdf(sheets)
    t3 = time.perf_counter()
    n = len(sheets)
    print(f"输出 {n} 张标准自评表（每张 {len(evaluations[0].indicators)} 个指标，单核）：")
    print(f"  排版        {t1 - t0:7.2f} s  {n / (t1 - t0):9,.0f} 张/秒")
    print(f"  .xlsx       {t2 - t1:7.2f} s  {n / (t2 - t1):9,.0f} 张/秒  ({len(xlsx) / 1e6:.1f} MB)")
    print(f"  .pdf        {t3 - t2:7.2f} s  {n / (t3 - t2):9,.0f} 张/秒  ({len(pdf) / 1e6:.1f} MB)")
    reviews = list(review_all(evaluations, rs))
    jobs = default_jobs() if args.jobs is None else args.jobs
    t4 = time.perf_counter()
    parallel = render_parallel(reviews, Target.PDF, jobs=jobs)
    t5 = time.perf_counter()
    print(f"  .pdf {jobs} 进程 {t5 - t4:7.2f} s  {n / (t5 - t4):9,.0f} 张/秒  ({len(parallel) / 1e6:.1f} MB，"
          f"单进程的 {(t3 - t2) / (t5 - t4):.2f} 倍；含复核)")  # fmt: skip


if __name__ == "__main__":
    main()
