"""An indicator table copied column by column: a PDF viewer (or a page's text layer in reading
order of its columns) gives each header alone on a line with its column's values one a line after
it — 三级指标, the names, 年度指标值, the targets, … — where a row-major copy gives the headers
together and each row's cells after them.

The lines are read back into rows (tab-separated, one a row, the headers first) when the runs
say where every value goes: at least ``column_runs_min_headers`` headers each before values of
their own, and at least ``column_runs_min_full`` columns, the names among them, holding one value
a row.  A column holding fewer values than there are rows (a 一级 merged down its rows, a note on
two rows of seven) cannot be placed row by row: it is left empty, never guessed, and each row of
the table carries a mark the indicator reader turns into a doubt.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from jixiao.ingest import labels as L
from jixiao.ingest import messages
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.model.evaluation import Doubt

if TYPE_CHECKING:
    from jixiao.ingest.cells import Cell


def _is_header(line: str) -> bool:
    """A line that is one header of the indicator table alone: a level column's (一级 / 二级 /
    三级) or a figure or text column's."""
    s = line.strip()
    if not s or "\t" in s or "|" in s:
        return False
    k = L.key(s)
    return k in L.LEVEL_HEADERS or k in L.INDICATOR_HEADERS


def _runs(lines: list[str], heads: list[bool], start: int) -> tuple[list[tuple[int, list[str]]], int]:
    """From the header at ``start``: each header's line and the value lines after it, up to the
    first line that is no single value (a blank line, a row of cells, a label of the form).
    ``heads``: whether each line is a header alone (``_is_header``)."""
    runs: list[tuple[int, list[str]]] = []
    k = start
    while k < len(lines):
        s = lines[k].strip()
        if heads[k]:
            runs.append((k, []))
        elif not s or "\t" in s or "|" in s or (L.known_label(s) and L.key(s) not in L.LEVEL_HEADERS) or not runs:
            break
        else:
            runs[-1][1].append(s)
        k += 1
    return runs, k


def _placed(runs: list[tuple[int, list[str]]], lines: list[str], settings: Settings) -> _Rows | None:
    """The runs as rows and the columns left empty (header, values), or None when the runs do not
    say where every value goes: the names are the last level column's (三级 after 一级 and 二级),
    and enough columns hold one value a name."""
    if len(runs) < settings.column_runs_min_headers or any(not values for _at, values in runs):
        return None
    levels = [values for at, values in runs if L.key(lines[at]) in L.LEVEL_HEADERS]
    if not levels:
        return None
    n = len(levels[-1])
    full = [values for _at, values in runs if len(values) == n]
    if len(full) < settings.column_runs_min_full:
        return None
    header = "\t".join(lines[at].strip() for at, _v in runs)
    rows = ["\t".join(values[i] if len(values) == n else "" for _at, values in runs) for i in range(n)]
    left = [(lines[at].strip(), values) for at, values in runs if len(values) != n]
    return [header, *rows], left


_Rows = tuple[list[str], list[tuple[str, list[str]]]]


def rows_from_column_runs(lines: list[str], settings: Settings = DEFAULT) -> tuple[list[str], dict[int, str]]:
    """The lines with each indicator table copied column by column written back as rows (tab
    separated, as many lines as before: every later line keeps its number), and for each such
    table's header line (0-based) the columns left empty, as a doubt names them; any other line
    as it was."""
    heads = [_is_header(line) for line in lines]  # (asked once a line: the runs ask again)
    if sum(heads) < settings.column_runs_min_headers:
        return lines, {}  # (most texts: too few headers alone on a line, asked without the runs)
    out: list[str] = []
    left: dict[int, str] = {}
    k = 0
    while k < len(lines):
        runs, end = _runs(lines, heads, k) if heads[k] else ([], k)
        placed = _placed(runs, lines, settings) if runs else None
        if placed is None:
            out.append(lines[k])
            k += 1
            continue
        rows, unplaced = placed
        if unplaced:
            left[k] = messages.columns_not_placed([(head, len(values)) for head, values in unplaced], len(rows) - 1)
        out += rows + [""] * (end - k - len(rows))
        k = end
    return out, left


def mark_unplaced(cells: list[Cell], left: dict[int, str]) -> list[Cell]:
    """The cells with the first one of each rebuilt header line (``left``: 0-based line → what was
    left empty) carrying what its table's doubt says."""
    if not left:
        return cells
    done: set[int] = set()
    out = []
    for c in cells:
        at = (c.line or 0) - 1
        if at in left and at not in done:
            done.add(at)
            c = replace(c, unplaced=left[at])
        out.append(c)
    return out


def unplaced_doubts(cells: list[Cell]) -> list[Doubt]:
    """A doubt for each indicator table of ``cells`` rebuilt from its columns with columns left
    empty (a 一级 merged down its rows cannot be told row by row), naming its header."""
    return [
        Doubt(field="indicators", reading=None, reason=c.unplaced, location=c.location()) for c in cells if c.unplaced
    ]
