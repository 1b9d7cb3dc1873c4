"""One entry point for every output, shared by the command line and the web application."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command line names the targets before it reviews anything
    from jixiao.review import Review
    from jixiao.rules.layout import Layout


class Target(StrEnum):
    XLSX = "xlsx"
    DOCX = "docx"
    PDF = "pdf"
    REPORT = "report"
    SUMMARY = "summary"


DEFAULT_NAMES = {
    Target.XLSX: "自评表.xlsx",
    Target.DOCX: "自评表.docx",
    Target.PDF: "自评表.pdf",
    Target.REPORT: "自评报告.docx",
    Target.SUMMARY: "汇总.xlsx",
}
SUFFIXES = {
    Target.XLSX: (".xlsx",),
    Target.DOCX: (".docx",),
    Target.PDF: (".pdf",),
    Target.REPORT: (".docx", ".pdf"),
    Target.SUMMARY: (".xlsx", ".html"),
}


class OutputError(ValueError):
    """An output that cannot be made as asked (the message is Chinese)."""


def render(
    reviews: Sequence[Review],
    target: Target,
    suffix: str | None = None,
    *,
    layout: Layout | None = None,
    fill: bool = False,
) -> bytes:
    """The output's bytes.  ``suffix`` picks the format where a target has two (报告 .docx or
    .pdf, 汇总 .xlsx or .html); ``fill`` puts jixiao's computed scores where none are stated."""
    suffix = (suffix or SUFFIXES[target][0]).lower()
    if suffix not in SUFFIXES[target]:
        allowed = "、".join(SUFFIXES[target])
        raise OutputError(f"输出“{target.value}”只能写成 {allowed} 文件，不能写成 {suffix}")
    if not reviews:
        raise OutputError("没有可输出的自评表")
    if target in (Target.XLSX, Target.DOCX, Target.PDF):
        from jixiao.render.layouts import build, fill_computed

        sheets = [build(fill_computed(r.evaluation) if fill else r.checked, r.rule_set, layout) for r in reviews]
        if target is Target.XLSX:
            from jixiao.render.standard_xlsx import write_xlsx

            return write_xlsx(sheets)
        if target is Target.DOCX:
            from jixiao.render.standard_docx import write_docx

            return write_docx(sheets)
        from jixiao.render.standard_pdf import write_pdf

        return write_pdf(sheets)
    evaluations = [r.evaluation for r in reviews]
    if target is Target.REPORT:
        if suffix == ".pdf":
            from jixiao.render.report_pdf import write_report_pdf

            return write_report_pdf(evaluations)
        from jixiao.render.report_docx import write_report_docx

        return write_report_docx(evaluations)
    from jixiao.render.summary import summarise

    summary = summarise(reviews)
    if suffix == ".html":
        from jixiao.render.summary_html import write_summary_html

        return write_summary_html(summary).encode("utf-8")
    from jixiao.render.summary_xlsx import write_summary_xlsx

    return write_summary_xlsx(summary)
