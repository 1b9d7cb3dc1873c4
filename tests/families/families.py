"""The layout families: one small named writer each, from a truth table to a ``Doc``.

Grid families are the national form with one switch turned (``form.Style``); text families are
the national form flattened the ways text reaches us from web pages, PDFs and pasted copies.
Every writer draws its free choices (label wording within the field's own variants, wrap
width, where a table is continued, the 复核得分 written beside each score) from ``rng``, so a
variant number gives the same document every time; ``held_out`` also opens label variants
that tuning never sees.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from tests.families import flattened, kinds, mixed, narrative, ocr, office, regional, unseen, wording, yuan
from tests.families.form import Grid, Labels, Style, layout, number
from tests.families.truth import Truth

Lines = list[str]
Block = Grid | Lines


@dataclass
class Part:
    """A sheet of a workbook; in a Word, PDF, web or text document, a section in order."""

    name: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Doc:
    parts: list[Part]
    expected: dict[str, Any] | None = None
    """What the document states when the family leaves part of the truth out (else the truth)."""


# label variants real forms use (layouts.md); the second tuple only in held-out variants
_VARIANTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "project": (("项目名称", "项 目 名 称"), ("项目名称",)),
    "funds": (("项目资金（万元）", "项目资金(万元)"), ("资金情况（万元）", "项目资金 （万元）")),
    "target": (("年度指标值", "指标值"), ("年度 指标值",)),
    "actual": (("实际完成值",), ("全年实际完成值", "实际 完成值")),
    "weight": (("分值",), ("分 值",)),
    "note": (("偏差原因分析及改进措施",), ("未完成原因分析", "偏差原因分析及 改进措施")),
    "level1": (("一级指标",), ("一级 指标",)),
}


def labels(rng: random.Random, held_out: bool) -> Labels:
    """A form's label words, drawn among the field's variants."""
    chosen = {}
    for name, (seen, held) in _VARIANTS.items():
        chosen[name] = rng.choice(seen + held if held_out else seen)
    return Labels(**chosen)


# indicator headers no layout file names, as forms of other places and systems word them: read by the
# words they hold (national.toml [indicators.column_words]); the second tuple only in held-out variants
_UNNAMED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "target": (("计划值", "年度目标"), ("预期目标值", "年度计划指标")),
    "actual": (("实际值", "完成情况"), ("实际完成情况", "年度完成数")),
    "row_weight": (("指标分值", "满分值"), ("分值权重", "满分")),
    "row_score": (("自评分", "评分"), ("自评分值", "考核得分")),
    "note": (("未完成原因", "偏差说明"), ("差异原因及整改措施", "情况说明")),
    "department": (("主管单位", "项目主管单位"), ("业务主管单位",)),
    "unit": (("项目承担单位", "执行单位"), ("项目执行单位", "用款单位")),
    "initial": (("年初预算金额", "年初安排数"), ("年初批复预算",)),
    "adjusted": (("调整后预算", "全年调整预算"), ("预算调整数",)),
    "executed": (("实际支出", "实际执行金额"), ("全年支出数",)),
}


def unnamed_headers(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """The national form whose header fields, funds and indicator headers are words no layout file
    names (项目承担单位, 年初预算 |
    调整后预算 | 实际支出, 计划值 | 实际值 | 权重 | 自评分 | 未完成原因): every label set is open."""
    chosen = {name: rng.choice(seen + held if held_out else seen) for name, (seen, held) in _UNNAMED.items()}
    return _grid_doc(truth, Style(labels=replace(labels(rng, held_out), **chosen)))


def _grid_doc(truth: Truth, style: Style, title: str = "自评表") -> Doc:
    return Doc([Part(title, list(layout(truth, style)))])


def national(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """The national form as Word, Excel and web pages hold it (the baseline)."""
    return _grid_doc(truth, Style(labels=labels(rng, held_out)))


def row_numbers(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """A 行次 column numbering every row and a 列次 row numbering the indicator columns."""
    return _grid_doc(truth, Style(labels=labels(rng, held_out), row_numbers=True))


def _recheck(truth: Truth, rng: random.Random) -> tuple[str, ...]:
    """A spot-check score beside each stated one, mostly different from it (as 抽评 finds)."""
    out = []
    for row in truth.rows:
        score = row.get("score")
        if score is None:
            out.append("")
            continue
        s = Decimal(number(score))
        delta = Decimal(rng.choice(["0", "0.5", "1", "2"]))
        out.append(number(s - delta if s >= delta else s + delta))
    return tuple(out)


def review_columns(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """自评得分 | 复核得分 and a 备注 column: the reviewer's figure must not be read as the score."""
    remarks = tuple(rng.choice(["", "无", "抽评", "已核实"]) for _ in truth.rows)
    style = Style(labels=labels(rng, held_out), review=True, recheck=_recheck(truth, rng), remarks=remarks)
    return _grid_doc(truth, style)


