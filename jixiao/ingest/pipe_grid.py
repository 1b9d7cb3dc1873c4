"""Rows written out between pipes (``| a |  | c |``, ``a | | c | ||``) placed in their columns.

A web page's table copied as pipe rows keeps each row's empty cells (``|  |``) but not the cells
a merged range covers: a row under a 一级 label merged down several rows starts with its 二级 or
its name, one or two places left of where its header says; a page may also pad every row with
empty cells at its end.  Read as a stream of non-empty cells, such a row loses which of its
figures is the weight and which the score (``名称 | 100% | 100% |  | 4 |``: 4 is the score).

A row is placed by its anchor: an indicator row by its name, which stands under the header's
name column (the last of 一级 / 二级 / 三级), a fund row by its label, which stands just left of
the first amount column (年初预算数 …).  The pieces after the anchor fill the header's columns
after it, one each, empty ones included; the level labels before a name fill the level columns
before it.  Only a row with exactly as many pieces after its anchor as the header has columns
there (extra pieces at the end empty) is placed; any other row — a goal, the header fields, a
row broken over lines — is left to the text reading, as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.ingest import labels
from jixiao.ingest.labels import key as label_key
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.ingest.shapes import PLAIN_NUMBER, RATE, SIGN
from jixiao.model.vocabulary import is_dash, is_empty_value

Placed = list[tuple[str, int]]
"""A row's non-empty cells with their columns."""

_AMOUNTS = (labels.FundColumn.INITIAL, labels.FundColumn.ADJUSTED, labels.FundColumn.EXECUTED)


@dataclass(frozen=True, slots=True)
class Header:
    """A header row's anchor column and how many columns follow it; ``rows`` says what an
    anchored row opens with: a name (``indicator``) or a fund label (``funds``)."""

    rows: str
    anchor: int
    after: int
    total: int | None = None
    """The column of the 总分 row's label: just left of the 分值 column (the label's merged cell
    spans the columns before it), None without a 分值 column."""
    levels: int = 0
    """Level columns (一级, 二级) left of the name column."""
    kinds: tuple[labels.Column | None, ...] = ()
    """Each column's kind, as its header names it."""


def pieces(line: str, closed: bool | None = None) -> list[str] | None:
    """The cells of a pipe row as written, empty ones kept (the pipes at its two ends open and
    close it); None for a line that is no pipe row (fewer than two pipes).  A row not opened by a
    pipe is not closed by one either: a pipe at its end closes an empty last cell (``a | 3 |``).
    ``closed`` says how the table's rows are written, where its header showed it: with pipes at
    both ends (a pipe first opens the row) or without (a pipe first closes an empty first cell:
    `` |  | 名称 | 3 |`` under a merged 一级)."""
    s = line.strip()
    if s.count("|") < 2:
        return None
    out = [p.strip() for p in s.split("|")]
    if closed is None:
        closed = s.startswith("|")
    if closed:
        out = out[1:-1] if s.endswith("|") else out[1:]
    return out


def is_pipe_rows(lines: list[str], settings: Settings = DEFAULT) -> bool:
    """Is the text a table written as pipe rows: most of its lines hold several cells between pipes?"""
    filled = [ln for ln in lines if ln.strip()]
    rows = sum(1 for ln in filled if (p := pieces(ln)) is not None and sum(1 for x in p if x) >= 2)
    return bool(filled) and rows / len(filled) >= settings.pipe_rows_share


