"""Errors of reading a document: one Chinese line naming the file and the problem.

An error crosses process boundaries (a batch read in worker processes), so it holds only
strings: never the library exception it replaces, whose state (lxml's error log, a file
handle) may not pickle.  Raise it ``from None``.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.model.limits import current


class IngestError(ValueError):
    def __init__(self, path: str | Path, message: str) -> None:
        self.path = str(path)
        self.message = str(message)
        super().__init__(self.path, self.message)

    def __str__(self) -> str:
        return f"文件 {self.path}：{self.message}"

    def __reduce__(self) -> tuple[type[IngestError], tuple[str, str]]:
        return (type(self), (self.path, self.message))


def over_limit(path: str | Path, name: str, found: str) -> IngestError:
    """The error for a file past one of the limits (``jixiao.model.limits``), naming it:
    ``文件 a.pdf：超出读取限制：有 2,000 页，PDF 页数上限 500（JIXIAO_LIMIT_PAGES）``."""
    return IngestError(path, f"超出读取限制：{found}，{current().describe(name)}")
