"""The confirmed histories the forecast reads, for many tasks in one query.

The kept state's refresh (today) and an earlier day's rows (``tracking.selectors.rows``) both
read them here, then apply the pure rule of ``tracking.forecast``.
"""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime

from programmes.models import Task
from tracking.forecast import (
    Confidence,
    Disagreement,
    Point,
    Why,
    disagreement,
    forecast_finish,
    projected_late,
)
from tracking.models import ProgressReport, ReportState, TaskState
from tracking.status import COMPLETED


@dataclass
class Histories:
    """Per task, its confirmed lead readings as points; per report, the head's rating."""

    points: defaultdict[int, list[Point]] = field(default_factory=lambda: defaultdict(list))
    confidence: dict[int, str] = field(default_factory=dict)


def confirmed_histories(task_ids: Collection[int] | None, *, before: datetime | None) -> Histories:
    """The lead bodies' confirmed reports of ``task_ids`` (every task when None), confirmed
    before ``before`` (all when None): one query, in the order they were confirmed, so that a
    later confirmation of the same period comes last and counts."""
    reports = ProgressReport.objects.filter(is_lead=True, state=ReportState.CONFIRMED)
    if task_ids is not None:
        reports = reports.filter(task_id__in=task_ids)
    if before is not None:
        reports = reports.filter(decided_at__lt=before)
    rows = reports.order_by("task_id", "period__ends_on", "decided_at").values_list(
        "pk", "task_id", "period__ends_on", "percent", "confidence"
    )
    found = Histories()
    for report_id, task_id, ends_on, percent, confidence in rows.iterator(chunk_size=5000):
        if percent is not None:
            found.points[task_id].append(Point(ends_on, percent))
        if confidence:
            found.confidence[report_id] = confidence
    return found


def forecast_on(task: Task, status: str, points: list[Point]) -> date | None:
    """The projected finish date of ``task`` in ``status`` from its confirmed points."""
    return forecast_finish(points, deadline=task.deadline, completed=status in COMPLETED).finish_on


def previous_confidence(report: ProgressReport) -> str:
    """The task's rating before ``report``: the latest other confirmed lead report's that has
    one ("" when none has)."""
    found = (
        ProgressReport.objects.filter(
            task_id=report.task_id, is_lead=True, state=ReportState.CONFIRMED
        )
        .exclude(pk=report.pk)
        .exclude(confidence="")
        .order_by("-period__ends_on", "-decided_at")
        .values_list("confidence", flat=True)
        .first()
    )
    return found or ""


@dataclass(frozen=True)
class Outlook:
    """A task's rating and forecast as its page shows them."""

    confidence: str
    reason: str
    finish_on: date | None
    due: date | None
    why: str

    @property
    def late(self) -> bool:
        return projected_late(self.finish_on, self.due)

    @property
    def confidence_label(self) -> str:
        return str(Confidence(self.confidence).label) if self.confidence else ""

    @property
    def why_label(self) -> str:
        return str(Why(self.why).label)

    @property
    def disagreement(self) -> str:
        return disagreement(self.confidence, self.finish_on, self.due)

    @property
    def disagreement_label(self) -> str:
        return str(Disagreement(self.disagreement).label) if self.disagreement else ""


def task_outlook(task: Task) -> Outlook:
    """The rating on the task's latest confirmed lead report and the kept forecast; when
    there is no forecast, why not (one or two small queries)."""
    state: TaskState | None = getattr(task, "state", None)
    confidence, reason = "", ""
    if state is not None and state.report_id is not None:
        found = (
            ProgressReport.objects.filter(pk=state.report_id)
            .values_list("confidence", "confidence_reason")
            .first()
        )
        confidence, reason = found or ("", "")
    finish_on = state.forecast_on if state else None
    if finish_on is not None:
        why = Why.PROJECTED
    elif state is not None and state.status in COMPLETED:
        why = Why.COMPLETED
    elif task.deadline is not None and task.deadline.is_open_ended:
        why = Why.OPEN_ENDED
    else:
        days = (
            ProgressReport.objects.filter(
                task=task, is_lead=True, state=ReportState.CONFIRMED, percent__isnull=False
            )
            .values("period__ends_on")
            .distinct()
            .count()
        )
        why = Why.TOO_FEW if days < 2 else Why.FLAT
    return Outlook(confidence, reason, finish_on, task.deadline_due, why)
