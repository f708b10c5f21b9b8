"""Tasks as the leaders' pages show them, on any day, and the lists that select them.

Today a task's row is read from its kept state (``TaskState``, the one home of today's
status). An earlier day ("as of" the mid-term review) goes through the same pure engine over
the history: one lateral lookup per task for its latest confirmed lead report by that day.
Those rows do not change unless the plan or a confirmation does, so they are kept in the cache
with the summaries and forgotten together with them.

Each list (overdue, blocked, due soon, completed, forecast late, rating vs forecast, all) is
defined once, in ``TaskList``: its rule over the kept columns in SQL for today and the same
rule over rows for an earlier day sit side by side, and a test proves the two agree.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Sequence as SequenceABC
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Final, overload

from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.documents import TRACKED_KINDS
from programmes.models import WORK_KINDS, Assignment, AssignmentRole, Task
from tracking.cache import cached
from tracking.forecast import (
    CONFIDENT,
    DOUBTFUL,
    Confidence,
    Disagreement,
    disagreement,
    projected_late,
)
from tracking.status import (
    COMPLETED,
    STATUS_ORDER,
    Reading,
    TaskStatus,
    shown_percent,
    task_status_of,
)

TASK_FIELDS = (
    "pk",
    "programme_id",
    "parent_id",
    "kind",
    "number",
    "position",
    "tree_key",
    "title",
    "deadline_text",
    "deadline_kind",
    "deadline_start",
    "deadline_due",
    "deadline_every",
    "weight",
)
if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DUE_SOON_DAYS = 30
TITLE_CHARS = 120


@dataclass
class Row:
    """A task as the leaders' pages show it on a day."""

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
    position: int = 0
    tree_key: str = ""  # the programme's order: 1.2 before 1.10
    forecast_on: date | None = None  # the projected finish (``tracking.forecast``)
    confidence: str = ""  # the head's rating on the latest confirmed lead report
    weight: float = 1.0  # the task's weight in its programme's roll-up (``Rule``)
    # Filled in for display by ``decorate``.
    programme: str = ""
    lead: str = ""
    proposals: str = ""
    day: date | None = None
    url: str = ""
    heading: str = ""  # number and title, the title capitalised and cut at 120 characters
    status_text: str = ""

    @property
    def status_label(self) -> str:
        return str(TaskStatus(self.status).label)

    @property
    def days_overdue(self) -> int | None:
        if self.status != TaskStatus.OVERDUE or self.deadline_due is None or self.day is None:
            return None
        return (self.day - self.deadline_due).days

    @property
    def forecast_late(self) -> bool:
        return projected_late(self.forecast_on, self.deadline_due)

    @property
    def disagreement(self) -> str:
        return disagreement(self.confidence, self.forecast_on, self.deadline_due)

    @property
    def confidence_label(self) -> str:
        return str(Confidence(self.confidence).label) if self.confidence else ""

    @property
    def disagreement_label(self) -> str:
        found = self.disagreement
        return str(Disagreement(found).label) if found else ""

    @property
    def reported(self) -> bool:
        return self.report_id is not None

    @property
    def full_but_open(self) -> bool:
        """100 % done by the report, yet not reported completed: worth a look."""
        return self.percent == 100 and self.status not in COMPLETED


# A row before display, as the cache keeps it: Row's fields in order, up to ``confidence``.
Core = tuple[
    int, int, int | None, str, str, str, date | None, str, int | None, int | None, int | None,
    bool, int, str, date | None, str, float,
]  # fmt: skip
PK: Final = 0
PROGRAMME: Final = 1
DUE: Final = 6
STATUS: Final = 7
PERCENT: Final = 8
LEAD: Final = 9
TREE_KEY: Final = 13
FORECAST: Final = 14
CONFIDENCE: Final = 15


def end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def is_today(day: date) -> bool:
    return day >= timezone.localdate()


def work_tasks() -> QuerySet[Task]:
    """The work tasks of the programmes and plans being tracked (archived ones left out)."""
    return Task.objects.filter(
        programme__kind__in=TRACKED_KINDS, kind__in=WORK_KINDS, archived_on__isnull=True
    )


def readings_by_task(
    found: Iterable[tuple[Any, ...]],
) -> dict[int, tuple[Reading, int]]:
    """{task: (reading, report id)} from rows of (task id, report id, percent, decided at,
    period end, completed on, blocked): how the kept state and the history read a report."""
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
        for task_id, report_id, percent, decided_at, ends_on, completed_on, blocked in found
    }


