"""The labels that identify a self-evaluation table's parts, as the field writes them.

Recognition is by content: a cell is a label when, reduced by ``key`` (no spaces, no ``(50分)``,
traditional characters read as simplified), it is one of a layout's labels.  The label sets come
from the layout files (``jixiao/ingest/layouts/*.toml``), merged into one catalogue on first use;
``PROJECT_NAME``, ``INDICATOR_HEADERS`` … are read from it by name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

from jixiao.ingest.layouts.schema import Catalogue, Column, FundColumn, Level, catalogue
from jixiao.ingest.normalise import label_key as key
from jixiao.model.vocabulary import is_points_mark, level2_names, vocabulary, without_points

__all__ = ["Column", "FundColumn", "Level", "key", "use_catalogue"]

_active: Catalogue | None = None


def _install(cat: Catalogue | None) -> None:
    """Make the catalogue's label sets this module's attributes (plain lookups from then on)."""
    global _active
    _active = cat
    names = globals()
    for name, get in _FROM_CATALOGUE.items():
        if cat is None:
            names.pop(name, None)
        else:
            names[name] = get(cat)


def use_catalogue(cat: Catalogue | None) -> None:
    """Read with these layouts from now on (None: the shipped ones and ``JIXIAO_LAYOUTS``'s)."""
    _install(cat)
    for fn in (fund_source, ends_table, is_level1, is_level2, known_label, is_indicator_heading, is_subheader,
               _furniture):  # fmt: skip
        fn.cache_clear()
    from jixiao.ingest import assemble

    assemble.clear_caches()


_FROM_CATALOGUE: dict[str, Callable[[Catalogue], Any]] = {
    "PROJECT_NAME": lambda c: set(c.fields["project_name"]),
    "DEPARTMENT_ORDER": lambda c: tuple(c.fields["department"]),
    "DEPARTMENT": lambda c: set(c.fields["department"]),
    "IMPLEMENTING_UNIT": lambda c: set(c.fields["implementing_unit"]),
    "PROJECT_ATTRIBUTE": lambda c: set(c.fields["project_attribute"]),
    "PROJECT_PERIOD": lambda c: set(c.fields["project_period"]),
    "BUDGET_LABELS": lambda c: c.budget_labels,
    "EXECUTED_LABELS": lambda c: c.executed_labels,
    "FUND_TOTAL": lambda c: c.fund_total,
    "FUND_SOURCES": lambda c: c.fund_sources,
    "FUND_HEADERS": lambda c: c.fund_headers,
    "GOAL_EXPECTED": lambda c: c.goal_expected,
    "GOAL_ACTUAL": lambda c: c.goal_actual,
    "INDICATOR_HEADERS": lambda c: c.indicator_headers,
    "COLUMN_WORDS": lambda c: c.column_words,
    "GENERIC_COLUMN_WORDS": lambda c: c.generic_column_words,
    "FUND_COLUMN_WORDS": lambda c: c.fund_column_words,
    "FIELD_WORD_ENDS": lambda c: c.field_word_ends,
    "FIELD_WORDS": lambda c: c.field_words,
    "GRADE_LABELS": lambda c: c.grade_labels,
    "LEVEL_HEADERS": lambda c: c.level_headers,
    "NAME_HEADERS": lambda c: c.name_headers,
    "LEVEL1_HEADERS": lambda c: c.level1_headers,
    "LEVEL2_HEADERS": lambda c: c.level2_headers,
    "NUMBERING": lambda c: c.numbering,
    "TOTAL": lambda c: c.totals,
    "TABLE_END": lambda c: c.table_end,
    "SCORING_SHEET": lambda c: c.scoring_sheet,
    "FRAMEWORK_LEVEL1": lambda c: c.framework_level1,
    "SECTION_HEADINGS": lambda c: c.sections,
    "QUALITATIVE": lambda c: c.qualitative,
    "QUALIFIERS": lambda c: c.qualifiers,
    "NAME_ENDINGS": lambda c: c.name_endings,
    "GRADE_SCALE": lambda c: c.grade_scale,
    "VALUE_BOUNDS": lambda c: c.value_bounds,
    "PER_PREFIXES": lambda c: c.per_prefixes,
    "MEASURE_ENDINGS": lambda c: c.measure_endings,
    "PER_UNIT_PREFIXES": lambda c: c.per_unit_prefixes,
    "ATTRIBUTIVE_MARKS": lambda c: c.attributive_marks,
    "SHEET_TOTAL": lambda c: c.sheet_total,
    "SCORE_TOTALS": lambda c: c.score_totals,
    "SHEET_GRADE": lambda c: c.sheet_grade,
    "FORM_END": lambda c: c.form_end,
    "STAGED_FUNDS": lambda c: c.staged_funds,
    "FUND_HEADER_PREFIXES": lambda c: c.fund_header_prefixes,
    "UNIT_MARKS": lambda c: c.unit_marks,
    "FUND_UNIT_LINES": lambda c: c.fund_unit_lines,
    "UNIT_SIZES": lambda c: c.unit_sizes,
    "AMOUNT_WITH_UNIT": lambda c: c.amount_with_unit,
    "POINTS_WORDS": lambda c: c.points_words,
    "GOAL_OVERALL": lambda c: c.goal_overall,
    "METHOD_WORDS": lambda c: c.method_words,
    "NATURE_WORDS": lambda c: c.nature_words,
    "NOT_APPLICABLE": lambda c: c.not_applicable,
    "SELF_SCORE": lambda c: c.self_score,
    "WEIGHT_SUMS": lambda c: c.weight_sums,
    "SHEET_END": lambda c: c.sheet_end,
    "LABEL_TAILS": lambda c: c.label_tails,
    "REPORTS": lambda c: c.reports,
    "NARRATIVES": lambda c: c.narratives,
    "LEVEL2_UNDER_LEVEL1": lambda c: c.level2_under_level1,
    "NOTE_PLACEHOLDERS": lambda c: c.note_placeholders,
    "PART_PREFIXES": lambda c: c.part_prefixes,
    "LEVEL_SUFFIX": lambda c: c.level_suffix,
    "CLOSING_ROWS": lambda c: c.closing_rows,
    "RECHECK_SHEETS": lambda c: c.recheck_sheets,
    "FUND_PARTS": lambda c: c.fund_parts,
    "TITLE_WORDS": lambda c: c.titles["words"],
    "TITLE_FORMS": lambda c: c.titles["forms"],
    "DEPARTMENT_OVERALL_TITLES": lambda c: c.titles["department_overall"],
    "TARGET_TITLES": lambda c: c.titles["targets"],
    "SELF_EVALUATION_TITLES": lambda c: c.titles["self_evaluation"],
    "YEAR_WORDS": lambda c: c.titles["year"],
    "YEAR_LOOSE_WORDS": lambda c: c.titles["year_loose"],
    "YEAR_LOOSE_IN": lambda c: c.titles["year_loose_in"],
    "YEAR_MARKS": lambda c: c.titles["year_marks"],
    "YEAR_CELLS": lambda c: tuple(re.compile(p) for p in c.titles["year_cells"]),
    # unions asked of every cell, made once per catalogue
    "KNOWN_LABELS": lambda c: frozenset().union(*_known_sets(c)),
    "HEADING_LABELS": lambda c: frozenset().union(c.indicator_headers, c.level_headers, c.sections),
    "LABEL_PARTS": lambda c: _label_parts(c),
    "SKIP_HEADERS": lambda c: frozenset(k for k, col in c.indicator_headers.items() if col is Column.SKIP),
    "COLUMN_ORDERS": lambda c: c.column_orders,
    "TITLE_KINDS": lambda c: c.title_kinds,
    "REASON_SECTIONS": lambda c: c.reason_sections,
    "SOURCE_PATTERNS": lambda c: c.source_patterns,
    "SOURCE_PREFIXES": lambda c: c.source_prefixes,
    "FUNDS_POINTS": lambda c: c.funds_points,
    "LEVEL1_WORDS": lambda c: c.level1_words,
    "LEVEL_ENDINGS": lambda c: c.level_endings,
    "SUBHEADERS": lambda c: c.subheaders,
    "TIME_LIMITS": lambda c: c.time_limits,
    "SIGN_MISREADS": lambda c: c.sign_misreads,
    "LABEL_PREFIXES": lambda c: c.label_prefixes,
    "OTHER_LABELS": lambda c: c.other_labels,
    "RUN_TOGETHER": lambda c: c.run_together,
    "RUN_TOGETHER_UNITS": lambda c: c.run_together_units,
    "NAME_WORDS": lambda c: c.name_words,
    "KIND_COMPOUNDS": lambda c: c.kind_compounds,
    # patterns made once per catalogue
    "LEVEL1_PATTERN": lambda c: _ending_pattern(c.level1_words, c.level_endings),
    "LEVEL2_PATTERN": lambda c: _ending_pattern(level2_names(), c.level_endings, c.level_list_marks),
    "PAGE_END": lambda c: re.compile("|".join(c.page_end)) if c.page_end else None,
    "PAGE_FURNITURE": lambda c: tuple(re.compile(p) for p in c.page_furniture),
    "PAGE_FURNITURE_NEAR": lambda c: tuple(re.compile(p) for p in c.page_furniture_near),
    "LEVEL_LABEL_LONGEST": lambda c: max(map(len, _level_labels(c)), default=0),
}


def _ending_pattern(words: tuple[str, ...], endings: tuple[str, ...], marks: tuple[str, ...] = ()) -> re.Pattern[str]:
    """One of the words, then one of the endings or none, then one of the marks or none."""
    pattern = "^(" + "|".join(map(re.escape, words)) + ")(" + "|".join(map(re.escape, endings)) + ")?"
    if marks:
        pattern += "(?:" + "|".join(map(re.escape, marks)) + ")?"
    return re.compile(pattern + "$")


def _known_sets(c: Catalogue) -> tuple[Any, ...]:
    """The label sets ``known_label`` looks in."""
    f = c.fields
    return (f["project_name"], f["department"], f["implementing_unit"], c.fund_total, c.fund_headers,
            c.fund_sources, c.goal_expected, c.goal_actual, c.indicator_headers, c.level_headers, c.totals,
            f["project_attribute"], f["project_period"], c.budget_labels, c.executed_labels,
            c.other_labels)  # fmt: skip


def _named(name: str) -> Any:
    """A label set by name, from the active catalogue (the shipped one on first use)."""
    if _active is None:
        _install(catalogue())
    if name not in _FROM_CATALOGUE:
        raise AttributeError(name)
    return globals()[name]


def __getattr__(name: str) -> Any:
    """``labels.PROJECT_NAME`` and the other label sets, from the active catalogue."""
    return _named(name)


@lru_cache(maxsize=16_384)
def fund_source(text: str) -> str | None:
    """The source a fund-row label names (``其中:中央补助)`` → 中央补助), or None.

    The layouts' source prefix (``其中:``) and a bracket left over from OCR are dropped; besides the
    fixed names a level of government with 财政/补助/资金 (中央财政, 省级财政, 地方资金 …) is a source.
    """
    k = key(text)
    sources: dict[str, str] = _named("FUND_SOURCES")
    if k in sources:
        return sources[k]
    prefix = next((p for p in _named("SOURCE_PREFIXES") if k.startswith(p)), None)
    if prefix is not None:
        k = k[len(prefix) :]
        k = k[1:] if k[:1] in (":", "：") else k
    k = k.rstrip(")）")
    prefixed = [f"{p}:{k}" for p in _named("SOURCE_PREFIXES") if f"{p}:{k}" in sources]
    if prefixed or k in sources:
        return sources.get(k) or sources[prefixed[0]]
    if any(p.match(k) for p in _named("SOURCE_PATTERNS")) and len(k) >= 3:
        return k
    return None


@lru_cache(maxsize=16_384)
def is_indicator_heading(text: str) -> bool:
    """A cell of the indicator table's heading row (一级指标 … 得分), as repeated on each page."""
    return key(text) in _named("HEADING_LABELS")


@lru_cache(maxsize=4_096)
def is_subheader(text: str) -> bool:
    """Second-row header cells under 指标值 (绩效目标批复表): read past."""
    k = key(text)
    return any(p.match(k) for p in _named("SUBHEADERS"))


@lru_cache(maxsize=16_384)
def ends_table(text: str) -> bool:
    """Cells that close a table: its closing sections, signatures and notes, a web page's footer."""
    k = key(text)
    end: re.Pattern[str] | None = _named("PAGE_END")
    return k in _named("TABLE_END") or (end is not None and bool(end.search(k)))


@lru_cache(maxsize=8_192)
def _furniture(line: str, name: str) -> bool:
    """Does the line, without its spaces and cell pipes (a pipe row of one cell: ``| （续表） |  |``),
    match one of the page furniture patterns ``name``?  Remembered per line: every line of every
    text is asked, and a batch's tables repeat most of their lines."""
    k = re.sub(r"[\s|]+", "", unicodedata.normalize("NFKC", line))
    return bool(k) and any(p.search(k) for p in _named(name))


def blank_furniture(lines: list[str]) -> list[str]:
    """The lines with a page's furniture read as empty lines (第 2 页 共 3 页, a printed page's URL,
    and beside one a bare ``2/3``): a table a page break cut goes on after it, and nothing of the
    margin is read as a cell.  The lines keep their places (a cell's line number stays its own)."""
    strong = [_furniture(ln, "PAGE_FURNITURE") for ln in lines]
    if not any(strong):
        return lines
    near = {k for k, s in enumerate(strong) if s} | {k + d for k, s in enumerate(strong) if s for d in (-1, 1)}
    return ["" if strong[k] or (k in near and _furniture(ln, "PAGE_FURNITURE_NEAR")) else ln
            for k, ln in enumerate(lines)]  # fmt: skip


def _opens_no_label(text: str) -> bool:
    """A plain text (``is_plain``) that no label starts with: no ``known_label``, ``is_level1`` or
    ``is_level2`` (the values of a table, told apart without their tests)."""
    return is_plain(text) and not could_open_label(key(text))


@lru_cache(maxsize=16_384)
def is_level1(text: str) -> bool:
    """产出指标, 效益指标 (30分), 产 出 值 …, or a lone ``(50分)`` whose label text was lost.  A lone
    mark without any bracket (``10分``) is a figure written with its word — a row's 分值 or 得分 —
    never a lost label: reading it as one would give every row after it a wrong 一级."""
    if _opens_no_label(text):
        return False
    k = without_points(key(text))
    if _named("LEVEL1_PATTERN").match(k) or k in _named("FRAMEWORK_LEVEL1"):
        return True
    return is_points_mark(text) and any(b in text for b in _BRACKETS)


_BRACKETS = "()（）"


@lru_cache(maxsize=16_384)
def is_level2(text: str) -> bool:
    return not _opens_no_label(text) and bool(_named("LEVEL2_PATTERN").match(key(text)))


def whole_label(text: str) -> bool:
    """A label of the form as a whole (not only by a prefix labels open with: 项目资金 …)."""
    return not _opens_no_label(text) and (key(text) in _named("KNOWN_LABELS") or is_level1(text) or is_level2(text))


def holds_column_words(text: str, max_chars: int) -> bool:
    """A short header without figures that names an indicator or funds column by the words it
    holds (完成情况, 调整后预算): read by ``[indicators.column_words]`` / ``[funds.column_words]``."""
    k = key(text)
    if len(k) > max_chars or any(map(str.isdigit, k)):
        return False
    return any(word in k for word, _c in _named("COLUMN_WORDS")) or any(
        word in k for word, _c in _named("FUND_COLUMN_WORDS")
    )


@lru_cache(maxsize=16_384)
def known_label(text: str) -> bool:
    """Any label of the form (a cell that is never a value)."""
    if _opens_no_label(text):
        return False
    k = key(text)
    return k in _named("KNOWN_LABELS") or k.startswith(_named("LABEL_PREFIXES"))


@lru_cache(maxsize=1)
def _not_plain() -> re.Pattern[str]:
    """What ``key`` may take away: spaces, brackets, colons and the points word (10分)."""
    return re.compile(r"[\s(（)）:：" + re.escape(vocabulary().points.word) + "]")


@lru_cache(maxsize=16_384)
def is_plain(text: str) -> bool:
    """A text whose key is itself read as simplified: NFKC already, no space, bracket, points word
    or colon (so no points mark, gloss or colon for ``key`` to take away).  Plain texts joined are
    plain when the join is still NFKC, and then the key of the join is the join of their keys."""
    return bool(text) and unicodedata.is_normalized("NFKC", text) and _not_plain().search(text) is None


FIGURE_CHARS = "0123456789."
"""What ``is_level1`` may take off a label's end (a bare figure: 产出指标50)."""


class LabelParts(NamedTuple):
    """The pieces a label the label tests take (the sets of ``known_label``, the 一级 words and
    二级 names with the endings their patterns allow) can be cut into: a plain text whose key is
    none of its beginnings (``could_open_label``) is no label, nor is any plain text that starts
    with it; likewise for ends and the pieces within."""

    beginnings: frozenset[str]
    middles: frozenset[str]
    ends: frozenset[str]


def _label_parts(cat: Catalogue) -> LabelParts | None:
    """The pieces of the catalogue's labels; None (no shortcut) when a label is empty or all
    figures.  A 一级 may end in a bare figure (产出指标50): its words' ends are also taken
    without their own trailing figures."""
    words = [w for group in (*_known_sets(cat), cat.label_prefixes) for w in group] + _level_labels(cat)
    if not all(w.rstrip(FIGURE_CHARS) for w in words):
        return None
    words += [w.rstrip(FIGURE_CHARS) for w in words]
    return LabelParts(
        frozenset(w[:n] for w in words for n in range(1, len(w) + 1)),
        frozenset(w[a:b] for w in words for a in range(len(w)) for b in range(a + 1, len(w) + 1)),
        frozenset(w[n:] for w in words for n in range(len(w))),
    )


def _level_labels(cat: Catalogue) -> list[str]:
    """Every 一级 and 二级 label the catalogue's patterns take, each word with each ending (and mark)."""
    endings = ("", *cat.level_endings)
    level1 = [w + e for w in (*cat.framework_level1, *cat.level1_words) for e in endings]
    level2 = [n + e + m for n in level2_names() for e in endings for m in ("", *cat.level_list_marks)]
    return level1 + level2


def longest_level_label() -> int:
    """The length of the active catalogue's longest 一级 or 二级 label (服务对象满意度指标等)."""
    longest: int = _named("LEVEL_LABEL_LONGEST")
    return longest


def label_parts() -> LabelParts | None:
    """The pieces of the active catalogue's labels (None: no shortcut)."""
    parts: LabelParts | None = _named("LABEL_PARTS")
    return parts


def could_open_label(k: str) -> bool:
    """Could a plain text with the key ``k``, or one that starts with it, be a label?  No when
    ``k`` begins no label, nor does it once a trailing figure is off (产出指标50 is a 一级), and
    it starts with no label prefix (项目资金…)."""
    parts = label_parts()
    if parts is None or k.startswith(_named("LABEL_PREFIXES")):
        return True
    return k in parts.beginnings or k.rstrip(FIGURE_CHARS) in parts.beginnings


def opens_whatever_follows(k: str) -> bool:
    """Is ``k`` a beginning of a label prefix (项目, 项目资金…), which opens a label whatever follows?"""
    prefixes: tuple[str, ...] = _named("LABEL_PREFIXES")
    return k.startswith(prefixes) or any(p.startswith(k) for p in prefixes)