def header_of(cells: list[str]) -> Header | None:
    """The anchor of an indicator header (its name column) or a funds header (left of its first
    amount column); None for a row that heads neither."""
    keys = [label_key(c) for c in cells]
    levels = [k for k, x in enumerate(keys) if x in labels.LEVEL_HEADERS]
    if len(levels) >= 2 or (levels and sum(x in labels.INDICATOR_HEADERS for x in keys) >= 2):
        weight = next((k for k, x in enumerate(keys) if labels.INDICATOR_HEADERS.get(x) is labels.Column.WEIGHT), 0)
        total = weight - 1 if weight > 0 else None
        kinds = tuple(labels.INDICATOR_HEADERS.get(x) for x in keys)
        return Header("indicator", levels[-1], _width(cells) - levels[-1] - 1, total, len(levels) - 1, kinds)
    amounts = [k for k, x in enumerate(keys) if labels.FUND_HEADERS.get(x) in _AMOUNTS]
    if len(amounts) >= 2 and amounts[0] >= 1:
        return Header("funds", amounts[0] - 1, _width(cells) - amounts[0])
    return None


def _width(cells: list[str]) -> int:
    """Cells up to the last one written (empty cells padding a row's end do not count)."""
    return max((k + 1 for k, c in enumerate(cells) if c), default=0)


def _anchor(cells: list[str], header: Header) -> int | None:
    """Where the row's anchor stands among its pieces: an indicator row's first piece that is no
    level label, a fund row's first piece (past empty pieces a row may open with); None when
    that piece is a figure (a row without its name or label cannot be placed)."""
    for k, c in enumerate(cells):
        if not c:
            continue
        if header.rows == "indicator" and k < header.anchor and (labels.is_level1(c) or labels.is_level2(c)):
            continue
        return None if PLAIN_NUMBER.match(c) or RATE.match(c) else k
    return None


def place(cells: list[str], header: Header) -> Placed | None:
    """The row's non-empty cells in their columns, or None when no reading of it fills the
    header's columns exactly with what they hold (then its columns are not known)."""
    at = _anchor(cells, header)
    if at is None or at > header.anchor:
        return None
    if header.rows == "indicator" and label_key(cells[at]) in labels.TOTAL:
        return _total_row(cells, at, header)
    if header.rows == "indicator" and labels.known_label(cells[at]):
        return None  # a closing section: read as text is
    starts = (at if _levels_fit(cells[:at]) else None, _named_by_count(cells, header))
    for start in dict.fromkeys(s for s in starts if s is not None):
        placed = _reading(cells, start, header)
        if placed is not None:
            return placed
    return None


def _reading(cells: list[str], at: int, header: Header) -> Placed | None:
    """The row read with its anchor at ``at``: every piece after it in the next column, as many as
    the header has there (more only when empty), each fitting its column."""
    after = cells[at + 1 :]
    if len(after) < header.after or any(after[header.after :]):
        return None
    shift = header.anchor - at
    placed = [(c, k + shift) for k, c in enumerate(cells[: at + 1 + header.after]) if c]
    if any(col > header.anchor and not _fits(c, header.kinds[col] if col < len(header.kinds) else None)
           for c, col in placed):  # fmt: skip
        return None
    return placed


_FIGURES = (labels.Column.WEIGHT, labels.Column.SCORE, labels.Column.RECHECK)
_TEXTS = (labels.Column.NOTE, labels.Column.REMARK, labels.Column.METHOD, labels.Column.REVIEW_COMMENT)
_NOTES = (labels.Column.NOTE, labels.Column.REMARK)


def _fits(text: str, kind: labels.Column | None) -> bool:
    """Can a cell after a row's name hold this text: no level label, a figure (or a dash) under
    分值 / 得分, no bare figure under a text column (偏差原因, 备注, 得分计算方法) but the form's
    "nothing to explain" (a full-mark row's 0 under 偏差原因)?"""
    if labels.is_level1(text) or labels.is_level2(text):
        return False
    figure = bool(PLAIN_NUMBER.match(text))
    if kind in _FIGURES:
        return figure or is_dash(text) or is_empty_value(text)
    if kind in _NOTES and text.strip() in labels.NOTE_PLACEHOLDERS:
        return True
    return not (figure and kind in _TEXTS)


