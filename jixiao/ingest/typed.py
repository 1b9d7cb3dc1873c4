"""Models built from values that are already of their fields' types, without validating them again.

Ingest makes tens of thousands of small models (an ``Indicator`` per row) from values it has
typed itself (``Decimal`` from ``parse_decimal``, ``str`` from a cell, ``Location`` from
``Cell.location``).  Validating them again costs more than reading the row; ``typed_model`` sets
them as pydantic's own ``model_construct`` does, in a fraction of its time (which goes mostly to
aliases, which these models do not have).  The tests build every row of the seeds and corpora
both ways and compare them field by field, types included.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


@lru_cache(maxsize=64)
def _defaults(cls: type[BaseModel]) -> tuple[dict[str, Any], tuple[tuple[str, Any], ...]]:
    """Each field's default in the fields' order, and the fields made by a factory."""
    defaults: dict[str, Any] = {}
    factories: list[tuple[str, Any]] = []
    for name, info in cls.model_fields.items():
        if info.default_factory is not None:
            factories.append((name, info.default_factory))
            defaults[name] = None
        else:
            defaults[name] = info.default
    return defaults, tuple(factories)


def typed_model(cls: type[M], values: dict[str, Any]) -> M:
    """A ``cls`` holding ``values`` (each of its field's type, every key a field) and the defaults
    of the fields not given, as validating them would give it."""
    defaults, factories = _defaults(cls)
    data = {**defaults, **values}
    for name, factory in factories:
        if name not in values:
            data[name] = factory()
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", data)
    object.__setattr__(obj, "__pydantic_fields_set__", set(values))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj
