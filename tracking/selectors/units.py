"""A body's unit page ("Đơn vị của tôi"): its tasks by status, the tasks not yet reported for
the current period of each kind its programmes report by, overdue tasks and the reports
awaiting confirmation.

Each count is taken with ``inbox.filtered_tasks``, the rule of the list it links to, so a
count and its list cannot disagree. A fixed number of queries whatever the body's size.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, OuterRef, QuerySet, Subquery

from programmes.models import AssignmentRole, Body, Programme, ReportingPeriod, Task, User
from tracking.models import ProgressReport, ReportState
from tracking.periods import PeriodSpan, span_containing
from tracking.selectors.inbox import InboxFilter, filtered_tasks, span_key
from tracking.selectors.rows import kept_status_is
from tracking.status import STATUS_ORDER, TaskStatus

# A few of each list on the page (it must stay short on a phone); the rest one link away.
SHOWN = 5


@dataclass(frozen=True)
class StatusCount:
    status: TaskStatus
    count: int
    query: str  # the inbox filter behind the count, as a query string

    @property
    def label(self) -> str:
        return str(self.status.label)


@dataclass(frozen=True)
class Unreported:
    """A task with no report sent for the period, and who has started one, if anyone."""

    task: Task
    drafted_by: str


@dataclass(frozen=True)
class UnreportedPeriod:
    """The current period of a kind the body's programmes ask for, and its tasks not yet
    reported (a body in quarterly programmes only sees the quarter)."""

    span: PeriodSpan
    tasks: list[Unreported]
    count: int
    query: str  # the inbox filter behind the count


@dataclass
class UnitPage:
    body: Body
    lead_count: int
    by_status: list[StatusCount]
    unreported: list[UnreportedPeriod]
    overdue: list[Task]
    overdue_count: int
    overdue_query: str
    queue: list[ProgressReport]


def _body_tasks(body: Body) -> "QuerySet[Task]":
    tasks: QuerySet[Task] = Task.objects.of_body(body.pk)
    return tasks


def reporting_kinds_of(tasks: "QuerySet[Task]") -> list[str]:
    """The period kinds the programmes of ``tasks`` ask reports for, shortest first (one
    query); quarterly when there are none."""
    kinds = Programme.objects.filter(pk__in=tasks.values("programme_id")).reporting_kinds()
    return kinds or [ReportingPeriod.QUARTER.value]


def _unreported(body: Body, span: PeriodSpan, today: date) -> UnreportedPeriod:
    unreported_filter = InboxFilter(unreported=span_key(span))
    draft_author = ProgressReport.objects.filter(
        task_id=OuterRef("pk"),
        body_id=body.pk,
        period__kind=span.kind,
        period__year=span.year,
        period__number=span.number,
    ).values("author__full_name")[:1]
    unreported_tasks = (
        filtered_tasks(_body_tasks(body), body.pk, unreported_filter, today)
        .select_related("programme")
        .annotate(drafted_by=Subquery(draft_author))
        .order_by("programme__sort_key", "position", "pk")
    )
    return UnreportedPeriod(
        span=span,
        tasks=[Unreported(task, task.drafted_by or "") for task in unreported_tasks[:SHOWN]],
        count=unreported_tasks.count(),
        query=f"ky={span_key(span)}",
    )


def unit_page(body: Body, today: date) -> UnitPage:
    """Everything the unit page shows of ``body`` today (five queries, and two for each
    period kind its programmes report by)."""
    kinds = reporting_kinds_of(_body_tasks(body))
    lead = InboxFilter(role=AssignmentRole.LEAD)
    lead_tasks = filtered_tasks(_body_tasks(body), body.pk, lead, today)
    counted = lead_tasks.aggregate(
        total=Count("pk"),
        **{status.value: Count("pk", filter=kept_status_is(status)) for status in STATUS_ORDER},
    )
    by_status = [
        StatusCount(status, counted[status.value], f"vai_tro=lead&trang_thai={status.value}")
        for status in STATUS_ORDER
        if counted[status.value]
    ]
    overdue_filter = InboxFilter(role=AssignmentRole.LEAD, status=TaskStatus.OVERDUE)
    overdue = filtered_tasks(_body_tasks(body), body.pk, overdue_filter, today).select_related(
        "programme"
    )
    queue = (
        ProgressReport.objects.filter(body_id=body.pk, state=ReportState.SUBMITTED)
        .select_related("task__programme", "period", "author")
        .order_by("submitted_at", "pk")
    )
    return UnitPage(
        body=body,
        lead_count=counted["total"],
        by_status=by_status,
        unreported=[_unreported(body, span_containing(kind, today), today) for kind in kinds],
        overdue=list(overdue.order_by("deadline_due", "position", "pk")[:SHOWN]),
        overdue_count=overdue.count(),
        overdue_query=f"vai_tro=lead&trang_thai={TaskStatus.OVERDUE.value}",
        queue=list(queue),
    )


def can_decide(user: User, body: Body) -> bool:
    """Only the body's own head confirms from its queue; a leader reads it."""
    return user.is_head and user.body_id == body.pk
