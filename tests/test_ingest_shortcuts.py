"""The reader's speed shortcuts answer exactly as the tests they spare: a shortcut may only say
"certainly not" where the full test says not."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.ingest import labels as L
from jixiao.ingest.cell_passes import _below, _wrapped, _wrapped3, merge_wrapped
from jixiao.ingest.cells import Cell, text_cells
from jixiao.ingest.sections.columns import _fit, align
from jixiao.model.writing import _traditional

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _every_label() -> list[str]:
    L._named("PROJECT_NAME")  # the shipped catalogue installed
    words = [w for group in L._known_sets(L._active) for w in group]  # type: ignore[arg-type]
    return sorted(set(words) | set(L.FRAMEWORK_LEVEL1))


def test_plain_texts() -> None:
    assert L.is_plain("覆盖人数") and L.is_plain("≥266米") and L.is_plain("98.5%")
    assert not L.is_plain("产出指标(50分)") and not L.is_plain("项目名称:") and not L.is_plain("项 目")
    assert not L.is_plain("") and not L.is_plain("ＡＢ")  # full-width letters are not NFKC yet


def test_no_traditional_character_reads_as_a_mark_the_key_takes_away() -> None:
    assert not any(L._not_plain().search(v) for v in _traditional().values())


def _slow_merge(cells: list[Cell]) -> list[tuple[str, int | None]]:
    """The wrapped-label pass as it was before its shortcut: every join tested."""
    out, i = [], 0
    while i < len(cells):
        span = 1
        if i + 1 < len(cells) and _below(cells[i], cells[i + 1]):
            if (
                i + 2 < len(cells)
                and _below(cells[i + 1], cells[i + 2])
                and _wrapped3(cells[i].text, cells[i + 1].text, cells[i + 2].text)
            ):
                span = 3
            elif _wrapped(cells[i].text, cells[i + 1].text):
                span = 2
        out.append(("".join(c.text for c in cells[i : i + span]), cells[i].line))
        i += span
    return out


def _fast_merge(cells: list[Cell]) -> list[tuple[str, int | None]]:
    return [(c.text, c.line) for c in merge_wrapped(cells)]


def test_a_label_cut_anywhere_is_never_ruled_out() -> None:
    initials = L.label_initials()
    assert initials is not None
    checked = 0
    for label in _every_label():
        for cut in range(1, len(label)):
            a, b = label[:cut], label[cut:]
            if L.is_plain(a) and L.is_plain(b):
                checked += 1
                assert L.key(a)[0] in initials, (a, b)
                cells = [Cell(a, line=1), Cell(b, line=2)]
                assert _fast_merge(cells) == _slow_merge(cells)
    assert checked > 300


_LETTERS = {ch for w in ("一级指标", "满意度", "预算数", "年度", "项目资金", "数量") for ch in w}
_TEXT = st.text(
    alphabet=st.sampled_from(sorted(_LETTERS | set("0123456789.%≥≤米人次覆盖率(分)"))), min_size=1, max_size=6
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(_TEXT, min_size=1, max_size=8))
def test_the_pass_joins_as_without_its_shortcut(texts: list[str]) -> None:
    cells = [Cell(t, line=n) for n, t in enumerate(texts)]
    assert _fast_merge(cells) == _slow_merge(cells)


def test_every_seed_is_joined_as_without_the_shortcut() -> None:
    for f in sorted(SEEDS.glob("*.txt")):
        cells = text_cells(f.read_text(encoding="utf-8"))
        assert _fast_merge(cells) == _slow_merge(cells), f.name


def _full_align(values: list[str], cols: list[L.Column]) -> dict[L.Column, int] | None:
    """The column match over every cell of the table (before it kept to the band that can lead to
    a full match)."""
    n, m = len(values), len(cols)
    if n == m:
        return {col: k for k, col in enumerate(cols)} if all(map(_fit, cols, values)) else None
    neg = -(10**6)
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    choice: list[list[tuple[int, int, bool] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0] = [0] * (m + 1)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            if best[i][j - 1] > best[i][j]:
                best[i][j], choice[i][j] = best[i][j - 1], (i, j - 1, False)
            fit = _fit(cols[j - 1], values[i - 1])
            if fit is not None and best[i - 1][j - 1] > neg and best[i - 1][j - 1] + fit > best[i][j]:
                best[i][j], choice[i][j] = best[i - 1][j - 1] + fit, (i - 1, j - 1, True)
    if best[n][m] <= neg // 2:
        return None
    out: dict[L.Column, int] = {}
    i, j = n, m
    while i > 0 and j > 0 and (step := choice[i][j]) is not None:
        if step[2]:
            out[cols[j - 1]] = i - 1
        i, j = step[0], step[1]
    return out if len(out) == n else None


_CELL_TEXTS = ("10", "9.5", "≥90%", "95%", "100人", "完成", "/", "受天气影响，下年加强管理", "正向", "个", "20%", "")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    values=st.lists(st.sampled_from(_CELL_TEXTS), max_size=7),
    cols=st.lists(st.sampled_from(list(L.Column)), max_size=8, unique=True),
)
def test_the_column_match_is_that_of_the_full_table(values: list[str], cols: list[L.Column]) -> None:
    assert align(values, cols) == _full_align(values, cols)


_LABEL_TESTS = (L.known_label, L.is_level1, L.is_level2)


def _unshortened(monkeypatch: pytest.MonkeyPatch, texts: list[str]) -> list[tuple[bool, ...]]:
    """Each label test of each text as it answers with no initials to go by."""
    with monkeypatch.context() as m:
        m.setattr(L, "LABEL_INITIALS", None)
        return [tuple(test.__wrapped__(t) for test in _LABEL_TESTS) for t in texts]


def _shortened(texts: list[str]) -> list[tuple[bool, ...]]:
    return [tuple(test.__wrapped__(t) for test in _LABEL_TESTS) for t in texts]


def test_the_label_tests_answer_as_without_their_shortcut(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [c.text for f in sorted(SEEDS.glob("*.txt")) for c in text_cells(f.read_text(encoding="utf-8"))]
    texts += [*_every_label(), "15", "≥90%", "覆盖人数", "2023年", "产出指标50", "成本指标", "满意度10"]
    assert _shortened(texts) == _unshortened(monkeypatch, texts)
    assert any(any(r) for r in _shortened(texts)) and sum(L._opens_no_label(t) for t in texts) > 300


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(_TEXT, min_size=1, max_size=10))
def test_generated_texts_answer_as_without_the_shortcut(monkeypatch: pytest.MonkeyPatch, texts: list[str]) -> None:
    assert _shortened(texts) == _unshortened(monkeypatch, texts)
