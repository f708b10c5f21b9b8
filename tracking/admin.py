from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from auditlog.render import get_field_verbose_name
from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from programmes.text import fold
from tracking.models import (
    Audience,
    Channel,
    Evidence,
    Heartbeat,
    Notification,
    Period,
    PeriodLockChange,
    ProgressReport,
    Reminder,
    ReminderRule,
    ReportVersion,
    StatusChange,
    TaskState,
)


class PeriodLockForm(forms.ModelForm):
    """The period's dates, and a lock change made through ``tracking.services.locks``."""

    LOCK_ACTIONS = [
        ("", _("No change to the lock")),
        ("lock", _("Lock now (after the review)")),
        ("schedule", _("Set the lock date")),
        ("unlock", _("Unlock")),
    ]
    lock_action = forms.ChoiceField(label=_("Lock"), choices=LOCK_ACTIONS, required=False)
    new_locks_on = forms.DateField(
        label=_("Lock date"), required=False, help_text=_("The period locks from this day.")
    )
    lock_reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = Period
        fields = ("kind", "year", "number", "starts_on", "ends_on", "due_on")

    def clean(self):
        data = super().clean()
        if data.get("lock_action") == "unlock" and not (data.get("lock_reason") or "").strip():
            self.add_error("lock_reason", _("Give the reason for unlocking the period."))
        if data.get("lock_action") == "schedule" and not data.get("new_locks_on"):
            self.add_error("new_locks_on", _("Give the day the period locks."))
        return data


class PeriodLockChangeInline(admin.TabularInline):
    model = PeriodLockChange
    extra = 0
    can_delete = False
    fields = readonly_fields = ("at", "action", "locks_on", "reason", "by")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    """Lock and unlock in the change form; every change goes through the lock services, which
    keep the history shown below the form (and in *Period lock history*)."""

    form = PeriodLockForm
    list_display = ("__str__", "kind", "starts_on", "ends_on", "due_on", "locked_at", "locks_on")
    list_filter = ("kind", "year")
    readonly_fields = ("locked_at", "locks_on")
    inlines = (PeriodLockChangeInline,)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        from tracking.services import locks

        action, reason = form.cleaned_data.get("lock_action"), form.cleaned_data["lock_reason"]
        try:
            if action == "lock":
                locks.period_lock(period=obj, by=request.user, reason=reason)
            elif action == "schedule":
                locks.period_lock_schedule(
                    period=obj,
                    by=request.user,
                    locks_on=form.cleaned_data["new_locks_on"],
                    reason=reason,
                )
            elif action == "unlock":
                locks.period_unlock(period=obj, by=request.user, reason=reason)
        except ValidationError as error:
            for message in error.messages:
                self.message_user(request, message, messages.ERROR)
        obj.refresh_from_db()


@admin.register(PeriodLockChange)
class PeriodLockChangeAdmin(admin.ModelAdmin):
    """The audit history: read only."""

    list_display = ("period", "action", "locks_on", "reason", "by", "at")
    list_filter = ("action", "period")
    readonly_fields = ("period", "action", "locks_on", "reason", "by", "at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written only by the app (the status engine, the worker): shown, never edited here.

    Foreign keys are shown as links, not inputs, so no page renders a choice of every task."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TaskState)
class TaskStateAdmin(ReadOnlyAdmin):
    list_display = ("task", "status", "percent", "computed_on")
    list_filter = ("status",)
    list_select_related = ("task",)
    search_fields = ("task__search_text",)
    raw_id_fields = ("task", "report")
    readonly_fields = [f.name for f in TaskState._meta.fields]


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyAdmin):
    """A task's status history, as the engine wrote it: the audit trail of statuses."""

    list_display = ("task", "old_status", "new_status", "by", "at")
    list_filter = ("new_status",)
    list_select_related = ("task", "by")
    search_fields = ("task__search_text",)
    date_hierarchy = "at"
    raw_id_fields = ("task", "report", "by")
    readonly_fields = [f.name for f in StatusChange._meta.fields]
    # The model orders by task, which would sort 18,000 rows by a join; newest first instead.
    ordering = ("-at", "-pk")
    show_full_result_count = False

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("recipient", "message", "created_at", "read_at")
    list_filter = (("read_at", admin.EmptyFieldListFilter),)
    search_fields = ("recipient__username", "message")


class ReminderRuleForm(forms.ModelForm):
    """Whom to remind and how, as ticked boxes in Vietnamese rather than typed codes
    ("lead_officials,heads"); stored as before, a list of codes in each array field."""

    # "radiolist" is the admin's own style for a list of choices (labels at full width).
    audience = forms.MultipleChoiceField(
        label=capfirst(_("audience")),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "radiolist"}),
    )
    channels = forms.MultipleChoiceField(
        label=capfirst(_("channels")),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "radiolist"}),
        error_messages={"required": _("Choose at least one channel.")},
    )

    class Meta:
        model = ReminderRule
        fields = ("name", "event", "days", "audience", "channels", "subject", "body", "is_active")


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    form = ReminderRuleForm
    list_display = ("name", "event", "days", "audience_labels", "channel_labels", "is_active")
    list_filter = ("event", "is_active")
    search_fields = ("name", "subject", "body")

    @admin.display(description=_("audience"))
    def audience_labels(self, rule: ReminderRule) -> str:
        labels = dict(Audience.choices)
        return ", ".join(str(labels.get(code, code)) for code in rule.audience)

    @admin.display(description=_("channels"))
    def channel_labels(self, rule: ReminderRule) -> str:
        labels = dict(Channel.choices)
        return ", ".join(str(labels.get(code, code)) for code in rule.channels)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("subject", "recipient", "rule", "due_on", "state", "attempts", "sent_at")
    list_filter = ("state", "rule")
    search_fields = ("subject", "recipient__username", "key")
    readonly_fields = [f.name for f in Reminder._meta.fields]


@admin.register(Heartbeat)
class HeartbeatAdmin(ReadOnlyAdmin):
    list_display = ("name", "at")
    readonly_fields = ("name", "at")


# django-auditlog's list of changes, its summary column in Vietnamese: the fields changed by
# their names in the forms (its own column writes "2 changes: subject, days" in English).
admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class AuditEntryAdmin(LogEntryAdmin):
    list_display = ["created", "resource_url", "action", "changed_fields", "user_url"]

    @admin.display(description=_("Changed fields"))
    def changed_fields(self, obj: LogEntry) -> str:
        if obj.action in (LogEntry.Action.DELETE, LogEntry.Action.ACCESS):
            return ""
        return ", ".join(str(get_field_verbose_name(obj, name)) for name in obj.changes_dict)


# django-celery-beat's schedules (periodic tasks, intervals, crontabs, solar events, clocked)
# are the worker's plumbing, in English and easy to break: only superusers see them. Their
# menu names are translated in locale/vi for those who do.
class SuperuserOnly:
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request, *args):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


def _superusers_only(model) -> None:
    if not admin.site.is_registered(model):
        return
    registered = type(admin.site.get_model_admin(model))
    admin.site.unregister(model)
    admin.site.register(model, type(registered.__name__, (SuperuserOnly, registered), {}))


for _beat_model in apps.get_app_config("django_celery_beat").get_models():
    _superusers_only(_beat_model)
