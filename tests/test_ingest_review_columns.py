"""A standard table written by jixiao's own render with the reviewer's columns (复核得分, 复核意见)
and the 复核总分 in the 总分 row reads back as it was written: the stated score is not lost,
the 复核意见 is kept apart from the deviation note, the 复核总分 is read."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao import ingest
from jixiao.model.evaluation import Evaluation
from jixiao.render.layouts import build
from jixiao.render.standard_docx import write_docx
from jixiao.render.standard_xlsx import write_xlsx
from jixiao.rules import get
from tests.conftest import SHARED


def _seed(prefix: str) -> Path:
    (path,) = (SHARED / "seeds").glob(f"{prefix}_*.txt")
    return path


def _reviewed(ev: Evaluation, total: Decimal | None) -> Evaluation:
    """A 复核得分 on row 1 and row 3, a 复核意见 on row 2 (no 复核得分) and on row 3."""
    rows = list(ev.indicators)
    rows[0] = rows[0].model_copy(update={"recheck_score": Decimal("4.5")})
    rows[1] = rows[1].model_copy(update={"review_comment": "抽查不符"})
    rows[2] = rows[2].model_copy(update={"recheck_score": Decimal("3"), "review_comment": "佐证材料不全"})
    return ev.model_copy(update={"indicators": rows, "recheck_total_stated": total})


WRITERS = {".xlsx": write_xlsx, ".docx": write_docx}


@pytest.mark.parametrize("suffix", list(WRITERS))
@pytest.mark.parametrize(
    "prefix,rule_set,total", [("004", "changji-practice", Decimal("98.31")), ("001", "ningxia", None)]
)
def test_the_reviewers_columns_read_back(
    prefix: str, rule_set: str, total: Decimal | None, suffix: str, tmp_path: Path
) -> None:
    ev = _reviewed(ingest.read(_seed(prefix))[0], total)
    out = tmp_path / f"t{suffix}"
    out.write_bytes(WRITERS[suffix]([build(ev, get(rule_set))]))
    (back,) = ingest.read(out)
    want = [(i.name, i.score, i.recheck_score, i.review_comment, i.deviation_note) for i in ev.indicators]
    got = [(i.name, i.score, i.recheck_score, i.review_comment, i.deviation_note) for i in back.indicators]
    assert got == want
    assert back.recheck_total_stated == total
    assert back.total_score_stated == ev.total_score_stated


@pytest.mark.parametrize("suffix", list(WRITERS))
def test_the_scoring_sheet_s_recheck_column_reads_back(suffix: str, tmp_path: Path) -> None:
    """The 2013 评分表 (seed 002) with a 复核得分 on every other item and a 复核总分: written by render's
    framework-2013 layout, read back, each item keeps its stated score and gets its 复核得分."""
    ev = ingest.read(_seed("002"))[0]
    items = [
        i.model_copy(update={"recheck_score": i.score - Decimal("0.5") if k % 2 == 0 and i.score else None})
        for k, i in enumerate(ev.scoring_items)
    ]
    ev = ev.model_copy(update={"scoring_items": items, "recheck_total_stated": Decimal("95.5")})
    out = tmp_path / f"t{suffix}"
    out.write_bytes(WRITERS[suffix]([build(ev, get("framework-2013"))]))
    (back,) = ingest.read(out)
    want = [(i.level1, i.level2, i.name, i.weight, i.score, i.recheck_score) for i in ev.scoring_items]
    got = [(i.level1, i.level2, i.name, i.weight, i.score, i.recheck_score) for i in back.scoring_items]
    assert got == want
    assert [i.recheck_score for i in back.scoring_items[:4]] == [Decimal("2.5"), None, Decimal("3.5"), None]
    assert (back.total_score_stated, back.recheck_total_stated) == (ev.total_score_stated, Decimal("95.5"))
