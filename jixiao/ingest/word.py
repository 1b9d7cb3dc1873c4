"""Word documents (.docx): paragraphs and tables in document order, merged cells read once.

Read straight from the WordprocessingML with lxml (python-docx, used for writing, builds a
proxy object per row and cell and costs ten times the XML): the body's ``w:p`` and ``w:tbl``,
and what content controls (``w:sdt``) and custom-XML wrappers hold.  A table's rows are its
``w:tr``, a row's cells its ``w:tc``; a cell spanning columns (``w:gridSpan``) takes that many
column numbers, a cell continuing a vertical merge (``w:vMerge`` without ``restart``) is the
cell above it and is not read again, so the stream reads like the page.  A table nested in a
cell is read as a table of its own, after the text of the cell that holds it.  A wide merged
cell of ``标签：值`` pairs is handed on as label and value cells (``label_value``); paragraphs
outside tables are read as the lines of a text file (a table pasted as text).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jixiao.ingest.assemble import extract
from jixiao.ingest.budget import check_cells, check_count, open_package, parse_xml, read_member
from jixiao.ingest.cells import Cell, clean, text_cells
from jixiao.ingest.errors import IngestError
from jixiao.ingest.label_value import MIN_SPAN, split_pairs
from jixiao.ingest.narrative import cells_report
from jixiao.ingest.recheck_sheets import joined_and_numbered
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.model.evaluation import Evaluation

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _R, _T = (_W + n for n in ("p", "tbl", "tr", "tc", "r", "t"))
_SDT, _SDT_CONTENT, _CUSTOM_XML = _W + "sdt", _W + "sdtContent", _W + "customXml"
_BLOCKS, _ROWS, _CELLS = {_P, _TBL}, {_TR}, {_TC}
_WRAPPERS = {_SDT, _CUSTOM_XML}
"""Elements whose content stands where they stand (a content control, a custom-XML tag)."""
_RUN_WRAPPERS = {_W + "hyperlink", _SDT, _CUSTOM_XML, _W + "ins", _W + "moveTo", _W + "smartTag", _W + "fldSimple"}
"""Inside a paragraph: elements holding runs that are part of its visible text (tracked insertions
and moves kept; a tracked deletion ``w:del`` or the old place of a move ``w:moveFrom`` is text
the document no longer says, and is not read)."""
_GONE = {_W + "del", _W + "moveFrom"}
_RUN_TEXT = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
_BR, _TCPR, _GRID_SPAN, _VMERGE, _VAL = _W + "br", _W + "tcPr", _W + "gridSpan", _W + "vMerge", _W + "val"
_TRPR, _GRID_BEFORE, _CELL_DEL = _W + "trPr", _W + "gridBefore", _W + "cellDel"
_PLACEHOLDER = _W + "showingPlcHdr"
_WHAT = "Word（.docx）文档"
_MAIN = re.compile(
    rb'Type="[^"]*/officeDocument"[^>]*Target="/?([^"]+)"|Target="/?([^"]+)"[^>]*Type="[^"]*/officeDocument"'
)


def _unwrap(children: Any, tags: set[str]) -> Any:
    """The children, with each wrapper (a content control, …) replaced by what it holds."""
    for child in children:
        tag = child.tag
        if tag in _WRAPPERS:
            inner = _sdt_content(child) if tag == _SDT else child
            if inner is not None:
                yield from _unwrap(inner, tags)
        elif tag in tags:
            yield child


def _sdt_content(sdt: Any) -> Any:
    """A content control's content, or None while it shows its placeholder (``w:showingPlcHdr``:
    the template's prompt, such as 单击或点击此处输入文字。, stands where nothing was filled in)."""
    pr = _child(sdt, _W + "sdtPr")
    if pr is not None and _child(pr, _PLACEHOLDER) is not None:
        return None
    return _child(sdt, _SDT_CONTENT)


def _body_text(p: Any) -> str:
    """A paragraph's text outside tables: its ``w:t`` runs, text boxes included, without the runs
    of tracked deletions and moves (``w:del``, ``w:moveFrom``) and of placeholders shown."""
    return "".join(t.text or "" for t in p.iter(_T) if not _gone(t, p))


def _gone(t: Any, p: Any) -> bool:
    for up in t.iterancestors():
        if up is p:
            return False
        if up.tag in _GONE or (up.tag == _SDT and _sdt_content(up) is None):
            return True
    return False


