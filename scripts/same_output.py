"""Does a change keep jixiao's output byte for byte?  ``jixiao import`` and ``jixiao review`` run
over the same documents by two versions of the code, their outputs compared line by line.

    python scripts/same_output.py inputs DIR [--per-cell 3] [--tables 360]
    python scripts/same_output.py compare DIR [--base main] [--head WORKTREE]

``inputs`` fills DIR once: the seeds, ``../shared/corpus`` and ``../shared/corpus2`` documents,
a sample of the generated layout families (``tests/families``: every family in .txt, .docx,
.xlsx and .html, ``--per-cell`` truths each; .xls and .pdf one truth each when LibreOffice is
there) and ``--tables`` distinct national-form tables (``scripts/gen_tables.py``).  The inputs
are written once and kept, so both versions read the very same bytes even while the generators
change.

``compare`` runs ``python -m jixiao import DIR --format jsonl`` and ``review DIR --format json``
(one job, so the order is the files' order) with the code of ``--base`` (a git revision, checked
out into a temporary worktree) and of ``--head`` (a worktree, this one by default), and prints,
for each command, the lines (one evaluation or finding each) that differ, and the messages on
standard error that differ.  Exit status 0 when everything is the same, 1 when anything differs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DOCUMENTS = (".txt", ".docx", ".xlsx", ".xls", ".pdf", ".html", ".htm")


def make_inputs(out: Path, per_cell: int, tables: int) -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    from gen_tables import generate

    from tests.families.measure import cases
    from tests.families.measure import generate as generate_cases
    from tests.families.truth import truths

    out.mkdir(parents=True, exist_ok=True)
    for name in ("seeds", "corpus", "corpus2"):
        folder = out / name
        folder.mkdir(exist_ok=True)
        for f in sorted((SHARED / name).iterdir()):
            if f.suffix.lower() in DOCUMENTS:
                shutil.copy2(f, folder / f.name)
    every = truths(SHARED)
    todo = cases(every, formats=(".txt", ".docx", ".xlsx", ".html"), per_cell=per_cell)
    if shutil.which("soffice"):
        todo += cases(every, formats=(".xls", ".pdf"), per_cell=1)
    families = out / "families"
    generate_cases(todo, families)
    shutil.rmtree(families / "src", ignore_errors=True)
    generate(out / "generated", tables, per_file=18, seed=7)
    count = sum(1 for p in out.rglob("*") if p.is_file())
    print(f"{count} 个输入文件写入 {out}")


def _run(code: Path, python: str, args: list[str]) -> tuple[list[str], list[str]]:
    env = {**os.environ, "PYTHONPATH": str(code), "COLUMNS": "200", "NO_COLOR": "1"}
    proc = subprocess.run([python, "-m", "jixiao", *args], env=env, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{code}: jixiao {' '.join(args)} 退出码 {proc.returncode}\n{proc.stderr[-3000:]}")
    return proc.stdout.splitlines(), proc.stderr.splitlines()


def _outputs(code: Path, python: str, inputs: Path, tmp: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for command, fmt in (("import", "jsonl"), ("review", "json")):
        target = tmp / f"{command}.{fmt}"
        extra = ["--fail-on", "never"] if command == "review" else []
        _, err = _run(code, python, [command, str(inputs), "--format", fmt, "-o", str(target), "--jobs", "1", *extra])
        out[f"{command} 输出"] = target.read_text(encoding="utf-8").splitlines()
        out[f"{command} 提示"] = [line for line in err if line.strip()]
        target.unlink()
    return out


def _diff(name: str, base: list[str], head: list[str]) -> int:
    differing = [k for k in range(max(len(base), len(head))) if k >= len(base) or k >= len(head) or base[k] != head[k]]
    print(f"  {name}：{len(base)} 行 / {len(head)} 行，不同 {len(differing)} 行")
    for k in differing[:3]:
        print(f"    第 {k + 1} 行\n      原：{(base[k] if k < len(base) else '（无）')[:600]}")
        print(f"      新：{(head[k] if k < len(head) else '（无）')[:600]}")
    return len(differing)


def compare(inputs: Path, base: str, head: Path) -> int:
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="same-output-") as tmp_name:
        tmp = Path(tmp_name)
        tree = tmp / "base"
        subprocess.run(["git", "-C", str(head), "worktree", "add", "--detach", str(tree), base],
                       check=True, capture_output=True)  # fmt: skip
        try:
            (tmp / "a").mkdir()
            (tmp / "b").mkdir()
            before = _outputs(tree, python, inputs, tmp / "a")
            after = _outputs(head, python, inputs, tmp / "b")
        finally:
            subprocess.run(["git", "-C", str(head), "worktree", "remove", "--force", str(tree)], check=False)
    rev = subprocess.run(["git", "-C", str(head), "rev-parse", "--short", base], capture_output=True, text=True)
    print(f"{inputs}：{base}（{rev.stdout.strip()}）对 {head}")
    differing = sum(_diff(name, before[name], after[name]) for name in before)
    print("输出完全相同" if differing == 0 else f"共 {differing} 行不同")
    return 0 if differing == 0 else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="action", required=True)
    make = sub.add_parser("inputs", help="write the input documents once")
    make.add_argument("dir", type=Path)
    make.add_argument("--per-cell", type=int, default=3)
    make.add_argument("--tables", type=int, default=360)
    comp = sub.add_parser("compare", help="compare two versions' outputs over the inputs")
    comp.add_argument("dir", type=Path)
    comp.add_argument("--base", default="main")
    comp.add_argument("--head", type=Path, default=ROOT)
    args = parser.parse_args()
    if args.action == "inputs":
        make_inputs(args.dir, args.per_cell, args.tables)
    else:
        raise SystemExit(compare(args.dir.resolve(), args.base, args.head.resolve()))


if __name__ == "__main__":
    main()