def history_readings(day: date, task_ids: Sequence[int] | None) -> dict[int, tuple[Reading, int]]:
    """{task: (latest lead reading confirmed by the end of ``day``, report id)}."""
    where = "t.kind = ANY(%s)"
    params: list[Any] = [end_of(day), list(WORK_KINDS)]
    if task_ids is not None:
        where += " AND t.id = ANY(%s)"
        params.append(list(task_ids))
    sql = f"""
        SELECT t.id, r.id, r.percent, r.decided_at, r.ends_on, r.completed_on, r.blocked
        FROM programmes_task t
        CROSS JOIN LATERAL (
            SELECT r.id, r.percent, r.decided_at, r.completed_on, r.blocked, p.ends_on
            FROM tracking_progressreport r
            JOIN tracking_period p ON p.id = r.period_id
            WHERE r.task_id = t.id AND r.is_lead AND r.state = 'confirmed'
              AND r.decided_at < %s
            ORDER BY p.ends_on DESC, r.decided_at DESC
            LIMIT 1
        ) r
        WHERE {where}
    """  # noqa: S608 - no user text in the SQL; values are parameters
    # The first parameter is used inside the lateral query, which comes before the WHERE.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    return readings_by_task(found)


def _leads_on(day: date, task_ids: Sequence[int] | None) -> dict[int, int]:
    leads = Assignment.objects.filter(role=AssignmentRole.LEAD).filter(
        Q(started_on__isnull=True) | Q(started_on__lte=day),
        Q(ended_on__isnull=True) | Q(ended_on__gt=day),
    )
    if task_ids is not None:
        leads = leads.filter(task_id__in=task_ids)
    return dict(leads.values_list("task_id", "body_id"))


def _history_cores(day: date, tasks: QuerySet[Task]) -> list[Core]:
    from tracking.selectors.forecast import confirmed_histories, forecast_on

    task_list = list(
        tasks.select_related("programme").only(
            *TASK_FIELDS, "programme__issued_on", "programme__term_start"
        )
    )
    ids = None if len(task_list) > 2000 else [task.pk for task in task_list]
    readings = history_readings(day, ids)
    leads = _leads_on(day, ids)
    histories = confirmed_histories(ids, before=end_of(day))
    cores = []
    for task in task_list:
        reading, report_id = readings.get(task.pk, (None, None))
        status = task_status_of(task, reading, day)
        cores.append(
            (
                task.pk,
                task.programme_id,
                task.parent_id,
                task.number,
                task.title,
                task.deadline_text,
                task.deadline_due,
                str(status),
                shown_percent(status, reading.percent if reading else None),
                leads.get(task.pk),
                report_id,
                bool(reading and reading.blocked),
                task.position,
                task.tree_key,
                forecast_on(task, status, histories.points.get(task.pk, [])),
                histories.confidence.get(report_id, "") if report_id else "",
                float(task.weight),
            )
        )
    return cores


def _rows(cores: Iterable[Core], day: date) -> list[Row]:
    return [Row(*core, day=day) for core in cores]


def _row(task: Task, **state: Any) -> Row:
    return Row(
        pk=task.pk,
        programme_id=task.programme_id,
        parent_id=task.parent_id,
        number=task.number,
        title=task.title,
        deadline_text=task.deadline_text,
        deadline_due=task.deadline_due,
        position=task.position,
        tree_key=task.tree_key,
        weight=float(task.weight),
        **state,
    )


def kept_status_is(status: str) -> Q:
    """Tasks whose kept status is ``status``; a task with no kept state yet is not started."""
    if status == TaskStatus.NOT_STARTED:
        return Q(state__isnull=True) | Q(state__status=status)
    return Q(state__status=status)


