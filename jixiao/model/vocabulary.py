"""The field's shared words: one vocabulary for ingest, review and render.

What a 二级 belongs to, what a grade word means, which cells are a form's placeholders and how a
label's declared points (``产出指标(50分)``) are written used to be spelled out in several
modules, each a little differently.  They live in ``vocabulary.toml`` beside this module,
validated by the schema below and read once, on first use (nothing happens at import time).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.toml")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"不是有效的正则表达式：{exc}") from None
    return pattern


class Points(_Strict):
    """How a label's declared points are written."""

    bracketed: str
    bare: str
    trailing: str
    word: str = Field(min_length=1)
    """The word of a points mark (``10分``)."""
    suffixes: list[str] = Field(min_length=1)
    verbs: list[str] = []
    """Words right before a points mark that make it a rule's or a reason's figure (扣0.5分, 得2分):
    no label declares those points."""

    _check = field_validator("bracketed", "bare", "trailing")(_compiles)


class Level1Word(_Strict):
    word: str = Field(min_length=1)
    dimension: str = Field(min_length=1)


class Level2Name(_Strict):
    name: str = Field(min_length=1)
    match: str = Field(min_length=1)
    dimension: str = Field(min_length=1)
    also_under: list[str] = []
    """Other dimensions whose 一级 files this 二级 in a form of the field (earlier forms)."""


class Dates(_Strict):
    """How dates, years and ranges are written in a table's values."""

    pattern: str
    year: str = Field(min_length=1)
    fiscal_year: str = Field(min_length=1)
    marks: list[str] = Field(min_length=1)
    range_marks: list[str] = Field(min_length=1)
    dotted_year: str = ""
    """A year before a point and its month (2021.12): the month is one or two figures of 1–12."""
    spreadsheet_formats: dict[int, str] = {}
    """The built-in date formats a spreadsheet names by id alone (27–36, 50–58), as a Chinese
    Excel shows them (``yyyy"年"m"月"``): the file stores the id, the locale gives the format."""

    _check = field_validator("pattern")(_compiles)


class Figures(_Strict):
    """Words written with a figure."""

    bounds: list[str] = Field(min_length=1)
    per: str = Field(min_length=1)
    magnitudes: list[str] = Field(min_length=1)


class Placeholders(_Strict):
    dashes: list[str]
    empty_words: list[str]
    ellipses: list[str]
    ellipsis_pattern: str
    template_name: str

    _check = field_validator("ellipsis_pattern", "template_name")(_compiles)


class Vocabulary(_Strict):
    """The schema of ``vocabulary.toml``; the compiled patterns are worked out once."""

    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))

    points: Points
    level1: list[Level1Word] = Field(min_length=1)
    level2: list[Level2Name] = Field(min_length=1)
    dates: Dates
    figures: Figures
    grades: dict[str, str] = Field(min_length=1)
    placeholders: Placeholders

    @cached_property
    def points_mark(self) -> re.Pattern[str]:
        """Any declared-points mark inside a text: ``(50分)``, ``（30）``, ``10分``."""
        return re.compile(f"{self.points.bracketed}|{self.points.bare}")

    @cached_property
    def points_at_end(self) -> re.Pattern[str]:
        return re.compile(f"(?:{self.points.bracketed}|{self.points.bare})\\s*$")

    @cached_property
    def trailing_figure(self) -> re.Pattern[str]:
        return re.compile(self.points.trailing)

    @cached_property
    def suffix(self) -> re.Pattern[str]:
        return re.compile("(?:" + "|".join(map(re.escape, self.points.suffixes)) + ")$")

    @cached_property
    def template_mark(self) -> re.Pattern[str]:
        p = self.placeholders
        words = "|".join(map(re.escape, p.ellipses))
        return re.compile(f"^(?:{words}|{p.ellipsis_pattern}|{p.template_name})$")

    @cached_property
    def template_name(self) -> re.Pattern[str]:
        return re.compile(f"^(?:{self.placeholders.template_name})(?:(?<=[:：])|$)")


class LazyPattern:
    """A regular expression built from the vocabulary (or the layouts) on first use, so nothing is
    read at import time; from then on its methods are the compiled pattern's own."""

    _METHODS = ("match", "search", "fullmatch", "findall", "finditer", "sub", "split")
    __slots__ = ("_build", *_METHODS)
    match: Callable[..., re.Match[str] | None]
    search: Callable[..., re.Match[str] | None]
    fullmatch: Callable[..., re.Match[str] | None]
    findall: Callable[..., list[Any]]
    finditer: Callable[..., Iterator[re.Match[str]]]
    sub: Callable[..., str]
    split: Callable[..., list[Any]]

    def __init__(self, build: Callable[[], re.Pattern[str]]) -> None:
        self._build = build
        self.reset()

    def reset(self) -> None:
        """Build again on next use (the words it is made of changed)."""
        for name in self._METHODS:
            object.__setattr__(self, name, partial(self._first, name))

    def _first(self, name: str, *args: Any, **kwargs: Any) -> Any:
        pattern = self._build()
        for method in self._METHODS:
            object.__setattr__(self, method, getattr(pattern, method))
        return getattr(pattern, name)(*args, **kwargs)

    @property
    def pattern(self) -> str:
        return self._build().pattern


class VocabularyError(ValueError):
    """The vocabulary file cannot be used; the message names the file and the field."""


