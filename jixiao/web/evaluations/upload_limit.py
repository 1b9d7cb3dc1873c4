"""Uploads refused at the size limit while they arrive, not once they have been received.

Django writes every uploaded file to a temporary file before a view sees it, so a 200 MB file
used to be received and stored whole before the view refused it for being over the limit.
``SizeLimit``, first in ``FILE_UPLOAD_HANDLERS``, counts each file's bytes as they stream in:
past the limit (``Limits.file_bytes``, ``JIXIAO_LIMIT_FILE_BYTES``, 50 MB: the same limit the
readers apply) the file is skipped (what was stored of it is deleted, the rest of it is read
from the connection and dropped) and its name is noted on the request, so that the view gives
its Chinese line; the other files of the same request are received as usual."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest

from jixiao.model.limits import MB, current

REFUSED = "jixiao_too_large"  # the request's attribute: names of the files skipped for their size


def limit_bytes() -> int:
    """The largest file an upload may hold."""
    return current().file_bytes


def size_text(size: int) -> str:
    """``50 MB``, or ``512 KB`` under a megabyte."""
    return f"{size / MB:,.0f} MB" if size >= MB else f"{max(1, size >> 10):,} KB"


def too_large(request: HttpRequest) -> list[str]:
    """The files of this request that ``SizeLimit`` skipped, as the client named them."""
    return list(getattr(request, REFUSED, []))


class SizeLimit(FileUploadHandler):  # type: ignore[misc]
    """Stops storing a file at the limit: the handlers after it never see more than that."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.limit = limit_bytes()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.limit:
            if self.request is not None:
                setattr(self.request, REFUSED, [*too_large(self.request), self.file_name])
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) makes the file
