"""The ``text_mixed`` family: text pages that show two flattenings and variations at once, as real
pages do and no single text family writes.

Each document draws, from ``rng``:

- the form: the national form, or the 四川 form whose target is split over 指标性质 | 指标值 | 度量单位;
- the indicator columns: as the form has them, 分值 before 年度指标值, 得分 before 实际完成值, or an
  extra 指标方向 (正向 / 反向) or 计算符号 column (the target's sign in a column of its own);
- the flattening: pipe rows (``| a |  | c |``), one cell per line, or cells closed by ``|`` one per line;
- a page break inside the indicator rows, the next page's rows going on without their header after
  the page's furniture (第 1 页 共 2 页, a printed page's URL and ``1/2``);
- in part of the documents every label and value in traditional characters (the truth then in them too).

Held-out variants also use furniture and column words tuning never sees (``- 1 -``, 共2页 第1页, a URL
with its page count on one line, 计算符号 after 实际完成值).
"""

from __future__ import annotations

import random
import re
from typing import Any

from tests.families.form import Labels, Style, layout
from tests.families.truth import Truth

_TRADITIONAL = str.maketrans(
    "项目称门实单位资金总额预执数级标际绩值产质时效满意度社会经济财务调查规范计划进达与为对发现这个业执行权重说评价线量补助区域转移支付况并计设备维护",
    "項目稱門實單位資金總額預執數級標際績值產質時效滿意度社會經濟財務調查規範計劃進達與為對發現這個業執行權重說評價線量補助區域轉移支付況並計設備維護",
)
_FURNITURE = (["第 1 页 共 2 页"], ["https://www.example.gov.cn/zwgk/art/2022/3/1/art_1_234.html", "1/2"])
_FURNITURE_HELD_OUT = (["- 1 -"], ["共2页 第1页"], ["http://www.example.gov.cn/col/col123/index.html 1/2"])
_SIGN = re.compile(r"^(≥|≤|=|＝|>=|<=|<|>)(.+)$")
_TAIL = 5
"""Cells of an indicator row after its name, as the national form has them: target, actual, 分值, 得分, note."""


def _translated(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_TRADITIONAL)
    if isinstance(value, dict):
        return {k: _translated(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_translated(v) for v in value]
    return value


def _span(rows: list[list[str]], lb: Labels) -> tuple[int, int]:
    """The indicator header's row and the 总分 row (the rows between are the indicators)."""
    head = next(i for i, r in enumerate(rows) if lb.level1 in r and lb.name in r)
    end = next((i for i in range(head + 1, len(rows)) if rows[i][:1] == [lb.total]), len(rows))
    return head, end


def _reordered(rows: list[list[str]], head: int, end: int, order: tuple[int, ...]) -> None:
    for i in range(head, end):
        tail = rows[i][-_TAIL:]
        rows[i] = rows[i][:-_TAIL] + [tail[k] for k in order]


def _direction(rows: list[list[str]], head: int, end: int, rng: random.Random) -> None:
    """指标方向 after the name: whether a larger figure is better, no part of the target."""
    for i in range(head, end):
        cell = "指标方向" if i == head else rng.choice(["正向", "反向"])
        rows[i] = [*rows[i][:-_TAIL], cell, *rows[i][-_TAIL:]]


def _sign_column(rows: list[list[str]], head: int, end: int, after_actual: bool) -> None:
    """计算符号: the target's sign in a column of its own, before the target or after the actual."""
    for i in range(head, end):
        tail = rows[i][-_TAIL:]
        m = _SIGN.match(tail[0])
        sign, target = ("计算符号", tail[0]) if i == head else ((m[1], m[2]) if m else ("", tail[0]))
        cells = [sign, target, tail[1]] if not after_actual else [target, tail[1], sign]
        rows[i] = rows[i][:-_TAIL] + cells + tail[2:]


def _columns(rows: list[list[str]], lb: Labels, rng: random.Random, held_out: bool, split: bool) -> None:
    """One change to the indicator columns, or none."""
    head, end = _span(rows, lb)
    kind = rng.choice(["none", "weight_first", "score_first", "direction", "sign"])
    if split:
        return  # the split form keeps its own columns (its header is two rows)
    if kind == "weight_first":
        _reordered(rows, head, end, (2, 0, 1, 3, 4))
    elif kind == "score_first":
        _reordered(rows, head, end, (0, 3, 2, 1, 4))
    elif kind == "direction":
        _direction(rows, head, end, rng)
    elif kind == "sign":
        _sign_column(rows, head, end, after_actual=held_out and rng.random() < 0.5)


def _flat(rows: list[list[str]], how: str) -> list[str]:
    if how == "pipes":
        return ["| " + " | ".join(r) + " |" for r in rows]
    if how == "cell_pipes":
        return [f"{c}|" for r in rows for c in r]
    return [c for r in rows for c in r if c]


def _broken(rows: list[list[str]], lb: Labels, how: str, rng: random.Random, held_out: bool) -> list[str]:
    """The rows flattened, a page break with its furniture after one of the indicator rows."""
    head, end = _span(rows, lb)
    if end - head < 3 or rng.random() < 0.2:
        return _flat(rows, how)
    cut = rng.randint(head + 2, end - 1)
    furniture = rng.choice(_FURNITURE + (_FURNITURE_HELD_OUT if held_out else ()))
    return [*_flat(rows[:cut], how), *furniture, *_flat(rows[cut:], how)]


def text_mixed(truth: Truth, rng: random.Random, held_out: bool, lb: Labels) -> tuple[list[str], dict[str, Any] | None]:
    """The document's lines and what it states (None: the truth as it is)."""
    split = rng.random() < 0.3
    (grid,) = layout(truth, Style(labels=lb, split_target=split))
    rows = grid.visible_rows()
    if split:  # the split header's second row stands under the first
        head, _end = _span(rows, lb)
        rows[head + 1] = [c for c in rows[head + 1] if c]
    _columns(rows, lb, rng, held_out, split)
    lines = _broken(rows, lb, rng.choice(["pipes", "one", "cell_pipes"]), rng, held_out)
    if rng.random() < 0.3:
        return [ln.translate(_TRADITIONAL) for ln in lines], _translated(truth.data)
    return lines, None
