"""Reporting periods, progress reports and their versions, evidence and target readings."""

from datetime import date

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import Assignment, AssignmentRole, Body, Target, Task, User
from tracking.forecast import Confidence
from tracking.periods import PeriodSpan


class PeriodQuerySet(models.QuerySet["Period"]):
    def locked_on(self, day: date) -> "PeriodQuerySet":
        """The lock rule in SQL, beside ``Period.is_locked_on`` (the same rule over a row)."""
        return self.filter(Q(locked_at__isnull=False) | Q(locks_on__lte=day))


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
    # The lock (khóa sổ): an admin locks a period after its review, or sets a day from which
    # it is locked. Written only by ``tracking.services.locks``, which keeps the history.
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True, editable=False)
    locks_on = models.DateField(_("locks on"), null=True, blank=True, editable=False)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["ends_on", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "number"], name="period_unique"),
        ]

    def __str__(self) -> str:
        return self.span.label

    def is_locked_on(self, day: date) -> bool:
        """The one home of the rule: locked by an admin, or from its lock day on."""
        return self.locked_at is not None or (self.locks_on is not None and self.locks_on <= day)

    @property
    def is_locked(self) -> bool:
        return self.is_locked_on(timezone.localdate())

    @property
    def span(self) -> PeriodSpan:
        return PeriodSpan(
            self.kind, self.year, self.number, self.starts_on, self.ends_on, self.due_on
        )


class PeriodLockChange(models.Model):
    """The audit history of a period's lock: who locked, scheduled or unlocked it, when, why."""

    class Action(models.TextChoices):
        LOCKED = "locked", _("Locked")
        SCHEDULED = "scheduled", _("Lock date set")
        UNLOCKED = "unlocked", _("Unlocked")

    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.CASCADE, related_name="lock_changes"
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    locks_on = models.DateField(_("locks on"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("period lock change")
        verbose_name_plural = _("period lock history")
        ordering = ["period", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.period} – {self.get_action_display()}"


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


class ProgressReportQuerySet(models.QuerySet["ProgressReport"]):
    def visible_to(self, user: "User") -> "ProgressReportQuerySet":
        """The reports ``user`` may read: leaders and admins every one; an official or head
        their own body's and, while their body leads a task, the coordinators' on it."""
        if not user.is_authenticated:
            return self.none()
        if user.is_leader:
            return self
        if user.body_id is None:
            return self.none()
        leads = Assignment.objects.current().filter(
            task_id=OuterRef("task_id"), body_id=user.body_id, role=AssignmentRole.LEAD
        )
        return self.filter(Q(body_id=user.body_id) | Exists(leads))

    def awaiting(self, user: "User") -> "ProgressReportQuerySet":
        """The head's queue: their body's reports submitted for confirmation."""
        if not user.is_head:
            return self.none()
        return self.filter(body_id=user.body_id, state=ReportState.SUBMITTED)


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
    # The head's rating of how likely the task is delivered on time, set when confirming a
    # lead report (``report_confirm``); a drop from the previous rating carries its reason.
    confidence = models.CharField(
        _("delivery confidence"), max_length=16, choices=Confidence.choices, blank=True
    )
    confidence_reason = models.TextField(_("reason for the rating"), blank=True)
    # Results, difficulties and proposals folded (no diacritics, lower case) for search; a
    # full-text index on it works on every PostgreSQL, the embedded one included.
    search_text = models.TextField(editable=False, default="")

    objects = ProgressReportQuerySet.as_manager()

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
