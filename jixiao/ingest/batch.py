"""Reading many documents: folders expanded, each file read on its own so one bad file
never stops a batch, optionally in worker processes (documents are independent)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from jixiao.ingest.errors import IngestError
from jixiao.ingest.extract import UnreadTable
from jixiao.model.evaluation import Evaluation
from jixiao.model.io import InputError


class Outcome(NamedTuple):
    """One file read: what it held, the Chinese error line if it could not be read, and the
    warnings (tables recognised by their title but not read)."""

    path: Path
    evaluations: list[Evaluation]
    error: str | None = None
    unread: tuple[str, ...] = ()


def document_files(paths: list[Path]) -> list[Path]:
    """Files named, and the readable files inside folders named (recursively)."""
    from jixiao.ingest import DOCUMENTS

    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENTS))
        else:
            out.append(path)
    return out


def read_one(path: Path) -> Outcome:
    """One file, never raising."""
    from jixiao.ingest import read

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UnreadTable)
        try:
            found = read(path)
        except (IngestError, InputError) as exc:
            return Outcome(path, [], str(exc))
    return Outcome(path, found, None, tuple(str(w.message) for w in caught if issubclass(w.category, UnreadTable)))


def read_all(files: list[Path], jobs: int = 1) -> Iterator[Outcome]:
    """Files in order, read in ``jobs`` processes when asked."""
    if jobs <= 1 or len(files) < 2:
        yield from map(read_one, files)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(read_one, files, chunksize=4)
