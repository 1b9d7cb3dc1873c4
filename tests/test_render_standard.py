"""The standard 自评表 in its three layouts, as .xlsx, .docx and .pdf.

Round trip: every seed and demo evaluation written and read back by the ingest code gives
the same evaluation.  Formulas carry their values; a stated figure that the formula would
not give is kept as written.
"""

from __future__ import annotations

import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from jixiao import ingest
from jixiao.demo import demo_files
from jixiao.model.evaluation import Evaluation
from jixiao.render.layouts import build, method_text
from jixiao.render.standard_docx import write_docx
from jixiao.render.standard_pdf import write_pdf
from jixiao.render.standard_xlsx import write_xlsx
from jixiao.review.choose import choose_all
from jixiao.rules import get
from tests.conftest import SHARED
from tests.documents import comparable, soffice


def seed(prefix: str) -> Path:
    (path,) = (SHARED / "seeds").glob(f"{prefix}_*.txt")
    return path


def full(ev: Evaluation) -> dict[str, object]:
    """Everything a standard table states, incl. the 评分表 and 完成进度."""
    data = comparable(ev)
    data["items"] = [(i.level1, i.level2, i.name, i.weight, i.score) for i in ev.scoring_items]
    data["subtotals"] = [(s.level1, s.weight, s.score) for s in ev.subtotals_stated]
    data["progress"] = [i.progress_stated for i in ev.indicators]
    data["allocated"] = ev.funds.allocated if ev.funds else None
    return data


def sources() -> list[tuple[str, Path]]:
    return [(p.name[:3], p) for p in sorted((SHARED / "seeds").glob("*.txt"))] + [
        (f"demo-{p.stem}", p) for p in demo_files()
    ]


