"""The ``jixiao`` command line: a thin shell over the core.  One module per group of commands;
importing the package registers them all on ``app``."""

from jixiao.cli import render as _render  # noqa: F401  (registers ``jixiao render``)
from jixiao.cli import review as _review  # noqa: F401  (registers ``jixiao review``)
from jixiao.cli.main import app, main

__all__ = ["app", "main"]
