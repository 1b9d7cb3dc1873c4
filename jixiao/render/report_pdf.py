"""The 自评报告 as PDF: the same blocks as the Word report, set by WeasyPrint in the
official page layout, charts embedded as images."""

from __future__ import annotations

import base64
from collections.abc import Sequence

from jixiao.model.evaluation import Evaluation
from jixiao.render.report import BlockKind, chart_png, report_blocks
from jixiao.render.standard_pdf import html_to_pdf
from jixiao.render.templates import environment


def report_html(evaluations: Sequence[Evaluation]) -> str:
    blocks = report_blocks(evaluations)
    images = {b.text: base64.b64encode(chart_png(b.text, evaluations)).decode() for b in blocks
              if b.kind == BlockKind.CHART}  # fmt: skip
    title = next((b.text for b in blocks if b.kind == BlockKind.TITLE), "项目支出绩效自评报告")
    return environment().get_template("report.html.j2").render(blocks=blocks, images=images, title=title)


def write_report_pdf(evaluations: Sequence[Evaluation]) -> bytes:
    return html_to_pdf(report_html(evaluations))