@pytest.mark.parametrize("writer,suffix", [(write_xlsx, ".xlsx"), (write_docx, ".docx")], ids=["xlsx", "docx"])
@pytest.mark.parametrize("name,path", sources(), ids=[n for n, _ in sources()])
def test_round_trip(name: str, path: Path, writer, suffix: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    evaluations = ingest.read(path)
    choices = choose_all(evaluations)
    out = tmp_path / f"table{suffix}"
    out.write_bytes(writer([build(ev, c.rule_set) for ev, c in zip(evaluations, choices, strict=True)]))
    back = ingest.read(out)
    assert [full(b) for b in back] == [full(a) for a in evaluations]


def test_layouts_follow_the_rule_set() -> None:
    (ev,) = ingest.read(seed("002"))
    sheet = build(ev, get("framework-2013"))
    texts = [c.text for row in sheet.rows for c in row]
    assert "评分表" in texts and "综合得分:" in texts and "99.80" in texts
    (ev,) = ingest.read(seed("001"))[:1]
    sheet = build(ev, get("ningxia"))
    assert [c.text for c in sheet.rows[sheet.repeat_rows[0]]][4:] == ["分值", "指标值（A）", "得分计算方法", "得分"]
    assert method_text(get("ningxia")).startswith(
        "1.若为定性指标，则根据“三档”原则分别按照指标值的100-80%（含）、80-50%（含）、50-0%来记分"
    )


def test_formulas_carry_their_values(tmp_path: Path) -> None:
    evaluations = ingest.read(seed("004"))[:2]
    out = tmp_path / "t.xlsx"
    out.write_bytes(write_xlsx([build(ev, get("changji-practice")) for ev in evaluations]))
    ws = load_workbook(out).worksheets[0]
    assert ws["G6"].value == "=E6/D6"
    assert ws["H6"].value == "=ROUND(F6*MIN(G6,1),2)"
    assert ws["G27"].value == "=SUM(F6,G13:G26)" and ws["H27"].value == "=SUM(H6,H13:H26)"
    book = CalamineWorkbook.from_path(str(out))
    values = book.get_sheet_by_name("自评表").to_python()
    assert values[5][6] == 0.9875 and values[5][7] == 9.88 and values[26][6] == 100 and values[26][7] == 99.81
    ws2 = load_workbook(out).worksheets[1]  # 表2: 25.95 / 95 = 27.32% → 2.73
    assert ws2["G6"].value == "=E6/D6" and ws2["H30"].value == "=SUM(H6,H13:H29)"
    values2 = book.get_sheet_by_name("自评表2").to_python()
    assert values2[5][6] == 0.2732 and values2[5][7] == 2.73 and values2[29][7] == 87.91
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_title_rows == "$12:$12" and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToHeight == 0  # one page wide (fitToWidth defaults to 1), as many pages down as needed
    assert ws["C6"].number_format == "0.00" and ws["G6"].number_format == "0.00%"


def test_a_stated_total_the_formula_would_not_give_is_kept(tmp_path: Path) -> None:
    """Seed 001 表5 states 100 where its scores add to 105: the cell holds 100, no formula."""
    ev = ingest.read(seed("001"))[4]
    out = tmp_path / "t.xlsx"
    sheet = build(ev, get("ningxia"))
    out.write_bytes(write_xlsx([sheet]))
    last = load_workbook(out).active.max_row
    total = load_workbook(out).active.cell(row=last, column=8)
    assert total.value == 100
    assert ingest.read(out)[0].total_score_stated == Decimal(100)


def test_amounts_in_yuan_are_shown_in_wan_yuan() -> None:
    ev = ingest.read(seed("004"))[0]
    funds = ev.funds
    assert funds is not None
    in_yuan = ev.model_copy(update={"funds": funds.model_copy(update={
        "unit": "元", "initial_budget": Decimal(3000000), "adjusted_budget": Decimal(3000000),
        "executed": Decimal(2962600), "sources": []})})  # fmt: skip
    sheet = build(in_yuan, get("national-2020"))
    assert [c.text for c in sheet.rows[5][2:5]] == ["300.00", "300.00", "296.26"]


def test_docx_names_the_official_fonts_with_fallbacks(tmp_path: Path) -> None:
    out = tmp_path / "t.docx"
    out.write_bytes(write_docx([build(ingest.read(seed("001"))[0], get("ningxia"))]))
    with zipfile.ZipFile(out) as z:
        document, fonts, styles = (z.read(n).decode() for n in ("word/document.xml", "word/fontTable.xml",
                                                               "word/styles.xml"))  # fmt: skip
    assert 'w:eastAsia="宋体"' in document and 'w:eastAsia="黑体"' in document
    assert 'w:eastAsia="仿宋_GB2312"' in styles
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="Noto Serif CJK SC"/>' in fonts
    assert "<w:tblHeader/>" in document and "<w:cantSplit/>" in document


def _ink(image, box) -> float:  # type: ignore[no-untyped-def]
    region = image.crop(box).convert("L")
    pixels = list(region.get_flattened_data())
    return sum(1 for p in pixels if p < 128) / max(len(pixels), 1)


def test_pdf_text_font_and_glyphs(tmp_path: Path) -> None:
    from PIL import Image

    evaluations = ingest.read(seed("004"))[:3]
    out = tmp_path / "t.pdf"
    out.write_bytes(write_pdf([build(ev, get("changji-practice")) for ev in evaluations]))
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        title = [c for c in page.chars if c["text"] in "项目支出绩效自评表" and c["size"] > 14]
        fonts = {c["fontname"].split("+")[-1] for c in page.chars}
        width, height = page.width, page.height
    assert "项目支出绩效自评表" in text and "“金保工程”社会保险信息系统升级改造经费" in text
    assert "296.26" in text and "98.75%" in text and "偏差原因分析及改进措施" in text
    assert all("CJK" in f for f in fonts), fonts
    listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in listing.splitlines() if "CJK" in line]
    assert cjk and all(line.split()[-5] == "yes" for line in cjk), listing  # the 'emb' column
    subprocess.run(["pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-png", str(out), str(tmp_path / "p")], check=True)
    image = Image.open(next(tmp_path.glob("p*.png")))
    sx, sy = image.width / width, image.height / height
    assert len(title) == 9
    for c in title:
        x0, x1, top, bottom = c["x0"] * sx, c["x1"] * sx, c["top"] * sy, c["bottom"] * sy
        w, h = x1 - x0, bottom - top
        # a glyph has strokes through its middle; a missing-glyph box is an empty frame
        assert _ink(image, (int(x0 + w * 0.3), int(top + h * 0.3), int(x1 - w * 0.3), int(bottom - h * 0.3))) > 0.03, c


