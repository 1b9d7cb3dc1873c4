"""Errors of reading a document: one Chinese line naming the file and the problem."""

from __future__ import annotations

from pathlib import Path


class IngestError(ValueError):
    def __init__(self, path: str | Path, message: str) -> None:
        self.path = str(path)
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"文件 {self.path}：{self.message}"
