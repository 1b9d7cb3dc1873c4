"""The ``text_wording`` family: the national form as a text page words and prints it in many places,
the classes found by probing with invented documents (tests/test_ingest_text_probes.py).

Each document draws, from ``rng``:

- the indicator headers in other provinces' words: 权重 / 指标权重 / 分值（分） for 分值, 目标值 / 计划指标值
  for 年度指标值, 完成值 / 实际指标值 / 实际完成情况 for 实际完成值;
- the 得分 (and in part of the documents the 分值) of each row written with its points word (``9.5分``);
- the year under the title written short in brackets (（2021年）) or after a year label (评价年度：2021年);
- a page break inside the indicator rows: a continuation mark (续表, （续表）) or a page number, and in most
  documents the indicator header printed again in the words the table used;
- the targets' comparison signs written apart from their figures (``≥ 90%``; one cell per line: the
  sign on a line of its own);
- an 附件 line above the title and the 填表人 / 联系电话 / 填报日期 line under the table;
- the flattening: pipe rows, space-separated rows, one cell per line (tab-separated rows are how every
  grid family is written as .txt).

Held-out variants also use words tuning never sees (满分值, 考核目标值, 实际完成数, 续上表, 评价年度: 2021).
"""

from __future__ import annotations

import random
from dataclasses import replace

from tests.families.form import Grid, Labels, Style, layout
from tests.families.truth import Truth

_WEIGHT = (("权重", "指标权重", "分值（分）"), ("满分值", "分值(分)"))
_TARGET = (("目标值", "计划指标值"), ("考核目标值",))
_ACTUAL = (("完成值", "实际指标值", "实际完成情况"), ("实际完成数",))
_MARKS = (("续表", "（续表）", "第1页 共2页"), ("续上表", "- 1 -"))
_ANNEX = ("附件1", "附件2", "附表3")
_SIGNED = "填表人：张某某    联系电话：0931-8123456    填报日期：2024年3月15日"


def _pick(rng: random.Random, words: tuple[tuple[str, ...], tuple[str, ...]], held_out: bool) -> str:
    seen, held = words
    return rng.choice(seen + held if held_out else seen)


def _unmerged(grid: Grid) -> list[list[str]]:
    covered = grid.covered()
    return [["" if (r, c) in covered else t for c, t in enumerate(row)] for r, row in enumerate(grid.rows)]


def _labels(lb: Labels, rng: random.Random, held_out: bool) -> Labels:
    out = lb
    if rng.random() < 0.6:
        out = replace(out, row_weight=_pick(rng, _WEIGHT, held_out))
    if rng.random() < 0.5:
        out = replace(out, target=_pick(rng, _TARGET, held_out), actual=_pick(rng, _ACTUAL, held_out))
    return out


def _span(rows: list[list[str]], lb: Labels) -> tuple[int, int]:
    """The indicator header's row and the 总分 row (the rows between are the indicators)."""
    head = next(i for i, r in enumerate(rows) if lb.level1 in r and lb.name in r)
    end = next((i for i in range(head + 1, len(rows)) if rows[i][:1] == [lb.total]), len(rows))
    return head, end


def _points_word(rows: list[list[str]], lb: Labels, rng: random.Random) -> None:
    """The rows' 得分 (and maybe 分值) written with the points word: ``10分``."""
    head, end = _span(rows, lb)
    header = rows[head]
    columns = [header.index(lb.row_score or lb.score)]
    if rng.random() < 0.5:
        columns.append(header.index(lb.row_weight or lb.weight))
    for i in range(head + 1, end):
        for c in columns:
            text = rows[i][c]
            if text and text.replace(".", "", 1).isdigit():
                rows[i][c] = text + "分"


def _signs_apart(rows: list[list[str]], lb: Labels) -> None:
    """Each target's comparison sign followed by a space (``≥ 90%``)."""
    head, end = _span(rows, lb)
    column = rows[head].index(lb.target)
    for i in range(head + 1, end):
        text = rows[i][column]
        if text[:1] in _SIGNS and text[1:2].isdigit():
            rows[i][column] = f"{text[0]} {text[1:]}"


_SIGNS = "≥≤=＝<>≧≦"


def _year(rows: list[list[str]], truth: Truth, rng: random.Random, held_out: bool) -> None:
    year = truth.data.get("year")
    at = next((i for i, r in enumerate(rows[:3]) if r[0] == f"（{year}年度）"), None)
    if year is None or at is None or rng.random() < 0.4:
        return
    forms = [f"（{year}年）", f"评价年度：{year}年"] + ([f"评价年度: {year}"] if held_out else [])
    rows[at][0] = rng.choice(forms)


def _broken(rows: list[list[str]], lb: Labels, rng: random.Random, held_out: bool) -> list[list[str]]:
    """A page break after one of the indicator rows: its mark, and the header printed again."""
    head, end = _span(rows, lb)
    if end - head < 3 or rng.random() < 0.3:
        return rows
    cut = rng.randint(head + 2, end - 1)
    mark = [_pick(rng, _MARKS, held_out)] + [""] * (len(rows[0]) - 1)
    again = [["", *rows[head][1:]]] if rng.random() < 0.8 else []
    return [*rows[:cut], mark, *again, *rows[cut:]]


def _flat(rows: list[list[str]], how: str) -> list[str]:
    if how == "pipes":
        return ["| " + " | ".join(r) + " |" for r in rows]
    if how == "spaced":
        return [" ".join(c for c in r if c) for r in rows]
    return [c for r in rows for c in r if c]


def text_wording(truth: Truth, rng: random.Random, held_out: bool, lb: Labels) -> list[str]:
    """The document's lines (the truth as it is: every variation keeps what the table states)."""
    lb = _labels(lb, rng, held_out)
    (grid,) = layout(truth, Style(labels=lb))
    rows = _unmerged(grid)
    if rng.random() < 0.6:
        _points_word(rows, lb, rng)
    _year(rows, truth, rng, held_out)
    if rng.random() < 0.3:
        _signs_apart(rows, lb)
    rows = _broken(rows, lb, rng, held_out)
    how = rng.choice(["pipes", "spaced", "one"])
    lines = _flat(rows, how)
    if how == "one":
        lines = [p for line in lines for p in (line.split(" ", 1) if line[:1] in _SIGNS else [line])]
    if rng.random() < 0.5:
        lines = [rng.choice(_ANNEX), *lines]
    if rng.random() < 0.5:
        lines = [*lines, _SIGNED]
    return lines
