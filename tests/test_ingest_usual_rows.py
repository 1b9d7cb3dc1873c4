"""Rows of text read in the columns the table's other rows fill (sections/usual_rows): a row that
alone could read either way, and two figures joined at a line's end read both ways."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from jixiao.ingest import labels as L
from jixiao.ingest import read
from jixiao.ingest.cells import Cell
from jixiao.ingest.normalise import UNSURE_JOIN
from jixiao.ingest.sections import usual_rows
from jixiao.ingest.sections.rows import RowWalk, make_indicator

HEAD = [
    "项目名称 乡村道路养护项目",
    "项目资金 （万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分",
    "年度资金总额 300 300 270 10 90% 9",
    "绩效指标 一级指标 二级指标 三级指标 年度指标值 全年实际完成值 分值 得分 偏差原因分析及改进措施",
]
ROWS = [
    "产出指标 数量指标 养护道路里程(公里) 30 8 12.5",
    "新修护栏(米) 4500 4620 20",
    "效益指标 社会效益指标 通行时间缩短(分钟) 2000 2150 30",
]


def _read(tmp_path: Path, last: str, *, rows: list[str] = ROWS):  # type: ignore[no-untyped-def]
    path = tmp_path / "t.txt"
    path.write_text("\n".join([*HEAD, *rows, last, "总分 89.5"]), encoding="utf-8")
    (ev,) = read(path)
    return ev


def _figures(ev) -> list[tuple[str | None, str | None, D | None, D | None]]:  # type: ignore[no-untyped-def]
    return [(i.target, i.actual, i.weight, i.score) for i in ev.indicators]


def test_a_row_that_could_read_either_way_reads_as_the_other_rows(tmp_path: Path) -> None:
    """``30 8 12.5`` alone fits a target, a weight and a score best; the table's other rows fill a
    target, an actual and one figure after (no weight is 4620): it reads so, and the table's
    arithmetic (9 + Σ = 89.5) makes every last figure a score."""
    ev = _read(tmp_path, "满意度指标 服务对象满意度指标 群众满意度(%) 95 100 18")
    assert _figures(ev) == [
        ("30", "8", None, D("12.5")),
        ("4500", "4620", None, D("20")),
        ("2000", "2150", None, D("30")),
        ("95", "100", None, D("18")),
    ]


def test_a_figure_joined_at_a_line_end_reads_as_the_table_reads(tmp_path: Path) -> None:
    ev = _read(tmp_path, f"满意度指标 服务对象满意度指标 群众满意度(%) 95{UNSURE_JOIN}100 18")
    assert _figures(ev)[3] == ("95", "100", None, D("18"))  # apart: a target and its actual, as every row
    assert not [d for d in ev.doubts if d.field.startswith("indicators[")]
    rows = [*ROWS[:2], f"效益指标 社会效益指标 通行时间缩短(分钟) 2000 2{UNSURE_JOIN}150 30"]
    ev = _read(tmp_path, "满意度指标 服务对象满意度指标 群众满意度(%) 95 100 18", rows=rows)
    assert _figures(ev)[2] == ("2000", "2150", None, D("30"))  # joined: apart one figure too many
    assert not [d for d in ev.doubts if d.field.startswith("indicators[")]


def test_a_joined_figure_no_usual_columns_settle_stays_in_doubt() -> None:
    cols = [L.Column.TARGET, L.Column.ACTUAL, L.Column.WEIGHT, L.Column.SCORE, L.Column.NOTE]
    walk = RowWalk(cols, {})
    texts = [["甲", "4500", "4620", "20"], ["乙", "15", "8", "8"], ["丙", f"95{UNSURE_JOIN}100", "18"]]
    for k, row in enumerate(texts):
        cells = [Cell(t.replace(UNSURE_JOIN, ""), line=k + 1, unsure=UNSURE_JOIN in t,
                      apart=t.replace(UNSURE_JOIN, " ") if UNSURE_JOIN in t else None) for t in row]  # fmt: skip
        walk.current = cells
        walk.flush()
    assert usual_rows.usual_columns(walk) is None  # only 4500 4620 20 reads one way: no most
    usual_rows.read_as_usual(walk)
    assert walk.rows[2].target is None and walk.rows[2].weight == D("18")
    assert [d.field for d in walk.doubts] == ["indicators[2].target"]
    one = make_indicator([Cell("乙"), Cell("15"), Cell("8"), Cell("8")], cols, None, None)
    assert one is not None and (one.target, one.weight, one.score) == ("15", D("8"), D("8"))
