"""A merged cell holding labels with their values: ``项目名称：xxx``, or several in one cell
(``项目名称：xxx    主管部门：yyy    实施单位：zzz``), as system exports write a form's header.

The office readers know which cells are merged; a wide merged cell that begins with a short
label and a colon is handed on as label and value cells side by side, which is how the same
header reads in the national form.  Nothing here knows which labels exist: a label is a short
run of Chinese characters (or single characters spaced out, as justified text has them)
before ``：`` or ``:``; only cells merged across ``MIN_SPAN`` columns or more are split, so a
plain cell such as ``其中：当年财政拨款`` stays whole.
"""

from __future__ import annotations

import re

MIN_SPAN = 3
"""Columns a merged cell must cover before it is read as label/value pairs."""

_LABEL = r"(?:[\u4e00-\u9fff][\u4e00-\u9fff()（）]{1,11}|[\u4e00-\u9fff](?: [\u4e00-\u9fff]){1,7})"
_FIRST = re.compile(rf"^\s*({_LABEL})\s*[:：]")
_NEXT = re.compile(rf"(?:^|(?<!\s)\s)\s*+({_LABEL})\s*[:：]")  # a run of spaces entered once


def split_pairs(text: str, span: int) -> list[str] | None:
    """``[label, value, label, value, …]`` for a merged header cell, or None to keep the cell whole."""
    if span < MIN_SPAN or _FIRST.match(text) is None:
        return None
    marks = list(_NEXT.finditer(text))
    out: list[str] = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        out += [m.group(1), text[m.end() : end].strip()]
    if not any(out[1::2]):
        return None  # labels with no values: a header row written in one cell, left as it is
    return out
