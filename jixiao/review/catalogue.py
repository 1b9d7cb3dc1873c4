"""The catalogue of finding codes: names fixed (other tools read them), wording in a data file.

The Chinese text a user reads (``jixiao review --explain CODE``, the README table) lives in
``catalogue.toml`` so it can be edited without touching code; this module checks that the
file and the ``Code`` enum name the same codes.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

_FILE = Path(__file__).with_name("catalogue.toml")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @property
    def rank(self) -> int:
        """Higher is graver: used for --fail-on and sorting."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


class Code(StrEnum):
    EXEC_RATE_MISMATCH = "EXEC_RATE_MISMATCH"
    EXEC_SCORE_MISMATCH = "EXEC_SCORE_MISMATCH"
    SCORE_MISMATCH = "SCORE_MISMATCH"
    SCORE_OVER_WEIGHT = "SCORE_OVER_WEIGHT"
    SCORE_MISSING = "SCORE_MISSING"
    TOTAL_MISMATCH = "TOTAL_MISMATCH"
    TOTAL_MISSING = "TOTAL_MISSING"
    WEIGHT_SUM = "WEIGHT_SUM"
    FUNDS_SUM = "FUNDS_SUM"
    GRADE_MISMATCH = "GRADE_MISMATCH"
    REASON_MISSING = "REASON_MISSING"
    OVER_COMPLETION = "OVER_COMPLETION"
    QUAL_BAND = "QUAL_BAND"
    COST_DEDUCTED = "COST_DEDUCTED"
    DIMENSION_MISSING = "DIMENSION_MISSING"
    VAGUE_TARGET = "VAGUE_TARGET"
    PERCENT_OVER_100 = "PERCENT_OVER_100"
    OVERSPEND = "OVERSPEND"
    LOW_EXEC_FULL_MARKS = "LOW_EXEC_FULL_MARKS"
    ACTUAL_MISSING = "ACTUAL_MISSING"
    NOT_COMPUTABLE = "NOT_COMPUTABLE"
    TEXT_TABLE_MISMATCH = "TEXT_TABLE_MISMATCH"
    YEAR_MISMATCH = "YEAR_MISMATCH"
    DUPLICATE_INDICATOR = "DUPLICATE_INDICATOR"
    SCORE_ROUNDING = "SCORE_ROUNDING"
    RECHECK_DIFFERS = "RECHECK_DIFFERS"
    INGEST_UNCERTAIN = "INGEST_UNCERTAIN"

    @property
    def entry(self) -> Entry:
        return catalogue()[self]

    @property
    def severity(self) -> Severity:
        return self.entry.severity


@dataclass(frozen=True, slots=True)
class Entry:
    code: Code
    severity: Severity
    title: str
    meaning: str
    why: str
    fix: str


@cache
def catalogue() -> dict[Code, Entry]:
    """Every code with its severity and Chinese explanation, in catalogue order."""
    data = tomllib.loads(_FILE.read_text(encoding="utf-8"))
    missing = {c.value for c in Code} - data.keys()
    unknown = data.keys() - {c.value for c in Code}
    if missing or unknown:
        raise RuntimeError(f"catalogue.toml 与代码不一致：缺少 {sorted(missing)}，多出 {sorted(unknown)}")
    return {
        Code(name): Entry(Code(name), Severity(d["severity"]), d["title"], d["meaning"], d["why"], d["fix"])
        for name, d in data.items()
    }


def explain(code: str) -> str:
    """The text of ``jixiao review --explain CODE``."""
    entry = Code(code.strip().upper()).entry
    return (
        f"{entry.code}（{entry.severity.label}）：{entry.title}\n\n"
        f"含义：{entry.meaning}\n\n为什么重要：{entry.why}\n\n如何改正：{entry.fix}"
    )
