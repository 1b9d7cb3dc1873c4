"""Stored evaluations, their history and batch reviews.

The evaluation itself is kept as the core model's JSON (``data``), so the web application
and the command line read and write the same thing; the columns beside it are what lists
filter and sort on, refreshed from a review at every save.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from jixiao.web.orgs.models import Organisation


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "已退回"
    DEPT_APPROVED = "dept_approved", "主管部门审核通过"
    FINANCE_APPROVED = "finance_approved", "财政复核通过"
    PUBLISHED = "published", "已公开"
    DELETED = "deleted", "已删除"  # a draft its unit deleted: hidden everywhere, its history kept


class AppendOnly(Exception):
    """History is never rewritten: an existing 操作记录 cannot be changed or deleted."""


class StatusGuard(Exception):
    """A record's 状态 changes only through the workflow (``workflow.move``)."""


class RecordQuerySet(models.QuerySet["Record"]):
    """Bulk writes may change anything but the 状态: a queryset ``update`` or ``bulk_update`` of
    ``status`` would skip the workflow (its checks, its history), so it is refused like a bare save."""

    def update(self, **kwargs: Any) -> int:
        if "status" in kwargs:
            raise StatusGuard("状态只能经审核流程改变（批量修改状态被拒绝）")
        return super().update(**kwargs)

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        if "status" in fields:
            raise StatusGuard("状态只能经审核流程改变（批量修改状态被拒绝）")
        return super().bulk_update(objs, fields, batch_size=batch_size)


