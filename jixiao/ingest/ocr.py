"""OCR slips: what a scanned page's text layer misreads, undone where the reading is unambiguous.

A text layer made by OCR misreads characters the way print looks: a character of a label read
as a latin letter (``主管部m``), lost or read as another character; ``O`` / ``〇`` for a nought
and ``l`` / ``I`` for a one inside a number (``1O0%``), a thousands gap inside a number
(``86 000.00``).  Each pass repairs one class, and only where nothing else can be meant:

- a label of the form (four characters or more) with one character read as a latin letter,
  anywhere in a line, when that letter stands alone among Chinese characters and exactly one
  label fits;
- a whole cell one character away from exactly one label (one character misread or lost, never
  the last, or a stray latin letter added), when the cell is no label, 一级 or 二级 itself; or
  away from several labels that all mean the same (``年度指值``: 年度指标值 with 标 lost, or
  年度数值 with 数 misread — both the target column), read as one of them;
- a look-alike letter inside a number, when digits stand beside it and no letter does; an ``S``
  for a five only with a digit on each side (``3S2`` → ``352``, never ``ISO``).

A 年度指标值 or 实际完成值 whose ``≥`` was read as a ``2`` set apart from its figure (``2 95%``)
is given its sign back where the row's other value has the figure's unit (``95%``, ``≥95%``):
two bare figures side by side are no value of a row, and the unit ties the cell to the other.

A number whose digits were lost (``.32``: the integer part gone) is not repaired here: the
sections refuse it, and only the table's arithmetic may give it back.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from jixiao.ingest import labels as L
from jixiao.model.writing import simplified

if TYPE_CHECKING:
    from jixiao.ingest.cells import Cell

_LABEL_SETS = (
    "PROJECT_NAME", "DEPARTMENT", "IMPLEMENTING_UNIT", "PROJECT_ATTRIBUTE", "PROJECT_PERIOD", "FUND_TOTAL",
    "BUDGET_LABELS", "EXECUTED_LABELS", "FUND_HEADERS", "FUND_SOURCES", "GOAL_EXPECTED", "GOAL_ACTUAL",
    "INDICATOR_HEADERS", "LEVEL_HEADERS", "TOTAL", "SELF_SCORE", "OTHER_LABELS",
)  # fmt: skip
"""The layouts' label sets a damaged label is looked for in."""

MIN_LABEL_CHARS = 4
"""A label shorter than this is never repaired: one character of three is a third of the word."""

_HOLE = "\0"


def clear_caches() -> None:
    """Forget the labels taken from the layouts (the active layouts changed)."""
    for fn in (_labels, _longest, _meanings, _holes, _shortened, repair_line, repair_cell_text, _near_text):
        fn.cache_clear()


@lru_cache(maxsize=1)
def _labels() -> frozenset[str]:
    """Every label of the layouts' sets, reduced, of at least ``MIN_LABEL_CHARS`` Chinese characters."""
    out: set[str] = set()
    for name in _LABEL_SETS:
        out |= {L.key(k) for k in getattr(L, name)}
    return frozenset(k for k in out if len(k) >= MIN_LABEL_CHARS and all(map(_is_cjk, k)))


@lru_cache(maxsize=1)
def _longest() -> int:
    """The length of the longest of ``_labels`` (0: none)."""
    return max(map(len, _labels()), default=0)


@lru_cache(maxsize=1)
def _meanings() -> dict[str, frozenset[tuple[str, str]]]:
    """Each label → what it means: the sets it is in, with the column or field a set maps it to."""
    out: dict[str, set[tuple[str, str]]] = {}
    for name in _LABEL_SETS:
        found = getattr(L, name)
        for k in found:
            role = str(found[k]) if isinstance(found, dict) else ""
            out.setdefault(L.key(k), set()).add((name, role))
    return {k: frozenset(v) for k, v in out.items()}


def one_meaning(near: frozenset[str]) -> str | None:
    """The label the candidates stand for when they all mean the same (the first of them in
    order, a label as good as the others), else None: two meanings, or none."""
    if not near:
        return None
    meanings = {_meanings().get(label) for label in near}
    return min(near) if len(meanings) == 1 else None


@lru_cache(maxsize=1)
def _holes() -> dict[str, frozenset[str]]:
    """Each label with one of its characters taken out, kept in place (``主管部\\0``) → the labels."""
    out: dict[str, set[str]] = {}
    for label in _labels():
        for i in range(len(label)):
            out.setdefault(label[:i] + _HOLE + label[i + 1 :], set()).add(label)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _shortened() -> dict[str, frozenset[str]]:
    """Each label of five characters or more with one character lost → the labels."""
    out: dict[str, set[str]] = {}
    for label in _labels():
        if len(label) > MIN_LABEL_CHARS:
            for i in range(len(label)):
                out.setdefault(label[:i] + label[i + 1 :], set()).add(label)
    return {k: frozenset(v) for k, v in out.items()}


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


