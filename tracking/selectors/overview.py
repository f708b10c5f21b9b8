"""The leaders' overview: every programme and lead body on a day, and the trend by quarter."""

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Count, F, Q, Sum
from django.utils import timezone

from programmes.documents import TRACKED_KINDS
from programmes.models import WORK_KINDS, Assignment, AssignmentRole, Body, Programme, Target
from tracking.cache import cached
from tracking.models import ProgressReport, ReportState, TaskState
from tracking.periods import ROMAN, period_span
from tracking.selectors.rollup import Tally
from tracking.selectors.rows import FORECAST_LISTS, end_of, list_counts, rows_on
from tracking.selectors.targets import target_judgements
from tracking.status import TaskStatus


@dataclass
class ProgrammeLine:
    programme: Programme
    tally: Tally
    targets: dict[str, int]


@dataclass
class BodyLine:
    body: Body
    tally: Tally
    awaiting: int


@dataclass
class Overview:
    day: date
    programmes: list[ProgrammeLine]
    bodies: list[BodyLine]
    province: Tally
    trend: list["TrendPoint"]
    # The forecast lists' counts (``FORECAST_LISTS``), by their own rules: the cards link there.
    forecasts: dict[str, int]

    @property
    def forecast_late(self) -> int:
        return self.forecasts["du-bao-tre-han"]

    @property
    def disagree(self) -> int:
        return self.forecasts["danh-gia-lech"]


def _tallies_kept(
    work_counts: Mapping[int, int],
) -> tuple[defaultdict[int, Tally], defaultdict[int, Tally]]:
    """Today's tallies by programme and by lead body, counted in SQL from the kept states.

    The kept status is the one home of today's status (see ``tracking.services.states``), so
    today's pages read a few grouped rows instead of every task's history.
    """
    work = Q(task__programme__kind__in=TRACKED_KINDS, task__kind__in=WORK_KINDS)
    percent = F("percent")  # the kept % is already the one shown (100 once completed)
    by_programme: defaultdict[int, Tally] = defaultdict(Tally)
    stated: Counter[int] = Counter()
    rows = (
        TaskState.objects.filter(work)
        .values("task__programme_id", "status")
        .annotate(n=Count("pk"), total=Sum(percent), counted=Count(percent))
    )
    for row in rows:
        programme_id = row["task__programme_id"]
        by_programme[programme_id].add_counts(
            row["status"], row["n"], row["total"] or 0, row["counted"]
        )
        stated[programme_id] += row["n"]
    for programme_id, work_count in work_counts.items():
        missing = work_count - stated[programme_id]
        if missing > 0:  # a task without a kept state yet counts as not started
            by_programme[programme_id].add_counts(TaskStatus.NOT_STARTED, missing, 0, 0)
    by_body: defaultdict[int, Tally] = defaultdict(Tally)
    lead_percent = F("task__state__percent")
    lead_rows = (
        Assignment.objects.current()
        .filter(work, role=AssignmentRole.LEAD)
        .values("body_id", "task__state__status")
        .annotate(n=Count("pk"), total=Sum(lead_percent), counted=Count(lead_percent))
    )
    for lead_row in lead_rows:
        status = lead_row["task__state__status"] or TaskStatus.NOT_STARTED
        by_body[lead_row["body_id"]].add_counts(
            status, lead_row["n"], lead_row["total"] or 0, lead_row["counted"]
        )
    return by_programme, by_body


