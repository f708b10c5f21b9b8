"""Reads that the tracking pages share, each in a fixed number of queries."""

from dataclasses import dataclass
from datetime import date

from django.db.models import F, OuterRef, QuerySet, Subquery

from programmes.models import Assignment, Task, User
from tracking import access
from tracking.models import Notification, Period, ProgressReport, ReportState, ReportVersion
from tracking.periods import span_containing
from tracking.services import task_status_on
from tracking.status import TaskStatus


@dataclass
class MyTask:
    task: Task
    role: str
    status: str
    status_label: str
    report: ProgressReport | None
    period: Period


def current_period(today: date) -> Period:
    return Period.for_span(span_containing("quarter", today))


def my_tasks(user: User, today: date) -> list[MyTask]:
    """The tasks the user's body reports on, what is due next first."""
    period = current_period(today)
    role = Assignment.objects.current().filter(task_id=OuterRef("pk"), body_id=user.body_id)
    tasks = (
        access.tasks_to_report(user)
        .select_related("programme", "parent", "state")
        .annotate(my_role=Subquery(role.values("role")[:1]))
        .order_by(F("deadline_due").asc(nulls_last=True), "programme__sort_key", "position")
    )
    reports = {
        r.task_id: r
        for r in ProgressReport.objects.filter(body_id=user.body_id, period=period, task__in=tasks)
    }
    rows = []
    for task in tasks:
        status = task_status_on(task, getattr(task, "state", None), today)
        rows.append(
            MyTask(
                task=task,
                role=task.my_role,
                status=status,
                status_label=TaskStatus(status).label,
                report=reports.get(task.pk),
                period=period,
            )
        )
    return rows


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


def task_timeline(user: User, task: Task) -> list[dict]:
    """Every version of the reports the user may read on the task, and every status change."""
    versions = (
        ReportVersion.objects.filter(report__in=access.visible_reports(user).filter(task=task))
        .select_related("by", "report__body", "report__period")
        .order_by("at", "pk")
    )
    changes = task.status_changes.select_related("by").order_by("at", "pk")
    events = [{"at": v.at, "kind": "version", "version": v} for v in versions]
    events += [{"at": c.at, "kind": "status", "change": c} for c in changes]
    return sorted(events, key=lambda e: e["at"], reverse=True)


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
