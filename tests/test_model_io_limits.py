"""The JSON reader refuses NaN, infinities, huge and long numbers and deep nesting by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.model.io import InputError, load_evaluations

_TEXT_LIMIT = "JSON 中一段文字的字符数上限 100,000（JIXIAO_LIMIT_JSON_STRING_CHARS）"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"year": NaN}', "数字不是有限值（NaN 或无穷大），表格中不能有这样的数（读到 NaN）"),
        ("[-Infinity]", "数字不是有限值（NaN 或无穷大），表格中不能有这样的数（读到 -Infinity）"),
        ('[{"year": 1e400}]', "数字超出表格能容纳的范围（指数过大）（读到 1e400）"),
        ("[" + "7" * 5000 + "]", "数字超过 15 位整数，超出表格能容纳的范围（读到 " + "7" * 40 + "）"),
        ("[" * 100_000 + "]" * 100_000, "JSON 嵌套过深，JSON 嵌套层数上限 64（JIXIAO_LIMIT_JSON_DEPTH）"),
        ("[" * 65 + "]" * 65, "JSON 嵌套过深，JSON 嵌套层数上限 64（JIXIAO_LIMIT_JSON_DEPTH）"),
        (
            '[{"year": 2023}, {"project_name": "' + "项" * 100_001 + '"}]',
            f"：[1].project_name 文字过长（100,001 个字符），{_TEXT_LIMIT}",
        ),
        (
            '{"indicators": [{"name": "短"}, {"' + "k" * 300_000 + '": 1}]}',
            f"：indicators[1] 键名过长（300,000 个字符），{_TEXT_LIMIT}",
        ),
    ],
)
def test_refused_by_name(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_evaluations(path)
    assert str(exc.value) == (f"文件 {path}{message}" if message.startswith("：") else f"文件 {path} {message}")


def test_texts_up_to_the_limit_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao.model import limits
    from tests.conftest import FIXTURES

    source = sorted(FIXTURES.glob("seed*/*.json"))[0]
    data = json.loads(source.read_text(encoding="utf-8"))
    first = data[0] if isinstance(data, list) else data
    first["project_name"] = "项" * 100_000
    path = tmp_path / "long.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_evaluations(path)[0].project_name == "项" * 100_000
    monkeypatch.setenv("JIXIAO_LIMIT_JSON_STRING_CHARS", "100")  # a setting, like every limit
    limits.configure(None)
    try:
        with pytest.raises(InputError, match="文字过长（100,000 个字符），JSON 中一段文字的字符数上限 100（"):
            load_evaluations(path)
    finally:
        monkeypatch.undo()
        limits.configure(None)


def test_our_own_output_reads_back(tmp_path: Path) -> None:
    from tests.conftest import FIXTURES

    for source in sorted(FIXTURES.glob("seed*/*.json")):
        assert load_evaluations(source)


_LEAVES = st.one_of(
    st.none(), st.booleans(), st.text(max_size=8), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["NaN", "Infinity", "1e400", "9" * 500, "-0.0", "1E-7"]).map(json.loads),
)  # fmt: skip
_DOCUMENTS = st.recursive(
    _LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["year", "project_name", "indicators", "funds", "weight", "x"]), inner, max_size=4
        )
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_DOCUMENTS, st.integers(0, 3))
def test_any_json_gives_evaluations_or_one_line(tmp_path: Path, data: object, cut: int) -> None:
    text = json.dumps(data)
    path = tmp_path / "fuzz.json"
    path.write_text(text[: len(text) - cut] if cut else text, encoding="utf-8")
    try:
        load_evaluations(path)
    except InputError as exc:
        assert str(exc).startswith(f"文件 {path}") and "\n" not in str(exc)
