"""Writes on the register: proposals taken from confirmed reports, answers, reminders."""

import re
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from programmes.models import Body, Role, User
from proposals.models import UNANSWERED, Proposal, ProposalStatus
from tracking.cache import forget_summaries
from tracking.models import ProgressReport, ReportState
from tracking.services.notifications import notify

# Days the addressed body has to answer, and days after that before leaders are told.
ANSWER_DAYS = 30
ESCALATE_AFTER_DAYS = 14

# A line's own bullet or numbering ("- ", "• ", "1. ", "2) ", "a) "), not part of the words.
_BULLET = re.compile(r"^\s*(?:[-–—•+*]|\(?\d{1,2}[.)]|\(?[a-zđ][.)])\s*", re.IGNORECASE)


def split_proposals(text: str) -> list[str]:
    """Each non-empty line of a report's proposals is one proposal, without its bullet."""
    return [line for line in (_BULLET.sub("", raw).strip() for raw in text.splitlines()) if line]


def answer_days() -> int:
    return int(getattr(settings, "PROPOSAL_ANSWER_DAYS", ANSWER_DAYS))


@transaction.atomic
def proposals_from_report(*, report: ProgressReport) -> list[Proposal]:
    """The register's items of a confirmed report; created once, whatever calls this again
    (the unique line number makes a second call add nothing)."""
    if report.state != ReportState.CONFIRMED:
        return []
    issuing_body_id = report.task.programme.issuing_body_id
    due_on = timezone.localdate() + timedelta(days=answer_days())
    items = [
        Proposal(
            report=report,
            number=number,
            task_id=report.task_id,
            body_id=report.body_id,
            text=text,
            addressed_to_id=issuing_body_id,
            due_on=due_on,
        )
        for number, text in enumerate(split_proposals(report.proposals), start=1)
    ]
    Proposal.objects.bulk_create(items, ignore_conflicts=True)
    return list(Proposal.objects.filter(report=report).order_by("number"))


def on_report_confirmed(sender: object, *, report: ProgressReport, **kwargs: object) -> None:
    proposals_from_report(report=report)


def can_answer(user: User, proposal: Proposal) -> bool:
    """Provincial leaders answer any proposal; a head those addressed to their body."""
    if user.is_leader:
        return True
    return (
        user.is_head
        and proposal.addressed_to_id is not None
        and (proposal.addressed_to_id == user.body_id)
    )


# Which status may follow which: an answer may come straight away or after taking the matter
# up; an answered proposal is resolved, or taken up again when the answer did not settle it.
TRANSITIONS: dict[str, set[str]] = {
    ProposalStatus.NEW: {ProposalStatus.IN_PROGRESS, ProposalStatus.ANSWERED},
    ProposalStatus.IN_PROGRESS: {ProposalStatus.ANSWERED},
    ProposalStatus.ANSWERED: {ProposalStatus.RESOLVED, ProposalStatus.IN_PROGRESS},
    ProposalStatus.RESOLVED: set(),
}


def _move(proposal: Proposal, *, by: User, to: str) -> Proposal:
    current = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not can_answer(by, current):
        raise ValidationError(
            _("Only provincial leaders and the head of the addressed body answer this proposal.")
        )
    if to not in TRANSITIONS[current.status]:
        raise ValidationError(
            _("This proposal is “%(status)s”: it cannot become “%(new)s”.")
            % {
                "status": current.get_status_display(),
                "new": ProposalStatus(to).label,
            }
        )
    current.status = to
    # The league table counts proposals answered in time: its cached figures are stale.
    transaction.on_commit(forget_summaries)
    return current


def _tell_the_proposers(proposal: Proposal, message: str) -> None:
    heads = User.objects.filter(body_id=proposal.body_id, role=Role.HEAD, is_active=True)
    recipients = {user.pk: user for user in [proposal.report.author, *heads]}
    notify(
        recipients.values(),
        message,
        reverse("tracking:task-detail", args=[proposal.task_id]),
        key=f"proposal{proposal.pk}:{proposal.status}:{timezone.now().timestamp():.0f}",
    )


@transaction.atomic
def proposal_take_up(*, proposal: Proposal, by: User) -> Proposal:
    """Mark the proposal as being handled (đang xử lý)."""
    proposal = _move(proposal, by=by, to=ProposalStatus.IN_PROGRESS)
    proposal.save(update_fields=["status"])
    return proposal


