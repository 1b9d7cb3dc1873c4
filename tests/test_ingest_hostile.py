"""Hostile and broken files (tests/hostile.py) give one Chinese line naming the file, within
their budget; the errors cross process boundaries unchanged."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from jixiao.ingest import IngestError
from jixiao.ingest.batch import read_all, read_one
from jixiao.model.io import InputError
from tests.hostile import NAMED, generate

_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def named(tmp_path_factory: pytest.TempPathFactory) -> list:  # type: ignore[type-arg]
    return generate(tmp_path_factory.mktemp("named"), len(NAMED) + 2)


@pytest.mark.parametrize("index", range(len(NAMED) + 2))
def test_named_attack(named: list, index: int) -> None:  # type: ignore[type-arg]
    hostile = named[index]
    outcome = read_one(hostile.path)
    if hostile.expect == "":
        assert outcome.error is None, hostile.kind
        assert outcome.evaluations, hostile.kind
    elif hostile.expect is not None:
        assert outcome.error is not None and outcome.error.startswith(f"文件 {hostile.path}{hostile.expect}"), (
            hostile.kind,
            outcome.error,
        )
    else:
        assert outcome.error is None or outcome.error.startswith(f"文件 {hostile.path}"), hostile.kind


def test_sparse_sheet_costs_its_cells(named: list) -> None:  # type: ignore[type-arg]
    from jixiao.ingest.excel import sheet_cells

    (hostile,) = [h for h in named if h.kind == "sparse_sheet"]
    (sheet,) = [cells for _name, cells in sheet_cells(hostile.path) if cells and cells[-1].cell == "XFD1048576"]
    assert [(c.text, c.cell) for c in sheet] == [("项目名称", "A1"), ("1", "XFD1048576")]


def test_random_damage_gives_one_chinese_line(tmp_path: Path) -> None:
    for hostile in generate(tmp_path, 60, seed=7, named=False):
        outcome = read_one(hostile.path)
        if outcome.error is not None:
            assert outcome.error.startswith(f"文件 {hostile.path}"), outcome.error
            assert "\n" not in outcome.error and _CJK.search(outcome.error[len(str(hostile.path)) + 3 :])


def test_errors_pickle_with_their_strings() -> None:
    for error in (IngestError("a.docx", "文件为空"), InputError("b.json", "[0].year", "应为整数")):
        back = pickle.loads(pickle.dumps(error))
        assert (type(back), str(back), back.args) == (type(error), str(error), error.args)


def test_two_jobs_give_the_same_lines(named: list) -> None:  # type: ignore[type-arg]
    files = [h.path for h in named if h.expect]
    one = [(o.path, o.error) for o in read_all(files, 1)]
    two = [(o.path, o.error) for o in read_all(files, 2)]
    assert one == two and all(error for _path, error in one)
