"""Demo evaluations shipped with jixiao: invented projects of an invented county (青禾县).

They are written for the project, not copied from real documents, and each carries the kind
of mistake real tables hold (a miscomputed row, a score outside its tier, a missing reason),
so ``make run`` shows what the engine catches.
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")


def demo_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.json"))
