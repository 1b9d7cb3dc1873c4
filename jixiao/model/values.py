"""Reading 年度指标值 and 实际完成值 as people really write them.

Targets and actuals arrive as free text: ``>=168次``, ``≧735人次``, ``=1440（元/人/年）``,
``5.8万人``, ``2021年12月31日``, ``长期``.  To compare a target with an actual the two must
be brought to one scale (万人 vs 人, 万元 vs 元, % vs fraction).  Anything that cannot be read
with confidence stays *qualitative*: the scorer then checks the stated score against a tier
band instead of inventing a number.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache

from jixiao.model.limits import current
from jixiao.model.vocabulary import is_empty_value


class Op(StrEnum):
    """How a value constrains the result; the names follow the deployed systems' sign codes."""

    GE = "≥"
    GT = ">"
    LE = "≤"
    LT = "<"
    EQ = "="
    RANGE = "range"
    DEADLINE = "deadline"
    QUALITATIVE = "qualitative"
    EMPTY = "empty"


@dataclass(frozen=True, slots=True)
class ParsedValue:
    """One target or actual, read.

    ``value`` is the number as written (``5.8`` for ``5.8万人``); ``base`` is the same number in
    the base unit of its dimension (``58000`` 人), which is what comparisons use.  For a
    percentage the base is a fraction (``95%`` → ``0.95``).  A plain frozen dataclass, not a
    pydantic model: it is built for every cell read and never comes from outside.
    """

    text: str
    op: Op
    value: Decimal | None = None
    upper: Decimal | None = None
    unit: str = ""
    base_unit: str = ""
    scale: Decimal = Decimal(1)
    deadline: dt.date | None = None
    embedded: bool = False
    """The number was taken out of a sentence (``入口补共2536万元``), not a bare value."""
    refused: str | None = None
    """Why a number in the text was not read (``数字超过 15 位整数``): the value is then
    qualitative, and no arithmetic was done on it."""

    @property
    def is_quantity(self) -> bool:
        return self.op in _QUANTITY_OPS and self.value is not None

    @property
    def base(self) -> Decimal | None:
        return None if self.value is None else self.value * self.scale

    @property
    def base_upper(self) -> Decimal | None:
        return None if self.upper is None else self.upper * self.scale

    @property
    def is_percent(self) -> bool:
        return self.base_unit == "%"


_QUANTITY_OPS = frozenset({Op.GE, Op.GT, Op.LE, Op.LT, Op.EQ, Op.RANGE})

# --- normalisation -------------------------------------------------------------------------

_SIGN_WORDS: tuple[tuple[str, str], ...] = (
    ("大于等于", "≥"),
    ("大于或等于", "≥"),
    ("不低于", "≥"),
    ("不少于", "≥"),
    ("不小于", "≥"),
    ("至少", "≥"),
    ("小于等于", "≤"),
    ("小于或等于", "≤"),
    ("不高于", "≤"),
    ("不超过", "≤"),
    ("不多于", "≤"),
    ("不大于", "≤"),
    ("控制在", "≤"),
    ("大于", ">"),
    ("高于", ">"),
    ("小于", "<"),
    ("低于", "<"),
    ("等于", "="),
)

_SIGN_STARTS = tuple(w for w, _ in _SIGN_WORDS)
_SIGN_WORD = re.compile("|".join(re.escape(w) for w, _ in _SIGN_WORDS))
_SIGN_OF_WORD = dict(_SIGN_WORDS)

_SYMBOLS = str.maketrans(
    {
        "≧": "≥",
        "≦": "≤",
        "⩾": "≥",
        "⩽": "≤",
        "═": "=",
        "〓": "=",
        "～": "~",
        "—": "-",
        "–": "-",
        "－": "-",
        "（": "(",
        "）": ")",
        "×": "*",
        "·": "*",
        "•": "*",
        "％": "%",
    }
)


_WHITE = re.compile(r"\s+")


@lru_cache(maxsize=65_536)
def normalise_text(text: str) -> str:
    """Full-width → half-width (NFKC), unify look-alike signs, drop all white space."""
    s = unicodedata.normalize("NFKC", text).translate(_SYMBOLS)
    s = _WHITE.sub("", s)
    s = s.replace(">=", "≥").replace("<=", "≤").replace("=>", "≥").replace("=<", "≤")
    s = s.replace("≥=", "≥").replace("≤=", "≤")
    return s


