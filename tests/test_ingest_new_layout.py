"""Acceptance (issue 12): a new layout is one TOML file.  The 四川 split-target form, generated
from a seed's truth table, is read right once a layout file written here (not the shipped
``sichuan.toml``) joins the national labels; no Python changes between the two readings."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from jixiao.ingest import labels, read
from jixiao.ingest.accuracy import compare
from jixiao.ingest.layouts.schema import SHIPPED, catalogue_of
from tests.families.families import write
from tests.families.formats import write_txt, write_xlsx
from tests.families.truth import seed_truths

SPLIT_TARGET = """
[layout]
name = "split-target"
description = "目标值分列为 指标性质 | 指标值 | 度量单位"

[indicators.columns]
"指标性质" = "nature"
"指标值" = "value"
"度量单位" = "unit"
"未完成原因分析" = "deviation_note"
"""


@pytest.fixture
def restore() -> Iterator[None]:
    yield
    labels.use_catalogue(None)


def _accuracy(path: Path, truth: dict[str, object]) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a table not read is measured here, not warned about
        evaluations = read(path)
    return compare(evaluations[0] if evaluations else None, truth).accuracy


@pytest.mark.parametrize(("suffix", "writer"), [(".xlsx", write_xlsx), (".txt", write_txt)])
def test_the_split_target_form_is_read_from_a_layout_file_written_as_data(
    shared: Path, tmp_path: Path, restore: None, suffix: str, writer: object
) -> None:
    truth = next(t for t in seed_truths(shared) if t.name == "seed004-1")
    form = tmp_path / f"sichuan{suffix}"
    writer(write("sichuan_split", truth, 0), form)  # type: ignore[operator]
    national = SHIPPED / "national.toml"

    labels.use_catalogue(catalogue_of([national]))
    without = _accuracy(form, truth.data)

    added = tmp_path / "layouts" / "split-target.toml"
    added.parent.mkdir()
    added.write_text(SPLIT_TARGET, encoding="utf-8")
    labels.use_catalogue(catalogue_of([national, added]))
    with_layout = _accuracy(form, truth.data)

    assert with_layout == 1.0
    assert without < 0.6
