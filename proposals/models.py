"""The register of difficulties and proposals (khó khăn, vướng mắc và kiến nghị, đề xuất)."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from programmes.models import Body, Task, User
from tracking.models import ProgressReport


class ProposalStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("Being handled")
    ANSWERED = "answered", _("Answered")
    RESOLVED = "resolved", _("Resolved")


UNANSWERED = (ProposalStatus.NEW, ProposalStatus.IN_PROGRESS)


class ProposalQuerySet(models.QuerySet["Proposal"]):
    def visible_to(self, user: User) -> "ProposalQuerySet":
        """Leaders and admins read the whole register; an official or head reads the
        proposals their body raised and those addressed to their body."""
        if not user.is_authenticated:
            return self.none()
        if user.is_leader:
            return self
        if user.body_id is None:
            return self.none()
        return self.filter(Q(body_id=user.body_id) | Q(addressed_to_id=user.body_id))

    def queue(self, user: User) -> "ProposalQuerySet":
        """What ``user`` answers: leaders every proposal; a head those addressed to their
        body; nobody else anything."""
        if user.is_leader:
            return self
        if user.is_head:
            return self.filter(addressed_to_id=user.body_id)
        return self.none()

    def unanswered(self) -> "ProposalQuerySet":
        return self.filter(status__in=UNANSWERED)

    def overdue(self, on: date) -> "ProposalQuerySet":
        """Unanswered past their due date: the rule in SQL, beside ``Proposal.is_overdue``."""
        return self.unanswered().filter(due_on__lt=on)


class Proposal(models.Model):
    """A proposal raised in a confirmed report, with its answer.

    One per line of the report's proposals (``number`` is its place there), created when the
    report is confirmed; addressed to a body, or — with no body — to the provincial standing
    committee and people's committee (Thường trực/UBND), whom provincial leaders answer for.
    """

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("report"),
        on_delete=models.PROTECT,
        related_name="proposal_items",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.PROTECT, related_name="proposals"
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("proposing body"),
        on_delete=models.PROTECT,
        related_name="proposals_raised",
    )
    text = models.TextField(_("proposal"))
    addressed_to = models.ForeignKey(
        Body,
        verbose_name=_("addressed to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals_addressed",
        help_text=_("Empty: the provincial standing committee and people's committee."),
    )
    due_on = models.DateField(_("answer due on"))
    status = models.CharField(
        _("status"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.NEW
    )
    reply = models.TextField(_("reply"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True, editable=False)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="proposal_once_per_line"),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["addressed_to", "status"]),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", args=[self.pk])

    def is_overdue(self, on: date) -> bool:
        return self.status in UNANSWERED and self.due_on < on
