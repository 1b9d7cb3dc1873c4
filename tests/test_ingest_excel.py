"""Sheets whose grid would pass the budget are read cell by cell from their XML, with the
cells calamine gives; a sparse sheet costs what its cells cost."""

from __future__ import annotations

import zipfile
from pathlib import Path

from jixiao.ingest import excel, read
from jixiao.ingest.xlsx_parts import Package, scan, sheet_parts
from tests.documents import write_xlsx
from tests.hostile import Bases, _sparse_sheet


def test_cell_by_cell_reading_matches_calamine(shared: Path, tmp_path: Path) -> None:
    tables = [ev for f in sorted((shared / "seeds").glob("*.txt")) for ev in read(f) if ev.funds is not None]
    for n, ev in enumerate(tables):
        path = tmp_path / f"t{n}.xlsx"
        write_xlsx(ev, path)
        with zipfile.ZipFile(path) as archive:
            package = Package(path, archive)
            done = {
                name: (package.cells(part), package.merges(part)) for name, part in sheet_parts(path, archive).items()
            }
        assert excel._calamine_sheets(path, done, {}) == excel._calamine_sheets(path, {}, {}), n


def test_sparse_sheet_scanned_not_built(tmp_path: Path) -> None:
    path = tmp_path / "sparse.xlsx"
    path.write_bytes(_sparse_sheet(Bases(tables=1)))
    with zipfile.ZipFile(path) as archive:
        found = scan(path, archive, sheet_parts(path, archive)["自评表"])
    assert (found.values, found.rows, found.columns) == (2, 1_048_576, 16_384)
    (name, cells), *_ = excel.sheet_cells(path)
    assert (name, [(c.text, c.cell) for c in cells]) == ("自评表", [("项目名称", "A1"), ("1", "XFD1048576")])
