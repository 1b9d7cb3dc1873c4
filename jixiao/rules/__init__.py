"""Scoring rule sets, kept as data (TOML) rather than code.

``get("national-2020")`` returns a shipped rule set; ``get("path/to/mine.toml")`` a user's own.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jixiao.rules.ruleset import DATA_DIR, RuleSet, RuleSetError, load_rule_set_file

DEFAULT = "national-2020"

__all__ = ["DEFAULT", "RuleSet", "RuleSetError", "available", "get"]


@cache
def _names() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in DATA_DIR.glob("*.toml")))


def available() -> list[str]:
    """Names of the shipped rule sets."""
    return list(_names())


@cache
def _shipped(name: str) -> RuleSet:
    return load_rule_set_file(DATA_DIR / f"{name}.toml")


def get(name_or_path: str | Path = DEFAULT) -> RuleSet:
    """A shipped rule set by name, or a user's rule-set file by path."""
    text = str(name_or_path)
    if text in _names():
        return _shipped(text)
    path = Path(text)
    if path.suffix == ".toml" or path.exists():
        return load_rule_set_file(path)
    names = "、".join(available())
    raise RuleSetError(f"没有名为“{text}”的规则集；可用：{names}，或给出 .toml 文件路径")
