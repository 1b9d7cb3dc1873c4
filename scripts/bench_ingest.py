"""Benchmark: reading self-evaluation tables from text, .docx, .xlsx and .pdf.

For each format, the time the underlying library alone takes to open the files and hand over
every cell's text is measured beside jixiao's full read (library + cell stream + extraction),
so the figure that matters is what jixiao adds to the library.

Every file is different and read once per pass: the tables are the seeds' 37 tables in
``copies`` variants (project and indicator names, figures and results changed), so no cell
text is served from a cache a previous file filled; jixiao's caches are emptied before each
pass.  Text files are written one cell per line (the seed-004 layout) from the same grids.

Each format's figure is printed beside its target (``TARGETS``, tables a second on one core,
issues 12 and 16): by CPU seconds of this process, which other work on a shared machine does
not inflate as much as it does the wall clock, and by wall clock.  A .pdf's target is a ratio:
at least ``PDF_SPEEDUP`` times pdfplumber reading the same files alone, measured in the same run.
``--dir`` keeps the written files, so that two versions of the code can be timed on the same bytes.
"""

from __future__ import annotations

import argparse
import functools
import gc
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jixiao.ingest import read  # noqa: E402
from jixiao.model.evaluation import Evaluation  # noqa: E402
from tests.documents import layout, to_pdfs, write_docx, write_xlsx  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
_NUMBER = re.compile(r"\d+")
TARGETS = {".txt": 800, ".docx": 310, ".xlsx": 1450}
"""Tables a second on one core: text and .xlsx as issue 12 asks, .docx five times the 62 of
issue 16's start."""
PDF_SPEEDUP = 3
"""A ruled .pdf table read at least this many times as fast as by pdfplumber alone (issue 16)."""


def variants(evaluations: list[Evaluation], copies: int) -> Iterator[Evaluation]:
    """Each table ``copies`` times over, every name and figure of each copy its own."""
    for n in range(copies):
        for ev in evaluations:
            if ev.funds is None or not ev.indicators:
                continue
            bump = Decimal(n) / 100
            funds = ev.funds.model_copy(
                update={
                    "adjusted_budget": (ev.funds.adjusted_budget or Decimal(0)) + bump,
                    "executed": (ev.funds.executed or Decimal(0)) + bump,
                }
            )
            rows = [
                ind.model_copy(
                    update={
                        "name": f"{ind.name}{n}",
                        "actual": _NUMBER.sub(lambda m, n=n: str(int(m.group(0)) + n), ind.actual or "完成"),
                        "deviation_note": f"第{n}次说明" if ind.deviation_note else None,
                    }
                )
                for ind in ev.indicators
            ]
            yield ev.model_copy(
                update={"project_name": f"{ev.project_name}（{n}）", "funds": funds, "indicators": rows}
            )


def write_text(ev: Evaluation, path: Path) -> None:
    """One cell per line behind a tab, blank lines between rows: the seed-004 text layout."""
    grid, _merges, _first = layout(ev)
    lines: list[str] = []
    for row in grid:
        lines.extend(f"\t{text}" for text in row if text)
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def library_text(path: Path) -> int:
    return len(path.read_bytes().decode("utf-8").splitlines())


def library_docx(path: Path) -> int:
    from docx import Document

    doc = Document(str(path))
    return sum(len(cell.text) for table in doc.tables for row in table.rows for cell in row.cells)


