"""The indicator table: its header's columns (two-row headers, split targets), then a walk over
its cells into rows up to the 总分 row."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest import labels as L
from jixiao.ingest import messages
from jixiao.ingest.cells import Cell, same_line
from jixiao.ingest.sections import centred, grid_fit, line_pieces, line_rows
from jixiao.ingest.sections.fitting import headerless_rows, past_titles, realign_over_points, scored_rows, walk_fit
from jixiao.ingest.sections.placed import by_place
from jixiao.ingest.sections.rows import RowWalk, keep_stated_level1
from jixiao.ingest.sections.totals import grade_after, total, total_after
from jixiao.ingest.sections.usual_rows import read_as_usual
from jixiao.ingest.shapes import PLAIN_NUMBER
from jixiao.ingest.table import Table
from jixiao.model.evaluation import Doubt, Indicator
from jixiao.model.vocabulary import dimension, dimension_of_level2, is_dash


def indicator_columns(t: Table) -> tuple[int, list[L.Column]] | None:
    at = t.indicator_header()
    if at is None:
        return _headerless_columns(t)
    cols: list[L.Column] = []
    # a two-row header may put 年度指标值 / 实际完成值 … before 一级指标 (四川 forms); on a grid
    # those cells share the header's row (分值 | 执行率 | 得分 on the row above are the funds')
    row = t.cells[at].row
    while at > 0 and (t.cells[at - 1].key in L.INDICATOR_HEADERS or t.cells[at - 1].key in L.SECTION_HEADINGS):
        if row is not None and t.cells[at - 1].row != row:
            break
        at -= 1
    i = at
    while i < len(t.cells):
        k = t.cells[i].key
        column = t.cells[i].column
        if k in L.LEVEL_HEADERS and column is not None:
            level = _level_heading(k)
            if level is not None:
                t.level_columns.setdefault(level, column)
        if k in L.LEVEL_HEADERS or k in L.SECTION_HEADINGS or L.is_subheader(k):
            i += 1
            continue
        col = L.INDICATOR_HEADERS.get(k)
        if col is None:
            col = _by_words(t, i, at, cols)
        if col is not None and column is not None:
            t.header_columns.setdefault(col, column)
        if col is None and cols and L.Column.SCORE not in cols and PLAIN_NUMBER.match(k):
            col = L.Column.SCORE  # 区域绩效 forms: the block's points stand over the 得分 column
        if col is None and _unknown_within(t, i, cols):
            col = L.Column.SKIP  # a header word no layout knows, between known ones: its column read past
            t.unknown_header = t.cells[i]
        if col is None:
            break
        if col not in cols:
            cols.append(col)
        i += 1
    return i, _order_columns(cols)


def _by_words(t: Table, i: int, at: int, cols: list[L.Column]) -> L.Column | None:
    """The column a header no layout names heads, by the first vocabulary word it holds (扣分情况
    说明 → the deviation note, which follows the figures; before them a 说明 explains the
    indicator) — or None.  Only a short cell without figures, on the line or row of the two
    header cells before it, with only headers after it on its line (a row's name is followed by
    its values), of a column the header has not yet."""
    cell = t.cells[i]
    if i - at < 2 or not all(t.header_together(cell, c) for c in t.cells[i - 2 : i]) or not _header_rest(t, i):
        return None
    words = _word_columns(t, cell.key)
    if {L.Column.TARGET, L.Column.ACTUAL} <= set(words):
        return None  # 计划完成值: the target or the actual, the words do not say
    taken = set(cols) | _named_later(t, i)
    figures = {L.Column.WEIGHT, L.Column.SCORE} & set(cols)
    for col in words:
        if col is L.Column.NOTE and not figures:
            col = L.Column.BASIS  # 指标说明 before the figures explains the indicator: read past, never a note
        if col not in taken:
            return col  # 自评分值 holds 分值 and 评分: the score where the 分值 column is already there
    return None


def _named_later(t: Table, i: int) -> set[L.Column]:
    """The columns the known headers after cell ``i`` on its line name (评分要点 before 得分 is
    not the score)."""
    out: set[L.Column] = set()
    for c in t.cells[i + 1 : i + 1 + t.settings.header_word_cells]:
        if not t.header_together(t.cells[i], c):
            break
        if (col := L.INDICATOR_HEADERS.get(c.key)) is not None:
            out.add(col)
    return out


def _word_columns(t: Table, k: str) -> list[L.Column]:
    """The columns of the vocabulary words a short header without figures holds, in the
    vocabulary's order ([] for a longer cell or one with figures); a generic word (指标值) only
    where no word of another column is there (实际指标值: the actual)."""
    if len(k) > t.settings.header_word_max_chars or any(map(str.isdigit, k)):
        return []
    found = [(word, c) for word, c in L.COLUMN_WORDS if word in k]
    if len({c for _w, c in found}) > 1:
        found = [(w, c) for w, c in found if w not in L.GENERIC_COLUMN_WORDS] or found
    return [c for _w, c in found]


def _header_rest(t: Table, i: int) -> bool:
    """Is the rest of cell ``i``'s line headers too (known ones, or read by their words)?  A row
    of text run on after the header (a page joined into one line) has its values there; text of
    one cell per line runs nothing on."""
    if t.lines_hold_one_cell:
        return True
    for c in t.cells[i + 1 : i + 1 + t.settings.header_word_cells]:
        if not same_line(t.cells[i], c):
            return True
        if c.key not in L.INDICATOR_HEADERS and c.key not in L.LEVEL_HEADERS and not _word_columns(t, c.key):
            return False
    return True


def _unknown_within(t: Table, i: int, cols: list[L.Column]) -> bool:
    """A header's cell no layout knows (nor its words), with a known column header after it on its
    row or line: a column of the table read past (the only one), so that its header does not end
    the header and every cell after it is not read as a row of its own."""
    cell = t.cells[i]
    on_grid = cell.column is not None and cell.row is not None
    if not (on_grid or cell.line is not None) or L.Column.SKIP in cols or L.Column.SKIP in t.header_columns:
        return False
    for after in t.cells[i + 1 : i + 1 + t.settings.unknown_header_cells]:
        if not same_line(cell, after):
            return False
        if after.key in L.INDICATOR_HEADERS:
            return True
    return False


def indicators(t: Table) -> tuple[list[Indicator], list[L.Column], Decimal | None, str | None]:
    """The indicator rows, the table's columns after 三级指标, the stated total and grade."""
    found = indicator_columns(t)
    if found is None:
        return [], [], None, None
    start, cols = found
    if cols and not VALUE_COLUMNS & set(cols):
        return [], cols, None, None  # a checklist (自评内容, 完成情况): no indicator figures to read
    walk = RowWalk(cols, t.header_columns, doubts=t.doubts, outside_gap=t.settings.outside_form_gap)
    header_at = t.indicator_header()  # (0 where the text opens with the header: a table continued)
    header_at = start if header_at is None else header_at
    walk.header_keys = frozenset(c.key for c in t.cells[header_at:start])
    walk.line_rows = line_rows.lines_are_rows(t, header_at, start) or _lines_by_values(t, start)
    walk.whole_lines = walk.line_rows and line_rows.whole_lines(t, start)
    walk.one_cell_lines = t.lines_hold_one_cell
    if walk.whole_lines:
        line_pieces.rejoin(t, start, cols)
    i, total_score, grade = _walk_rows(t, walk, start)
    if grade is None and i < len(t.cells) and t.cells[i].key in L.TOTAL:
        grade = grade_after(t, i)
    walk.flush()
    read_as_usual(walk)
    rows = centred.apply(walk.rows, walk.opened) if walk.line_rows else walk.rows
    if t.indicator_header() is not None:  # no header: the first rows' labels were cut off above them
        _fill_level1_backwards(rows)
    if i >= len(t.cells) and total_score is None and _cut_short(rows):
        rows.pop()  # the document ends mid-row: keep only rows that are whole
    if total_score is None:  # 总分 after 其他需要说明事项 (the last row holds both)
        total_score, grade = total_after(t, i)
    if cols and L.Column.SCORE not in cols:
        total_score = None  # a table without a 得分 column states no total score: its 总分 sums the weights
    realign_over_points(walk)
    keep_stated_level1(walk)
    return _without_partial_targets(t, rows, cols), cols, total_score, grade


