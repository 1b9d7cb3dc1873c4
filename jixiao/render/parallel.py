"""Rendering many tables to PDF in several processes (WeasyPrint lays out some 8 tables a
second on one core): the tables are cut into parts, each part laid out by a worker, and the
parts' pages joined into one PDF in order.  The command line and the web's background
downloads call ``render_parallel``; outputs that are one whole (a workbook, a report, a
summary) are made in one piece, as ``render`` makes them."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from io import BytesIO
from typing import NamedTuple

from jixiao.ingest.batch import default_jobs, problem, run_ordered
from jixiao.render.outputs import SUFFIXES, OutputError, Target, render
from jixiao.review import Review
from jixiao.rules.ruleset import Layout

PART = 4
"""Fewest tables worth a part of their own (a part's start-up costs about a table)."""
PART_MAX = 40
"""Most tables in one part: each part embeds its own font subset, so parts are few and large,
yet small enough to keep the workers evenly loaded and their memory bounded."""


class Part(NamedTuple):
    pdf: bytes = b""
    error: str | None = None


def _part(target: Target, layout: Layout | None, fill: bool, reviews: Sequence[Review]) -> Part:
    try:
        return Part(render(reviews, target, ".pdf", layout=layout, fill=fill))
    except Exception as exc:  # the message travels as text: an exception object may not pickle
        return Part(error=problem(exc))


def _crashed(_: Sequence[Review]) -> Part:
    return Part(error="排版 PDF 时处理进程异常终止")


def merge_pdfs(parts: Sequence[bytes]) -> bytes:
    """The pages of every part, in order, in one PDF."""
    import pypdfium2 as pdfium

    if len(parts) == 1:
        return parts[0]
    merged = pdfium.PdfDocument.new()
    sources = []
    for data in parts:
        source = pdfium.PdfDocument(data)
        merged.import_pages(source)
        sources.append(source)
    buffer = BytesIO()
    merged.save(buffer)
    for source in sources:
        source.close()
    merged.close()
    return buffer.getvalue()


def render_parallel(
    reviews: Sequence[Review],
    target: Target,
    suffix: str | None = None,
    *,
    layout: Layout | None = None,
    fill: bool = False,
    jobs: int | None = None,
) -> bytes:
    """``render`` spread over ``jobs`` processes (default: one per core) where the output is
    the standard table as PDF; the same bytes as ``render`` for every other output."""
    jobs = default_jobs() if jobs is None else jobs
    suffix = (suffix or SUFFIXES[target][0]).lower()
    if target is not Target.PDF or jobs <= 1 or len(reviews) <= PART:
        return render(reviews, target, suffix, layout=layout, fill=fill)
    if suffix != ".pdf":
        render(reviews[:0], target, suffix)  # the suffix error, said as render says it
    import weasyprint  # noqa: F401  (loaded once here, inherited by every worker)

    size = min(PART_MAX, -(-len(reviews) // jobs))
    parts = [reviews[k : k + size] for k in range(0, len(reviews), size)]
    done: list[bytes] = []
    for part in run_ordered(partial(_part, target, layout, fill), parts, jobs, _crashed, chunk=1):
        if part.error is not None:
            raise OutputError(part.error)
        done.append(part.pdf)
    return merge_pdfs(done)
