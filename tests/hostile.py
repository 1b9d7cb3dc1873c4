"""Hostile and broken input files: what a finance bureau's unchecked batch may hold.

``generate(folder, count, seed)`` writes ``count`` files and returns them with what reading each
must give.  The first files are the named attacks, one of each kind (a sparse sheet with a cell
at XFD1048576, spans of 100,000 rows and columns, a zip bomb and a zip that lies about its
sizes, an XML entity bomb, a 2,000-page PDF, a 200 MB text, NaN / Infinity / 1e400 /
5,000-digit numbers / deep nesting in JSON, odd encodings, damaged zips and XML); the rest are
valid documents of every format made from the seed tables and then damaged at random
(truncated, bits flipped, bytes deleted, repeated or inserted, zip members rewritten).  The
same seed always gives the same files.  Used by ``tests/test_ingest_hostile.py`` (a few
dozen, in ``make test``) and ``scripts/fuzz.py`` (thousands, through the CLI, in ``make fuzz``).
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@dataclass(frozen=True)
class Hostile:
    """One file written, and the start of the Chinese error expected after ``文件 <path>``
    (``None``: any outcome but a traceback; ``""``: read without error)."""

    path: Path
    kind: str
    expect: str | None = None


class Bases:
    """Valid documents of each format, made once from the seed tables (bytes in memory)."""

    def __init__(self, tables: int = 6) -> None:
        self.tables = tables

    @cached_property
    def evaluations(self) -> list:  # type: ignore[type-arg]
        from jixiao.ingest import read

        found = [ev for f in sorted((SHARED / "seeds").glob("*.txt")) for ev in read(f)]
        return [ev for ev in found if ev.funds is not None and ev.indicators][: self.tables]

    def _made(self, suffix: str, write: Callable[..., None]) -> list[bytes]:
        import tempfile

        out = []
        with tempfile.TemporaryDirectory() as tmp:
            for n, ev in enumerate(self.evaluations):
                path = Path(tmp) / f"b{n}{suffix}"
                write(ev, path)
                out.append(path.read_bytes())
        return out

    @cached_property
    def docx(self) -> list[bytes]:
        from tests.documents import write_docx

        return self._made(".docx", write_docx)

    @cached_property
    def xlsx(self) -> list[bytes]:
        from tests.documents import write_xlsx

        return self._made(".xlsx", write_xlsx)

    @cached_property
    def html(self) -> list[bytes]:
        from tests.documents import write_html

        return self._made(".html", write_html)

    @cached_property
    def txt(self) -> list[bytes]:
        return [p.read_bytes()[:20_000] for p in sorted((SHARED / "seeds").glob("*.txt"))]

    @cached_property
    def json(self) -> list[bytes]:
        from jixiao.model.io import dump_evaluations

        return [dump_evaluations([ev]).encode() for ev in self.evaluations]

    @cached_property
    def pdf(self) -> list[bytes]:
        return [ruled_pdf(pages=n % 3 + 1, rows=8 + n) for n in range(4)]

    def of(self, suffix: str) -> list[bytes]:
        return getattr(self, suffix.lstrip("."))  # type: ignore[no-any-return]


# --- hand-made PDF -------------------------------------------------------------------------


def ruled_pdf(pages: int, rows: int = 6, *, shared_content: bool = True) -> bytes:
    """A born-digital PDF: each page a ruled table of ``rows`` × 4 cells with text in them.
    All pages share one content stream, so 2,000 pages stay a few kilobytes."""
    lines = []
    for r in range(rows + 1):
        y = 750 - r * 20
        lines.append(f"50 {y} m 450 {y} l S")
    for c in range(5):
        x = 50 + c * 100
        lines.append(f"{x} 750 m {x} {750 - rows * 20} l S")
    for r in range(rows):
        for c in range(4):
            lines.append(f"BT /F1 9 Tf {55 + c * 100} {736 - r * 20} Td (R{r}C{c} {r * c}) Tj ET")
    content = "\n".join(lines).encode()
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, written below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    first_page = len(objects) + 1
    kids = []
    for n in range(pages):
        kids.append(f"{first_page + n} 0 R")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>")  # fmt: skip
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {pages} >>".encode()
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % o for o in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


# --- zips ------------------------------------------------------------------------------------


def rezip(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """The package with each member passed through ``change`` (None drops the member)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = change(info.filename, src.read(info))
            if body is not None:
                dst.writestr(info.filename, body)
    return out.getvalue()