def _lines_by_values(t: Table, start: int) -> bool:
    """Rows with no header above them, each a line of text recognised as a row by its values alone
    (``fitting.scored_rows``): the lines are the rows, as under a header of its own line."""
    if t.indicator_header() is not None:
        return False
    end = next((i for i in range(start, len(t.cells)) if t.cells[i].key in L.TOTAL), len(t.cells))
    body = t.cells[start:end]
    return bool(body) and all(c.line_key is not None for c in body) and scored_rows(body)


def _without_partial_targets(t: Table, rows: list[Indicator], cols: list[L.Column]) -> list[Indicator]:
    """A target split over columns (指标值 | 度量单位 …) beside a column no layout knows may lack
    its sign or unit: the joined targets are left empty, with one doubt naming that header."""
    unknown = t.unknown_header
    if unknown is None or L.Column.VALUE not in cols or {L.Column.NATURE, L.Column.UNIT} <= set(cols):
        return rows
    t.doubts.append(Doubt(field="indicators.target", reading=None, alternatives=[unknown.text],
                          reason=messages.unknown_split_column(unknown.text), location=unknown.location()))  # fmt: skip
    return [r.model_copy(update={"target": None}) for r in rows]


VALUE_COLUMNS = {L.Column.TARGET, L.Column.VALUE, L.Column.ACTUAL, L.Column.WEIGHT, L.Column.SCORE}
"""The columns that hold an indicator's figures; a header with none of them heads a checklist."""


