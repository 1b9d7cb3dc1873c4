"""Summaries: one row per project, totals, grade distribution, findings, charts embedded."""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from jixiao import ingest
from jixiao.render.summary import summarise
from jixiao.render.summary_html import write_summary_html
from jixiao.render.summary_xlsx import write_summary_xlsx
from jixiao.review import review_all
from tests.conftest import SHARED


def summary():  # type: ignore[no-untyped-def]
    (path,) = (SHARED / "seeds").glob("004_*.txt")
    return summarise(list(review_all(ingest.read(path))))


def test_figures() -> None:
    s = summary()
    assert len(s.rows) == 18
    assert (s.adjusted, s.executed, s.rate) == (Decimal("938.86"), Decimal("822.65"), Decimal("0.8762"))
    assert s.grades == {"优": 17, "良": 1, "中": 0, "差": 0}
    assert s.findings["SCORE_ROUNDING 得分尾差"] == 3 and s.findings["LOW_EXEC_FULL_MARKS 执行率低而产出效益满分"] == 1
    assert s.findings["TEXT_TABLE_MISMATCH 文字与表格数字不一致"] == 5
    second = s.rows[1]
    assert (second.executed, second.rate, second.stated_total, second.computed_total) == (
        Decimal("25.95"), Decimal("0.2732"), Decimal("87.91"), Decimal("87.91"))  # fmt: skip


def test_xlsx_has_rows_totals_and_charts() -> None:
    s = summary()
    wb = load_workbook(BytesIO(write_summary_xlsx(s)))
    ws = wb["汇总"]
    assert [c.value for c in ws[2]][:3] == ["单位", "主管部门", "项目名称"]
    totals = [c.value for c in ws[3 + 18]]
    assert totals[0] == "合计 / 平均" and totals[4] == 938.86 and totals[5] == 822.65 and totals[6] == 0.8762
    assert len(wb["图表"]._images) == 3
    # the most frequent code first: seed 004's texts disagree with its tables 5 times (2 rates or
    # amounts, 3 row figures the review matches by the rows' key terms)
    assert wb["问题统计"]["A2"].value == "TEXT_TABLE_MISMATCH 文字与表格数字不一致"


def test_html_is_self_contained() -> None:
    html = write_summary_html(summary())
    assert html.count("data:image/png;base64,") == 3
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert "938.86" in html and "87.62%" in html and "“金保工程”系统维护费" in html