def test_libreoffice_opens_every_output(tmp_path: Path) -> None:
    from jixiao.render.outputs import Target, render
    from jixiao.review import review_all

    reviews = list(review_all(ingest.read(seed("004"))[:4]))
    files = []
    for target, suffix in ((Target.XLSX, ".xlsx"), (Target.DOCX, ".docx"), (Target.REPORT, ".docx"),
                           (Target.SUMMARY, ".xlsx")):  # fmt: skip
        path = tmp_path / f"{target.value}{suffix}"
        path.write_bytes(render(reviews, target, suffix))
        files.append(path)
    pdfs = tmp_path / "pdf"
    result = soffice("pdf", files, pdfs, timeout=300)
    assert result.returncode == 0, result.stderr
    for f in files:
        converted = pdfs / f"{f.stem}.pdf"
        assert converted.stat().st_size > 5000, f
        with pdfplumber.open(converted) as pdf:
            assert len(pdf.pages) >= 1 and "项目" in (pdf.pages[0].extract_text() or "")


def _reviewed(ev: Evaluation, *, total: Decimal | None = None) -> Evaluation:
    """The evaluation with a reviewer's 复核得分 on row 1 and a 复核意见 on row 2 (one a
    spreadsheet would run as a formula)."""
    rows = list(ev.indicators)
    rows[0] = rows[0].model_copy(update={"recheck_score": Decimal("4.5")})
    rows[1] = rows[1].model_copy(update={"review_comment": '=HYPERLINK("http://x")抽查不符'})
    return ev.model_copy(update={"indicators": rows, "recheck_total_stated": total})


def test_review_columns_only_when_a_reviewer_wrote_one(tmp_path: Path) -> None:
    ev = ingest.read(seed("004"))[0]
    plain = build(ev, get("changji-practice"))
    assert not {"复核得分", "复核意见"} & {c.text for row in plain.rows for c in row}
    assert plain.columns == 9
    out = tmp_path / "t.xlsx"
    out.write_bytes(write_xlsx([build(_reviewed(ev, total=Decimal("98.31")), get("changji-practice"))]))
    ws = load_workbook(out).active
    assert [c.value for c in ws[12]] == [
        "绩 效 指 标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "自评得分", "复核得分",
        "偏差原因分析及改进措施", "复核意见"]  # fmt: skip
    assert [c.value for c in ws[13]][6:] == [5, 5, 4.5, "", ""]
    comment = ws["K14"]
    assert comment.value == '=HYPERLINK("http://x")抽查不符' and comment.data_type == "s" and comment.quotePrefix
    assert [c.value for c in ws[27]][6:9] == ["=SUM(F6,G13:G26)", "=SUM(H6,H13:H26)", 98.31]
    # the 复核总分 alone is enough for the 复核得分 column
    only_total = ev.model_copy(update={"recheck_total_stated": Decimal("98.31")})
    heads = [c.text for c in build(only_total, get("changji-practice")).rows[11]]
    assert "复核得分" in heads and "复核意见" not in heads


def test_review_columns_in_the_method_column_layout(tmp_path: Path) -> None:
    ev = _reviewed(ingest.read(seed("001"))[0])
    sheet = build(ev, get("ningxia"))
    top = sheet.repeat_rows[0]
    heads = ["分值", "指标值（A）", "得分计算方法", "自评得分", "复核得分", "复核意见"]
    assert [c.text for c in sheet.rows[top]][4:] == heads
    assert [c.text for c in sheet.rows[top + 1]][7:] == ["10", "4.5", ""]
    assert [c.text for c in sheet.rows[top + 2]][7:] == ["10", "", '=HYPERLINK("http://x")抽查不符']
    assert [c.text for c in sheet.rows[-1]][7:] == ["100", "", ""]  # no 复核总分 stated: left empty
    out = tmp_path / "t.docx"
    out.write_bytes(write_docx([sheet]))
    import docx

    table = docx.Document(str(out)).tables[0]
    head = next(r for r in table.rows if r.cells[-1].text == "复核意见")
    assert [c.text for c in head.cells][-3:] == ["自评得分", "复核得分", "复核意见"]
    texts = [[c.text for c in r.cells] for r in table.rows]
    k = texts.index([c.text for c in head.cells])
    assert texts[k + 1][-3:] == ["10", "4.5", ""]
    assert texts[k + 2][-3:] == ["10", "", '=HYPERLINK("http://x")抽查不符']


