"""Generate family × format documents, read them back with ``jixiao.ingest.read`` and compare
the first table read with the truth, field by field (``jixiao.ingest.accuracy``).

Variation is split: variant 0 of every (family, truth) is the **tuning** set — the one the
tests and the notes report and the extractor may be tuned on; variants 1.. drawn with
``held_out=True`` use other random choices and label variants tuning never sees, and are only
reported by ``make corpus`` in a column of their own.
"""

from __future__ import annotations

import re
import warnings
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jixiao.ingest.accuracy import Comparison, compare
from tests.families.families import FAMILIES, write
from tests.families.formats import CONVERTED, FORMATS, WRITERS, convert
from tests.families.truth import Truth


@dataclass(frozen=True)
class Case:
    family: str
    fmt: str
    truth: Truth
    variant: int = 0
    held_out: bool = False

    @property
    def stem(self) -> str:
        slug = re.sub(r"[^0-9A-Za-z]+", "_", self.truth.name)
        return f"{self.family}-{slug}-v{self.variant}{'h' if self.held_out else ''}"


def cases(
    truths: list[Truth],
    *,
    families: list[str] | None = None,
    formats: tuple[str, ...] = FORMATS,
    per_cell: int | None = None,
    variants: tuple[int, ...] = (0,),
    held_out: bool = False,
    stride: int | None = None,
) -> list[Case]:
    """Every family × format × truth, or ``per_cell`` truths per family, the same in every format.

    The same truths in every format of a family make the per-format figures comparable (a gap
    between .docx and .txt is then the format's, not the sample's); the sample is rotated by
    ``stride`` truths (default ``per_cell``) from one family to the next so that the families
    together cover the truths (by the family's place in ``FAMILIES``, so that measuring one
    family alone samples what the whole run samples).  A smaller ``per_cell`` with the stride of a larger one samples a
    subset of the larger sample's truths."""
    out = []
    order = list(FAMILIES)
    for family in families or order:
        if per_cell is None:
            chosen = truths
        else:
            start = order.index(family) * (stride or per_cell)
            chosen = [truths[(start + k) % len(truths)] for k in range(per_cell)]
        for fmt in formats:
            out += [Case(family, fmt, t, v, held_out) for t in chosen for v in variants]
    return out


def generate(todo: list[Case], out_dir: Path) -> dict[Case, Path]:
    """Write every case's file into ``out_dir`` (sources of conversions in ``out_dir/src``)."""
    src = out_dir / "src"
    src.mkdir(parents=True, exist_ok=True)
    paths: dict[Case, Path] = {}
    to_convert: dict[str, list[Path]] = defaultdict(list)
    for case in todo:
        doc = write(case.family, case.truth, case.variant, case.held_out)
        if case.fmt in CONVERTED:
            origin = src / f"{case.stem}{CONVERTED[case.fmt]}"
            WRITERS[CONVERTED[case.fmt]](doc, origin)
            to_convert[case.fmt].append(origin)
        else:
            WRITERS[case.fmt](doc, out_dir / f"{case.stem}{case.fmt}")
        paths[case] = out_dir / f"{case.stem}{case.fmt}"
    for fmt, files in to_convert.items():
        convert(files, fmt, out_dir)
    return paths


@dataclass
class Outcome:
    """One case read back: its comparison, how many tables were read, the error if reading failed."""

    case: Case
    path: Path
    result: Comparison
    tables: int
    error: str | None = None


def read_back(case: Case, path: Path) -> Outcome:
    from jixiao.ingest import read

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            evaluations = read(path)
    except Exception as exc:  # a crash on one generated file is measured, not fatal
        return Outcome(case, path, compare(None, expected(case)), 0, f"{type(exc).__name__}: {exc}")
    return Outcome(case, path, compare(evaluations[0] if evaluations else None, expected(case)), len(evaluations))


def expected(case: Case) -> dict[str, Any]:
    """What the case's document states: the truth, or less where its family leaves part out."""
    return write(case.family, case.truth, case.variant, case.held_out).expected or case.truth.data


@dataclass
class Report:
    """Comparisons summed per (family, format), per family and per format."""

    outcomes: list[Outcome] = field(default_factory=list)

    def cell(self, family: str | None = None, fmt: str | None = None) -> Comparison:
        total = Comparison()
        for o in self.outcomes:
            if (family is None or o.case.family == family) and (fmt is None or o.case.fmt == fmt):
                total.merge(o.result)
        return total


def run(todo: list[Case], out_dir: Path, jobs: int = 1) -> Report:
    """Generate, then read back (in ``jobs`` worker processes when more than one)."""
    paths = generate(todo, out_dir)
    if jobs <= 1:
        return Report([read_back(case, paths[case]) for case in todo])
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs) as pool:
        return Report(list(pool.map(read_back, todo, [paths[c] for c in todo], chunksize=16)))
