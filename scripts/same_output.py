"""Does a change keep jixiao's output byte for byte?  ``jixiao import`` and ``jixiao review`` run
over the same documents by two versions of the code, their outputs compared line by line.

    python scripts/same_output.py inputs DIR [--per-cell 3] [--tables 360]
    python scripts/same_output.py compare DIR [--base main] [--head WORKTREE] [--every]
    python scripts/same_output.py jobs DIR [--head WORKTREE]

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
standard error that differ.  With ``--every``: every format of both commands (import json,
jsonl, table; review text, json, jsonl, html, xlsx — a workbook compared member by member, its
time stamp masked), each with ``--jobs 1`` and ``--jobs 2``, and also ``--jobs 1`` against
``--jobs 2`` of the head.  ``jobs`` does only the last: one version, every format, one job
against two.  Exit status 0 when everything is the same, 1 when anything differs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
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
    # run in the version's own tree: ``python -m`` puts the working directory first on the path,
    # so from another worktree both versions would import that one's package
    proc = subprocess.run([python, "-m", "jixiao", *args], env=env, capture_output=True, text=True, check=False,
                          cwd=code)  # fmt: skip
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{code}: jixiao {' '.join(args)} 退出码 {proc.returncode}\n{proc.stderr[-3000:]}")
    return proc.stdout.splitlines(), proc.stderr.splitlines()


FORMATS = {"import": ("jsonl", "json", "table"), "review": ("text", "json", "jsonl", "html", "xlsx")}
"""Every output format of each command (``--every``, ``jobs``)."""
PLAN = (("import", "jsonl", 1), ("review", "json", 1))
"""What ``compare`` runs by default: the two outputs that carry every value."""
_WRITTEN = re.compile(r"(生成时间 )\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?")
"""The time a review page says it was written (masked: two runs a minute apart are the same)."""
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def every(jobs: tuple[int, ...] = (1, 2)) -> tuple[tuple[str, str, int], ...]:
    return tuple((command, fmt, j) for command, formats in FORMATS.items() for fmt in formats for j in jobs)


def _lines(target: Path) -> list[str]:
    """An output as lines to compare: text as it is (a page's 生成时间 masked); a workbook member
    by member (its bytes, the XML cut at each element), the time it was written masked."""
    if target.suffix != ".xlsx":
        return _WRITTEN.sub(r"\1…", target.read_text(encoding="utf-8")).splitlines()
    out = []
    with zipfile.ZipFile(target) as book:
        for name in sorted(book.namelist()):
            data = _STAMP.sub(rb"\1-\2", book.read(name))
            out += [f"{name}: {part}" for part in data.decode("utf-8", "replace").replace("><", ">\n<").splitlines()]
    return out


def _outputs(
    code: Path, python: str, inputs: Path, tmp: Path, plan: tuple[tuple[str, str, int], ...] = PLAN
) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for command, fmt, jobs in plan:
        target = tmp / f"{command}.{fmt}"
        extra = ["--fail-on", "never"] if command == "review" else []
        _, err = _run(
            code, python, [command, str(inputs), "--format", fmt, "-o", str(target), "--jobs", str(jobs), *extra]
        )
        name = f"{command} --format {fmt} --jobs {jobs}"
        out[f"{name} 输出"] = _lines(target)
        out[f"{name} 提示"] = [line for line in err if line.strip()]
        target.unlink()
    return out


def _diff(name: str, base: list[str], head: list[str]) -> int:
    differing = [k for k in range(max(len(base), len(head))) if k >= len(base) or k >= len(head) or base[k] != head[k]]
    print(f"  {name}：{len(base)} 行 / {len(head)} 行，不同 {len(differing)} 行")
    for k in differing[:3]:
        print(f"    第 {k + 1} 行\n      原：{(base[k] if k < len(base) else '（无）')[:600]}")
        print(f"      新：{(head[k] if k < len(head) else '（无）')[:600]}")
    return len(differing)


def across_jobs(outputs: dict[str, list[str]]) -> int:
    """Lines that differ between ``--jobs 1`` and the other ``--jobs`` of the same command and format."""
    groups: dict[str, list[str]] = {}
    for name in outputs:
        groups.setdefault(_no_jobs(name), []).append(name)
    return sum(_diff(f"{other} 对 {names[0]}", outputs[names[0]], outputs[other])
               for names in groups.values() for other in names[1:])  # fmt: skip


def _no_jobs(name: str) -> str:
    return re.sub(r" --jobs \d+ ", " ", name)


def same_across_jobs(inputs: Path, head: Path, plan: tuple[tuple[str, str, int], ...]) -> int:
    """One version of the code: does every format give the same bytes whatever ``--jobs``?"""
    with tempfile.TemporaryDirectory(prefix="same-output-") as tmp_name:
        outputs = _outputs(head, sys.executable, inputs, Path(tmp_name), plan)
    print(f"{inputs}：{head}，各格式 --jobs 1 对 --jobs 2")
    differing = across_jobs(outputs)
    print("输出完全相同" if differing == 0 else f"共 {differing} 行不同")
    return 0 if differing == 0 else 1


def compare(inputs: Path, base: str, head: Path, plan: tuple[tuple[str, str, int], ...] = PLAN) -> int:
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="same-output-") as tmp_name:
        tmp = Path(tmp_name)
        tree = tmp / "base"
        subprocess.run(["git", "-C", str(head), "worktree", "add", "--detach", str(tree), base],
                       check=True, capture_output=True)  # fmt: skip
        try:
            (tmp / "a").mkdir()
            (tmp / "b").mkdir()
            before = _outputs(tree, python, inputs, tmp / "a", plan)
            after = _outputs(head, python, inputs, tmp / "b", plan)
        finally:
            subprocess.run(["git", "-C", str(head), "worktree", "remove", "--force", str(tree)], check=False)
    rev = subprocess.run(["git", "-C", str(head), "rev-parse", "--short", base], capture_output=True, text=True)
    print(f"{inputs}：{base}（{rev.stdout.strip()}）对 {head}")
    differing = sum(_diff(name, before[name], after[name]) for name in before)
    differing += across_jobs(after)
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
    comp.add_argument("--every", action="store_true", help="every format, with --jobs 1 and --jobs 2")
    jobs = sub.add_parser("jobs", help="one version: every format the same with --jobs 1 and --jobs 2")
    jobs.add_argument("dir", type=Path)
    jobs.add_argument("--head", type=Path, default=ROOT)
    args = parser.parse_args()
    if args.action == "inputs":
        make_inputs(args.dir, args.per_cell, args.tables)
    elif args.action == "jobs":
        raise SystemExit(same_across_jobs(args.dir.resolve(), args.head.resolve(), every()))
    else:
        raise SystemExit(compare(args.dir.resolve(), args.base, args.head.resolve(), every() if args.every else PLAN))


if __name__ == "__main__":
    main()
