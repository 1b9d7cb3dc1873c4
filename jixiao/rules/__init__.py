"""Scoring rule sets, kept as data (TOML) rather than code.

``get("national-2020")`` returns a shipped rule set; ``get("path/to/mine.toml")`` a user's own.
Importing the package loads no rule-set model: a command that scores nothing (``jixiao
import``) starts without the schema; ``RuleSet`` and ``RuleSetError`` are loaded on first use.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jixiao.rules.ruleset import RuleSet, RuleSetError

DEFAULT = "national-2020"
DATA_DIR = Path(__file__).with_name("data")
"""The shipped rule sets (``jixiao.rules.ruleset.DATA_DIR``, known here without the schema)."""

__all__ = ["DEFAULT", "RuleSet", "RuleSetError", "available", "get"]


def __getattr__(name: str) -> Any:
    if name in ("RuleSet", "RuleSetError"):
        from jixiao.rules import ruleset

        return getattr(ruleset, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def _names() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in DATA_DIR.glob("*.toml")))


def available() -> list[str]:
    """Names of the shipped rule sets."""
    return list(_names())


@cache
def _shipped(name: str) -> RuleSet:
    from jixiao.rules.ruleset import load_rule_set_file

    return load_rule_set_file(DATA_DIR / f"{name}.toml")


def get(name_or_path: str | Path = DEFAULT) -> RuleSet:
    """A shipped rule set by name, or a user's rule-set file by path."""
    from jixiao.rules.ruleset import RuleSetError, load_rule_set_file

    text = str(name_or_path)
    if text in _names():
        return _shipped(text)
    path = Path(text)
    if path.suffix == ".toml" or path.exists():
        return load_rule_set_file(path)
    names = "、".join(available())
    raise RuleSetError(f"没有名为“{text}”的规则集；可用：{names}，或给出 .toml 文件路径")
