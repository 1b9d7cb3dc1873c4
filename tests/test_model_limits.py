"""The input budget: defaults, environment overrides, and how an error names a limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.ingest import IngestError, read
from jixiao.model.limits import Limits, configure, current
from tests.hostile import ruled_pdf


def test_defaults_fit_real_tables() -> None:
    limits = Limits()
    assert (limits.file_bytes, limits.pages, limits.cells, limits.integer_digits) == (50 << 20, 500, 200_000, 15)


def test_environment_overrides_and_names() -> None:
    limits = Limits.from_env({"JIXIAO_LIMIT_PAGES": "20", "OTHER": "x"})
    assert limits.pages == 20
    assert limits.describe("pages") == "PDF 页数上限 20（JIXIAO_LIMIT_PAGES）"
    assert limits.describe("file_bytes") == "文件大小上限 50 MB（JIXIAO_LIMIT_FILE_BYTES）"
    with pytest.raises(ValueError, match="环境变量 JIXIAO_LIMIT_CELLS 应为正整数"):
        Limits.from_env({"JIXIAO_LIMIT_CELLS": "-1"})


def test_configured_limits_are_the_ones_enforced(tmp_path: Path) -> None:
    pdf = tmp_path / "two.pdf"
    pdf.write_bytes(ruled_pdf(pages=2))
    configure(Limits(pages=1))
    try:
        assert current().pages == 1
        with pytest.raises(IngestError) as exc:
            read(pdf)
        assert str(exc.value) == f"文件 {pdf}：超出读取限制：页数 2，PDF 页数上限 1（JIXIAO_LIMIT_PAGES）"
    finally:
        configure(None)
    assert current().pages == 500
