"""`make corpus`: the review's recall against the hand labels of ../shared/corpus and corpus2.

Each labelled table (``NNN.review.json``) is reviewed twice, so review and ingest are measured
apart:

- ``truth``: the truth extraction ``NNN.json`` (a perfect extraction of the fixed fields; what
  it does not hold, such as the funds' sources or the goal text, is taken from ingest's reading);
- ``ingest``: what ingest reads from ``NNN.txt`` (its first table).

Prints recall per code and per file, the labelled findings missed, and every error-level
finding on a row the label calls clean (there must be none).  Exit code 1 when recall is below
--min (--min-truth: from the truth only), or with --strict when an error lands on a clean row.
``--holdout`` names tables kept out of tuning and reports them apart.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from rich.console import Console
from rich.table import Table

from jixiao.ingest import IngestError, read
from jixiao.model.evaluation import Evaluation
from jixiao.review import review_all
from jixiao.review.recall import Label, Outcome, Tally, assess, load_labels, truth_evaluation

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SUPPLEMENTS = ROOT / "tests" / "fixtures" / "truth"
HOLDOUT = ("107", "110", "203", "205")
"""corpus2 tables kept out of the review's tuning when the general checks were written."""


def _first(label: Label) -> Evaluation | None:
    try:
        evaluations = read(label.document)
    except IngestError:
        return None
    return evaluations[0] if evaluations else None


def _outcomes(labels: list[Label], mode: str) -> list[Outcome]:
    out = []
    for label in labels:
        got = _first(label)
        ev = truth_evaluation(label, got, SUPPLEMENTS / f"{label.name}.json") if mode == "truth" else got
        r = next(iter(review_all([ev]))) if ev is not None else None
        out.append(assess(label, r))
    return out


def _report(console: Console, title: str, outcomes: list[Outcome], holdout: set[str]) -> Tally:
    per_file = Table(title=f"{title}：逐文件")
    for name in ("文件", "找到/应有", "漏掉", "干净行上的错误"):
        per_file.add_column(name)
    for o in outcomes:
        mark = "（留出）" if o.label.name in holdout else ""
        n = len(o.found) + len(o.missed)
        missed = "；".join(f"{c} @ {w}" for c, w in o.missed) + ("" if o.read else "（未读出表格）")
        per_file.add_row(f"{o.label.path.parent.name}/{o.label.name}{mark}", f"{len(o.found)}/{n}", missed,
                         "；".join(o.errors_on_clean))  # fmt: skip
    tally = Tally()
    tally.add(outcomes)
    per_code = Table(title=f"{title}：逐代码")
    for name in ("代码", "召回", "找到/应有"):
        per_code.add_column(name)
    for code in sorted(tally.expected):
        found, expected = tally.found.get(code, 0), tally.expected[code]
        per_code.add_row(code, f"{found / expected:.0%}", f"{found}/{expected}")
    console.print(per_file)
    console.print(per_code)
    return tally


def _figure(tally: Tally) -> str:
    return f"{tally.recall:.1%}（{sum(tally.found.values())}/{sum(tally.expected.values())}）"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--sets", nargs="+", default=["corpus", "corpus2"])
    parser.add_argument("--modes", nargs="+", default=["truth", "ingest"], choices=["truth", "ingest"])
    parser.add_argument("--holdout", nargs="*", default=list(HOLDOUT))
    parser.add_argument("--min", type=float, default=0.0, help="fail when a set's recall is below this (0–1)")
    parser.add_argument("--min-truth", type=float, default=0.0, help="fail when a set's recall from the truth is below")
    parser.add_argument("--strict", action="store_true", help="fail on any error-level finding on a clean row")
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # ingest's unread-table warnings: the per-file table says what was read
    console = Console(width=160)
    holdout = set(args.holdout)
    failed = False
    for mode in args.modes:
        for name in args.sets:
            labels = load_labels(args.shared / name)
            outcomes = _outcomes(labels, mode)
            tally = _report(console, f"{name}（{mode}）", outcomes, holdout)
            kept = [o for o in outcomes if o.label.name in holdout]
            on_clean = sum(len(o.errors_on_clean) for o in outcomes)
            line = f"{name}（{mode}）召回 {_figure(tally)}"
            if kept:
                held = Tally()
                held.add(kept)
                line += f"，其中留出 {len(kept)} 表 {_figure(held)}"
            console.print(f"{line}；干净行上的错误 {on_clean} 条")
            floor = max(args.min, args.min_truth if mode == "truth" else 0.0)
            failed = failed or tally.recall < floor or (args.strict and on_clean > 0)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
