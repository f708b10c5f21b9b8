"""Targets: which readings count on a day, the latest one per target and its judgement."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import Programme, Target, TargetMilestone
from tracking.models import ReportState, TargetReading
from tracking.selectors.rows import end_of
from tracking.selectors.target_chart import Chart, target_chart


@dataclass(frozen=True)
class Judgement:
    """A target's reading and what it says of the plan, judged on the day it was read against
    the value the path (lộ trình) expects then: before the target year a reading short of the
    plan is on track or behind, not missed."""

    value: Decimal
    ends_on: date  # the end of the reading's period
    met: bool  # meets the planned value itself
    judgement: str  # "met", "exceeded", "missed"; before the target year "on_track", "behind"
    # or, with no path to judge by, "not_yet"
    ratio: Decimal | None  # how much of the plan is achieved, in percent (see ``achieved``)
    read_on: date | None = None  # the period's end, or the day it counted if that was earlier
    expected: Decimal | None = None  # the value the path expects on ``read_on``

    @property
    def label(self) -> str:
        return str(JUDGEMENT_LABELS[self.judgement])

    @property
    def tone(self) -> str:
        """For colour: "ok" when on track, "none" with nothing to judge by yet, else "bad"."""
        if self.on_track:
            return "ok"
        return "none" if self.judgement == "not_yet" else "bad"

    @property
    def on_track(self) -> bool:
        """Met, exceeded or where the path expects it: what a leader need not worry about."""
        return self.judgement in ("met", "exceeded", "on_track")


JUDGEMENT_LABELS = {
    "met": _("Met"),
    "exceeded": _("Exceeded"),
    "missed": _("Missed"),
    "on_track": _("On the path"),
    "behind": _("Behind the path"),
    "not_yet": _("Not met yet"),
}


def counted_readings(day: date) -> "QuerySet[Any]":
    """Target readings that count on ``day``: from reports confirmed by then, and imported
    ones recorded by then; each with the end of its period and when it started to count."""
    return (
        TargetReading.objects.filter(
            Q(report__state=ReportState.CONFIRMED) | Q(report__isnull=True)
        )
        .annotate(
            ends_on=Coalesce("report__period__ends_on", "period__ends_on"),
            counted_at=Coalesce("report__decided_at", "recorded_at"),
        )
        .filter(counted_at__lt=end_of(day))
    )


def read_on(ends_on: date, counted_at: datetime) -> date:
    """The day a reading speaks for: its period's end, or the day it counted when that came
    first (a figure confirmed before its period is over is never dated in the future)."""
    return min(ends_on, timezone.localdate(counted_at))


def judge(target: Target, value: Decimal, ends_on: date, counted_at: datetime) -> Judgement:
    """One reading judged against what the target's path expects on the day it was read."""
    day = read_on(ends_on, counted_at)
    return Judgement(
        value=value,
        ends_on=ends_on,
        met=target.is_met_by(value),
        judgement=judgement(target, value, on=day),
        ratio=achieved(target.comparator, value, target.planned_value, target.planned_max),
        read_on=day,
        expected=target.expected_on(day),
    )


TARGET_FIELDS = (
    "comparator",
    "planned_value",
    "planned_max",
    "baseline_value",
    "baseline_year",
    "target_year",
)


def _milestones(field: str) -> Subquery:
    """The target's milestones' years or values, in year order, as one array."""
    return Subquery(
        TargetMilestone.objects.filter(target_id=OuterRef("target_id"))
        .order_by()
        .values("target_id")
        .annotate(items=ArrayAgg(field, order_by="year"))
        .values("items")
    )


def target_judgements(day: date, programme_ids: list[int] | None = None) -> dict[int, Judgement]:
    """{target: latest confirmed reading as of the day, judged against its path}, in one
    query: the target's plan and milestones come with its reading (the overview reads this
    for every programme)."""
    readings = (
        counted_readings(day)
        .order_by("target_id", F("ends_on").desc(), F("counted_at").desc())
        .distinct("target_id")
        .annotate(years=_milestones("year"), values=_milestones("value"))
        .values_list(
            "target_id",
            "value",
            "ends_on",
            "counted_at",
            "years",
            "values",
            *(f"target__{name}" for name in TARGET_FIELDS),
        )
    )
    if programme_ids is not None:
        readings = readings.filter(target__programme_id__in=programme_ids)
    result = {}
    for target_id, value, ends_on, counted_at, years, values, *plan in readings:
        target = Target(pk=target_id, **dict(zip(TARGET_FIELDS, plan, strict=True)))
        milestones = [
            TargetMilestone(target=target, year=year, value=milestone)
            for year, milestone in zip(years or [], values or [], strict=True)
        ]
        target._prefetched_objects_cache = {"milestones": milestones}  # type: ignore[attr-defined]
        result[target_id] = judge(target, value, ends_on, counted_at)
    return result


