"""Reads for the leaders' pages: how far every programme and body has got, as of any day.

Every page starts from one reading per task: the latest confirmed lead report as of the day.
For today that is the kept ``TaskState`` row (one row per task, written with each
confirmation); for an earlier day ("as of" the mid-term review) it is one lateral lookup per
task in the reports' history. The status engine then gives each task's status for the day, and
everything on the pages is counted from those statuses, in Python, in a fixed number of
queries whatever the size of the province.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils import timezone

from programmes.documents import TRACKED_KINDS
from programmes.models import Assignment, AssignmentRole, Body, Programme, Target, Task
from programmes.text import fold
from tracking.cache import cached
from tracking.models import ProgressReport, ReportState, TargetReading, TaskState
from tracking.periods import period_span
from tracking.services import task_started_on
from tracking.status import Reading, TaskStatus, task_status

WORK_KINDS = ("task", "breakthrough", "subtask")
COMPLETED = (TaskStatus.COMPLETED_ON_TIME, TaskStatus.COMPLETED_LATE)
STATUS_ORDER = [
    TaskStatus.NOT_STARTED,
    TaskStatus.ON_TRACK,
    TaskStatus.BEHIND,
    TaskStatus.BLOCKED,
    TaskStatus.OVERDUE,
    TaskStatus.COMPLETED_ON_TIME,
    TaskStatus.COMPLETED_LATE,
]

TASK_FIELDS = (
    "pk",
    "programme_id",
    "parent_id",
    "kind",
    "number",
    "title",
    "deadline_text",
    "deadline_kind",
    "deadline_start",
    "deadline_due",
    "deadline_every",
)


@dataclass
class Row:
    """A task as the leaders' pages show it."""

    pk: int
    programme_id: int
    parent_id: int | None
    number: str
    title: str
    deadline_text: str
    deadline_due: date | None
    status: str
    percent: int | None
    lead_id: int | None = None
    report_id: int | None = None
    blocked: bool = False

    @property
    def status_label(self) -> str:
        return str(TaskStatus(self.status).label)

    @classmethod
    def of(cls, task: Task, *, status: str, percent, lead_id, report_id, blocked: bool) -> "Row":
        """A row from a task and what was found of its state."""
        return cls(
            pk=task.pk,
            programme_id=task.programme_id,
            parent_id=task.parent_id,
            number=task.number,
            title=task.title,
            deadline_text=task.deadline_text,
            deadline_due=task.deadline_due,
            status=status,
            percent=percent,
            lead_id=lead_id,
            report_id=report_id,
            blocked=blocked,
        )


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def readings_as_of(day: date, task_ids: list[int] | None = None) -> dict[int, tuple[Reading, int]]:
    """{task: (latest confirmed lead reading, report id)} as of the end of ``day``."""
    today = timezone.localdate()
    if day >= today:
        states = TaskState.objects.exclude(confirmed_on__isnull=True)
        if task_ids is not None:
            states = states.filter(task_id__in=task_ids)
        return {
            s.task_id: (s.reading, s.report_id)
            for s in states.only(
                "task_id",
                "report_id",
                "percent",
                "confirmed_on",
                "period_ends_on",
                "completed_on",
                "blocked",
            )
        }
    # One lateral lookup per task: the latest period's report confirmed by the day.
    where = "t.kind IN ('task', 'breakthrough', 'subtask')"
    params: list = [_end_of(day)]
    if task_ids is not None:
        where += " AND t.id = ANY(%s)"
        params.append(task_ids)
    sql = f"""
        SELECT t.id, r.id, r.percent, r.decided_at, p.ends_on, r.completed_on, r.blocked
        FROM programmes_task t
        CROSS JOIN LATERAL (
            SELECT r.id, r.percent, r.decided_at, r.completed_on, r.blocked, r.period_id
            FROM tracking_progressreport r
            JOIN tracking_period p ON p.id = r.period_id
            WHERE r.task_id = t.id AND r.is_lead AND r.state = 'confirmed'
              AND r.decided_at < %s
            ORDER BY p.ends_on DESC, r.decided_at DESC
            LIMIT 1
        ) r
        JOIN tracking_period p ON p.id = r.period_id
        WHERE {where}
    """  # noqa: S608 - no user text in the SQL; values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {
        task_id: (
            Reading(
                confirmed_on=timezone.localdate(decided_at),
                period_ends_on=ends_on,
                percent=percent,
                completed_on=completed_on,
                blocked=blocked,
            ),
            report_id,
        )
        for task_id, report_id, percent, decided_at, ends_on, completed_on, blocked in rows
    }


