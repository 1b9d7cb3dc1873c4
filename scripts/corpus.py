"""`make corpus`: read every ../shared/corpus/*.txt and compare the first table with NNN.json.

Prints accuracy per field, per file and overall.  Exit code 1 when a file fails outright
(nothing read), overall accuracy is below --min or the wrong-value rate above --max-wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from jixiao.ingest import IngestError, read
from jixiao.ingest.accuracy import Comparison, compare

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--min", type=float, default=0.0, help="fail below this overall accuracy (0–1)")
    parser.add_argument("--max-wrong", type=float, default=1.0, help="fail above this wrong-value rate (0–1)")
    parser.add_argument("--misses", action="store_true", help="list every field that differs")
    args = parser.parse_args()
    console = Console()
    overall = Comparison()
    per_file = Table(title="语料逐文件准确率")
    for name in ("文件", "准确率", "字段数", "读出表格数"):
        per_file.add_column(name)
    failed = []
    for txt in sorted(args.corpus.glob("[0-9][0-9][0-9].txt")):
        want = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        try:
            evaluations = read(txt)
        except IngestError as exc:
            console.print(f"[red]{exc}[/]")
            evaluations = []
        if not evaluations:
            failed.append(txt.name)
        result = compare(evaluations[0] if evaluations else None, want)
        overall.merge(result)
        per_file.add_row(txt.name, f"{result.accuracy:.1%}", str(sum(result.compared.values())), str(len(evaluations)))
        if args.misses:
            for field_name, got, exp in result.misses:
                console.print(f"  {txt.name} {field_name}: 读出 {got!r} 应为 {exp!r}", markup=False)
    per_field = Table(title="逐字段准确率")
    for name in ("字段", "准确率", "正确/总数"):
        per_field.add_column(name)
    for name in overall.compared:
        per_field.add_row(
            name,
            f"{overall.matched[name] / overall.compared[name]:.1%}",
            f"{overall.matched[name]}/{overall.compared[name]}",
        )
    console.print(per_file)
    console.print(per_field)
    console.print(
        f"总体准确率：{overall.accuracy:.2%}（{sum(overall.matched.values())}/{sum(overall.compared.values())}）"
    )
    console.print(
        f"错值率：{overall.wrong_rate:.2%}（{sum(overall.wrong.values())} 个字段读出的值与真值不同）；"
        f"缺失率：{overall.missing_rate:.2%}（{sum(overall.missing.values())} 个字段应有值而未读出）"
    )
    if failed:
        console.print(f"[red]未读出任何表格的文件：{'、'.join(failed)}[/]")
    if overall.accuracy < args.min:
        console.print(f"[red]总体准确率 {overall.accuracy:.2%} 低于 {args.min:.2%}[/]")
    if overall.wrong_rate > args.max_wrong:
        console.print(f"[red]错值率 {overall.wrong_rate:.2%} 高于 {args.max_wrong:.2%}[/]")
    return 1 if failed or overall.accuracy < args.min or overall.wrong_rate > args.max_wrong else 0


if __name__ == "__main__":
    sys.exit(main())
