"""Which organisation a table belongs to, read from the table itself (实施单位, then 主管部门).

Tables name their unit as the field writes it: ``219001-昌吉州人力资源和社会保障局``,
``[155]濉溪县民政局``, ``…管理局本级``.  A leading code is compared with ``Organisation.code``;
otherwise names are compared after removing the code, spaces and the ``本级`` suffix (the unit's
own level).  Nothing is guessed: no match, or two, is reported as such and a person chooses."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from jixiao.model.evaluation import Evaluation
from jixiao.web.orgs.models import Organisation

# a code is bracketed ([155]) or followed by a separator (219001-): 2021年… is not a code
_CODE = re.compile(r"^\s*(?:[\[【(（]\s*(\d{3,})\s*[\]】)）]|(\d{3,})\s*[-－—_·.、:：\s])[-－—_·.、:：\s]*")
_SPACE = re.compile(r"\s+")
OWN_LEVEL = "本级"


def split_code(name: str | None) -> tuple[str | None, str]:
    """``219001-某某局`` → (``219001``, ``某某局``); a name without a code → (None, name)."""
    text = unicodedata.normalize("NFKC", name or "").strip()
    m = _CODE.match(text)
    if m and m.end() < len(text):
        return m.group(1) or m.group(2), text[m.end() :]
    return None, text


def normal(name: str | None) -> str:
    """The name as compared: code, spaces and a trailing 本级 removed."""
    _, bare = split_code(name)
    return _SPACE.sub("", bare).removesuffix(OWN_LEVEL)


@dataclass(frozen=True)
class Match:
    organisation: Organisation | None
    named: str  # what the table says (实施单位, else 主管部门), for the confirmation page
    how: str  # Chinese: 按单位代码 / 按单位名称 / 表中未注明单位 / 未找到同名单位 / 有多个同名单位

    @property
    def found(self) -> bool:
        return self.organisation is not None


def _by(orgs: list[Organisation], name: str | None) -> tuple[list[Organisation], str] | None:
    code, _ = split_code(name)
    if code:
        hits = [o for o in orgs if o.code and o.code == code]
        if hits:
            return hits, "按单位代码"
    key = normal(name)
    hits = [o for o in orgs if key and normal(o.name) == key]
    return (hits, "按单位名称") if hits else None


def match(ev: Evaluation, units: Iterable[Organisation]) -> Match:
    """The one unit among ``units`` the table names as its 实施单位 (or, for a table naming only
    its 主管部门, the one unit under that department among ``units``)."""
    orgs = list(units)
    named = ev.implementing_unit or ev.department or ""
    if not named.strip():
        return Match(None, "", "表中未注明实施单位")
    found = _by(orgs, ev.implementing_unit) if ev.implementing_unit else None
    if found is None and not ev.implementing_unit and ev.department:
        parents = {o.parent_id: o.parent for o in orgs if o.parent is not None}
        dept = _by([p for p in parents.values() if p is not None], ev.department)
        if dept is not None:
            found = ([o for o in orgs if o.parent_id in {d.pk for d in dept[0]}], dept[1] + "（主管部门）")
    if found is None or not found[0]:
        return Match(None, named, "未找到表中所列单位")
    hits, how = found
    if len(hits) > 1:
        return Match(None, named, "表中单位对应多个组织，请选择")
    return Match(hits[0], named, how)
