"""A preview's indicator rows vouched for by the table's own evidence where its full marks cannot.

``preview_check`` keeps a preview's rows when their weights make the form's full marks.  Two
kinds of table cannot be checked so and are vouched for here instead:

* rows partly weighted (a scored form with sub-rows ``其中…`` that carry no weight, or a form
  whose weights do not make 100): kept when every 一级 declares its points (``产出指标(50分)``)
  and the weights of its rows make them — a row end missed or one too many would move a weight
  from one 一级 to the next or lose it;
* rows with no weight at all (a target form, a transfer region form without 分值): kept from
  the top down to the first row without the table's shape — a name that is no value, a
  target, an actual wherever another row has one, written in the same unit as its target
  (``≥95% | 98%``, ``3亩 | 3亩``) or as the same kind of text.  A row cut in the wrong place
  reads a name as a target, a target as an actual, or leaves a row without its value; the
  rows above it stand where they are, those below may be read one row up.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import groupby

from jixiao.ingest import labels as L
from jixiao.ingest.preview_values import value_end
from jixiao.model.evaluation import Indicator
from jixiao.model.vocabulary import declared_points

_FIGURE = re.compile(r"[≥≤><=≧≦]*\d[\d.,]*")


def levels_add_up(rows: list[Indicator]) -> bool:
    """Some row weighted, each score within its weight and none without it, and the weights under
    every 一级 making the points it declares (its names checked by ``preview_check``)."""
    if not any(r.weight is not None for r in rows):
        return False
    for r in rows:
        if r.score is not None and (r.weight is None or not Decimal(0) <= r.score <= r.weight):
            return False
    for label, group in groupby(rows, key=lambda r: r.level1):
        points = declared_points(label)
        weights = sum((r.weight for r in group if r.weight is not None), Decimal(0))
        if points is None or weights != points:
            return False
    return True


def vouched_groups(rows: list[Indicator]) -> int:
    """How many rows from the top lie in groups whose weights make the points declared for them:
    a 一级 group making its points (``产出指标(50分)``), or else each of its 二级 groups making
    theirs (``预算执行(15分)``), up to the first group that does not (a page cut off inside it, or
    a row end missed or one too many there).  Every row in them scored within its weight."""
    count = 0
    for label, group in groupby(rows, key=lambda r: r.level1):
        members = list(group)
        if _makes_points(label, members):
            count += len(members)
            continue
        for sub, part in groupby(members, key=lambda r: r.level2):
            parts = list(part)
            if not _makes_points(sub, parts):
                return count
            count += len(parts)
    return count


def _makes_points(label: str | None, rows: list[Indicator]) -> bool:
    """The rows' weights make the points their label declares, each score within its weight."""
    points = declared_points(label)
    if points is None or any(r.score is not None and (r.weight is None or not 0 <= r.score <= r.weight) for r in rows):
        return False
    return sum((r.weight for r in rows if r.weight is not None), Decimal(0)) == points


def unit_of(value: str) -> str | None:
    """What a value is written in: the words after its figure (``%``, ``亩``, ``年12月31日``), ``""``
    for a bare figure; None for a text with no figure (``已完成``)."""
    m = _FIGURE.search(value)
    if m is None:
        return None
    return re.sub(r"\d", "", value[m.end() :]).strip()


def same_kind(target: str, actual: str) -> bool:
    """A target and an actual written alike: both with the same unit (``≥95%`` and ``98%``), or
    both texts (``已完成``, ``逐步提高``)."""
    return unit_of(target) == unit_of(actual)


def shaped_rows(rows: list[Indicator]) -> int:
    """How many rows from the top have the table's shape, none weighted or scored: a name and a
    target, and an actual of the target's kind wherever some row has an actual (none where none
    has; names and targets also checked by ``preview_check``).  A row left without name and
    target (the reader's doubt) may be rows run together, a name holding a level label is (a
    row's end missed), and so is, in a table of targets alone, a name holding a value
    (``holds_value``) or a figure where the target is a bare figure: the rows below such a row
    may be read one row up, so the count stops there."""
    if any(r.weight is not None or r.score is not None for r in rows):
        return 0
    paired = any(r.actual for r in rows)
    return next((k for k, r in enumerate(rows) if not _shaped(r, paired)), len(rows))


def _shaped(row: Indicator, paired: bool) -> bool:
    """The row has the table's shape (``shaped_rows``): ``paired``, some row of it has an actual."""
    if not row.level1 or not row.name or not row.target or label_inside(row.name) or twice_inside(row.name):
        return False  # no 一级 read above it: the label it opened with (unknown) is in its name
    if paired:
        return bool(row.actual) and same_kind(row.target, row.actual or "")
    bare = unit_of(row.target) == "" and _FIGURE.search(row.name) is not None
    return not holds_value(row.name) and not bare  # ``…人数83预计全年…人数 | 53``: two rows


_LABEL_CHARS = (4, 9)
"""The lengths of a level label looked for inside a name (``产出指标`` … ``服务对象满意度指标``)."""


def label_inside(name: str) -> bool:
    """A 一级 or 二级 label inside a name, past its start (``…人数1472615935质量指标国家…``): rows
    run together whose end was missed."""
    least, most = _LABEL_CHARS
    for k in range(1, len(name)):
        for n in range(least, most + 1):
            word = name[k : k + n]
            if len(word) == n and not any(map(str.isdigit, word)) and (L.is_level1(word) or L.is_level2(word)):
                return True
    return False


def twice_inside(name: str) -> bool:
    """A written-out value written twice inside a name (``…是否客观公正是是家庭…``): a target and
    its actual alike, the row's end missed after them."""
    words = {w for w in L.QUALITATIVE if w}
    return any(w + w in name for w in words)


def holds_value(name: str) -> bool:
    """A name with a figure and its unit or per cent inside (``…人数83预计…``): in a table of
    targets alone, two rows run together whose first value was taken for a word of the name.  A
    value qualifying the words after it (``档次为100元的人数``, ``超过15年的``) is the name's own:
    no row's name opens with ``的``.  A figure straight after the words naming what a value
    measures (``…色带数量18卷…``, ``…覆盖率0.8…``) is a row's target whatever its unit."""
    for m in _FIGURE.finditer(name):
        end = value_end(name, m.start())
        if end is not None and not name.startswith(tuple(L.ATTRIBUTIVE_MARKS), end):
            return True
        if m.start() > 0 and name[: m.start()].endswith(tuple(L.MEASURE_ENDINGS)):
            return True  # a figure after what a value measures (``色带数量18卷…``): a row's target
    return False
