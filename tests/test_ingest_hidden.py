"""Spreadsheet parts a printed sheet does not show (hidden columns, rows, sheets) are not read,
and a wide merged ``标签：值`` cell reads as its labels and values."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from jixiao.ingest.excel import sheet_cells
from jixiao.ingest.hidden import Hidden, hidden_parts, sheet_hidden
from jixiao.ingest.label_value import split_pairs


def _book(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws["A1"], ws["B1"], ws["C1"] = "a3f9c0de", "项目名称", "社会保险标准化工作经费"
    ws["B2"], ws["C2"] = "工作行", "删除前的草稿"
    ws["B3"] = "项目名称：社会保险标准化工作经费    主管部门：昌吉州人社局"
    ws.merge_cells("B3:E3")
    ws.column_dimensions["A"].hidden = True
    ws.row_dimensions[2].hidden = True
    codes = wb.create_sheet("代码表")
    codes["A1"] = "项目名称"
    codes.sheet_state = "hidden"
    wb.save(path)


def test_hidden_columns_rows_and_sheets(tmp_path: Path) -> None:
    book = tmp_path / "export.xlsx"
    _book(book)
    assert hidden_parts(book)["自评表"] == Hidden(frozenset({1}), frozenset({2}))
    ((name, cells),) = sheet_cells(book)
    assert name == "自评表"
    assert [(c.text, c.cell, c.column) for c in cells] == [
        ("项目名称", "B1", 2),
        ("社会保险标准化工作经费", "C1", 3),
        ("项目名称", "B3", 2),
        ("社会保险标准化工作经费", "B3", 3),
        ("主管部门", "B3", 4),
        ("昌吉州人社局", "B3", 5),
    ]


def test_hidden_parts_of_what_is_not_an_xlsx(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really")
    assert hidden_parts(bad) == {}
    assert hidden_parts(tmp_path / "old.xls") == {}


def test_label_value_pairs() -> None:
    assert split_pairs("项目名称：义务教育 营养改善    主管部门：永德县教育局 实施单位：永德县明朗中学", 9) == [
        "项目名称", "义务教育 营养改善", "主管部门", "永德县教育局", "实施单位", "永德县明朗中学",
    ]  # fmt: skip
    assert split_pairs("项 目 名 称：“金保工程”", 4) == ["项 目 名 称", "“金保工程”"]
    assert split_pairs("项目名称：X", 2) is None  # not wide: not a header cell
    assert split_pairs("其中：当年财政拨款", 1) is None
    assert split_pairs("主管部门：    实施单位：", 6) is None  # labels only: the values are elsewhere
    assert split_pairs("2021年度项目支出绩效自评表", 9) is None


def test_hidden_columns_and_rows_of_an_xls(tmp_path: Path) -> None:
    """The same workbook saved as Excel 97–2003 by LibreOffice: the hidden column and row come
    from its BIFF records, the hidden sheet from calamine."""
    from tests.families.formats import convert

    book = tmp_path / "export.xlsx"
    _book(book)
    convert([book], ".xls", tmp_path)
    xls = tmp_path / "export.xls"
    assert hidden_parts(xls)["自评表"] == Hidden(frozenset({1}), frozenset({2}))
    ((name, cells),) = sheet_cells(xls)
    assert name == "自评表"
    assert [c.text for c in cells] == ["项目名称", "社会保险标准化工作经费", "项目名称", "社会保险标准化工作经费",
                                       "主管部门", "昌吉州人社局"]  # fmt: skip


def test_damaged_compound_files_are_read_whole(tmp_path: Path) -> None:
    from tests.families.formats import convert

    book = tmp_path / "export.xlsx"
    _book(book)
    convert([book], ".xls", tmp_path)
    data = (tmp_path / "export.xls").read_bytes()
    looped = bytearray(data)
    looped[0x30:0x34] = (0).to_bytes(4, "little")  # the directory starts in sector 0 …
    first_fat = int.from_bytes(data[0x4C:0x50], "little")
    at = (first_fat + 1) * 512
    looped[at : at + 4] = (0).to_bytes(4, "little")  # … whose FAT entry points to itself
    for n, damaged in enumerate([data[:600], data[:8] + b"\x00" * 600, bytes(looped), b"\xd0\xcf" * 4]):
        path = tmp_path / f"d{n}.xls"
        path.write_bytes(damaged)
        assert hidden_parts(path) == {}, n


def test_sheet_hidden_from_bytes() -> None:
    """A sheet whose bytes never say ``hidden`` hides nothing and is not parsed (not even when
    it is no XML at all); one that does is parsed for its hidden columns and rows."""
    assert sheet_hidden(b"<worksheet><cols><col min='1' max='3'/></cols></worksheet") == Hidden()
    shown = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    body = b'<cols><col min="2" max="3" hidden="1"/><col min="5" max="5" hidden="0"/></cols>'
    rows = b'<sheetData><row r="4" hidden="true"/><row r="6"/></sheetData></worksheet>'
    assert sheet_hidden(shown + body + rows) == Hidden(frozenset({2, 3}), frozenset({4}))
    assert sheet_hidden(b"<worksheet hidden") == Hidden()  # says hidden, is no XML: hides nothing