def _named_by_count(cells: list[str], header: Header) -> int | None:
    """Where a row's name stands when the row is as long as its header (no padding at its end):
    the piece the header's columns after the name count back to, when the texts before it fit
    the level columns (level labels the vocabulary does not know: 项目年度绩效目标(定量指标)).
    A row written as wide as its header keeps the empty cells of the columns left of the level
    columns (under 绩效指标): the levels are the texts just before the name, only empties before."""
    at = len(cells) - header.after - 1
    if header.rows != "indicator" or not 0 < at <= header.anchor:
        return None
    first = max(at - header.levels, 0)
    if any(cells[:first]):
        return None
    return at if _unknown_levels(cells[first : at + 1], header.levels, empty_levels=True) else None


def _unknown_levels(lead: list[str], levels: int, empty_levels: bool = False) -> bool:
    """Can these texts be level labels and a name, the name in the column after the header's
    ``levels`` level columns: no figure or other label among the levels (empty ones only where
    ``empty_levels``: a row as long as its header, its merged cells written empty), and the
    level labels the vocabulary knows each in its own column (a 一级 in the first, a 二级 in the
    one before the name) — an unknown 二级 (项目立项) beside a known 一级 (决策) fits.  The name
    may be a word the form also uses as a label (预算执行率) where a known level stands before it."""
    name, before = lead[-1], lead[:-1]
    if not name or _figure_like(name):
        return False
    if any(not c and not empty_levels for c in before):
        return False
    if any(c and (_figure_like(c) or labels.known_label(c)) for c in before):
        return False
    known = False
    for column, c in enumerate(before, start=levels - len(before)):
        one, two = labels.is_level1(c), labels.is_level2(c)
        if (one and column != 0) or (two and column != levels - 1):
            return False
        known = known or one or two
    return known or not labels.known_label(name)


def _figure_like(text: str) -> bool:
    """A figure, with or without its sign and unit (≥95%, 2个, 100%)."""
    return text[0].isdigit() or bool(SIGN.match(text)) or bool(PLAIN_NUMBER.match(text) or RATE.match(text))


def _total_row(cells: list[str], at: int, header: Header) -> Placed | None:
    """The 总分 row: its label left of the 分值 column, its figures in the columns from there on —
    or, a row as long as its header (its merged label's empty cells written out), each piece
    where it is written."""
    if header.total is None:
        return None
    full = len(cells) == header.anchor + 1 + header.after  # written with the empty cells its label spans
    shift = 0 if full else header.total - at
    return [(c, k + shift) for k, c in enumerate(cells) if c and k >= at]


def _levels_fit(before: list[str]) -> bool:
    """The level labels before a name fill the level columns next to it: a 二级 alone, or a
    一级 then a 二级.  A 一级 alone before a name is printed mid-run (centred in its merged cell),
    not in the 二级 column it would be put in."""
    filled = [c for c in before if c]
    if len(filled) == 1:
        return labels.is_level2(filled[0])
    return len(filled) != 2 or labels.is_level2(filled[1])


def pipe_grid(lines: list[str], settings: Settings = DEFAULT) -> dict[int, Placed]:
    """Line index → the cells placed in their columns, for the header rows and the rows that
    fill their header's columns of a pipe-row text; other lines are not in the map."""
    if not is_pipe_rows(lines, settings):
        return {}
    out: dict[int, Placed] = {}
    header: Header | None = None
    closed: bool | None = None  # how the rows are written: known from the first header
    split: tuple[int, list[str]] | None = None
    heading = 0
    for k, line in enumerate(lines):
        cells = pieces(line, closed)
        if cells is None:
            continue
        found = header_of(cells)
        if found is not None:
            closed = line.strip().startswith("|") if closed is None else closed
            header, split, heading = found, None, k
            out[k] = [(c, n) for n, c in enumerate(cells) if c]
            continue
        if header is not None and split is None and (widened := _split_target(cells, header)) is not None:
            header, split = widened
            out[heading] = _header_widened(out[heading], split)
            out[k] = [(c, split[0] + n) for n, c in enumerate(split[1])]
            continue
        placed = place(cells, header) if header is not None else None
        if placed is not None:
            out[k] = placed
    return out