def sichuan_split(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """四川: 年度指标值 over two header rows, split into 指标性质 | 指标值 | 度量单位."""
    lb = replace(labels(rng, held_out), note=rng.choice(["未完成原因分析", "偏差原因分析及改进措施"]))
    return _grid_doc(truth, Style(labels=lb, split_target=True))


def label_value_header(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """Header fields written ``项目名称：…`` in merged cells, one per field or all in one."""
    header = rng.choice(["label_value", "label_value_one"])
    return _grid_doc(truth, Style(labels=labels(rng, held_out), header=header))


def transposed_funds(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """The funds with sources across and 年初预算数 / 全年预算数 / 全年执行数 down."""
    return _grid_doc(truth, Style(labels=labels(rng, held_out), funds="transposed"))


def label_value_funds(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """The funds as label / value pairs: ``年初预算数 | 300 | 全年预算数 | 300 | …``."""
    return _grid_doc(truth, Style(labels=labels(rng, held_out), funds="pairs"))


def continued(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """The indicator rows go on in a second table that does not repeat the header."""
    rows = len(truth.rows)
    cut = rng.randint(1, rows - 1) if rows > 1 else rows
    return _grid_doc(truth, Style(labels=labels(rng, held_out), continued_after=cut))


INSTRUCTIONS = (
    "填报说明",
    "1. 项目名称：填写预算批复的项目全称，与部门预算一致。",
    "2. 主管部门、实施单位：填写全称。",
    "3. 年初预算数、全年预算数、全年执行数以万元为单位，保留两位小数；执行率＝全年执行数÷全年预算数。",
    "4. 一级指标、二级指标、三级指标按批复的绩效目标填列；年度指标值、实际完成值须注明计量单位。",
    "5. 分值合计100分，其中预算执行率10分；得分不得超过分值。",
    "6. 偏差原因分析及改进措施：未完成年度指标值的，须说明原因。",
)


def yitihua(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """An export of a 预算管理一体化 system: a 填报说明 sheet first, then the form with a hidden ID
    column and its header fields as ``标签：值``."""
    ids = tuple(f"{rng.getrandbits(64):016x}" for _ in truth.rows)
    style = Style(labels=labels(rng, held_out), ids=True, id_of=ids, header="label_value")
    return Doc([Part("填报说明", [list(INSTRUCTIONS)]), Part("项目支出绩效自评表", list(layout(truth, style)))])


# --- text families: the national form flattened -----------------------------------------------


def _printed(truth: Truth, rng: random.Random, held_out: bool) -> list[list[str]]:
    """The national form's rows as printed (a merged cell's text once)."""
    (grid,) = layout(truth, Style(labels=labels(rng, held_out)))
    return [[t for t in row if t] for row in grid.visible_rows()]


def _text_doc(lines: Lines) -> Doc:
    return Doc([Part("自评表", [lines])])


def glued(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """Each row's cells run together with nothing between them (``年度资金总额300300296.26…``)."""
    return _text_doc(["".join(row) for row in _printed(truth, rng, held_out)])


def spaced(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """Each row's cells separated by single spaces (a table flattened by a web page)."""
    return _text_doc([" ".join(row) for row in _printed(truth, rng, held_out)])


def one_per_line(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """Every cell on its own line."""
    return _text_doc([cell for row in _printed(truth, rng, held_out) for cell in row])


def pipes(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """Cells between ``|``: whole rows (``| a |  | c |``), or one cell per line ending in ``|``;
    an empty cell keeps its place (``|`` alone), as pipe text written from a grid does."""
    (grid,) = layout(truth, Style(labels=labels(rng, held_out)))
    rows = grid.visible_rows()
    if rng.random() < 0.5:
        return _text_doc(["| " + " | ".join(row) + " |" for row in rows])
    return _text_doc([f"{cell}|" for row in rows for cell in row])


def pdf_order(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """Text as a PDF's text layer gives it: a label merged down several rows is printed in the
    middle of its rows, so it comes out on the middle row's line, not the first."""
    (grid,) = layout(truth, Style(labels=labels(rng, held_out)))
    moved = [list(row) for row in grid.rows]
    for r1, c1, r2, _c2 in grid.merges:
        mid = (r1 + r2) // 2
        if r2 > r1 and mid != r1:
            moved[mid][c1], moved[r1][c1] = moved[r1][c1], ""
    grid = replace(grid, rows=moved, merges=[])
    return _text_doc([" ".join(t for t in row if t) for row in grid.rows if any(row)])


def wrapped(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """Rows separated by spaces, every line then broken at a fixed width (a pasted fixed-width copy)."""
    width = rng.randint(24, 60)
    out = []
    for line in (" ".join(row) for row in _printed(truth, rng, held_out)):
        out += [line[k : k + width] for k in range(0, len(line), width)] or [""]
    return _text_doc(out)


# --- families of the classes met on unseen real pages (tests/families/unseen.py) ----------------


def headerless(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """A page that begins inside the indicator table: no header fields, funds or indicator header,
    the first row's 一级 / 二级 above the cut; as pipe rows (a web page) or a grid (a PDF's next page)."""
    (grid,) = layout(truth, Style(labels=labels(rng, held_out)))
    body, _ = unseen.cut_above_rows(grid)
    if rng.random() < 0.5:
        block: Block = [" | ".join(c for c in row if c) + " |" for row in body if any(row)]
    else:
        block = Grid(rows=body)
    return Doc([Part("自评表", [block])], expected=unseen.headerless_expected(truth))


def title_named(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """No 项目名称 row: the title names the project (某县2021年度某项目绩效自评表)."""
    (grid,) = layout(truth, Style(labels=labels(rng, held_out)))
    named = unseen.title_project(truth, rng)
    if named is not None:
        title, prefix = named
        grid.rows[0][0] = prefix + title
        grid = unseen.drop_project_row(grid)
    return Doc([Part("自评表", [grid])])


def preview(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """A document site's preview: the whole form run together and cut into numbered chunks."""
    text = "".join("".join(row) for row in _printed(truth, rng, held_out))
    return _text_doc(unseen.preview_chunks(text, rng))


def ocr_slips(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """A scanned page's text layer: labels with a character misread, lost or in traditional
    characters, look-alike letters inside figures, an amount with its integer part lost (ocr.py)."""
    grid, expected = ocr.ocr_grid(truth, rng, held_out, labels(rng, held_out))
    return Doc([Part("自评表", [grid])], expected=expected)


def yuan_funds(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """The national form with its funds in 元 (×10000), the unit written in a line above the table
    or in the amount headers or the funds label (yuan.py); the document states unit 元."""
    blocks, _place = yuan.written(truth, rng, held_out, labels(rng, held_out))
    return Doc([Part("自评表", blocks)], expected=yuan.expected(truth))


def narrative_report(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """A narrative 自评报告 of the project: chapters, the funds in a sentence, each indicator a sentence
    or an ``指标N：…`` line, the total score and grade in the conclusion (narrative.py)."""
    lines, expected = narrative.report(truth, rng, held_out)
    return Doc([Part("自评报告", [lines])], expected=expected)


def text_mixed(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """Two flattenings at once (mixed.py): the national or 四川 split form as pipe rows or one cell per
    line, its columns reordered or one more (指标方向, 计算符号), a page's furniture inside the rows,
    in part of the documents in traditional characters."""
    lines, expected = mixed.text_mixed(truth, rng, held_out, labels(rng, held_out))
    return Doc([Part("自评表", [lines])], expected=expected)


def text_wording(truth: Truth, rng: random.Random, held_out: bool) -> Doc:
    """The national form as text pages word and print it (wording.py): 权重 / 实际指标值 / 目标值 headers,
    scores written 9.5分, the year as （2021年） or 评价年度：2021年, a 续表 page break with the header
    printed again, 附件 and 填表人 lines — as tab, pipe or space-separated rows or one cell per line."""
    return _text_doc(wording.text_wording(truth, rng, held_out, labels(rng, held_out)))


Writer = Callable[[Truth, random.Random, bool], Doc]

FAMILIES: dict[str, Writer] = {
    "national": national,
    "row_numbers": row_numbers,
    "review_columns": review_columns,
    "sichuan_split": sichuan_split,
    "label_value_header": label_value_header,
    "transposed_funds": transposed_funds,
    "label_value_funds": label_value_funds,
    "continued": continued,
    "yitihua": yitihua,
    "glued": glued,
    "spaced": spaced,
    "one_per_line": one_per_line,
    "pipes": pipes,
    "pdf_order": pdf_order,
    "wrapped": wrapped,
    "headerless": headerless,
    "title_named": title_named,
    "preview": preview,
    # other kinds and forms of the field (layouts.md; tests/families/kinds.py)
    "transfer_region": kinds.transfer_region,
    "target_form": kinds.target_form,
    "department_overall": kinds.department_overall,
    "department_sheet": kinds.department_sheet,
    "method_column": kinds.method_column,
    "level_points": kinds.level_points,
    "ocr": ocr_slips,
    # funds stated in 元 (tests/families/yuan.py)
    "yuan": yuan_funds,
    # regional and older forms (layouts.md; tests/families/regional.py)
    "split_columns": regional.split_columns,
    "framework_2013": regional.framework_2013,
    "formula_execution": regional.formula_execution,
    "sichuan_special": regional.sichuan_special,
    # the narrative 自评报告 (tests/families/narrative.py)
    "narrative_report": narrative_report,
    # added last: a family's sample is rotated by its place here, the others' samples stay as they were
    "unnamed_headers": unnamed_headers,
    "key_evaluation": kinds.key_evaluation,
    # other kinds flattened to text (tests/families/flattened.py)
    "flattened_kinds": flattened.flattened_kinds,
    # text pages showing two flattenings at once (tests/families/mixed.py)
    "text_mixed": text_mixed,
    # office layouts (tests/families/office.py)
    "two_row_header": office.two_row_header,
    # text pages in other places' words and print (tests/families/wording.py)
    "text_wording": text_wording,
}

TITLES = {
    "national": "全国通用表样",
    "unnamed_headers": "指标表头用词未列入版式（计划值、权重、自评分…）",
    "row_numbers": "行次/列次", "review_columns": "复核得分/备注列",
    "sichuan_split": "四川 指标性质|指标值|度量单位", "label_value_header": "“标签：值”表头",
    "transposed_funds": "资金行列转置", "label_value_funds": "资金“标签|值”成对", "continued": "续表无表头",
    "yitihua": "一体化导出（填报说明页、隐藏ID列）", "glued": "单元格粘连", "spaced": "空格分隔行",
    "one_per_line": "每格一行", "pipes": "竖线分隔", "pdf_order": "PDF 文字顺序", "wrapped": "定宽折行",
    "headerless": "页面始于指标表中途", "title_named": "项目名称只在标题中", "preview": "文库预览（整页粘连分段）",
    "transfer_region": "中央对地方转移支付区域表", "target_form": "绩效目标申报表/批复表",
    "department_overall": "部门整体支出绩效自评表",
    "department_sheet": "部门整体支出绩效评价评分表 决策/过程/产出/效益",
    "key_evaluation": "项目重点绩效评价评分表（指标解释、评分标准、评价等级）",
    "method_column": "40/40/20 得分计算方法列",
    "level_points": "一级带分值、模板占位行", "ocr": "扫描识别（OCR）误读",
    "yuan": "资金以元为单位（表上单位行或表头）",
    "split_columns": "一体化导出 计算符号|指标值|计量单位", "framework_2013": "2013 框架 投入/过程/产出/效果 评分表",
    "formula_execution": "执行率得分写作公式（20分*执行率）",
    "sichuan_special": "四川专项 年度金额（提前下达）：金额 一格一对",
    "narrative_report": "叙述体自评报告（章节、资金句、指标句）",
    "flattened_kinds": "其他表种压平为文本（竖线、每格一行、空格、PDF 顺序、折行）",
    "text_mixed": "文本多重变形（竖线/每格一行、列序与附加列、分页页脚、繁体）",
    "two_row_header": "两行表头（预算数分年初/全年，指标值分目标值/实际值）",
    "text_wording": "文本用词与版面（权重、实际指标值、9.5分、续表重复表头、附件/填表人行）",
}  # fmt: skip


def write(family: str, truth: Truth, variant: int, held_out: bool = False) -> Doc:
    """One family's document of one truth table; the same (family, truth, variant) gives the same document."""
    rng = random.Random(f"{family}|{truth.name}|{variant}|{held_out}")
    return FAMILIES[family](truth, rng, held_out)
