"""The administrators' view of evaluations: read-only.  Records change through the workflow and
the fill-in form only (so every change is in the history); the history itself is append-only,
which the model enforces too (``models.AppendOnly``)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from jixiao.web.evaluations.models import Batch, Event, Record


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EventInline(ReadOnly, admin.TabularInline):  # type: ignore[misc]
    model = Event
    extra = 0
    fields = ("at", "user", "action", "comment", "version")
    readonly_fields = fields


@admin.register(Record)
class RecordAdmin(ReadOnly, admin.ModelAdmin):  # type: ignore[misc]
    list_display = ("project_name", "organisation", "year", "status", "stated_total", "computed_total", "grade")
    list_filter = ("status", "year", "grade")
    search_fields = ("project_name", "organisation__name")
    exclude = ("data",)
    inlines = [EventInline]


@admin.register(Event)
class EventAdmin(ReadOnly, admin.ModelAdmin):  # type: ignore[misc]
    list_display = ("at", "record", "user", "action", "version")
    list_filter = ("action",)
    search_fields = ("record__project_name", "comment")
    exclude = ("snapshot",)


@admin.register(Batch)
class BatchAdmin(ReadOnly, admin.ModelAdmin):  # type: ignore[misc]
    list_display = ("created_at", "organisation", "created_by", "total", "done", "failed", "finished_at")
