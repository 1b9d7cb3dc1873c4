"""Builds real .docx and .xlsx files of a self-evaluation table, the way units make them.

Merged cells as Word and Excel users merge them (项目资金 down five rows, each 一级 label down
its rows, 二级 labels down runs of the same kind), headers spaced out for justified alignment
(``绩 效 指 标``), and in Word the indicator table continued after a page break with its
header row repeated.  The tests read these files back and compare with the evaluation they
were made from, so every format is exercised on the same content.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from jixiao.model.evaluation import Evaluation, Indicator

COLUMNS = 9
INDICATOR_HEADER = ["绩 效 指 标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                    "偏差原因分析及改进措施"]  # fmt: skip


def _fmt(value: Decimal | None, suffix: str = "") -> str:
    return "" if value is None else f"{value}{suffix}"


def _runs(values: list[str | None]) -> Iterator[tuple[int, int]]:
    """(start, end) of runs of equal values: the rows one merged label covers."""
    start = 0
    for k in range(1, len(values) + 1):
        if k == len(values) or values[k] != values[start]:
            yield start, k - 1
            start = k


def layout(ev: Evaluation) -> tuple[list[list[str]], list[tuple[int, int, int, int]], int]:
    """The grid of the standard table, its merged ranges (r1, c1, r2, c2, 0-based inclusive),
    and the row where the indicator rows begin."""
    grid: list[list[str]] = []
    merges: list[tuple[int, int, int, int]] = []

    def row(*cells: str) -> int:
        grid.append(list(cells) + [""] * (COLUMNS - len(cells)))
        return len(grid) - 1

    r = row("项目支出绩效自评表")
    merges.append((r, 0, r, COLUMNS - 1))
    r = row(f"({ev.year}年度)")
    merges.append((r, 0, r, COLUMNS - 1))
    r = row("项目名称", ev.project_name or "")
    merges.append((r, 1, r, COLUMNS - 1))
    r = row("主管部门", ev.department or "", "", "", "实施单位", ev.implementing_unit or "")
    merges += [(r, 1, r, 3), (r, 5, r, COLUMNS - 1)]
    funds = ev.funds
    assert funds is not None
    first = row("项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    row("", "年度资金总额", _fmt(funds.initial_budget), _fmt(funds.adjusted_budget), _fmt(funds.executed),
        _fmt(ev.execution_weight),
        "" if ev.execution_rate_stated is None else f"{(ev.execution_rate_stated * 100).quantize(Decimal('0.01'))}%",
        _fmt(ev.execution_score_stated))  # fmt: skip
    for source in funds.sources:
        row("", source.name or "", _fmt(source.initial_budget), _fmt(source.adjusted_budget), _fmt(source.executed),
            "—", "—", "—")  # fmt: skip
    merges.append((first, 0, len(grid) - 1, 0))
    goal_first = row("年度总体目标", "预期目标", "", "", "", "实际完成情况")
    merges += [(goal_first, 1, goal_first, 4), (goal_first, 5, goal_first, COLUMNS - 1)]
    for goal in ev.goals:
        r = row("", goal.expected or "", "", "", "", goal.actual or "")
        merges += [(r, 1, r, 4), (r, 5, r, COLUMNS - 1)]
    merges.append((goal_first, 0, len(grid) - 1, 0))
    header = row(*INDICATOR_HEADER)
    start = len(grid)
    for ind in ev.indicators:
        row("", ind.level1 or "", ind.level2 or "", ind.name or "", ind.target or "", ind.actual or "",
            _fmt(ind.weight), _fmt(ind.score), ind.deviation_note or "")  # fmt: skip
    merges.append((header, 0, len(grid) - 1, 0))
    for column, attr in ((1, "level1"), (2, "level2")):
        keys: list[str | None] = [
            f"{ind.level1}|{getattr(ind, attr)}" if attr == "level2" else getattr(ind, attr) for ind in ev.indicators
        ]
        for a, b in _runs(keys):
            if b > a:
                merges.append((start + a, column, start + b, column))
                for k in range(a + 1, b + 1):
                    grid[start + k][column] = ""
    weights = sum((i.weight or Decimal(0) for i in ev.indicators), ev.execution_weight or Decimal(0))
    r = row("总分", "", "", "", "", "", _fmt(weights), _fmt(ev.total_score_stated))
    merges.append((r, 0, r, 5))
    return grid, merges, start


def write_xlsx(ev: Evaluation, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    grid, merges, _start = layout(ev)
    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    for r, cells in enumerate(grid, start=1):
        for c, text in enumerate(cells, start=1):
            if text == "":
                continue
            cell = ws.cell(row=r, column=c)
            # figures stored as numbers, except where units type them as text
            cell.value = Decimal(text) if _is_number(text) and c in (3, 4, 5, 7, 8) else text
            if text.startswith("="):
                cell.data_type = "s"  # typed as text ('=20个), not a formula
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    for r1, c1, r2, c2 in merges:
        ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    ws.print_title_rows = "1:2"
    wb.save(path)


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


def write_docx(ev: Evaluation, path: Path, *, split_after: int | None = None, flowing: bool = False) -> None:
    """The table as Word holds it; ``split_after`` rows of indicators stay on the first page,
    the rest continue in a second table after a page break, under a repeated header row.

    ``flowing``: one table left to run over the pages as Word does by default, a row free to
    break across a page (允许跨页断行 on)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement
    from docx.shared import Mm, Pt

    grid, merges, start = layout(ev)
    doc = Document()
    section = doc.sections[0]  # A4 landscape, as these forms are printed
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Mm(12)
    doc.styles["Normal"].font.size = Pt(9)
    doc.add_paragraph(f"{ev.implementing_unit or ''}项目支出绩效自评表")
    cut = len(grid) if split_after is None else start + split_after
    parts = [(0, cut)] if cut >= len(grid) else [(0, cut), (cut, len(grid))]
    for n, (a, b) in enumerate(parts):
        rows = grid[a:b] if n == 0 else [grid[start - 1], *grid[a:b]]
        offset = a if n == 0 else a - 1
        table = doc.add_table(rows=len(rows), cols=COLUMNS)
        table.style = "Table Grid"  # ruled, as every form is
        for tr in table.rows:
            tr_pr = tr._tr.get_or_add_trPr()
            if not flowing:
                tr_pr.append(OxmlElement("w:cantSplit"))  # rows kept whole at a page break
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                table.cell(r, c).text = text
        for r1, c1, r2, c2 in merges:
            r1_, r2_ = r1 - offset, r2 - offset
            if n > 0 and r1 < a <= r2:  # a merge that crosses the page break restarts below it,
                r1_ = 1 if c1 > 0 else 0  # its label written again at the top of the new table
                if c1 > 0:
                    table.cell(1, c1).text = grid[r1][c1]
            if r2_ < 0 or r1_ >= len(rows):
                continue
            r1_, r2_ = max(r1_, 0), min(r2_, len(rows) - 1)
            if (r1_, c1) != (r2_, c2):
                merged = table.cell(r1_, c1).merge(table.cell(r2_, c2))
                merged.text = rows[r1_][c1] or (grid[r1][c1] if n > 0 else "")
        if n == 0 and len(parts) > 1:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("评价结论：各项指标完成良好。")
    doc.save(path)