_SPLIT_KINDS = (labels.Column.NATURE, labels.Column.VALUE, labels.Column.UNIT)


def _split_target(cells: list[str], header: Header) -> tuple[Header, tuple[int, list[str]]] | None:
    """The row under an indicator header that splits its target column (四川: 年度指标值 over
    指标性质 | 指标值 | 度量单位): the header widened to take the split columns in the target's place,
    and (the target's column, the split labels); None for any other row.  A grid keeps the split
    columns under the merged target cell; pipe rows written from it lose that place."""
    filled = [c for c in cells if c]
    kinds = [labels.INDICATOR_HEADERS.get(label_key(c)) for c in filled]
    if header.rows != "indicator" or len(filled) < 2 or any(kd not in _SPLIT_KINDS for kd in kinds):
        return None
    at = next((n for n, kd in enumerate(header.kinds) if kd is labels.Column.TARGET), None)
    if at is None or at <= header.anchor:
        return None
    more = len(filled) - 1
    kinds_out = (*header.kinds[:at], *kinds, *header.kinds[at + 1 :])
    total = None if header.total is None else header.total + (more if header.total >= at else 0)
    widened = Header(header.rows, header.anchor, header.after + more, total, header.levels, kinds_out)
    return widened, (at, filled)


def _header_widened(placed: Placed, split: tuple[int, list[str]]) -> Placed:
    """The header row's cells with those right of the split target column moved past its split columns."""
    at, parts = split
    return [(c, n + len(parts) - 1 if n > at else n) for c, n in placed]


StreamCell = tuple[str, int, int | None, int | None]
"""(text, line, row, column) of a cell read from a stream of cells; row and column None when
its place in a row is not known."""


def stream_grid(cells: list[tuple[str, int]]) -> list[StreamCell]:
    """Cells one per line (``text|``, a lone ``|`` for an empty cell) grouped back into rows: a
    header's run of labels is its row; after it, a row is its level labels, its name and as many
    cells as the header has columns after the name (empty ones included), placed as ``place``
    places a pipe row.  Cells in no such row keep no place (and empty ones are dropped)."""
    out: list[StreamCell] = []
    header: Header | None = None
    i = 0
    while i < len(cells):
        run = _header_run(cells, i)
        cut = _split_tail(cells, i, run)
        found = header_of([t for t, _n in cells[i:cut]]) if cut > i else None
        if found is not None:
            header, placed = _stream_header(cells, i, cut, run, found)
            out += placed
            i = run
            continue
        taken = _stream_row(cells, i, header) if header is not None else None
        if taken is None:
            out += [(cells[i][0], cells[i][1], None, None)] if cells[i][0] else []
            i += 1
            continue
        placed, i = taken
        out += placed
    return out


def _split_tail(cells: list[tuple[str, int]], i: int, run: int) -> int:
    """Where a header run's second row begins when it ends in the labels that split its target
    (指标性质 | 指标值 | 度量单位 after the header's last column): the run's end when it does not."""
    cut = run
    while cut > i and (not cells[cut - 1][0] or _split_kind(cells[cut - 1][0])):
        cut -= 1
    return cut if sum(1 for t, _n in cells[cut:run] if t) >= 2 else run


def _split_kind(text: str) -> bool:
    return labels.INDICATOR_HEADERS.get(label_key(text)) in _SPLIT_KINDS


