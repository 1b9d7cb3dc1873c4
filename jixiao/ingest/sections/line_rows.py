"""Text laid out a row per line: where a line starts, a row may start.

A table flattened by a web page or a PDF's text layer often keeps each row on its own line
(``预计参保档次为500元的人数 864人``) while the empty cells are gone.  A row that has only a name
and a target then runs into the next line's name, which the cells alone cannot tell from an
actual.  The line can: when the indicator header stands on one line, a line that opens with a
name-like text followed by values on the same line is the next row.

A line that opens with a figure (a row broken after its name, ``扶持发展新型农业经营主体(个)`` /
``15 | 6 | 8.0``) or with a short value (``有效``) still continues the row above — unless no line of
the table opens with a figure (``whole_lines``: no row of it is broken over two lines), where a short
name (``资金拨付 12月底到位``) opens its row like a long one, and a line holds a second row only
when its cells cannot all be one row (``fits_line``: a cell with a space in it is no row).
"""

from __future__ import annotations

from collections import Counter

from jixiao.ingest import labels as L
from jixiao.ingest.cells import Cell
from jixiao.ingest.sections.columns import aligns
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.ingest.shapes import PLAIN_NUMBER, is_label, value_like
from jixiao.ingest.table import Table
from jixiao.model.values import Op, is_unit, parse_value
from jixiao.model.vocabulary import declared_points, is_points_mark, level2_names


def line_of(cell: Cell) -> tuple[object, ...] | None:
    """Which line of text a cell is on: its line on its page (or sheet), or — text blocks of a web
    page, whose source may be one long line — its block's number, given as a row without column;
    a grid's cell (a row and a column: a web page's table may stand on one line) is on its row
    (worked out once, when the cell is made: ``Cell.line_key``)."""
    return cell.line_key


def lines_are_rows(t: Table, header_at: int, start: int) -> bool:
    """Does the indicator header of this text stand on a line of its own (so its rows do too)?"""
    heads = [c for c in t.cells[header_at:start] if c.key in L.LEVEL_HEADERS or c.key in L.INDICATOR_HEADERS]
    if not heads or any(c.column is not None or c.line_key is None for c in heads):
        return False
    line, most = Counter(c.line_key for c in heads).most_common(1)[0]
    on_line = [c.line_key for c in t.cells].count(line)
    # the line is the header's own: not a page run together into one line (glued text)
    return most >= t.settings.row_line_min_headers and most * 2 >= on_line


def _name_like(text: str, settings: Settings) -> bool:
    """A row's name: text that is no value, or a long text with a figure in it (…300元的人数)."""
    return not value_like(text) or len(text.strip()) > settings.row_line_name_chars


def continues_row(current: list[Cell], cell: Cell) -> bool:
    """Is ``cell`` the first value of the row whose name opened its line (``发放时间 | 一季度发放40%,
    三季度发放60%``): a sentence after a name on the same line is the target, not the next row.
    (Only the first: where lines were broken and joined back, one line may hold two rows.)"""
    return len(current) == 1 and cell.line_key is not None and cell.line_key == current[0].line_key


def opens_row(
    current: list[Cell], cell: Cell, ahead: list[Cell], settings: Settings = DEFAULT, whole: bool = False
) -> bool:
    """Is ``cell``, the first of its line, the name of the next row rather than a value of ``current``?
    ``whole``: the table's rows keep to their lines, so a short text opens a row as a name does —
    and so does one followed on its line by two cells or more, the first a target in words
    (``…参保人数逐年增加 | 完成参保目标任务 | 达到目标值得满分…``): a text's rest is no row's values."""
    if len(current) < 2 or cell.line_key is None or cell.line_key == current[-1].line_key:
        return False
    if cell.key == current[-1].key or not (_name_like(cell.text, settings) or (whole and not _figure(cell.text))):
        return False
    nxt = ahead[0] if ahead else None
    if nxt is None or nxt.line_key != cell.line_key or is_label(nxt.text):
        return False
    return value_like(nxt.text) or (whole and len(ahead) > 1 and ahead[1].line_key == cell.line_key)


def opens_full_line(current: list[Cell], cell: Cell, rest: list[Cell], figures: int) -> bool:
    """Is ``cell``, first on its line after a row whose figures are in, the name of a row whose
    line holds its own figures (``rest`` has ``figures`` of them)?  Where rows keep to their lines
    the rest of a note never has a row's figures after it (the 一级 / 二级 left blank on a line of
    text copied from merged cells)."""
    if len(current) < 2 or line_of(cell) is None or line_of(cell) == line_of(current[-1]) or _figure(cell.text):
        return False
    return sum(1 for c in rest if _figure(c.text)) >= figures


def _figure(text: str) -> bool:
    """A value that is a figure (a number, a rate, a target with its sign) or a unit alone (the
    end of a figure broken over two lines, ``12万`` / ``元``), not a word — nor a long text with a
    figure inside it (``…年缴费档次为300元的人数``: a name, ``row_line_name_chars``)."""
    if is_unit(text.strip()):
        return True
    if not value_like(text) or is_label(text):
        return False
    parsed = parse_value(text)
    if parsed.embedded and len(text.strip()) > DEFAULT.row_line_name_chars:
        return False
    return parsed.op not in (Op.QUALITATIVE, Op.EMPTY)


def whole_lines(t: Table, start: int) -> bool:
    """Does every indicator row of this text keep to its line?  Where a row broke after its name,
    the line below opens with its figures; a table none of whose lines does so has whole rows."""
    previous = None
    totals, ends = L.TOTAL, L.ends_table
    for cell in t.cells[start:]:
        if cell.key in totals or ends(cell.text):
            break
        line = cell.line_key
        if line is None:
            return False
        if line != previous and _figure(cell.text):
            return False
        previous = line
    return True


