"""Figures of a row the value parser refuses (more than 15 integer digits, NaN, an exponent):
each becomes a doubt naming its cell, never a silent empty.

The row readers leave such a figure empty (``parse_decimal`` never makes a value no table can
hold); this stage finds the cell each empty figure was read from (the row's provenance) and, when
its text is a refused number, records why — the review then reports it as ``INGEST_UNCERTAIN``."""

from __future__ import annotations

from jixiao.ingest import messages
from jixiao.ingest.table import Table
from jixiao.model.evaluation import Doubt, Indicator, Location
from jixiao.model.values import normalise_text, number_refusal

FIGURES = ("weight", "score", "recheck_score")
"""The figures of an indicator row read as numbers, by field name (= provenance key)."""


def _key(loc: Location) -> tuple[object, ...]:
    return loc.line, loc.row, loc.column, loc.cell, loc.page, loc.sheet


def refused_figures(t: Table, indicators: list[Indicator]) -> None:
    """A doubt on ``indicators[k].<figure>`` for each empty figure whose cell holds a refused number."""
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
        refusal = None if hit is None else number_refusal(normalise_text(c.text))
        if hit is not None and refusal is not None:
            path, name, loc = hit
            reason = messages.refused_figure(messages.FIGURE_NAMES[name], c.text, refusal)
            t.doubts.append(Doubt(field=path, reading=None, reason=reason, location=loc))
