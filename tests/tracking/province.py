"""A province for the leaders' pages, built by hand: a task of each status, their reports
confirmed on given days, a target with a reading. The dates and counts are what the tests of
the overview, lists, targets and search check against."""

from datetime import date, datetime

from django.utils import timezone

from programmes.models import AssignmentRole
from tests.factories import AssignmentFactory, TaskFactory
from tracking.models import ProgressReport, ReportState, TargetReading
from tracking.services import task_state_refresh

TODAY = date(2024, 1, 10)


def at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 9))  # noqa: DTZ001


def confirmed(
    task,
    body,
    author,
    period,
    *,
    on,
    percent=None,
    completed_on=None,
    blocked=False,
    proposals="",
    readings=None,
):
    report = ProgressReport.objects.create(
        task=task,
        body=body,
        period=period,
        is_lead=True,
        state=ReportState.CONFIRMED,
        percent=percent,
        completed_on=completed_on,
        blocked=blocked,
        results="Kết quả",
        difficulties="Thiếu vốn" if blocked else "",
        proposals=proposals,
        author=author,
        submitted_at=at(on),
        decided_at=at(on),
    )
    for target, value in (readings or {}).items():
        TargetReading.objects.create(report=report, target=target, value=value)
    task_state_refresh(task=task, on=on)
    return report


def make_task(programme, body, deadline, title):
    task = TaskFactory(programme=programme, title=title)
    task.set_deadline(deadline)
    task.save()
    AssignmentFactory(task=task, body=body, role=AssignmentRole.LEAD)
    return task
