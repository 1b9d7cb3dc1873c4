"""The reader's speed shortcuts answer exactly as the tests they spare: a shortcut may only say
"certainly not" where the full test says not."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.ingest import labels as L
from jixiao.ingest.cell_passes import (
    _ANY,
    _BOUND,
    _CLOSED,
    _CLOSES,
    _INSIDE,
    _OPENS,
    _SEPARATE,
    _STABLE,
    _WILD,
    _below,
    _joins,
    _wrapped,
    _wrapped3,
    merge_wrapped,
)
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
    assert L.label_parts() is not None
    checked = 0
    words = set(_every_label())
    for label in [*words, "产出指标50", "效益指标12.5"]:
        for cut in range(1, len(label)):
            a, b = label[:cut], label[cut:]
            if L.is_plain(a) and L.is_plain(b):
                checked += 1
                assert L.could_open_label(L.key(a)), (a, b)
                assert _joins(a) & _OPENS and _joins(b) & _CLOSES, (a, b)
                cells = [Cell(a, line=1), Cell(b, line=2)]
                assert _fast_merge(cells) == _slow_merge(cells)
            for cut2 in range(cut + 1, len(label) if label in words else 0):  # 3 pieces: a header
                a, b, c = label[:cut], label[cut:cut2], label[cut2:]
                if L.is_plain(a) and L.is_plain(b) and L.is_plain(c):
                    assert _joins(a) & _OPENS and _joins(b) & _INSIDE and _joins(c) & _CLOSES, (a, b, c)
    assert checked > 300


def test_values_run_together_are_passed_over() -> None:
    assert not _joins("98.5%") & _OPENS and not _joins("覆盖人数") & _OPENS
    assert not _joins("≥266米") & (_INSIDE | _CLOSES)
    assert _joins("项目") & _WILD and _joins("项目资金情况") & _WILD  # 项目资金… is a label whatever follows
    assert _joins("产出指标(50分)") & _ANY == _ANY & ~_WILD  # not plain: any join may hold but 项目资金…
    assert _joins("项目资金(万元)") & _WILD and _joins("(10分)") & _WILD  # (its key is empty)
    assert _joins("13043个") & _CLOSED and _joins("—") & _BOUND and not _joins("50") & _CLOSED
    for a, b in (("0", "分"), ("产出指标", "(50分)"), ("项", "目资金情况"), ("项目资金", "情况")):
        cells = [Cell(a, line=1), Cell(b, line=2)]
        assert _fast_merge(cells) == _slow_merge(cells)
    assert _fast_merge([Cell("0", line=1), Cell("分", line=2)]) == [("0分", 1)]  # a points mark


def test_characters_that_keep_a_join_normalised_compose_with_nothing() -> None:
    """``_SEPARATE``: no Unicode composition takes these as a later part, none reorders them."""
    later = set()
    for code in range(0x110000):
        ch = chr(code)
        decomposition = unicodedata.decomposition(ch)
        if unicodedata.combining(ch):
            later.add(ch)
        if decomposition and not decomposition.startswith("<"):
            later.update(chr(int(x, 16)) for x in decomposition.split()[1:])
    later.update(chr(c) for c in (*range(0x1161, 0x1176), *range(0x11A8, 0x11C3)))  # Hangul vowels, finals
    assert not any(_SEPARATE.match(ch) or _STABLE.match(ch) for ch in later)
    assert all(unicodedata.normalize("NFKC", chr(c)) == chr(c) for c in range(0x10000) if _STABLE.match(chr(c)))


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
        m.setattr(L, "LABEL_PARTS", None)
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


def test_display_width_and_spaces_as_character_by_character() -> None:
    """``_display_width`` adds each character's remembered width; ``_SPACE`` is ``str.isspace``."""
    from jixiao.ingest import normalise as N

    def by_character(line: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)

    for code in [*range(0x10000), *range(0x10000, 0x110000, 97)]:
        ch = chr(code)
        assert N._display_width("项目" + ch + "a") == by_character("项目" + ch + "a"), hex(code)
        assert (N._SPACE.search(ch) is not None) == ch.isspace(), hex(code)
    assert N._display_width("项目名称 (2023年度)") == 19 and N._display_width("𠀀项") == 4


def test_sheet_formats_scan_the_cells_only_when_a_style_gives_a_number_format() -> None:
    """Styles giving no number format show every cell as General: the sheet's cells are not
    scanned for their styles; with one, the cell styled by it shows it."""
    from jixiao.ingest.cell_formats import SheetFormats

    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    sheet = b'<worksheet><sheetData><row r="1"><c r="A1" s="1"><v>0.5</v></c><c r="B1"><v>2</v></c></row></sheetData>'
    plain = f'<styleSheet {ns}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="0"/></cellXfs></styleSheet>'
    percent = f'<styleSheet {ns}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="10"/></cellXfs></styleSheet>'
    general = SheetFormats(plain.encode(), sheet)
    assert general.code("A1") is None and general.code("B1") is None and general._cells == {}
    shown = SheetFormats(percent.encode(), sheet)
    assert shown.code("A1") == "0.00%" and shown.code("B1") is None and shown._cells == {b"A1": 1}


_HEADER_LETTERS = sorted(set("行次序号號ID编码編碼指标ＩＤⅠⅮ項目 (分)1:") | {"\u0301"})
_HEADER_TEXT = st.text(alphabet=st.sampled_from(_HEADER_LETTERS), max_size=6)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_HEADER_TEXT)
def test_a_passed_over_header_is_never_ruled_out(text: str) -> None:
    from jixiao.ingest.cells import _passed_over

    assert _passed_over(text) == (L.key(text) in L.SKIP_HEADERS)


def test_every_seed_piece_is_passed_over_as_without_the_shortcut() -> None:
    from jixiao.ingest.cells import _passed_over

    pieces = [p for f in sorted(SEEDS.glob("*.txt")) for line in f.read_text(encoding="utf-8").splitlines()
              for p in line.split("\t")]  # fmt: skip
    pieces += [*sorted(L.SKIP_HEADERS), "行 次", "ＩＤ", "序號", "指標編碼"]
    assert [_passed_over(p) for p in pieces] == [L.key(p) in L.SKIP_HEADERS for p in pieces]
    assert sum(_passed_over(p) for p in pieces) >= len(L.SKIP_HEADERS) + 4


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(row=st.lists(_HEADER_TEXT, max_size=5))
def test_a_row_said_to_hold_no_passed_over_header_holds_none(row: list[str]) -> None:
    from jixiao.ingest.cells import _none_passed_over

    if _none_passed_over(row):
        assert not any(L.key(p) in L.SKIP_HEADERS for p in row)