# --- Chinese numerals ----------------------------------------------------------------------

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千]+")


def chinese_to_int(token: str) -> int | None:
    """``十二`` → 12, ``一百零五`` → 105, ``两`` → 2; None when the token is not a numeral."""
    total, digit = 0, None
    for ch in token:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            total += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def _replace_chinese_numerals(s: str) -> str:
    """Turn numerals that stand before a unit into digits (``三次`` → ``3次``).

    A numeral is replaced only when it is the whole value or is followed by a unit, so words
    such as ``一级`` or ``统一`` inside descriptions are left alone.
    """

    def repl(m: re.Match[str]) -> str:
        tail = s[m.end() :]
        whole = m.start() == 0 or s[m.start() - 1] in "≥≤<>=~-"
        if whole and (tail == "" or _unit_prefix(tail)):
            n = chinese_to_int(m.group(0))
            if n is not None:
                return str(n)
        return m.group(0)

    return _CN_NUMERAL.sub(repl, s) if _CN_NUMERAL.search(s) else s


# --- units -----------------------------------------------------------------------------------

_MAGNITUDE = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1000), "百": Decimal(100)}

# unit → (base unit, factor).  Units sharing a base unit are comparable.
_UNITS: dict[str, tuple[str, Decimal]] = {
    "%": ("%", Decimal("0.01")),
    "百分比": ("%", Decimal("0.01")),
    "‰": ("%", Decimal("0.001")),
    "元": ("元", Decimal(1)),
    "米": ("米", Decimal(1)),
    "公里": ("米", Decimal(1000)),
    "千米": ("米", Decimal(1000)),
    "厘米": ("米", Decimal("0.01")),
    "毫米": ("米", Decimal("0.001")),
    "公斤": ("千克", Decimal(1)),
    "千克": ("千克", Decimal(1)),
    "吨": ("千克", Decimal(1000)),
    "小时": ("小时", Decimal(1)),
    "天": ("小时", Decimal(24)),
    "日": ("小时", Decimal(24)),
    "个工作日": ("工作日", Decimal(1)),
    "工作日": ("工作日", Decimal(1)),
    "分钟": ("小时", Decimal(1) / Decimal(60)),
    "个月": ("月", Decimal(1)),
    "月": ("月", Decimal(1)),
    "年": ("月", Decimal(12)),
    "周": ("小时", Decimal(168)),
    "倍": ("倍", Decimal(1)),
}
_COUNT_UNITS = (
    "人次",
    "户次",
    "车次",
    "人",
    "个",
    "次",
    "项",
    "期",
    "张",
    "枚",
    "户",
    "所",
    "台",
    "套",
    "件",
    "份",
    "篇",
    "场",
    "批",
    "家",
    "辆",
    "座",
    "处",
    "条",
    "亩",
    "平方米",
    "平方公里",
    "立方米",
    "只",
    "头",
    "本",
    "册",
    "名",
    "位",
    "株",
    "棵",
    "间",
    "栋",
    "块",
    "部",
    "站",
    "点",
    "辆次",
    "班",
    "课时",
    "学时",
    "天次",
    "床",
    "宗",
    "起",
    "例",
    "单",
    "册次",
    "架次",
    "公顷",
    "千瓦",
    "度",
    "千瓦时",
    "盏",
    "口",
    "眼",
    "段",
    "类",
    "种",
    "所学校",
    "村",
    "乡镇",
    "镇",
    "平台",
    "系统",
    "期次",
    "轮",
    "季度",
)
for _u in _COUNT_UNITS:
    _UNITS.setdefault(_u, (_u, Decimal(1)))

_UNIT_NAMES = sorted(_UNITS, key=len, reverse=True)
_UNIT_STARTS = tuple(_UNIT_NAMES)


_UNIT_PREFIX = re.compile("(?:[万亿千百])?(?:" + "|".join(re.escape(u) for u in _UNIT_NAMES) + ")")