def load_vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise VocabularyError(f"词表文件 {path} 无法读取：{exc}") from None
    try:
        return Vocabulary.model_validate(data)
    except ValueError as exc:
        raise VocabularyError(f"词表文件 {path}：{exc}") from None


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The shipped vocabulary, read on first use."""
    return load_vocabulary()


@lru_cache(maxsize=16_384)
def _flat(text: str) -> str:
    """No spaces, NFKC: the form every word test reads (the same cells are tested many times
    over, so it is worked out once per text)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


# --- declared points ---------------------------------------------------------------------


@lru_cache(maxsize=16_384)
def strip_points(text: str) -> str:
    """The text without its declared-points marks (``产出指标(50分)`` → ``产出指标``), trimmed."""
    if not any(map(str.isdigit, text)):
        return text.strip()
    return vocabulary().points_mark.sub("", text).strip()


@lru_cache(maxsize=16_384)
def is_points_mark(text: str) -> bool:
    """A cell that is only a points mark: ``(50分)``, ``(50)``, ``30分)`` — not a bare 30."""
    return bool(vocabulary().points_mark.fullmatch(_flat(text)))


@lru_cache(maxsize=16_384)
def declared_points(label: str | None) -> Decimal | None:
    """The points a label declares at its end (``效益指标（30分）`` → 30), or None."""
    if not label:
        return None
    flat = _flat(label)
    m = vocabulary().points_at_end.search(flat)
    if m is None or flat[: m.start()].endswith(tuple(vocabulary().points.verbs) or ("\0",)):
        return None  # (…不到位，扣0.5分: a reason's deduction, not a heading's points)
    return Decimal(next(g for g in m.groups() if g is not None))


@lru_cache(maxsize=16_384)
def without_points(label: str) -> str:
    """A label flattened (no spaces, NFKC) without its points, a trailing bare figure included:
    ``产 出 指 标 (50分)`` and ``产出指标50`` → ``产出指标``."""
    s = vocabulary().points_mark.sub("", _flat(label))
    return vocabulary().trailing_figure.sub("", s)


@lru_cache(maxsize=16_384)
def level_name(label: str) -> str:
    """A 一级 or 二级 label reduced to its name: ``产 出 指 标 (50分)`` → ``产出``, ``数量指标等`` → ``数量``."""
    return vocabulary().suffix.sub("", without_points(label))


# --- dimensions --------------------------------------------------------------------------


@lru_cache(maxsize=4_096)
def dimension_of_level1(label: str | None) -> str | None:
    """产出 / 效益 / 满意度 named by a 一级 label, or None (投入, 过程, an unreadable label)."""
    name = level_name(label or "")
    return next((w.dimension for w in vocabulary().level1 if w.word in name), None)


@lru_cache(maxsize=4_096)
def dimension_of_level2(label: str | None) -> str | None:
    """The 一级 dimension a 二级 label belongs to (数量指标 → 产出), or None."""
    name = level_name(label or "")
    return next((e.dimension for e in vocabulary().level2 if e.match in name), None)


@lru_cache(maxsize=4_096)
def level2_also_under(label: str | None) -> tuple[str, ...]:
    """The other dimensions a 二级 label is filed under by some form (服务对象满意度 under 效益)."""
    name = level_name(label or "")
    return next((tuple(e.also_under) for e in vocabulary().level2 if e.match in name), ())


def dimension(level1: str | None, level2: str | None) -> str | None:
    """A row's dimension: its 一级 says it, or else its 二级 does."""
    return dimension_of_level1(level1) or dimension_of_level2(level2)


def dimensions() -> tuple[str, ...]:
    """The dimensions in the order the framework lists them."""
    return tuple(dict.fromkeys(w.dimension for w in vocabulary().level1))


def level2_names() -> tuple[str, ...]:
    return tuple(e.name for e in vocabulary().level2)


# --- grades and placeholders -------------------------------------------------------------


@lru_cache(maxsize=16_384)
def grade_of_word(word: str | None) -> str | None:
    """The grade (优/良/中/差) a stated 评价等次 word means, or None."""
    return vocabulary().grades.get(_flat(word or ""))


@lru_cache(maxsize=16_384)
def is_grade_word(text: str) -> bool:
    return _flat(text) in vocabulary().grades


@lru_cache(maxsize=16_384)
def is_dash(text: str) -> bool:
    """The form's "no value" mark (``/``, ``—``, ``--``)."""
    return text.strip() in vocabulary().placeholders.dashes


@lru_cache(maxsize=16_384)
def is_empty_value(text: str) -> bool:
    """A value cell that holds nothing: blank, a dash, or a word such as 无 / 不适用."""
    s = text.strip()
    p = vocabulary().placeholders
    return not s or s in p.dashes or s in p.empty_words


@lru_cache(maxsize=16_384)
def is_template_mark(text: str) -> bool:
    """An unfilled template row's cell: ``……``, ``…``, ``...``, ``指标1``, ``指标2:``."""
    return bool(vocabulary().template_mark.match(_flat(text)))


@lru_cache(maxsize=16_384)
def is_template_name(text: str) -> bool:
    """A name that is the template's numbering (``指标1``, ``指标2:xxx``)."""
    return bool(vocabulary().template_name.match(_flat(text)))


@lru_cache(maxsize=16_384)
@lru_cache(maxsize=16_384)
def is_placeholder(text: str) -> bool:
    """A template mark or a dash or 无: a cell standing where the form has nothing.  Remembered
    per text: asked of every value of every row."""
    s = _flat(text)
    return is_template_mark(s) or s in vocabulary().placeholders.dashes or s == "无"
