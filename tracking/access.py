"""Who may see and do what with reports. Views fetch objects for a user only through here.

- An official or head reads and writes only their own body's reports; while the body leads a
  task it also reads the coordinating bodies' reports on that task.
- A head of body confirms or returns only their own body's submitted reports.
- Provincial leaders and admins read everything; they write no reports.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from programmes.models import Assignment, AssignmentRole, Role, Task, User
from tracking.models import Evidence, ProgressReport, ReportState

READ_ALL_ROLES = (Role.LEADER, Role.ADMIN)
REPORTING_ROLES = (Role.OFFICIAL, Role.HEAD)


def reads_everything(user: User) -> bool:
    return user.role in READ_ALL_ROLES or user.is_superuser


def visible_reports(user: User) -> QuerySet[ProgressReport]:
    reports = ProgressReport.objects.all()
    if reads_everything(user):
        return reports
    if user.body_id is None:
        return reports.none()
    leads = Assignment.objects.current().filter(
        task_id=OuterRef("task_id"), body_id=user.body_id, role=AssignmentRole.LEAD
    )
    return reports.filter(Q(body_id=user.body_id) | Exists(leads))


def tasks_to_report(user: User) -> QuerySet[Task]:
    """Tasks the user's body reports on: it leads or coordinates them, or owns the sub-task."""
    if user.role not in REPORTING_ROLES or user.body_id is None:
        return Task.objects.none()
    assigned = Assignment.objects.current().filter(task_id=OuterRef("pk"), body_id=user.body_id)
    return Task.objects.filter(Exists(assigned))


def task_to_report(user: User, pk: int) -> Task:
    return get_object_or_404(tasks_to_report(user).select_related("programme"), pk=pk)


def report_for(user: User, pk: int, *, write: bool = False) -> ProgressReport:
    """The report if the user may read it (or, with ``write``, edit it); 404 otherwise."""
    reports = visible_reports(user).select_related(
        "task__programme", "body", "period", "author", "decided_by"
    )
    report = get_object_or_404(reports, pk=pk)
    if write and (user.role not in REPORTING_ROLES or report.body_id != user.body_id):
        raise Http404
    return report


def report_to_decide(user: User, pk: int) -> ProgressReport:
    """A report the user may confirm or return: their own body's, as its head."""
    if user.role != Role.HEAD or user.body_id is None:
        raise Http404
    return get_object_or_404(
        ProgressReport.objects.select_related("task", "body", "period", "author"),
        pk=pk,
        body_id=user.body_id,
    )


def reports_awaiting(user: User) -> QuerySet[ProgressReport]:
    if user.role != Role.HEAD or user.body_id is None:
        return ProgressReport.objects.none()
    return ProgressReport.objects.filter(body_id=user.body_id, state=ReportState.SUBMITTED)


def evidence_for(user: User, pk: int) -> Evidence:
    return get_object_or_404(
        Evidence.objects.select_related("report").filter(report__in=visible_reports(user)), pk=pk
    )


def require_leader(user: User) -> None:
    """The summary pages are the provincial leaders' (and admins')."""
    from django.core.exceptions import PermissionDenied

    if not reads_everything(user):
        raise PermissionDenied
