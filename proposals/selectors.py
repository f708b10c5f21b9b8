"""Reads of the register: a person's queue, a task's proposals, the export. Each a fixed
number of queries, rows as typed dataclasses."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from programmes.models import Programme, Task, User
from proposals.models import Proposal


@dataclass(frozen=True)
class ProposalRow:
    pk: int
    task_id: int
    task: str
    programme: str
    body: str
    text: str
    addressed_to: str
    raised_on: date
    due_on: date
    status: str
    status_label: str
    overdue: bool
    reply: str
    replied_by: str
    replied_at: datetime | None

    @property
    def answered_in_time(self) -> bool:
        return self.replied_at is not None and timezone.localdate(self.replied_at) <= self.due_on


def addressed_label(proposal: Proposal) -> str:
    if proposal.addressed_to is None:
        return _("Standing committee / People's committee")
    return proposal.addressed_to.display_name


def _rows(proposals: Iterable[Proposal], on: date) -> list[ProposalRow]:
    return [
        ProposalRow(
            pk=p.pk,
            task_id=p.task_id,
            task=f"{p.task.number} {p.task.title}".strip(),
            programme=p.task.programme.code or p.task.programme.title,
            body=p.body.display_name,
            text=p.text,
            addressed_to=addressed_label(p),
            raised_on=timezone.localdate(p.created_at),
            due_on=p.due_on,
            status=p.status,
            status_label=p.get_status_display(),
            overdue=p.is_overdue(on),
            reply=p.reply,
            replied_by=p.replied_by.get_full_name() if p.replied_by else "",
            replied_at=p.replied_at,
        )
        for p in proposals
    ]


def _with_related(proposals: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return proposals.select_related("task__programme", "body", "addressed_to", "replied_by")


STATUS_FILTERS = {
    "cho-tra-loi": ("new", "in_progress"),
    "moi": ("new",),
    "dang-xu-ly": ("in_progress",),
    "da-tra-loi": ("answered",),
    "da-giai-quyet": ("resolved",),
    "qua-han": (),  # unanswered and past the due date
    "tat-ca": (),
}


def register(user: User, *, status: str, on: date) -> QuerySet[Proposal]:
    """The proposals ``user`` answers, filtered by a ``STATUS_FILTERS`` key, due first."""
    proposals = Proposal.objects.queue(user)
    if status == "qua-han":
        proposals = proposals.overdue(on)
    elif STATUS_FILTERS.get(status):
        proposals = proposals.filter(status__in=STATUS_FILTERS[status])
    return _with_related(proposals).order_by("due_on", "pk")


def register_rows(proposals: Iterable[Proposal], on: date) -> list[ProposalRow]:
    return _rows(proposals, on)


def task_proposals(user: User, task: Task, on: date) -> list[ProposalRow]:
    """The proposals raised on ``task`` that ``user`` may read, with their answers."""
    proposals = Proposal.objects.visible_to(user).filter(task=task)
    return _rows(_with_related(proposals).order_by("-report__period__ends_on", "pk"), on)


def counts(user: User, on: date) -> dict[str, int]:
    """How many proposals wait for an answer, and how many of them are overdue."""
    waiting = Proposal.objects.queue(user).unanswered()
    return {"waiting": waiting.count(), "overdue": waiting.filter(due_on__lt=on).count()}


def midterm_summary(*, programme: Programme, day: date) -> list[str]:
    """The register's account for the mid-term report: of the proposals raised on the
    programme's tasks by the end of ``day``, how many were resolved by then and how many
    not (answered but not resolved, unanswered, and of those past their answer date)."""
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    raised = Proposal.objects.filter(task__programme=programme, created_at__lt=end)
    tally = raised.aggregate(
        total=Count("pk"),
        resolved=Count("pk", filter=Q(resolved_at__lt=end)),
        answered=Count("pk", filter=Q(replied_at__lt=end) & ~Q(resolved_at__lt=end)),
        late=Count(
            "pk",
            filter=Q(due_on__lt=day)
            & (Q(replied_at__isnull=True) | Q(replied_at__gte=end))
            & (Q(resolved_at__isnull=True) | Q(resolved_at__gte=end)),
        ),
    )
    if not tally["total"]:
        return []
    unresolved = tally["total"] - tally["resolved"]
    unanswered = unresolved - tally["answered"]
    text = (
        f"Theo sổ theo dõi kiến nghị, đề xuất, đến ngày {day:%d/%m/%Y} có {tally['total']} "
        f"kiến nghị, đề xuất của các cơ quan chủ trì: {tally['resolved']} kiến nghị đã được "
        f"giải quyết; {unresolved} kiến nghị chưa được giải quyết"
    )
    if unresolved:
        text += f" ({tally['answered']} đã được trả lời, {unanswered} chưa được trả lời"
        text += f", trong đó {tally['late']} quá hạn trả lời)" if tally["late"] else ")"
    return [text + "."]


def on_midterm_report(
    sender: object, *, programme: Programme, day: date, **kwargs: object
) -> list[str]:
    return midterm_summary(programme=programme, day=day)
