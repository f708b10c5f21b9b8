"""Each task's kept state (the one home of its status today) and the history of its changes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes.models import Task
from tracking.models.reports import ProgressReport
from tracking.status import Reading, TaskStatus


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
    # The projected finish date from the task's confirmed readings (``tracking.forecast``);
    # None when there is none to make. Written with the rest, from the same reports.
    forecast_on = models.DateField(null=True, blank=True)
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
