"""`make corpus`: the review's recall on injected problems, per code, from the truth and through ingest.

Every truth table of the layout-family generator (seeds, corpus, corpus2, from ../shared) is
made consistent, then one problem of each class the review checks is injected with random
wording and place (``tests/review_injection.py``).  The review must report the injected code at
the injected place and no error the injection did not cause.

Two seed sets are reported apart: the tuning seeds (the tests use them) and the held-out seeds,
which no check was tuned on.  Modes: ``truth`` reviews the injected table as a perfect
extraction; ``ingest`` writes it in a layout family and file format drawn by the seed
(``--families``/``--formats``: the ones ingest reads whole today), reads it back and reviews
what ingest read (cases whose clean table already reads with an error are ingest's, counted
apart).  Exit code 1 when the truth recall of a seed set is below --min, or with --strict when a
false error appears from the truth.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the generator and the injectors live with the tests

from tests import review_injection as inj  # noqa: E402
from tests.families.truth import truths  # noqa: E402

SHARED = ROOT.parent / "shared"


def _table(title: str, results: list[inj.CaseResult]) -> tuple[Table, inj.Tally]:
    table = Table(title=title)
    for name in ("注入", "代码", "例数", "找到/应有", "召回", "误报错误", "对照误报"):
        table.add_column(name)
    per = inj.tally(results)
    total = inj.Tally()
    for name, (code, _fn) in inj.INJECTORS.items():
        t = per.get(name)
        if t is None:
            continue
        for c in (c for c in results if c.injector == name):
            total.add(c)
        shown = code.value if code else "（对照）"
        recall = f"{t.recall:.0%}" if t.expected else "—"
        table.add_row(name, shown, str(t.cases), f"{t.found}/{t.expected}", recall, str(t.false_errors),
                      str(t.false_findings))  # fmt: skip
    return table, total


def _per_code(results: Iterable[inj.CaseResult]) -> Table:
    """Recall per finding code, over every injector that expects it, and the false findings by code."""
    found: dict[str, int] = {}
    expected: dict[str, int] = {}
    false: dict[str, int] = {}
    for c in results:
        for code in c.wanted:
            expected[code] = expected.get(code, 0) + 1
        for code in c.hits:
            found[code] = found.get(code, 0) + 1
        for f in c.false_errors + c.false_findings:
            code = f.split(" ", 1)[0]
            false[code] = false.get(code, 0) + 1
    table = Table(title="逐代码")
    for name in ("代码", "找到/应有", "召回", "误报（错误级或对照中）"):
        table.add_column(name)
    for code in sorted(set(expected) | set(false)):
        n, k = expected.get(code, 0), found.get(code, 0)
        table.add_row(code, f"{k}/{n}", f"{k / n:.0%}" if n else "—", str(false.get(code, 0)))
    return table


def _misses(console: Console, results: list[inj.CaseResult], limit: int) -> None:
    shown = 0
    for c in results:
        if not (c.missed or c.false_errors or c.false_findings):
            continue
        if shown == limit:
            console.print("……（另有更多，--misses 调大可见）")
            return
        shown += 1
        parts = [f"漏 {', '.join(c.missed)}"] if c.missed else []
        parts += [f"误报 {f}" for f in (c.false_errors + c.false_findings)[:2]]
        read = "（导入读错）" if c.read_exact is False else ""
        console.print(f"  {c.injector} {c.table} seed={c.seed}{read}：" + "；".join(parts), markup=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--modes", nargs="+", default=["truth", "ingest"], choices=["truth", "ingest"])
    parser.add_argument("--seeds", nargs="+", default=["tuning", "held-out"], choices=["tuning", "held-out"])
    parser.add_argument("--injectors", nargs="*", default=None, help="only these injectors")
    parser.add_argument("--ingest-tables", type=int, default=8, help="clean tables per injector through ingest")
    parser.add_argument("--families", nargs="+", default=list(inj.INGEST_FAMILIES))
    parser.add_argument("--formats", nargs="+", default=list(inj.INGEST_FORMATS))
    parser.add_argument("--min", type=float, default=0.95, help="least recall from the truth, per seed set")
    parser.add_argument("--strict", action="store_true", help="fail on a false error from the truth")
    parser.add_argument("--misses", type=int, default=30, help="cases listed per run")
    args = parser.parse_args()
    console = Console(width=160)
    drafts = inj.bases(truths(args.shared))
    console.print(f"可注入的干净表：{len(drafts)} 张（真值表经一致化后复核无错误者）")
    failed = False
    for mode in args.modes:
        for which in args.seeds:
            seeds = inj.TUNING_SEEDS if which == "tuning" else inj.HELD_OUT_SEEDS
            start = time.perf_counter()
            if mode == "truth":
                results = inj.truth_cases(drafts, seeds, args.injectors)
                note = ""
            else:
                sample = drafts[:: max(1, len(drafts) // args.ingest_tables)][: args.ingest_tables]
                with tempfile.TemporaryDirectory() as tmp:
                    results, unread = inj.ingest_cases(sample, seeds[:1], Path(tmp), args.injectors,
                                                       tuple(args.families), tuple(args.formats))  # fmt: skip
                inexact = [c for c in results if c.read_exact is False and (c.missed or c.false_errors)]
                note = (f"；干净表读不全或已有错误而略去 {unread} 例，注入后读错而漏报或误报 {len(inexact)} 例"
                        "（导入的问题）")  # fmt: skip
            how = "按真值（完美读取）" if mode == "truth" else "经导入"
            title = f"{how} · {'调校种子' if which == 'tuning' else '留出种子'}"
            table, total = _table(title, results)
            console.print(table)
            console.print(_per_code(results))
            _misses(console, results, args.misses)
            console.print(
                f"{title}：召回 {total.recall:.1%}（{total.found}/{total.expected}），{total.cases} 例，"
                f"误报错误 {total.false_errors} 条，对照误报 {total.false_findings} 条{note}，"
                f"用时 {time.perf_counter() - start:.1f} 秒"
            )
            if mode == "truth":
                failed = failed or total.recall < args.min or (args.strict and total.false_errors > 0)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
