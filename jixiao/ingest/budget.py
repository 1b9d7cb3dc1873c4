"""Measuring a file against the input budget before reading it (``jixiao.model.limits``).

Each check looks at what is cheap to know first (the size on disk, a zip's directory, a
count) so that a hostile file is refused before the expensive step it was built to blow up:
a zip member is never unpacked past its declared size, a package is never opened whose
declared sizes or compression ratios are out of bounds, a table's grid is never built past
its budget.
"""

from __future__ import annotations

import re
import zipfile
from functools import lru_cache
from pathlib import Path

from jixiao.ingest.cells import Cell
from jixiao.ingest.errors import IngestError, over_limit
from jixiao.model.limits import MB, current


def _size(n: int) -> str:
    return f"{n / MB:,.1f} MB" if n >= MB else f"{n:,} 字节"


def check_size(path: Path) -> int:
    """The file's size, refused past ``file_bytes``."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(path, f"无法读取（{exc.strerror or type(exc).__name__}）") from None
    if size > current().file_bytes:
        raise over_limit(path, "file_bytes", f"文件大小 {_size(size)}")
    return size


def read_bytes(path: Path) -> bytes:
    """The whole file, after ``check_size``."""
    check_size(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"无法读取（{exc.strerror or type(exc).__name__}）") from None


def check_text(path: Path, text: str) -> str:
    """Text within ``text_chars``, and without a run of digits no table holds (``digit_run``):
    such a run is refused here, by its line, before the extractor's patterns scan it."""
    limits = current()
    if len(text) > limits.text_chars:
        raise over_limit(path, "text_chars", f"文本有 {len(text):,} 个字符")
    run = _digit_run(limits.digit_run).search(text)
    if run is not None:
        line = text.count("\n", 0, run.start()) + 1
        raise over_limit(path, "digit_run", f"第 {line} 行有一串 {_run_length(text, run.start()):,} 位的数字")
    return text


def check_cells(path: Path, cells: list[Cell]) -> list[Cell]:
    """Cells within the ``cells`` limit, none holding a run of digits past ``digit_run``."""
    limits = current()
    check_count(path, "cells", len(cells), "单元格数")
    pattern = _digit_run(limits.digit_run)
    for cell in cells:
        run = pattern.search(cell.text)
        if run is not None:
            where = _where(cell)
            raise over_limit(path, "digit_run", f"{where}有一串 {_run_length(cell.text, run.start()):,} 位的数字")
    return cells


def _where(cell: Cell) -> str:
    if cell.cell:
        return f"工作表“{cell.sheet}”单元格 {cell.cell}"
    parts = [cell.sheet or "", f"第 {cell.page} 页" if cell.page else ""]
    if cell.row is not None:
        parts.append(f"第 {cell.row} 行第 {cell.column} 列")
    elif cell.line is not None:
        parts.append(f"第 {cell.line} 段")
    return "".join(p for p in parts if p)


@lru_cache(maxsize=8)
def _digit_run(limit: int) -> re.Pattern[str]:
    return re.compile(rf"\d{{{limit + 1}}}")


def _run_length(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end].isdigit():
        end += 1
    return end - start


def check_count(path: Path, name: str, count: int, what: str) -> None:
    """Refuse ``count`` past the limit ``name`` (``what`` says what was counted, in Chinese)."""
    if count > getattr(current(), name):
        raise over_limit(path, name, f"{what} {count:,}")


def check_package(path: Path, archive: zipfile.ZipFile) -> None:
    """A zip (.docx, .xlsx) whose directory promises no more than the budget: member count,
    total unpacked size, and each large member's compression ratio (a zip bomb packs
    gigabytes of repeated bytes into kilobytes)."""
    limits = current()
    members = archive.infolist()
    check_count(path, "zip_members", len(members), "压缩包部件数")
    total = sum(m.file_size for m in members)
    if total > limits.unpacked_bytes:
        raise over_limit(path, "unpacked_bytes", f"解压后共 {_size(total)}")
    for m in members:
        if m.file_size > MB and m.file_size > limits.zip_ratio * max(m.compress_size, 1):
            ratio = m.file_size // max(m.compress_size, 1)
            raise over_limit(path, "zip_ratio", f"部件 {m.filename} 压缩比 {ratio:,}:1")


def open_package(path: Path, what: str) -> zipfile.ZipFile:
    """The file as a zip checked by ``check_package``; ``what`` names the format in errors."""
    check_size(path)
    try:
        archive = zipfile.ZipFile(path)
        check_package(path, archive)
    except IngestError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise IngestError(path, f"不是有效的 {what}或文件已损坏（{type(exc).__name__}）") from None
    return archive


def read_member(path: Path, archive: zipfile.ZipFile, name: str, what: str) -> bytes:
    """One member's bytes (never more than its declared, checked size), damage named."""
    try:
        return archive.read(name)
    except KeyError:
        raise IngestError(path, f"不是有效的 {what}（缺少 {name}）") from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
        # RuntimeError: an encrypted member; zlib.error is a subclass of Exception only
        raise IngestError(path, f"不是有效的 {what}或文件已损坏（{type(exc).__name__}）") from None
    except Exception as exc:  # zlib.error and friends from a damaged deflate stream
        raise IngestError(path, f"不是有效的 {what}或文件已损坏（{type(exc).__name__}）") from None


def parse_xml(path: Path, data: bytes, what: str) -> object:
    """XML from inside a package, parsed without entities, DTDs or the network: an entity
    bomb stays a few unexpanded references and a huge tree is refused by libxml2 itself."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise IngestError(path, f"不是有效的 {what}（{_xml_problem(exc)}）") from None


def _xml_problem(exc: Exception) -> str:
    """The XML error in Chinese, with its place (libxml2's own words are English)."""
    if "amplification" in str(exc) or "entit" in str(exc).lower():
        return "XML 中有过度展开的实体引用，疑似 XML 炸弹"
    line, column = getattr(exc, "position", None) or (None, None)
    return "XML 结构有误" + (f"（第 {line} 行第 {column} 列）" if line else "")
