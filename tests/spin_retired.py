"""A preload whose warm-up calls ``forkserver.retire()`` in the server itself, as the reader's
warm-up read does when it fails: the server's children must not inherit that retirement."""

from __future__ import annotations

from jixiao.web.evaluations import forkserver


def warm() -> None:
    forkserver.retire()
