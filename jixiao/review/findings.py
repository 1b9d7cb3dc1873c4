"""A finding: one problem in one evaluation, with where it is and what the figures are.

Findings are the review's public output (JSON, HTML, XLSX, the web app), so they are pydantic
models with fixed field names.  Stated and computed values are strings as a reader would
write them (``98.6%``, ``7.74``), because a finding may compare a rate, a score or a year.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, computed_field

from jixiao.model.evaluation import Location
from jixiao.review.catalogue import Code, Severity


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: Code
    severity: Severity
    file: str | None = Field(default=None, description="the document")
    table: int | None = Field(default=None, description="1-based table number in the document")
    project: str | None = Field(default=None, description="项目名称")
    where: str = Field(description="资金 / 总分 / 一级 › 二级 › 三级指标: what the finding concerns")
    row: int | None = Field(default=None, description="1-based indicator row in the table, if a row")
    field: str | None = Field(default=None, description="the value concerned: score, weight, execution_rate …")
    location: Location | None = Field(default=None, description="the source line or cell")
    stated: str | None = None
    computed: str | None = None
    message: str
    rule: str = Field(description="the rule set and the rule the finding rests on")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def title(self) -> str:
        return self.code.entry.title

    @property
    def place(self) -> str:
        """Where to look in the source, as a reviewer says it: 第12行 / Sheet1!C7 / 第2页."""
        loc = self.location
        if loc is None:
            return ""
        if loc.cell:
            return f"{loc.sheet}!{loc.cell}" if loc.sheet else loc.cell
        parts = []
        if loc.page:
            parts.append(f"第{loc.page}页")
        if loc.line:
            parts.append(f"第{loc.line}行")
        elif loc.row is not None:
            parts.append(f"表格第{loc.row + 1}行")
        return "".join(parts)
