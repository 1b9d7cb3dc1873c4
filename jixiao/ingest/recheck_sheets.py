"""A workbook's 复核 sheet beside its 自评 sheet (or a Word file's 复核 table after its 自评
table): one evaluation, the reviewer's figures on the self-evaluation's rows.

A department or the finance office checks a self-evaluation by copying its sheet and writing the
scores it grants (a 复核得分 column, a 复核意见, or the 得分 column of a sheet named 复核).  Read
sheet by sheet, such a workbook gives the same project twice, and a batch would count it twice,
the reviewer's scores taken for a second self-evaluation.  What a finance user expects is the one
self-evaluation with each row's 复核得分 beside its stated score: where the reviewer's table is of
the same project and its rows are the self-evaluation's own (the same names and weights, in order),
its figures become the rows' ``recheck_score`` (and ``review_comment``, the ``recheck_total_stated``)
and it is not kept apart.  Where they are not the same rows (a row added, a weight changed), which
row a reviewer's figure belongs to is not known: both tables are kept, the reviewer's with a doubt
saying why they were not joined — a wrong join is worse than two tables.

Which table is the reviewer's is told by the layouts' ``table.recheck_sheets`` words (复核) in its
sheet's name or its title, or by a table with a 复核得分 column and no 得分 of its own.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest import labels as L
from jixiao.ingest import messages
from jixiao.ingest.normalise import label_key
from jixiao.model.evaluation import Doubt, Evaluation, Indicator, Location

_RECHECK = "recheck_score"


def attach_rechecks(evaluations: list[Evaluation]) -> list[Evaluation]:
    """The workbook's evaluations with each reviewer's table joined to the self-evaluation it
    checks (in the self-evaluation's place), or kept with a doubt where their rows differ."""
    out = list(evaluations)
    for checked in [e for e in evaluations if _is_recheck(e)]:
        partners = [k for k, e in enumerate(out) if not _is_recheck(e) and _same_project(e, checked)]
        if len(partners) != 1:
            continue
        k = partners[0]
        differs = _first_difference(out[k], checked)
        if differs is None:
            out[k] = _joined(out[k], checked)
            del out[_index(out, checked)]
        else:
            where = _place(out[k])
            reason = messages.recheck_not_joined(_place(checked), where, differs)
            doubt = Doubt(field="indicators", reason=reason, location=_sheet_location(checked))
            out[_index(out, checked)] = checked.model_copy(update={"doubts": [*checked.doubts, doubt]})
    return out


def joined_and_numbered(evaluations: list[Evaluation]) -> list[Evaluation]:
    """``attach_rechecks``, then the tables numbered again in order: a joined reviewer's table
    leaves no gap in the numbers a user is shown (Word tables and workbook sheets alike)."""
    return [
        ev.model_copy(update={"source": ev.source.model_copy(update={"table": n}) if ev.source else None})
        for n, ev in enumerate(attach_rechecks(evaluations), 1)
    ]


def _index(evaluations: list[Evaluation], ev: Evaluation) -> int:
    return next(k for k, e in enumerate(evaluations) if e is ev)


def _sheet(ev: Evaluation) -> str | None:
    return ev.source.location.sheet if ev.source is not None and ev.source.location is not None else None


def _is_recheck(ev: Evaluation) -> bool:
    """The reviewer's table: its sheet's name or its title has a recheck word, or it has a 复核得分
    column and no 得分 of its own."""
    words = L.RECHECK_SHEETS
    named = " ".join(label_key(t) for t in (_sheet(ev), ev.source.title if ev.source else None) if t)
    return any(w in named for w in words) or (_RECHECK in ev.columns and "score" not in ev.columns)


def _same_project(a: Evaluation, b: Evaluation) -> bool:
    """Two tables of one project on different sheets: the same kind, project name and year."""
    if _sheet(a) == _sheet(b) or a.kind is not b.kind or not a.project_name or not b.project_name:
        return False
    years = a.year is None or b.year is None or a.year == b.year
    return years and label_key(a.project_name) == label_key(b.project_name)


def _reviewers(ev: Evaluation) -> str:
    """The field holding the reviewer's figure in the reviewer's table: its 复核得分 column, or
    its 得分 where the table (named 复核) has none."""
    return _RECHECK if _RECHECK in ev.columns else "score"


def _first_difference(own: Evaluation, checked: Evaluation) -> str | None:
    """Why the reviewer's rows are not the self-evaluation's (the first row that differs), or None."""
    if len(own.indicators) != len(checked.indicators):
        return messages.recheck_row_count(len(own.indicators), len(checked.indicators))
    keeps_score = _reviewers(checked) == _RECHECK and "score" in checked.columns
    for n, (a, b) in enumerate(zip(own.indicators, checked.indicators, strict=True), 1):
        same = _names(a) == _names(b) and a.weight == b.weight and (not keeps_score or a.score == b.score)
        if not same or (a.recheck_score is not None and a.recheck_score != getattr(b, _reviewers(checked))):
            return messages.recheck_row_differs(n, b.name or a.name or "")
    return None


def _names(ind: Indicator) -> tuple[str, ...]:
    return tuple(label_key(t or "") for t in (ind.level1, ind.level2, ind.name))


def _joined(own: Evaluation, checked: Evaluation) -> Evaluation:
    """The self-evaluation with the reviewer's figures of each row (and the total) beside its own."""
    field = _reviewers(checked)
    rows = [_row_joined(a, b, field) for a, b in zip(own.indicators, checked.indicators, strict=True)]
    columns = list(own.columns)
    for name in (_RECHECK, "review_comment"):
        if name not in columns and any(getattr(r, name) is not None for r in rows):
            columns.append(name)
    total = checked.recheck_total_stated if field == _RECHECK else checked.total_score_stated
    update: dict[str, object] = {"indicators": rows, "columns": columns,
                                 "doubts": [*own.doubts, *_carried_doubts(checked, field)]}  # fmt: skip
    if own.recheck_total_stated is None and total is not None:
        update["recheck_total_stated"] = total
        where = checked.provenance.get("recheck_total_stated" if field == _RECHECK else "total_score_stated")
        update["provenance"] = {**own.provenance, **({"recheck_total_stated": where} if where else {})}
    return own.model_copy(update=update)


def _row_joined(own: Indicator, checked: Indicator, field: str) -> Indicator:
    figure: Decimal | None = getattr(checked, field)
    update: dict[str, object] = {}
    provenance = dict(own.provenance)
    if own.recheck_score is None and figure is not None:
        update["recheck_score"] = figure
        if (where := checked.provenance.get(field)) is not None:
            provenance[_RECHECK] = where
    if own.review_comment is None and checked.review_comment is not None:
        update["review_comment"] = checked.review_comment
        if (where := checked.provenance.get("review_comment")) is not None:
            provenance["review_comment"] = where
    return own.model_copy(update={**update, "provenance": provenance}) if update else own


def _carried_doubts(checked: Evaluation, field: str) -> list[Doubt]:
    """The reviewer's table's doubts on the reviewer's figures, as doubts on the rows' 复核得分."""
    out = []
    for d in checked.doubts:
        head, _, name = d.field.rpartition(".")
        if head.startswith("indicators[") and name == field:
            out.append(d.model_copy(update={"field": f"{head}.{_RECHECK}"}))
        elif d.field == ("recheck_total_stated" if field == _RECHECK else "total_score_stated"):
            out.append(d.model_copy(update={"field": "recheck_total_stated"}))
    return out


def _place(ev: Evaluation) -> str:
    sheet = _sheet(ev)
    return messages.sheet_named(sheet) if sheet else (ev.source.title or "") if ev.source else ""


def _sheet_location(ev: Evaluation) -> Location | None:
    return ev.source.location if ev.source is not None else None
