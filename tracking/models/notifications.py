"""In-app notifications, reminder rules, the reminder outbox and the worker's heartbeat."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


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


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Reminder(models.Model):
    """One reminder to one person: created once by the sweep (its ``key`` is unique), then
    delivered once. A rerun, a retried task or two beats find the key taken and add nothing.

    Delivery moves it pending → sending (claimed, before the mail server is asked) → sent, or
    → failed with the server's answer, tried again later up to a cap. A row left "sending"
    by a worker that died is tried again once its claim is old.
    """

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
    state = models.CharField(
        max_length=8, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    retry_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        indexes = [
            models.Index(fields=["id"], name="reminder_undelivered", condition=~Q(state="sent")),
        ]

    def __str__(self) -> str:
        return self.subject


class Heartbeat(models.Model):
    """The last time the worker ran the heartbeat task that beat sends every minute."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    at = models.DateTimeField(_("last beat"))

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.name} {self.at:%H:%M:%S}"
