"""The summary as one self-contained HTML page (charts inlined as PNG data)."""

from __future__ import annotations

import base64

from jixiao.render.summary import Summary, chart_pngs
from jixiao.render.templates import environment


def write_summary_html(summary: Summary) -> str:
    images = {name: base64.b64encode(png).decode() for name, png in chart_pngs(summary).items()}
    return environment().get_template("summary.html.j2").render(s=summary, images=images)