@pytest.mark.parametrize("prefix,rule_set", [("004", "changji-practice"), ("001", "ningxia")])
def test_a_recheck_score_reads_back_apart_from_the_score(prefix: str, rule_set: str, tmp_path: Path) -> None:
    ev = ingest.read(seed(prefix))[0]
    rows = list(ev.indicators)
    rows[1] = rows[1].model_copy(update={"recheck_score": Decimal("4.5")})
    out = tmp_path / "t.xlsx"
    out.write_bytes(write_xlsx([build(ev.model_copy(update={"indicators": rows}), get(rule_set))]))
    (back,) = ingest.read(out)
    assert [(i.score, i.recheck_score) for i in back.indicators] == [(i.score, i.recheck_score) for i in rows]


def test_review_columns_in_the_pdf(tmp_path: Path) -> None:
    ev = _reviewed(ingest.read(seed("004"))[0], total=Decimal("98.31"))
    out = tmp_path / "t.pdf"
    out.write_bytes(write_pdf([build(ev, get("changji-practice"))]))
    with pdfplumber.open(out) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    lines = text.splitlines()
    assert "复核得分" in text and "复核意见" in text
    assert any("5 5 4.5" in line for line in lines), lines
    assert any("99.81 98.31" in line for line in lines), lines
    assert '=HYPERLINK("http://x")' in text.replace("\n", "")


def _rechecked_items(ev: Evaluation, total: Decimal | None) -> Evaluation:
    """Seed 002 with a reviewer's 复核得分 on every 评分表 item of 投入, one of them lower."""
    items = [i.model_copy(update={"recheck_score": i.score}) if i.level1 == "投入" else i for i in ev.scoring_items]
    items[1] = items[1].model_copy(update={"recheck_score": Decimal("2.5")})
    return ev.model_copy(update={"scoring_items": items, "recheck_total_stated": total})


def test_the_2013_scoring_sheet_carries_the_recheck_score(tmp_path: Path) -> None:
    (ev,) = ingest.read(seed("002"))
    plain = build(ev, get("framework-2013"))
    assert plain.columns == 6 and "复核得分" not in {c.text for row in plain.rows for c in row}
    sheet = build(_rechecked_items(ev, Decimal("98.30")), get("framework-2013"))
    texts = [[c.text for c in row] for row in sheet.rows]
    top = texts.index(["评分表", "二级指标", "三级指标", "", "指标分值", "评价得分", "复核得分"])
    assert texts[top + 1][2:] == ["投入:", "", "20", "19.80", "18.30"]
    assert sheet.rows[top + 1][6].formula == f"=SUM(G{top + 3}:G{top + 8})"
    assert [r[4:] for r in texts[top + 2 : top + 5]] == [["3", "3.00", "3.00"], ["4", "4.00", "2.5"],
                                                         ["4", "4.00", "4.00"]]  # fmt: skip
    assert texts[top + 8][2:] == ["过程:", "", "20", "20.00", ""]  # items without one: no sum made up
    assert texts[top + 9][6] == ""
    total = next(r for r in sheet.rows if r[2].text == "综合得分:")
    assert (total[5].text, total[6].text, total[6].formula) == ("99.80", "98.30", None)  # stated, not a sum
    assert (top, 5, top, 6) not in sheet.merges and any(m[1:4:2] == (5, 6) for m in sheet.merges)
    out = tmp_path / "t.xlsx"
    out.write_bytes(write_xlsx([sheet]))
    ws = load_workbook(out).active
    assert [c.value for c in ws[top + 2]][4:] == [f"=SUM({c}{top + 3}:{c}{top + 8})" for c in "EFG"]
    cached = load_workbook(out, data_only=True).active
    assert [c.value for c in cached[top + 2]][4:] == [20, 19.8, 18.3]
    for writer, suffix in ((write_xlsx, ".xlsx"), (write_docx, ".docx")):
        path = tmp_path / f"back{suffix}"
        path.write_bytes(writer([sheet]))
        (back,) = ingest.read(path)
        assert full(back) == full(ev)  # the extra column costs nothing of what is read back