def unit_names() -> tuple[str, ...]:
    """The units of measure the parser knows, longest first (without a magnitude)."""
    return _UNIT_STARTS


def unit_pattern() -> str:
    """The regular expression of a unit of measure, with its magnitude (万人, 个, 小时), longest first."""
    return _UNIT_PREFIX.pattern


def _unit_prefix(s: str) -> bool:
    return _UNIT_PREFIX.match(s) is not None


@lru_cache(maxsize=16_384)
def is_unit(text: str) -> bool:
    """Is this cell a unit of measure (``人次``, ``%``, ``万元/年``) and nothing more?  Remembered per
    text: asked of every value a unit column may hold, and of each line's pieces."""
    s = normalise_text(text).strip("()")
    head = s.split("/", 1)[0]
    return bool(s) and _UNIT_PREFIX.fullmatch(head) is not None


def resolve_unit(unit: str) -> tuple[str, Decimal]:
    """``万元/年`` → (``元/年``, 10000); ``万人`` → (``人``, 10000); unknown units stay as is.

    A rate unit (``元/人/年``) keeps its denominator, so ``元/人/年`` and ``元/人*月`` are
    different dimensions and never compared.
    """
    u = unit.strip("()")
    if not u:
        return "", Decimal(1)
    head, sep, rest = u.partition("/")
    factor = Decimal(1)
    if head in _UNITS:
        base, factor = _UNITS[head]
    elif len(head) > 1 and head[0] in _MAGNITUDE and head[1:] in _UNITS:
        base, f = _UNITS[head[1:]]
        factor = _MAGNITUDE[head[0]] * f
    else:
        base = head
    return (base + sep + rest, factor)


# --- the parser ----------------------------------------------------------------------------

_NUM = r"\d+(?:\.\d+)?"
_SIGN = r"(?P<sign>≥|≤|>|<|=)?"
_QUANTITY = re.compile(rf"^{_SIGN}(?P<num>{_NUM})(?P<unit>.*)$")
_RANGE = re.compile(rf"^(?P<lo>{_NUM})(?P<lounit>[^\d~\-]*)[~\-](?P<hi>{_NUM})(?P<unit>.*)$")
_WITHIN = re.compile(rf"^(?P<num>{_NUM})(?P<unit>[^\d]*?)(?:以内|之内|内|以下)$")
_ABOVE = re.compile(rf"^(?P<num>{_NUM})(?P<unit>[^\d]*?)(?:以上|及以上)$")
_DATE = re.compile(r"(?P<y>\d{4})(?:年|\.|-|/)(?P<m>\d{1,2})(?:(?:月|\.|-|/)(?P<d>\d{1,2})日?|月(?:底|末)?)?")
_YEAR_ONLY = re.compile(r"^(?P<y>\d{4})年(?:底|末|内|度)?(?:前)?(?:完成)?$")
_MONTH_RANGE = re.compile(r"^(?P<y>\d{4})年(?P<m1>\d{1,2})月?-(?:(?P<y2>\d{4})年)?(?P<m2>\d{1,2})月(?:底|末)?$")
_MONTH_END = re.compile(r"^(?P<m>\d{1,2})月(?:底|末|前|底前|末前)(?:前)?(?:完成|到位)?$")
_NOTE = re.compile(r"\((?:预估|预计|约|暂定|估算|含[^)]*|不含[^)]*)\)")
_ANY_NUMBER = re.compile(_NUM)


def _month_end(year: int, month: int) -> dt.date | None:
    if not 1 <= month <= 12:
        return None
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _parse_deadline(s: str) -> dt.date | None:
    m = _MONTH_RANGE.match(s)
    if m:
        year = int(m.group("y2") or m.group("y"))
        return _month_end(year, int(m.group("m2")))
    m = _YEAR_ONLY.match(s)
    if m:
        return dt.date(int(m.group("y")), 12, 31)
    m = _DATE.fullmatch(s.rstrip("前").removesuffix("底").removesuffix("末")) or _DATE.match(s)
    if m and (m.end() == len(s) or s[m.end() :] in {"前", "底前", "以前", "前完成", "完成", "底"}):
        y, mo = int(m.group("y")), int(m.group("m"))
        if m.group("d"):
            try:
                return dt.date(y, mo, int(m.group("d")))
            except ValueError:
                return None
        return _month_end(y, mo)
    return None


