"""Sheets whose grid would pass the budget are read cell by cell from their XML, with the
cells calamine gives; a sparse sheet costs what its cells cost."""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

from jixiao.ingest import excel, read
from jixiao.ingest.xlsx_parts import Package, measure, scan, sheet_parts
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


def test_measure_counts_as_three_searches_would() -> None:
    """``measure`` finds cells, rows and values in one pass: the same counts as one search for
    each, on cells placed by reference and by order, with namespace prefixes and malformed tags."""
    assert (lambda s: (s.values, s.rows, s.columns))(measure("p", _SHEET)) == (3, 5, 28)
    assert (lambda s: (s.values, s.rows, s.columns))(measure("p", b"<row><c><v>1</v></c><c/></row>")) == (1, 3, 2)
    # no element with a prefix: searched by the patterns that open with their literal, the same counts
    assert (lambda s: (s.values, s.rows, s.columns))(measure("p", _SHEET.replace(b"x:", b""))) == (3, 5, 28)
    atoms = [b"<c ", b"<c>", b"<c/>", b"<x:c ", b"<c:v>", b"<v:c>", b"<row ", b"<row>", b"<x:row/", b"<v>",
             b"<is>", b"<v ", b'r="A1"', b' r="XFD9"', b'r="ZZ12"', b"<cols>", b"<col ", b">", b"<", b"c",
             b"x:", b" ", b"/", b'r="A', b'1"', b"<c-x ", b"<is/>", b"<vv>"]  # fmt: skip
    rnd = random.Random(5)
    for _ in range(3000):
        data = b"".join(rnd.choice(atoms) for _ in range(rnd.randint(0, 30)))
        found = measure("p", data)
        assert (found.values, found.rows, found.columns) == _three_searches(data), data


_SHEET = (
    b'<worksheet><sheetData><row r="2"><c r="A2" t="s"><v>0</v></c><x:c r="AB5"><x:v>2</x:v></x:c></row>'
    b'<row r="3"><c r="B3" t="inlineStr"><is><t>x</t></is></c><c r="C3"/></row></sheetData></worksheet>'
)


def _three_searches(data: bytes) -> tuple[int, int, int]:
    """The counts as ``scan`` made them before ``measure``: one search for each."""
    from openpyxl.utils import column_index_from_string

    refs = list(re.finditer(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"', data))
    columns = max((column_index_from_string(m.group(1).decode()) for m in refs), default=0)
    rows = max((int(m.group(2)) for m in refs), default=0)
    cells = len(re.findall(rb"<(?:\w+:)?c[\s>/]", data))
    if len(refs) < cells:
        columns += cells - len(refs)
        rows = max(rows, len(re.findall(rb"<(?:\w+:)?row[\s>/]", data))) + cells - len(refs)
    return len(re.findall(rb"<(?:\w+:)?(?:v|is)[\s>]", data)), rows, columns