def _level_heading(k: str) -> L.Level | None:
    """The level column a header heads (评价指标 heads the 一级 of an indicator list), or None."""
    if k in L.NAME_HEADERS:
        return L.Level.NAME
    if k in L.LEVEL1_HEADERS:
        return L.Level.LEVEL1
    if k in L.LEVEL2_HEADERS:
        return L.Level.LEVEL2
    return None


def _headerless_columns(t: Table) -> tuple[int, list[L.Column]] | None:
    """Rows with no header above them (a page that begins inside the table): the layouts' column
    order they fit best, read from the first cell."""
    if not headerless_rows(t.cells):
        return None
    start = past_titles(t.cells, 0)
    placed = by_place(t, start)  # a grid: its cells' places say their columns
    if placed is not None:
        return start, placed
    best: tuple[int, list[L.Column]] | None = None
    for order in L.COLUMN_ORDERS:
        walk = RowWalk(list(order), {})
        _walk_rows(t, walk, start)
        walk.flush()
        score = walk_fit(walk)
        if best is None or score > best[0]:
            best = (score, list(order))
    t.provenance.pop("total_score_stated", None)
    return None if best is None else (start, best[1])


def _walk_rows(t: Table, walk: RowWalk, start: int) -> tuple[int, Decimal | None, str | None]:
    """Read rows from ``start`` up to the 总分 row (whose score and grade are returned) or the
    table's end; the index where the walk stopped."""
    i = start
    while i < len(t.cells):
        cell = t.cells[i]
        if cell.key in L.TOTAL:
            walk.flush()
            t.weight_sum, score, grade = total(t, i)
            t.provenance["total_score_stated"] = cell.location()
            return i, score, grade
        if L.ends_table(cell.text) or cell.key in L.PROJECT_NAME:
            return i, None, None
        i = _step(t, walk, i)
    return i, None, None


def _step(t: Table, walk: RowWalk, i: int) -> int:
    """One cell of the indicator table; the index of the next cell to read."""
    cell = t.cells[i]
    k = cell.key
    if k in L.SECTION_HEADINGS:
        return i + 1
    if k in L.NUMBERING:
        walk.flush()  # 列次 | 1 | 2 | 3 …: the columns' numbers, not a row
        return _past_numbering(t.cells, i + 1)
    if L.is_indicator_heading(k):
        walk.flush()  # the header row repeated where a table continues on the next page: its cells
        return _past_header(t.cells, i + 1, walk.header_keys)  # as the header wrote them (实际完成情况)
    place = _grid_place(t, cell)
    if place is not None and not grid_fit.row_fits(t, i):
        if i == 0 or t.cells[i - 1].row != cell.row:
            walk.flush()  # a row of its own, out of the header's columns: read as text is
        place, cell = None, grid_fit.without_column(cell)
    if place is not None:  # a grid says where the cell is: no guessing
        walk.grid(cell, place)
        return i + 1
    if walk.current and walk.current[-1].column is not None and L.Level.NAME in t.level_columns:
        walk.flush()  # text after a grid's row (the rest of a page run together) is no cell of that row
    ahead = t.cells[i + 1 : i + 1 + walk.shape.ahead]
    if walk.level(cell, ahead[0].text if ahead else ""):
        return i + 1
    if walk.whole_lines and line_rows.unknown_level2(walk.current, cell, ahead, t.cells[i - 1] if i else None):
        walk.unknown_level2(cell)
    elif walk.one_cell_lines and line_rows.heading_over_group(walk.current, cell, ahead):
        walk.unknown_level2(cell, heading=True)
    else:
        if _opens_grid_row(walk.current, cell):
            walk.flush()  # a row of a name alone (a 评分表's item in a form's target columns) ends here
        walk.value(cell, ahead, _rest_of_line(t, walk, i))
    return i + 1