def kept(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """``tasks`` annotated with their kept state: ``kept_status``, ``done`` (the % shown),
    ``kept_report``, ``kept_blocked``, ``kept_forecast``, ``kept_confidence`` and
    ``status_rank``."""
    rank = Case(
        *[When(kept_status=s, then=Value(i)) for i, s in enumerate(STATUS_ORDER)],
        output_field=IntegerField(),
    )
    return tasks.annotate(
        kept_status=Coalesce("state__status", Value(TaskStatus.NOT_STARTED)),
        done=F("state__percent"),
        kept_report=F("state__report_id"),
        kept_blocked=Coalesce("state__blocked", Value(False)),
        kept_forecast=F("state__forecast_on"),
        kept_confidence=Coalesce("state__report__confidence", Value("")),
    ).annotate(status_rank=rank)


def _kept_rows(tasks: QuerySet[Task], day: date) -> list[Row]:
    """Rows for tasks annotated by ``kept`` (read as plain values: no model instances), with
    their current lead bodies in one query."""
    # The stubs do not see the annotations ``kept`` adds.
    found = list(
        tasks.values_list(  # type: ignore[misc]
            "pk",
            "programme_id",
            "parent_id",
            "number",
            "title",
            "deadline_text",
            "deadline_due",
            "kept_status",
            "done",
            "kept_report",
            "kept_blocked",
            "position",
            "tree_key",
            "kept_forecast",
            "kept_confidence",
            "weight",
        )
    )
    leads = dict(
        Assignment.objects.current()
        .filter(task_id__in=[values[0] for values in found], role=AssignmentRole.LEAD)
        .values_list("task_id", "body_id")
    )
    return [
        Row(
            pk=pk,
            programme_id=programme_id,
            parent_id=parent_id,
            number=number,
            title=title,
            deadline_text=deadline_text,
            deadline_due=deadline_due,
            status=status,
            percent=percent,
            lead_id=leads.get(pk),
            report_id=report_id,
            blocked=blocked,
            position=position,
            tree_key=tree_key,
            day=day,
            forecast_on=forecast_on,
            confidence=confidence,
            weight=float(weight),
        )
        for (
            pk,
            programme_id,
            parent_id,
            number,
            title,
            deadline_text,
            deadline_due,
            status,
            percent,
            report_id,
            blocked,
            position,
            tree_key,
            forecast_on,
            confidence,
            weight,
        ) in found
    ]


def _province_on(day: date) -> list[Core]:
    """Every tracked work task on an earlier day, computed once and kept in the cache with the
    summaries (forgotten with them when a write changes what they count).

    Kept as plain tuples: reading 11,520 dataclasses back from the cache cost ~90 ms, tuples
    a tenth of that; pages build rows only for the tasks they show."""
    return cached(f"cores:{day.isoformat()}", lambda: _history_cores(day, work_tasks()))


def rows_on(day: date, tasks: QuerySet[Task] | None = None) -> list[Row]:
    """Rows of ``tasks`` (every tracked work task when None) on ``day``."""
    if tasks is None:
        if not is_today(day):
            return _rows(_province_on(day), day)
        tasks = work_tasks()
    tasks = tasks.filter(kind__in=WORK_KINDS, archived_on__isnull=True)  # archived: out of the plan
    if is_today(day):
        return _kept_rows(kept(tasks), day)
    wanted = set(tasks.values_list("pk", flat=True))
    cores = [core for core in _province_on(day) if core[PK] in wanted]
    if len(cores) == len(wanted):  # all of them tracked: read from the day's rows
        return _rows(cores, day)
    return _rows(_history_cores(day, tasks), day)


# The lists -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskList:
    """A list of tasks on the leaders' pages: its rule in SQL over the kept state (today) and
    over rows (an earlier day), written side by side."""

    slug: str
    title: "StrOrPromise"
    sql: Callable[[date], Q]
    holds: Callable[[Core, date], bool]  # over the day's tuple of the task


def _due_soon(core: Core, day: date) -> bool:
    due = core[DUE]
    return (
        due is not None
        and day <= due <= day + timedelta(days=DUE_SOON_DAYS)
        and core[STATUS] not in COMPLETED
    )


FORECAST_LISTS = ("du-bao-tre-han", "danh-gia-lech")
# Still open and not yet overdue: the tasks a forecast can still warn about.
_STILL_AHEAD = (*COMPLETED, TaskStatus.OVERDUE)


def _forecast_late_sql(day: date) -> Q:
    return Q(state__forecast_on__gt=F("deadline_due")) & ~Q(state__status__in=_STILL_AHEAD)


def _forecast_late(core: Core, day: date) -> bool:
    return projected_late(core[FORECAST], core[DUE]) and core[STATUS] not in _STILL_AHEAD


def _disagree_sql(day: date) -> Q:
    rated_high_late = Q(state__report__confidence__in=CONFIDENT) & Q(
        state__forecast_on__gt=F("deadline_due")
    )
    rated_low_on_time = Q(state__report__confidence__in=DOUBTFUL) & Q(
        state__forecast_on__lte=F("deadline_due")
    )
    return (rated_high_late | rated_low_on_time) & ~Q(state__status__in=_STILL_AHEAD)


def _disagree(core: Core, day: date) -> bool:
    found = disagreement(core[CONFIDENCE], core[FORECAST], core[DUE])
    return bool(found) and core[STATUS] not in _STILL_AHEAD


LISTS: dict[str, TaskList] = {
    entry.slug: entry
    for entry in (
        TaskList(
            "qua-han",
            _("Overdue tasks"),
            lambda day: Q(state__status=TaskStatus.OVERDUE),
            lambda core, day: core[STATUS] == TaskStatus.OVERDUE,
        ),
        TaskList(
            "vuong-mac",
            _("Tasks blocked by difficulties"),
            lambda day: Q(state__status=TaskStatus.BLOCKED),
            lambda core, day: core[STATUS] == TaskStatus.BLOCKED,
        ),
        TaskList(
            "sap-den-han",
            _("Due in the next 30 days"),
            lambda day: (
                Q(deadline_due__range=(day, day + timedelta(days=DUE_SOON_DAYS)))
                & ~Q(state__status__in=COMPLETED)
            ),
            _due_soon,
        ),
        TaskList(
            "hoan-thanh",
            _("Completed tasks"),
            lambda day: Q(state__status__in=COMPLETED),
            lambda core, day: core[STATUS] in COMPLETED,
        ),
        TaskList(
            "du-bao-tre-han",
            _("Forecast to miss the deadline"),
            _forecast_late_sql,
            _forecast_late,
        ),
        TaskList(
            "danh-gia-lech",
            _("Rating and forecast disagree"),
            _disagree_sql,
            _disagree,
        ),
        TaskList("tat-ca", _("All tasks"), lambda day: Q(), lambda core, day: True),
    )
}


@dataclass(frozen=True)
class ListFilter:
    """What a person chose on a list page."""

    programme_id: int | None = None
    body_id: int | None = None
    status: str = ""
    sort: str = "so"


def _status_rank(status: str) -> int:
    return STATUS_ORDER.index(TaskStatus(status))


# The same orders over the day's tuples (an earlier day) and in SQL (today); ties in the
# programme's order.
CORE_SORTS: dict[str, Callable[[Core], Any]] = {
    "han": lambda c: (c[DUE] or date.max, c[PROGRAMME], c[TREE_KEY]),
    "so": lambda c: (c[PROGRAMME], c[TREE_KEY]),
    "trang-thai": lambda c: (
        _status_rank(c[STATUS]),
        c[DUE] or date.max,
        c[PROGRAMME],
        c[TREE_KEY],
    ),
    "tien-do": lambda c: (c[PERCENT] if c[PERCENT] is not None else -1, c[PROGRAMME], c[TREE_KEY]),
    "qua-han": lambda c: (c[DUE] or date.max, c[PROGRAMME], c[TREE_KEY]),
}
SQL_SORTS: dict[str, list[Any]] = {
    "han": [F("deadline_due").asc(nulls_last=True), "programme_id", "tree_key"],
    "so": ["programme_id", "tree_key"],
    "trang-thai": [
        "status_rank",
        F("deadline_due").asc(nulls_last=True),
        "programme_id",
        "tree_key",
    ],
    "tien-do": [F("done").asc(nulls_first=True), "programme_id", "tree_key"],
    "qua-han": [F("deadline_due").asc(nulls_last=True), "programme_id", "tree_key"],
}


class _PagedRows(SequenceABC[Row]):
    """Rows built only for the slice a page asks for."""

    def _slice(self, index: slice) -> list[Row]:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return self._slice(index)
        if index < 0:
            index += len(self)
        found = self._slice(slice(index, index + 1))
        if not found:
            raise IndexError(index)
        return found[0]


class KeptRows(_PagedRows):
    """Today's rows of a list straight from SQL over the kept states, filtered, sorted and
    paginated in the database: a page reads one page of tasks whatever the province's size."""

    def __init__(self, queryset: QuerySet[Task], day: date, count: int | None = None) -> None:
        self.queryset = queryset
        self.day = day
        self.known_count = count  # when known already (the list's number on the overview)

    def __len__(self) -> int:
        if self.known_count is None:
            self.known_count = self.queryset.count()
        return self.known_count

    def _slice(self, index: slice) -> list[Row]:
        return _kept_rows(self.queryset[index], self.day)

    def __iter__(self) -> Iterator[Row]:
        start = 0
        while batch := _kept_rows(self.queryset[start : start + 2000], self.day):
            yield from batch
            start += 2000


class CoreRows(_PagedRows):
    """An earlier day's rows of a list, chosen and sorted over the day's tuples; rows are built
    only for the page shown."""

    def __init__(self, cores: list[Core], day: date) -> None:
        self.cores = cores
        self.day = day

    def __len__(self) -> int:
        return len(self.cores)

    def _slice(self, index: slice) -> list[Row]:
        return _rows(self.cores[index], self.day)

    def __iter__(self) -> Iterator[Row]:
        return iter(_rows(self.cores, self.day))


def list_rows(kind: str, day: date, chosen: ListFilter) -> Sequence[Row]:
    """The rows of the list ``kind`` on ``day`` as ``chosen``: a lazy page source today, a
    list of rows for an earlier day."""
    entry = LISTS[kind]
    if is_today(day):
        tasks = kept(work_tasks()).filter(entry.sql(day))
        if chosen.programme_id:
            tasks = tasks.filter(programme_id=chosen.programme_id)
        if chosen.body_id:
            tasks = tasks.filter(
                assignments__body_id=chosen.body_id,
                assignments__role=AssignmentRole.LEAD,
                assignments__ended_on__isnull=True,
            )
        if chosen.status:
            tasks = tasks.filter(kept_status_is(chosen.status))
        order = SQL_SORTS.get(chosen.sort, SQL_SORTS["so"])
        unfiltered = not (chosen.programme_id or chosen.body_id or chosen.status)
        count = list_counts(day)[kind] if unfiltered else None
        return KeptRows(tasks.order_by(*order), day, count)
    cores = [
        core
        for core in _province_on(day)
        if entry.holds(core, day)
        and (not chosen.programme_id or core[PROGRAMME] == chosen.programme_id)
        and (not chosen.body_id or core[LEAD] == chosen.body_id)
        and (not chosen.status or core[STATUS] == chosen.status)
    ]
    cores.sort(key=CORE_SORTS.get(chosen.sort, CORE_SORTS["so"]))
    return CoreRows(cores, day)


def list_counts(day: date, kinds: Sequence[str] | None = None) -> dict[str, int]:
    """How many tasks each list (of ``kinds``, every one when None) holds on ``day``: the
    numbers on the overview's cards, counted by the lists' own rules, and kept with the
    summaries (a list shows the same number)."""
    counts = cached(f"counts:{day.isoformat()}", lambda: _list_counts(day))
    return {kind: counts[kind] for kind in (kinds if kinds is not None else LISTS)}


def _list_counts(day: date) -> dict[str, int]:
    if is_today(day):
        counts = work_tasks().aggregate(
            **{
                f"n{i}": Count("pk", filter=entry.sql(day))
                for i, entry in enumerate(LISTS.values())
            }
        )
        return {kind: counts[f"n{i}"] for i, kind in enumerate(LISTS)}
    cores = _province_on(day)
    return {
        kind: sum(1 for core in cores if entry.holds(core, day)) for kind, entry in LISTS.items()
    }


def decorate(rows: Sequence[Row]) -> None:
    """Names of programmes and lead bodies, and the proposals behind each task's latest
    confirmed report, for the rows about to be shown (three queries)."""
    from programmes.models import Body, Programme
    from tracking.models import ProgressReport

    names = {
        pk: code or title
        for pk, code, title in Programme.objects.filter(
            pk__in={r.programme_id for r in rows}
        ).values_list("pk", "code", "title")
    }
    bodies = dict(
        Body.objects.filter(pk__in={r.lead_id for r in rows}).values_list("pk", "short_name")
    )
    proposals = dict(
        ProgressReport.objects.filter(
            pk__in=[r.report_id for r in rows if r.report_id]
        ).values_list("pk", "proposals")
    )
    # Long pages show hundreds of rows: what each would compute in the template (a URL, a
    # translated label, a cut title) is computed here once per row, or once per page.
    labels = {status.value: str(status.label) for status in TaskStatus}
    url = reverse("tracking:task-detail", args=[0]).replace("/0/", "/{}/")
    for row in rows:
        row.programme = names.get(row.programme_id, "")
        row.lead = bodies.get(row.lead_id, "") if row.lead_id else ""
        row.proposals = proposals.get(row.report_id, "") if row.report_id else ""
        row.url = url.format(row.pk)
        row.status_text = labels[row.status]
        title = row.title[:1].upper() + row.title[1:]
        title = title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"
        row.heading = f"{row.number} {title}".strip()
