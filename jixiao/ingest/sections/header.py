"""The header fields of a table: its year (from the title, else the project's period), and the
project named by the title where the form has no 项目名称 cell (the units and period are plain
lookups on ``Table``)."""

from __future__ import annotations

from jixiao.ingest import labels as L
from jixiao.ingest.regions import names_a_document
from jixiao.ingest.shapes import is_label, loose_year_pattern, year_pattern
from jixiao.ingest.table import Table
from jixiao.ingest.titles import project_from_title, year_of_period


def year(t: Table, document_year: int | None) -> int | None:
    """The year written in the table's head (2020年度), else a short one in its title (2020年…
    自评表), else the document's."""
    year, loose = year_pattern(), loose_year_pattern()
    for c in t.cells[: t.settings.header_year_cells]:
        m = None if names_a_document(c.text) else year.search(c.text)
        if m:
            t.provenance["year"] = c.location()
            return int(m.group(1))
    for c in t.cells[: t.settings.title_year_cells]:
        m = loose.search(c.text)
        if m and any(w in c.text for w in L.YEAR_LOOSE_IN):
            t.provenance["year"] = c.location()
            return int(m.group(1))
    period = year_of_period(t.value_after(L.PROJECT_PERIOD, "year"))
    if period is None:
        t.provenance.pop("year", None)
    return period or document_year


def project_in_title(t: Table) -> str | None:
    """A form with no 项目名称 cell names its project in its title (2021年度某项目自评结果)."""
    for c in t.cells[: t.settings.title_search_cells]:
        if is_label(c.text) or c.key in L.PROJECT_NAME:
            return None
        name = project_from_title(c.text, L.TITLE_KINDS) if len(c.text) <= t.settings.title_max_chars else None
        if name is not None:
            t.provenance["project_name"] = c.location()
            return name
    return None