def _past_header(cells: list[Cell], i: int, keys: frozenset[str]) -> int:
    """The index after the run of cells from ``i`` that repeat the table's own header cells (a
    header no layout names in full, 分值(分) | 实际完成情况, printed again on the next page)."""
    while i < len(cells) and cells[i].key in keys and not L.is_level1(cells[i].text):
        i += 1
    return i


def _opens_grid_row(current: list[Cell], cell: Cell) -> bool:
    """A cell of a later grid row standing in the name's column or left of it: no value of the row
    being read (a row's values stand right of its name), the next row's name."""
    if not current or cell.row is None or cell.column is None:
        return False
    name, last = current[0], current[-1].row
    if name.row is None or name.column is None or last is None or cell.sheet != name.sheet:
        return False
    return cell.row > last and cell.column <= name.column


def _rest_of_line(t: Table, walk: RowWalk, i: int) -> list[Cell] | None:
    """The cells after ``t.cells[i]`` on its line, where the row walk asks for them: the rows keep
    to their lines and a row is being read (``line_rows.fits_line`` and ``continues_note`` say no
    to the first cell of a row, whatever follows it)."""
    if not walk.whole_lines or not walk.current:
        return None
    return line_rows.line_rest(t.cells, i, len(walk.cols) + 1)


def _grid_place(t: Table, cell: Cell) -> str | None:
    """The level (``L.Level``) / 'value' / 'other' for a cell of a grid whose header columns are
    known; None when the source has no grid (text), so the heuristics decide."""
    if cell.column is None or L.Level.NAME not in t.level_columns or not t.header_columns:
        return None
    at = t.level_columns.get
    for level in _LEVELS_IN_ORDER:
        if at(level) == cell.column:
            return level
    if cell.column in t.header_columns.values():
        return "value"
    return "other"


_LEVELS_IN_ORDER = tuple(L.Level)
"""The levels in their order, iterated without the enum's own (slow) iteration."""


def _past_numbering(cells: list[Cell], at: int) -> int:
    """The first cell after a run of consecutive numbers 1, 2, 3 … (blank cells between allowed)."""
    expected = 1
    while at < len(cells) and (cells[at].text.strip() == str(expected) or is_dash(cells[at].text)):
        expected += cells[at].text.strip() == str(expected)
        at += 1
    return at


def _fill_level1_backwards(rows: list[Indicator]) -> None:
    """A 一级 label centred in a tall merged cell comes after its first rows: give them it — up to a
    row whose 二级 belongs to another dimension (成本指标 is no 效益 row: the 一级 above is cut off)."""
    at = next((k for k, r in enumerate(rows) if r.level1), None)
    if at is None:
        return
    first = rows[at].level1
    own = dimension(first, None)
    for k in range(at - 1, -1, -1):
        theirs = dimension_of_level2(rows[k].level2)
        if own is not None and theirs is not None and theirs != own:
            break
        rows[k] = rows[k].model_copy(update={"level1": first})


def _filled(ind: Indicator) -> int:
    return len(ind.provenance) - 1


def _cut_short(rows: list[Indicator]) -> bool:
    """Is the last row visibly cut off: fewer cells than every other row of its table?"""
    if len(rows) < 2:
        return bool(rows) and _filled(rows[-1]) == 0
    return _filled(rows[-1]) < min(_filled(r) for r in rows[:-1])


def _order_columns(cols: list[L.Column]) -> list[L.Column]:
    """A two-row header (四川): 年度指标值 spans 指标性质 / 指标值 / 度量单位, which the second row
    writes after every label of the first — they move to the target's place.  Split columns written
    in the one row among the others (指标值 | 实际完成值 | 计算符号 | 计量单位) keep their order."""
    if L.Column.VALUE in cols and not {L.Column.NATURE, L.Column.UNIT} & set(cols):
        cols = [L.Column.TARGET if c is L.Column.VALUE else c for c in cols]
        return list(dict.fromkeys(cols))
    if L.Column.VALUE in cols:
        split = [c for c in (L.Column.NATURE, L.Column.VALUE, L.Column.UNIT) if c in cols]
        rest = [c for c in cols if c not in split]
        if cols[: len(rest)] != rest:
            return cols  # (the split columns are no second row's: other columns come after them)
        if L.Column.TARGET in rest:
            at = rest.index(L.Column.TARGET)
            return rest[:at] + split + rest[at + 1 :]
        return split + rest
    return cols
