"""Figures of a row left empty for a reason the reader knows: a number the value parser refuses
(more than 15 integer digits, NaN, an exponent), words where a number belongs (``待定``), a
formula saved without its result that is not worked out (``=IF(…)``, another sheet's cell).
Each becomes a doubt naming its cell, never a silent empty: a wrong value is worse than an empty
one, and an empty one the user is not told of is read as "not filled in".

The row readers leave such a figure empty (``parse_decimal`` never makes a value no table can
hold); this stage finds the cell each empty figure was read from (the row's provenance) and, when
its text is a refused number or words, records why — the review then reports it as
``INGEST_UNCERTAIN``.  A formula's cell holds no text, so the reader never placed it: its figure
is found by the row it stands on and the column the same figure has in the table's other rows
(``unworked_formulas``)."""

from __future__ import annotations

from collections import Counter

from jixiao.ingest import messages
from jixiao.ingest.table import Table
from jixiao.model.evaluation import Doubt, Evaluation, Indicator, Location
from jixiao.model.values import normalise_text, number_refusal, parse_decimal
from jixiao.model.vocabulary import is_empty_value, is_placeholder

FIGURES = ("weight", "score", "recheck_score")
"""The figures of an indicator row read as numbers, by field name (= provenance key)."""


def _key(loc: Location) -> tuple[object, ...]:
    return loc.line, loc.row, loc.column, loc.cell, loc.page, loc.sheet


def refused_figures(t: Table, indicators: list[Indicator]) -> None:
    """A doubt on ``indicators[k].<figure>`` for each empty figure whose cell holds a refused
    number, or words where a number belongs (a placeholder such as ``/`` or 无 is the form's
    "nothing here", not a doubt)."""
    wanted: dict[tuple[object, ...], tuple[str, str, Location]] = {}
    for k, ind in enumerate(indicators):
        for name in FIGURES:
            loc = ind.provenance.get(name)
            if loc is not None and getattr(ind, name) is None:
                wanted[_key(loc)] = (f"indicators[{k}].{name}", name, loc)
    if not wanted:
        return
    for c in t.cells:
        hit = wanted.get((c.line, c.row, c.column, c.cell, c.page, c.sheet))
        if hit is None:
            continue
        path, name, loc = hit
        reason = _why_empty(messages.FIGURE_NAMES[name], c.text)
        if reason is not None:
            t.doubts.append(Doubt(field=path, reading=None, reason=reason, location=loc))


def _why_empty(figure: str, text: str) -> str | None:
    """Why a figure's cell holding ``text`` was read as no figure, or None when it says nothing."""
    s = normalise_text(text)
    refusal = number_refusal(s)
    if refusal is not None:
        return messages.refused_figure(figure, text, refusal)
    if is_empty_value(s) or is_placeholder(s) or parse_decimal(s) is not None:
        return None
    return messages.text_figure(figure, text) if any(ch.isalpha() for ch in s) else None


Position = tuple[int, int]


def unworked_formulas(ev: Evaluation, formulas: dict[Position, str]) -> Evaluation:
    """``ev`` with a doubt for each formula of its sheet left empty (``formulas.worked_out``) that
    stands in its rows: on the indicator figure whose column it is in, else on the row, the
    funds or the total by where it stands; a formula outside the table's rows says nothing of it."""
    sheet = ev.source.location.sheet if ev.source is not None and ev.source.location is not None else None
    if sheet is None or not formulas:
        return ev
    left = dict(formulas)
    doubts = [d for k, ind in enumerate(ev.indicators) for d in _row_formulas(ev, k, ind, sheet, left)]
    doubts += _outside_rows(ev, sheet, left)
    return ev.model_copy(update={"doubts": [*ev.doubts, *doubts]}) if doubts else ev


def _figure_columns(ev: Evaluation, sheet: str) -> dict[str, int]:
    """The column each figure is read from in most of the table's rows."""
    seen: dict[str, Counter[int]] = {name: Counter() for name in FIGURES}
    for ind in ev.indicators:
        for name in FIGURES:
            loc = ind.provenance.get(name)
            if loc is not None and loc.sheet == sheet and loc.column is not None:
                seen[name][loc.column] += 1
    return {name: count.most_common(1)[0][0] for name, count in seen.items() if count}


def _row_formulas(ev: Evaluation, k: int, ind: Indicator, sheet: str, left: dict[Position, str]) -> list[Doubt]:
    """The doubts of the formulas left empty on indicator ``k``'s rows (taken out of ``left``)."""
    places = [loc for loc in ind.provenance.values() if loc.sheet == sheet and loc.row is not None]
    rows = {loc.row for loc in places}
    here = sorted(at for at in left if at[0] in rows and at[1] not in {loc.column for loc in places})
    if not here:
        return []
    columns = _figure_columns(ev, sheet)
    open_figures = [n for n in FIGURES if getattr(ind, n) is None and n not in ind.provenance and n in ev.columns]
    out = []
    for at in here:
        by_column = [n for n in open_figures if columns.get(n) == at[1]]
        unplaced = [n for n in open_figures if n not in columns]
        name = by_column[0] if by_column else unplaced[0] if len(unplaced) == 1 and len(here) == 1 else None
        field = f"indicators[{k}].{name}" if name else f"indicators[{k}]"
        out.append(_doubt(field, at, sheet, left.pop(at), messages.FIGURE_NAMES[name] if name else None))
    return out


def _outside_rows(ev: Evaluation, sheet: str, left: dict[Position, str]) -> list[Doubt]:
    """Doubts of the formulas left empty in the table's funds rows (from the funds block to the
    first indicator row) or on or after its 总分 row (up to the table's last row read)."""
    funds, total = _row(ev.provenance.get("funds"), sheet), _row(ev.provenance.get("total_score_stated"), sheet)
    first = min((loc.row for ind in ev.indicators for loc in ind.provenance.values()
                 if loc.sheet == sheet and loc.row is not None), default=None)  # fmt: skip
    last = max((r for loc in ev.provenance.values() if (r := _row(loc, sheet)) is not None), default=0)
    out = []
    for at in sorted(left):
        if funds is not None and funds <= at[0] and (first is None or at[0] < first):
            out.append(_doubt("funds", at, sheet, left.pop(at)))
        elif total is not None and total <= at[0] <= max(last, total):
            out.append(_doubt("total_score_stated", at, sheet, left.pop(at)))
    return out


def _row(loc: Location | None, sheet: str) -> int | None:
    return loc.row if loc is not None and loc.sheet == sheet else None


def _doubt(field: str, at: Position, sheet: str, formula: str, figure: str | None = None) -> Doubt:
    cell = f"{_letters(at[1])}{at[0]}"
    where = Location(row=at[0], column=at[1], cell=cell, sheet=sheet)
    return Doubt(field=field, reading=None, reason=messages.unworked_formula(cell, formula, figure), location=where)


def _letters(column: int) -> str:
    out = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out