def library_xlsx(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    return sum(len(wb.get_sheet_by_name(n).to_python()) for n in wb.sheet_names)


def library_pdf(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return sum(len(t.extract()) for page in pdf.pages for t in page.find_tables())


def clear_caches() -> None:
    """Empty every memo of the reading code, so a pass starts as a fresh process would: every
    module of ``jixiao.ingest`` and ``jixiao.model`` loaded so far, not a list that a new module's
    memos (``unglue``'s were missed) could slip past."""
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(("jixiao.ingest", "jixiao.model")):
            continue
        for obj in vars(module).values():
            if isinstance(obj, functools._lru_cache_wrapper):
                obj.cache_clear()


def timed(files: list[Path], fn: Callable[[Path], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) to read every file once, caches emptied first."""
    clear_caches()
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    for f in files:
        fn(f)
    return time.perf_counter() - wall, time.process_time() - cpu


WRITERS: dict[str, Callable[[Evaluation, Path], None]] = {".txt": write_text, ".docx": write_docx, ".xlsx": write_xlsx}


def _listed(out: Path, ext: str) -> list[Path]:
    return sorted(out.glob(f"t*{ext}"), key=lambda p: int(p.stem[1:]))


def write_format(out: Path, ext: str, tables: list[Evaluation]) -> list[Path]:
    """One format's files in ``out``, written once: a marker names the count, so a folder holding
    them from an earlier run with the same count is read as it is."""
    done = out / f"written{ext}-{len(tables)}"
    if not done.exists():
        for n, ev in enumerate(tables):
            WRITERS[ext](ev, out / f"t{n}{ext}")
        done.touch()
    return [out / f"t{n}{ext}" for n in range(len(tables))]


def write_pdfs(out: Path, tables: list[Evaluation], pdfs: int) -> list[Path]:
    """``pdfs`` of the tables as .pdf, converted from .docx by LibreOffice (none without it)."""
    if pdfs <= 0:
        return []
    done = out / f"written.pdf-{len(tables)}-{pdfs}"
    if done.exists():
        return _listed(out, ".pdf")
    step = max(1, len(tables) // pdfs)
    picked = list(range(len(tables)))[::step][:pdfs]
    sources = out / "pdf-sources"
    sources.mkdir(exist_ok=True)
    docx = []
    for n in picked:
        write_docx(tables[n], sources / f"t{n}.docx")
        docx.append(sources / f"t{n}.docx")
    files = to_pdfs(docx, out)
    if files:
        done.touch()
    return files


def write_files(out: Path, copies: int, pdfs: int, formats: list[str]) -> dict[str, list[Path]]:
    """The bench's files in ``out``, only of the formats asked for."""
    seeds = [ev for f in sorted(SEEDS.glob("*.txt")) for ev in read(f)]
    tables = list(variants(seeds, copies))
    files = {ext: write_format(out, ext, tables) for ext in WRITERS if ext in formats}
    if ".pdf" in formats:
        files[".pdf"] = write_pdfs(out, tables, pdfs)
    return files


def _verdict(value: float, target: float) -> str:
    return "达标" if value >= target else "未达标"


def report(label: str, ext: str, files: list[Path], library: Callable[[Path], object]) -> None:
    """One format's line: tables a second by CPU and by wall clock, the library alone, the target."""
    base_wall, base_cpu = timed(files, library)
    wall, cpu = timed(files, read)
    per = 1000 / len(files)
    if ext == ".pdf":
        speedup = base_cpu / cpu
        verdict = _verdict(speedup, PDF_SPEEDUP)
        target = f"≥ {PDF_SPEEDUP} 倍 pdfplumber：{speedup:.1f} 倍（墙钟 {base_wall / wall:.1f} 倍），{verdict}"
    else:
        rate = len(files) / cpu
        target = f"≥ {TARGETS[ext]:,}：{_verdict(rate, TARGETS[ext])}"
    print(
        f"{label:<12}{len(files):>6}{len(files) / cpu:>10,.0f}{len(files) / wall:>10,.0f}"
        f"{base_cpu * per:>12.3f}{cpu * per:>12.3f}  {target}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10, help="variants of each seed table (default 10)")
    parser.add_argument("--pdf", type=int, default=12, help="tables converted to PDF (default 12)")
    parser.add_argument("--dir", type=Path, help="keep the files here and read them again next time")
    parser.add_argument("--only", choices=[".txt", ".docx", ".xlsx", ".pdf"], action="append", help="formats to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.dir or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        formats = args.only or [".txt", ".docx", ".xlsx", ".pdf"]
        if args.pdf <= 0 and ".pdf" in formats:
            formats.remove(".pdf")
        files = write_files(out, args.copies, args.pdf, formats)
        cases = [
            ("文本 .txt", ".txt", library_text),
            ("Word .docx", ".docx", library_docx),
            ("Excel .xlsx", ".xlsx", library_xlsx),
            ("PDF .pdf", ".pdf", library_pdf),
        ]
        count = max(len(v) for v in files.values()) if files else 0
        print(f"{count} 张不同的自评表（种子表 × {args.copies} 个变体），每个文件一张表、各读一遍")
        print(f"{'格式':<12}{'文件':>6}{'表/CPU秒':>10}{'表/秒':>10}{'库(毫秒/表)':>12}{'jixiao':>12}  目标（每核）")
        for label, ext, library in cases:
            if ext not in formats:
                continue
            if not files[ext]:
                print(f"{label:<12} 未测（缺少 LibreOffice）")
                continue
            report(label, ext, files[ext], library)
        print("表/CPU秒、毫秒/表按本进程的 CPU 时间；表/秒按墙钟（共用机器上受其他负载影响）")


if __name__ == "__main__":
    main()
