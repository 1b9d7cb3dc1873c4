"""``jixiao review``: formats, exit codes, --explain, bad input."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import SHARED
from tests.test_cli import run

SEED004 = next((SHARED / "seeds").glob("004_*.txt"))
CORPUS_031 = SHARED / "corpus" / "031.txt"


def test_review_text_exits_1_on_errors_and_0_with_fail_on_never() -> None:
    code, out, err = run("review", str(CORPUS_031))
    assert code == 1
    assert "EXEC_RATE_MISMATCH" in out and "新型经营主体实现产值" in out
    assert "共复核 1 张表：错误 4，警告 1，提示 0" in err
    code, _, _ = run("review", str(CORPUS_031), "--fail-on", "never")
    assert code == 0


def test_fail_on_warning() -> None:
    # seed 004 has no error-level finding, only warnings and rounding notes
    assert run("review", str(SEED004), "--fail-on", "error")[0] == 0
    assert run("review", str(SEED004), "--fail-on", "warning")[0] == 1


def test_review_json(tmp_path: Path) -> None:
    out = tmp_path / "review.json"
    code, _, _ = run("review", str(SEED004), "--format", "json", "-o", str(out), "--fail-on", "never")
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"), parse_float=Decimal)
    assert data["summary"]["evaluations"] == 18
    first = data["findings"][0]
    assert set(first) >= {"code", "severity", "file", "table", "project", "where", "row", "location", "stated",
                          "computed", "message", "rule", "title"}  # fmt: skip
    assert (first["code"], first["stated"], first["computed"]) == ("TEXT_TABLE_MISMATCH", "98.6%", "98.75%")
    ev = data["evaluations"][7]
    assert (ev["rule_set"], ev["total_score"], ev["verified_total"]) == ("changji-practice", Decimal("93.19"),
                                                                         Decimal("93.19"))  # fmt: skip


def test_review_html_highlights_cells(tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    run("review", str(SEED004), str(CORPUS_031), "--format", "html", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page and "http" not in page.split("<body>")[0]
    assert '<td class="num error">31.9</td>' in page
    assert "LOW_EXEC_FULL_MARKS" in page and "按单位" in page and "昌吉回族自治州社会保险管理局本级" in page


def test_review_html_is_streamed_and_the_same_page(tmp_path: Path) -> None:
    """The page the CLI streams (pieces rendered in the workers, numbered in the parent) is the
    page ``write_html`` makes of the whole batch, with one job or two."""
    import re

    from jixiao.ingest import read
    from jixiao.render.review_html import write_html
    from jixiao.review import review_all

    pages = []
    for jobs in ("1", "2"):
        out = tmp_path / f"review{jobs}.html"
        assert run("review", str(CORPUS_031), str(SEED004), "-f", "html", "-o", str(out), "-j", jobs)[0] == 1
        pages.append(out.read_text(encoding="utf-8"))
    whole = write_html(list(review_all(read(CORPUS_031), None)) + list(review_all(read(SEED004), None)))
    stamp = re.compile(r"生成时间 [0-9: -]+")
    assert stamp.sub("", pages[0]) == stamp.sub("", pages[1]) == stamp.sub("", whole)
    assert pages[0].count("<section id=") == 19 and '<section id="ev19">' in pages[0]
    assert "<h3>2. “金保工程”社会保险信息系统升级改造经费</h3>" in pages[0] and "共 19 张表" in pages[0]
    assert "\x00" not in pages[0]


def test_review_xlsx_one_row_per_finding(tmp_path: Path) -> None:
    out = tmp_path / "review.xlsx"
    run("review", str(CORPUS_031), "--format", "xlsx", "-o", str(out))
    ws = load_workbook(out).active
    assert ws is not None
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:N6"
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("级别", "代码", "问题")
    assert [r[1] for r in rows[1:]] == ["EXEC_RATE_MISMATCH", "SCORE_OVER_WEIGHT", "OVER_COMPLETION",
                                         "SCORE_OVER_WEIGHT", "SCORE_OVER_WEIGHT"]  # fmt: skip


def test_review_xlsx_goes_on_to_a_new_sheet_when_one_is_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import jixiao.render.review_xlsx as review_xlsx

    monkeypatch.setattr(review_xlsx, "ROWS", 4)  # a header and three findings a sheet
    out = tmp_path / "review.xlsx"
    review_xlsx.write_rows(out, ([f"错误{n}", f"CODE_{n}"] + [None] * 12 for n in range(7)))
    book = load_workbook(out)
    assert book.sheetnames == ["复核意见", "复核意见（2）", "复核意见（3）"]
    sheets = [list(ws.iter_rows(values_only=True)) for ws in book.worksheets]
    assert [[row[1] for row in rows] for rows in sheets] == [
        ["代码", "CODE_0", "CODE_1", "CODE_2"], ["代码", "CODE_3", "CODE_4", "CODE_5"], ["代码", "CODE_6"]
    ]  # fmt: skip
    assert [(ws.freeze_panes, ws.auto_filter.ref) for ws in book.worksheets] == [
        ("A2", "A1:N4"), ("A2", "A1:N4"), ("A2", "A1:N2")
    ]  # fmt: skip


def test_explain() -> None:
    code, out, _ = run("review", "--explain", "LOW_EXEC_FULL_MARKS")
    assert code == 0 and "执行率低而产出效益满分" in out and "如何改正" in out
    code, _, err = run("review", "--explain", "NO_SUCH_CODE")
    assert code == 2 and "没有问题代码“NO_SUCH_CODE”" in err


def test_bad_files_reported_and_batch_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"not a workbook")
    code, out, err = run("review", str(bad), str(CORPUS_031), "--fail-on", "never")
    assert code == 1
    assert "坏.xlsx" in err and "EXEC_RATE_MISMATCH" in out


def test_named_rule_set_is_used() -> None:
    code, out, _ = run("review", str(SEED004), "--rules", "national-2020", "--fail-on", "never")
    assert code == 0
    assert "由用户指定" in out and "COST_DEDUCTED" in out
