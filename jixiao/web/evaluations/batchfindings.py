"""Every finding of a batch in one workbook (one row per finding, the user's file names).

The batch's tables are reviewed again from what the workers stored, one file's results in memory
at a time, and the rows are written as they come (XlsxWriter's constant memory).  A small batch
is answered in the request; a large one (ten thousand tables take a minute) is built by a huey
worker as a background download (``exports``), its progress shown, so no request runs past the
server's timeout."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path
from typing import IO, Any

from jixiao.model.evaluation import Evaluation
from jixiao.review import Review, review

IN_REQUEST = 500  # tables a batch may have for its workbook to be built in the request
STEP = 50  # tables reviewed between two progress updates of a background build


def name(batch: Any) -> str:
    return f"批量复核{batch.created_at:%Y%m%d-%H%M}-复核意见.xlsx"


def reviews(batch: Any, progress: Callable[[int], None] | None = None) -> Iterator[Review]:
    """Every table of the batch reviewed again, in file order; ``progress(n)`` every ``STEP`` tables."""
    done = 0
    for f in batch.files.order_by("pk").iterator(chunk_size=50):
        for t in f.result.get("tables", []):
            if "data" in t:
                yield review(Evaluation.model_validate(t["data"]))
                done += 1
                if progress is not None and done % STEP == 0:
                    progress(done)


def write(target: str | Path | IO[bytes], batch: Any, progress: Callable[[int], None] | None = None) -> None:
    from jixiao.render.review_xlsx import finding_row, write_rows

    write_rows(target, (finding_row(r, f) for r in reviews(batch, progress) for f in r.findings))


def in_memory(batch: Any) -> bytes:
    buffer = BytesIO()
    write(buffer, batch)
    return buffer.getvalue()