_CJK = re.compile("[\u4e00-\u9fff]")


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


# --- a label with a latin letter in it, anywhere in a line ------------------------------------


_LONE_LATIN = re.compile(r"(?<=[\u4e00-\u9fff])[A-Za-z](?=[\u4e00-\u9fff]|$)")
"""A latin letter alone after a Chinese character, before one or at the line's end."""


_LONE_LATIN_LINES = re.compile(_LONE_LATIN.pattern, re.MULTILINE)
"""``_LONE_LATIN`` over lines joined by ``\\n``: a line's end is a ``$``, and no lookbehind crosses
into the line before (a newline is no Chinese character)."""


def repair_lines(lines: list[str]) -> list[str]:
    """Each line through ``repair_line`` and ``repair_number``.  A text with no latin letter after
    a Chinese character, no look-alike letter and no ``S`` is as it was: one search of the whole
    text says so (most texts), without a look-up and two searches a line."""
    joined = "\n".join(lines)
    if "S" not in joined and _LIKE_ANY.search(joined) is None and _LONE_LATIN_LINES.search(joined) is None:
        return list(lines)
    return [repair_number(repair_line(ln)) for ln in lines]


@lru_cache(maxsize=16_384)
def repair_line(line: str) -> str:
    """The line with each label that has one character read as a lone latin letter written right
    (``项目名称某项目主管部m某局`` → ``…主管部门某局``); a letter two labels could stand for stays."""
    if _LONE_LATIN.search(line) is None:
        return line
    view = simplified(line)
    chars = list(line)
    for m in _LONE_LATIN.finditer(view):
        meant = _meant_at(view, m.start())
        if meant is not None:
            chars[m.start()] = meant
    return "".join(chars)


def _meant_at(view: str, at: int) -> str | None:
    """The one character a label would have at ``at`` of the line, or None (no label, or two)."""
    holes = _holes()
    meant: set[str] = set()
    longest = _longest()
    for n in range(MIN_LABEL_CHARS, longest + 1):
        for i in range(n):
            start = at - i
            if start < 0 or start + n > len(view):
                continue
            window = view[start:at] + _HOLE + view[at + 1 : start + n]
            meant |= {label[i] for label in holes.get(window, ())}
    return meant.pop() if len(meant) == 1 else None


# --- a whole cell one character away from a label -------------------------------------------


def _is_label(text: str) -> bool:
    return L.known_label(text) or L.is_level1(text) or L.is_level2(text) or L.key(text) in L.SECTION_HEADINGS


def _near(k: str) -> frozenset[str]:
    """The labels one character away from the reduced text ``k``: one misread or lost (never the
    last: 完成率 and 完成值 are two words), one stray latin letter or figure added."""
    found: set[str] = set()
    for i in range(len(k)):
        if i < len(k) - 1:
            found |= _holes().get(k[:i] + _HOLE + k[i + 1 :], frozenset())
        if not _is_cjk(k[i]):
            rest = k[:i] + k[i + 1 :]
            if rest in _labels():
                found.add(rest)
    found |= {label for label in _shortened().get(k, frozenset()) if label[:-1] != k}
    return frozenset(found)


@lru_cache(maxsize=16_384)
def repair_cell_text(text: str, taken: frozenset[str] = frozenset()) -> str:
    """The label a whole cell stands for when it is one character away from exactly one label, or
    from labels of one meaning, and is no label itself (``实施単位`` → ``实施单位``); else the text
    as written.  ``taken``: labels the cell's row already has, which it cannot be a second time
    (``年预算数`` beside 全年预算数 is 年初预算数).  A trailing colon is kept; a cell with more than a
    label in it (points, brackets) is left alone."""
    near, colon = _near_text(text)
    meant = one_meaning(near - taken) if near else None
    return text if meant is None else meant + colon


@lru_cache(maxsize=16_384)
def _near_text(text: str) -> tuple[frozenset[str], str]:
    """The labels a whole cell is one character away from (none where it is too short or long, a
    label itself, or too few of it Chinese) and its trailing colon: what ``repair_cell_text`` reads
    of the text whatever the row's labels, remembered per text (asked again, with the row's labels,
    of every cell of a row that has labels)."""
    bare = "".join(simplified(unicodedata.normalize("NFKC", text)).split())
    colon = bare[-1:] if bare[-1:] in (":", "：") else ""
    k = bare[: len(bare) - len(colon)]
    if not MIN_LABEL_CHARS - 1 <= len(k) <= _longest() + 1 or k in _labels():
        return frozenset(), colon
    if len(_CJK.findall(k)) < MIN_LABEL_CHARS - 1 or _is_label(text):
        return frozenset(), colon
    return _near(k), colon


