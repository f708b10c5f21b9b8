"""The status engine: a task's status at any date, from its deadline and confirmed reports.

A pure function of its inputs, so that "as of" any date is the same computation. The rules,
applied in this order:

1. Only reports confirmed on or before the date count. The latest is the one for the latest
   period (then the latest confirmed).
2. A task that is not ongoing and whose latest report says it was completed is **completed**:
   on time when it was completed on or before its due date (or it has none), late otherwise.
   Ongoing (Thường xuyên) and recurring (Hằng năm) tasks never complete.
3. A task past its due date and not completed is **overdue** (Quá hạn). The deadline is the
   harder fact, so it wins over difficulties.
4. A task whose latest report says it is blocked by difficulties (with proposals) is
   **blocked** (Có khó khăn, vướng mắc).
5. A task with no confirmed report is **not started**.
6. An ongoing or recurring task is **on track** while its latest report is for a period that
   ended at most ``ONGOING_STALE_DAYS`` ago, **behind** otherwise.
7. Otherwise the task is **behind** when its % done is more than ``BEHIND_TOLERANCE`` points
   below the elapsed share of its deadline window (from the window's start, or the task's
   own start when the deadline is a single date, to the due date), **on track** otherwise.
   A task with no deadline is on track while it reports.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes.deadlines import Deadline

if TYPE_CHECKING:
    from programmes.models import Task

BEHIND_TOLERANCE = 10  # percentage points
ONGOING_STALE_DAYS = 100  # a quarter and a bit: one missed quarterly report makes it behind


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("In progress — on track")
    BEHIND = "behind", _("In progress — behind")
    COMPLETED_ON_TIME = "completed_on_time", _("Completed — on time")
    COMPLETED_LATE = "completed_late", _("Completed — late")
    OVERDUE = "overdue", _("Overdue")
    BLOCKED = "blocked", _("Blocked by difficulties")


COMPLETED: tuple[TaskStatus, ...] = (TaskStatus.COMPLETED_ON_TIME, TaskStatus.COMPLETED_LATE)
# The order of the status bar and of sorting by status: least done first.
STATUS_ORDER: tuple[TaskStatus, ...] = (
    TaskStatus.NOT_STARTED,
    TaskStatus.ON_TRACK,
    TaskStatus.BEHIND,
    TaskStatus.BLOCKED,
    TaskStatus.OVERDUE,
    TaskStatus.COMPLETED_ON_TIME,
    TaskStatus.COMPLETED_LATE,
)


def shown_percent(status: str, percent: int | None) -> int | None:
    """The % done a page shows for a task: 100 once it is completed, whatever the report
    said, otherwise the latest confirmed report's figure (None without one).

    The one home of that rule: the kept state stores what this returns, and rows for an
    earlier day call it too.
    """
    return 100 if status in COMPLETED else percent


@dataclass(frozen=True)
class Reading:
    """What the engine needs of one confirmed report."""

    confirmed_on: date
    period_ends_on: date
    percent: int | None = None
    completed_on: date | None = None
    blocked: bool = False


def expected_percent(*, start: date | None, due: date | None, on: date) -> int | None:
    """The elapsed share of the window [start, due] on ``on``, in percent (0–100)."""
    if start is None or due is None or due <= start:
        return None
    share = (on - start).days / (due - start).days
    return round(100 * min(1.0, max(0.0, share)))


def task_status(
    *,
    deadline: Deadline | None,
    started_on: date | None,
    readings: Iterable[Reading],
    on: date,
) -> TaskStatus:
    counted = [r for r in readings if r.confirmed_on <= on]
    latest = max(counted, key=lambda r: (r.period_ends_on, r.confirmed_on), default=None)
    open_ended = deadline is not None and deadline.is_open_ended
    due = deadline.due if deadline else None

    if latest and latest.completed_on and not open_ended:
        if due is None or latest.completed_on <= due:
            return TaskStatus.COMPLETED_ON_TIME
        return TaskStatus.COMPLETED_LATE
    if due is not None and on > due:
        return TaskStatus.OVERDUE
    if latest is None:
        return TaskStatus.NOT_STARTED
    if latest.blocked:
        return TaskStatus.BLOCKED
    if open_ended:
        fresh = (on - latest.period_ends_on).days <= ONGOING_STALE_DAYS
        return TaskStatus.ON_TRACK if fresh else TaskStatus.BEHIND
    start = (deadline.start if deadline else None) or started_on
    expected = expected_percent(start=start, due=due, on=on)
    if expected is not None and (latest.percent or 0) + BEHIND_TOLERANCE < expected:
        return TaskStatus.BEHIND
    return TaskStatus.ON_TRACK


def task_started_on(task: "Task") -> date | None:
    """Where a task's window starts when its deadline gives no start: its programme's."""
    programme = task.programme
    if programme.issued_on:
        return programme.issued_on
    return date(programme.term_start, 1, 1) if programme.term_start else None


def task_status_of(task: "Task", reading: Reading | None, on: date) -> TaskStatus:
    """The engine applied to a task and its latest confirmed lead reading (if any)."""
    return task_status(
        deadline=task.deadline,
        started_on=task_started_on(task),
        readings=[reading] if reading else [],
        on=on,
    )