@transaction.atomic
def proposal_answer(*, proposal: Proposal, by: User, reply: str) -> Proposal:
    """Answer the proposal; the proposing body sees the answer on its task's page."""
    reply = reply.strip()
    if not reply:
        raise ValidationError({"reply": _("Write the answer.")})
    proposal = _move(proposal, by=by, to=ProposalStatus.ANSWERED)
    proposal.reply = reply
    proposal.replied_by = by
    proposal.replied_at = timezone.now()
    proposal.save(update_fields=["status", "reply", "replied_by", "replied_at"])
    _tell_the_proposers(
        proposal,
        _("%(who)s answered the proposal on “%(task)s”: %(reply)s")
        % {"who": by.get_full_name(), "task": proposal.task, "reply": reply},
    )
    return proposal


@transaction.atomic
def proposal_resolve(*, proposal: Proposal, by: User) -> Proposal:
    """Mark an answered proposal as settled (đã giải quyết)."""
    proposal = _move(proposal, by=by, to=ProposalStatus.RESOLVED)
    proposal.resolved_at = timezone.now()
    proposal.save(update_fields=["status", "resolved_at"])
    return proposal


@transaction.atomic
def proposal_readdress(*, proposal: Proposal, by: User, to: Body | None) -> Proposal:
    """Send an unanswered proposal to another body (or, with ``None``, to the Thường
    trực/UBND); only provincial leaders do. The new addressee's heads are told."""
    if not by.is_leader:
        raise ValidationError(_("Only provincial leaders send a proposal to another body."))
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status not in UNANSWERED:
        raise ValidationError(_("An answered proposal keeps the body that answered it."))
    proposal.addressed_to = to
    proposal.reminded_at = None  # the new addressee is reminded in its turn
    transaction.on_commit(forget_summaries)  # another body owes the answer now
    proposal.save(update_fields=["addressed_to", "reminded_at"])
    heads = _addressed_heads(proposal)
    if heads:
        notify(
            heads,
            _("A proposal on “%(task)s” was sent to your body for an answer by %(due)s.")
            % {"task": proposal.task, "due": proposal.due_on.strftime("%d/%m/%Y")},
            reverse("proposals:detail", args=[proposal.pk]),
            key=f"proposal{proposal.pk}:to{to.pk if to else 0}:{timezone.now().timestamp():.0f}",
        )
    return proposal


def _addressed_heads(proposal: Proposal) -> list[User]:
    if proposal.addressed_to_id is None:
        return []
    return list(
        User.objects.filter(body_id=proposal.addressed_to_id, role=Role.HEAD, is_active=True)
    )


def _leaders() -> list[User]:
    return list(
        User.objects.filter(is_active=True).filter(
            Q(role__in=(Role.LEADER, Role.ADMIN)) | Q(is_superuser=True)
        )
    )


@transaction.atomic
def proposals_remind(*, on: date) -> int:
    """Remind about unanswered proposals past their due date: the addressed body's heads
    once when it passes (leaders when no body or no head), and the provincial leaders once
    more ``ESCALATE_AFTER_DAYS`` later. Each step is written on the proposal in the same
    transaction as its notification, so a rerun or a second worker tells nobody twice."""
    count = 0
    overdue = (
        Proposal.objects.overdue(on)
        .filter(Q(reminded_at__isnull=True) | Q(escalated_at__isnull=True))
        .select_related("task", "body")
        .select_for_update(skip_locked=True, of=("self",))
    )
    now = timezone.now()
    leaders: list[User] | None = None
    for proposal in overdue:
        url = reverse("proposals:detail", args=[proposal.pk])
        words = {"task": proposal.task, "body": proposal.body.display_name}
        fields = []
        if proposal.reminded_at is None:
            recipients = _addressed_heads(proposal)
            if not recipients:
                leaders = _leaders() if leaders is None else leaders
                recipients = leaders
            notify(
                recipients,
                _("The proposal of %(body)s on “%(task)s” is past its answer date.") % words,
                url,
                key=f"proposal{proposal.pk}:overdue",
            )
            proposal.reminded_at = now
            fields.append("reminded_at")
            count += 1
        if (
            proposal.escalated_at is None
            and proposal.due_on + timedelta(days=ESCALATE_AFTER_DAYS) < on
        ):
            leaders = _leaders() if leaders is None else leaders
            notify(
                leaders,
                _(
                    "The proposal of %(body)s on “%(task)s” is still unanswered "
                    "%(days)s days after its answer date."
                )
                % {**words, "days": (on - proposal.due_on).days},
                url,
                key=f"proposal{proposal.pk}:escalated",
            )
            proposal.escalated_at = now
            fields.append("escalated_at")
            count += 1
        if fields:
            proposal.save(update_fields=fields)
    return count
