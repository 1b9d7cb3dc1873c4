from django.contrib import admin

from jixiao.web.evaluations.models import Event, Record


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    fields = ("at", "user", "action", "comment", "version")
    readonly_fields = fields
    can_delete = False


@admin.register(Record)
class RecordAdmin(admin.ModelAdmin):
    list_display = ("project_name", "organisation", "year", "status", "stated_total", "computed_total", "grade")
    list_filter = ("status", "year", "grade")
    search_fields = ("project_name", "organisation__name")
    readonly_fields = ("version",)
    inlines = [EventInline]
