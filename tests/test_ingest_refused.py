"""A figure the value parser refuses (an exponent, more than 15 integer digits, NaN) in a table's
row is a doubt naming its cell, not a silent empty (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.ingest import read
from tests.conftest import SHARED


@pytest.mark.parametrize(("written", "reason"), [
    ("1e400", "数字用了科学计数法（如 1e400），请直接写出数字"),
    ("12345678901234567890", "数字超过 15 位整数，超出表格能容纳的范围"),
    ("NaN", "数字不是有限值（NaN 或无穷大），表格中不能有这样的数"),
])  # fmt: skip
def test_a_refused_score_is_a_doubt_on_its_cell(tmp_path: Path, written: str, reason: str) -> None:
    """A sheet's 得分 cell overwritten with a number no table holds: by its grid column it is still
    the score, left empty, with a doubt naming the cell."""
    from openpyxl import load_workbook

    from tests.documents import write_xlsx

    (seed,) = (SHARED / "seeds").glob("004_*.txt")
    path = tmp_path / "改过的.xlsx"
    write_xlsx(read(seed)[0], path)
    (before,) = read(path)[:1]
    k, ind = next((k, i) for k, i in enumerate(before.indicators) if i.score is not None and "score" in i.provenance)
    where = ind.provenance["score"]
    assert where.cell is not None and where.sheet is not None
    wb = load_workbook(path)
    wb[where.sheet][where.cell] = written
    wb.save(path)
    (after,) = read(path)[:1]
    assert after.indicators[k].score is None and after.indicators[k].weight == ind.weight
    doubts = [d for d in after.doubts if d.field == f"indicators[{k}].score"]
    assert [(d.reading, d.reason, d.location) for d in doubts] == [
        (None, f"“得分”写作“{written}”：{reason}，未读作数字", where)
    ]
    assert [d.field for d in before.doubts if d.field.startswith(f"indicators[{k}]")] == []
