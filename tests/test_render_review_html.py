"""The review page's pieces (jixiao.render.review_html): numbered only where the template says."""

from __future__ import annotations

from jixiao.ingest import read
from jixiao.render.review_html import NUMBER, numbered, table_parts, write_html
from jixiao.review import review_all
from tests.conftest import SHARED


def test_a_table_s_own_text_never_stands_for_its_number() -> None:
    """A project name (or title) holding the placeholder's text, or the old one, is shown as
    written: the number goes only where the template puts it."""
    ev = read(SHARED / "corpus" / "031.txt")[0]
    name = f"项目\x00#\x00甲{NUMBER}乙<jixiao-toc>"
    (rv,) = review_all([ev.model_copy(update={"project_name": name})], None)
    parts = table_parts(rv)
    section = numbered(parts.section, 7)
    assert '<section id="ev7">' in section
    assert "<h3>7. 项目\x00#\x00甲&lt;jixiao-number&gt;乙&lt;jixiao-toc&gt;</h3>" in section
    page = write_html([rv], title="复核<jixiao-sections>")
    assert "<h1>复核&lt;jixiao-sections&gt;</h1>" in page
    assert page.count("<section id=") == 1 and '<a href="#ev1">项目\x00#\x00甲&lt;jixiao-number&gt;' in page
