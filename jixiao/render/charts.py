"""Charts for summaries: execution rate against score, the score histogram, findings by code.

Drawn with matplotlib's object API (no pyplot state, safe in a web worker) in Noto Sans CJK
(Debian's fonts-noto-cjk).  Without a CJK font a chart would show empty boxes, so its absence
is an error naming the package to install.  Figures are plotted from floats — display only;
every figure a reader sees as a number stays a Decimal elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import cache
from io import BytesIO
from pathlib import Path

from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei")
DEBIAN_CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
_BLUE, _GREY = "#2f6fb0", "#8c959f"


class ChartError(RuntimeError):
    """A chart that cannot be drawn as it should; the message says what to install."""


@cache
def cjk_family() -> str:
    """The first installed CJK font family."""
    for attempt in range(2):
        installed = {f.name for f in font_manager.fontManager.ttflist}
        for family in CJK_FAMILIES:
            if family in installed:
                return family
        if attempt == 0 and Path(DEBIAN_CJK_FONT).exists():
            # installed after matplotlib cached its font list (make test installs it on demand)
            font_manager.fontManager.addfont(DEBIAN_CJK_FONT)
    raise ChartError("未找到中文字体（Noto Sans CJK），图表中的中文无法显示；请安装 Debian 软件包 fonts-noto-cjk")


def _figure(width: float = 6.4, height: float = 4.0) -> Figure:
    fig = Figure(figsize=(width, height), dpi=120, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _style(fig: Figure) -> None:
    """Every text of the figure in the CJK font (titles, labels, ticks, annotations)."""
    family = cjk_family()
    for text in fig.findobj(lambda artist: hasattr(artist, "set_fontfamily")):
        text.set_fontfamily(family)  # type: ignore[attr-defined]


def execution_vs_score(points: Sequence[tuple[Decimal, Decimal]], title: str = "预算执行率与自评得分",
                       score_label: str = "得分") -> Figure:  # fmt: skip
    """One dot per project: execution rate (as a fraction) against its score; ``score_label``
    says plainly which score it is (the unit's stated one or the one jixiao computed)."""
    fig = _figure()
    ax = fig.add_subplot()
    ax.scatter([float(r) * 100 for r, _ in points], [float(s) for _, s in points], color=_BLUE, alpha=0.75)
    ax.axvline(60, color=_GREY, linestyle="--", linewidth=1)
    ax.axhline(90, color=_GREY, linestyle=":", linewidth=1)
    ax.set_xlabel("预算执行率（%）")
    ax.set_ylabel(score_label)
    ax.set_title(title)
    ax.set_xlim(0, max([105.0, *(float(r) * 100 + 5 for r, _ in points)]))
    ax.set_ylim(0, 105)
    _style(fig)
    return fig


def score_histogram(scores: Sequence[Decimal], title: str = "自评得分分布",
                    score_label: str = "得分") -> Figure:  # fmt: skip
    """Scores in bands of five points, with the grade thresholds marked; the count axis in
    whole projects."""
    fig = _figure()
    ax = fig.add_subplot()
    ax.hist([float(s) for s in scores], bins=list(range(0, 105, 5)), color=_BLUE, edgecolor="white")
    for bound, label in ((60, "中"), (80, "良"), (90, "优")):
        ax.axvline(bound, color=_GREY, linestyle="--", linewidth=1)
        ax.text(bound + 0.5, 0.95, label, transform=ax.get_xaxis_transform(), color=_GREY)
    ax.set_xlabel(score_label)
    ax.set_ylabel("项目数")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title)
    _style(fig)
    return fig


def findings_by_code(counts: Mapping[str, int], title: str = "复核问题（按代码）") -> Figure:
    """Horizontal bars, the most frequent code on top; labels are the catalogue titles."""
    items = sorted(counts.items(), key=lambda kv: kv[1])
    fig = _figure(height=max(2.5, 0.35 * len(items) + 1.2))
    ax = fig.add_subplot()
    ax.barh([label for label, _ in items], [n for _, n in items], color=_BLUE)
    ax.set_xlabel("条数")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title)
    _style(fig)
    return fig


def to_png(fig: Figure) -> bytes:
    buffer = BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()
