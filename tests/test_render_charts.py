"""Charts: drawn in the CJK font with no missing glyph, and not blank."""

from __future__ import annotations

import warnings
from collections import Counter
from decimal import Decimal
from io import BytesIO

from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

from jixiao import ingest
from jixiao.render.charts import cjk_family, execution_vs_score, findings_by_code, score_histogram, to_png
from jixiao.review import review_all
from tests.conftest import SHARED


def seed004_reviews() -> list:  # type: ignore[type-arg]
    (path,) = (SHARED / "seeds").glob("004_*.txt")
    return list(review_all(ingest.read(path)))


def draw(fig: Figure) -> tuple[bytes, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = to_png(fig)
    return png, [str(w.message) for w in caught]


def labels(fig: Figure) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_text()]


def check(fig: Figure, *chinese: str) -> None:
    png, caught = draw(fig)
    assert not [w for w in caught if "Glyph" in w or "missing from" in w], caught
    texts = {t.get_text(): t for t in labels(fig)}
    for text in chinese:
        assert text in texts, sorted(texts)
        assert "CJK" in texts[text].get_fontname()
    image = Image.open(BytesIO(png)).convert("L")
    low, high = image.getextrema()
    assert image.size[0] > 500 and high - low > 100
    assert len(image.getcolors(maxcolors=65536) or []) > 20  # lines, dots and glyphs, not a flat image


def test_cjk_font_installed() -> None:
    assert "CJK" in cjk_family()


def test_execution_against_score() -> None:
    reviews = seed004_reviews()
    points = [(r.result.execution.rate, r.result.total) for r in reviews if r.result.execution.rate and r.result.total]
    assert len(points) == 18
    check(execution_vs_score(points), "预算执行率（%）", "得分", "预算执行率与自评得分")


def test_score_histogram() -> None:
    scores = [r.evaluation.total_score_stated for r in seed004_reviews() if r.evaluation.total_score_stated]
    check(score_histogram(scores), "项目数", "自评得分分布", "优")


def test_findings_by_code() -> None:
    counts = Counter(f.title for r in seed004_reviews() for f in r.findings)
    check(findings_by_code(counts), "文字与表格数字不一致", "条数")


def test_empty_inputs_still_draw() -> None:
    check(score_histogram([]), "得分")
    check(execution_vs_score([(Decimal("0.5"), Decimal(70))]), "得分")


def test_score_label_and_whole_numbers_on_count_axes() -> None:
    """The caller names the score plainly; counts are never ticked at 0.5."""
    stated = [Decimal("91.5"), Decimal("88"), Decimal("95")]
    fig = score_histogram(stated, title="计算得分分布", score_label="计算得分（jixiao 按规则集重算）")
    check(fig, "计算得分（jixiao 按规则集重算）", "项目数")
    ax = fig.axes[0]
    assert [t for t in ax.get_yticks() if 0 <= t <= 2] == [0, 1, 2]
    fig = execution_vs_score([(Decimal("0.5"), Decimal(70))], score_label="自评得分（单位填报）")
    check(fig, "自评得分（单位填报）")
    bars = findings_by_code({"得分超过分值": 1, "未说明偏差原因": 2})
    draw(bars)
    assert all(float(t).is_integer() for t in bars.axes[0].get_xticks())