def task_rows(day: date, tasks=None) -> list[Row]:
    """Every work task (of tracked programmes unless ``tasks`` says otherwise) with its status
    and lead body on ``day``."""
    tasks = (
        tasks
        if tasks is not None
        else Task.objects.filter(programme__kind__in=TRACKED_KINDS, kind__in=WORK_KINDS)
    )
    tasks = tasks.select_related("programme").only(
        *TASK_FIELDS, "programme__issued_on", "programme__term_start"
    )
    lead = Assignment.objects.filter(task_id=OuterRef("pk"), role=AssignmentRole.LEAD).filter(
        Q(started_on__isnull=True) | Q(started_on__lte=day),
        Q(ended_on__isnull=True) | Q(ended_on__gt=day),
    )
    task_list = list(tasks.annotate(lead_id=Subquery(lead.values("body_id")[:1])))
    readings = readings_as_of(day, None if len(task_list) > 2000 else [t.pk for t in task_list])
    rows = []
    for task in task_list:
        reading, report_id = readings.get(task.pk, (None, None))
        status = task_status(
            deadline=task.deadline,
            started_on=task_started_on(task),
            readings=[reading] if reading else [],
            on=day,
        )
        rows.append(
            Row.of(
                task,
                status=status,
                percent=100 if status in COMPLETED else (reading.percent if reading else None),
                lead_id=task.lead_id,
                report_id=report_id,
                blocked=bool(reading and reading.blocked),
            )
        )
    return rows


@dataclass
class Tally:
    """Counts of tasks by status, with the average % done."""

    total: int = 0
    by_status: Counter = field(default_factory=Counter)
    percent_sum: int = 0
    percent_count: int = 0

    def add(self, row: Row) -> None:
        self.total += 1
        self.by_status[row.status] += 1
        if row.percent is not None:
            self.percent_sum += row.percent
            self.percent_count += 1

    def merge(self, other: "Tally") -> None:
        self.total += other.total
        self.by_status.update(other.by_status)
        self.percent_sum += other.percent_sum
        self.percent_count += other.percent_count

    def add_counts(self, status: str, count: int, percent_sum: int, percent_count: int) -> None:
        """Add what SQL counted: ``count`` tasks of ``status``."""
        self.total += count
        self.by_status[status] += count
        self.percent_sum += percent_sum
        self.percent_count += percent_count

    @property
    def progress(self) -> float | None:
        return self.percent_sum / self.percent_count if self.percent_count else None

    @property
    def completed(self) -> int:
        return sum(self.by_status[s] for s in COMPLETED)

    @property
    def overdue(self) -> int:
        return self.by_status[TaskStatus.OVERDUE]

    @property
    def blocked(self) -> int:
        return self.by_status[TaskStatus.BLOCKED]

    def segments(self) -> list[dict]:
        """The status bar: each status's count and share, in a fixed order."""
        return [
            {
                "status": status,
                "label": TaskStatus(status).label,
                "count": self.by_status[status],
                "share": 100 * self.by_status[status] / self.total if self.total else 0,
            }
            for status in STATUS_ORDER
        ]


def counted_readings(day: date):
    """Target readings that count on ``day``: from reports confirmed by then, and imported
    ones recorded by then; each with the end of its period and when it started to count."""
    from django.db.models.functions import Coalesce

    return (
        TargetReading.objects.filter(
            Q(report__state=ReportState.CONFIRMED) | Q(report__isnull=True)
        )
        .annotate(
            ends_on=Coalesce("report__period__ends_on", "period__ends_on"),
            counted_at=Coalesce("report__decided_at", "recorded_at"),
        )
        .filter(counted_at__lt=_end_of(day))
    )


