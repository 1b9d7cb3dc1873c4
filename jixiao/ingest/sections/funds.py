"""The funds block: 年度资金总额 and its sources under a header of amounts, or the other shapes
(the 2013 framework's staged 预算/下达/支出, amounts behind their own labels, (一)(二)(三) parts
under a blank total)."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.ingest import arithmetic, messages
from jixiao.ingest import labels as L
from jixiao.ingest.cells import Cell, same_line
from jixiao.ingest.layouts.schema import StagedFund
from jixiao.ingest.sections import fund_shapes
from jixiao.ingest.sections.fund_row import assign_fund_row
from jixiao.ingest.sections.fund_unit import funds_unit, in_table_unit
from jixiao.ingest.sections.indicators import VALUE_COLUMNS, indicator_columns
from jixiao.ingest.table import Table, cells_of_row
from jixiao.model.evaluation import Doubt, FundLine, Funds, TableKind
from jixiao.model.values import parse_decimal
from jixiao.model.vocabulary import is_dash


def funds(t: Table, kind: TableKind) -> tuple[Funds | None, Decimal | None, Decimal | None, Decimal | None]:
    """The funds block in whatever shape it takes, its amounts in the unit the table states
    (``fund_unit``); then 执行率, 分值 and 得分 of the execution line."""
    read, rate, weight, score = _funds(t, kind)
    rate = _as_fraction(t, rate)
    if read is None:
        return read, rate, weight, score
    return read.model_copy(update={"unit": funds_unit(t)}), rate, weight, score


def _as_fraction(t: Table, rate: Decimal | None) -> Decimal | None:
    """A stated rate as the fraction it is.  A rate written as its per cent without the sign
    (``98.98`` under 执行率, ``100``) reads as a number past any fraction a form states (``rate_max``
    per cent): it is that per cent.  Past ``rate_max`` even as per cent it is no rate: left empty,
    with a doubt naming its cell."""
    top = t.settings.rate_max / 100
    if rate is None or rate <= top:
        return rate
    if rate / 100 <= top:
        return rate / 100
    t.doubts.append(Doubt(field="execution_rate_stated", reading=None, alternatives=[f"{rate:f}"],
                          reason=messages.rate_past_any(f"{rate:f}"), location=t.provenance.get("funds")))  # fmt: skip
    return None


def _funds(t: Table, kind: TableKind) -> tuple[Funds | None, Decimal | None, Decimal | None, Decimal | None]:
    total_at = t.find(L.FUND_TOTAL, 0, t.indicator_header() or len(t.cells))
    if total_at is None:
        return _funds_framework(t) or fund_shapes.with_pairs(t, _funds_by_labels(t))
    transposed = fund_shapes.transposed_funds(t, total_at)
    if transposed is not None:
        return transposed
    header = _fund_header(t, total_at)
    if not header and kind is TableKind.PERFORMANCE_TARGETS:
        header = [L.FundColumn.INITIAL]  # a target form states the budget only
    row = _fund_row_by_column(t, total_at, "funds") or _fund_row_by_order(t, total_at, header)
    parts = _enumerated_parts(t, total_at)
    amounts = (L.FundColumn.INITIAL, L.FundColumn.ADJUSTED, L.FundColumn.EXECUTED)
    if parts and not any(row.get(c) is not None for c in amounts):
        # 申报表: the total's row is blank and its parts follow — (一)财政拨款小计 6.30, (二)…
        first = next((c for c in header if c in amounts), L.FundColumn.ADJUSTED)
        row = {**row, first: sum((amount for _name, amount, _at in parts), Decimal(0))}
    funds = Funds(
        name=t.cells[total_at].text.rstrip(":："),
        initial_budget=row.get(L.FundColumn.INITIAL),
        adjusted_budget=row.get(L.FundColumn.ADJUSTED),
        executed=row.get(L.FundColumn.EXECUTED),
        provenance={"row": t.cells[total_at].location()},
        sources=_sources(t, total_at, header) or _part_sources(t, parts, header),
    )
    t.provenance["funds"] = t.cells[total_at].location()
    if L.FundColumn.RATE in header and not any(row.get(c) is not None for c in (*amounts, *_EXECUTION)):
        row = {**row, **_damaged_execution(t, total_at)}
    weight = row.get(L.FundColumn.WEIGHT) or _weight_in_header(t, total_at)
    return funds, row.get(L.FundColumn.RATE), weight, row.get(L.FundColumn.SCORE)


_EXECUTION = (L.FundColumn.RATE, L.FundColumn.WEIGHT, L.FundColumn.SCORE)
_AMOUNTS = (L.FundColumn.INITIAL, L.FundColumn.ADJUSTED, L.FundColumn.EXECUTED)
_RUN_CHARS = re.compile(r"^[\d.]+$")


def _damaged_execution(t: Table, total_at: int) -> dict[L.FundColumn, Decimal | None]:
    """A block whose amounts lost digits (``.32.06.5``, read as nothing): 执行率, 分值 and 得分 at
    the end of the first of its rows (the total's, else a source's, where a cell merged over the
    block's rows put them) whose figures' tail only one reading fits (``arithmetic.execution_tail``),
    and a doubt on the amounts, which stay empty."""
    stop = t.find(L.GOAL_EXPECTED | L.GOAL_ACTUAL | L.GOAL_OVERALL | L.LEVEL_HEADERS, total_at) or len(t.cells)
    rows = [total_at, *(i for i in range(total_at + 1, stop) if L.fund_source(t.cells[i].text))]
    for i in rows:
        run = _run_after(t, i)
        reading = arithmetic.execution_tail(run) if run else None
        if reading is None:
            continue
        t.doubts.append(
            Doubt(field="funds", reading=None, reason=messages.damaged_amounts(run), location=t.cells[i].location())
        )
        rate = reading["rate"] / 100
        return {L.FundColumn.RATE: rate, L.FundColumn.WEIGHT: reading["weight"], L.FundColumn.SCORE: reading["score"]}
    return {}


def _run_after(t: Table, at: int) -> str:
    """The figures after a fund label written together, lone points and all (``.`` | ``32.06.5``)."""
    parts = []
    for c in t.cells[at + 1 : at + 1 + t.settings.numbers_ahead]:
        if not _RUN_CHARS.match(c.text.strip()):
            break
        parts.append(c.text.strip())
    return "".join(parts)


def _fund_row_by_order(t: Table, total_at: int, header: list[L.FundColumn]) -> dict[L.FundColumn, Decimal | None]:
    """The total's figures in text, by their order under the header (a lone amount: none)."""
    values = t.numbers_after(total_at, "funds")
    if fund_shapes.lone_amount(t, total_at, values, header, "funds"):
        return {}
    sink = t.doubt_sink("funds", t.cells[total_at])
    return assign_fund_row(values, header, sink, _weight_in_header(t, total_at), t.settings)


def _funds_framework(t: Table) -> tuple[Funds | None, Decimal | None, Decimal | None, Decimal | None] | None:
    """The 2013 framework's staged funds: 预算资金 … / 预算下达资金 … / 实际支出资金 …, each with its own number."""
    allocated_at = t.find(_staged_labels(StagedFund.ALLOCATED))
    if allocated_at is None:
        return None

    def first_number(stage: StagedFund) -> Decimal | None:
        at = t.find(_staged_labels(stage))
        if at is None:
            return None
        for c in t.cells[at + 1 : at + 1 + t.settings.staged_figure_cells]:
            if not _same_row(t, at, c) or c.key in L.STAGED_FUNDS:
                return None  # a stage left blank: the figure after it is the next line's (a source's 0.00)
            d = parse_decimal(c.text)
            if d is not None or t.refused(c, f"funds.{stage.value}", t.cells[at].text.rstrip(":：")):
                return d
        return None

    stages = {stage.value: first_number(stage) for stage in StagedFund}
    funds = Funds(**stages, provenance={"row": t.cells[allocated_at].location()}, sources=_staged_sources(t))
    return funds, None, None, None


def _same_row(t: Table, at: int, cell: Cell) -> bool:
    """Is ``cell`` on the row of the label at ``at``, as far as the source tells rows apart: a
    grid's row, or a line of text where the label shares its line with a cell beside it (not a
    page with one cell per line, where the figure follows on a line of its own)."""
    label = t.cells[at]
    if label.row is not None and cell.row is not None:
        return (label.row, label.sheet, label.page) == (cell.row, cell.sheet, cell.page)
    if label.line is None or cell.line is None:
        return True
    beside = [t.cells[k].line for k in (at - 1, at + 1) if 0 <= k < len(t.cells)]
    return label.line not in beside or label.line == cell.line


def _staged_sources(t: Table) -> list[FundLine]:
    """Sources under staged funds written column by column, each source's name once per stage
    (其中:中央财政 | 中央财政 | …, 省财政 170 | 省财政 170 | …): one line per source, its figure in
    each stage, in the order the stages' labels stand."""
    found = sorted((at, s) for s in StagedFund if (at := t.find(_staged_labels(s))) is not None)
    order = [s for _at, s in found]
    groups: list[tuple[str, list[Decimal | None], int]] = []
    i = found[-1][0] + 1 if found else len(t.cells)
    while i < len(t.cells):
        name = L.fund_source(t.cells[i].text)
        figure = parse_decimal(t.cells[i + 1].text) if name and i + 1 < len(t.cells) else None
        if name is None:
            if groups or parse_decimal(t.cells[i].text) is None:
                break  # the stages' own figures come before the first source
            i += 1
            continue
        if groups and groups[-1][0] == name and len(groups[-1][1]) < len(order):
            groups[-1][1].append(figure)
        else:
            groups.append((name, [figure], i))
        i += 2 if figure is not None else 1
    out = []
    for n, figs, at in groups:
        if len(figs) == len(order) and any(f is not None for f in figs):
            stages = {s.value: f for s, f in zip(order, figs, strict=True)}
            out.append(FundLine.model_validate({"name": n, **stages, "provenance": {"row": t.cells[at].location()}}))
    return out


def _staged_labels(stage: StagedFund) -> set[str]:
    """The layouts' labels of one stage of staged funds."""
    return {label for label, s in L.STAGED_FUNDS.items() if s is stage}


def _funds_by_labels(t: Table) -> tuple[Funds | None, Decimal | None, Decimal | None, Decimal | None]:
    """区域绩效 forms: ``预算数: 2.38 执行数: 2.38 20`` — each amount behind its own label,
    the block's score after them; 四川 专项 forms: ``年度金额(提前下达): 208万元`` beside
    ``资金使用情况(万元)合计: 109.8万元``, then each source twice (amount, then use)."""
    stop = _labels_stop(t)
    budget_at = t.find(L.BUDGET_LABELS, 0, stop)
    executed_at = t.find(L.EXECUTED_LABELS, 0, stop)
    if budget_at is None:
        return None, None, None, None
    budget = t.numbers_after(budget_at, "funds.adjusted_budget")[:1]
    after = t.numbers_after(executed_at, "funds.executed") if executed_at is not None else [None]  # budget alone
    if not budget or not after:
        return None, None, None, None
    funds = Funds(
        adjusted_budget=parse_decimal(budget[0] or ""),
        executed=parse_decimal(after[0] or ""),
        provenance={"row": t.cells[budget_at].location()},
        sources=_paired_sources(t, min(budget_at, executed_at), stop)
        if executed_at is not None
        else _budget_sources(t, budget_at, stop),
    )
    score = parse_decimal(after[1] or "") if len(after) > 1 else None
    return funds, None, None, score


def _paired_sources(t: Table, start: int, stop: int) -> list[FundLine]:
    """Sources named twice in a two-column block: the first figure is the budget, the second the use."""
    lines: dict[str, FundLine] = {}
    for i in range(start, stop):
        name = L.fund_source(t.cells[i].text)
        figures = t.numbers_after(i)[:1] if name else []
        if name is None or not figures or figures[0] is None:
            continue
        amount = parse_decimal(figures[0])
        line = lines.get(name)
        if line is None:
            lines[name] = FundLine(name=name, adjusted_budget=amount, provenance={"row": t.cells[i].location()})
        elif line.executed is None:
            lines[name] = line.model_copy(update={"executed": amount})
    return list(lines.values())


def _budget_sources(t: Table, budget_at: int, stop: int) -> list[FundLine]:
    """The sources under a budget stated alone, up to the next budget label (a programme's own
    block of the same sources): each line's budget, no use."""
    nxt = t.find(L.BUDGET_LABELS, budget_at + 1, stop)
    lines: dict[str, FundLine] = {}
    for i in range(budget_at + 1, nxt if nxt is not None else stop):
        name = L.fund_source(t.cells[i].text)
        figures = t.numbers_after(i)[:1] if name else []
        if name is not None and figures and figures[0] is not None and name not in lines:
            amount = parse_decimal(figures[0])
            lines[name] = FundLine(name=name, adjusted_budget=amount, provenance={"row": t.cells[i].location()})
    return list(lines.values())


def _fund_row_by_column(t: Table, at: int, path: str) -> dict[L.FundColumn, Decimal | None] | None:
    """On a grid, each figure of a fund row sits under its header: match by column (a number the
    value parser refuses is a doubt on ``path``'s figure, naming the cell)."""
    if t.cells[at].row is None:
        return None
    under: dict[int, L.FundColumn] = {}
    for head, heads in header_cells(t, at):
        if head.column is not None and head.row != t.cells[at].row:
            under.setdefault(head.column, heads)
    if len(under) < 3:
        return None
    out: dict[L.FundColumn, Decimal | None] = {}
    for c in cells_of_row(t.cells, at, t.settings.row_cells_ahead):
        col = under.get(c.column or -1)
        if col is not None and not is_dash(c.text):
            out[col] = parse_decimal(c.text)
            if col in _AMOUNTS:
                out[col] = in_table_unit(t, c.text, out[col])
            t.refused(c, f"{path}.{col.value}", messages.FIGURE_NAMES.get(col.value, col.value))
    return out


def fund_column(k: str) -> L.FundColumn | None:
    """The funds column a header cell names: by its label, else by the word it starts with
    (得分(20分), 预算执行率(B/A))."""
    col: L.FundColumn | None = L.FUND_HEADERS.get(k)
    if col is None:
        col = next((c for word, c in L.FUND_HEADER_PREFIXES.items() if k.startswith(word)), None)
    return col


def _fund_header(t: Table, total_at: int) -> list[L.FundColumn]:
    cols: list[L.FundColumn] = []
    for _c, col in header_cells(t, total_at):
        if col not in cols:
            cols.append(col)
    return cols


def header_cells(t: Table, at: int) -> list[tuple[Cell, L.FundColumn]]:
    """The funds header's cells before the fund row at ``at``, each with its column: by label, else
    (on the line or row of two cells read by label, not the first on it) by the words it holds (年初
    预算 → 年初, 实际支出 → 支出: every label set is open), the first column not yet taken."""
    found = t.fund_headers.get(at)
    if found is None:
        found = t.fund_headers[at] = _header_cells(t, at)
    return found


def _header_cells(t: Table, at: int) -> list[tuple[Cell, L.FundColumn]]:
    window = t.cells[max(0, at - t.settings.header_back_cells) : at]
    known = [(c, col) for c in window if (col := fund_column(c.key)) is not None]
    by_label = {id(c): col for c, col in reversed(known)}  # (a cell twice in the window: its first)
    out: list[tuple[Cell, L.FundColumn]] = []
    for n, c in enumerate(window):
        col = by_label.get(id(c))
        # not first on its line: that cell labels the block's rows (预算执行情况（万元）), it heads no
        # column — asked only of a cell no label names, beside two that are (most cells are neither)
        if col is None and _beside_two(t, known, c) and n > 0 and _after_header_cell(t, window[n - 1], c, out):
            taken = {col for _k, col in known} | {col for _k, col in out}
            col = next((col for col in _word_columns(t, c.key) if col not in taken), None)
        if col is not None:
            out.append((c, col))
    return out


def _beside_two(t: Table, known: list[tuple[Cell, L.FundColumn]], c: Cell) -> bool:
    """Do at least two cells read by label stand in one header row with ``c``?"""
    beside = 0
    for k, _col in known:
        if t.header_together(k, c):
            beside += 1
            if beside == 2:
                return True
    return False


def _after_header_cell(t: Table, before: Cell, c: Cell, read: list[tuple[Cell, L.FundColumn]]) -> bool:
    """Does ``c`` follow another cell of the funds header: on its line — or, in text of one cell
    per line, right after the block's label or a header read (a value before it ends a field)."""
    if not t.lines_hold_one_cell or c.column is not None:
        return same_line(before, c)
    return L.known_label(before.text) or any(k is before for k, _col in read) or fund_column(before.key) is not None


def _word_columns(t: Table, k: str) -> list[L.FundColumn]:
    """The columns of the vocabulary words a short funds header without figures holds, in order."""
    if len(k) > t.settings.header_word_max_chars or any(map(str.isdigit, k)) or k in L.FUND_TOTAL:
        return []
    return [col for word, col in L.FUND_COLUMN_WORDS if word in k]


def _enumerated_parts(t: Table, total_at: int) -> list[tuple[str, Decimal, int]]:
    """The top-level parts listed under a blank total, ``(一)财政拨款小计 6.30``: name,
    amount and where, up to the goals or the indicator table."""
    stop = t.find(L.GOAL_EXPECTED | L.GOAL_ACTUAL | L.GOAL_OVERALL | L.LEVEL_HEADERS, total_at)
    out = []
    for i in range(total_at + 1, min(stop or len(t.cells), total_at + t.settings.parts_reach)):
        m = next((m for p in L.FUND_PARTS if (m := p.match(t.cells[i].key))), None)
        figures = t.numbers_after(i)[:1] if m else []
        if m and figures and figures[0] is not None:
            amount = parse_decimal(figures[0])
            if amount is not None:
                out.append((m.group(1), amount, i))
    return out


def _part_sources(t: Table, parts: list[tuple[str, Decimal, int]], header: list[L.FundColumn]) -> list[FundLine]:
    column = next((c for c in header if c in (L.FundColumn.INITIAL, L.FundColumn.ADJUSTED)), None)
    field_name = "initial_budget" if column is L.FundColumn.INITIAL else "adjusted_budget"
    return [
        FundLine.model_validate({"name": name, field_name: amount, "provenance": {"row": t.cells[at].location()}})
        for name, amount, at in parts
    ]


def _weight_in_header(t: Table, total_at: int) -> Decimal | None:
    """The execution line's points written in its header: ``得分(10分*执行率)``, or a lone
    ``(20分)`` after ``预算执行情况`` (read through the label's reading, traditional too)."""
    window = t.cells[max(0, total_at - t.settings.header_back_cells) : total_at]
    points: re.Pattern[str] | None = L.FUNDS_POINTS
    for k, c in enumerate(window):
        m = points.search(c.text) if points is not None else None
        context = (L.key(window[k - 1].text) if k else "") + L.key(c.text) + c.text
        if m and any(w in context for w in L.POINTS_WORDS):
            return Decimal(m.group(1))
    return None


def _sources(t: Table, total_at: int, header: list[L.FundColumn]) -> list[FundLine]:
    amounts = [c for c in header if c in (L.FundColumn.INITIAL, L.FundColumn.ADJUSTED, L.FundColumn.EXECUTED)]
    out: list[FundLine] = []
    stop = t.find(L.GOAL_EXPECTED | L.GOAL_ACTUAL | L.GOAL_OVERALL | L.LEVEL_HEADERS, total_at) or len(t.cells)
    for i in range(total_at + 1, stop):
        name = L.fund_source(t.cells[i].text)
        if name is None:
            continue
        path = f"funds.sources[{len(out)}]"
        row = _fund_row_by_column(t, i, path) or assign_fund_row(
            t.numbers_after(i, path), header, t.doubt_sink(path, t.cells[i]), settings=t.settings
        )
        if not any(row.get(c) is not None for c in amounts):
            out.append(FundLine(name=name, provenance={"row": t.cells[i].location()}))
            continue
        out.append(
            FundLine(
                name=name,
                initial_budget=row.get(L.FundColumn.INITIAL),
                adjusted_budget=row.get(L.FundColumn.ADJUSTED),
                executed=row.get(L.FundColumn.EXECUTED),
                provenance={"row": t.cells[i].location()},
            )
        )
    return out


def _labels_stop(t: Table) -> int:
    """Where label/value funds are looked for: up to the indicator header, or through the whole
    table when that header has no figure column (a checklist lists its funds among its rows)."""
    at = t.indicator_header()
    if at is None:
        return len(t.cells)
    found = indicator_columns(t)
    checklist = found is not None and bool(found[1]) and not VALUE_COLUMNS & set(found[1])
    return len(t.cells) if checklist else at
