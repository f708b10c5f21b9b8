"""The one home of a task's status today: its ``TaskState`` row.

Every write that can change a task's status writes the task's state in its own transaction:
a confirmation or a return (the task's latest confirmed lead report), a task's deadline or
assignments edited, tasks imported from Excel or saved from a text draft, a body merge or split
(those four through ``programmes.signals.tasks_changed``, since ``programmes`` may not import
``tracking``), and, because a status moves with time alone (a task turns overdue at midnight),
the refresh that beat runs just after midnight, Asia/Ho_Chi_Minh. Every page, export and
reminder reads the kept state for today; an earlier day goes through the same pure engine over
the history (``tracking.selectors.rows``).
"""

from collections.abc import Collection
from datetime import date

from django.db import transaction
from django.utils import timezone

from programmes.models import WORK_KINDS, Task, User
from tracking.cache import forget_summaries
from tracking.forecast import Point
from tracking.models import ProgressReport, ReportState, StatusChange, TaskState
from tracking.selectors.forecast import confirmed_histories, forecast_on
from tracking.selectors.rows import readings_by_task
from tracking.status import Reading, shown_percent, task_status_of

STATE_FIELDS = (
    "status",
    "percent",
    "report",
    "confirmed_on",
    "period_ends_on",
    "completed_on",
    "blocked",
    "forecast_on",
    "computed_on",
)
BATCH = 2000


def latest_lead_readings(task_ids: Collection[int] | None) -> dict[int, tuple[Reading, int]]:
    """{task: (its latest confirmed lead reading, that report's id)}: the latest period's
    report, then the latest confirmed of it."""
    reports = ProgressReport.objects.filter(is_lead=True, state=ReportState.CONFIRMED)
    if task_ids is not None:
        reports = reports.filter(task_id__in=task_ids)
    rows = (
        reports.order_by("task_id", "-period__ends_on", "-decided_at")
        .distinct("task_id")
        .values_list(
            "task_id",
            "pk",
            "percent",
            "decided_at",
            "period__ends_on",
            "completed_on",
            "blocked",
        )
    )
    return readings_by_task(rows)


def _state(
    task: Task, found: tuple[Reading, int] | None, points: list[Point], on: date
) -> TaskState:
    reading, report_id = found if found else (None, None)
    status = task_status_of(task, reading, on)
    return TaskState(
        task_id=task.pk,
        status=status,
        percent=shown_percent(status, reading.percent if reading else None),
        report_id=report_id,
        confirmed_on=reading.confirmed_on if reading else None,
        period_ends_on=reading.period_ends_on if reading else None,
        completed_on=reading.completed_on if reading else None,
        blocked=bool(reading and reading.blocked),
        forecast_on=forecast_on(task, status, points),
        computed_on=on,
        updated_at=timezone.now(),
    )


def _changed(old: TaskState | None, new: TaskState) -> bool:
    if old is None:
        return True
    fields = [f if f != "report" else "report_id" for f in STATE_FIELDS]
    return any(getattr(old, f) != getattr(new, f) for f in fields)


@transaction.atomic
def task_states_refresh(
    *,
    on: date,
    task_ids: Collection[int] | None = None,
    by: User | None = None,
    report: ProgressReport | None = None,
) -> int:
    """Write the kept state of ``task_ids`` (every work task when None) for the day ``on``,
    from their deadlines and latest confirmed lead reports; record each change of status.
    Returns how many statuses changed."""
    tasks = Task.objects.filter(kind__in=WORK_KINDS).select_related("programme")
    if task_ids is not None:
        tasks = tasks.filter(pk__in=task_ids)
    tasks = tasks.only(
        "pk",
        "deadline_text",
        "deadline_kind",
        "deadline_start",
        "deadline_due",
        "deadline_every",
        "programme__issued_on",
        "programme__term_start",
    ).order_by("pk")
    # Lock the kept rows first (in a fixed order), then read the reports: a confirmation
    # committing meanwhile waits for this, or is seen by it.
    kept = TaskState.objects.select_for_update().order_by("task_id")
    if task_ids is not None:
        kept = kept.filter(task_id__in=task_ids)
    old = {state.task_id: state for state in kept}
    readings = latest_lead_readings(task_ids)
    histories = confirmed_histories(task_ids, before=None)
    states, changes = [], []
    for task in tasks.iterator(chunk_size=BATCH):
        state = _state(task, readings.get(task.pk), histories.points.get(task.pk, []), on)
        before = old.get(task.pk)
        if not _changed(before, state):
            continue
        states.append(state)
        if before is None or before.status != state.status:
            changes.append(
                StatusChange(
                    task_id=task.pk,
                    old_status=before.status if before else "",
                    new_status=state.status,
                    report=report,
                    by=by,
                )
            )
    TaskState.objects.bulk_create(
        states,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["task"],
        update_fields=[*STATE_FIELDS, "updated_at"],
    )
    StatusChange.objects.bulk_create(changes, batch_size=BATCH)
    if states:
        transaction.on_commit(forget_summaries)
    return len(changes)


def task_state_refresh(
    *, task: Task, on: date, by: User | None = None, report: ProgressReport | None = None
) -> TaskState:
    """One task's kept state, written now; returns it."""
    task_states_refresh(on=on, task_ids=[task.pk], by=by, report=report)
    return TaskState.objects.get(task_id=task.pk)


def on_tasks_changed(sender: object, *, task_ids: list[int], **kwargs: object) -> None:
    """``programmes.signals.tasks_changed``: the plan changed under these tasks."""
    task_states_refresh(on=timezone.localdate(), task_ids=task_ids)
