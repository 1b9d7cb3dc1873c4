"""The review as JSON: the findings (fixed field names) and the evaluations with computed values."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from jixiao.model.io import to_json
from jixiao.review import Review


def review_data(reviews: Sequence[Review]) -> dict[str, Any]:
    findings = [f for r in reviews for f in r.findings]
    return {
        "summary": {
            "evaluations": len(reviews),
            "findings": len(findings),
            "by_severity": dict(Counter(f.severity.value for f in findings)),
            "by_code": dict(Counter(f.code.value for f in findings)),
        },
        "findings": [f.to_dict() for f in findings],
        "evaluations": [{**r.evaluation.model_dump(mode="python"), "rule_set_reason": r.reason} for r in reviews],
    }


def write_json(reviews: Sequence[Review]) -> str:
    return to_json(review_data(reviews))
