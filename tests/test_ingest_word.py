"""The .docx reader on WordprocessingML gives the cells python-docx gave, on every table the
tests write (seeds and corpus, whole, split across pages, rows free to break), and reads
content controls, nested tables and merges python-docx could not."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.ingest import read
from jixiao.ingest.word import docx_cells
from tests.documents import write_docx
from tests.docx_reference import python_docx_cells


def _all_tables(shared: Path) -> list:  # type: ignore[type-arg]
    files = sorted((shared / "seeds").glob("*.txt")) + sorted((shared / "corpus").glob("*.txt"))
    return [ev for f in files for ev in read(f) if ev.funds is not None]


def _stream(cells: list) -> list:  # type: ignore[type-arg]
    return [(c.text, c.location()) for c in cells]


def test_same_cells_as_python_docx(shared: Path, tmp_path: Path) -> None:
    tables = _all_tables(shared)
    assert len(tables) >= 50
    for n, ev in enumerate(tables):
        path = tmp_path / f"t{n}.docx"
        write_docx(ev, path, split_after=3 if n % 2 else None, flowing=n % 3 == 0)
        assert _stream(docx_cells(path)) == _stream(python_docx_cells(path)), n


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(tmp_path: Path, body: str) -> Path:
    import zipfile

    path = tmp_path / "made.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", f"<w:document {_W}><w:body>{body}</w:body></w:document>")
    return path


def _tc(text: str, pr: str = "") -> str:
    return f"<w:tc>{f'<w:tcPr>{pr}</w:tcPr>' if pr else ''}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_merges_controls_and_nested_tables(tmp_path: Path) -> None:
    restart, below, two = '<w:vMerge w:val="restart"/>', "<w:vMerge/>", '<w:gridSpan w:val="2"/>'
    body = (
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>标题</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        "<w:tbl>"
        f"<w:tr>{_tc('项目名称', restart)}{_tc('甲', two)}{_tc('乙')}</w:tr>"
        f"<w:tr>{_tc('', below)}<w:sdt><w:sdtContent>{_tc('控件')}</w:sdtContent></w:sdt>{_tc('丙')}</w:tr>"
        "<w:tr><w:tc><w:p><w:r><w:t>外</w:t><w:tab/><w:t>层</w:t></w:r></w:p>"
        f"<w:tbl><w:tr>{_tc('内1')}{_tc('内2')}</w:tr></w:tbl><w:p/></w:tc></w:tr>"
        "</w:tbl>"
    )
    cells = docx_cells(_docx(tmp_path, body))
    assert [(c.text, c.sheet, c.row, c.column, c.line) for c in cells] == [
        ("标题", None, None, None, 1),
        ("项目名称", "表格1", 1, 1, None),
        ("甲", "表格1", 1, 2, None),
        ("乙", "表格1", 1, 4, None),
        ("控件", "表格1", 2, 2, None),
        ("丙", "表格1", 2, 3, None),
        ("外 层", "表格1", 3, 1, None),
        ("内1", "表格2", 1, 1, None),
        ("内2", "表格2", 1, 2, None),
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("<w:p><w:r><w:t>x</w:t></w:r>", "不是有效的 Word（.docx）文档（XML 结构有误（第 1 行第 "),
        (f"<w:tbl><w:tr>{_tc('1' * 41)}</w:tr></w:tbl>", "超出读取限制：表格1第 1 行第 1 列有一串 41 位的数字"),
    ],
)
def test_damage_named(tmp_path: Path, body: str, message: str) -> None:
    from jixiao.ingest import IngestError

    path = _docx(tmp_path, body)
    with pytest.raises(IngestError) as exc:
        docx_cells(path)
    assert str(exc.value).startswith(f"文件 {path}：{message}")