# --- numbers --------------------------------------------------------------------------------


_LIKE = "OoIl〇"
_LOOK_ALIKES = str.maketrans({"O": "0", "o": "0", "〇": "0", "l": "1", "I": "1"})
_NUMBER_RUN = re.compile(r"(?<![A-Za-z0-9.])[0-9OoIl〇][0-9OoIl〇.]*(?![A-Za-z0-9])")
"""A run of digits and their look-alikes, with no letter or figure on either side."""
_GROUPED = re.compile(r"(?<![\d.])\d{1,3}(?: \d{3})+(?:\.\d+)?(?![\d.])")
"""A number written with a gap between its thousands (``86 000.00``)."""


_FIVE = re.compile(r"(?<![A-Za-z0-9])(\d+)((?:S\d+)+)(?![A-Za-z0-9])")
"""Digits with an ``S`` between two of them, and no letter on either side (``3S2``, ``1S5``)."""


def repair_number(text: str) -> str:
    """Look-alike letters inside a number read as the digits they stand for (``1O0%`` → ``100%``,
    ``2O2l年`` → ``2021年``): only in a run of digits and look-alikes with a digit in it and no
    other letter beside it, and never a run that is all letters.  An ``S`` is a five only between
    two digits (``3S2个`` → ``352个``): a letter that is a word's more often than a nought's."""
    if "S" in text:
        text = _FIVE.sub(lambda m: m.group(1) + m.group(2).replace("S", "5"), text)
    if _LIKE_ANY.search(text) is None:
        return text
    return _NUMBER_RUN.sub(_digits, text)


_LIKE_ANY = re.compile(f"[{_LIKE}]")
"""Any look-alike letter: one search tells most texts have none."""


def _digits(m: re.Match[str]) -> str:
    """The run with each look-alike that has figures (a digit, a look-alike, a point) on both sides
    read as its digit, a per cent sign or a Chinese character after the run counting as a figure
    (``2O2l年``); ``l0`` and ``10l`` stay (a letter at a run's edge may be a word's)."""
    run, after = m.group(), m.string[m.end() : m.end() + 1]
    if not any(map(str.isdigit, run)) or run.count(".") > 1:
        return run
    padded = f" {run}{after if after and (after in '%‰' or _is_cjk(after)) else ' '}"
    out = []
    for k, ch in enumerate(run, start=1):
        sides = (padded[k - 1], padded[k + 1])
        ok = ch in _LIKE and all(s.isdigit() or s in _LIKE or s in ".%‰" or _is_cjk(s) for s in sides)
        ok = ok or (ch == "〇" and any(s.isdigit() for s in sides))
        out.append(ch.translate(_LOOK_ALIKES) if ok else ch)
    if _leading_one(m, run):
        out[0] = "1"
    return "".join(out)


_FIELD_EDGES = " \t|:："
"""What stands before a field of a row or cell: its start, a gap, a pipe or a label's colon."""
_LEADING_ONES = "lI"


def _leading_one(m: re.Match[str], run: str) -> bool:
    """An ``l`` or ``I`` opening a field that is one figure (``l00%``, ``I5``, ``l2公里``): a one —
    the rest of the run plain digits, the field starting right before it, nothing but a per cent
    sign or a short unit after it.  Never at a run's end (``10l`` is ten litres)."""
    if run[0] not in _LEADING_ONES or len(run) < 2 or not all(ch.isdigit() or ch == "." for ch in run[1:]):
        return False
    before = m.string[m.start() - 1] if m.start() else " "
    unit = _UNIT_AFTER.match(m.string, m.end())
    return before in _FIELD_EDGES and unit is not None


_UNIT_AFTER = re.compile(r"(?:[%‰]|[\u4e00-\u9fff]{1,2})?(?=[ \t|]|$)")
"""What may end a field that is one figure: a per cent sign or a unit of one or two Chinese
characters (公里, 个), then the field's end; a longer word (I5处理器) is a name."""


_TWO_APART = re.compile(r"2\s+(\d+(?:\.\d+)?)(\D.*)")
"""A ``2``, a gap, then a figure with its unit (``2 95%``, ``2 1000人``)."""
_SIGN_THEN_FIGURE = re.compile(r"(?:[≥≤><=＞＜]+|2\s+)?\d+(?:\.\d+)?(\D.*)")
"""A value, a sign or a ``2`` set apart before it, and its unit after the figure."""


