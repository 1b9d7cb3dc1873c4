"""Reading self-evaluation tables out of real documents.

``read(path)`` returns every evaluation found in one file, each with its source (file, table
number) and the location of its values.  One module per format; all of them produce a stream
of cells for the same extractor (``jixiao.ingest.assemble``).
"""

from __future__ import annotations

from pathlib import Path

from jixiao.ingest.errors import IngestError
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.model.evaluation import Evaluation

__all__ = ["DOCUMENTS", "SUPPORTED", "IngestError", "read"]

DOCUMENTS = {".txt", ".text", ".docx", ".doc", ".xlsx", ".xlsm", ".xls", ".html", ".htm", ".pdf"}
"""Document formats read when a folder is imported."""
SUPPORTED = DOCUMENTS | {".json"}


def read(path: str | Path, settings: Settings = DEFAULT) -> list[Evaluation]:
    """Every evaluation in one document (or one JSON file of evaluations), read with ``settings``'
    thresholds (every stage of every format gets them)."""
    p = Path(path)
    if not p.exists():
        raise IngestError(p, "不存在")
    if p.is_dir():
        raise IngestError(p, "是文件夹，请给出文件")
    suffix = p.suffix.lower()
    if suffix == ".json":
        from jixiao.model.io import load_evaluations

        return load_evaluations(p)
    if suffix in {".txt", ".text", ""}:
        from jixiao.ingest.text import read_text

        return read_text(p, settings)
    if suffix == ".docx":
        from jixiao.ingest.word import read_docx

        return read_docx(p, settings)
    if suffix == ".doc":
        from jixiao.ingest.legacy import read_doc

        return read_doc(p, settings)
    if suffix in {".xlsx", ".xlsm", ".xls"}:
        from jixiao.ingest.excel import read_excel

        return read_excel(p, settings)
    if suffix in {".html", ".htm"}:
        from jixiao.ingest.webpage import read_html

        return read_html(p, settings)
    if suffix == ".pdf":
        from jixiao.ingest.pdf import read_pdf

        return read_pdf(p, settings)
    raise IngestError(
        p, f"暂不支持的文件格式“{p.suffix}”（当前支持 .txt、.doc、.docx、.xlsx、.xls、.html、.pdf 与 .json）"
    )
