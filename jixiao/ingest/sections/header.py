"""The header fields of a table: its year (the name, units and period are plain lookups on
``Table``)."""

from __future__ import annotations

from jixiao.ingest import labels as L
from jixiao.ingest.shapes import loose_year_pattern, year_pattern
from jixiao.ingest.table import Table


def year(t: Table, document_year: int | None) -> int | None:
    """The year written in the table's head (2020年度), else a short one in its title (2020年…
    自评表), else the document's."""
    year, loose = year_pattern(), loose_year_pattern()
    for c in t.cells[: t.settings.header_year_cells]:
        m = year.search(c.text)
        if m:
            t.provenance["year"] = c.location()
            return int(m.group(1))
    for c in t.cells[: t.settings.title_year_cells]:
        m = loose.search(c.text)
        if m and any(w in c.text for w in L.YEAR_LOOSE_IN):
            t.provenance["year"] = c.location()
            return int(m.group(1))
    return document_year
