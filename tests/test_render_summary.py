"""Summaries: one row per project, totals, grade distribution, findings, charts embedded."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from jixiao import ingest
from jixiao.render.summary import chart_pngs, plotted_scores, summarise
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


def reviewed_summary():  # type: ignore[no-untyped-def]
    """Seed 004 with a reviewer's 复核总分, a 复核得分 and a 复核意见 on its first table."""
    (path,) = (SHARED / "seeds").glob("004_*.txt")
    evaluations = ingest.read(path)
    first = evaluations[0]
    rows = list(first.indicators)
    rows[0] = rows[0].model_copy(update={"recheck_score": Decimal("4.5")})
    rows[1] = rows[1].model_copy(update={"review_comment": "=1+1 使用率无佐证"})
    evaluations[0] = first.model_copy(update={"indicators": rows, "recheck_total_stated": Decimal("99.31")})
    return summarise(list(review_all(evaluations)))


def test_scores_are_named_and_the_reviewers_shown_only_when_given() -> None:
    ws = load_workbook(BytesIO(write_summary_xlsx(summary())))["汇总"]
    assert [c.value for c in ws[2]][7:11] == ["自评得分", "计算得分", "自评等次", "计算等次"]
    wb = load_workbook(BytesIO(write_summary_xlsx(reviewed_summary())))
    assert "复核意见" in wb.sheetnames
    ws = wb["汇总"]
    assert [c.value for c in ws[2]][7:12] == ["自评得分", "计算得分", "复核得分", "自评等次", "计算等次"]
    assert [c.value for c in ws[3]][7:10] == [99.81, 99.82, 99.31] and ws[4][9].value is None
    # the totals stay under their headings: means, then 错误 / 警告 / 提示
    assert [c.value for c in ws[3 + 18]][7:15] == [98.25, 98.25, None, None, None, 0, 6, 5]
    assert ws.cell(row=2, column=13).value == "错误" and ws.auto_filter.ref == "A2:P20"
    lines = [[c.value for c in row] for row in wb["复核意见"].iter_rows()]
    assert lines == [
        ["项目名称", "行", "三级指标", "分值", "自评得分", "复核得分", "复核意见"],
        ["“金保工程”社会保险信息系统升级改造经费", 1, "硬件、软件维护数量(个)", 5, 5, 4.5, None],
        ["“金保工程”社会保险信息系统升级改造经费", 2, "“金保工程”系统正常使用率(%)", 5, 5, None, "=1+1 使用率无佐证"],
    ]
    assert wb["复核意见"]["G3"].data_type == "s" and wb["复核意见"]["G3"].quotePrefix


def test_charts_plot_one_named_score() -> None:
    s = summary()
    label, scored = plotted_scores(s)
    assert label == "自评得分" and len(scored) == 18 and scored[1] == (Decimal("0.2732"), Decimal("87.91"))
    assert list(chart_pngs(s)) == ["预算执行率与自评得分", "自评得分分布", "复核问题"]
    unstated = replace(s, rows=[replace(r, stated_total=None) for r in s.rows])
    label, scored = plotted_scores(unstated)
    assert label == "计算得分" and scored == [(r.rate, r.computed_total) for r in s.rows]
    assert list(chart_pngs(unstated))[:2] == ["预算执行率与计算得分", "计算得分分布"]
    html = write_summary_html(reviewed_summary())
    assert "平均计算得分" in html and "<th>复核得分</th>" in html and "=1+1 使用率无佐证" in html
    assert "<th>复核得分</th>" not in write_summary_html(s)
