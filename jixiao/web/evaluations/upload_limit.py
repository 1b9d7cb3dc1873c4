"""Uploads refused at the size limits while they arrive, not once they have been received.

Django writes every uploaded file to a temporary file before a view sees it, so a 200 MB file
used to be received and stored whole before the view refused it for being over the limit.
``SizeLimit``, first in ``FILE_UPLOAD_HANDLERS``, counts each file's bytes as they stream in:
past the limit (``Limits.file_bytes``, ``JIXIAO_LIMIT_FILE_BYTES``, 50 MB: the same limit the
readers apply) the file is skipped (what was stored of it is deleted, the rest of it is read
from the connection and dropped) and its name is noted on the request, so that the view gives
its Chinese line; the other files of the same request are received as usual.  The files of one
request together may hold ``JIXIAO_UPLOAD_TOTAL_MB`` (2,048 MB; a thousand real tables are well
under 1 GB): the files that would pass it are skipped the same way, each named."""

from __future__ import annotations

import os
from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest

from jixiao.model.limits import MB, current

TOTAL_MB = 2048
REFUSED = "jixiao_too_large"  # the request's attribute: (file name, over the total?) of each file skipped


def limit_bytes() -> int:
    """The largest file an upload may hold."""
    return current().file_bytes


def total_bytes() -> int:
    """What the files of one request may hold together (``JIXIAO_UPLOAD_TOTAL_MB``)."""
    text = os.environ.get("JIXIAO_UPLOAD_TOTAL_MB", "").strip()
    return (int(text) if text.isascii() and text.isdigit() and int(text) > 0 else TOTAL_MB) * MB


def size_text(size: int) -> str:
    """``50 MB``, or ``512 KB`` under a megabyte."""
    return f"{size / MB:,.0f} MB" if size >= MB else f"{max(1, size >> 10):,} KB"


def too_large(request: HttpRequest) -> list[tuple[str, bool]]:
    """The files of this request that ``SizeLimit`` skipped, as the client named them, each with
    whether it was the request's total (not the file's own size) that it would have passed."""
    return list(getattr(request, REFUSED, []))


class SizeLimit(FileUploadHandler):  # type: ignore[misc]
    """Stops storing a file at the limits: the handlers after it never see more than that.  One
    instance serves one request (Django makes the handlers for each), so it keeps the total."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.kept, self.total = 0, total_bytes()  # bytes of the files let through so far

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.limit = limit_bytes()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        over_file = start + len(raw_data) > self.limit
        if over_file or self.kept + len(raw_data) > self.total:
            if self.request is not None:
                setattr(self.request, REFUSED, [*too_large(self.request), (self.file_name, not over_file)])
            self.kept -= start  # what was kept of this file is deleted with it
            raise SkipFile
        self.kept += len(raw_data)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) makes the file
