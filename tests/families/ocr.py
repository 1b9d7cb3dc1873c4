"""The ``ocr`` family: the national form as a scanned page's text layer reads it.

Seeded noise classes, each a slip OCR makes on print:

- a label with one of its inner characters read as a latin look-alike (主管部m), or, held out,
  lost (偏差原分析及改进措施) or written in traditional characters;
- a label justified across its cell (项 目 名 称);
- in a figure, a nought read as ``O`` / ``〇`` and a one as ``l`` / ``I`` between its digits;
  held out also a five read as ``S``, a target's ``≥`` read as ``2`` set apart (``2 95%``), and a
  score with its decimal point lost (``7.43`` → ``743``);
- the executed amount with its integer part lost (``.26``): no reading can give it back, so the
  document states none (``Doc.expected``) and the reader must leave it empty, never read 0.26.
"""

from __future__ import annotations

import random
import re
from dataclasses import asdict
from typing import Any

from tests.families.form import Grid, Labels, Style, layout, number
from tests.families.truth import Truth

_LATIN = "nmuwrtvxz"
_LATIN_HELD_OUT = "aehkpsy"
_LIKE = {"0": "O〇", "1": "lI", "5": "S"}
_TRADITIONAL = str.maketrans("项目称门实单位资金总额预执数级标际绩", "項目稱門實單位資金總額預執數級標際績")
_INNER_FIGURE = re.compile(r"(?<=\d)[01](?=\d)")
_INNER_FIGURE_HELD_OUT = re.compile(r"(?<=\d)[015](?=\d)")
_AT_LEAST = re.compile(r"≥(?=\d)")
_POINTED = re.compile(r"[1-9]\d?\.\d{1,2}")
"""A score with a point in it (``7.43``, ``12.5``)."""


def _label_words(lb: Labels) -> set[str]:
    return {v for v in asdict(lb).values() if isinstance(v, str) and len(v) >= 4 and not set(v) & set("（(")}


def _damage_label(text: str, rng: random.Random, held_out: bool) -> str:
    """One slip in a label: an inner character read as a latin letter; held out also lost, or
    the label in traditional characters; or the label justified (a space between characters)."""
    kind = rng.choice(["latin", "latin", "spaced", *(["lost", "traditional"] if held_out else [])])
    inner = rng.randrange(1, len(text) - 1)
    if kind == "latin":
        return text[:inner] + rng.choice(_LATIN + (_LATIN_HELD_OUT if held_out else "")) + text[inner + 1 :]
    if kind == "lost" and len(text) >= 5:
        return text[:inner] + text[inner + 1 :]
    if kind == "traditional":
        return text.translate(_TRADITIONAL)
    return " ".join(text)


def _damage_figure(text: str, rng: random.Random, held_out: bool) -> str:
    """A digit between digits read as its look-alike letter; held out also a five (``S``)."""
    inner = _INNER_FIGURE_HELD_OUT if held_out else _INNER_FIGURE
    return inner.sub(lambda m: rng.choice(_LIKE[m.group()]), text, count=1)


def ocr_grid(truth: Truth, rng: random.Random, held_out: bool, lb: Labels) -> tuple[Grid, dict[str, Any] | None]:
    """The national form with OCR slips, and what it still states (None: all of the truth)."""
    (grid,) = layout(truth, Style(labels=lb))
    words = _label_words(lb)
    rows = [list(r) for r in grid.rows]
    scores = _score_cells(rows, lb) if held_out else set()
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text in words and rng.random() < 0.5:
                row[c] = _damage_label(text, rng, held_out)
            elif (r, c) in scores and _POINTED.fullmatch(text) and rng.random() < 0.5:
                row[c] = text.replace(".", "")
            elif held_out and _AT_LEAST.match(text) and rng.random() < 0.5:
                row[c] = _AT_LEAST.sub("2 ", text, count=1)
            elif (_INNER_FIGURE_HELD_OUT if held_out else _INNER_FIGURE).search(text) and rng.random() < 0.5:
                row[c] = _damage_figure(text, rng, held_out)
    expected = _lose_executed(truth, rows, lb, rng)
    grid.rows = rows
    return grid, expected


def _score_cells(rows: list[list[str]], lb: Labels) -> set[tuple[int, int]]:
    """(row, column) of each indicator row's 得分: under the header that names the target, down
    to the total."""
    top = next((r for r, row in enumerate(rows) if lb.target in row and lb.score in row), None)
    if top is None:
        return set()
    at = rows[top].index(lb.score)
    out = set()
    for r in range(top + 1, len(rows)):
        if lb.total in rows[r]:
            break
        out.add((r, at))
    return out


def _lose_executed(truth: Truth, rows: list[list[str]], lb: Labels, rng: random.Random) -> dict[str, Any] | None:
    """The total's executed amount with its integer part lost (half of the tables that state one)."""
    executed = number(truth.funds("executed"))
    header = next((r for r in rows if lb.executed in r), None)
    total = next((r for r in rows if lb.total_funds in r), None)
    if "." not in executed or header is None or total is None or rng.random() < 0.5:
        return None
    at = header.index(lb.executed)
    if total[at] != executed:
        return None
    total[at] = executed[executed.index(".") :]
    data = dict(truth.data)
    data["funds"] = {**(data.get("funds") or {}), "executed": None}
    return data