def line_rest(cells: list[Cell], at: int, most: int) -> list[Cell]:
    """The cells after ``cells[at]`` on its line, up to ``most`` of them (a row has no more cells
    than its columns: a longer line is one row too many whatever follows)."""
    line = cells[at].line_key
    end, stop = at + 1, min(len(cells), at + 1 + most)
    while end < stop and cells[end].line_key == line:
        end += 1
    return cells[at + 1 : end]


def fits_line(current: list[Cell], cell: Cell, rest: list[Cell], cols: list[L.Column]) -> bool:
    """Can ``cell`` and the rest of its line be values of the row ``current`` opened on that line
    (each value under a column that holds its kind)?  Then the line holds one row, not two."""
    if not current or current[0].line_key != cell.line_key:
        return False
    if len(current) + len(rest) > len(cols):
        return False  # more values than columns
    values = [c.text for c in current[1:]]
    values.append(cell.text)
    values += [c.text for c in rest]
    return aligns(tuple(values), tuple(cols))


def label_like(cell: Cell) -> bool:
    """A text named like a level label (…指标) the vocabulary does not know, no longer than its
    longest 二级 label (a longer one is a row's name)."""
    if not cell.key.endswith(L.LEVEL_SUFFIX) and not _with_points(cell.text):
        return False  # (asked first: most cells end otherwise, and the longest label is worked out anew)
    longest = max(map(len, level2_names()), default=0) + len(L.LEVEL_SUFFIX)
    return len(cell.key) <= longest and not is_label(cell.text)


def _with_points(text: str) -> bool:
    """A text ending in the points it declares (目标设定（19分）): a level's label, never a row's
    name in text whose rows keep to their lines."""
    return declared_points(text) is not None and not is_points_mark(text)


def unknown_level2(current: list[Cell], cell: Cell, ahead: list[Cell], before: Cell | None = None) -> bool:
    """Is ``cell`` a 二级 label the vocabulary does not know (``制度指标``): named like one, opening its
    row's line (after at most the 一级 before it) with the row's name (no figure) after it on the
    line, in text whose rows keep to their lines?  Not after a known 二级 on its line (``before``):
    the line has its 二级, and ``考核指标`` after ``质量指标`` is the row's name."""
    nxt = ahead[0] if ahead else None
    if nxt is None or not label_like(cell) or nxt.line_key != cell.line_key or _figure(nxt.text):
        return False
    if before is not None and before.line_key == cell.line_key and L.is_level2(before.text):
        return False
    if not current or current[-1].line_key != cell.line_key:
        return True
    return len(current) == 1 and not value_like(current[0].text)  # its 一级, read as a name so far


def heading_over_group(current: list[Cell], cell: Cell, ahead: list[Cell]) -> bool:
    """In text of one cell per line: is ``cell`` an unknown 二级 label (``制度指标``, named like one)
    whose 一级 is the lone text read so far as a row's name — a heading over a group the vocabulary
    does not know (``项目年度绩效目标(定量指标)``: it names a group of indicators, no figure in it) —
    with the row's name (no figure, no label) and then a figure after it?  The lines cannot say
    where labels stand (``unknown_level2``); the sequence heading, label, name, figure does."""
    if len(ahead) < 2 or not label_like(cell) or not _lone_text(current) or not _names_group(current[0].key):
        return False
    name, first = ahead[0].text, ahead[1].text
    return not (_figure(name) or is_label(name) or label_like(ahead[0])) and _figure(first)


def heading_before_label(current: list[Cell], cell: Cell, whole: bool, one_cell: bool) -> bool:
    """Is the lone text read so far as a row's name the heading over the group the known 二级
    ``cell`` opens — its 一级, not a row of a name alone?  In text whose rows keep to their lines
    (``whole``), a text before the 二级 on its line is (labels stand left of the name); in text of
    one cell per line (``one_cell``), a text naming a group of indicators (…指标…) is."""
    if not _lone_text(current):
        return False
    if whole:
        return current[0].line_key is not None and current[0].line_key == cell.line_key
    return one_cell and _names_group(current[0].key)


def _lone_text(current: list[Cell]) -> bool:
    """A row read so far as its name alone, in text: no grid column, no figure, no label."""
    if len(current) != 1 or current[0].column is not None:
        return False
    text = current[0].text
    return not (is_label(text) or _figure(text) or any(map(str.isdigit, text)))


def _names_group(key: str) -> bool:
    """Does the text name a group of indicators (``项目年度绩效目标(定量指标)``): the level word in its
    key (a traditional 指標 read as simplified)?"""
    return L.LEVEL_SUFFIX in key


def continues_note(current: list[Cell], cell: Cell, rest: list[Cell], settings: Settings = DEFAULT) -> bool:
    """Is ``cell``, alone on its line, the rest of the text that ends the row above (a note after
    the row's figures, broken at the line's end)?  A row's name never stands alone on its line in
    text whose rows keep to their lines."""
    if rest or len(current) < _NOTE_AFTER or cell.line_key == current[-1].line_key:
        return False
    if len(current[-1].text) <= settings.row_line_name_chars:
        return False  # the row ends in a figure or a short value, not a sentence
    if is_label(cell.text) or _figure(cell.text) or value_like(cell.text):
        return False
    return any(PLAIN_NUMBER.match(c.text.replace(" ", "")) for c in current[1:-1])


_NOTE_AFTER = 3
"""A name, at least one figure and the text after it: the cells a row has before a note ends it."""
