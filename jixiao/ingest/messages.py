"""What ingest tells its users, in their words: the warnings and doubts of the reading stages.

Kept together so the stages hold no Chinese text of their own (their layout knowledge is in the
layout TOML files) and every message is worded in one place.
"""

from __future__ import annotations

from collections.abc import Mapping

FIGURE_NAMES = {
    "initial_budget": "年初预算数",
    "adjusted_budget": "全年预算数",
    "executed": "全年执行数",
    "weight": "分值",
    "rate": "执行率(%)",
    "score": "得分",
    "recheck_score": "复核得分",
    "total_score_stated": "总分",
    "recheck_total_stated": "复核总分",
    "total_weight_stated": "分值合计",
}
"""The funds row's figures by the names a user reads them under, in a doubt's readings."""


COLUMN_NAMES = {"deviation_note": "偏差原因", "remark": "备注", "review_comment": "复核意见"}
"""An indicator row's text columns by the names a user reads them under, in a doubt's reason."""


def text_column_unsure(text: str, columns: list[str]) -> str:
    """The reason of a doubt on a row's lone closing text that more than one text column may hold."""
    return f"“{text}”所在行只填了{'、'.join(columns)}中的一栏，从文本无法判定属于哪一栏，未取值"


def outside_form(text: str) -> str:
    """The reason of a doubt on a cell standing right of the form's columns, under no header."""
    return f"“{text}”写在表格各栏之外（其上没有栏目），不知属于哪一栏，未取值"


def run_together(run: str) -> str:
    """The reason of a doubt on figures run together that two readings fit equally."""
    return f"“{run}”是连写的数字，按表内勾稽关系有不止一种同样成立的拆分，未取值"


def unnamed_amounts(run: str, named: str) -> str:
    """The reason of a doubt on a fund row with more amounts than its header names."""
    return f"“{run}”的金额多于表头认得出的资金栏（{named}），无法确定各数对应哪一栏，未取值"


LOST_INTEGER_PART = "数字没有整数部分（如“.26”），疑为识别时丢失了数字"
"""Why a number written without digits before its point is not read."""


def rate_past_any(rate: str) -> str:
    """A stated execution rate larger than any rate, as a fraction or as a per cent."""
    return f"执行率“{rate}”超出任何可能的执行率（无论按小数还是百分数读），未取值"


def damaged_amounts(run: str) -> str:
    """A funds row whose amounts lost digits; its rate, weight and score read by their arithmetic."""
    return (
        f"资金行的数字“{run}”有残缺（疑为识别时丢失了数字），预算数与执行数无法确定，未取值；"
        "末尾的执行率、分值与得分符合“得分 = 分值 × 执行率”，已读出"
    )


def unread_table(file: str, where: str, title: str) -> str:
    """A titled table with nothing after it that could be read."""
    return f"文件 {file}：{where}识别到“{title}”，但未能读出其中的表格（没有找到项目名称、资金或绩效指标）"


def short_fund_row(text: str, found: int, expected: int) -> str:
    """A funds row with fewer figures than its block has columns (合计 and each source)."""
    return f"“{text}”一行只有 {found} 个数字，却有 {expected} 列（合计与各来源），无法确定空着的是哪一列，未取值"


def lone_amount(text: str, value: str, columns: int) -> str:
    """A lone figure in a text row under several amount columns."""
    return f"“{text}”一行只有一个数 {value}，表头有 {columns} 个金额栏，分不清是哪一栏，未取值"


def lone_total(total: object) -> str:
    """A 总分 row with one figure that equals both the weights' and the scores' sums."""
    return f"总分行只有一个数 {total}，与分值合计、得分合计都相等，分不清是哪一栏，未取值"


def lone_total_points(total: object) -> str:
    """A 总分 row with one figure, the full points, in a table of no indicator rows."""
    return f"总分行只有一个数 {total}，等于满分（分值合计），而表中没有指标行可合成此得分，未作总分"


def lone_figures(count: int, total: object) -> str:
    """Rows with one figure each under 分值 | 得分 that neither the points nor the total confirm."""
    return f"{count} 行只有一个分数（合计 {total}），既不合分值总数也不合总分，分不清是分值还是得分，未取值"


