"""The input budget: how much of anything one file may make jixiao read, in one place.

A finance bureau's batch holds files nobody checked.  A hostile or broken file must cost at
most what a large real one costs, so every reader measures what it is about to take on (bytes
on disk, bytes a zip member unpacks to, cells, merged spans, pages, characters, digits) and
refuses past these figures with a Chinese line naming the limit.  The defaults leave room
far beyond real tables (a real 自评表 is well under 1 MB, a few hundred cells and under
200 pages); each can be changed without code through an environment variable
``JIXIAO_LIMIT_<NAME>`` (``JIXIAO_LIMIT_PAGES=1000``), or by ``configure()`` in a program.
"""

from __future__ import annotations

import os
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, ValidationError

MB = 1 << 20


class Limits(BaseModel):
    """What one file may hold; each figure is named in the error that enforces it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file_bytes: int = Field(50 * MB, gt=0, description="文件大小")
    unpacked_bytes: int = Field(200 * MB, gt=0, description="压缩包（.docx/.xlsx）解压后的总大小")
    zip_ratio: int = Field(200, gt=0, description="压缩包中单个部件的压缩比")
    zip_members: int = Field(2_000, gt=0, description="压缩包中的部件数")
    cells: int = Field(200_000, gt=0, description="一个文件中的单元格数")
    grid: int = Field(2_000_000, gt=0, description="一张表格的网格位置数（行数 × 列数）")
    span: int = Field(1_000, gt=0, description="合并单元格跨越的行数或列数")
    pages: int = Field(500, gt=0, description="PDF 页数")
    page_lines: int = Field(5_000, gt=0, description="PDF 一页中的线段数")
    text_chars: int = Field(5_000_000, gt=0, description="文本字符数")
    integer_digits: int = Field(15, gt=0, description="数字的整数位数")
    fraction_digits: int = Field(20, gt=0, description="数字的小数位数")
    digit_run: int = Field(40, gt=0, description="文中连续数字的位数")
    json_depth: int = Field(64, gt=0, description="JSON 嵌套层数")
    json_string_chars: int = Field(100_000, gt=0, description="JSON 中一段文字的字符数")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Limits:
        """The defaults, with any ``JIXIAO_LIMIT_<NAME>`` set in the environment."""
        env = os.environ if environ is None else environ
        given = {name: env[key] for name in cls.model_fields if (key := env_name(name)) in env}
        try:
            return cls.model_validate(given)
        except ValidationError as exc:
            name = str(exc.errors()[0]["loc"][0])
            raise ValueError(f"环境变量 {env_name(name)} 应为正整数（读到 {given.get(name)!r}）") from None

    def describe(self, name: str) -> str:
        """``PDF 页数上限 500（JIXIAO_LIMIT_PAGES）``: how an error names a limit."""
        field = type(self).model_fields[name]
        value = getattr(self, name)
        shown = f"{value / MB:,.0f} MB" if name.endswith("_bytes") and value >= MB else f"{value:,}"
        return f"{field.description}上限 {shown}（{env_name(name)}）"


def env_name(name: str) -> str:
    return f"JIXIAO_LIMIT_{name.upper()}"


_configured: list[Limits] = []


@lru_cache(maxsize=1)
def _from_env() -> Limits:
    return Limits.from_env()


def current() -> Limits:
    """The limits in force: those given to ``configure()``, else the environment's."""
    return _configured[-1] if _configured else _from_env()


def configure(limits: Limits | None) -> None:
    """Set the limits for this process (``None``: back to the environment's)."""
    _configured.clear()
    if limits is not None:
        _configured.append(limits)
    _from_env.cache_clear()