def lying_sizes(data: bytes, member: str, size: int) -> bytes:
    """The package with ``member``'s declared unpacked size in the central directory set to
    ``size`` (a zip that claims gigabytes, or claims less than it holds)."""
    buf = bytearray(data)
    name = member.encode()
    at = buf.find(b"PK\x01\x02")
    while at != -1:
        name_len = struct.unpack_from("<H", buf, at + 28)[0]
        if bytes(buf[at + 46 : at + 46 + name_len]) == name:
            struct.pack_into("<I", buf, at + 24, min(size, 0xFFFFFFFE))
        at = buf.find(b"PK\x01\x02", at + 4)
    return bytes(buf)


def deflate_bomb(member: str, size: int) -> bytes:
    """A zip holding ``size`` bytes of spaces in one member: kilobytes on disk."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo(member)
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as f:
            chunk = b" " * (1 << 20)
            for _ in range(size >> 20):
                f.write(chunk)
    return out.getvalue()


_ENTITY_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "' + b"x" * 50 + b'">'
    + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10) for i in range(9))
    + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    b"<w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>"
)  # fmt: skip


# --- the named attacks -----------------------------------------------------------------------


def _sparse_sheet(bases: Bases) -> bytes:
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<dimension ref="A1:XFD1048576"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'
    ).encode()
    return rezip(bases.xlsx[0], lambda name, body: sheet if name == "xl/worksheets/sheet1.xml" else body)


def _many_cells(bases: Bases, count: int) -> bytes:
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (r, r, r) for r in range(1, count + 1))
    sheet = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + rows + b"</sheetData></worksheet>")  # fmt: skip
    return rezip(bases.xlsx[0], lambda name, body: sheet if name == "xl/worksheets/sheet1.xml" else body)


def _docx_member(bases: Bases, body: bytes) -> bytes:
    return rezip(bases.docx[0], lambda name, old: body if name == "word/document.xml" else old)


def _huge_grid_span(bases: Bases) -> bytes:
    return _docx_member(bases, zipfile.ZipFile(io.BytesIO(bases.docx[0])).read("word/document.xml")
                        .replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="100000"/>', 3))  # fmt: skip


def _json(text: str) -> bytes:
    return text.encode()


def _digits_text(bases: Bases) -> bytes:
    text = bases.txt[0].decode("utf-8")
    return text.replace("100", "1" * 5000, 3).encode("utf-8")


def _record(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def biff_workbook(cells: list[tuple[int, int, str | float]], sheet: str = "Sheet1") -> bytes:
    """A minimal Excel 97–2003 (.xls) file: one BIFF8 sheet holding ``cells`` (0-based row,
    column, text or number) in an OLE compound file, the Workbook stream kept past the
    4,096-byte mini-stream cutoff so it lives in plain sectors."""
    bof = lambda kind: _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))  # noqa: E731
    name = sheet.encode("utf-16-le")
    head = bof(0x0005) + _record(0x0042, struct.pack("<H", 1200)) + _record(0x005C, b" " * 4200)
    globals_ = head + _record(0x0085, struct.pack("<IBBBB", 0, 0, 0, len(sheet), 1) + name) + _record(0x000A)
    body = bof(0x0010) + _record(0x0200, struct.pack("<IIHHH", 0, 1, 0, 1, 0))
    for r, c, v in cells:
        if isinstance(v, str):
            body += _record(0x0204, struct.pack("<HHHHB", r, c, 15, len(v), 1) + v.encode("utf-16-le"))
        else:
            body += _record(0x0203, struct.pack("<HHHd", r, c, 15, float(v)))
    stream = head + _record(0x0085, struct.pack("<IBBBB", len(globals_), 0, 0, len(sheet), 1) + name)
    stream += _record(0x000A) + body + _record(0x000A)
    sectors = -(-len(stream) // 512)
    stream += b"\0" * (sectors * 512 - len(stream))
    end, free = 0xFFFFFFFE, 0xFFFFFFFF
    fat = [0xFFFFFFFD, end] + [3 + k for k in range(sectors - 1)] + [end]
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x2C, 1, 1, 0, 4096, end, 0, end, 0, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *[free] * 108)

    def entry(title: str, kind: int, child: int, start: int, size: int) -> bytes:
        e = bytearray(128)
        raw = (title + "\0").encode("utf-16-le")
        e[: len(raw)] = raw
        struct.pack_into("<HBBIII", e, 64, len(raw), kind, 1, free, free, child)
        struct.pack_into("<IQ", e, 116, start, size)
        return bytes(e)

    directory = (
        entry("Root Entry", 5, 1, end, 0) + entry("Workbook", 2, free, 2, len(stream)) + entry("", 0, free, 0, 0) * 2
    )
    return bytes(header) + struct.pack("<128I", *(fat + [free] * (128 - len(fat)))) + directory + stream


def _evaluation_json(text: str) -> bytes:
    """An evaluation whose every text is ``text`` (the JSON reader takes texts up to
    ``Limits.json_string_chars``, 100,000 characters: the attacks above are that long)."""
    import json

    row = {"level1": text, "level2": text, "name": text, "target": text, "actual": text, "weight": 10, "score": 5,
           "deviation_note": text}  # fmt: skip
    data = {"year": 2021, "project_name": text, "department": text, "implementing_unit": text,
            "funds": {"initial_budget": None, "adjusted_budget": None, "executed": None},
            "execution_rate_stated": None, "execution_weight": None, "execution_score_stated": None,
            "indicators": [row], "total_score_stated": None, "grade_stated": None}  # fmt: skip
    return json.dumps(data, ensure_ascii=False).encode()


_REPORT_HEAD = "某某项目绩效自评报告\n指标1：甲\n指标2：乙\n指标3：丙\n资金共计其中："


NAMED: dict[str, tuple[str, Callable[[Bases], bytes], str | None]] = {
    "sparse_sheet": (".xlsx", _sparse_sheet, ""),
    "many_cells": (
        ".xlsx",
        lambda b: _many_cells(b, 210_000),
        "：超出读取限制：单元格数 210,000，一个文件中的单元格数上限",
    ),
    "html_span": (
        ".html",
        lambda b: b'<table><tr><td rowspan="100000" colspan="100000">x</td></tr></table>',
        "：超出读取限制：合并单元格跨度 100,000，合并单元格跨越的行数或列数上限 1,000",
    ),
    "html_grid": (
        ".html",
        lambda b: b"<table>" + b'<tr><td rowspan="999" colspan="999">x</td></tr>' * 999 + b"</table>",
        "：超出读取限制：表格网格位置数",
    ),
    "docx_lying_zip": (
        ".docx",
        lambda b: lying_sizes(b.docx[0], "word/document.xml", 2 << 30),
        "：超出读取限制：解压后共 2,04",
    ),
    "docx_deflate_bomb": (
        ".docx",
        lambda b: deflate_bomb("word/document.xml", 40 << 20),
        "：超出读取限制：部件 word/document.xml 压缩比",
    ),
    "docx_entity_bomb": (
        ".docx",
        lambda b: _docx_member(b, _ENTITY_BOMB),
        "：不是有效的 Word（.docx）文档（XML 中有过度展开的实体引用，疑似 XML 炸弹）",
    ),
    "docx_bad_xml": (
        ".docx",
        lambda b: _docx_member(b, b"<w:document><w:body><w:p>"),
        "：不是有效的 Word（.docx）文档（XML 结构有误（第 1 行第 12 列））",
    ),
    "docx_bad_zip": (".docx", lambda b: b"PK\x03\x04" + b"\x00" * 300, "：不是有效的 Word（.docx）文档或文件已损坏"),
    "docx_grid_span": (".docx", _huge_grid_span, None),
    "pdf_2000_pages": (".pdf", lambda b: ruled_pdf(pages=2000), "：超出读取限制：页数 2,000，PDF 页数上限 500"),
    "json_nan": (".json", lambda b: _json('{"year": NaN}'), "：数字不是有限值（NaN 或无穷大）"),
    "json_infinity": (".json", lambda b: _json("[Infinity]"), "：数字不是有限值（NaN 或无穷大）"),
    "json_1e400": (
        ".json",
        lambda b: _json('[{"year": 1e400}]'),
        "：数字超出表格能容纳的范围（指数过大）（读到 1e400）",
    ),
    "json_digits": (".json", lambda b: _json('{"year": ' + "9" * 5000 + "}"), "：数字超过 15 位整数"),
    "json_nesting": (".json", lambda b: _json("[" * 100_000 + "]" * 100_000), "：JSON 嵌套过深"),
    "text_digits": (".txt", _digits_text, "：超出读取限制：第 "),
    "text_utf16": (".txt", lambda b: b.txt[0].decode("utf-8").encode("utf-16"), ""),
    "text_gbk": (".txt", lambda b: b.txt[1].decode("utf-8").encode("gb18030"), ""),
    "text_binary": (".txt", lambda b: bytes(range(256)) * 40, "：不是文本文件（含二进制数据）"),
    "empty_docx": (".docx", lambda b: b"", "：文件为空"),
    "empty_xlsx": (".xlsx", lambda b: b"", "：文件为空"),
    "empty_pdf": (".pdf", lambda b: b"", "：文件为空"),
    # Texts whose patterns would cost the square (or cube) of their length if searched naively:
    # runs of blanks, blank lines, long clauses without a figure, digits and unclosed brackets.
    "text_blank_run": (".txt", lambda b: ("项目名称 " + " " * 300_000 + "某项目|x\n").encode(), None),
    "text_blank_lines": (".txt", lambda b: ("自评报告\n" + "\n" * 300_000 + "x").encode(), None),
    "report_long_clause": (".txt", lambda b: (_REPORT_HEAD + "年" * 200_000 + "\n").encode(), None),
    "report_digit_clause": (".txt", lambda b: (_REPORT_HEAD + ("1" * 40 + "年") * 5_000 + "\n").encode(), None),
    "json_digit_strings": (".json", lambda b: _evaluation_json("1" * 100_000), ""),
    "json_spaced_digits": (".json", lambda b: _evaluation_json("1 " * 50_000), ""),
    "json_open_brackets": (".json", lambda b: _evaluation_json("(1" * 50_000), ""),
    "json_long_text": (
        ".json",
        lambda b: _evaluation_json("长" * 200_000),
        "：project_name 文字过长（200,000 个字符）",
    ),
    "xls_far_cell": (
        ".xls",
        lambda b: biff_workbook([(0, 0, "项目名称"), (65535, 255, 1)]),
        "：超出读取限制：工作表“Sheet1”的网格位置数 16,777,216，",
    ),
}
"""kind → (suffix, the file's bytes from the bases, the error expected: see ``Hostile``)."""


def _big_text(path: Path) -> None:
    """200 MB on disk without writing them: a sparse file of zeros with a table at its end."""
    with path.open("wb") as f:
        f.seek(200 << 20)
        f.write("项目名称".encode())


# --- random damage ---------------------------------------------------------------------------


def _damage(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not out:
            break
        at = rng.randrange(len(out))
        action = rng.choice(["truncate", "flip", "flip", "delete", "repeat", "insert"])
        if action == "truncate":
            del out[at:]
        elif action == "flip":
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(len(out))
                out[i] ^= 1 << rng.randrange(8)
        elif action == "delete":
            del out[at : at + rng.randint(1, 400)]
        elif action == "repeat":
            out[at:at] = out[at : at + rng.randint(1, 400)] * rng.randint(1, 20)
        else:
            out[at:at] = rng.randbytes(rng.randint(1, 64))
    return bytes(out)


def _damage_member(rng: random.Random, data: bytes) -> bytes:
    """A zip with one XML member damaged and re-packed (so the zip itself is sound)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = [n for n in z.namelist() if n.endswith(".xml")]
    target = rng.choice(names)
    return rezip(data, lambda name, body: _damage(rng, body) if name == target else body)


def _span_member(rng: random.Random, data: bytes, suffix: str) -> bytes:
    """Huge or odd merge attributes written into a valid document."""
    big = rng.choice([b"0", b"-3", b"100000", b"99999999999", b"x"])
    if suffix == ".docx":
        return rezip(data, lambda n, b: b.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="%s"/>' % big, 5)
                     if n == "word/document.xml" else b)  # fmt: skip
    if suffix == ".xlsx":
        merge = b'<mergeCells count="1"><mergeCell ref="A1:XFD%s"/></mergeCells>' % big[:7]
        return rezip(data, lambda n, b: b.replace(b"</sheetData>", b"</sheetData>" + merge)
                     if n.startswith("xl/worksheets/") else b)  # fmt: skip
    return data.replace(b"<td", b'<td rowspan="%s" colspan="%s"' % (big, big), 5)


_ENCODINGS = ["utf-16-le", "utf-16", "utf-32", "gb18030", "big5", "shift_jis", "latin-1", "cp1252", "utf-7"]


def _random(rng: random.Random, bases: Bases) -> tuple[str, bytes]:
    suffix = rng.choice([".docx", ".docx", ".xlsx", ".xlsx", ".html", ".txt", ".json", ".pdf", ".pdf"])
    data = rng.choice(bases.of(suffix))
    roll = rng.random()
    if suffix in {".docx", ".xlsx"} and roll < 0.3:
        return suffix, _damage_member(rng, data)
    if suffix in {".docx", ".xlsx", ".html"} and roll < 0.4:
        return suffix, _span_member(rng, data, suffix)
    if suffix in {".txt", ".html"} and roll < 0.55:
        text = data.decode("utf-8", "replace")
        return suffix, text.encode(rng.choice(_ENCODINGS), "replace")
    if roll < 0.6:
        return rng.choice([".docx", ".xlsx", ".pdf", ".txt", ".html", ".json", ".xls"]), data  # a misnamed file
    return suffix, _damage(rng, data)


def generate(folder: Path, count: int, seed: int = 0, *, named: bool = True) -> list[Hostile]:
    """Write ``count`` hostile files into ``folder``: the named attacks first, then damage."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    bases = Bases()
    out: list[Hostile] = []
    if named:
        for kind, (suffix, make, expect) in NAMED.items():
            if len(out) >= count:
                return out
            path = folder / f"{len(out):05d}_{kind}{suffix}"
            path.write_bytes(make(bases))
            out.append(Hostile(path, kind, expect))
        if len(out) < count:
            path = folder / f"{len(out):05d}_text_200mb.txt"
            _big_text(path)
            out.append(Hostile(path, "text_200mb", "：超出读取限制：文件大小 200.0 MB"))
        if len(out) < count:  # an 80-character Chinese name (250 bytes: near what a file system allows)
            path = folder / (f"{len(out):05d}_" + "绩效自评表" * 16 + ".txt")
            path.write_bytes(bases.txt[2])
            out.append(Hostile(path, "long_name", ""))
    while len(out) < count:
        suffix, data = _random(rng, bases)
        path = folder / f"{len(out):05d}_random{suffix}"
        path.write_bytes(data)
        out.append(Hostile(path, "random"))
    return out
