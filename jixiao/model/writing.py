"""How the field's words are written: traditional characters and pinyin glosses, read as simplified.

Tables reach us in traditional characters (繁体 web pages, OCR of Hong Kong-style forms) and from
document-sharing pages that put a pinyin gloss after characters (``產(chǎn)出指標(biāo)``).  Ingest
recognises labels and review names dimensions through one reading view made here, so the two can
never disagree; the character table is data (``traditional.toml``), one pair per token.  A value
is always kept as written: this is for recognising, never for rewriting.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

_TRADITIONAL = Path(__file__).with_name("traditional.toml")


@lru_cache(maxsize=1)
def _traditional() -> dict[int, str]:
    """The traditional → simplified table (traditional.toml beside this module), character for character."""
    pairs = tomllib.loads(_TRADITIONAL.read_text(encoding="utf-8"))["pairs"].split()
    return {ord(p[0]): p[1] for p in pairs if len(p) == 2 and p[0] != p[1]}


@lru_cache(maxsize=1)
def _any_traditional() -> re.Pattern[str]:
    """Any character of the table: most text has none, and finding that out is ten times
    cheaper than translating it."""
    return re.compile("[" + "".join(re.escape(chr(k)) for k in _traditional()) + "]")


def simplified(text: str) -> str:
    """Traditional characters read as simplified (績效自評表 → 绩效自评表); same length."""
    if _any_traditional().search(text) is None:
        return text
    return text.translate(_traditional())


def read_as(chars: str) -> frozenset[str]:
    """Every character ``simplified`` reads as one of ``chars``: each of them and its traditional forms."""
    wanted = set(chars)
    return frozenset(wanted | {chr(k) for k, v in _traditional().items() if v in wanted})


_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])[(（](?=[a-z{_TONE_MARKS}]*[{_TONE_MARKS}])[a-z{_TONE_MARKS}]{{1,7}}[)）]")


def strip_glosses(text: str) -> str:
    """Pinyin glosses that document-sharing pages put after characters: ``項(xiàng)目`` → ``項目``.

    Only a bracket of lower-case letters with a tone mark right after a character is a gloss, so
    ``預算數(A)`` and ``(万元)`` stay."""
    return _GLOSS.sub("", text) if "(" in text or "（" in text else text


def reading(text: str) -> str:
    """The text as it is read for recognition: glosses dropped, traditional read as simplified."""
    return simplified(strip_glosses(text))


def reading_with_map(text: str) -> tuple[str, list[int]]:
    """``reading(text)`` and, for each of its characters, where it stands in ``text`` (so a cut
    made on the reading can be made on the text as written)."""
    kept: list[int] = []
    pos = 0
    for m in _GLOSS.finditer(text):
        kept.extend(range(pos, m.start()))
        pos = m.end()
    kept.extend(range(pos, len(text)))
    view = "".join(text[k] for k in kept)
    return simplified(view), kept


_BRACKETED = re.compile(r"[(（][^)）]*[)）]")


def drop_bracketed(text: str) -> str:
    """The text without its bracketed parts (``培训人数（人次）`` → ``培训人数``).

    Only the text up to the last closing bracket is searched: an opening bracket after it can
    never close, and trying each of many such (a hostile run of ``(``) to the end of the text
    would cost the square of its length."""
    last = max(text.rfind(")"), text.rfind("）"))
    if last < 0:
        return text
    return _BRACKETED.sub("", text[: last + 1]) + text[last + 1 :]
