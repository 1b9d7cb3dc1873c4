"""Plain-text extractions (.txt): decoding, then the cell stream and the extractor."""

from __future__ import annotations

import codecs
import warnings
from pathlib import Path

from jixiao.ingest.assemble import extract
from jixiao.ingest.budget import check_text, read_bytes
from jixiao.ingest.cells import text_cells
from jixiao.ingest.errors import IngestError
from jixiao.ingest.narrative import over_tables, reports_of
from jixiao.ingest.preview import is_preview
from jixiao.ingest.preview_check import vet
from jixiao.ingest.regions import UnreadTable
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.model.evaluation import Evaluation


def decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK and GB2312): the encodings
    Chinese office text comes in; UTF-16 when it starts with its byte-order mark (Windows
    Notepad's "Unicode").  Binary data is refused by name, not decoded into noise, and text
    past the ``text_chars`` limit is refused before anything is read from it."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return check_text(path, data.decode("utf-16"))
        except UnicodeDecodeError:
            raise IngestError(path, "无法识别文本编码（UTF-16 文本已损坏）") from None
    if b"\x00" in data[:4096]:
        raise IngestError(path, "不是文本文件（含二进制数据）")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return check_text(path, data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise IngestError(path, "无法识别文本编码（既不是 UTF-8 也不是 GBK/GB18030）")


def read_text(path: Path, settings: Settings = DEFAULT) -> list[Evaluation]:
    text = decode(read_bytes(path), path)
    if not text.strip():
        raise IngestError(path, "文件为空")
    with warnings.catch_warnings(record=True) as unread:
        warnings.simplefilter("always", UnreadTable)
        found = extract(text_cells(text, settings, whole_pages=True), path.name, settings)
    if not found and (reports := reports_of(text, path.name, settings)) is not None:
        return reports  # a narrative report: its titles are not tables
    found = over_tables(found, text, path.name, settings)
    for w in unread:
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if is_preview(text.splitlines(), settings):
        return [vet(ev, settings) for ev in found]
    return found
