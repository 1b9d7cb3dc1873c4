"""Reading and writing evaluations as JSON, with errors a user can act on.

Errors name the file and the field in Chinese (``文件 a.json：indicators[2].weight 应为数字``);
the CLI prints them as one line and exits with code 2.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from jixiao.model.evaluation import Evaluation
from jixiao.model.limits import current
from jixiao.model.values import number_refusal

# Keys that must be present (null allowed) in every evaluation read from JSON: the fixed
# names other tools rely on.  Present-but-null means "not in the document"; absent means the
# file is not an evaluation.
REQUIRED_KEYS = (
    "year",
    "project_name",
    "department",
    "implementing_unit",
    "funds",
    "execution_rate_stated",
    "execution_weight",
    "execution_score_stated",
    "indicators",
    "total_score_stated",
    "grade_stated",
)
REQUIRED_INDICATOR_KEYS = ("level1", "level2", "name", "target", "actual", "weight", "score")

_PYDANTIC_MESSAGES = {
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "string_type": "应为文字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_type": "应为日期（YYYY-MM-DD）",
    "enum": "取值不在允许范围内",
    "missing": "缺少此字段",
    "finite_number": "应为有限数字",
    "tuple_type": "应为两个数字的列表",
    "value_error": "取值无效",
}


class InputError(ValueError):
    """Bad input, reported as one Chinese line naming the file and the place.  It holds only
    strings, so it pickles across the processes of a batch."""

    def __init__(self, file: str | Path, where: str, message: str) -> None:
        self.file = str(file)
        self.where = str(where)
        self.message = str(message)
        super().__init__(self.file, self.where, self.message)

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, str]]:
        return (type(self), (self.file, self.where, self.message))

    def __str__(self) -> str:
        place = f"：{self.where}" if self.where else ""
        return f"文件 {self.file}{place} {self.message}"


def _field_path(loc: Iterable[str | int], prefix: str = "") -> str:
    out = prefix
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _check_required(data: Any, file: str | Path, prefix: str) -> None:
    if not isinstance(data, dict):
        raise InputError(file, prefix, "应为一个评价对象（JSON 对象）")
    for key in REQUIRED_KEYS:
        if key not in data:
            raise InputError(file, _field_path([key], prefix), "缺少此字段（可以为 null，但不能省略）")
    indicators = data["indicators"]
    if not isinstance(indicators, list):
        raise InputError(file, _field_path(["indicators"], prefix), "应为列表")
    for i, row in enumerate(indicators):
        if not isinstance(row, dict):
            raise InputError(file, _field_path(["indicators", i], prefix), "应为对象")
        for key in REQUIRED_INDICATOR_KEYS:
            if key not in row:
                raise InputError(
                    file, _field_path(["indicators", i, key], prefix), "缺少此字段（可以为 null，但不能省略）"
                )


def evaluation_from_dict(data: Any, file: str | Path = "<输入>", prefix: str = "") -> Evaluation:
    """Validate one evaluation object read from JSON."""
    _check_required(data, file, prefix)
    try:
        return Evaluation.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        message = _PYDANTIC_MESSAGES.get(err["type"], "取值无效")
        if err["type"] == "value_error" and "error" in err.get("ctx", {}):
            message = str(err["ctx"]["error"])
        got = err.get("input")
        shown = "" if isinstance(got, dict | list) else f"（读到 {json.dumps(got, ensure_ascii=False)}）"
        raise InputError(file, _field_path(err["loc"], prefix), message + shown) from None


def load_evaluations(path: str | Path) -> list[Evaluation]:
    """Read a JSON file holding one evaluation or a list of them."""
    p = Path(path)
    data = parse_json(p, _read_text(p))
    if isinstance(data, list):
        return [evaluation_from_dict(item, p, f"[{i}]") for i, item in enumerate(data)]
    return [evaluation_from_dict(data, p)]


def _read_text(p: Path) -> str:
    limits = current()
    try:
        size = p.stat().st_size
        if size > limits.file_bytes:
            raise InputError(p, "", f"超出读取限制：文件大小 {size:,} 字节，{limits.describe('file_bytes')}")
        return p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(p, "", "不存在") from None
    except UnicodeDecodeError:
        raise InputError(p, "", "不是 UTF-8 编码的文本文件") from None
    except OSError as exc:
        raise InputError(p, "", f"无法读取（{exc.strerror}）") from None


class _Refused(ValueError):
    def __init__(self, message: str, token: str) -> None:
        super().__init__(message)
        self.message, self.token = message, token


def _number(token: str) -> str:
    """A JSON number as written, refused past the digit limits or as a huge exponent."""
    mantissa, _, exponent = token.lower().partition("e")
    limits = current()
    if exponent and (len(exponent.lstrip("+-").lstrip("0")) > 3 or abs(int(exponent)) > limits.integer_digits):
        raise _Refused("数字超出表格能容纳的范围（指数过大）", token)
    refusal = number_refusal(mantissa.lstrip("-"))
    if refusal is not None:
        raise _Refused(refusal, token)
    if exponent and len(mantissa.split(".")[0].lstrip("-0")) + int(exponent) > limits.integer_digits:
        raise _Refused(f"数字超过 {limits.integer_digits} 位整数，超出表格能容纳的范围", token)
    return token


def _not_finite(token: str) -> Any:
    raise _Refused("数字不是有限值（NaN 或无穷大），表格中不能有这样的数", token)


def parse_json(p: Path, text: str) -> Any:
    """JSON text read with numbers checked before they are made (no 5,000-digit int, no
    NaN, Infinity or 1e400), and nesting bounded (``json_depth``): one Chinese line each."""
    try:
        data = json.loads(
            text,
            parse_int=lambda t: int(_number(t)),
            parse_float=lambda t: float(_number(t)),
            parse_constant=_not_finite,
        )
    except json.JSONDecodeError as exc:
        raise InputError(p, f"第 {exc.lineno} 行第 {exc.colno} 列", "不是有效的 JSON") from None
    except _Refused as exc:
        raise InputError(p, "", f"{exc.message}（读到 {exc.token[:40]}）") from None
    except RecursionError:
        raise InputError(p, "", f"JSON 嵌套过深，{current().describe('json_depth')}") from None
    if _depth(data) > current().json_depth:
        raise InputError(p, "", f"JSON 嵌套过深，{current().describe('json_depth')}")
    too_long = _long_text(data, current().json_string_chars)
    if too_long is not None:
        where, what, size = too_long
        raise InputError(p, where, f"{what}过长（{size:,} 个字符），{current().describe('json_string_chars')}")
    return data


def _long_text(data: Any, limit: int) -> tuple[str, str, int] | None:
    """The first text (in document order) longer than ``limit`` characters: where it is, whether
    a value or a key (文字 / 键名), its length; None if there is none.  A 30 MB project name would
    otherwise reach every page and list that shows it."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        item, loc = stack.pop()
        if isinstance(item, str) and len(item) > limit:
            return _field_path(loc), "文字", len(item)
        if isinstance(item, dict):
            key = next((k for k in item if len(k) > limit), None)
            if key is not None:
                return _field_path(loc), "键名", len(key)
            stack.extend((value, (*loc, str(k))) for k, value in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((value, (*loc, k)) for k, value in reversed(list(enumerate(item))))
    return None


def _depth(data: Any) -> int:
    """How deep lists and objects nest (without recursion: the input may be deep)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


_DECIMAL_MARK = "\u2063DEC\u2063"
_DECIMAL_TOKEN = re.compile('"' + _DECIMAL_MARK + r"([-+0-9.Ee]+)" + _DECIMAL_MARK + '"')


def _mark_decimals(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        return f"{_DECIMAL_MARK}{obj}{_DECIMAL_MARK}"
    if isinstance(obj, dict):
        return {k: _mark_decimals(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_mark_decimals(v) for v in obj]
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


def to_json(data: Any, indent: int | None = 2) -> str:
    """JSON text in which every Decimal is a JSON number written digit for digit.

    ``json`` would need a float for a number, and a float is not an amount; so Decimals are
    marked, dumped as strings and unquoted.
    """
    text = json.dumps(_mark_decimals(data), ensure_ascii=False, indent=indent)
    return _DECIMAL_TOKEN.sub(r"\1", text)


def dump_evaluations(evaluations: list[Evaluation]) -> str:
    """JSON text for a list of evaluations, in the documented, versioned form."""
    return to_json([e.model_dump(mode="python") for e in evaluations])
