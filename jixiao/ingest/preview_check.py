"""A preview's indicator rows checked by the table's own arithmetic before they are given.

A preview (``ingest.preview``) is cut back into rows by guesswork: a row end missed or one too
many shifts every row below it, and a shifted row reads as a wrong value in every cell.  So the
rows read from a preview are kept only when the table vouches for them:

* every row has a weight and a score, the score at most its weight, and no figure for a name
  (a row whose name was not read keeps its figures, with a doubt on the name);
* the weights and the execution weight add up to the form's full marks (``preview_full_marks``);
* the scores and the execution score add up to the stated 总分, where one is read.

A table whose rows fail is given without them, with a doubt saying why (missing, not wrong);
a table without weights has nothing to check its rows against and is given without them too.
A stated 总分 the rows do not add up to is dropped with them.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.ingest import labels as L
from jixiao.ingest import messages
from jixiao.ingest.preview_shape import levels_add_up, shaped_rows, vouched_groups
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.model.evaluation import Doubt, Evaluation, Indicator
from jixiao.model.values import is_unit
from jixiao.model.vocabulary import LazyPattern, vocabulary


def rows_fit(rows: list[Indicator], settings: Settings = DEFAULT) -> bool:
    """Every row weighted and scored, each score at most its weight, and no name that is a figure
    (a target read in the name's place: the row's cells shifted).  A row whose name and target
    could not be told apart (left empty) still fits: its figures are placed."""
    return bool(rows) and all(
        r.weight is not None
        and r.score is not None
        and Decimal(0) <= r.score <= r.weight
        and not (r.name and is_value(r.name, settings))
        for r in rows
    )


def is_value(name: str, settings: Settings = DEFAULT) -> bool:
    """A name that reads as a value: a figure, with or without a sign before it and a per cent or a
    unit after it (``>=95%``, ``12.5``, ``1000亩以上``).  A figure followed by words that are no
    unit opens a name (``5G基站覆盖率``, ``12345热线接通率``), and so does a figure and its unit
    followed by more words than a value's bound (``1990年后入职人员培训率``), or a date followed
    by more than ``date_tail_max_chars`` words (``2022年退休人员``; ``2023年12月31日前完成`` is a value)."""
    m = _FIGURE.match(name)
    if m is None:
        return False
    date = _DATE.match(name)
    if date is not None and _WORDS.match(name, date.end()):
        return not _words_go_on(name[date.end() :], settings.date_tail_max_chars)
    rest = name[m.end() :]
    if m.group(1) or not _WORD.match(rest):
        return True  # a sign, or nothing but a per cent or a mark after the figure
    unit = next((n for n in range(settings.preview_unit_max_chars, 0, -1) if is_unit(rest[:n])), 0)
    return unit > 0 and not _words_go_on(rest[unit:], settings.value_tail_max_chars)


def _words_go_on(text: str, most: int) -> bool:
    """More words than ``most`` after a value's unit or date, without a figure (``后入职人员培训率``,
    not ``以上`` nor ``1月-12月``)."""
    words = _WORDS.match(text)
    return words is not None and len(words.group()) > most


_DATE = LazyPattern(lambda: re.compile(vocabulary().dates.pattern))
"""A date as a value writes it (``2023年12月31日前``): words going on after it open a name
(``2022年退休人员``), as a date absorbs its own bounds (前, 底, 内)."""


_FIGURE = re.compile(r"([≥≤><=≧≦]*)\d[\d.,]*")
"""A text that opens as a figure (``>=95%``, ``12.5``)."""
_WORD = re.compile(r"[A-Za-z\u4e00-\u9fff]")
_WORDS = re.compile(r"[A-Za-z\u4e00-\u9fff]+")
"""A letter or a Han character (a word going on after a figure)."""


def _names_sound(rows: list[Indicator], settings: Settings) -> bool:
    """No row's name reads as a value (the row's cells shifted by a cut in the wrong place)."""
    return not any(r.name and is_value(r.name, settings) for r in rows)


def _shaped_top(rows: list[Indicator], settings: Settings) -> int:
    """How many rows from the top have the table's shape (``preview_shape.shaped_rows``), each
    name no value and each target sound."""
    top = shaped_rows(rows)
    return next((k for k, r in enumerate(rows[:top]) if not _row_sound(r, settings)), top)


def _row_sound(row: Indicator, settings: Settings) -> bool:
    """The name no value; a target that opens with a figure reads as a value and ends in no level
    label (``780元/生/年效益值``: the next row's 一级 ran into it)."""
    if row.name and is_value(row.name, settings):
        return False
    target = row.target
    return not (target and _FIGURE.match(target)) or (is_value(target, settings) and not _ends_in_label(target))


def _ends_in_label(text: str) -> bool:
    """Some ending of the text is a 一级 or 二级 label."""
    return any(L.is_level1(text[k:]) or L.is_level2(text[k:]) for k in range(1, len(text) - 1))


def _unnamed(ev: Evaluation) -> list[Doubt]:
    """A doubt on each kept row whose name was not read (its figures placed by the arithmetic),
    unless one already says why."""
    doubted = {d.field for d in ev.doubts}
    return [
        Doubt(field=f"indicators[{k}].name", reading=None, reason=messages.preview_row_unnamed())
        for k, r in enumerate(ev.indicators)
        if not r.name and f"indicators[{k}].name" not in doubted
    ]


_CLAUSE_MARKS = ",，;；"


def notes_run_in(ev: Evaluation) -> Evaluation:
    """Each row's name left empty, with a doubt, where it may open with the note of the row above:
    that row scored below its weight with no note read, and this name holds a clause mark
    (``因…地址错误,导致无法邮寄权益单发放到位率``: the note had no full stop to end it)."""
    rows, doubts = list(ev.indicators), list(ev.doubts)
    for k in range(1, len(rows)):
        above, row = rows[k - 1], rows[k]
        short = above.weight is not None and above.score is not None and above.score < above.weight
        if short and not above.deviation_note and row.name and any(ch in row.name for ch in _CLAUSE_MARKS):
            doubts.append(
                Doubt(field=f"indicators[{k}].name", reading=None, reason=messages.preview_note_in_name(row.name))
            )
            rows[k] = row.model_copy(update={"name": None})
    return ev if len(doubts) == len(ev.doubts) else ev.model_copy(update={"indicators": rows, "doubts": doubts})


def weights_add_up(ev: Evaluation, settings: Settings = DEFAULT) -> bool:
    """The rows' weights and the execution weight make the form's full marks."""
    weights = sum((r.weight for r in ev.indicators if r.weight is not None), Decimal(0))
    return weights + (ev.execution_weight or Decimal(0)) == settings.preview_full_marks


def scores_add_up(ev: Evaluation) -> bool:
    """The rows' scores and the execution score make the stated 总分 (true when none is stated)."""
    if ev.total_score_stated is None:
        return True
    scores = sum((r.score for r in ev.indicators if r.score is not None), Decimal(0))
    return scores + (ev.execution_score_stated or Decimal(0)) == ev.total_score_stated


def scores_make_total(ev: Evaluation) -> bool:
    """A form that writes no weight (only 得分): every row scored and the scores and the execution
    score making the stated 总分 — a row end missed or one too many would lose a row's score or
    add one.  Where weights are written they vouch instead: a row scored nought lost from a
    weighted table leaves the 总分 as it is, not the full marks."""
    stated = ev.total_score_stated
    if stated is None or stated <= 0 or not ev.indicators:
        return False
    if any(r.weight is not None or r.score is None or r.score < 0 for r in ev.indicators):
        return False
    return scores_add_up(ev)


def rows_weighted(rows: list[Indicator], settings: Settings = DEFAULT) -> bool:
    """Every row weighted, each score read not below nought, and no name that is a figure: the
    rows as cut, where their weights alone vouch for them (``vet``)."""
    return bool(rows) and all(
        r.weight is not None and (r.score is None or r.score >= 0) and not (r.name and is_value(r.name, settings))
        for r in rows
    )


def vet(ev: Evaluation, settings: Settings = DEFAULT) -> Evaluation:
    """The evaluation, its indicator rows (and 总分) dropped with a doubt unless its arithmetic holds.
    Rows whose weights make the full marks are kept though their scores do not add up to the 总分
    or one is above its weight (the form's own slip, for the review to report): a row end missed
    or one too many would have lost or added a weight; a doubt says the scores were not vouched
    for, and a 总分 above the full marks (``10097``: its weight and score run together) is dropped.
    Rows the full marks cannot vouch for are kept where each 一级's weights make its declared
    points, or every row's score and the execution score make the stated 总分; else from the top
    down to the first row the table cannot vouch for (``_kept_from_top``)."""
    if not ev.indicators:
        return ev
    ev = notes_run_in(ev)
    fit = rows_fit(ev.indicators, settings) and scores_add_up(ev)
    if fit and weights_add_up(ev, settings):
        unnamed = _unnamed(ev)
        return ev.model_copy(update={"doubts": [*ev.doubts, *unnamed]}) if unnamed else ev
    if rows_weighted(ev.indicators, settings) and weights_add_up(ev, settings):
        unscored = Doubt(field="indicators", reading=None, reason=messages.preview_scores_unchecked())
        stated = ev.total_score_stated
        total = stated if stated is not None and stated <= settings.preview_full_marks else None
        doubts = [*ev.doubts, *_unnamed(ev), unscored]
        return ev.model_copy(update={"doubts": doubts, "total_score_stated": total})
    vouched = (levels_add_up(ev.indicators) and scores_add_up(ev)) or scores_make_total(ev)
    if _names_sound(ev.indicators, settings) and vouched:
        unnamed = _unnamed(ev)
        return ev.model_copy(update={"doubts": [*ev.doubts, *unnamed]}) if unnamed else ev
    return _kept_from_top(ev, settings)


def _kept_from_top(ev: Evaluation, settings: Settings) -> Evaluation:
    """The rows from the top that the table vouches for, a doubt naming the first one it does not:
    with weights, those in the leading groups whose weights make the points their 一级 or 二级
    declares (``preview_shape.vouched_groups``: a page cut off before the form's end); with no
    weight at all, those down to the first row without the table's shape (``preview_shape``)."""
    rows = ev.indicators
    weighted = any(r.weight is not None for r in rows)
    top = vouched_groups(rows) if weighted and _names_sound(rows, settings) else _shaped_top(rows, settings)
    if top == len(rows) and not weighted:
        return ev
    if 0 < top < len(rows):
        reason = (
            messages.preview_groups_from(top, len(rows)) if weighted else messages.preview_rows_from(top, len(rows))
        )
        doubt = Doubt(field=f"indicators[{top}]", reading=None, reason=reason)
        doubts = [*ev.doubts, *_unnamed(ev.model_copy(update={"indicators": rows[:top]})), doubt]
        return ev.model_copy(update={"indicators": rows[:top], "total_score_stated": None, "doubts": doubts})
    reason = messages.preview_rows_unchecked(len(rows))
    doubts = [*ev.doubts, Doubt(field="indicators", reading=None, reason=reason)]
    return ev.model_copy(update={"indicators": [], "total_score_stated": None, "doubts": doubts})
