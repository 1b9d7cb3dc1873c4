"""``typed_model`` gives the very model validation gives, for every row ingest reads."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.ingest import read
from jixiao.ingest.typed import typed_model
from jixiao.model.evaluation import Indicator, Location

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _validated(model: Indicator) -> Indicator:
    return Indicator(**{name: getattr(model, name) for name in model.model_fields_set})


def test_every_row_read_is_the_validated_row() -> None:
    rows = [
        ind
        for folder in ("seeds", "corpus", "corpus2")
        for f in sorted((SHARED / folder).glob("*.txt"))
        for ev in read(f)
        for ind in ev.indicators
    ]
    assert len(rows) > 300
    for ind in rows:
        again = _validated(ind)
        assert ind == again and ind.model_fields_set == again.model_fields_set
        assert ind.model_dump_json() == again.model_dump_json() and repr(ind) == repr(again)
        for name in Indicator.model_fields:
            assert type(getattr(ind, name)) is type(getattr(again, name)), name


def test_defaults_and_factories_are_filled() -> None:
    where = Location(line=3)
    got = typed_model(Indicator, {"name": "覆盖人数", "weight": Decimal("10"), "provenance": {"name": where}})
    assert got == Indicator(name="覆盖人数", weight=Decimal("10"), provenance={"name": where})
    assert got.model_fields_set == {"name", "weight", "provenance"} and got.score is None and got.band is None
    bare = typed_model(Indicator, {})
    assert bare.provenance == {} and bare.provenance is not typed_model(Indicator, {}).provenance
    assert bare.model_copy(update={"name": "x"}).name == "x" and bare.name is None