def lone_figures_and_total(count: int, total: object) -> str:
    """Rows with one figure each and a lone 总分 equal to their sum: weights and their sum, or
    scores and the total — both readings hold."""
    return (
        f"{count} 行只有一个分数，总分行只有一个数 {total} 且等于它们的合计："
        "读作分值与分值合计、或得分与总分都成立，分不清，均未取值"
    )


def lone_readings(total: object) -> list[str]:
    """The two readings of rows with one figure each (their sum given)."""
    return [f"分值合计 {total}", f"得分合计 {total}"]


def total_readings(total: object) -> list[str]:
    """The two readings of a lone 总分 figure."""
    return [f"总分 {total}", f"分值合计 {total}"]


def show_reading(reading: Mapping[str, object]) -> str:
    """One reading of a funds row, as a doubt lists it: ``全年预算数 86000.00 | …``."""
    return " | ".join(f"{FIGURE_NAMES.get(k, k)} {v}" for k, v in reading.items())


def refused_figure(figure: str, text: str, refusal: str) -> str:
    """The reason of a doubt on a row's figure the value parser refused (``1e400``, 20 digits)."""
    shown = text if len(text) <= 40 else text[:40] + "…"
    return f"“{figure}”写作“{shown}”：{refusal}，未读作数字"


def text_figure(figure: str, text: str) -> str:
    """The reason of a doubt on a row's figure whose cell holds words, not a number (``待定``)."""
    shown = text if len(text) <= 40 else text[:40] + "…"
    return f"“{figure}”写作“{shown}”：不是数字，未读作数字"


def unworked_formula(cell: str, formula: str, figure: str | None = None) -> str:
    """The reason of a doubt on a cell holding a formula saved without its result that is not
    plain arithmetic of the sheet (``=IF(…)``, another sheet's cell): its figure is not known."""
    shown = formula if len(formula) <= 40 else formula[:40] + "…"
    what = f"“{figure}”所在的单元格 {cell} " if figure else f"单元格 {cell} "
    return f"{what}是未保存计算结果的公式（={shown.lstrip('=')}），无法读出数值，未取值"


def sheet_named(sheet: str) -> str:
    """A workbook's sheet as a message names it."""
    return f"工作表“{sheet}”"


def recheck_not_joined(checked: str, own: str, why: str) -> str:
    """The reason of a doubt on a reviewer's table of the same project as a self-evaluation
    whose rows are not the self-evaluation's: both kept, neither's figures moved to the other."""
    return f"{checked}是{own}同一项目的复核表，但{why}，复核得分未并入自评表，两张表分别读出，请对照原件"


def recheck_row_count(own: int, checked: int) -> str:
    return f"指标行数不同（自评表 {own} 行，复核表 {checked} 行）"


def recheck_row_differs(n: int, name: str) -> str:
    shown = name if len(name) <= 40 else name[:40] + "…"
    return f"第 {n} 行指标（{shown}）的名称、分值或自评得分与自评表不同"


def refused_in_row(row: str, text: str, refusal: str) -> str:
    """The reason of a doubt on a figure the value parser refused in a row read by its order
    (a funds row of text), where which column it stands in is not known."""
    shown = text if len(text) <= 40 else text[:40] + "…"
    return f"“{row}”一行中的数字“{shown}”：{refusal}，未读作数字"


def name_run_into_target(text: str) -> str:
    """The reason of a doubt on a row whose name and written-out target ran together."""
    return f"“{text}”中三级指标名称与指标值连写，分不清界限，名称与指标值均未取值"


def preview_rows_unchecked(count: int) -> str:
    """A preview's indicator rows that the table's arithmetic does not vouch for."""
    return (
        f"文库预览中整页文字连写，从中切出的 {count} 行指标无法由表内勾稽关系核实"
        "（分值、得分与总分不能对上，或没有分值可核），为免错行未读出指标行"
    )


def preview_rows_from(first: int, count: int) -> str:
    """A preview's indicator rows kept down to the first one without the table's shape."""
    return (
        f"文库预览中整页文字连写，从中切出的 {count} 行指标自第 {first + 1} 行起与表中各行的写法不符"
        "（名称与指标值分不清、实际值单位与指标值不同或名称中含有指标值），可能有行连写或切错，"
        "为免错行只读出其上各行"
    )