def overview(day: date) -> Overview:
    programmes = {
        p.pk: p
        for p in Programme.objects.tracked()
        .select_related("issuing_body")
        .annotate(work_count=Count("tasks", filter=Q(tasks__kind__in=WORK_KINDS)))
        .order_by("sort_key")
    }
    if day >= timezone.localdate():
        by_programme, by_body = _tallies_kept({p.pk: p.work_count for p in programmes.values()})
    else:
        by_programme, by_body = defaultdict(Tally), defaultdict(Tally)
        for row in rows_on(day):
            by_programme[row.programme_id].add(row)
            if row.lead_id:
                by_body[row.lead_id].add(row)
    province = Tally()
    for tally in by_programme.values():
        province.merge(tally)
    judgements = target_judgements(day)
    targets: defaultdict[int, dict[str, int]] = defaultdict(
        lambda: {"met": 0, "missed": 0, "total": 0}
    )
    for target in Target.objects.filter(programme_id__in=programmes).values("pk", "programme_id"):
        entry = targets[target["programme_id"]]
        entry["total"] += 1
        judged = judgements.get(target["pk"])
        if judged and judged.met:
            entry["met"] += 1
        elif judged and not judged.on_track and judged.judgement != "not_yet":
            entry["missed"] += 1  # missed, or behind its path before the target year
    if day >= timezone.localdate():
        waiting = ProgressReport.objects.filter(state=ReportState.SUBMITTED)
    else:  # submitted by then, decided later (or not yet)
        waiting = ProgressReport.objects.filter(submitted_at__lt=end_of(day)).filter(
            Q(state=ReportState.SUBMITTED)
            | Q(
                decided_at__gte=end_of(day),
                state__in=(ReportState.CONFIRMED, ReportState.RETURNED),
            )
        )
    awaiting = dict(waiting.values("body_id").annotate(n=Count("pk")).values_list("body_id", "n"))
    body_ids = set(by_body) | set(awaiting)
    bodies = Body.objects.filter(pk__in=body_ids).order_by("sort_key")
    return Overview(
        day=day,
        programmes=[
            ProgrammeLine(p, by_programme[p.pk], targets[p.pk])
            for p in programmes.values()
            if by_programme[p.pk].total
        ],
        bodies=[BodyLine(b, by_body[b.pk], awaiting.get(b.pk, 0)) for b in bodies],
        province=province,
        trend=cached(f"trend:{day.isoformat()}", lambda: trend(day)),
        forecasts=list_counts(day, FORECAST_LISTS),
    )


@dataclass(frozen=True)
class TrendPoint:
    """A quarter of the trend: its confirmed lead reports, how many were blocked, their mean
    % done, and where its bar stands in the chart (``CHART``: units of the SVG's viewBox)."""

    label: str
    short_label: str  # "IV/23", under its bar
    reports: int
    blocked: int
    progress: float | None
    x: int
    y: float
    height: float

    @property
    def centre(self) -> int:
        return self.x + CHART["bar"] // 2


# The trend chart, drawn on the server as SVG that prints and reads without hovering: a
# y axis from 0 to 100 %, a bar per quarter with its value above and its quarter below.
CHART = {"left": 50, "step": 44, "bar": 28, "top": 18, "plot": 120, "bottom": 34}


@dataclass(frozen=True)
class Chart:
    """The frame of the trend chart: its size, the y axis ticks and where the labels go."""

    width: int
    height: int
    left: int
    plot_bottom: int
    label_y: int
    ticks: list[tuple[str, int]]  # (label, y)


def trend_chart(points: int) -> Chart:
    top, plot = CHART["top"], CHART["plot"]
    return Chart(
        width=CHART["left"] + CHART["step"] * max(points, 1),
        height=top + plot + CHART["bottom"],
        left=CHART["left"],
        plot_bottom=top + plot,
        label_y=top + plot + 22,
        ticks=[(f"{value}%", top + plot - plot * value // 100) for value in (0, 50, 100)],
    )


def trend(day: date) -> list[TrendPoint]:
    """Per quarter up to the day: confirmed lead reports and their average % done."""
    rows = (
        ProgressReport.objects.filter(
            is_lead=True,
            state=ReportState.CONFIRMED,
            period__kind="quarter",
            period__ends_on__lte=day,
            decided_at__lt=end_of(day),
        )
        .values("period__year", "period__number", "period__ends_on")
        .annotate(reports=Count("pk"), blocked=Count("pk", filter=Q(blocked=True)))
        .order_by("period__ends_on")
    )
    points = []
    for index, row in enumerate(list(rows.annotate(progress=Avg("percent")))[-12:]):
        progress = float(row["progress"]) if row["progress"] is not None else None
        height = round(CHART["plot"] * (progress or 0) / 100, 1)
        quarter = period_span("quarter", row["period__year"], row["period__number"])
        points.append(
            TrendPoint(
                label=str(quarter.label),
                short_label=f"{ROMAN[row['period__number']]}/{row['period__year'] % 100:02d}",
                reports=row["reports"],
                blocked=row["blocked"],
                progress=progress,
                x=CHART["left"] + CHART["step"] * index + (CHART["step"] - CHART["bar"]) // 2,
                y=round(CHART["top"] + CHART["plot"] - height, 1),
                height=height,
            )
        )
    return points