def comparable(ev: Evaluation) -> dict[str, object]:
    """The stated content of an evaluation, without provenance and source."""
    data = ev.model_dump(mode="python", include={
        "year", "project_name", "department", "implementing_unit", "execution_rate_stated", "execution_weight",
        "execution_score_stated", "total_score_stated", "grade_stated",
    })  # fmt: skip
    funds = ev.funds
    data["funds"] = None if funds is None else (funds.initial_budget, funds.adjusted_budget, funds.executed,
                                                [(s.name, s.initial_budget, s.adjusted_budget, s.executed)
                                                 for s in funds.sources])  # fmt: skip
    data["goals"] = [(_text(g.expected), _text(g.actual)) for g in ev.goals]
    data["indicators"] = [_row(i) for i in ev.indicators]
    return data


def _text(text: str | None) -> str | None:
    """Text compared as ``make corpus`` compares: without white space (a PDF loses the space
    where a line wrapped: ``600 元`` comes back ``600元``) and with full- and half-width
    forms unified (documents are read with ``，`` as ``,``)."""
    return None if text is None else "".join(unicodedata.normalize("NFKC", text).split())


def _row(ind: Indicator) -> tuple[object, ...]:
    """A row's stated content; '/' in a target or actual is the form's mark for 不适用, which
    the reader records as ``not_applicable`` rather than as text."""
    texts = (ind.level1, ind.level2, ind.name, ind.target, ind.actual, ind.deviation_note)
    a, b, c, d, e, f = (None if t == "/" else _text(t) for t in texts)
    return (a, b, c, d, e, ind.weight, ind.score, f, ind.not_applicable)


def write_html(ev: Evaluation, path: Path) -> None:
    """The table as a finance bureau's site publishes it: rowspan/colspan, a page around it."""
    from html import escape

    grid, merges, _start = layout(ev)
    covered: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for r1, c1, r2, c2 in merges:
        spans[(r1, c1)] = (r2 - r1 + 1, c2 - c1 + 1)
        covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - {(r1, c1)}
    rows = []
    for r, cells in enumerate(grid):
        tds = []
        for c, text in enumerate(cells):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            tds.append(f"<td{attrs}>{escape(text)}</td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><title>自评表</title>"
        "<script>var x = '项目名称';</script></head><body><nav>首页 &gt; 信息公开</nav>"
        f"<h1>{escape(ev.project_name or '')}绩效自评</h1><table border='1'>{''.join(rows)}</table>"
        "<p>评价结论：各项指标完成良好。</p></body></html>"
    )
    path.write_text(page, encoding="utf-8")


def to_pdf(docx: Path, out_dir: Path) -> Path | None:
    """The .docx converted by LibreOffice headless (None when LibreOffice is not installed)."""
    converted = to_pdfs([docx], out_dir)
    return converted[0] if converted else None


def soffice(to: str, files: list[Path], out_dir: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    """LibreOffice headless with a profile of its own.

    Without ``-env:UserInstallation`` every run shares the user's profile, and a second LibreOffice
    started while another is running (another test, another user of the machine) hands its work to
    the first one or fails with exit status 1.
    """
    program = shutil.which("soffice") or shutil.which("libreoffice")
    assert program, "LibreOffice (soffice) is needed: `make test` installs libreoffice-writer-nogui"
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [program, "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", to,
             "--outdir", str(out_dir), *map(str, files)],
            capture_output=True, text=True, timeout=timeout,
        )  # fmt: skip


def to_pdfs(files: list[Path], out_dir: Path) -> list[Path]:
    """Many .docx converted in one LibreOffice run (one start-up instead of one per file)."""
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        return []
    soffice("pdf", files, out_dir).check_returncode()
    return [out_dir / (f.stem + ".pdf") for f in files]
