"""Patterns that cost the square (or the cube) of a hostile text's length, found by timing every
pattern of the package on runs of digits, blanks and brackets (issue 15): each rewritten to be
linear and checked here to find exactly what the old pattern found on ordinary text, and the
files that hung the reader or the review now read within a generous bound (a liveness check,
not a measure of speed)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.ingest import labels as L
from jixiao.ingest.cells import _BLANKS, _SEPARATORS, clean
from jixiao.ingest.label_value import _NEXT
from jixiao.model.vocabulary import vocabulary
from jixiao.model.writing import drop_bracketed
from tests.hostile import NAMED, Bases

ROOT = Path(__file__).resolve().parents[1]
_ALPHABET = st.sampled_from(list("12.5 \t|（()）分万元人年项目名称：:，,其中x"))
_TEXT = st.text(_ALPHABET, max_size=40)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_bracketed_parts_dropped_as_before(text: str) -> None:
    assert drop_bracketed(text) == re.sub(r"[(（][^)）]*[)）]", "", text)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_points_marks_found_as_before(text: str) -> None:
    old = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]|[(（]?(\d+(?:\.\d+)?)\s*分[)）]?")
    assert vocabulary().points_mark.sub("", text) == old.sub("", text)
    assert vocabulary().trailing_figure.sub("", text) == re.sub(r"(\d+(?:\.\d+)?)$", "", text)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_separators_split_as_before(text: str) -> None:
    new = [clean(p) for p in _SEPARATORS.split(_BLANKS.sub(" ", text))]
    assert new == [clean(p) for p in re.split(r"\s*[|\t]\s*", text)]


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from(list(" 项目名称主管部门：:x1")), max_size=40))
def test_label_marks_found_as_before(text: str) -> None:
    label = r"(?:[\u4e00-\u9fff][\u4e00-\u9fff()（）]{1,11}|[\u4e00-\u9fff](?: [\u4e00-\u9fff]){1,7})"
    old = re.compile(rf"(?:^|\s)\s*({label})\s*[:：]")
    assert [(m.start(), m.group(1)) for m in _NEXT.finditer(text)] == [
        (m.start(), m.group(1)) for m in old.finditer(text)
    ]


def test_fund_pairs_of_a_funds_sentence() -> None:
    (rp,) = [r for r in L.REPORTS if "万元" in r.fund_pair]
    part = "中央补助资金120.5万元，省级配套30万元，市级1.2.5万元；100万元"
    found = re.compile(rp.fund_pair).findall(part)
    assert found == [("中央补助资金", "120.5"), ("省级配套", "30")]  # 1.2.5 is no amount: not read


@pytest.mark.parametrize("kind", [k for k in NAMED if k.startswith(("text_blank", "report_", "json_"))
                                  and NAMED[k][2] != "：JSON 嵌套过深"])  # fmt: skip
def test_hostile_text_is_read_and_reviewed_in_bounded_time(kind: str, tmp_path: Path) -> None:
    suffix, make, _expect = NAMED[kind]
    path = tmp_path / f"{kind}{suffix}"
    path.write_bytes(make(Bases()))
    for command in ("import", "review"):  # each hung for minutes (hours for some) before
        done = subprocess.run([sys.executable, "-m", "jixiao", command, str(path), "-o", str(tmp_path / "out"),
                               "--jobs", "1"], capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
        assert done.returncode in (0, 1, 2) and "Traceback" not in done.stderr, done.stderr[-2000:]


def test_a_far_cell_in_an_xls_is_refused_before_calamine_opens_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import python_calamine

    from jixiao.ingest import IngestError
    from jixiao.ingest.excel import sheet_cells
    from tests.hostile import biff_workbook

    path = tmp_path / "远处.xls"
    path.write_bytes(biff_workbook([(0, 0, "项目名称"), (65535, 255, 1)]))

    def opened(*args: object) -> None:
        raise AssertionError("calamine opened the workbook (and built 16 million positions)")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", opened)
    with pytest.raises(IngestError) as refused:
        sheet_cells(path)
    assert str(refused.value) == (
        f"文件 {path}：超出读取限制：工作表“Sheet1”的网格位置数 16,777,216，"
        "一张表格的网格位置数（行数 × 列数）上限 2,000,000（JIXIAO_LIMIT_GRID）"
    )


def test_a_small_xls_is_measured_and_read(tmp_path: Path) -> None:
    from jixiao.ingest.biff import sheet_extents
    from jixiao.ingest.excel import sheet_cells
    from tests.hostile import biff_workbook

    data = biff_workbook([(0, 0, "项目名称"), (0, 1, "某项目"), (2, 3, 3.5)])
    assert sheet_extents(data) == {"Sheet1": (2, 3, 3)}
    path = tmp_path / "小.xls"
    path.write_bytes(data)
    ((name, cells),) = sheet_cells(path)
    assert (name, [(c.text, c.cell) for c in cells]) == (
        "Sheet1",
        [("项目名称", "A1"), ("某项目", "B1"), ("3.5", "D3")],
    )
