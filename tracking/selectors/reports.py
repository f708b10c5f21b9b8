"""Reads of the reporting pages: the periods a task owes, a report's history and
the coordinators' reports, a task's timeline, unread notifications. None of them writes."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import QuerySet

from programmes.models import Task, User
from tracking.models import (
    Notification,
    ProgressReport,
    ReportState,
    ReportVersion,
    StatusChange,
    TaskState,
)
from tracking.periods import PeriodSpan, span_containing
from tracking.selectors.periods import locked_keys
from tracking.status import TaskStatus

REPORT_LATE_GRACE_DAYS = 30


def kept_status(task: Task) -> TaskStatus:
    """The task's status today, from its kept state (the one home of it)."""
    state: TaskState | None = getattr(task, "state", None)
    return TaskStatus(state.status) if state else TaskStatus.NOT_STARTED


PERIOD_KINDS = ("quarter", "half_year", "year")


def span_order(span: PeriodSpan) -> tuple[date, int]:
    # A quarter first among periods due the same day: buttons name the shortest period first.
    return (span.due_on, PERIOD_KINDS.index(span.kind))


def open_spans(today: date, kinds: Sequence[str] = PERIOD_KINDS) -> list[PeriodSpan]:
    """The periods of ``kinds`` a body may report on now: of each kind the current one, and
    the previous one while its report is at most a month late (the one home of that rule)."""
    spans = []
    for kind in kinds:
        current = span_containing(kind, today)
        previous = span_containing(kind, current.starts_on - timedelta(days=1))
        if (today - previous.due_on).days <= REPORT_LATE_GRACE_DAYS:
            spans.append(previous)
        spans.append(current)
    return sorted(spans, key=span_order)


def reportable_spans(task: Task, today: date) -> list[PeriodSpan]:
    """The periods a body may report on the task now, of the kinds its programme reports by."""
    return open_spans(today, task.programme.reporting_kinds)


def unlocked_spans(task: Task, today: date) -> list[PeriodSpan]:
    """The reportable periods that are not locked: the buttons on the task's page."""
    locked = locked_keys(today)
    return [
        span
        for span in reportable_spans(task, today)
        if (span.kind, span.year, span.number) not in locked
    ]


def report_history(report: ProgressReport) -> QuerySet[ReportVersion]:
    return report.versions.select_related("by").order_by("at", "pk")


def coordinator_reports(report: ProgressReport) -> QuerySet[ProgressReport]:
    """While the lead writes, the coordinating bodies' reports on the same task and period."""
    if not report.is_lead:
        return ProgressReport.objects.none()
    return (
        ProgressReport.objects.filter(task_id=report.task_id, period_id=report.period_id)
        .exclude(pk=report.pk)
        .exclude(state=ReportState.DRAFT)
        .select_related("body")
    )


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime
    kind: str  # "version" or "status"
    version: ReportVersion | None = None
    change: StatusChange | None = None


# Saves of a draft are history kept for the report's own page, not events of the task: the
# timeline shows what was decided, sent or attached.
QUIET_ACTIONS = ("created", "saved")


def task_timeline(user: User, task: Task) -> list[TimelineEvent]:
    """The decisions, submissions and evidence changes on the reports the user may read on
    the task, and every status change; drafts being written are left out."""
    versions = (
        ReportVersion.objects.filter(
            report__in=ProgressReport.objects.visible_to(user).filter(task=task)
        )
        .exclude(action__in=QUIET_ACTIONS)
        .select_related("by", "report__body", "report__period")
        .order_by("at", "pk")
    )
    changes = task.status_changes.select_related("by").order_by("at", "pk")
    events = [TimelineEvent(at=v.at, kind="version", version=v) for v in versions]
    events += [TimelineEvent(at=c.at, kind="status", change=c) for c in changes]
    return sorted(events, key=lambda e: e.at, reverse=True)


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
