"""Execution: reporting periods, progress reports and their versions, evidence, target
readings, each task's current state and its history, and in-app notifications."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from programmes.models import Body, Target, Task
from tracking.periods import PeriodSpan, period_span
from tracking.status import Reading, TaskStatus


class Period(models.Model):
    """A reporting period (quarter, six months, year) with its cut-off and due dates."""

    class Kind(models.TextChoices):
        QUARTER = "quarter", _("Quarter")
        HALF_YEAR = "half_year", _("Six months")
        YEAR = "year", _("Year")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    due_on = models.DateField(_("report due on"))

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["ends_on", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "number"], name="period_unique"),
        ]

    def __str__(self) -> str:
        return self.span.label

    @property
    def span(self) -> PeriodSpan:
        return PeriodSpan(
            self.kind, self.year, self.number, self.starts_on, self.ends_on, self.due_on
        )

    @classmethod
    def for_span(cls, span: PeriodSpan) -> "Period":
        period, _created = cls.objects.get_or_create(
            kind=span.kind,
            year=span.year,
            number=span.number,
            defaults={"starts_on": span.starts_on, "ends_on": span.ends_on, "due_on": span.due_on},
        )
        return period

    @classmethod
    def of(cls, kind: str, year: int, number: int = 1) -> "Period":
        return cls.for_span(period_span(kind, year, number))


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting confirmation")
    RETURNED = "returned", _("Returned")
    CONFIRMED = "confirmed", _("Confirmed")


class Progress(models.TextChoices):
    """What the reporting body says of its work; the task's status is computed from it."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class ProgressReport(models.Model):
    """A body's report on a task for a period (báo cáo tiến độ).

    One per task, body and period. The lead body's confirmed report is the task's report;
    coordinating bodies report their part. ``version`` rises with every save, so a stale form
    is refused instead of overwriting someone else's words.
    """

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.PROTECT, related_name="reports"
    )
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="reports"
    )
    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.PROTECT, related_name="reports"
    )
    is_lead = models.BooleanField(_("lead body's report"), default=False)
    state = models.CharField(
        _("state"), max_length=16, choices=ReportState.choices, default=ReportState.DRAFT
    )
    progress = models.CharField(
        _("progress"), max_length=16, choices=Progress.choices, default=Progress.IN_PROGRESS
    )
    percent = models.PositiveSmallIntegerField(_("% done"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    blocked = models.BooleanField(_("blocked by difficulties"), default=False)
    results = models.TextField(_("results achieved"), blank=True)
    difficulties = models.TextField(_("difficulties and obstacles"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    return_comment = models.TextField(_("reason for return"), blank=True)
    # Results, difficulties and proposals folded (no diacritics, lower case) for search; a
    # full-text index on it works on every PostgreSQL, the embedded one included.
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-period__ends_on", "task__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "body", "period"], name="report_one_per_body_and_period"
            ),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__lte=100), name="report_percent_range"
            ),
        ]
        indexes = [
            models.Index(fields=["body", "state"]),
            models.Index(fields=["task", "state", "is_lead"]),
            GinIndex(SearchVector("search_text", config="simple"), name="report_search"),
        ]

    def __str__(self) -> str:
        return f"{self.task} – {self.body.display_name} – {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("tracking:report-edit", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.state in (ReportState.DRAFT, ReportState.RETURNED)


