"""What a table's title and a project's period say when the form's own fields do not.

Many published tables carry no 项目名称 cell: the project is named in the title only
(``2021年度本专科生奖助学金项目自评结果``, ``某县2024年度某某项目绩效自评表``).  The title is
written ``[issuer] YYYY年度 <project> <kind words>``; the project is what stands between the
year and the kind words (the layouts' ``table.title_kinds``).  A title that is only the kind
(``2021年度项目支出绩效自评表``) names no project.

A form with no 年度 in its title may still state its year in the project period
(``项目起止时间 2016年1月起至2016年12月止``): one calendar year throughout is that year; a period
over two years names none.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from jixiao.ingest import labels as L
from jixiao.model.vocabulary import LazyPattern, vocabulary


def _year_words() -> str:
    dates = vocabulary().dates
    return "|".join(re.escape(w) for w in sorted({dates.fiscal_year, dates.year}, key=len, reverse=True))


_YEAR_THEN_REST = LazyPattern(lambda: re.compile(rf"(?:19|20)\d{{2}}\s*(?:{_year_words()})\s*(.+)$"))
_ANY_YEAR = LazyPattern(lambda: re.compile(rf"(?<!\d)((?:19|20)\d{{2}})\s*{re.escape(vocabulary().dates.year)}"))
_SENTENCE = re.compile(r"[。；;，,:：、]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NAME_CHARS = (2, 40)
"""A project named in a title has at least 2 and at most 40 characters."""


def project_from_title(title: str, kinds: Iterable[str]) -> str | None:
    """The project a title names between its year and its kind words, or None.  A project's name
    keeps its word (the layouts' ``name_words``: 某某服务项目绩效自评表 names 某某服务项目): a kind
    that begins with it is a whole title, never cut off a name — unless the word opens the form's
    own compound (``kind_compounds``: 某经费项目支出绩效自评表 names 某经费)."""
    keeps, whole = L.NAME_WORDS, L.KIND_COMPOUNDS
    text = " ".join(unicodedata.normalize("NFKC", title).split())
    m = _YEAR_THEN_REST.search(text)
    if m is None:
        return None
    rest = m.group(1).strip()
    if rest in kinds:
        return None  # the title is only its kind (2021年度项目支出绩效自评表)
    for kind in sorted(kinds, key=len, reverse=True):
        if kind and (kind.startswith(whole) or not kind.startswith(keeps)) and rest.endswith(kind):
            rest = rest[: -len(kind)].strip()
            break
    else:
        return None  # not a title of a known kind: a sentence that mentions a year
    low, high = _NAME_CHARS
    if not low <= len(rest) <= high or _SENTENCE.search(rest) or not _CJK.search(rest):
        return None
    return rest


def year_of_period(text: str | None) -> int | None:
    """The one calendar year a period lies in (``2016年1月起至2016年12月止`` → 2016), else None."""
    if not text:
        return None
    years = {int(y) for y in _ANY_YEAR.findall(unicodedata.normalize("NFKC", text))}
    return years.pop() if len(years) == 1 else None
