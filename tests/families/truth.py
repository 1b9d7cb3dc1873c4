"""Truth tables: what a generated table says, field by field, in the form of ``../shared/corpus/NNN.json``.

Three sources, all read at run time from ../shared: the seeds as the reader reads them (the seed
tests pin those readings: 004 → 18 tables, 001 → 9, 000 → 9), and the hand-made expectations
of corpus and corpus2.  A seed table also brings its fund sources and goals, which the corpus
expectations do not record.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jixiao.ingest.accuracy import ROW_FIELDS, TOP_FIELDS

SEEDS = ("004_54816bb8253fb7bd", "001_cdcd01df25b0754b", "000_ce0902d32becac69")


@dataclass(frozen=True, eq=False)
class Truth:
    """One table's content. ``data`` has the keys of the corpus expectations; ``sources`` are
    fund lines (name, 年初, 全年, 执行) and ``goals`` (预期, 实际) where known."""

    name: str
    data: dict[str, Any]
    sources: tuple[tuple[str, Any, Any, Any], ...] = ()
    goals: tuple[tuple[str, str], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def rows(self) -> list[dict[str, Any]]:
        return list(self.data.get("indicators") or [])

    def funds(self, key: str) -> Any:
        return (self.data.get("funds") or {}).get(key)


def _from_evaluation(name: str, ev: Any) -> Truth:
    dump = ev.model_dump(mode="python")
    data: dict[str, Any] = {}
    for dotted in TOP_FIELDS:
        if dotted.startswith("funds."):
            data.setdefault("funds", {})[dotted[6:]] = (dump.get("funds") or {}).get(dotted[6:])
        else:
            data[dotted] = dump.get(dotted)
    rows = [row for row in dump["indicators"] if not row["not_applicable"]]
    data["indicators"] = [{k: row.get(k) for k in ROW_FIELDS} for row in rows]
    funds = dump.get("funds") or {}
    sources = tuple(
        (s["name"] or "", s["initial_budget"], s["adjusted_budget"], s["executed"]) for s in funds.get("sources", [])
    )
    goals = tuple((g["expected"] or "", g["actual"] or "") for g in dump["goals"])
    return Truth(name, data, sources, goals)


def seed_truths(shared: Path) -> list[Truth]:
    from jixiao.ingest import read

    out = []
    for seed in SEEDS:
        for n, ev in enumerate(read(shared / "seeds" / f"{seed}.txt"), start=1):
            out.append(_from_evaluation(f"seed{seed[:3]}-{n}", ev))
    return out


def corpus_truths(shared: Path, folder: str) -> list[Truth]:
    out = []
    for path in sorted((shared / folder).glob("[0-9][0-9][0-9].json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["indicators"] = [{k: row.get(k) for k in ROW_FIELDS} for row in data.get("indicators") or []]
        if data["indicators"] or any((data.get("funds") or {}).values()):
            out.append(Truth(f"{folder}/{path.stem}", data))
    return out


def truths(shared: Path) -> list[Truth]:
    """Every truth table: seeds, corpus, corpus2 (a table with neither indicators nor funds is left out)."""
    return [*seed_truths(shared), *corpus_truths(shared, "corpus"), *corpus_truths(shared, "corpus2")]