def _quantity(text: str, op: Op, num: str, unit: str, *, embedded: bool = False) -> ParsedValue:
    base_unit, scale = resolve_unit(unit)
    return ParsedValue(
        text=text, op=op, value=Decimal(num), unit=unit.strip("()"), base_unit=base_unit, scale=scale, embedded=embedded
    )


def _clean_unit(unit: str) -> str | None:
    """Return the unit if it reads as one, else None (so ``20个左右`` is not a unit)."""
    unit = _NOTE.sub("", unit)
    if unit.startswith("(") and unit.endswith(")"):
        unit = unit[1:-1]
    if not unit:
        return ""
    if _ANY_NUMBER.search(unit):
        return None
    if is_unit(unit) or ("/" in unit and len(unit) <= 10):
        return unit
    if len(unit) <= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", unit):
        return unit
    return None


_SIGNS = {"≥": Op.GE, "≤": Op.LE, ">": Op.GT, "<": Op.LT, "=": Op.EQ}


@lru_cache(maxsize=65_536)
def parse_value(text: str | None) -> ParsedValue:
    """Read one 年度指标值 or 实际完成值.  Cached: real tables repeat the same strings.

    A number no table holds (past the digit limits, NaN, infinities, an exponent) is refused
    first, with the reason in ``refused``, before any Decimal is made from it."""
    raw = "" if text is None else str(text)
    s = normalise_text(raw)
    if is_empty_value(s):
        return ParsedValue(text=raw, op=Op.EMPTY)
    refusal = number_refusal(s)
    if refusal is not None:
        return ParsedValue(text=raw, op=Op.QUALITATIVE, refused=refusal)
    if s.startswith(_SIGN_STARTS):  # one test in C before the loop that finds which word
        for word, sign in _SIGN_WORDS:
            if s.startswith(word):
                s = sign + s[len(word) :]
                break
    s = _replace_chinese_numerals(s.replace("至", "-"))
    s = s.removesuffix("。").removesuffix(";").removesuffix("；")

    m = _WITHIN.match(s.lstrip("≤"))
    if m and (unit := _clean_unit(m.group("unit"))) is not None:
        return _quantity(raw, Op.LE, m.group("num"), unit)
    m = _ABOVE.match(s.lstrip("≥"))
    if m and (unit := _clean_unit(m.group("unit"))) is not None:
        return _quantity(raw, Op.GE, m.group("num"), unit)

    deadline = _parse_deadline(s.lstrip("≤="))
    if deadline is not None:
        return ParsedValue(text=raw, op=Op.DEADLINE, deadline=deadline)
    m = _MONTH_END.match(s)
    if m:
        return ParsedValue(text=raw, op=Op.DEADLINE, value=Decimal(m.group("m")), unit="月底")

    m = _RANGE.match(s)
    if m and (unit := _clean_unit(m.group("unit"))) is not None:
        lounit = _clean_unit(m.group("lounit"))
        if lounit in ("", unit) and Decimal(m.group("lo")) <= Decimal(m.group("hi")):
            pv = _quantity(raw, Op.RANGE, m.group("lo"), unit)
            return replace(pv, upper=Decimal(m.group("hi")))

    m = _QUANTITY.match(s)
    if m and (unit := _clean_unit(m.group("unit"))) is not None:
        return _quantity(raw, _SIGNS.get(m.group("sign") or "=", Op.EQ), m.group("num"), unit)

    return _embedded_quantity(raw, s)


_EMBEDDED = re.compile(rf"(?P<sign>≥|≤|>|<|=)?(?P<num>{_NUM})(?P<unit>(?:万|亿|千)?[^\d,，。;；、和及与]*)")