def at_least_read_as_two(value: str | None, other: str | None) -> str | None:
    """``value`` (a row's 年度指标值 or 实际完成值) with a ``≥`` read as a ``2`` set apart from its
    figure given back (``2 95%`` → ``≥95%``) when ``other`` (the row's other value) has the same
    unit after its figure; else ``value`` as written."""
    if value is None or other is None:
        return value
    s = value.strip()
    if not s.startswith("2"):
        return value  # (most values: no ``2`` to have been a sign, asked without the patterns)
    m = _TWO_APART.fullmatch(s)
    o = _SIGN_THEN_FIGURE.fullmatch(other.strip())
    if m is None or o is None or m.group(2).strip() != o.group(1).strip():
        return value
    return with_at_least(value)


def reads_as_two(value: str, other: str | None = None) -> bool:
    """A value that may have had its ``≥`` read as a ``2`` (``2 95%``; ``295%`` beside an ``other``
    value of ``95%``): not to be taken as written."""
    s = value.strip()
    if _TWO_APART.fullmatch(s) is not None:
        return True
    o = (other or "").strip()
    return _TWO_GLUED.fullmatch(s) is not None and s[1:] == o  # (a unit after the figure: 20 beside 0 is no sign)


_TWO_GLUED = re.compile(r"2\d+(?:\.\d+)?\D.*")


def sign_misread(value: str | None) -> str | None:
    """``value`` with a ``≥`` a scanned page read as ``^`` or ``工`` (layouts' ``sign_misreads``) right
    before its figure given back (``^90%`` → ``≥90%``); else as written."""
    if not value or not value[1:2].isdigit() or value[0] not in L.SIGN_MISREADS:
        return value
    return "≥" + value[1:]


def with_at_least(value: str) -> str:
    """``2 95%`` (or ``295%``) read with its sign (``≥95%``); the text as written when it is no such value."""
    m = _TWO_APART.fullmatch(value.strip())
    if m is None:
        return "≥" + value.strip()[1:] if value.strip().startswith("2") else value
    return "≥" + m.group(1) + m.group(2)


def join_grouped(text: str) -> str:
    """A cell that is one number written with gaps between its thousands, joined (``86 000.00``)."""
    if " " not in text:
        return text  # no gap to join
    t = text.strip()
    return t.replace(" ", "") if _GROUPED.fullmatch(t) else text


# --- the passes on a document's cells ---------------------------------------------------------


def repair_cells(cells: list[Cell]) -> list[Cell]:
    """Each cell with its OCR slips repaired (a new cell where the text changes, same place); a
    cell near labels of two meanings is read again without the labels its row already has.
    Every cell's text goes through the remembered repairs at once (``map``); only a cell near
    labels that its first repair left as it was (hardly any) needs its row's labels, so the rows
    are worked out only when there is one."""
    texts = list(map(_repaired_number, [c.text for c in cells]))
    first = list(map(repair_cell_text, texts))
    pairs = enumerate(zip(texts, first, strict=True))
    again = [k for k, (text, fixed) in pairs if fixed == text and _near_text(text)[0]]
    if again:
        _with_row_labels(cells, texts, first, again)
    return [c if fixed == c.text else replace(c, text=fixed) for c, fixed in zip(cells, first, strict=True)]


def _with_row_labels(cells: list[Cell], texts: list[str], first: list[str], again: list[int]) -> None:
    """The cells at ``again`` repaired in ``first`` without the labels their row already has."""
    # the row each cell is in: its grid row, else its line
    rows: list[tuple[object, ...]] = [
        (c.sheet, c.page, "row", c.row) if c.row is not None else (c.sheet, c.page, "line", c.line) for c in cells
    ]
    taken = _labels_by_row(rows, first)
    for k in again:
        if row_labels := taken.get(rows[k]):
            first[k] = repair_cell_text(texts[k], row_labels)


@lru_cache(maxsize=32_768)
def _repaired_number(text: str) -> str:
    """``repair_number`` then ``join_grouped``, remembered per text: every cell of a document is
    repaired, and a batch's tables repeat their labels and figures cell for cell."""
    return join_grouped(repair_number(text))


def _labels_by_row(rows: list[tuple[object, ...]], texts: list[str]) -> dict[tuple[object, ...], frozenset[str]]:
    """Each row's labels (reduced), as its cells (in ``rows``) read after their first repair."""
    found: dict[tuple[object, ...], set[str]] = {}
    labels, key = _labels(), L.key
    for row, text in zip(rows, texts, strict=True):
        k = key(text)
        if k in labels:
            found.setdefault(row, set()).add(k)
    return {row: frozenset(v) for row, v in found.items()}
