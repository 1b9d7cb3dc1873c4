"""复核: re-score every table and flag every inconsistency, with codes and locations.

``review(ev)`` chooses the rule set the table declares (or takes the one given), scores it and
runs every check; each ``Finding`` carries a stable code from ``catalogue.toml``.
"""

from jixiao.review.catalogue import Code, Severity, catalogue, explain
from jixiao.review.engine import Review, review, review_all
from jixiao.review.findings import Finding

__all__ = ["Code", "Finding", "Review", "Severity", "catalogue", "explain", "review", "review_all"]
