"""``ruled.cells_of`` gives pdfplumber's cells, the same ones in the same order: on the pages of
real ruled PDFs (LibreOffice's tables from the seeds, split and flowing across pages, and the
hostile generator's ruled pages) and on random grids of lines, gaps, overlaps and all."""

from __future__ import annotations

import math
from pathlib import Path

import pypdfium2 as pdfium
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.table import TableFinder, TableSettings, edges_to_intersections, intersections_to_cells

from jixiao.ingest import read
from jixiao.ingest.pdfium_page import PdfiumPage
from jixiao.ingest.ruled import RuledTables, cells_of
from tests.documents import to_pdfs, write_docx
from tests.hostile import ruled_pdf


def _pages(path: Path) -> list[PdfiumPage]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [PdfiumPage(pdf[k]) for k in range(len(pdf))]
    finally:
        pdf.close()


def test_same_cells_and_tables_as_pdfplumber_on_pdfs(shared: Path, tmp_path: Path) -> None:
    tables = [ev for f in sorted((shared / "seeds").glob("*.txt")) for ev in read(f) if ev.funds is not None][:6]
    docs = []
    for n, ev in enumerate(tables):
        docs.append(tmp_path / f"t{n}.docx")
        write_docx(ev, docs[-1], split_after=4 if n % 3 == 1 else None, flowing=n % 3 == 2)
    pdfs = to_pdfs(docs, tmp_path)
    assert len(pdfs) == len(tables) == 6, "LibreOffice (soffice) is needed: make system-deps"
    for pages in (1, 3):
        pdfs.append(tmp_path / f"ruled{pages}.pdf")
        pdfs[-1].write_bytes(ruled_pdf(pages=pages, rows=12))
    checked = 0
    for path in pdfs:
        for page in _pages(path):
            theirs = TableFinder(page, TableSettings.resolve(None))  # type: ignore[arg-type]
            ours = RuledTables(page)
            assert ours.cells == theirs.cells, path.name
            assert [t.bbox for t in ours.tables] == [t.bbox for t in theirs.tables], path.name
            checked += len(ours.cells)
    assert checked > 500


def _edge(orientation: str, at: float, start: float, length: float) -> dict[str, object]:
    if orientation == "h":
        x0, x1, top, bottom = start, start + length, at, at
    else:
        x0, x1, top, bottom = at, at, start, start + length
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
            "orientation": orientation, "object_type": "line"}  # fmt: skip


_lines = st.lists(
    st.tuples(st.sampled_from("hv"), st.integers(0, 8), st.integers(0, 8), st.integers(0, 8)), max_size=24
)


@settings(max_examples=300, deadline=None)
@given(_lines, st.sampled_from([1.0, 0.5, 10.0]))
def test_same_cells_as_pdfplumber_on_random_grids(lines: list[tuple[str, int, int, int]], scale: float) -> None:
    edges = [_edge(o, at * scale, start * scale, length * scale) for o, at, start, length in lines]
    intersections = edges_to_intersections(edges, 1, 1)
    assert cells_of(intersections) == intersections_to_cells(intersections)


def test_nan_coordinates_left_to_pdfplumber() -> None:
    """A crossing at NaN (a damaged matrix) equals nothing, not even itself: grouping by value
    would join what pdfplumber's comparisons keep apart, so such a page is left to pdfplumber."""
    edges = [_edge("h", 0, 0, 4), _edge("h", 4, 0, 4), _edge("v", 0, 0, 4), _edge("v", 4, 0, 4)]
    intersections = edges_to_intersections(edges, 1, 1)
    nan = math.nan
    odd = _edge("v", nan, 0, 4)
    intersections[(nan, 0.0)] = {"v": [odd], "h": [edges[0]]}
    intersections[(nan, 4.0)] = {"v": [odd], "h": [edges[1]]}
    assert cells_of(intersections) == intersections_to_cells(intersections) == [(0, 0, 4, 4)]
