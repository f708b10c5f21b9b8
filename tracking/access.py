"""Who may see and do what with reports. Views fetch reports, evidence and the tasks a body
reports on only through here; what may be read is the query sets' ``visible_to(user)``.

- An official or head reads and writes only their own body's reports; while the body leads a
  task it also reads the coordinating bodies' reports on that task.
- A head of body confirms or returns only their own body's submitted reports.
- Provincial leaders and admins read everything; they write no reports.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from programmes.models import Body, Task, User
from tracking.models import Evidence, ProgressReport


def task_to_report(user: User, pk: int) -> Task:
    """A task the user's body reports on; 404 otherwise."""
    tasks: QuerySet[Task] = Task.objects.reported_by(user).select_related("programme")
    return get_object_or_404(tasks, pk=pk)


def report_for(user: User, pk: int, *, write: bool = False) -> ProgressReport:
    """The report if the user may read it (or, with ``write``, edit it); 404 otherwise."""
    reports = ProgressReport.objects.visible_to(user).select_related(
        "task__programme", "body", "period", "author", "decided_by"
    )
    report = get_object_or_404(reports, pk=pk)
    if write and not (user.reports_for_body and report.body_id == user.body_id):
        raise Http404
    return report


def report_to_decide(user: User, pk: int) -> ProgressReport:
    """A report the user may confirm or return: their own body's, as its head."""
    if not user.is_head:
        raise Http404
    return get_object_or_404(
        ProgressReport.objects.select_related("task", "body", "period", "author"),
        pk=pk,
        body_id=user.body_id,
    )


def evidence_for(user: User, pk: int) -> Evidence:
    visible = ProgressReport.objects.visible_to(user)
    return get_object_or_404(
        Evidence.objects.select_related("report").filter(report__in=visible), pk=pk
    )


def unit_for(user: User, pk: int) -> Body:
    """A body's unit page: its own head opens it, provincial leaders and admins open any
    body's; everyone else gets 404."""
    if user.is_leader:
        return get_object_or_404(Body.objects.select_related("parent"), pk=pk)
    if user.is_head and user.body_id == pk:
        return get_object_or_404(Body, pk=pk)
    raise Http404
