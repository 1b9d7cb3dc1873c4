"""A workbook's 复核 sheet beside its 自评 sheet is one evaluation: the reviewer's figures are the
rows' 复核得分 where the project and rows match; where they do not, both tables are kept and the
reviewer's says why (issue 12: a batch must not count one project twice)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.ingest import read
from jixiao.ingest.recheck_sheets import attach_rechecks
from jixiao.model.evaluation import Evaluation, Indicator, Location, Source, TableKind
from tests.conftest import SHARED

ROWS = range(13, 27)
"""The indicator rows of the seed's sheet (tests.documents.write_xlsx)."""


def _book(tmp_path: Path, change: dict[str, object], title: str = "复核表") -> tuple[Path, Evaluation]:
    """The seed's sheet and a copy of it (named ``title``) with ``change`` written into the copy."""
    from openpyxl import load_workbook

    from tests.documents import write_xlsx

    (seed,) = (SHARED / "seeds").glob("004_*.txt")
    path = tmp_path / "自评与复核.xlsx"
    write_xlsx(read(seed)[0], path)
    (own,) = read(path)
    wb = load_workbook(path)
    copy = wb.copy_worksheet(wb["自评表"])
    copy.title = title
    for at, value in change.items():
        copy[at] = value
    wb.save(path)
    return path, own


def test_a_recheck_column_on_a_recheck_sheet_is_the_rows_recheck_score(tmp_path: Path) -> None:
    """The copy's 得分 headed 复核得分 and each score 0.5 lower: one evaluation, its own scores kept,
    each row's recheck_score the reviewer's, placed at the copy's cell."""
    from openpyxl import load_workbook

    path, own = _book(tmp_path, {"H12": "复核得分"})
    wb = load_workbook(path)
    for r in ROWS:
        wb["复核表"][f"H{r}"] = round(wb["自评表"][f"H{r}"].value - 0.5, 2)
    wb.save(path)
    (ev,) = read(path)
    assert [i.score for i in ev.indicators] == [i.score for i in own.indicators]
    assert [i.recheck_score for i in ev.indicators] == [i.score - Decimal("0.5") for i in own.indicators]
    assert ev.indicators[0].provenance["recheck_score"] == Location(row=13, column=8, cell="H13", sheet="复核表")
    assert ev.indicators[0].provenance["score"].sheet == "自评表"
    assert ev.columns == [*own.columns, "recheck_score"]
    assert (ev.total_score_stated, ev.doubts, ev.source) == (own.total_score_stated, [], own.source)


def test_a_sheet_named_recheck_with_its_own_score_column_is_the_reviewers(tmp_path: Path) -> None:
    """A sheet named 复核 with the form's plain 得分: its scores are the reviewer's, and so its total."""
    from openpyxl import load_workbook

    path, own = _book(tmp_path, {"H27": 95}, title="复核")
    wb = load_workbook(path)
    wb["复核"]["H21"] = 4
    wb.save(path)
    (ev,) = read(path)
    assert [i.recheck_score for i in ev.indicators] == [
        Decimal(4) if k == 8 else i.score for k, i in enumerate(own.indicators)
    ]
    assert (ev.total_score_stated, ev.recheck_total_stated) == (own.total_score_stated, Decimal(95))
    assert ev.provenance["recheck_total_stated"] == Location(row=27, column=1, cell="A27", sheet="复核")  # its 总分 row


def test_self_and_recheck_columns_with_comments(tmp_path: Path) -> None:
    path, own = _book(tmp_path, {"H12": "自评得分", "I12": "复核得分", "J12": "复核意见",
                                 **{f"I{r}": 3 for r in ROWS}, "J13": "佐证不足"})  # fmt: skip
    (ev,) = read(path)
    assert [i.recheck_score for i in ev.indicators] == [Decimal(3)] * 14
    assert [i.review_comment for i in ev.indicators[:2]] == ["佐证不足", None]
    assert ev.columns == [*own.columns, "recheck_score", "review_comment"]


def test_rows_that_differ_keep_both_tables_and_say_why(tmp_path: Path) -> None:
    """The reviewer changed a weight: which row each figure belongs to is not sure, so both stay,
    the reviewer's with a doubt naming both sheets and the row."""
    path, own = _book(tmp_path, {"H12": "复核得分", "G14": 6})
    first, second = read(path)
    assert first == own
    assert (second.source.location.sheet if second.source and second.source.location else None) == "复核表"
    assert [i.recheck_score for i in second.indicators][:2] == [Decimal(5), Decimal(5)]
    assert [(d.field, d.reason) for d in second.doubts] == [(
        "indicators",
        "工作表“复核表”是工作表“自评表”同一项目的复核表，但第 2 行指标（“金保工程”系统正常使用率(%)）的名称、"
        "分值或自评得分与自评表不同，复核得分未并入自评表，两张表分别读出，请对照原件",
    )]  # fmt: skip


def test_a_copy_not_named_recheck_is_left_alone(tmp_path: Path) -> None:
    """Two sheets of one project with no recheck word and no 复核得分 column: two tables, as read."""
    path, _own = _book(tmp_path, {}, title="Sheet2")
    assert len(read(path)) == 2


def _ev(sheet: str, columns: list[str], rows: list[Indicator], project: str = "某项目") -> Evaluation:
    where = Location(row=1, column=1, cell="A1", sheet=sheet)
    return Evaluation(kind=TableKind.PROJECT_SELF_EVALUATION, project_name=project, year=2024, columns=columns,
                      indicators=rows, source=Source(file="x.xlsx", table=1, location=where))  # fmt: skip


def test_attach_rechecks_matches_project_and_rows() -> None:
    own = _ev("自评", ["weight", "score"], [Indicator(name="甲", weight=Decimal(5), score=Decimal(5))])
    checked = _ev("Sheet3", ["weight", "recheck_score"], [Indicator(name="甲", weight=Decimal(5),
                                                                     recheck_score=Decimal(4))])  # fmt: skip
    (joined,) = attach_rechecks([own, checked])
    assert (joined.indicators[0].score, joined.indicators[0].recheck_score) == (Decimal(5), Decimal(4))
    other = _ev("Sheet3", checked.columns, checked.indicators, project="别的项目")
    assert attach_rechecks([own, other]) == [own, other]
    fewer = _ev("复核", ["weight", "score"], [])
    kept = attach_rechecks([own, fewer])
    assert [d.reason for d in kept[1].doubts] == [
        "工作表“复核”是工作表“自评”同一项目的复核表，但指标行数不同（自评表 1 行，复核表 0 行），"
        "复核得分未并入自评表，两张表分别读出，请对照原件"
    ]
