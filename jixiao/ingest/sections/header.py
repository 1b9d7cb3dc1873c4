"""The header fields of a table: its year (the name, units and period are plain lookups on
``Table``)."""

from __future__ import annotations

from jixiao.ingest.shapes import YEAR, YEAR_LOOSE
from jixiao.ingest.table import Table


def year(t: Table, document_year: int | None) -> int | None:
    for c in t.cells[:12]:
        m = YEAR.search(c.text)
        if m:
            t.provenance["year"] = c.location()
            return int(m.group(1))
    for c in t.cells[:4]:
        m = YEAR_LOOSE.search(c.text)
        if m and ("自评表" in c.text or "目标表" in c.text):
            t.provenance["year"] = c.location()
            return int(m.group(1))
    return document_year
