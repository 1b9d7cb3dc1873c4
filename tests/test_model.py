"""The evaluation model and its JSON form."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.model.evaluation import SCHEMA_VERSION, Evaluation
from jixiao.model.io import REQUIRED_KEYS, InputError, dump_evaluations, evaluation_from_dict, load_evaluations


def test_every_corpus_expectation_is_valid_input(shared: Path) -> None:
    """The corpus's NNN.json files hold only the fixed names: each must load as it is."""
    files = sorted(p for p in (shared / "corpus").glob("[0-9][0-9][0-9].json"))
    assert len(files) == 15
    for path in files:
        (ev,) = load_evaluations(path)
        raw = json.loads(path.read_text(encoding="utf-8"))
        assert ev.project_name == raw["project_name"]
        assert len(ev.indicators) == len(raw["indicators"])


def test_floats_are_read_as_their_decimal_text(shared: Path) -> None:
    (ev,) = load_evaluations(shared / "corpus" / "003.json")
    assert ev.funds is not None
    assert ev.funds.adjusted_budget == Decimal("387664.62")
    assert ev.execution_rate_stated == Decimal("1.0")
    (ev51,) = load_evaluations(shared / "corpus" / "051.json")
    assert ev51.execution_rate_stated == Decimal("0.5789")


def test_json_numbers_are_written_digit_for_digit() -> None:
    ev = Evaluation(total_score_stated=Decimal("99.80"), execution_rate_stated=Decimal("0.9875"))
    text = dump_evaluations([ev])
    assert '"total_score_stated": 99.80' in text
    assert '"execution_rate_stated": 0.9875' in text
    assert f'"schema_version": "{SCHEMA_VERSION}"' in text
    back = json.loads(text, parse_float=Decimal)[0]
    assert back["total_score_stated"] == Decimal("99.80")


def test_booleans_are_not_numbers() -> None:
    data: dict[str, object] = dict.fromkeys(REQUIRED_KEYS)
    data["indicators"] = [
        {"level1": None, "level2": None, "name": None, "target": None, "actual": None, "weight": True, "score": None}
    ]
    with pytest.raises(InputError) as exc:
        evaluation_from_dict(data, "x.json")
    assert str(exc.value) == "文件 x.json：indicators[0].weight 应为数字，不能是 true/false（读到 true）"
