"""A figure the value parser refuses (an exponent, more than 15 integer digits, NaN) in a table's
row is a doubt naming its cell, not a silent empty (issue 15)."""

from __future__ import annotations

from decimal import Decimal
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


REASON = "数字用了科学计数法（如 1e400），请直接写出数字"


def test_a_refused_amount_in_a_funds_grid_is_a_doubt_on_its_cell(tmp_path: Path) -> None:
    """The 全年执行数 of the total and of the first source overwritten with 1e400: by their grid
    columns they are still the executed amounts, left empty, each a doubt naming its cell; the
    other figures of the rows are read as before."""
    from openpyxl import load_workbook

    from tests.documents import write_xlsx

    (seed,) = (SHARED / "seeds").glob("004_*.txt")
    path = tmp_path / "改过的资金.xlsx"
    write_xlsx(read(seed)[0], path)
    (before,) = read(path)[:1]
    wb = load_workbook(path)
    sheet = wb.active
    assert sheet is not None and (sheet["B6"].value, sheet["E5"].value) == ("年度资金总额", "全年执行数")
    sheet["E6"] = sheet["E7"] = "1e400"
    wb.save(path)
    (after,) = read(path)[:1]
    assert after.funds is not None and before.funds is not None
    assert (after.funds.executed, after.funds.adjusted_budget) == (None, before.funds.adjusted_budget)
    assert (after.funds.sources[0].executed, after.funds.sources[0].adjusted_budget) == (None, Decimal(300))
    assert after.execution_rate_stated == before.execution_rate_stated
    assert [(d.field, d.reason, d.location.cell if d.location else None) for d in after.doubts] == [
        ("funds.executed", f"“全年执行数”写作“1e400”：{REASON}，未读作数字", "E6"),
        ("funds.sources[0].executed", f"“全年执行数”写作“1e400”：{REASON}，未读作数字", "E7"),
    ]
    assert before.doubts == []


def test_a_refused_figure_in_a_funds_row_and_the_total_of_text_is_a_doubt(tmp_path: Path) -> None:
    """In text (one cell per line) the refused 全年执行数 keeps its place among the row's figures (the
    rate and score after it are read as before) and the refused 总分 score leaves the weight sum."""
    (seed,) = (SHARED / "seeds").glob("004_*.txt")
    lines = seed.read_text(encoding="utf-8").splitlines()
    funds_at = next(k for k, ln in enumerate(lines) if ln.strip().startswith("年度资金总额"))
    total_at = next(k for k, ln in enumerate(lines) if ln.strip() == "总分")
    assert (lines[funds_at + 3], lines[total_at + 1], lines[total_at + 2]) == ("\t296.26", "\t100", "\t99.81分")
    lines[funds_at + 3] = lines[total_at + 2] = "\t1e400"
    path = tmp_path / "改过的.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    (ev,) = read(path)[:1]
    assert ev.funds is not None
    assert (ev.funds.adjusted_budget, ev.funds.executed, ev.execution_rate_stated, ev.execution_score_stated) == (
        Decimal("300.00"), None, Decimal("0.9875"), Decimal("9.88")
    )  # fmt: skip
    assert ev.total_score_stated is None
    assert [(d.field, d.reason, d.location.line if d.location else None) for d in ev.doubts] == [
        ("funds", f"“{lines[funds_at].strip().rstrip(':：')}”一行中的数字“1e400”：{REASON}，未读作数字", funds_at + 4),
        ("total_score_stated", f"“总分”一行中的数字“1e400”：{REASON}，未读作数字", total_at + 3),
    ]
