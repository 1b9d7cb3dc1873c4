"""The 自评报告: seed 000's five chapters, every figure from the data, reasons quoted."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pdfplumber

from jixiao import ingest
from jixiao.render.report import BlockKind, parse, report_blocks
from jixiao.render.report_docx import write_report_docx
from jixiao.render.report_pdf import write_report_pdf
from jixiao.review import review_all
from tests.conftest import SHARED

CHAPTERS = ["一、绩效目标批复下达情况", "二、绩效目标完成情况分析", "三、偏离绩效目标的原因和下一步改进措施",
            "四、绩效自评结果拟应用和公开情况", "五、其他需要说明的问题"]  # fmt: skip


def seed004(n: int = 5) -> list:  # type: ignore[type-arg]
    (path,) = (SHARED / "seeds").glob("004_*.txt")
    return [r.evaluation for r in review_all(ingest.read(path)[:n])]


def test_structure_and_figures() -> None:
    """Names come from the tables as read (none written out here); figures are the report's own sums."""
    evs = seed004()
    blocks = report_blocks(evs)
    assert blocks[0].kind == BlockKind.TITLE
    assert blocks[0].text == f"{evs[0].implementing_unit}2021年度项目支出绩效自评报告"
    assert [b.text for b in blocks if b.kind == BlockKind.CHAPTER] == CHAPTERS
    text = "\n".join(b.text for b in blocks)
    assert "2021年度年初下达项目资金共计590.46万元。" in text
    assert "2021年度全年执行数490.35万元，预算执行率83.05%。" in text
    low = evs[1].project_name  # the one project under 60 % execution
    assert f"{low}执行25.95万元，执行率27.32%" in text
    assert f"执行率低于60.00%的项目：{low}，须说明原因。" in text
    (row,) = [i for e in evs for i in e.indicators if i.actual == "296.26万元"]
    assert f"指标1：{row.name}：目标<=300万元，实际完成296.26万元，分值5，得分4.93。" in text
    # the deviation reason quoted as the unit wrote it
    assert row.deviation_note and f"偏差原因及改进措施：“{row.deviation_note}”" in text
    assert "自评得分99.81分，评价等次为“优”" in text
    assert [b.text for b in blocks if b.kind == BlockKind.CHART] == ["execution", "scores"]


def test_a_shortfall_without_reason_is_called_out() -> None:
    (path,) = (SHARED / "seeds").glob("004_*.txt")
    ev = ingest.read(path)[1]
    row = ev.indicators[0].model_copy(update={"score": ev.indicators[0].weight - 1, "deviation_note": None})
    ev = ev.model_copy(update={"indicators": [row, *ev.indicators[1:]]})
    text = "\n".join(b.text for b in report_blocks([r.evaluation for r in review_all([ev])]))
    assert f"“{row.name}”" in text and "未说明偏差原因，须补充。" in text


def test_markup() -> None:
    blocks = parse("# 标题\n\n## 一、章\n### （一）节\n#### 1．小节\n正文\n[图:scores]\n")
    assert [(b.kind.value, b.text) for b in blocks] == [
        ("title", "标题"), ("chapter", "一、章"), ("section", "（一）节"), ("subsection", "1．小节"),
        ("paragraph", "正文"), ("chart", "scores"),
    ]  # fmt: skip


def test_docx_and_pdf(tmp_path: Path) -> None:
    evaluations = seed004()
    docx = tmp_path / "r.docx"
    docx.write_bytes(write_report_docx(evaluations))
    with zipfile.ZipFile(docx) as z:
        names = z.namelist()
        document = z.read("word/document.xml").decode()
    assert sum(n.startswith("word/media/") for n in names) == 2  # the two charts
    assert 'w:eastAsia="仿宋_GB2312"' in document and 'w:eastAsia="楷体_GB2312"' in document
    assert "三、偏离绩效目标的原因和下一步改进措施" in document
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(write_report_pdf(evaluations))
    with pdfplumber.open(pdf) as doc:
        text = "".join(p.extract_text() or "" for p in doc.pages)
        images = sum(len(p.images) for p in doc.pages)
    flat = "".join(text.split())
    assert all(c in flat for c in CHAPTERS) and "590.46万元" in flat and images == 2