def preview_groups_from(first: int, count: int) -> str:
    """A preview's indicator rows kept down to the first group whose weights miss its declared points."""
    return (
        f"文库预览中整页文字连写，从中切出的 {count} 行指标自第 {first + 1} 行起所在指标的分值合计与其标明的分数对不上"
        "（预览可能在此截断，或有行连写、切错），为免错行只读出其上各行"
    )


def sign_read_as_two(text: str) -> str:
    """The reason of a doubt on a value whose ``≥`` a scan may have read as a ``2`` (``2 95%``)."""
    return f"“{text}”疑为扫描把“≥”识别成了“2”，本行没有可印证的另一值，未取值"


def figures_joined_at_line_end(joined: str, apart: str) -> str:
    """The reason of a doubt on a figure joined across a line's end that may as well be two."""
    return f"“{joined}”跨行断开处也可读作“{apart}”两个数，本表无法判定，未取值"


def point_lost(text: str, weight: object, readings: list[str]) -> str:
    """The reason of a doubt on a score far above its weight: a scan may have lost its point, or
    the form swapped 分值 and 得分; no reading is taken that the stated total does not confirm."""
    head = f"得分“{text}”远超分值 {weight}，疑为扫描丢失了小数点或分值与得分填反"
    return head + f"，可能为 {'、'.join(readings)}，总分未能印证，未取值，请核对原件"


def preview_scores_unchecked() -> str:
    """A preview's indicator rows kept by their weights whose scores do not add up."""
    return (
        "文库预览中切出的指标行分值合计与满分相符，已读出；但得分与总分对不上（或有得分高于分值），"
        "得分按原文读出，请核对"
    )


def preview_note_in_name(text: str) -> str:
    """A preview's row name that may open with the note of the row above (no full stop between)."""
    return (
        f"“{text}”前半可能是上一行的偏差原因说明（上一行得分低于分值而未见说明），"
        "与本行名称连写，分不清界限，名称未取值"
    )


def preview_row_unnamed() -> str:
    """A preview's indicator row kept by the arithmetic whose name and target could not be told apart."""
    return "文库预览中该行指标名称与指标值连写、无法分开，未读出名称与指标值；分值与得分已按表内合计核实"


def conflicting_units(cells: list[tuple[str, str, str]], default: str) -> str:
    """The funds' unit stated twice, differently: each (unit, cell text, place)."""
    stated = "与".join(f"“{text}”（{place or '位置不详'}，{unit}）" for unit, text, place in cells)
    return (
        f"表中对资金金额的单位有不同写法：{stated}，无法确定金额以哪个单位填列，未据表内写法取单位"
        f"（暂按默认的{default}保存），请对照原件"
    )


def unknown_split_column(header: str) -> str:
    """The reason of a doubt on targets split over columns one of which no layout knows."""
    return f"指标表头“{header}”不在已知版式中，目标值分列不全，未拼接目标值"


def report_funds_ambiguous(clause: str) -> str:
    """A narrative report's funds clause that names more than one figure, or holds more than one amount."""
    return f"资金句“{clause}”可作多种读法（所指资金项或金额不止一个），未取值"


def report_funds_differ(clause: str) -> str:
    """A narrative report's funds figure stated twice, differently."""
    return f"资金句“{clause}”与前文所述的同一金额不一致，未取值"


REPORT_FIELD_NAMES = {
    "project_name": "项目名称",
    "department": "主管部门",
    "implementing_unit": "实施单位",
    "year": "年度",
    "execution_rate_stated": "预算执行率",
    "total_score_stated": "自评得分",
    "grade_stated": "自评等级",
}
"""A report's header and conclusion fields by the names a user reads them under."""


def report_differs_from_table(field_label: str, table: object, report: object) -> str:
    """A report's paragraphs and its own table state one field differently: the table's kept."""
    return f"报告正文与表格所写{field_label}不同：表格为“{table}”，正文为“{report}”，已取表格所写，请核对"


def columns_not_placed(columns: list[tuple[str, int]], rows: int) -> str:
    """Columns of an indicator table copied column by column that hold fewer values than it has rows."""
    listed = "、".join(f"“{head}”（{count} 个值）" for head, count in columns)
    return (
        f"指标表按列复制（各列依次排列），共 {rows} 行；{listed}少于行数，"
        "无法逐行对应（多为合并单元格），未读，请核对原表"
    )