def _run_text(run: Any) -> str:
    out = []
    for e in run:
        tag = e.tag
        if tag == _T:
            out.append(e.text or "")
        elif tag == _BR:
            out.append("\n" if e.get(_W + "type", "textWrapping") == "textWrapping" else "")
        elif tag in _RUN_TEXT:
            out.append(_RUN_TEXT[tag])
    return "".join(out)


def _paragraph_text(p: Any) -> str:
    out = []
    for e in p:
        if e.tag == _R:
            out.append(_run_text(e))
        elif e.tag in _RUN_WRAPPERS:
            inner = _sdt_content(e) if e.tag == _SDT else e
            if inner is not None:
                out.append(_paragraph_text(inner))
    return "".join(out)


def _number(element: Any, least: int = 1) -> int:
    """A ``w:val`` count (a span, a number of grid columns), ``least`` when absent or unreadable."""
    value = None if element is None else element.get(_VAL)
    return max(least, int(value)) if value is not None and value.isdigit() and len(value) < 6 else least


def _child(element: Any, tag: str) -> Any:
    """``element.find(tag)`` for a plain tag: the first child with that tag, or None (a walk of
    the few children, without lxml's path machinery, which costs more than the walk)."""
    for child in element:
        if child.tag == tag:
            return child
    return None


def _grid_before(tr: Any) -> int:
    """Grid columns left empty before a row's first cell (``w:trPr/w:gridBefore``)."""
    pr = _child(tr, _TRPR)
    before = None if pr is None else _child(pr, _GRID_BEFORE)
    return _number(before, least=0)


def _contents(tc: Any) -> tuple[Any, list[Any]]:
    """A cell's properties (``w:tcPr``, or None) and its paragraphs and nested tables in order,
    wrappers opened: one walk of its children for both."""
    pr, blocks = None, []
    for child in tc:
        tag = child.tag
        if tag in _BLOCKS:
            blocks.append(child)
        elif tag == _TCPR:
            pr = child if pr is None else pr
        elif tag in _WRAPPERS:
            blocks += _unwrap((child,), _BLOCKS)
    return pr, blocks


def _shown_rows(tbl: Any) -> Any:
    """A table's rows without those deleted as a tracked change (``w:trPr/w:del``): the row is
    struck through on the page and its figures are no longer the table's."""
    for tr in _unwrap(tbl, _ROWS):
        pr = _child(tr, _TRPR)
        if pr is None or _child(pr, _W + "del") is None:
            yield tr


def _table_text(tbl: Any) -> str:
    """A nested table's text, its cells in order (a cell continuing a vertical merge is empty),
    deeper tables within it too, one cell a line."""
    out = []
    for tr in _shown_rows(tbl):
        for tc in _unwrap(tr, _CELLS):
            _pr, blocks = _contents(tc)
            out += [_paragraph_text(b) if b.tag == _P else _table_text(b) for b in blocks]
    return "\n".join(t for t in out if t.strip())


def _span(pr: Any) -> tuple[int, str | None]:
    """(columns a cell spans, its vMerge value: None, "restart" or "continue"), from its ``w:tcPr``."""
    if pr is None:
        return 1, None
    span = merge = None
    for child in pr:
        tag = child.tag
        if tag == _GRID_SPAN:
            span = child if span is None else span
        elif tag == _VMERGE:
            merge = child if merge is None else merge
    return _number(span), None if merge is None else merge.get(_VAL, "continue")