def target_judgements(day: date, programme_ids: list[int] | None = None) -> dict[int, dict]:
    """{target: latest confirmed reading as of the day, and whether it meets the plan}."""
    readings = (
        counted_readings(day)
        .order_by("target_id", F("ends_on").desc(), F("counted_at").desc())
        .distinct("target_id")
        .values_list(
            "target_id",
            "value",
            "ends_on",
            "target__comparator",
            "target__planned_value",
            "target__planned_max",
        )
    )
    if programme_ids is not None:
        readings = readings.filter(target__programme_id__in=programme_ids)
    result = {}
    for target_id, value, ends_on, comparator, planned, planned_max in readings:
        target = Target(
            pk=target_id, comparator=comparator, planned_value=planned, planned_max=planned_max
        )
        result[target_id] = {
            "value": value,
            "ends_on": ends_on,
            "met": target.is_met_by(value),
            "judgement": judgement(target, value),
            "ratio": (100 * value / planned) if planned else None,
        }
    return result


@dataclass
class Overview:
    day: date
    programmes: list[dict]
    bodies: list[dict]
    province: Tally
    trend: list[dict]


def _tallies_kept(programmes: dict) -> tuple[dict, dict]:
    """Today's tallies by programme and by lead body, counted in SQL from the kept states.

    The kept status is the one of the last refresh (each confirmation, and every night: a
    task turns overdue at midnight), so today's pages read a few grouped rows instead of
    every task's history.
    """
    work = Q(task__programme__kind__in=TRACKED_KINDS, task__kind__in=WORK_KINDS)
    percent = Case(
        When(status__in=COMPLETED, then=Value(100)),
        default=F("percent"),
        output_field=IntegerField(),
    )
    by_programme: dict[int, Tally] = defaultdict(Tally)
    stated = Counter()
    rows = (
        TaskState.objects.filter(work)
        .values("task__programme_id", "status")
        .annotate(n=Count("pk"), total=Sum(percent), counted=Count(percent))
    )
    for row in rows:
        programme = row["task__programme_id"]
        by_programme[programme].add_counts(
            row["status"], row["n"], row["total"] or 0, row["counted"]
        )
        stated[programme] += row["n"]
    for programme in programmes.values():
        missing = programme.work_count - stated[programme.pk]
        if missing > 0:
            by_programme[programme.pk].add_counts(TaskStatus.NOT_STARTED, missing, 0, 0)
    by_body: dict[int, Tally] = defaultdict(Tally)
    lead_percent = Case(
        When(task__state__status__in=COMPLETED, then=Value(100)),
        default=F("task__state__percent"),
        output_field=IntegerField(),
    )
    rows = (
        Assignment.objects.current()
        .filter(work, role=AssignmentRole.LEAD)
        .values("body_id", "task__state__status")
        .annotate(n=Count("pk"), total=Sum(lead_percent), counted=Count(lead_percent))
    )
    for row in rows:
        status = row["task__state__status"] or TaskStatus.NOT_STARTED
        by_body[row["body_id"]].add_counts(status, row["n"], row["total"] or 0, row["counted"])
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
        by_programme, by_body = _tallies_kept(programmes)
    else:
        by_programme, by_body = defaultdict(Tally), defaultdict(Tally)
        for row in task_rows(day):
            by_programme[row.programme_id].add(row)
            if row.lead_id:
                by_body[row.lead_id].add(row)
    province = Tally()
    for tally in by_programme.values():
        province.merge(tally)
    judgements = target_judgements(day)
    targets = defaultdict(lambda: {"met": 0, "missed": 0, "total": 0})
    for target in Target.objects.filter(programme_id__in=programmes).values("pk", "programme_id"):
        entry = targets[target["programme_id"]]
        entry["total"] += 1
        judged = judgements.get(target["pk"])
        if judged:
            entry["met" if judged["met"] else "missed"] += 1
    if day >= timezone.localdate():
        waiting = ProgressReport.objects.filter(state=ReportState.SUBMITTED)
    else:  # submitted by then, decided later (or not yet)
        waiting = ProgressReport.objects.filter(submitted_at__lt=_end_of(day)).filter(
            Q(state=ReportState.SUBMITTED)
            | Q(
                decided_at__gte=_end_of(day),
                state__in=(ReportState.CONFIRMED, ReportState.RETURNED),
            )
        )
    awaiting = dict(waiting.values("body_id").annotate(n=Count("pk")).values_list("body_id", "n"))
    body_ids = set(by_body) | set(awaiting)
    bodies = Body.objects.filter(pk__in=body_ids).order_by("sort_key")
    return Overview(
        day=day,
        programmes=[
            {"programme": p, "tally": by_programme[p.pk], "targets": targets[p.pk]}
            for p in programmes.values()
            if by_programme[p.pk].total
        ],
        bodies=[
            {"body": b, "tally": by_body[b.pk], "awaiting": awaiting.get(b.pk, 0)} for b in bodies
        ],
        province=province,
        trend=cached(f"trend:{day.isoformat()}", lambda: trend(day)),
    )


