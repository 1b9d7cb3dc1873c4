"""The list's order (year newest first, then unit name, then project name) as a sequence of
ids that a Paginator can slice without the database sorting every evaluation in reach.

The list is cut into segments, one per (year, unit), counted from an index alone; the segments
are put in order here (the units ranked by the database's own ORDER BY name, so its collation
holds), and a page reads only the segments it covers, each sorted by project name within one
unit and year (a few hundred rows).  At 200,000 evaluations, sorting them all with their unit's
name for a page deep in the list took most of the page's time.

``summarise`` counts the segments together with the list's cards (counts, sums, grades) in one
pass over the covering index, grouped by (year, unit, grade): three passes over a year's
50,000 rows were most of what remained."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Sum

from jixiao.web.orgs.models import Organisation


class ListOrder:
    """The ids of ``records`` in the list's order; ``len`` is their number."""

    def __init__(self, records: Any, groups: list[tuple[int, int, int]] | None = None) -> None:
        self.records = records.order_by()
        if groups is None:
            groups = list(self.records.values_list("year", "organisation_id").annotate(n=Count("pk")))
        ranked = Organisation.objects.filter(pk__in={org for _, org, _ in groups}).order_by("name", "pk")
        rank = {pk: k for k, pk in enumerate(ranked.values_list("pk", flat=True))}
        self.segments = sorted(groups, key=lambda g: (-g[0], rank.get(g[1], len(rank)), g[1]))
        self.total = sum(n for _, _, n in self.segments)

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, wanted: slice) -> list[int]:
        start, stop = wanted.start or 0, self.total if wanted.stop is None else wanted.stop
        ids: list[int] = []
        at = 0
        for year, org, n in self.segments:
            if at >= stop:
                break
            if at + n > start:
                rows = self.records.filter(year=year, organisation_id=org).order_by("project_name", "pk")
                ids += rows.values_list("pk", flat=True)[max(start - at, 0) : min(stop - at, n)]
            at += n
        return ids


def _add(total: Any, value: Any) -> Any:
    """SQL's SUM: NULLs skipped, NULL when there is nothing to add."""
    return total if value is None else value if total is None else total + value


def summarise(records: Any) -> tuple[dict[str, Any], dict[str, int], list[tuple[int, int, int]]]:
    """The list's cards (``n``, ``adjusted``, ``executed``, ``errors``, ``warnings``), its
    count per grade and its (year, unit, count) segments, from one grouped query."""
    rows = records.order_by().values_list("year", "organisation_id", "grade").annotate(
        n=Count("pk"), adjusted=Sum("adjusted_budget"), executed=Sum("executed"), errors=Sum("errors"),
        warnings=Sum("warnings"))  # fmt: skip
    stats: dict[str, Any] = {"n": 0, "adjusted": None, "executed": None, "errors": None, "warnings": None}
    grades: dict[str, int] = {}
    segments: dict[tuple[int, int], int] = {}
    for year, org, grade, n, adjusted, executed, errors, warnings in rows:
        figures = {"adjusted": adjusted, "executed": executed, "errors": errors, "warnings": warnings}
        stats |= {key: _add(stats[key], value) for key, value in figures.items()}
        stats["n"] += n
        grades[grade] = grades.get(grade, 0) + n
        segments[year, org] = segments.get((year, org), 0) + n
    return stats, grades, [(year, org, n) for (year, org), n in segments.items()]