class _Reader:
    """Walks a document body, numbering paragraphs and tables as the old reader did."""

    def __init__(self, path: Path, settings: Settings = DEFAULT) -> None:
        self.path = path
        self.settings = settings
        self.cells: list[Cell] = []
        self.paragraphs = 0
        self.tables = 0
        self.lines: list[tuple[int, str]] = []  # paragraphs since the last table: (number, text)

    def blocks(self, parent: Any) -> None:
        for child in _unwrap(parent, _BLOCKS):
            if child.tag == _P:
                self.paragraphs += 1
                text = _body_text(child).replace("\n", " ")
                if clean(text):
                    self.lines.append((self.paragraphs, text))
            else:
                self.table(child)
        self.flush()
        check_count(self.path, "cells", len(self.cells), "单元格数")

    def flush(self) -> None:
        """Paragraphs outside tables read as the lines of a text file: a table pasted into Word as
        text (``|`` between cells, cells spaced out or run together, one per line) splits into its
        cells as it would from a .txt; each cell keeps its paragraph's number."""
        numbers = [n for n, _text in self.lines]
        pieces = text_cells("\n".join(t for _n, t in self.lines), self.settings)
        self.cells += [
            Cell(c.text, numbers[(c.line or 1) - 1], c.row, c.column, unsure=c.unsure, preview=c.preview)
            for c in pieces
        ]
        self.lines = []

    def table(self, tbl: Any) -> None:
        self.flush()
        self.tables += 1
        sheet = f"表格{self.tables}"
        above: dict[int, int] = {}  # grid offset where a cell starts → the width of its merge's top
        for r, tr in enumerate(_shown_rows(tbl), start=1):
            here: dict[int, int] = {}
            offset, column = _grid_before(tr), 0
            cells = list(_unwrap(tr, _CELLS))
            for tc in cells:
                pr, blocks = _contents(tc)
                if pr is not None and _child(pr, _CELL_DEL) is not None:
                    continue  # a tracked deletion of the cell: the cells after it move left
                span, merge = _span(pr)
                top = above.get(offset) if merge == "continue" else None
                if top is not None:  # the cell above, met again: its width, not read again
                    here[offset] = top
                    column += top
                else:
                    here[offset] = span
                    self.cell(blocks, r, column + 1, span, sheet, inside=span < MIN_SPAN <= len(cells))
                    column += span
                offset += span
            above = here

    def cell(self, blocks: list[Any], row: int, column: int, span: int, sheet: str, inside: bool = False) -> None:
        """One cell's text; a table nested in it read after it as a table of its own, or, when
        ``inside`` (the cell one column of a wide row: a value of a form's row), read as the
        cell's own text, its cells in order — a note or a figure laid out in a little table is
        that row's value, not a table of its own."""
        if inside:
            text = clean("\n".join(_paragraph_text(b) if b.tag == _P else _table_text(b) for b in blocks))
            blocks = []
        else:
            text = clean("\n".join([_paragraph_text(b) for b in blocks if b.tag == _P]))
        if text:
            parts = split_pairs(text, span) if span >= MIN_SPAN else None
            if parts is None:
                self.cells.append(Cell(text, row=row, column=column, sheet=sheet))
            else:
                self.cells += [Cell(t, row=row, column=column + k, sheet=sheet) for k, t in enumerate(parts) if t]
        for table in blocks:
            if table.tag == _TBL:
                self.table(table)


def docx_cells(path: Path, settings: Settings = DEFAULT) -> list[Cell]:
    root: Any = _main_part(path)
    body = root.find(_W + "body")
    if body is None:
        raise IngestError(path, f"不是有效的 {_WHAT}（没有正文）")
    reader = _Reader(path, settings)
    reader.blocks(body)
    return check_cells(path, reader.cells)


def _main_part(path: Path) -> object:
    """The main document part's XML, found through the package relationships."""
    head = _head(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise IngestError(path, "是加密的 Word 文档或旧版 .doc 格式，无法直接读取（请另存为未加密的 .docx）")
    if not head:
        raise IngestError(path, "文件为空")
    with open_package(path, _WHAT) as archive:
        names = set(archive.namelist())
        rels = read_member(path, archive, "_rels/.rels", _WHAT) if "_rels/.rels" in names else b""
        found = _MAIN.search(rels)
        main = (found.group(1) or found.group(2)).decode("utf-8", "replace") if found else "word/document.xml"
        if main not in names:
            raise IngestError(path, f"不是有效的 {_WHAT}（缺少正文部件 {main}）")
        return parse_xml(path, read_member(path, archive, main, _WHAT), _WHAT)


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(8)
    except OSError as exc:
        raise IngestError(path, f"无法读取（{exc.strerror or type(exc).__name__}）") from None


def read_docx(path: Path, settings: Settings = DEFAULT) -> list[Evaluation]:
    """Every table of the document, a reviewer's 复核 table joined to the self-evaluation table
    it checks as in a workbook (``recheck_sheets``: each Word table is a place of its own)."""
    cells = docx_cells(path, settings)
    return joined_and_numbered(cells_report(extract(cells, path.name, settings), cells, path.name, settings))
