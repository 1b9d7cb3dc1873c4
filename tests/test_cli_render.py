"""``jixiao render``: every target from a document, a clear error for a wrong suffix."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.demo import demo_files
from tests.conftest import SHARED

runner = CliRunner()


@pytest.mark.parametrize("to,name", [("xlsx", "t.xlsx"), ("docx", "t.docx"), ("report", "r.docx"),
                                     ("summary", "s.html"), ("summary", "s.xlsx")])  # fmt: skip
def test_targets(to: str, name: str, tmp_path: Path) -> None:
    (path,) = (SHARED / "seeds").glob("001_*.txt")
    out = tmp_path / name
    result = runner.invoke(app, ["render", str(path), "--to", to, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 2000
    assert "（9张表）" in "".join(result.output.split())


def test_json_input_and_fill(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    result = runner.invoke(app, ["render", *map(str, demo_files()), "--to", "xlsx", "--fill", "-o", str(out)])
    assert result.exit_code == 0, result.output


def test_wrong_suffix(tmp_path: Path) -> None:
    (path,) = (SHARED / "seeds").glob("002_*.txt")
    result = runner.invoke(app, ["render", str(path), "--to", "summary", "-o", str(tmp_path / "s.pdf")])
    assert result.exit_code == 2
    assert "输出“summary”只能写成 .xlsx、.html 文件，不能写成 .pdf" in result.output
