"""The scoring engine: exact Decimal scores by a rule set, with a Chinese explanation per row."""

from jixiao.scoring.engine import apply, expected_weights, grade_of, score, subtotals
from jixiao.scoring.results import ExecutionResult, ItemResult, RowResult, RowStatus, ScoreResult

__all__ = [
    "ExecutionResult",
    "ItemResult",
    "RowResult",
    "RowStatus",
    "ScoreResult",
    "apply",
    "expected_weights",
    "grade_of",
    "score",
    "subtotals",
]
