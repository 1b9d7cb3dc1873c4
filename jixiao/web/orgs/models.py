"""Organisations (财政部门 → 主管部门 → 预算单位) and each user's place and role in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Organisation(models.Model):
    class Kind(models.TextChoices):
        FINANCE = "finance", "财政部门"
        DEPARTMENT = "department", "主管部门"
        UNIT = "unit", "预算单位"

    name = models.CharField("名称", max_length=200, unique=True)
    code = models.CharField("单位代码", max_length=30, blank=True, db_index=True,
                            help_text="表中单位名称前的编码，如 219001；导入时据此匹配单位")  # fmt: skip
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = verbose_name_plural = "组织"
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def subtree_ids(self) -> set[int]:
        """This organisation and every one below it (the tree is three levels deep)."""
        ids = {self.pk}
        frontier = {self.pk}
        while frontier:
            frontier = set(Organisation.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - ids
            ids |= frontier
        return ids


class Role(models.TextChoices):
    UNIT = "unit", "单位填报"
    DEPARTMENT = "department", "主管部门审核"
    FINANCE = "finance", "财政复核"
    ADMIN = "admin", "系统管理"


class Profile(models.Model):
    """A user's organisation and role; a user without one sees nothing."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE,
                                related_name="profile")  # fmt: skip
    organisation = models.ForeignKey(Organisation, verbose_name="所属组织", on_delete=models.PROTECT)
    role = models.CharField("角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = verbose_name_plural = "用户角色"

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"