class ReportVersion(models.Model):
    """Every saved version of a report: who, when, in which state, and what it said."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    state = models.CharField(max_length=16, choices=ReportState.choices)
    action = models.CharField(max_length=32)
    data = models.JSONField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        ordering = ["report", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.report} v{self.version} ({self.action})"


def evidence_path(instance: "Evidence", filename: str) -> str:
    return f"evidence/{instance.report.task_id}/{instance.report_id}/{filename}"


class Evidence(models.Model):
    """A document supporting a report (văn bản, minh chứng): its code, date and file."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    code = models.CharField(_("document code"), max_length=60, blank=True)
    issued_on = models.DateField(_("document date"), null=True, blank=True)
    title = models.CharField(_("description"), max_length=255, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return self.code or self.original_name


class TargetReading(models.Model):
    """A reading of a target: from a body's report (it counts once the report is confirmed),
    or imported for a period by a provincial leader or admin from the figures offices send
    (it counts from ``recorded_at``)."""

    report = models.ForeignKey(
        ProgressReport, null=True, blank=True, on_delete=models.CASCADE, related_name="readings"
    )
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="readings")
    period = models.ForeignKey(
        Period, null=True, blank=True, on_delete=models.PROTECT, related_name="readings"
    )
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("target reading")
        verbose_name_plural = _("target readings")
        constraints = [
            models.UniqueConstraint(fields=["report", "target"], name="reading_once_per_report"),
            models.UniqueConstraint(
                fields=["target", "period"],
                condition=Q(report__isnull=True),
                name="imported_reading_once_per_period",
            ),
            models.CheckConstraint(
                condition=Q(report__isnull=False)
                | Q(period__isnull=False, recorded_at__isnull=False),
                name="reading_from_a_report_or_imported_for_a_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target}: {self.value}"


class TaskState(models.Model):
    """Each task's current state, kept on write in the same transaction as a confirmation,
    so that pages read one row per task instead of searching every report.

    It keeps what the status engine needs of the latest confirmed lead report, so that the
    status on any later day is computed without another query (``status_on``); ``status`` is
    the status on ``computed_on``, refreshed daily for the pages that filter on it.
    """

    task = models.OneToOneField(Task, on_delete=models.CASCADE, related_name="state")
    status = models.CharField(max_length=24, choices=TaskStatus.choices)
    percent = models.PositiveSmallIntegerField(null=True, blank=True)
    report = models.ForeignKey(
        ProgressReport, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_on = models.DateField(null=True, blank=True)
    period_ends_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    blocked = models.BooleanField(default=False)
    computed_on = models.DateField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("task state")
        verbose_name_plural = _("task states")
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.task}: {self.get_status_display()}"

    @property
    def reading(self) -> Reading | None:
        if self.confirmed_on is None or self.period_ends_on is None:
            return None
        return Reading(
            confirmed_on=self.confirmed_on,
            period_ends_on=self.period_ends_on,
            percent=self.percent,
            completed_on=self.completed_on,
            blocked=self.blocked,
        )


class StatusChange(models.Model):
    """A change of a task's status: who or what changed it, when, from what to what."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="status_changes")
    old_status = models.CharField(max_length=24, choices=TaskStatus.choices, blank=True)
    new_status = models.CharField(max_length=24, choices=TaskStatus.choices)
    report = models.ForeignKey(
        ProgressReport, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["task", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.task}: {self.old_status or '–'} → {self.new_status}"


class Notification(models.Model):
    """An in-app notification, read or unread."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    message = models.TextField()
    url = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.message[:80]


class ReminderEvent(models.TextChoices):
    REPORT_DUE = "report_due", _("Report deadline of a period")
    MIDTERM_REVIEW = "midterm_review", _("Mid-term review")
    TASK_DEADLINE = "task_deadline", _("Task deadline")
    TASK_OVERDUE = "task_overdue", _("Task overdue (escalation)")


class Audience(models.TextChoices):
    LEAD_OFFICIALS = "lead_officials", _("Officials of the lead body")
    COORDINATING_OFFICIALS = "coordinating_officials", _("Officials of coordinating bodies")
    HEADS = "heads", _("Heads of the lead body")
    LEADERS = "leaders", _("Provincial leaders")


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    IN_APP = "in_app", _("In-app notification")


class ReminderRule(models.Model):
    """What to remind whom of, how long ahead, by which channel and in which words.

    ``days`` are days before the event; for an overdue task they are days after its due date,
    each one an escalation level. The texts may use {task}, {programme}, {period}, {due},
    {days}, {body}, {count} (tasks still without a report) and {link}.
    """

    name = models.CharField(_("name"), max_length=200)
    event = models.CharField(_("event"), max_length=24, choices=ReminderEvent.choices)
    days = ArrayField(
        models.PositiveSmallIntegerField(),
        verbose_name=_("days"),
        help_text=_(
            "Days before the event (after the due date for an overdue task), e.g. 30, 14, 7, 1."
        ),
    )
    audience = ArrayField(
        models.CharField(max_length=32, choices=Audience.choices), verbose_name=_("audience")
    )
    channels = ArrayField(
        models.CharField(max_length=16, choices=Channel.choices),
        verbose_name=_("channels"),
        default=list,
    )
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")
        ordering = ["event", "pk"]

    def __str__(self) -> str:
        return self.name


class Reminder(models.Model):
    """One reminder to one person: created once by the sweep (its ``key`` is unique), then
    delivered once. A rerun, a retried task or two beats find the key taken and add nothing."""

    key = models.CharField(max_length=200, unique=True)
    rule = models.ForeignKey(
        ReminderRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="reminders"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    channels = ArrayField(models.CharField(max_length=16), default=list)
    subject = models.CharField(max_length=255)
    text = models.TextField()
    url = models.CharField(max_length=255, blank=True)
    due_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        indexes = [
            models.Index(
                fields=["created_at"], name="reminder_pending", condition=Q(sent_at__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class Heartbeat(models.Model):
    """The last time the worker ran the heartbeat task that beat sends every minute."""

    name = models.CharField(max_length=40, unique=True)
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} {self.at:%H:%M:%S}"