def _embedded_quantity(raw: str, s: str) -> ParsedValue:
    """Take the one quantity out of a sentence such as ``入口补每年116.11万人``.

    Only when the sentence holds exactly one number followed by a known unit; a sentence with
    several numbers (``600元/人/次；2500元/人/月``) or a bare number stays qualitative.
    """
    numbers = _ANY_NUMBER.findall(s)
    if len(numbers) != 1:
        return ParsedValue(text=raw, op=Op.QUALITATIVE)
    m = _EMBEDDED.search(s)
    if m is None:
        return ParsedValue(text=raw, op=Op.QUALITATIVE)
    tail = m.group("unit")
    unit = next((u for u in _UNIT_NAMES if tail.startswith(u)), None) if tail.startswith(_UNIT_STARTS) else None
    if unit is None and len(tail) > 1 and tail[0] in _MAGNITUDE and tail[1:].startswith(_UNIT_STARTS):
        inner = next((u for u in _UNIT_NAMES if tail[1:].startswith(u)), None)
        unit = None if inner is None else tail[0] + inner
    if unit is None:
        return ParsedValue(text=raw, op=Op.QUALITATIVE)
    op = _SIGNS.get(m.group("sign") or "", Op.EQ)
    if m.group("sign") is None and re.search(r"(不低于|不少于|以上|至少|达到)", s):
        op = Op.GE
    return _quantity(raw, op, m.group("num"), unit, embedded=True)


def with_unit(value: ParsedValue, unit: str) -> ParsedValue:
    """Give a bare number the unit written elsewhere (the target's, or a 度量单位 column)."""
    if value.value is None or value.unit:
        return value
    base_unit, scale = resolve_unit(unit)
    return replace(value, unit=unit, base_unit=base_unit, scale=scale)


def parse_decimal(text: str) -> Decimal | None:
    """A plain amount as written in a funds cell: ``296.26``, ``1,234.5``, ``9.88分``, ``98.75%``.

    Percentages come back as fractions.  Returns None for placeholders and text, and for a
    number refused by ``number_refusal`` (NaN, ``1e400``, 5,000 digits): never a value no
    table can hold.
    """
    limits = current()
    return _parse_decimal(text, limits.integer_digits, limits.fraction_digits)


@lru_cache(maxsize=16_384)
def _parse_decimal(text: str, integer_digits: int, fraction_digits: int) -> Decimal | None:
    """``parse_decimal`` under these digit limits, worked out once per text (several steps read
    the same figures; a Decimal is immutable, so one object serves them all)."""
    s = normalise_text(text).replace(",", "").removesuffix("分").removesuffix("万元").removesuffix("元")
    percent = s.endswith("%")
    s = s.removesuffix("%")
    if _PLAIN_DECIMAL.fullmatch(s) is None or number_refusal(s) is not None:
        return None
    try:
        d = Decimal(s)
    except InvalidOperation:
        return None
    return d / 100 if percent else d


_PLAIN_DECIMAL = re.compile(r"[+-]?\d+(?:\.\d*)?")
"""A plain number: digits before any point (``.26`` is a number whose integer part was lost)."""
_NOT_FINITE = re.compile(r"(?<![a-z])(?:nan|inf|infinity)(?![a-z])", re.IGNORECASE)
_EXPONENT = re.compile(r"\d(?:\.\d*)?e[+-]?\d", re.IGNORECASE)
_DIGITS = re.compile(r"(\d+)(?:\.(\d+))?")


def number_refusal(text: str) -> str | None:
    """Why the numbers in ``text`` cannot be read, or None when they can.

    A table holds amounts in 万元 and counts of people: nothing needs more than
    ``integer_digits`` (15) integer digits, an exponent or a not-a-number.  Such a number is
    refused here, before any Decimal arithmetic (a 5,000-digit or ``1e999999`` value makes
    conversion and formatting cost seconds).  The limits are settings (``jixiao.model.limits``).
    """
    if _NOT_FINITE.search(text):
        return "数字不是有限值（NaN 或无穷大），表格中不能有这样的数"
    if _EXPONENT.search(text):
        return "数字用了科学计数法（如 1e400），请直接写出数字"
    limits = current()
    for m in _DIGITS.finditer(text):
        if len(m.group(1).lstrip("0")) > limits.integer_digits:
            return f"数字超过 {limits.integer_digits} 位整数，超出表格能容纳的范围"
        if m.group(2) is not None and len(m.group(2)) > limits.fraction_digits:
            return f"数字的小数超过 {limits.fraction_digits} 位，超出表格能容纳的范围"
    return None
