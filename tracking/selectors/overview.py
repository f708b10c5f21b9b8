"""The leaders' overview: every programme and lead body on a day, and the trend by quarter."""

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Avg, Count, F, FloatField, Q, Sum
from django.utils import timezone

from programmes.documents import TRACKED_KINDS
from programmes.models import WORK_KINDS, Assignment, AssignmentRole, Body, Programme, Target
from tracking.cache import cached
from tracking.models import ProgressReport, ReportState, TaskState
from tracking.periods import ROMAN, period_span
from tracking.selectors.rollup import Rule, Tally, tally
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

    @property
    def own_rules(self) -> bool:
        """Some programme rolls up by a rule other than the default (``Rule``): the
        province's figure then counts each programme's tasks by its own rule."""
        return any(line.tally.rule != Rule() for line in self.programmes)


def _add_grouped(into: Tally, rule: Rule, status: str, row: Mapping[str, Any]) -> None:
    """Add a grouped row of SQL (``_weighed``'s sums) to ``into`` by the programme's rule."""
    into.add_counts(
        status,
        row["n"],
        *rule.sums(
            count=row["n"],
            counted=row["counted"],
            percent_total=float(row["total"] or 0),
            weighted_total=float(row["weighted"] or 0),
            weight_counted=float(row["weight_counted"] or 0),
            weight_all=float(row["weight_all"] or 0),
        ),
        percent_count=row["counted"],
    )


def _weighed(percent: str, weight: str) -> dict[str, Any]:
    """The sums ``Rule.sums`` needs, for ``values(...).annotate(**_weighed(...))``."""
    return {
        "n": Count("pk"),
        "total": Sum(percent),
        "counted": Count(percent),
        "weighted": Sum(F(percent) * F(weight), output_field=FloatField()),
        "weight_counted": Sum(weight, filter=Q(**{f"{percent}__isnull": False})),
        "weight_all": Sum(weight),
    }


def _tallies_kept(
    programmes: Mapping[int, Programme],
    work: Mapping[int, tuple[int, float]],
) -> tuple[defaultdict[int, Tally], defaultdict[int, Tally]]:
    """Today's tallies by programme and by lead body, counted in SQL from the kept states,
    each programme's tasks by its own roll-up rule (``Rule``).

    The kept status is the one home of today's status (see ``tracking.services.states``), so
    today's pages read a few grouped rows instead of every task's history.
    """
    rules = {pk: Rule.of(programme) for pk, programme in programmes.items()}
    tracked = Q(task__programme__kind__in=TRACKED_KINDS, task__kind__in=WORK_KINDS)
    # The kept % is already the one shown (100 once completed).
    by_programme: defaultdict[int, Tally] = defaultdict(Tally)
    for pk, rule in rules.items():
        by_programme[pk].rule = rule
    stated: Counter[int] = Counter()
    stated_weight: defaultdict[int, float] = defaultdict(float)
    rows: list[Mapping[str, Any]] = list(
        TaskState.objects.filter(tracked)
        .values("task__programme_id", "status")
        .annotate(**_weighed("percent", "task__weight"))
    )
    for row in rows:
        programme_id = row["task__programme_id"]
        rule = rules.get(programme_id, Rule())
        _add_grouped(by_programme[programme_id], rule, row["status"], row)
        stated[programme_id] += row["n"]
        stated_weight[programme_id] += float(row["weight_all"] or 0)
    for programme_id, (work_count, work_weight) in work.items():
        missing = work_count - stated[programme_id]
        if missing > 0:  # a task without a kept state yet counts as not started
            missing_weight = work_weight - stated_weight[programme_id]
            empty: dict[str, float] = {"n": missing, "counted": 0, "total": 0, "weighted": 0}
            empty |= {"weight_counted": 0, "weight_all": missing_weight}
            _add_grouped(
                by_programme[programme_id], rules[programme_id], TaskStatus.NOT_STARTED, empty
            )
    by_body: defaultdict[int, Tally] = defaultdict(Tally)
    lead_rows: list[Mapping[str, Any]] = list(
        Assignment.objects.current()
        .filter(tracked, role=AssignmentRole.LEAD)
        .values("body_id", "task__state__status", "task__programme_id")
        .annotate(**_weighed("task__state__percent", "task__weight"))
    )
    for lead_row in lead_rows:
        status = lead_row["task__state__status"] or TaskStatus.NOT_STARTED
        rule = rules.get(lead_row["task__programme_id"], Rule())
        _add_grouped(by_body[lead_row["body_id"]], rule, status, lead_row)
    return by_programme, by_body


def overview(day: date) -> Overview:
    programmes = {
        p.pk: p
        for p in Programme.objects.tracked()
        .select_related("issuing_body")
        .annotate(
            work_count=Count("tasks", filter=Q(tasks__kind__in=WORK_KINDS)),
            work_weight=Sum("tasks__weight", filter=Q(tasks__kind__in=WORK_KINDS)),
        )
        .order_by("sort_key")
    }
    if day >= timezone.localdate():
        work = {p.pk: (p.work_count, float(p.work_weight or 0)) for p in programmes.values()}
        by_programme, by_body = _tallies_kept(programmes, work)
    else:
        rules = {pk: Rule.of(programme) for pk, programme in programmes.items()}
        by_programme = defaultdict(Tally)
        by_body = defaultdict(Tally)
        for row in rows_on(day):
            rule = rules.get(row.programme_id, Rule())
            by_programme[row.programme_id].rule = rule
            by_programme[row.programme_id].add(row)
            if row.lead_id:
                # A body's tasks in several programmes: each by its own programme's rule.
                by_body[row.lead_id].merge(tally([row], rule))
    province = Tally()
    for programme_tally in by_programme.values():
        province.merge(programme_tally)
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
