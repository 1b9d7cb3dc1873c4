"""Every threshold in ``Settings`` is wired: read by some ingest stage, not only listed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from jixiao.ingest import read
from jixiao.ingest import settings as settings_module
from jixiao.ingest.cells import Cell
from jixiao.ingest.settings import DEFAULT, Settings
from tests.conftest import SHARED


def test_every_setting_is_read_by_a_stage() -> None:
    root = Path(settings_module.__file__).parent
    code = "\n".join(p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.py")) if p.name != "settings.py")
    unread = [f.name for f in dataclasses.fields(Settings) if f".{f.name}" not in code]
    assert unread == []


def test_settings_are_named_values_with_their_defaults() -> None:
    assert Settings() == DEFAULT
    assert (DEFAULT.title_max_chars, DEFAULT.header_back_cells, DEFAULT.numbers_ahead) == (60, 14, 7)


CUSTOM = Settings(title_max_chars=61)
"""Settings of their own (not the defaults): what reaches each stage is told by identity."""


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The settings ``cells.text_cells`` (its first layout test) and ``read_scoring_sheet`` were given."""
    from jixiao.ingest import assemble, cells

    got: list[object] = []
    layout_test, sheet = cells.is_one_cell_per_line, assemble.read_scoring_sheet

    def spy_layout(lines: list[str], settings: Settings = DEFAULT) -> bool:
        got.append(("text_cells", settings))
        return layout_test(lines, settings)

    def spy_sheet(cells_: list[Cell], settings: Settings = DEFAULT) -> object:
        got.append(("read_scoring_sheet", settings))
        return sheet(cells_, settings)

    monkeypatch.setattr(cells, "is_one_cell_per_line", spy_layout)
    monkeypatch.setattr(assemble, "read_scoring_sheet", spy_sheet)
    return got


def _seed_text() -> str:
    (seed,) = (SHARED / "seeds").glob("004_*.txt")
    return seed.read_text(encoding="utf-8")


def _documents(tmp_path: Path) -> dict[str, Path]:
    """The seed as .txt, a Word document with its title as a paragraph, an .xlsx with its text pasted
    one line a cell (read as text), a web page with a paragraph above its table."""
    from openpyxl import Workbook

    from tests.documents import write_docx, write_html

    (seed,) = (SHARED / "seeds").glob("004_*.txt")
    ev = read(seed)[0]
    out = {".txt": seed, ".docx": tmp_path / "a.docx", ".xlsx": tmp_path / "a.xlsx", ".html": tmp_path / "a.html"}
    write_docx(ev, out[".docx"], flowing=True)
    write_html(ev, out[".html"])
    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    for line in _seed_text().splitlines():
        sheet.append([line])
    wb.save(out[".xlsx"])
    return out


def test_settings_given_to_read_reach_text_cells_and_the_scoring_sheet(seen: list[object], tmp_path: Path) -> None:
    for suffix, path in _documents(tmp_path).items():
        seen.clear()
        assert read(path, CUSTOM), suffix
        stages = {stage for stage, _s in seen}
        assert stages == {"text_cells", "read_scoring_sheet"}, suffix
        assert all(s is CUSTOM for _stage, s in seen), suffix
        seen.clear()
        read(path)
        assert seen and all(s is DEFAULT for _stage, s in seen), suffix


def test_a_pdf_page_s_text_is_cut_with_the_settings_given(seen: list[object], tmp_path: Path) -> None:
    from jixiao.ingest.pdf import Page, page_cells

    page = Page(number=1, above="", tables=[], text=_seed_text())
    assert page_cells(tmp_path / "a.pdf", [page], CUSTOM)
    assert seen and all(s is CUSTOM for _stage, s in seen)


def test_settings_decide_how_a_text_is_cut() -> None:
    """The seed is one cell per line at the default share; a share no text reaches reads it otherwise."""
    from jixiao.ingest.cells import text_cells

    text = _seed_text()
    default = [c.text for c in text_cells(text)]
    assert [c.text for c in text_cells(text, Settings(one_cell_per_line_share=1.0))] != default
    assert [c.text for c in text_cells(text, DEFAULT)] == default
