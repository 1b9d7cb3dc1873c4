"""A save that meets a locked SQLite database is tried again, not turned into a 500.

SQLite lets one writer at a time; with WAL, IMMEDIATE transactions and a busy timeout (settings)
a writer waits its turn, and if the wait still runs out the whole transaction is retried a few
times with a growing pause.  Only the outermost call retries (inside a transaction nothing can)."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.db import OperationalError, connection

ATTEMPTS = 4
PAUSE = 0.1  # seconds, doubled after each attempt
P = ParamSpec("P")
T = TypeVar("T")


class Busy(Exception):
    """The database stayed locked through every attempt; shown as 数据库繁忙 (503)."""


def is_locked(exc: Exception) -> bool:
    return isinstance(exc, OperationalError) and "locked" in str(exc).lower()


def retry_locked(fn: Callable[P, T]) -> Callable[P, T]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        for attempt in range(ATTEMPTS):
            try:
                return fn(*args, **kwargs)
            except OperationalError as exc:
                if not is_locked(exc) or connection.in_atomic_block:
                    raise
                if attempt == ATTEMPTS - 1:
                    raise Busy("数据库繁忙，保存未完成，请稍后再试（您填写的内容仍在页面上）") from exc
                time.sleep(PAUSE * 2**attempt)
        raise AssertionError("unreachable")

    return wrapper
