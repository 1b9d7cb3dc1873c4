"""The workflow: 草稿 → 已提交 → 主管部门审核（退回/通过）→ 财政复核（退回/通过）→ 已公开,
every edit and transition recorded with who, when, the fields changed and the evaluation
as it then stood.  Saves are optimistic: a save based on an old version is refused."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from jixiao.model.evaluation import Evaluation
from jixiao.review import Code, Review, review
from jixiao.web.evaluations import amounts, dbretry
from jixiao.web.evaluations.models import Event, Record, Status
from jixiao.web.orgs.models import Organisation, Role


class WorkflowError(Exception):
    """A step not allowed now; the message is shown to the user."""


class Conflict(WorkflowError):
    """Someone saved the evaluation since this version was opened."""


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: tuple[Status, ...]
    target: Status
    role: Role
    needs_comment: bool = False

    @property
    def confirm(self) -> str:
        """The question asked before the step is taken (the browser's confirmation)."""
        return {
            "submit": "提交后将由主管部门审核，审核前可撤回。确定提交吗？",
            "withdraw": "撤回后自评表回到草稿，可继续修改后再提交。确定撤回吗？",
            "publish": "公开后任何人都可在信息公开页看到此表。确定公开吗？",
        }.get(self.action, f"确定{self.label}此自评表吗？")


TRANSITIONS = {
    t.action: t
    for t in (
        Transition("submit", "提交", (Status.DRAFT, Status.RETURNED), Status.SUBMITTED, Role.UNIT),
        Transition("withdraw", "撤回", (Status.SUBMITTED,), Status.DRAFT, Role.UNIT),
        Transition("dept_return", "退回", (Status.SUBMITTED,), Status.RETURNED, Role.DEPARTMENT, True),
        Transition("dept_approve", "审核通过", (Status.SUBMITTED,), Status.DEPT_APPROVED, Role.DEPARTMENT),
        Transition("finance_return", "退回", (Status.DEPT_APPROVED,), Status.RETURNED, Role.FINANCE, True),
        Transition("finance_approve", "复核通过", (Status.DEPT_APPROVED,), Status.FINANCE_APPROVED, Role.FINANCE),
        Transition("publish", "公开", (Status.FINANCE_APPROVED,), Status.PUBLISHED, Role.FINANCE),
    )
}


def _role_of(user: AbstractBaseUser) -> Role | None:
    profile = getattr(user, "profile", None)
    return None if profile is None else Role(profile.role)


def available(user: AbstractBaseUser, record: Record) -> list[Transition]:
    """The steps this user may take on this evaluation now (access to it is checked before)."""
    role = _role_of(user)
    return [t for t in TRANSITIONS.values() if record.status in t.sources and role == t.role]


def evaluation_of(record: Record) -> Evaluation:
    return Evaluation.model_validate(record.data)


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for key, value in data.items():
            if key in ("provenance", "source"):
                continue
            out |= _flatten(value, f"{prefix}.{key}" if prefix else key)
        return out
    if isinstance(data, list):
        out = {}
        for k, value in enumerate(data):
            out |= _flatten(value, f"{prefix}[{k + 1}]")
        return out
    return {prefix: data}


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """Field by field (``indicators[3].actual``): old and new value, for the history."""
    a, b = _flatten(old), _flatten(new)
    return [{"field": k, "old": a.get(k), "new": b.get(k)} for k in sorted(a.keys() | b.keys()) if a.get(k) != b.get(k)]


def _refresh(record: Record, ev: Evaluation) -> Review:
    """Re-score and re-check, and keep the figures lists filter on."""
    r = review(ev)
    scored = r.evaluation
    record.data = ev.model_dump(mode="json", exclude_none=False)
    record.year = ev.year or record.year
    record.project_name = ev.project_name or "（未命名项目）"
    record.rule_set = r.rule_set.name
    funds, unit = ev.funds, amounts.unit_of(ev.funds)
    # the list's columns are in 万元 whatever unit the table states its funds in
    record.adjusted_budget = amounts.column(funds.adjusted_budget if funds else None, unit)
    record.executed = amounts.column(funds.executed if funds else None, unit)
    record.stated_total = ev.total_score_stated
    record.computed_total = scored.total_score
    record.grade = scored.grade or ev.grade_stated or ""
    record.errors = r.count("error")
    record.warnings = r.count("warning")
    record.codes = sorted({f.code.value for f in r.findings})
    return r


def _event(record: Record, user: AbstractBaseUser | None, action: str, comment: str = "",
           diff: list[dict[str, Any]] | None = None) -> Event:  # fmt: skip
    return Event.objects.create(record=record, user=user, action=action, comment=comment, changes=diff or [],
                                version=record.version, snapshot=record.data)  # fmt: skip


@dbretry.retry_locked
@transaction.atomic
def create(user: AbstractBaseUser | None, organisation: Organisation, ev: Evaluation, action: str = "新建") -> Record:
    record = Record(organisation=organisation, year=ev.year or 0, created_by=user, data={})
    _refresh(record, ev)
    record.save()
    _event(record, user, action)
    return record


@dbretry.retry_locked
@transaction.atomic
def save(user: AbstractBaseUser, record_id: int, ev: Evaluation, version: int, action: str = "修改") -> Record:
    """Save a new version; refused when the stored version is no longer the one edited."""
    record = Record.objects.select_for_update().get(pk=record_id)
    if record.version != version:
        raise Conflict(
            f"保存失败：此自评表已被他人修改（您编辑的是第 {version} 版，当前为第 {record.version} 版）。"
            "您填写的内容仍在页面上，请复制保留后刷新，再合并修改。"
        )
    if record.status not in (Status.DRAFT, Status.RETURNED):
        raise WorkflowError(f"自评表当前状态为“{record.get_status_display()}”，不能修改")
    old = record.data
    _refresh(record, ev)
    diff = changes(old, record.data)
    if not diff:
        return record
    record.version += 1
    record.save()
    _event(record, user, action, diff=diff)
    return record


def move(record: Record, status: Status) -> None:
    """The one way a record's 状态 changes (``Record.save`` refuses any other)."""
    record.status = status
    record._moving = True  # type: ignore[attr-defined]


def missing_reasons(record: Record) -> list[str]:
    """Rows whose shortfall the rule set wants explained and that have no reason."""
    r = review(evaluation_of(record))
    return [f.where for f in r.findings if f.code == Code.REASON_MISSING]


@dbretry.retry_locked
@transaction.atomic
def advance(user: AbstractBaseUser, record_id: int, action: str, comment: str = "") -> Record:
    record = Record.objects.select_for_update().get(pk=record_id)
    step = TRANSITIONS.get(action)
    if step is None or step not in available(user, record):
        raise WorkflowError("当前状态下您不能执行此操作")
    comment = comment.strip()
    if step.needs_comment and not comment:
        raise WorkflowError("退回时须填写意见")
    if step.action == "submit":
        rows = missing_reasons(record)
        if rows:
            raise WorkflowError("以下指标未完成却未说明偏差原因，请补充后再提交：" + "；".join(rows))
    move(record, step.target)
    record.version += 1
    record.save()
    _event(record, user, step.label, comment)
    return record


# reviewers: 复核意见 and 复核得分 on rows, while the table is at their stage
REVIEW_STAGES = {Role.DEPARTMENT: (Status.SUBMITTED,), Role.FINANCE: (Status.DEPT_APPROVED, Status.FINANCE_APPROVED)}


def can_annotate(user: AbstractBaseUser, record: Record) -> bool:
    role = _role_of(user)
    return role is not None and record.status in REVIEW_STAGES.get(role, ())


@transaction.atomic
def annotate(user: AbstractBaseUser, record_id: int, rows: dict[int, tuple[str | None, Any]], version: int) -> Record:
    """Save reviewers' row comments and spot-check scores (``{row: (comment, score)}``, rows
    1-based) as a new version; the unit's figures are untouched."""
    record = Record.objects.select_for_update().get(pk=record_id)
    if record.version != version:
        raise Conflict(
            f"保存失败：此自评表已被修改（您看到的是第 {version} 版，当前为第 {record.version} 版），"
            "请刷新后再填写复核意见。"
        )
    if not can_annotate(user, record):
        raise WorkflowError(f"自评表当前状态为“{record.get_status_display()}”，您不能填写复核意见")
    ev = evaluation_of(record)
    indicators = list(ev.indicators)
    for k, (comment, score) in rows.items():
        if 1 <= k <= len(indicators):
            indicators[k - 1] = indicators[k - 1].model_copy(update={"review_comment": comment, "recheck_score": score})
    old = record.data
    _refresh(record, ev.model_copy(update={"indicators": indicators}))
    diff = changes(old, record.data)
    if not diff:
        return record
    record.version += 1
    record.save()
    _event(record, user, "复核意见", diff=diff)
    return record


@transaction.atomic
def delete_draft(user: AbstractBaseUser, record_id: int) -> Record:
    """A unit deletes its own draft: hidden from every list, its history kept."""
    record = Record.objects.select_for_update().get(pk=record_id)
    if _role_of(user) != Role.UNIT or record.status != Status.DRAFT:
        raise WorkflowError("只有草稿可以删除；已提交的自评表请先撤回")
    move(record, Status.DELETED)
    record.version += 1
    record.save()
    _event(record, user, "删除草稿")
    return record


def return_comments(record: Record) -> list[Event]:
    """The return comments since the table was last submitted (newest first): what the unit must fix."""
    found = []
    for event in record.events.defer("snapshot").select_related("user"):
        if event.action == "提交":
            break
        if event.action == "退回" and event.comment:
            found.append(event)
    return found