LOWER_IS_BETTER = ("lte", "lt")


def achieved(
    comparator: str, value: Decimal, planned: Decimal | None, planned_max: Decimal | None = None
) -> Decimal | None:
    """How much of the plan a reading achieves, in percent: the reading over the plan, or for
    a lower-is-better target (≤, <) the plan over the reading, so that 1,8 against "≤ 1" reads
    as 55,6 %, never as 180 %; a range is 100 % inside its band and short of it outside, on
    either side. None when it has no meaning (no plan, a zero)."""
    if not planned:
        return None
    if comparator == "range" and planned_max is not None:
        if value > planned_max:
            return 100 * planned_max / value
        return min(Decimal(100), 100 * value / planned)
    if comparator in LOWER_IS_BETTER:
        return 100 * planned / value if value > 0 else None
    return 100 * value / planned


def judgement(target: Target, value: Decimal, on: date | None = None) -> str:
    """đạt (met), vượt (exceeded) or không đạt (missed); a reading short of the plan before
    the target year is đúng lộ trình (on_track) or chậm so với lộ trình (behind) against the
    path, or chưa đạt (not_yet) when the target has no path (no baseline, no milestone)."""
    if not target.is_met_by(value):
        if on is None or target.is_final_on(on):
            return "missed"
        if not target.has_path():
            return "not_yet"
        return "on_track" if target.is_on_path(value, on) else "behind"
    exceeded = (target.comparator == "gte" and value > target.planned_value) or (
        target.comparator == "lte" and value < target.planned_value
    )
    return "exceeded" if exceeded else "met"


def judgement_label(judged: Judgement | None) -> str:
    return judged.label if judged else str(_("No reading yet"))


@dataclass(frozen=True)
class TaskRef:
    """A task behind a target: the one it belongs to, or one whose reports carry its readings."""

    pk: int
    number: str
    title: str


@dataclass(frozen=True)
class TargetLine:
    """A programme's target on a day: its latest judged reading, its recent readings, and for
    the target's own page every reading judged, its path and the tasks behind it."""

    target: Target
    judged: Judgement | None
    history: list[tuple[date, Decimal]]  # (read on, value), the last eight, oldest first
    readings: list[Judgement] = field(default_factory=list)  # every one, oldest first
    expected: Decimal | None = None  # what the path expects on the day; None without a path
    tasks: list[TaskRef] = field(default_factory=list)
    day: date | None = None

    @property
    def path(self) -> list[tuple[int, Decimal]]:
        return self.target.path()

    @property
    def _day(self) -> date:
        return self.day or timezone.localdate()

    @property
    def _points(self) -> list[tuple[date, Decimal, str]]:
        return [(r.read_on or r.ends_on, r.value, r.tone) for r in self.readings]

    @property
    def chart(self) -> Chart:
        return target_chart(self.target, self._points, self._day, width=220, height=64)

    @property
    def large_chart(self) -> Chart:
        return target_chart(self.target, self._points, self._day, width=640, height=220)


def target_lines(
    programme: Programme, day: date, targets: "QuerySet[Target] | None" = None
) -> list[TargetLine]:
    """The programme's targets on a day (or the given ones of it), in three queries whatever
    their number: the targets with their tasks, their milestones, and the counted readings."""
    chosen = (targets if targets is not None else programme.targets.all()).select_related("task")
    chosen = chosen.prefetch_related("milestones")
    by_pk = {target.pk: target for target in chosen}
    rows = (
        counted_readings(day)
        .filter(target_id__in=list(by_pk))
        .order_by("target_id", "ends_on", "counted_at")
        .values_list(
            "target_id",
            "value",
            "ends_on",
            "counted_at",
            "report__task_id",
            "report__task__number",
            "report__task__title",
        )
    )
    by_period: dict[int, dict[date, Judgement]] = defaultdict(dict)
    tasks: dict[int, dict[int, TaskRef]] = defaultdict(dict)
    for target_id, value, ends_on, counted_at, task_id, number, title in rows:
        # The last confirmed for a period wins.
        by_period[target_id][ends_on] = judge(by_pk[target_id], value, ends_on, counted_at)
        if task_id:
            tasks[target_id][task_id] = TaskRef(task_id, number, title)
    lines = []
    for target in by_pk.values():
        readings = [by_period[target.pk][key] for key in sorted(by_period[target.pk])]
        own = (
            [TaskRef(target.task.pk, target.task.number, target.task.title)] if target.task else []
        )
        behind = own + [ref for pk, ref in tasks[target.pk].items() if pk != target.task_id]
        lines.append(
            TargetLine(
                target=target,
                judged=readings[-1] if readings else None,
                history=[(r.read_on or r.ends_on, r.value) for r in readings[-8:]],
                readings=readings,
                expected=target.expected_on(day) if target.has_path() else None,
                tasks=behind,
                day=day,
            )
        )
    return lines