def trend(day: date) -> list[dict]:
    """Per quarter up to the day: confirmed lead reports and their average % done."""
    rows = (
        ProgressReport.objects.filter(
            is_lead=True,
            state=ReportState.CONFIRMED,
            period__kind="quarter",
            period__ends_on__lte=day,
            decided_at__lt=_end_of(day),
        )
        .values("period__year", "period__number", "period__ends_on")
        .annotate(reports=Count("pk"), blocked=Count("pk", filter=Q(blocked=True)))
        .order_by("period__ends_on")
    )
    points = list(rows.annotate(progress=Avg("percent")))[-12:]
    for index, point in enumerate(points):
        height = 0.6 * float(point["progress"] or 0)  # the chart is 60 units high
        point.update(x=10 * index + 2, y=round(60 - height, 1), height=round(height, 1))
        quarter = period_span("quarter", point["period__year"], point["period__number"])
        point["label"] = quarter.label
    return points


def judgement(target: Target, value) -> str:
    """đạt (met), vượt (exceeded) or không đạt (missed)."""
    if not target.is_met_by(value):
        return "missed"
    exceeded = (target.comparator == "gte" and value > target.planned_value) or (
        target.comparator == "lte" and value < target.planned_value
    )
    return "exceeded" if exceeded else "met"


def judgement_label(judged: dict | None) -> str:
    from django.utils.translation import gettext as _

    if not judged:
        return _("No reading yet")
    return {"met": _("Met"), "exceeded": _("Exceeded"), "missed": _("Missed")}[judged["judgement"]]


def target_history(day: date, programme_ids: list[int]) -> dict[int, list[tuple]]:
    """{target: [(period end, value), …]} of confirmed readings up to the day, oldest first."""
    rows = (
        counted_readings(day)
        .filter(target__programme_id__in=programme_ids)
        .order_by("target_id", "ends_on", "counted_at")
        .values_list("target_id", "ends_on", "value")
    )
    history: dict[int, dict] = defaultdict(dict)
    for target_id, ends_on, value in rows:
        history[target_id][ends_on] = value  # the last confirmed for a period wins
    return {target: sorted(values.items())[-8:] for target, values in history.items()}


@dataclass
class SearchResults:
    programmes: list
    tasks: list
    bodies: list
    reports: list

    @property
    def empty(self) -> bool:
        return not (self.programmes or self.tasks or self.bodies or self.reports)


def search(user, query: str, limit: int = 20) -> SearchResults:
    """Diacritic-insensitive search: "nong thon moi" finds "nông thôn mới", NFC and NFD alike.

    Names are matched on their stored folded text; reports by full-text search on theirs, with
    a GIN index that needs no contrib extension.
    """
    from django.contrib.postgres.search import SearchQuery, SearchVector

    from tracking.access import visible_reports

    folded = fold(query)
    words = [word for word in folded.split() if word]
    name_filter = Q()
    for word in words:
        name_filter &= Q(search_text__contains=word)
    programmes = list(Programme.objects.tracked().filter(name_filter).order_by("sort_key")[:limit])
    tasks = list(
        Task.objects.filter(name_filter, programme__kind__in=TRACKED_KINDS)
        .select_related("programme")
        .order_by("programme__sort_key", "programme_id", "position")[:limit]
    )
    bodies = list(Body.objects.filter(name_filter).order_by("sort_key")[:limit])
    terms = " & ".join(f"{word}:*" for word in words if word.isalnum())
    reports = []
    if terms:
        reports = list(
            visible_reports(user)
            .annotate(document=SearchVector("search_text", config="simple"))
            .filter(document=SearchQuery(terms, search_type="raw", config="simple"))
            .select_related("task", "body", "period")
            .order_by("-period__ends_on", "-pk")[:limit]
        )
    return SearchResults(programmes, tasks, bodies, reports)


