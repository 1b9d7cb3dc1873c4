"""No formula injection: text from the documents that a spreadsheet would run (``=``, ``+``,
``-``, ``@``, tab, CR first) is written as text by every writer of .xlsx and .csv."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from jixiao.render.cells import csv_row, is_risky
from jixiao.render.outputs import Target, render
from jixiao.render.review_xlsx import write_xlsx
from jixiao.review import review
from tests.conftest import seed004_table

HOSTILE = {
    "project_name": '=HYPERLINK("http://example.invalid/","点击")',
    "implementing_unit": "=cmd|' /C calc'!A0",
    "department": "@SUM(1+1)*cmd|' /C calc'!A0",
}
ROW = {"name": "+1+cmd|' /C calc'!A0", "deviation_note": "-2+3", "target": "\t=1+1", "actual": "\r=2+2"}


def _review():  # type: ignore[no-untyped-def]
    ev = seed004_table(8)
    first = ev.indicators[0].model_copy(update=ROW)
    return review(ev.model_copy(update={**HOSTILE, "indicators": [first, *ev.indicators[1:]]}))


def _texts(data: bytes) -> dict[str, tuple[str, bool]]:
    """Every cell holding one of the hostile texts: its type and whether it is quote-prefixed."""
    book = load_workbook(io.BytesIO(data))
    wanted = {w.strip() for w in (*HOSTILE.values(), *ROW.values())}
    found = {}
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                # XlsxWriter stores a CR as _x000D_, which openpyxl reads back as written
                value = cell.value.replace("_x000D_", "\r") if isinstance(cell.value, str) else None
                if value is not None and any(w in value for w in wanted):
                    found[value.strip()] = (cell.data_type, bool(cell.quotePrefix))
    return found


def test_the_rule() -> None:
    assert [is_risky(t) for t in ("=1", "+1", "-1", "@a", "\t1", "\r1", "a=1", "", "—")] == [
        True, True, True, True, True, True, False, False, False
    ]  # fmt: skip
    assert not is_risky(Decimal("-5")) and not is_risky(-5)


def test_csv_cells_get_an_apostrophe() -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(csv_row(["=1+1", "@x", "正常", -5, "-5"]))
    assert buffer.getvalue() == "'=1+1,'@x,正常,-5,'-5\r\n"


def test_summary_xlsx() -> None:
    found = _texts(render([_review()], Target.SUMMARY, ".xlsx"))
    assert found[HOSTILE["project_name"]] == ("s", True)
    assert found[HOSTILE["implementing_unit"]] == ("s", True)
    assert found[HOSTILE["department"]] == ("s", True)


def test_review_xlsx() -> None:
    r = _review()
    found = _texts(write_xlsx([r]))
    assert found[HOSTILE["project_name"]] == ("s", True)
    assert found and all(kind == "s" and quoted for kind, quoted in found.values())


def test_standard_xlsx() -> None:
    found = _texts(render([_review()], Target.XLSX))
    for text in (*HOSTILE.values(), ROW["name"], ROW["target"], ROW["actual"], ROW["deviation_note"]):
        assert found.get(text.strip()) == ("s", True), text


def test_review_xlsx_from_the_command_line(tmp_path: Path) -> None:
    from tests.test_cli import run

    doc = tmp_path / "恶意.txt"
    source = next((Path(__file__).resolve().parents[2] / "shared" / "corpus").glob("031.txt")).read_text("utf-8")
    lines = source.splitlines()
    name = next(i for i, line in enumerate(lines) if line.startswith("项目名称"))
    lines[name + 1 if lines[name].strip() == "项目名称" else name] = '项目名称\t=HYPERLINK("http://x","点击")'
    doc.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "review.xlsx"
    run("review", str(doc), "-f", "xlsx", "-o", str(out), "--jobs", "1")
    ws = load_workbook(out).active
    assert ws is not None
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
