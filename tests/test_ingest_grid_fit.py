"""Tab text written from a grid keeps each cell's column; a row out of the header's columns is read
as text is (jixiao/ingest/sections/grid_fit.py)."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from jixiao.ingest import read
from jixiao.ingest.cells import text_cells

HEAD = [
    "项目名称\t某项目\t\t\t\t\t\t\t\t",
    "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\t备注",
]


def _table(tmp_path: Path, *rows: str) -> list:  # type: ignore[type-arg]
    path = tmp_path / "t.txt"
    path.write_text("\n".join([*HEAD, *rows, "总分\t\t\t\t\t\t100\t95\t\t"]), encoding="utf-8")
    (ev,) = read(path)
    return [
        (i.level2, i.name, i.target, i.actual, i.weight, i.score, i.deviation_note, i.remark) for i in ev.indicators
    ]


def test_tab_cells_keep_their_columns() -> None:
    rows = ["\t产出指标\t数量指标\t人数\t=10人\t\t50\t50\t\t抽评", "\t\t质量指标\t合格率\t=100%\t100%\t50\t45\t\t"]
    cells = text_cells("\n".join([*HEAD, *rows]))
    row = [(c.text, c.column) for c in cells if c.row == 3]
    assert row == [("产出指标", 1), ("数量指标", 2), ("人数", 3), ("=10人", 4), ("50", 6), ("50", 7), ("抽评", 9)]


def test_an_empty_cell_keeps_its_place(tmp_path: Path) -> None:
    """The 实际完成值 and 偏差原因 are empty: 备注 stays a remark, the weight stays a weight."""
    rows = _table(tmp_path, "\t产出指标\t数量指标\t人数\t=10人\t\t50\t50\t\t抽评",
                  "\t\t质量指标\t合格率\t=100%\t100%\t50\t45\t未全部合格\t")  # fmt: skip
    assert rows == [
        ("数量指标", "人数", "=10人", None, D(50), D(50), None, "抽评"),
        ("质量指标", "合格率", "=100%", "100%", D(50), D(45), "未全部合格", None),
    ]


def test_a_row_shifted_out_of_its_columns_is_read_by_its_cells(tmp_path: Path) -> None:
    """A row copied without its first (merged) cell: its level label stands in the 绩效指标
    column and its weight under 实际完成值 — read as text is, not one place off."""
    rows = _table(tmp_path, "\t产出指标\t数量指标\t人数\t=10人\t10人\t50\t50\t\t",
                  "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t95%\t50\t45\t\t\t")  # fmt: skip
    assert rows[1] == ("服务对象满意度指标", "群众满意度", "≥90%", "95%", D(50), D(45), None, None)


def test_a_zero_in_the_reason_column_keeps_the_row_in_its_columns(tmp_path: Path) -> None:
    """A full-mark row with ``0`` written under 偏差原因 (nothing to say): still in its columns (the
    target split over 指标性质 | 指标值 | 度量单位), not read by its looks one column off."""
    path = tmp_path / "t.txt"
    path.write_text("\n".join([
        "项目名称\t某项目\t\t\t\t\t\t\t\t\t",
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t\t\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
        "\t\t\t\t指标性质\t指标值\t度量单位\t\t\t\t",
        "\t产出指标\t数量指标\t人数\t\t100\t\t100\t50\t50\t0",
        "\t\t质量指标\t合格率\t\t100\t\t100\t50\t50\t",
        "总分\t\t\t\t\t\t\t\t100\t100\t",
    ]), encoding="utf-8")  # fmt: skip
    (ev,) = read(path)
    assert [(i.name, i.target, i.actual, i.weight, i.score, i.deviation_note) for i in ev.indicators] == [
        ("人数", "100", "100", D(50), D(50), "0"),
        ("合格率", "100", "100", D(50), D(50), None),
    ]
