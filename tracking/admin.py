from django.contrib import admin

from tracking.models import (
    Evidence,
    Heartbeat,
    Notification,
    Period,
    ProgressReport,
    Reminder,
    ReminderRule,
    ReportVersion,
    StatusChange,
    TaskState,
)


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "starts_on", "ends_on", "due_on")
    list_filter = ("kind", "year")


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    readonly_fields = ("original_name", "content_type", "size", "sha256", "uploaded_by")


class VersionInline(admin.TabularInline):
    model = ReportVersion
    extra = 0
    can_delete = False
    readonly_fields = ("version", "state", "action", "by", "at", "data")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    """Read-mostly: reports change through their services (save, submit, confirm, return)."""

    list_display = ("task", "body", "period", "state", "percent", "blocked", "updated_at")
    list_filter = ("state", "period", "blocked", "is_lead")
    search_fields = ("task__title", "body__name", "results")
    readonly_fields = [f.name for f in ProgressReport._meta.fields]
    inlines = (EvidenceInline, VersionInline)

    def has_add_permission(self, request):
        return False


@admin.register(TaskState)
class TaskStateAdmin(admin.ModelAdmin):
    list_display = ("task", "status", "percent", "computed_on")
    list_filter = ("status",)
    search_fields = ("task__title",)
    readonly_fields = ("task", "status", "percent", "report", "computed_on")


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ("task", "old_status", "new_status", "by", "at")
    list_filter = ("new_status",)
    search_fields = ("task__title",)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("recipient", "message", "created_at", "read_at")
    list_filter = (("read_at", admin.EmptyFieldListFilter),)
    search_fields = ("recipient__username", "message")


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "event", "days", "audience", "channels", "is_active")
    list_filter = ("event", "is_active")
    search_fields = ("name", "subject", "body")


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("subject", "recipient", "rule", "due_on", "state", "attempts", "sent_at")
    list_filter = ("state", "rule")
    search_fields = ("subject", "recipient__username", "key")
    readonly_fields = [f.name for f in Reminder._meta.fields]


admin.site.register(Heartbeat)
