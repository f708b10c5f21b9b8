"""Reads of the reporting pages: the periods a task owes, a report's history and
the coordinators' reports, a task's timeline, unread notifications. None of them writes."""

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import F, QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from programmes.models import Target, Task, User
from tracking.models import (
    Notification,
    Progress,
    ProgressReport,
    ReportState,
    ReportVersion,
    StatusChange,
    TaskState,
)
from tracking.periods import PeriodSpan, span_containing
from tracking.selectors.periods import locked_keys
from tracking.selectors.targets import counted_readings
from tracking.status import TaskStatus

REPORT_LATE_GRACE_DAYS = 30


def kept_status(task: Task) -> TaskStatus:
    """The task's status today, from its kept state (the one home of it)."""
    state: TaskState | None = getattr(task, "state", None)
    return TaskStatus(state.status) if state else TaskStatus.NOT_STARTED


@dataclass(frozen=True)
class KeptState:
    """What a page shows of a task's kept state: its status chip and % done."""

    status: TaskStatus
    percent: int | None

    @property
    def label(self) -> str:
        return str(self.status.label)


def kept_states(task_ids: Sequence[int]) -> dict[int, KeptState]:
    """{task: its kept status and %} for ``task_ids`` in one query; a task without a kept
    state is not started, as ``kept_status`` says."""
    found = {
        task_id: KeptState(TaskStatus(status), percent)
        for task_id, status, percent in TaskState.objects.filter(task_id__in=task_ids).values_list(
            "task_id", "status", "percent"
        )
    }
    return {pk: found.get(pk, KeptState(TaskStatus.NOT_STARTED, None)) for pk in task_ids}


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


def review_queue(user: User) -> QuerySet[ProgressReport]:
    """The head's queue, oldest submitted first: the page and its export."""
    return (
        ProgressReport.objects.awaiting(user)
        .select_related("task__programme", "period", "author")
        .order_by("submitted_at", "pk")
    )


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


# The head's decision: what the report changed since it was returned, the previous one -------


@dataclass(frozen=True)
class DiffPart:
    op: str  # "same", "ins" or "del"
    text: str


@dataclass(frozen=True)
class FieldChange:
    label: str
    parts: list[DiffPart]


_WORDS = re.compile(r"\s+|\w+|[^\w\s]+")


def text_diff(before: str, after: str) -> list[DiffPart]:
    """Word by word, what ``after`` removed from and added to ``before`` (difflib). The parts
    are plain text: the template escapes them inside its <del> and <ins>."""
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    parts: list[DiffPart] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(DiffPart("same", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            parts.append(DiffPart("del", "".join(old[i1:i2])))
        if j2 > j1:
            parts.append(DiffPart("ins", "".join(new[j1:j2])))
    return parts


def _shown(name: str, value: object) -> str:
    """A snapshot's value as the report page words it."""
    if value in (None, ""):
        return "—"
    if name == "progress":
        return str(Progress(str(value)).label)
    if name == "percent":
        return f"{value}%"
    if name == "completed_on":
        return date.fromisoformat(str(value)).strftime("%d/%m/%Y")
    if name == "blocked":
        return _("Yes") if value else _("No")
    return str(value)


def _field_labels() -> dict[str, str]:
    return {
        "progress": _("Progress"),
        "percent": _("% done"),
        "completed_on": _("Completed on"),
        "blocked": _("Blocked by difficulties"),
        "results": _("Results achieved"),
        "difficulties": _("Difficulties"),
        "proposals": _("Proposals"),
    }


@dataclass(frozen=True)
class ChangesSinceReturn:
    """A resubmitted report against the version its head returned."""

    returned_at: datetime
    returned_by: str
    comment: str
    resubmitted_at: datetime
    changes: list[FieldChange]


def changes_since_return(report: ProgressReport) -> ChangesSinceReturn | None:
    """When the report was returned and sent again: the text as returned against the text
    sent since (the versions' snapshots), field by field; None if it was never returned and
    resubmitted. One query."""
    versions = list(
        report.versions.filter(action__in=("returned", "submitted"))
        .select_related("by")
        .order_by("-at", "-pk")[:2]
    )
    if len(versions) < 2 or versions[0].action != "submitted" or versions[1].action != "returned":
        return None
    sent, returned = versions
    changes = []
    for name, label in _field_labels().items():
        before, after = returned.data.get(name), sent.data.get(name)
        if before == after:
            continue
        changes.append(FieldChange(label, text_diff(_shown(name, before), _shown(name, after))))
    return ChangesSinceReturn(
        returned_at=returned.at,
        returned_by=returned.by.get_full_name(),
        comment=str(returned.data.get("return_comment") or ""),
        resubmitted_at=sent.at,
        changes=changes,
    )


def previous_confirmed(report: ProgressReport) -> ProgressReport | None:
    """The body's confirmed report on the same task for the latest period before this one."""
    return (
        ProgressReport.objects.filter(
            task_id=report.task_id,
            body_id=report.body_id,
            state=ReportState.CONFIRMED,
            period__ends_on__lt=report.period.ends_on,
        )
        .select_related("period", "decided_by")
        .order_by("-period__ends_on")
        .first()
    )


# The report form: each target's context -----------------------------------------------------


@dataclass(frozen=True)
class LastReading:
    value: Decimal
    ends_on: date


def last_readings(target_ids: Iterable[int], day: date) -> dict[int, LastReading]:
    """{target: its latest reading counted by ``day``} (confirmed or imported): one query."""
    rows = (
        counted_readings(day)
        .filter(target_id__in=list(target_ids))
        .order_by("target_id", F("ends_on").desc(), F("counted_at").desc())
        .distinct("target_id")
        .values_list("target_id", "value", "ends_on")
    )
    return {target_id: LastReading(value, ends_on) for target_id, value, ends_on in rows}


def figure(value: Decimal) -> str:
    """A figure as officials write it: 1.234,5 (no trailing zeros)."""
    return number_format(Decimal(f"{value.normalize():f}"), use_l10n=True)


@dataclass(frozen=True)
class TargetContext:
    """What an official needs beside a reading's box: unit, plan, baseline, last reading."""

    target: Target
    last: LastReading | None

    @property
    def plan(self) -> str:
        target = self.target
        if target.comparator == "range" and target.planned_max is not None:
            return f"{figure(target.planned_value)}–{figure(target.planned_max)}"
        return f"{target.get_comparator_display()} {figure(target.planned_value)}"

    @property
    def baseline(self) -> str:
        value = self.target.baseline_value
        return figure(value) if value is not None else ""

    @property
    def last_value(self) -> str:
        return figure(self.last.value) if self.last else ""