class Record(models.Model):
    organisation = models.ForeignKey(Organisation, verbose_name="预算单位", on_delete=models.PROTECT,
                                     related_name="records")  # fmt: skip
    year = models.PositiveIntegerField("年度", db_index=True)
    project_name = models.CharField("项目名称", max_length=300)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    rule_set = models.CharField("规则集", max_length=100, blank=True)
    adjusted_budget = models.DecimalField("全年预算数", max_digits=18, decimal_places=6, null=True)
    executed = models.DecimalField("全年执行数", max_digits=18, decimal_places=6, null=True)
    stated_total = models.DecimalField("自评总分", max_digits=7, decimal_places=2, null=True)
    computed_total = models.DecimalField("复核总分", max_digits=7, decimal_places=2, null=True)
    grade = models.CharField("等次", max_length=4, blank=True, db_index=True)
    errors = models.PositiveIntegerField("错误", default=0)
    warnings = models.PositiveIntegerField("警告", default=0)
    codes = models.JSONField("问题代码", default=list, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="创建人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    # last: SQLite reads a row's columns in order, and this one is large (the whole table)
    data = models.JSONField("自评表数据")

    objects = RecordQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "自评表"
        ordering = ["-year", "organisation__name", "project_name"]
        indexes = [
            # the same for one year (the list opens on the current year) and the 待办 progress per unit
            models.Index(
                fields=[
                    "organisation",
                    "year",
                    "status",
                    "grade",
                    "adjusted_budget",
                    "executed",
                    "errors",
                    "warnings",
                    "computed_total",
                ],
                name="evaluations_year_cover",
            ),
            # the list's order (year, unit, project) read from the index alone, for one year or all
            models.Index(fields=["organisation", "year", "status", "project_name"], name="evaluations_list_order"),
            # covers the list page's counts and sums, so they never read the large ``data`` column
            models.Index(
                fields=["organisation", "status", "year", "grade", "adjusted_budget", "executed", "errors", "warnings"],
                name="evaluations_list_cover",
            ),
            # one year's counts, sums and per-unit progress read from the index alone: led by the
            # year, so a bureau's whole reach is one range, not one descent per unit
            models.Index(
                fields=[
                    "year",
                    "organisation",
                    "status",
                    "grade",
                    "adjusted_budget",
                    "executed",
                    "errors",
                    "warnings",
                    "computed_total",
                ],
                name="evaluations_year_first_cover",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.project_name}"

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> Record:
        record = super().from_db(db, field_names, values)
        record._stored_status = record.__dict__.get("status")
        return record

    def save(self, *args: Any, **kwargs: Any) -> None:
        stored = getattr(self, "_stored_status", None)
        if stored is not None and self.status != stored and not getattr(self, "_moving", False):
            raise StatusGuard(f"状态只能经审核流程改变（{stored} → {self.status}）")
        super().save(*args, **kwargs)
        self._stored_status, self._moving = self.status, False


class EventQuerySet(models.QuerySet["Event"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnly("操作记录只能追加，不能修改")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly("操作记录只能追加，不能删除")


class Event(models.Model):
    """One entry of an evaluation's history: who did what when, which fields changed from
    what to what, and the evaluation as it stood afterwards (so every version is recoverable)."""

    # PROTECT: a record with history is never deleted with it, nor a user who acted
    record = models.ForeignKey(Record, verbose_name="自评表", on_delete=models.PROTECT, related_name="events")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", null=True, on_delete=models.PROTECT,
                             related_name="+")  # fmt: skip
    at = models.DateTimeField("时间", auto_now_add=True)
    action = models.CharField("操作", max_length=40)
    comment = models.TextField("意见", blank=True)
    changes = models.JSONField("修改内容", default=list, blank=True)
    version = models.PositiveIntegerField("版本")
    snapshot = models.JSONField("当时的数据")

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "操作记录"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action}（第 {self.version} 版）"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnly("操作记录只能追加，不能修改")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("操作记录只能追加，不能删除")


class Batch(models.Model):
    """A folder's worth of documents uploaded for review, processed by background workers."""

    organisation = models.ForeignKey(Organisation, verbose_name="组织", on_delete=models.PROTECT,
                                     related_name="batches")  # fmt: skip
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    total = models.PositiveIntegerField("文件数", default=0)
    done = models.PositiveIntegerField("已完成", default=0)
    failed = models.PositiveIntegerField("失败", default=0)
    tables = models.PositiveIntegerField("表格数", default=0)
    errors = models.PositiveIntegerField("错误", default=0)
    warnings = models.PositiveIntegerField("警告", default=0)
    finished_at = models.DateTimeField("完成时间", null=True)
    purpose = models.CharField("用途", max_length=10, default="review",
                               choices=[("review", "批量复核"), ("import", "上传导入")])  # fmt: skip
    imported_at = models.DateTimeField("导入时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "批量复核"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"批量复核 {self.pk}（{self.total} 个文件）"


class BatchFile(models.Model):
    batch = models.ForeignKey(Batch, verbose_name="批量复核", on_delete=models.CASCADE, related_name="files")
    name = models.CharField("文件名", max_length=500)
    path = models.CharField("存储位置", max_length=1000)
    state = models.CharField("状态", max_length=10, default="waiting")  # waiting / done / failed
    message = models.TextField("说明", blank=True)
    result = models.JSONField("结果", default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField("处理次数", default=0)
    started_at = models.DateTimeField("开始处理时间", null=True, blank=True)
    tables = models.PositiveIntegerField("表格数", default=0)
    unread = models.PositiveIntegerField("未读出的表格数", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "批量复核文件"
        indexes = [
            # a batch's progress page (files not read, files with unread tables, lost files) from the
            # index alone: never a pass over ten thousand results
            models.Index(fields=["batch", "state", "tables", "unread"], name="evaluations_batchfile_state"),
        ]

    def __str__(self) -> str:
        return self.name


class Export(models.Model):
    """A download of many evaluations built by a background worker (a Word file of the whole
    list takes seconds): the page shows its progress, then offers the file to its requester."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    target = models.CharField("类型", max_length=20)
    name = models.CharField("文件名", max_length=200)
    record_ids = models.JSONField("自评表", default=list)
    total = models.PositiveIntegerField("总数", default=0)
    done = models.PositiveIntegerField("已处理", default=0)
    state = models.CharField("状态", max_length=10, default="waiting")  # waiting / running / done / failed
    message = models.TextField("说明", blank=True)
    path = models.CharField("存储位置", max_length=1000, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True)

    class Meta:
        verbose_name = verbose_name_plural = "后台下载"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name}（{self.total} 张）"
