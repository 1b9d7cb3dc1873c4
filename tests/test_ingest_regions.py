"""Regions: where each table of a cell stream is, its title and its kind (jixiao.ingest.regions)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jixiao.ingest import labels
from jixiao.ingest.cells import Cell
from jixiao.ingest.layouts.schema import SHIPPED, catalogue_of
from jixiao.ingest.regions import document_year, kind_of, split_tables, title_cell, unread_titles
from jixiao.ingest.settings import Settings
from jixiao.model.evaluation import TableKind


def cells(*texts: str) -> list[Cell]:
    return [Cell(t) for t in texts]


@pytest.fixture
def restore() -> Iterator[None]:
    yield
    labels.use_catalogue(None)


TWO = cells(
    "2021年度项目支出绩效自评表", "(2021年度)", "填报单位", "a", "b", "c", "d", "项目名称", "甲", "项目名称", "乙"
)


def test_a_table_reaches_back_to_its_year_line_within_the_window() -> None:
    assert split_tables(TWO) == [(1, 9), (9, 11)]  # 6 cells back: the (2021年度) line, not the title
    assert split_tables(TWO, Settings(table_back_cells=7)) == [(0, 9), (9, 11)]
    assert split_tables(TWO, Settings(table_back_cells=5)) == [(7, 9), (9, 11)]


def test_no_project_name_is_one_table_when_funds_or_levels_are_there_else_none() -> None:
    assert split_tables(cells("年度资金总额", "10")) == [(0, 2)]
    assert split_tables(cells("某某", "说明")) == []


def test_project_name_as_a_list_column_header_opens_no_table() -> None:
    assert split_tables(cells("序号", "项目名称", "备注", "1", "甲")) == []


def test_the_title_is_at_most_title_max_chars_long() -> None:
    found = title_cell(cells("2021年度项目支出绩效自评表", "项目名称"))
    assert found is not None and found.text == "2021年度项目支出绩效自评表"
    assert title_cell(cells("2021年度项目支出绩效自评表", "项目名称"), Settings(title_max_chars=10)) is None


def test_no_title_after_the_first_label() -> None:
    assert title_cell(cells("项目名称", "2021年度项目支出绩效自评表")) is None


def test_the_document_year_is_searched_in_the_first_cells_only() -> None:
    assert document_year(cells("x", "x", "2019年度")) == 2019
    assert document_year(cells("x", "x", "2019年度"), Settings(title_search_cells=2)) is None


def test_an_unread_title_is_one_outside_the_reach_of_every_table() -> None:
    stream = cells("某项目支出绩效自评表", "x", "x", "x", "项目名称", "甲")
    assert unread_titles(stream, [(4, 6)]) == []  # 20 cells of reach by default
    assert [c.text for c in unread_titles(stream, [(4, 6)], Settings(unread_title_reach=3))] == ["某项目支出绩效自评表"]
    assert unread_titles(stream, [(9, 10)], Settings(unread_title_max_chars=5)) == []  # too long to be a title


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("2021年度部门整体支出绩效自评表", TableKind.DEPARTMENT_OVERALL),
        ("2021年度项目绩效目标申报表", TableKind.PERFORMANCE_TARGETS),
        ("2021年度绩效目标批复表", TableKind.PERFORMANCE_TARGETS),
        ("2021年度绩效目标自评表", TableKind.PROJECT_SELF_EVALUATION),
        ("项目支出绩效自评表", TableKind.PROJECT_SELF_EVALUATION),
    ],
)
def test_the_kind_is_told_by_the_title_words_of_the_layouts(title: str, kind: TableKind) -> None:
    assert kind_of(title) is kind


def test_title_words_are_layout_data(tmp_path: Path, restore: None) -> None:
    """A layout file that adds a title word makes a new title, with no Python change."""
    stream = cells("2021年度项目考评单", "项目名称", "甲")
    assert title_cell(stream) is None
    extra = tmp_path / "more-titles.toml"
    extra.write_text('[layout]\nname = "more"\n[titles]\nwords = ["考评"]\nforms = ["单"]\n', encoding="utf-8")
    labels.use_catalogue(catalogue_of([SHIPPED / "national.toml", extra]))
    found = title_cell(stream)
    assert found is not None and found.text == "2021年度项目考评单"
    assert kind_of("2021年度部门整体支出绩效自评表") is TableKind.PROJECT_SELF_EVALUATION  # not in national.toml
