"""Rows whose cells ran together: a table's text with nothing between its cells.

A web page or a copy that drops the grid keeps each row on its line but runs the cells together
(``项目名称某项目``, ``主管部门某局实施单位某中心``, ``年度资金总额300.00300.00296.261098.75%9.88``,
``产出指标数量指标维修公里数=20公里20公里55``).  The labels are known (the layouts' label sets
and the vocabulary's 一级 / 二级 names): they are cut off where a row starts, and in a header row
where the next field starts.  What is left of an indicator row is cut into its columns by what
values look like and by the row's own arithmetic (``arithmetic.indicator_row_readings``); a run of
figures after a fund label is left whole for the fund row's arithmetic; a cut that two readings
fit equally is not made — the value is left out rather than guessed.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache

from jixiao.ingest import arithmetic
from jixiao.ingest import labels as L
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.model.vocabulary import LazyPattern, declared_points, vocabulary, without_points

DASH = "—"
"""Stands for a cell the run shows to be empty (the form's own "no value" mark)."""


def clear_caches() -> None:
    """Forget which texts are labels (the active layouts changed)."""
    is_label.cache_clear()
    _runs_on.cache_clear()
    _opening_label_end.cache_clear()


@lru_cache(maxsize=32_768)
def is_label(text: str) -> bool:
    """A whole label of the form (not one that only begins like one: a label prefix, ``项目资金``, runs
    on into the next header cell in ``项目资金(万元)年初预算数``).  Remembered per text: every text
    is asked it of each piece its lines open with (``label_at``), and a batch's tables open their
    lines alike."""
    k = L.key(text)
    if any(k.startswith(p) and k != p for p in L.LABEL_PREFIXES) and not k.endswith(")"):
        return False
    return L.known_label(text) or L.is_level1(text) or L.is_level2(text) or k in L.SECTION_HEADINGS


def _bare_level1(text: str) -> bool:
    """A 一级 name without 指标 or its points (``项目完成``): at a row's start it may as well open
    the row's own name (``项目完成时间``), so it is a label only when another level follows."""
    k = L.key(text)
    return L.is_level1(text) and not L.is_level2(text) and not k.endswith(L.LEVEL_ENDINGS) and k == text.strip()


def _bare_after_full(before: str, text: str) -> bool:
    """The word of the level label just read, written again bare (成本指标 | 成本…): no level
    stands under itself, so the bare word opens the row's name (成本控制率)."""
    full = without_points(L.key(before))
    bare = without_points(L.key(text))
    return full.endswith(L.LEVEL_ENDINGS) and full.startswith(bare) and len(bare) < len(full)


def _is_field(text: str) -> bool:
    k = L.key(text)
    return k in L.PROJECT_NAME or k in L.DEPARTMENT or k in L.IMPLEMENTING_UNIT or k in L.PROJECT_ATTRIBUTE


def label_at(line: str, at: int, settings: Settings = DEFAULT, test: Callable[[str], bool] = is_label) -> int:
    """The end of the longest label starting at ``at`` (``at`` itself when none does).  Of the
    settings only ``glued_label_max_chars`` is read (``_opening_label_end`` remembers by it)."""
    top = min(len(line), at + settings.glued_label_max_chars)
    for end in range(top, at + 1, -1):
        last = line[end - 1]
        if not (last.isspace() or last.isdigit()) and test(line[at:end]):
            return end  # a label never ends in a figure: 满意度指标1995年… is a label and a name
    return at


def leading_labels(line: str, settings: Settings = DEFAULT) -> tuple[list[str], int]:
    """The labels a line starts with, one after another, and where the rest begins.  Of the
    settings only ``glued_label_max_chars`` is read (``_runs_on`` remembers answers by it)."""
    out: list[str] = []
    at = 0
    while at < len(line):
        while at < len(line) and line[at].isspace():
            at += 1
        end = label_at(line, at, settings)
        if not out and (marker := _points_marker(line, at, settings)) > at:
            end = marker  # a bare (50分) opening a row: the 一级 written as its points alone
        if end == at and (not out or L.is_level1(out[-1])):
            end = _points_heading(line, at)  # a heading with its points opening a row is a 二级
        if end == at:
            break
        if _bare_level1(line[at:end]) and label_at(line, end, settings) == end:
            break
        if out and _bare_after_full(out[-1], line[at:end]):
            break  # 成本指标 | 成本控制率: a level's word without 指标 after a label with it opens the name
        out.append(line[at:end].strip())
        at = end
        if L.is_level2(out[-1]) and not L.is_level1(out[-1]):
            break  # after a 二级 comes the row's name (经济成本指标 | 成本控制数…)
        if L.is_level2(out[-1]) and sum(1 for f in out if L.is_level1(f) or L.is_level2(f)) >= 2:
            break  # after a 一级 and a 二级 too (满意度指标 | 服务对象满意度指标 | 满意度(%)…)
    return out, at


def _points_marker(line: str, at: int, settings: Settings) -> int:
    """The end of a bare points marker (``(50分)``, ``（30分）``) at ``at`` that a label follows, or
    ``at``: a 一级 whose name the page lost, its points alone, run into the 二级 after it."""
    m = _POINTS_MARKER.match(line, at)
    if m is None or declared_points(m.group()) is None or label_at(line, m.end(), settings) == m.end():
        return at
    return m.end()


_POINTS_MARKER = LazyPattern(lambda: re.compile(vocabulary().points.bracketed))
"""Points in brackets as the shared vocabulary writes them."""


def _points_heading(line: str, at: int) -> int:
    """The end of a heading that states its points (预算配置(15分)) starting at ``at``, or ``at``."""
    m = _POINTS_HEADING.match(line, at)
    if m is None or m.end() >= len(line.rstrip()) or declared_points(m.group()) is None:
        return at  # (a line that is the heading alone is read as it is)
    return m.end()


_POINTS_HEADING = LazyPattern(lambda: re.compile(rf"[\u4e00-\u9fff]{{2,8}}(?:{vocabulary().points.bracketed})"))
"""A short heading and the points it states in brackets (as the shared vocabulary writes them)."""


def _sample(lines: list[str], settings: Settings) -> list[str]:
    """The filled lines, trimmed, whose openings tell rows run together (``glued_rows_sample``)."""
    return [ln.strip() for ln in lines if ln.strip()][: settings.glued_rows_sample]


def separated(lines: list[str], settings: Settings = DEFAULT) -> bool:
    """Does a line of the sample separate its cells by a tab or a pipe?  Then the rows are not run
    together (``is_glued_rows``), whatever else the lines look like: asked before the tests that
    read every line's opening labels, it spares them to text written with tabs."""
    return any("\t" in ln or "|" in ln for ln in _sample(lines, settings))


def is_glued_rows(lines: list[str], settings: Settings = DEFAULT) -> bool:
    """Is this a table whose rows kept their lines but lost the gaps between cells?  Many lines
    open with a label and run straight on into more (``项目名称某项目``), none separated."""
    filled = _sample(lines, settings)
    if not filled or any("\t" in ln or "|" in ln for ln in filled):
        return False

    def enough(count: int) -> bool:
        return count >= settings.glued_rows_min_lines and count / len(filled) >= settings.glued_rows_share

    # the lines are read until the answer is settled: enough lines run on already, or too few are
    # left for enough of them to (the answer is the one all the lines give, as ``enough`` only grows)
    run_on = 0
    for done, ln in enumerate(filled):
        if enough(run_on) or not enough(run_on + len(filled) - done):
            break
        run_on += _runs_on(ln, settings.glued_label_max_chars)
    return enough(run_on)


@lru_cache(maxsize=16_384)
def _runs_on(line: str, label_max_chars: int) -> bool:
    """Does a line open with a label that runs on into more (``项目名称某项目``, or two labels)?
    Remembered per line and longest label (the one setting ``leading_labels`` reads): a batch's
    tables repeat most of their lines (labels, 一级 / 二级, targets such as ``≥95%``), and the
    labels a line opens with cost a look-up for every length a label may have."""
    found, rest = leading_labels(line, _label_settings(label_max_chars))
    return bool(found and rest < len(line)) or len(found) > 1


@lru_cache(maxsize=16_384)
def _opening_label_end(line: str, label_max_chars: int) -> int:
    """The end of the label a line opens with (``label_at``), remembered per line as ``_runs_on``."""
    return label_at(line, 0, _label_settings(label_max_chars))


@lru_cache(maxsize=8)
def _label_settings(label_max_chars: int) -> Settings:
    return replace(DEFAULT, glued_label_max_chars=label_max_chars)


def runs_on_directly(lines: list[str], settings: Settings = DEFAULT) -> bool:
    """Do the lines that open with a label run straight on into the next cell, with no space
    between (``项目名称某项目``, not ``项目名称 某项目``)?  A page whose cells kept spaces inside them
    (``实际 完成值``, ``2384 册``) is still run together where its labels run on so: at least
    ``glued_run_on_share`` of such lines, and ``glued_rows_min_lines`` of them."""
    direct = spaced = 0
    for ln in (ln.strip() for ln in lines[: settings.glued_rows_sample]):
        end = _opening_label_end(ln, settings.glued_label_max_chars) if ln else 0
        if 0 < end < len(ln):
            direct += not ln[end].isspace()
            spaced += ln[end].isspace()
    total = direct + spaced
    return direct >= settings.glued_rows_min_lines and direct >= settings.glued_run_on_share * total


@dataclass
class _Row:
    """An indicator row as cut: its cells (labels first), where its name is, its text, the columns
    it was cut by, every reading of it and the cut they agree on."""

    cells: list[str]
    at: int
    rest: str
    columns: list[L.Column]
    readings: list[arithmetic.Reading]
    cut: arithmetic.RowCut | None
    header: int = 0
    """The indicator header the row stands under (its count)."""
    groups: tuple[int, ...] = ()
    """The 一级 and 二级 the row stands under (counts: a new label opens the next group)."""
    shaped: bool = False
    """Its cut was taken by the shape of the table's other rows, not by its own readings."""


@dataclass
class _State:
    """What the rows before have shown: the indicator columns, the rows read, where we are."""

    columns: list[L.Column] = field(default_factory=list)
    in_indicators: bool = False
    rows: list[_Row] = field(default_factory=list)
    group: int = 0
    header: int = 0
    """Indicator headers met so far (the rows after one are one table)."""
    open_groups: dict[int, int] = field(default_factory=dict)
    """The group of each level (1, 2) the rows now stand under."""
    points: dict[int, Decimal] = field(default_factory=dict)
    """The points a 一级 or 二级 states (效益指标(30分), a bare (30分), 预算执行(15分)), by group."""
    refused_total: tuple[list[str], str] | None = None
    """The 总分 row's cells and its run, where no weight-then-score reading of the run was taken."""
    execution_score: Decimal | None = None
    """The figure after the execution rate at the end of the fund total's run (``…100%20``)."""
    fund_figures: bool = False
    """The fund total's row holds figures (an execution line that may add to the 总分)."""
    fund_run: str = ""
    """The fund total's figures as run together (``202010100%10``)."""
    fund_header: list[L.FundColumn] = field(default_factory=list)
    """The fund block's header columns (年初预算数 … 得分), as its header line names them."""


def unglue_lines(lines: list[str], settings: Settings = DEFAULT) -> list[list[str]]:
    """Each line's cells (an empty list for a blank line)."""
    state = _State()
    out = [unglue_row(ln.strip(), state, settings) if ln.strip() else [] for ln in lines]
    tables: dict[tuple[L.Column, ...], list[_Row]] = {}
    for row in state.rows:
        tables.setdefault(tuple(row.columns), []).append(row)
    for rows in tables.values():
        settle_table(rows, settings, state.points)
    if state.refused_total is not None and len(tables) == 1:
        settle_total(state.refused_total, state.rows, state.execution_score, settings)
        settle_in_proportion(state.refused_total, state.rows, state.execution_score, settings)
        settle_total_by_weights(state.refused_total, state.rows, state.fund_run, settings)
        execution = _execution_figures(state) if state.fund_figures else None
        if not state.fund_figures or execution:
            settle_by_sum(state.refused_total[1], state.rows, settings, execution)
    return out


def settle_table(rows: list[_Row], settings: Settings = DEFAULT, points: dict[int, Decimal] | None = None) -> None:
    """A table's rows read again by what its clearly read rows show: a row the readings left in
    doubt takes the reading that fills the cells they fill (``shape``); then the rows under a level
    that states its points, by those points (``points``: by group, ``settle_by_points``); then rows
    read as a name alone, where nearly all rows have a target (``glued_untargeted_share``), are
    left unsure — the target is in the name, run together beyond telling (``…有效促进1010``)."""
    for header in {r.header for r in rows}:
        unsettle_overweight([r for r in rows if r.header == header], settings)
    settle_by_shape(rows, settings)
    for group, stated in sorted((points or {}).items(), reverse=True):  # a 二级's rows before its 一级's
        settle_by_points([r for r in rows if group in r.groups], stated, settings)
    if points:
        settle_by_shape(rows, settings)  # the rows the points settled show the table's shape
    named = [r for r in rows if r.cut is not None and r.cut.name is not None]
    alone = [r for r in named if not _targeted(r)]
    if alone and len(alone) <= settings.glued_untargeted_share * len(named):
        for r in alone:  # (the whole run stands in the name: no value cell keeps a part of it)
            r.cells[r.at :] = [Unsure(r.rest), *[DASH if isinstance(c, Unsure) else c for c in r.cells[r.at + 1 :]]]


def settle_by_shape(rows: list[_Row], settings: Settings = DEFAULT) -> None:
    """Each row the readings left in doubt takes the reading that fills the cells the table's
    clearly read rows fill (``_shape``), where enough of them fill alike."""
    shape = _shape(rows, settings)
    for row in rows:
        if shape is not None and row.readings and (row.cut is None or not row.cut.clear):
            row.cut = arithmetic.settle_row(row.readings, row.columns, shape=shape)
            row.cells[row.at :] = _cut_cells(row.cut, row.rest)
            row.shaped = True


def unsettle_overweight(rows: list[_Row], settings: Settings = DEFAULT) -> None:
    """Rows of one table whose 分值 as cut add up to more than a table's points (``weight_max``):
    some figures were cut wrong (``≥90%9310`` read as 分值 93, 得分 10 where the actual is 93).
    Each row keeps only the cells its readings within ``glued_overweight_margin`` of the best
    agree on — the rest is left empty, not guessed."""
    weights = [_cut_weight(r) for r in rows]
    if sum(weights, Decimal(0)) <= settings.weight_max:
        return
    for row, weight in zip(rows, weights, strict=True):
        if weight > 0 and row.readings:
            row.cut = arithmetic.settle_row(row.readings, row.columns, settings.glued_overweight_margin)
            row.cut = replace(row.cut, clear=False) if row.cut is not None else None
            row.cells[row.at :] = _cut_cells(row.cut, row.rest)


def _cut_weight(row: _Row) -> Decimal:
    if row.cut is None:
        return Decimal(0)
    return _weight(dict(zip(arithmetic.column_names(row.columns), row.cut.values, strict=False)))


def settle_by_points(rows: list[_Row], points: Decimal, settings: Settings = DEFAULT) -> None:
    """The rows under a 一级 that states its points (``(30分)``): their 分值 add up to those points.
    A row the readings left in doubt takes, of its best readings, the one every combination of
    the rows' readings adding up so agrees on (``…河道清淤1010``: 分值 10 and 得分 10, not a target
    10 and an actual 10, where the other rows' 10 and 10 leave 10 to make 30)."""
    options = [_weight_options(r, settings) for r in rows]
    if not rows or any(not o for o in options) or all(len(o) == 1 for o in options):
        return
    count = 1
    for o in options:
        count *= len(o)
    if count > settings.glued_readings_max:
        return
    fitting = [c for c in itertools.product(*options) if sum(_weight(x) for x in c) == points]
    if not fitting:
        settle_by_rest(rows, points, settings)
        return
    for k, row in enumerate(rows):
        seen = {id(c[k]) for c in fitting}
        if fitting and len(options[k]) > 1 and len(seen) == 1:
            row.cut = arithmetic.settle_row([(0, fitting[0][k])], row.columns)
            row.cells[row.at :] = _cut_cells(row.cut, row.rest)


def settle_by_rest(rows: list[_Row], points: Decimal, settings: Settings = DEFAULT) -> None:
    """Rows under stated points that no combination of their readings adds up to, all read
    clearly but a few (at most ``glued_rest_rows_max``, a row settled by the table's shape alone
    counted among them): their 分值 are what the points leave, cut off the figures that end them
    where one cut alone adds up so (``…惠及人民1520`` under 效益指标(40分) beside rows of 5 and 20:
    分值 15, 得分 20, though the score is above the weight — as written; ``…办理及时15`` and
    ``…长期保障20`` beside a row of 5: 分值 15 and 20, no 得分).  Their names and targets stay
    unsure (no reading placed them)."""
    doubtful = [r for r in rows if r.cut is None or not r.cut.clear or r.shaped]
    if not doubtful or len(doubtful) > settings.glued_rest_rows_max:
        return
    rest = points - sum((_cut_weight(r) for r in rows if r not in doubtful), Decimal(0))
    options = [arithmetic.weight_splits(r.rest) for r in doubtful]
    fits = [c for c in itertools.product(*options) if sum((Decimal(w) for w, _s in c), Decimal(0)) == rest]
    if len(fits) != 1:
        return
    for row, (weight, score) in zip(doubtful, fits[0], strict=True):
        values = {"weight": weight, "score": score}
        row.cut = arithmetic.RowCut(None, [values.get(c) for c in arithmetic.column_names(row.columns)])
        row.cells[row.at :] = _cut_cells(row.cut, row.rest)


def _weight_options(row: _Row, settings: Settings) -> list[dict[str, str | None]]:
    """A row's readings as the points may settle them: its one clear cut, or its best readings
    (within ``glued_points_margin`` of the best) that differ in their 分值."""
    if row.cut is not None and row.cut.clear:
        values = dict(zip(arithmetic.column_names(row.columns), row.cut.values, strict=False))
        return [values]
    if not row.readings:
        return []
    best = max(score for score, _ in row.readings)
    top = [cells for score, cells in row.readings if score >= best - settings.glued_points_margin]
    return [c for k, c in enumerate(top) if c not in top[:k]]


def _weight(cells: dict[str, str | None]) -> Decimal:
    w = cells.get("weight")
    return Decimal(w) if w is not None else Decimal(0)


def _filled(row: _Row) -> frozenset[str] | None:
    cut = row.cut
    if cut is None or not cut.clear:
        return None
    return frozenset(str(c.value) for c, v in zip(row.columns, cut.values, strict=False) if v is not None)


def _shape(rows: list[_Row], settings: Settings) -> frozenset[str] | None:
    """The cells most clearly read rows fill, when at least ``glued_shape_min_rows`` do alike."""
    seen = Counter(f for f in map(_filled, rows) if f is not None)
    if not seen:
        return None
    shape, count = seen.most_common(1)[0]
    return shape if count >= settings.glued_shape_min_rows else None


def _targeted(row: _Row) -> bool:
    values = dict(zip(row.columns, row.cut.values if row.cut else [], strict=False))
    return any(values.get(c) is not None for c in (L.Column.TARGET, L.Column.ACTUAL))


def unglue_row(line: str, state: _State, settings: Settings = DEFAULT) -> list[str]:
    """One line's cells, by the labels it starts with and what the rows before have shown."""
    found, at = leading_labels(line, settings)
    rest = line[at:].strip()
    keys = [L.key(f) for f in found]
    if any(k in L.LEVEL_HEADERS for k in keys):
        state.columns = _columns(keys)
        state.in_indicators = True
        state.header += 1
        return found + ([rest] if rest else [])
    if any(k in L.TOTAL for k in keys):
        state.in_indicators = False
        cells = found + _total(rest)
        run = rest[: len(rest) - len(rest.lstrip("0123456789."))]
        if len(cells) == len(found) and run:
            state.refused_total = (cells, run)
        return cells
    if found and any(_is_field(f) for f in found):
        return found + _field_values(rest, settings)
    if found and (L.fund_source(found[-1]) or L.key(found[-1]) in L.FUND_TOTAL):
        if L.key(found[-1]) in L.FUND_TOTAL:
            state.fund_figures = state.fund_figures or any(map(str.isdigit, rest))
            state.fund_run = state.fund_run or rest
        if L.key(found[-1]) in L.FUND_TOTAL and (after := _AFTER_RATE.search(rest)):
            state.execution_score = Decimal(after.group(1))
        return found + _figures(rest)
    fund_columns = [c for c in (L.FUND_HEADERS.get(L.key(f)) for f in found) if c is not None]
    if len(fund_columns) >= _FUND_HEADER_MIN:
        state.fund_header = fund_columns
    levels = found and all(L.is_level1(f) or L.is_level2(f) or declared_points(f) is not None for f in found)
    if levels and rest and not state.columns:  # rows with no header above them (a page's second half)
        state.columns, state.in_indicators = headerless_columns(), True
    if state.in_indicators and (levels or not found) and rest:
        _open_groups(found, state)
        row = _indicator_row(found, rest, state, settings)
        row.groups = tuple(state.open_groups.values())
        row.header = state.header
        state.rows.append(row)
        return row.cells
    return found + ([rest] if rest else [])


_AFTER_RATE = re.compile(r"%(\d+(?:\.\d+)?)$")
"""The execution score after the execution rate, where the fund total's run ends with it."""


def settle_total(total: tuple[list[str], str], rows: list[_Row], execution: Decimal | None,
                 settings: Settings = DEFAULT) -> None:  # fmt: skip
    """A 总分 run whose score is larger than the weight before it (``2079.6``: 20 then 79.6), read
    where the table's arithmetic confirms it: the score is the execution score and the rows' scores
    added up, each row whose lone figure could be its 分值 or its 得分 (``100%100%10``) read as a
    得分 — and only where one cut of the run alone adds up so.  Else the total stays unread."""
    cells, run = total
    lone = [_lone_figure(r, settings) for r in rows]
    if execution is None or not rows or any(f is None for f in lone):
        return
    scores = [_cut_score(r) if f == "" else Decimal(f) for r, f in zip(rows, lone, strict=True) if f is not None]
    stated = execution + sum(scores, Decimal(0))
    if stated <= 0:
        return
    most = settings.weight_max
    fits = [(w, sc) for w, sc in arithmetic.cuts(run, 2) if Decimal(sc) == stated <= most and Decimal(w) <= most]
    if len(fits) != 1:
        return
    cells += list(fits[0])
    for row, figure in zip(rows, lone, strict=True):
        if figure:
            reading = next(c for _, c in row.readings if c.get("score") == figure and c.get("weight") is None
                           and _agrees(row, c))  # fmt: skip
            row.cut = arithmetic.settle_row([(0, reading)], row.columns)
            row.cells[row.at :] = _cut_cells(row.cut, row.rest)


def settle_in_proportion(total: tuple[list[str], str], rows: list[_Row], execution: Decimal | None,
                         settings: Settings = DEFAULT) -> None:  # fmt: skip
    """Rows that state no 分值, each a name and a bare run of figures (``…主体 (个)1568.0``: 15 | 6 |
    8.0, or 1 | 56 | 8.0 …), under a 总分 run no weight-then-score reading took (``2071.7``): read
    where one choice of cuts holds the table's arithmetic — each row's 得分 in proportion to its
    target and actual for a whole weight it does not state (8.0 = 20 × 6 ÷ 15), the execution
    score and the rows' scores adding up to the total's score, and the weights implied adding up
    with the total's 分值 (the execution weight: no row states one) to the full marks.  Each row
    takes the cut all such choices agree on, the total its figures where they agree; none where
    no choice holds."""
    cells, run = total
    if execution is None or not rows or _total_read(cells):
        return
    options = [_proportion_options(r, settings) for r in rows]
    if any(o is None for o in options):
        return
    most = settings.weight_max
    found: list[tuple[tuple[str, str], tuple[arithmetic.Proportioned, ...]]] = []
    for weight, score in arithmetic.cuts(run, 2):
        w, sc = Decimal(weight), Decimal(score)
        if not (0 < w < most and execution < sc <= most):
            continue
        fits = arithmetic.proportioned_fits([o or [] for o in options], sc - execution, int(most - w),
                                            settings.glued_readings_max)  # fmt: skip
        found += [((weight, score), combo) for combo in fits or []]
    if not found:
        return
    if len({t for t, _ in found}) == 1:
        cells += list(found[0][0])
    for k, row in enumerate(rows):
        seen = {combo[k][:3] for _, combo in found}
        if len(seen) == 1 and row.cut is not None and (got := seen.pop())[1]:
            target, actual, score = got
            reading = {"target": target, "actual": actual, "score": score}
            values = [reading.get(c) for c in arithmetic.column_names(row.columns)]
            row.cut = arithmetic.RowCut(row.cut.name, values)
            row.cells[row.at :] = _cut_cells(row.cut, row.rest)


def settle_total_by_weights(total: tuple[list[str], str], rows: list[_Row], fund_run: str,
                            settings: Settings = DEFAULT) -> None:  # fmt: skip
    """A 总分 run no weight-then-score reading took (``110100``: a 分值 above 100; ``7097.93``: a
    score above its 分值), read where its 分值 is the table's stated 分值 added up — the rows', each
    read clearly, and the execution line's, that weight confirmed by the fund total's run (its
    figures before the rate end in it and a rate, the score after the rate is it × the rate) or,
    with no fund figures, none.  Only where one cut of the run adds up so; its score is then as
    written (the review weighs it)."""
    cells, run = total
    if _total_read(cells) or not rows or any(r.cut is None or not r.cut.clear for r in rows):
        return
    stated = sum((_cut_weight(r) for r in rows), Decimal(0))
    fits = []
    for weight, score in arithmetic.cuts(run, 2):
        execution = Decimal(weight) - stated
        if Decimal(score) > settings.weight_max or execution < 0 or stated == 0:
            continue
        confirmed = arithmetic.execution_weight_confirmed(fund_run, execution) if execution > 0 else not fund_run
        if confirmed:
            fits.append((weight, score))
    if len(fits) == 1:
        cells += list(fits[0])


def filled_alone(values: dict[str, str | None], name: str) -> bool:
    """Is ``name`` the one cell of a reading filled?"""
    return all((v is not None) == (k == name) for k, v in values.items())


def _total_read(cells: list[str]) -> bool:
    return any(ch.isdigit() for c in cells for ch in c)


def _proportion_options(row: _Row, settings: Settings) -> list[arithmetic.Proportioned] | None:
    """A row's cuts in proportion (``arithmetic.proportioned_cuts``): of its bare run of figures
    after a name its readings agree on, where its cut holds no figure; its one cut where it was
    read clearly with a target, an actual and a score and no 分值; None for any other row."""
    cut = row.cut
    if cut is None or cut.name is None:
        return None
    values = dict(zip(arithmetic.column_names(row.columns), cut.values, strict=False))
    if values.get("weight") is not None:
        return None
    figures = row.rest.strip()[len(cut.name.strip()) :]
    if all(v is None for v in values.values()) and _BARE_RUN.fullmatch(figures):
        return arithmetic.proportioned_cuts(figures, settings.weight_max) or None
    target, actual, score = (values.get(k) for k in ("target", "actual", "score"))
    if target == figures and filled_alone(values, "target") and _BARE_RUN.fullmatch(figures):
        as_read: arithmetic.Proportioned = (target, "", "0", (0,))  # the target alone: no score, no weight
        return [*arithmetic.proportioned_cuts(figures, settings.weight_max), as_read]
    if not cut.clear or target is None or actual is None or score is None:
        return None
    if not all(_BARE_RUN.fullmatch(v) for v in (target, actual, score)):
        return None
    weights = arithmetic.implied_weights(target, actual, score, settings.weight_max)
    return [(target, actual, score, tuple(weights))] if weights else None


_BARE_RUN = re.compile(r"\d[\d.]*")


def settle_by_sum(
    run: str, rows: list[_Row], settings: Settings = DEFAULT, execution: dict[str, Decimal] | None = None
) -> None:
    """A 总分 of one figure (``总分60``) over rows whose figures run together: the figure is the rows'
    分值 added up, or their 得分 — with the execution line's where the table has one (``execution``:
    the figures its fund total states; a sum the line states no figure of is not tried, as the total
    adds up from what the table states: ``总分100`` over rows of 60 and 30 beside an execution weight
    of 10 and no execution score is their 分值).  The rows of
    a table fill their figure columns alike (分值 alone, 得分 alone, or both); for each way, each
    row's readings near its best (``glued_overweight_margin``) that fill so and that some choice of
    the other rows' readings adds up with are the ones it may have.  The cells all of those agree
    on, over every way that adds up, are taken (``…≥90%9310`` among rows of one figure each: the
    actual 93, with 分值 10 or 得分 10 — not 分值 93, which no sum of 60 holds) where they keep what
    the row's cut already holds, its name as it was; a row whose name holds its target is left so.
    The 分值 of all rows add up to at most ``weight_max``, whichever sum the total is.  Rows of one
    whole figure each that add up so as 分值, in a table stating no 得分 (its execution line none),
    are not read as 得分 alone as well: a table states its weights (an indicator list, a form not
    yet scored leaves 得分 blank), seldom its scores without them — and a figure with decimals (9.5)
    is a score, which no weight is written as."""
    if not arithmetic.cuts(run, 1) or not rows or any(not r.readings for r in rows):
        return
    near = [_near_best(r, settings.glued_overweight_margin) for r in rows]
    feasible: list[list[dict[str, str | None]]] = [[] for _ in rows]
    for filled in _FIGURE_FILLS:
        unscored = execution is None or "score" not in execution
        if filled == _SCORE_ALONE and unscored and all(any(_whole_weight_alone(c) for c in f) for f in feasible):
            continue  # every row adds up as a whole 分值 alone, and the table states no 得分
        for k, found in enumerate(_sum_feasible(run, near, filled, execution, settings)):
            feasible[k] += [c for c in found if c not in feasible[k]]
    for row, found in zip(rows, feasible, strict=True):
        cut = arithmetic.settle_row([(0, c) for c in found], row.columns, 0) if found else None
        if cut is not None and row.cut is not None and row.cut.name is None:
            cut = replace(cut, name=None)  # where the name ends the sum does not tell (…人数210010)
        if cut is not None and cut != row.cut and _keeps(row, cut) and not _name_doubted(row):
            row.cut = cut
            row.cells[row.at :] = _cut_cells(cut, row.rest)


_FUND_HEADER_MIN = 3
"""Fund header labels on one line (年初预算数, 全年执行数, 执行率 …) for it to be the fund block's header."""


def _execution_figures(state: _State) -> dict[str, Decimal] | None:
    """The execution line's 分值 and 得分 the fund total's run states, as it reads (none where the
    run does not read one way, a doubt, or no header says its columns)."""
    if not state.fund_header or not state.fund_run:
        return None
    from jixiao.ingest.sections.fund_row import assign_fund_row  # (the fund rows' reader reads cells: imported late)

    doubts: list[str] = []
    row = assign_fund_row([state.fund_run], state.fund_header, lambda run, _alternatives: doubts.append(run))
    if doubts:
        return None
    figures = {"weight": row.get(L.FundColumn.WEIGHT), "score": row.get(L.FundColumn.SCORE)}
    return {k: v for k, v in figures.items() if v is not None}


def _name_doubted(row: _Row) -> bool:
    """A row read as a name alone among rows with targets: its target is in its name (``settle_table``)."""
    return row.cut is not None and row.cut.name is not None and isinstance(row.cells[row.at], Unsure)


_WEIGHT_ALONE, _SCORE_ALONE = frozenset({"weight"}), frozenset({"score"})
_FIGURE_FILLS = (_WEIGHT_ALONE, _SCORE_ALONE, frozenset({"weight", "score"}))
"""The ways a table's rows fill their figure columns alike (分值 alone first)."""


def _whole_weight_alone(cells: dict[str, str | None]) -> bool:
    weight = cells.get("weight")
    return _figures_filled(cells) == _WEIGHT_ALONE and weight is not None and "." not in weight


def _sum_feasible(
    run: str,
    near: list[list[dict[str, str | None]]],
    filled: frozenset[str],
    execution: dict[str, Decimal] | None,
    settings: Settings,
) -> list[list[dict[str, str | None]]]:
    """For each row, its readings that fill ``filled`` and that some choice of the other rows'
    readings so filled adds up with to the 总分's figure (as their 分值 or their 得分, less the
    execution line's), the 分值 at most ``weight_max``."""
    options = [[c for c in opts if _figures_filled(c) == filled] for opts in near]
    out: list[list[dict[str, str | None]]] = [[] for _ in near]
    for name, other in (("weight", "score"), ("score", "weight")):
        if name not in filled or (execution is not None and name not in execution):
            continue
        figures = [[(_figure(c, name), _figure(c, other)) for c in o] for o in options]
        total = Decimal(run) - (execution or {}).get(name, Decimal(0))
        fits = arithmetic.fitting_options(figures, total, settings.weight_max, settings.glued_readings_max) or []
        for k, (opts, fit) in enumerate(zip(options, fits, strict=True)):
            out[k] += [c for c, ok in zip(opts, fit, strict=True) if ok and c not in out[k]]
    return out


def _figures_filled(cells: dict[str, str | None]) -> frozenset[str]:
    return frozenset(k for k in ("weight", "score") if cells.get(k) is not None)


def _near_best(row: _Row, margin: int) -> list[dict[str, str | None]]:
    """A row's distinct readings within ``margin`` of its best support."""
    best = max(score for score, _ in row.readings)
    near = [c for score, c in row.readings if score >= best - margin]
    return [c for k, c in enumerate(near) if c not in near[:k]]


def _figure(cells: dict[str, str | None], name: str) -> Decimal:
    v = cells.get(name)
    return Decimal(v) if v is not None else Decimal(0)


def _keeps(row: _Row, cut: arithmetic.RowCut) -> bool:
    """A new cut that holds every cell the row's cut holds, with the same value."""
    if row.cut is None:
        return True
    if row.cut.name is not None and cut.name != row.cut.name:
        return False
    return all(old is None or old == new for old, new in zip(row.cut.values, cut.values, strict=True))


def _cut_score(row: _Row) -> Decimal:
    if row.cut is None:
        return Decimal(0)
    score = dict(zip(arithmetic.column_names(row.columns), row.cut.values, strict=False)).get("score")
    return Decimal(score) if score is not None else Decimal(0)


def _agrees(row: _Row, cells: dict[str, str | None]) -> bool:
    """A reading that keeps every cell the row's cut agreed on."""
    if row.cut is None:
        return False
    cut = dict(zip(arithmetic.column_names(row.columns), row.cut.values, strict=False))
    return cells.get("name") == row.cut.name and all(cells.get(k) == v for k, v in cut.items() if v is not None)


def _lone_figure(row: _Row, settings: Settings) -> str | None:
    """``""`` for a row read clearly; for a row in doubt whose best readings (within
    ``glued_points_margin``) keep its cut and differ only in whether its one last figure is the
    分值 or the 得分, that figure; else None (the row cannot be added up)."""
    if row.cut is not None and row.cut.clear:
        return ""
    if not row.readings:
        return None
    best = max(score for score, _ in row.readings)
    top = [c for score, c in row.readings if score >= best - settings.glued_points_margin and _agrees(row, c)]
    weights = {c["weight"] for c in top if c.get("weight") is not None and c.get("score") is None}
    scores = {c["score"] for c in top if c.get("score") is not None and c.get("weight") is None}
    return next(iter(scores)) if len(scores) == 1 and scores == weights else None


def _open_groups(found: list[str], state: _State) -> None:
    """Each level label a row opens with opens the next group of its level (a 一级 closes the
    二级 group too); the points it states are kept.  成本指标 alone is a 二级."""
    for k, label in enumerate(found):
        first = L.is_level1(label) and (not L.is_level2(label) or len(found) > 1)
        level = 1 if k == 0 and first else 2
        state.group += 1
        if level == 1:
            state.open_groups.clear()
        state.open_groups[level] = state.group
        points = declared_points(label)
        if points is not None:
            state.points[state.group] = points


def headerless_columns() -> list[L.Column]:
    """The columns of indicator rows met before any header (the next page of a table whose header
    was on the page before): the first of the layouts' column orders a run can be cut by."""
    return next((list(o) for o in L.COLUMN_ORDERS if arithmetic.can_cut(o)), [])


def _columns(keys: list[str]) -> list[L.Column]:
    """The header's value columns after the name; 指标值 alone (no 指标性质 / 度量单位 beside it)
    is the target."""
    cols = [c for c in (L.INDICATOR_HEADERS.get(k) for k in keys) if c is not None]
    if L.Column.VALUE in cols and not {L.Column.NATURE, L.Column.UNIT} & set(cols):
        cols = [L.Column.TARGET if c is L.Column.VALUE else c for c in cols]
    return cols


def _field_values(rest: str, settings: Settings) -> list[str]:
    """A header row's values, cut where the next field's label starts (``某局实施单位某中心``)."""
    out: list[str] = []
    start = at = 0
    while at < min(len(rest), settings.glued_row_max_chars):
        end = label_at(rest, at, settings, _is_field) if at > start else at
        if end > at:
            out += [rest[start:at].strip(), rest[at:end].strip()]
            start = at = end
            continue
        at += 1
    out.append(rest[start:].strip())
    return [t for t in out if t]


def _figures(rest: str) -> list[str]:
    """A fund row's figures: the run stays whole (the fund row's arithmetic cuts it); the form's
    dashes for the execution columns of a source row are cells of their own."""
    run = rest.rstrip(DASH + "-/ ")
    dashes = [DASH] * sum(1 for ch in rest[len(run) :] if ch in DASH + "-/")
    return ([run] if run else []) + dashes


def _total(rest: str) -> list[str]:
    """The 总分 row: the weights' sum and the score run together (``10099.81``), a grade after."""
    grade = rest.lstrip("0123456789.")
    run = rest[: len(rest) - len(grade)]
    out: list[str] = []
    single = bool(arithmetic.cuts(run, 1)) and Decimal(run) <= 100 if run else False
    if run and not single:  # 100 alone may be one figure or 10 and 0: left out
        choice = arithmetic.weight_and_score(run)
        if choice.reading is not None and not choice.close:
            out += [str(choice.reading["weight"]), str(choice.reading["score"])]
    return out + ([grade.strip()] if grade.strip() else [])


class Unsure(str):
    """A cell holding two cells run together that could not be told apart (a name and the target
    written out after it): the reader leaves both empty and records a doubt."""


def target_start(text: str) -> int | None:
    """Where a written-out target that ends ``text`` begins (``…正常运行长期`` → at 长期), or None
    when the text ends in no word a target ends in.  The target is that word with at most one
    qualifying word before it (``…生活有保障有效保障`` → at 有效保障, ``…提升有所提升`` → at
    有所提升), or a time limit (``…时限一周内完成`` → at 一周内, layouts' time_limits); the same word
    twice is the name's last word and the target (``…能力提升提升``); a word that closes one of the
    layouts' name endings (否 in ``…建立与否``) is the name's own.
    Where another such word ends a few characters before, the target may begin there as well
    (``arithmetic.earlier_starts``)."""
    t = text.rstrip()
    word = _longest_end(t, L.QUALITATIVE)
    if word is None or "。" in t[: len(t) - len(word)].rstrip("。"):
        return None  # a sentence ends before the word: the values are sentences (…12处。全年共完成)
    if any(len(e) > len(word) and e.endswith(word) and t.endswith(e) for e in L.NAME_ENDINGS):
        return None  # the word closes the name (…建立与否): no target follows it
    start = len(t) - len(word)
    qualifier = _longest_end(t[:start], L.QUALIFIERS)
    if qualifier is not None and qualifier != word:
        start -= len(qualifier)
    limit = next((m for p in L.TIME_LIMITS if (m := p.search(t, 0, start)) is not None), None)
    return start if limit is None or limit.start() == 0 else limit.start()


def _longest_end(text: str, words: tuple[str, ...]) -> str | None:
    ends = [w for w in words if w and text.endswith(w)]
    return max(ends, key=len) if ends else None


def _indicator_row(found: list[str], rest: str, state: _State, settings: Settings) -> _Row:
    """An indicator row's cells after its 一级 / 二级, by the columns of the header; a cell the
    readings disagree on is the form's dash (empty); a row with no reading at all stays whole and
    unsure."""
    readings = []
    if len(rest) <= settings.glued_row_max_chars:  # longer: too long to weigh every cut (no row is)
        readings = arithmetic.indicator_readings(rest, state.columns, target_start)
    cut = arithmetic.settle_row(readings, state.columns) if readings else None
    return _Row(found + _cut_cells(cut, rest), len(found), rest, list(state.columns), readings, cut)


def _cut_cells(cut: arithmetic.RowCut | None, rest: str) -> list[str]:
    """A cut's cells; where the name is read and none of the figures after it, those figures
    stand unsure in the first value cell (left empty, with a doubt)."""
    if cut is None:
        return [Unsure(rest)]
    name = Unsure(rest) if cut.name is None else cut.name.strip()
    values = [DASH if v is None else v for v in cut.values]
    after = rest.strip()[len(cut.name.strip()) :] if cut.name is not None else ""
    if values and all(v is None for v in cut.values) and any(map(str.isdigit, after)):
        values[0] = Unsure(after)
    return [name, *values]
