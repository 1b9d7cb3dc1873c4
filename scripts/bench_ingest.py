"""Benchmark: reading self-evaluation tables from text, .docx, .xlsx and .pdf.

For each format, the time the underlying library alone takes to open the files and hand over
every cell's text is measured beside jixiao's full read (library + cell stream + extraction),
so the figure that matters is the overhead jixiao adds (goal: at most 30%).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jixiao.ingest import read  # noqa: E402
from tests.documents import to_pdf, write_docx, write_xlsx  # noqa: E402

SEED = ROOT.parent / "shared" / "seeds" / "004_54816bb8253fb7bd.txt"


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


def timed(files: list[Path], fn: Callable[[Path], object], rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for f in files:
            fn(f)
    return time.perf_counter() - start


def main() -> None:
    tables = read(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        docx = []
        xlsx = []
        for n, ev in enumerate(tables):
            d, x = out / f"t{n}.docx", out / f"t{n}.xlsx"
            write_docx(ev, d)
            write_xlsx(ev, x)
            docx.append(d)
            xlsx.append(x)
        pdf = [p for p in (to_pdf(d, out) for d in docx[:6]) if p is not None]
        cases = [
            ("文本 .txt", [SEED], library_text, 20, len(tables)),
            ("Word .docx", docx, library_docx, 3, 1),
            ("Excel .xlsx", xlsx, library_xlsx, 3, 1),
            ("PDF .pdf", pdf, library_pdf, 1, 1),
        ]
        print(f"{'格式':<12}{'表格/秒':>10}{'库本身(秒)':>12}{'jixiao(秒)':>12}{'增加':>8}")
        for label, files, library, rounds, per_file in cases:
            if not files:
                print(f"{label:<12} 未测（缺少 LibreOffice）")
                continue
            base = timed(files, library, rounds)
            full = timed(files, read, rounds)
            count = len(files) * rounds * per_file
            print(f"{label:<12}{count / full:>10,.0f}{base:>12.3f}{full:>12.3f}{(full - base) / base:>8.0%}")


if __name__ == "__main__":
    main()