class KeptRows:
    """Today's task rows straight from SQL (kept states), filtered, sorted and paginated in
    the database: a list page reads one page of tasks, whatever the province's size."""

    ORDER = {
        "han": [F("deadline_due").asc(nulls_last=True), "number"],
        "so": ["programme_id", "number"],
        "trang-thai": ["status_rank", F("deadline_due").asc(nulls_last=True)],
        "tien-do": [F("done").asc(nulls_first=True), "number"],
    }

    def __init__(self, *, kind: str, day: date, programme=None, body=None, status="", sort="han"):
        from django.db.models.functions import Coalesce

        rank = Case(
            *[When(kept_status=s, then=Value(i)) for i, s in enumerate(STATUS_ORDER)],
            output_field=IntegerField(),
        )
        queryset = (
            Task.objects.filter(programme__kind__in=TRACKED_KINDS, kind__in=WORK_KINDS)
            .annotate(
                kept_status=Coalesce("state__status", Value(TaskStatus.NOT_STARTED)),
                done=Case(
                    When(state__status__in=COMPLETED, then=Value(100)),
                    default=F("state__percent"),
                    output_field=IntegerField(),
                ),
                kept_report=F("state__report_id"),
                kept_blocked=Coalesce("state__blocked", Value(False)),
            )
            .annotate(status_rank=rank)
        )
        # Filter on the kept columns themselves (not the coalesced ones) so that the status
        # index narrows the tasks before anything is computed for them.
        if kind == "qua-han":
            queryset = queryset.filter(state__status=TaskStatus.OVERDUE)
        elif kind == "vuong-mac":
            queryset = queryset.filter(Q(state__status=TaskStatus.BLOCKED) | Q(state__blocked=True))
        elif kind == "sap-den-han":
            queryset = queryset.filter(deadline_due__range=(day, day + timedelta(days=30))).exclude(
                kept_status__in=COMPLETED
            )
        if programme is not None:
            queryset = queryset.filter(programme=programme)
        if body is not None:
            queryset = queryset.filter(
                assignments__body=body,
                assignments__role=AssignmentRole.LEAD,
                assignments__ended_on__isnull=True,
            )
        if status == TaskStatus.NOT_STARTED:
            queryset = queryset.filter(Q(state__isnull=True) | Q(state__status=status))
        elif status:
            queryset = queryset.filter(state__status=status)
        fields = ("programme_id", "parent_id", "number", "title", "deadline_text", "deadline_due")
        self.queryset = queryset.only(*fields).order_by(*self.ORDER.get(sort, self.ORDER["han"]))

    @staticmethod
    def _rows(tasks) -> list[Row]:
        """Rows for a page of tasks, with their lead bodies read in one query for the page
        (a subquery per task would be computed for every matching task before sorting)."""
        tasks = list(tasks)
        leads = dict(
            Assignment.objects.current()
            .filter(task_id__in=[task.pk for task in tasks], role=AssignmentRole.LEAD)
            .values_list("task_id", "body_id")
        )
        return [
            Row.of(
                task,
                status=task.kept_status,
                percent=task.done,
                lead_id=leads.get(task.pk),
                report_id=task.kept_report,
                blocked=task.kept_blocked,
            )
            for task in tasks
        ]

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._rows(self.queryset[index])
        return self._rows([self.queryset[index]])[0]

    def __iter__(self):
        batch = []
        for task in self.queryset.iterator(chunk_size=2000):
            batch.append(task)
            if len(batch) == 2000:
                yield from self._rows(batch)
                batch = []
        yield from self._rows(batch)