def _stream_header(
    cells: list[tuple[str, int]], i: int, cut: int, run: int, found: Header
) -> tuple[Header, list[StreamCell]]:
    """A header run's cells in their columns and the header they make: the labels after ``cut``
    (its second row, splitting the target) widen it as ``_split_target`` widens a pipe row's."""
    row = cells[i][1]
    placed = [(t, k) for k, (t, _n) in enumerate(cells[i:cut]) if t]
    lines = {k: n for k, (_t, n) in enumerate(cells[i:cut])}
    widened = _split_target([t for t, _n in cells[cut:run]], found) if run > cut else None
    if widened is None:
        return found, [(t, lines[k], row, k) for t, k in placed]
    header, split = widened
    sub: list[StreamCell] = [(t, n, cells[cut][1], split[0] + j)
                             for j, (t, n) in enumerate((t, n) for t, n in cells[cut:run] if t)]  # fmt: skip
    moved = zip(_header_widened(placed, split), (k for _t, k in placed), strict=True)
    return header, [(t, lines[k], row, c) for (t, c), k in moved] + sub


def _header_run(cells: list[tuple[str, int]], i: int) -> int:
    """The end of a header row starting at ``i``: the run of labels (empty cells between them
    allowed) up to its last column label; ``i`` when none starts there."""
    end = i
    j = i
    while j < len(cells) and (j > i or cells[j][0]) and _header_cell(cells[j][0]):
        if _column_label(cells[j][0]):
            end = j + 1
        j += 1
    return end


def _header_cell(text: str) -> bool:
    """Can the cell stand in a header row: empty, a label of the form, a block heading (绩效指标)?"""
    return not text or labels.known_label(text) or _column_label(text) or label_key(text) in labels.SECTION_HEADINGS


def _column_label(text: str) -> bool:
    k = label_key(text)
    return k in labels.LEVEL_HEADERS or k in labels.INDICATOR_HEADERS or k in labels.FUND_HEADERS


def _stream_row(cells: list[tuple[str, int]], i: int, header: Header) -> tuple[list[StreamCell], int] | None:
    """The row that starts at ``i`` and the index after it, or None when none fits there."""
    lead = header.levels if header.rows == "indicator" else 0
    texts = [t for t, _n in cells[i : i + lead + 1 + header.after]]
    at = _anchor(texts, header) if texts and texts[0] else None
    if at is None or (header.rows == "indicator" and labels.known_label(texts[at])):
        return None  # a 总分 row, a closing section: read as text is
    if header.rows == "funds" and labels.known_label(texts[at]) and not _fund_label(texts[at]):
        return None  # 年度总体目标 after the funds: another block's label, no fund row
    if any(_column_label(t) for t in texts[at + 1 :]):
        return None  # a header's label (一级指标) is never a row's cell: the run reaches the next header
    readings = [(name, placed) for name in _name_places(texts, at, lead)
                if (placed := _reading(texts[: name + 1 + header.after], name, header)) is not None]  # fmt: skip
    if not readings:
        return None
    name, placed = next((r for r in readings if _row_ends(cells, i + r[0] + 1 + header.after)), readings[0])
    first, size = cells[i][1], name + 1 + header.after
    lines = iter(n for t, n in cells[i : i + size] if t)
    return [(t, next(lines), first, c) for t, c in placed], i + size


def _row_ends(cells: list[tuple[str, int]], at: int) -> bool:
    """Does a row read up to ``at`` end where the next one opens: at the text's end or before a cell
    that is written (a row opens with its level label or name; a merged cell's place is not written
    out one cell per line).  An unknown 一级 taken for the name leaves its row's last empty cell over."""
    return at >= len(cells) or bool(cells[at][0])


def _fund_label(text: str) -> bool:
    """年度资金总额 or a fund source's row label (其中：当年财政拨款)."""
    return label_key(text) in labels.FUND_TOTAL or labels.fund_source(text) is not None


def _name_places(texts: list[str], at: int, lead: int) -> list[int]:
    """Where a row's name may stand: at its anchor when the labels before it fit their columns,
    then further on past texts the vocabulary does not know as levels (no figure, no label)."""
    out = [at] if _levels_fit(texts[:at]) else []
    return out + [k for k in range(at + 1, min(lead, len(texts) - 1) + 1) if _unknown_levels(texts[: k + 1], lead)]
