"""Benchmark: reading self-evaluation tables from text, .docx, .xlsx and .pdf.

For each format, the time the underlying library alone takes to open the files and hand over
every cell's text is measured beside jixiao's full read (library + cell stream + extraction),
so the figure that matters is what jixiao adds to the library.

Every file is different and read once per pass: the tables are the seeds' 37 tables in
``copies`` variants (project and indicator names, figures and results changed), so no cell
text is served from a cache a previous file filled; jixiao's caches are emptied before each
pass.  Text files are written one cell per line (the seed-004 layout) from the same grids.
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

from jixiao.ingest import cell_passes, cells, excel, glued_rows, labels, normalise, read, regions, shapes  # noqa: E402
from jixiao.ingest import table as table_stage  # noqa: E402
from jixiao.ingest.sections import columns, rows  # noqa: E402
from jixiao.model import values, vocabulary, writing  # noqa: E402
from jixiao.model.evaluation import Evaluation  # noqa: E402
from tests.documents import layout, to_pdfs, write_docx, write_xlsx  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
_NUMBER = re.compile(r"\d+")


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
    """Empty every memo of the reading code, so a pass starts as a fresh process would."""
    for module in (
        cells,
        excel,
        cell_passes,
        regions,
        shapes,
        columns,
        rows,
        labels,
        normalise,
        values,
        vocabulary,
        writing,
        glued_rows,
        table_stage,
    ):
        for obj in vars(module).values():
            if isinstance(obj, functools._lru_cache_wrapper):
                obj.cache_clear()


def timed(files: list[Path], fn: Callable[[Path], object]) -> float:
    clear_caches()
    gc.collect()
    start = time.perf_counter()
    for f in files:
        fn(f)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10, help="variants of each seed table (default 10)")
    parser.add_argument("--pdf", type=int, default=12, help="tables converted to PDF (default 12)")
    args = parser.parse_args()
    seeds = [ev for f in sorted(SEEDS.glob("*.txt")) for ev in read(f)]
    tables = list(variants(seeds, args.copies))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        text, docx, xlsx = [], [], []
        for n, ev in enumerate(tables):
            t, d, x = out / f"t{n}.txt", out / f"t{n}.docx", out / f"t{n}.xlsx"
            write_text(ev, t)
            write_docx(ev, d)
            write_xlsx(ev, x)
            text.append(t)
            docx.append(d)
            xlsx.append(x)
        step = max(1, len(docx) // max(1, args.pdf))
        pdf = to_pdfs(docx[::step][: args.pdf], out)
        cases = [
            ("文本 .txt", text, library_text),
            ("Word .docx", docx, library_docx),
            ("Excel .xlsx", xlsx, library_xlsx),
            ("PDF .pdf", pdf, library_pdf),
        ]
        print(f"{len(tables)} 张不同的自评表（{len(seeds)} 张种子表 × {args.copies} 个变体），每个文件一张表、各读一遍")
        print(f"{'格式':<12}{'文件':>6}{'表格/秒':>10}{'库本身(毫秒/表)':>16}{'jixiao(毫秒/表)':>16}{'增加':>8}")
        for label, files, library in cases:
            if not files:
                print(f"{label:<12} 未测（缺少 LibreOffice）")
                continue
            base = timed(files, library)
            full = timed(files, read)
            per = 1000 / len(files)
            print(
                f"{label:<12}{len(files):>6}{len(files) / full:>10,.0f}{base * per:>16.3f}{full * per:>16.3f}"
                f"{(full - base) / base:>8.0%}"
            )


if __name__ == "__main__":
    main()
