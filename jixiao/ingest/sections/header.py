"""The header fields of a table: its year (from the title, else the project's period), and the
project named by the title where the form has no 项目名称 cell (the units and period are plain
lookups on ``Table``)."""

from __future__ import annotations

import unicodedata

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
    if (stated := _year_cell(t)) is not None:
        return stated
    period = year_of_period(t.value_after(L.PROJECT_PERIOD, "year"))
    if period is None:
        t.provenance.pop("year", None)
    return period or document_year


def _year_cell(t: Table) -> int | None:
    """A cell of the head that states only the year, written short (（2024年）) or after a year label
    (评价年度：2022年, or its label and year in two cells): the head's year where no title writes it
    as 2024年度."""
    head = t.cells[: t.settings.header_year_cells]
    for k, c in enumerate(head):
        texts = (c.text, c.text + head[k + 1].text) if k + 1 < len(head) else (c.text,)
        for text in texts:
            flat = unicodedata.normalize("NFKC", text).replace(" ", "")
            m = next((m for p in L.YEAR_CELLS if (m := p.match(flat))), None)
            if m:
                t.provenance["year"] = c.location()
                return int(m.group(1))
    return None


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


def field_by_words(t: Table, field_name: str) -> str | None:
    """A header field whose label no layout names, read by its words (项目承担单位: 承担 … 单位 →
    the implementing unit): the first short cell above the funds and indicator blocks that ends
    with a field-label ending and holds one of the field's words, with a value after it."""
    words = L.FIELD_WORDS.get(field_name, ())
    blocks = [at for at in (t.find(L.FUND_TOTAL), t.indicator_header()) if at is not None]
    stop = min([*blocks, len(t.cells) - 1])
    for i, c in enumerate(t.cells[:stop]):
        k = c.key
        if len(k) > t.settings.field_word_max_chars or not k.endswith(L.FIELD_WORD_ENDS) or L.known_label(c.text):
            continue  # a label a layout names was read by its name (its value blank: nothing to take)
        nxt = t.cells[i + 1]
        if any(w in k for w in words) and not is_label(nxt.text) and not t.labels_a_field(nxt.key):
            t.provenance[field_name] = nxt.location()
            return nxt.text
    return None
