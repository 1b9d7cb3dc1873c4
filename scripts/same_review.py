"""Does a change to the review keep every finding?  The review's own output, recorded in process
over every test input by one version of the code and compared with another's.

    python scripts/same_review.py record OUT.jsonl [--inputs DIR] [--code TREE]
    python scripts/same_review.py compare BEFORE.jsonl AFTER.jsonl

``record`` reviews, with ``--rules auto`` and under every shipped rule set:

- every document of the seeds, ``../shared/corpus`` and ``../shared/corpus2``, read by ingest
  (the tables of one file reviewed together, as ``jixiao review`` does);
- every document under ``--inputs`` (a folder ``scripts/same_output.py inputs`` wrote: layout
  families and ``scripts/gen_tables.py`` tables), when given;
- the review injection set (``tests/review_injection.py``): every clean truth table and each
  injector's case for it, under the tuning and the held-out seeds, department sheets included;
- a sample of the random evaluations of ``scripts/bench.py``.

Each review is written as one line: the rule set chosen and why, the score result (its ``repr``:
every row's status, computed score and explanation) and every finding in its JSON form.  With
``--code TREE`` the ``jixiao`` package is imported from another worktree (the tests and the
generators still come from this one), so one script records both versions.  ``compare`` prints
the lines that differ; exit status 0 when none does.  ``jixiao import``/``review`` outputs as
files are ``scripts/same_output.py``'s business; this one is in-process and reaches the inputs
the command line cannot (injected evaluations, rule sets forced on every table).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _documents(folder: Path) -> list[Path]:
    from jixiao.ingest import DOCUMENTS

    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENTS)


def _read_groups(folders: Sequence[Path]) -> Iterator[tuple[str, list[Any]]]:
    """The evaluations of each document, by the document's path relative to its folder."""
    from jixiao.ingest import IngestError, read

    for folder in folders:
        for path in _documents(folder):
            try:
                evs = read(path)
            except IngestError as e:
                evs = []
                print(f"{path}: {e}", file=sys.stderr)
            if evs:
                yield f"{folder.name}/{path.relative_to(folder)}", evs


def _injected_groups() -> Iterator[tuple[str, list[Any]]]:
    """Every clean truth table and every injected case, one evaluation a group."""
    from tests import review_injection as inj
    from tests.families.truth import truths

    drafts = inj.bases(truths(SHARED))
    seeds = (*inj.TUNING_SEEDS, *inj.HELD_OUT_SEEDS)
    department = [inj.department_sheet(random.Random(f"department|{s}|{k}")) for s in seeds for k in range(4)]
    for d in [*drafts, *department]:
        yield f"clean/{d.name}", [d.evaluation()]
    for name, (_code, fn) in inj.INJECTORS.items():
        pool = department if name.startswith("item_") else drafts
        for d in pool:
            for seed in seeds:
                spec = fn(d.copy(), random.Random(f"{name}|{d.name}|{seed}"))
                if spec is not None:
                    yield f"inject/{name}/{d.name}/{seed}", [spec.draft.evaluation()]


def _bench_group(count: int) -> Iterator[tuple[str, list[Any]]]:
    sys.path.insert(1, str(ROOT / "scripts"))
    from bench import build

    for k, ev in enumerate(build(count)):
        yield f"bench/{k}", [ev]


def _line(key: str, rules: str, k: int, r: Any) -> str:
    return json.dumps(
        {
            "key": key,
            "table": k,
            "rules": rules,
            "rule_set": r.rule_set.name,
            "reason": r.reason,
            "weights": [None if ind.weight is None else str(ind.weight) for ind in r.checked.indicators],
            "result": repr(r.result),
            "findings": [f.to_dict() for f in r.findings],
        },
        ensure_ascii=False,
        default=str,
    )


def record(out: Path, inputs: Path | None, bench: int) -> None:
    from jixiao import rules
    from jixiao.review import review_all

    every = [rules.get(n) for n in rules.available()]
    folders = [SHARED / "seeds", SHARED / "corpus", SHARED / "corpus2"]
    if inputs is not None:
        folders += sorted(p for p in inputs.iterdir() if p.is_dir() and p.name not in {"seeds", "corpus", "corpus2"})
    groups = 0
    lines = 0
    with out.open("w", encoding="utf-8") as f:
        for key, evs in [*_read_groups(folders), *_injected_groups(), *_bench_group(bench)]:
            groups += 1
            for rs in (None, *every):
                name = "auto" if rs is None else rs.name
                for k, r in enumerate(review_all(evs, rs)):
                    f.write(_line(key, name, k, r) + "\n")
                    lines += 1
    print(f"{groups} 组输入，{lines} 次复核写入 {out}")


def compare(before: Path, after: Path) -> int:
    a = before.read_text(encoding="utf-8").splitlines()
    b = after.read_text(encoding="utf-8").splitlines()
    differing = [k for k in range(max(len(a), len(b))) if k >= len(a) or k >= len(b) or a[k] != b[k]]
    findings = sum(len(json.loads(line)["findings"]) for line in a)
    print(f"{before}：{len(a)} 次复核（{findings} 条发现）；{after}：{len(b)} 次复核；不同 {len(differing)} 行")
    for k in differing[:5]:
        print(f"  第 {k + 1} 行\n    原：{(a[k] if k < len(a) else '（无）')[:800]}")
        print(f"    新：{(b[k] if k < len(b) else '（无）')[:800]}")
    return 0 if not differing else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="action", required=True)
    rec = sub.add_parser("record", help="review every test input and write the findings")
    rec.add_argument("out", type=Path)
    rec.add_argument("--inputs", type=Path, help="a folder scripts/same_output.py inputs wrote")
    rec.add_argument("--code", type=Path, help="import jixiao from this worktree")
    rec.add_argument("--bench", type=int, default=500, help="random evaluations of scripts/bench.py")
    comp = sub.add_parser("compare", help="compare two recordings")
    comp.add_argument("before", type=Path)
    comp.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.action == "compare":
        raise SystemExit(compare(args.before, args.after))
    sys.path.insert(0, str(ROOT))  # the generators and the injectors live with the tests
    if args.code is not None:
        sys.path.insert(0, str(args.code.resolve()))
    record(args.out, args.inputs, args.bench)
    import jixiao

    print(f"jixiao 取自 {Path(jixiao.__file__).parent}")


if __name__ == "__main__":
    main()
