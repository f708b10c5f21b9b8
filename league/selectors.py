"""The league table of bodies for a reporting period, in a fixed number of queries.

For each body that leads tasks (or has proposals addressed to it) in the period:

- **reports on time**: of the tasks it leads whose programme reports by the period's kind,
  the share whose lead report was submitted by the end of the period's due day;
- **tasks on track**: of the tasks it leads, the share *on track* or *completed on time*,
  and **overdue** the number *overdue* — statuses as of the period's due day (today while that
  is still ahead), from the one status engine (``tracking.selectors.rows.rows_on``);
- **proposals answered in time**: of the proposals addressed to it whose answer fell due in
  the period, the share answered by their due day.

The score is the mean of the shares a body has (a share with nothing to count is left out,
never taken as 0); bodies rank by score, then by fewer overdue tasks; equal keys share a rank.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from programmes.models import Body, Programme, reports_by
from programmes.text import sort_key
from proposals.models import Proposal
from tracking.models import Period, ProgressReport
from tracking.selectors.rows import end_of, rows_on
from tracking.status import TaskStatus

ON_TRACK = (TaskStatus.ON_TRACK, TaskStatus.COMPLETED_ON_TIME)


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


@dataclass
class BodyScore:
    body_id: int
    name: str
    tasks: int = 0
    on_track: int = 0
    overdue: int = 0
    reports_owed: int = 0
    reports_on_time: int = 0
    proposals_due: int = 0
    proposals_in_time: int = 0
    rank: int = 0

    @property
    def reports_share(self) -> float | None:
        return share(self.reports_on_time, self.reports_owed)

    @property
    def on_track_share(self) -> float | None:
        return share(self.on_track, self.tasks)

    @property
    def proposals_share(self) -> float | None:
        return share(self.proposals_in_time, self.proposals_due)

    @property
    def score(self) -> float | None:
        shares = [
            s
            for s in (self.reports_share, self.on_track_share, self.proposals_share)
            if s is not None
        ]
        return sum(shares) / len(shares) if shares else None

    # Percentages for the page (None: nothing to count).
    @property
    def reports_percent(self) -> float | None:
        return _percent(self.reports_share)

    @property
    def on_track_percent(self) -> float | None:
        return _percent(self.on_track_share)

    @property
    def proposals_percent(self) -> float | None:
        return _percent(self.proposals_share)

    @property
    def score_percent(self) -> float | None:
        return _percent(self.score)

    def rank_key(self) -> tuple[float, int]:
        return (-(self.score if self.score is not None else -1.0), self.overdue)


@dataclass
class LeagueTable:
    period: Period
    day: date
    rows: list[BodyScore] = field(default_factory=list)


def periods_to_choose(today: date) -> QuerySet[Period]:
    """Stored periods that have begun, the latest first."""
    return Period.objects.filter(starts_on__lte=today).order_by("-ends_on", "kind")


def default_period(today: date) -> Period | None:
    """The latest period whose reports are due by today, else the latest that has begun."""
    periods = periods_to_choose(today)
    return periods.filter(due_on__lte=today).first() or periods.first()


def _rank(rows: list[BodyScore]) -> None:
    rows.sort(key=lambda row: (*row.rank_key(), sort_key(row.name)))
    for index, row in enumerate(rows):
        previous = rows[index - 1] if index else None
        same = previous is not None and previous.rank_key() == row.rank_key()
        row.rank = previous.rank if same and previous is not None else index + 1


def league_table(period: Period, today: date) -> LeagueTable:
    day = min(today, period.due_on)
    scores: dict[int, BodyScore] = {}

    def of(body_id: int) -> BodyScore:
        if body_id not in scores:
            scores[body_id] = BodyScore(body_id=body_id, name="")
        return scores[body_id]

    reporting = set(Programme.objects.filter(reports_by(period.kind)).values_list("pk", flat=True))
    on_time = set(
        ProgressReport.objects.filter(
            period=period, is_lead=True, submitted_at__lt=end_of(period.due_on)
        ).values_list("task_id", "body_id")
    )
    for row in rows_on(day):
        if row.lead_id is None:
            continue
        score = of(row.lead_id)
        score.tasks += 1
        score.on_track += row.status in ON_TRACK
        score.overdue += row.status == TaskStatus.OVERDUE
        if row.programme_id in reporting:
            score.reports_owed += 1
            score.reports_on_time += (row.pk, row.lead_id) in on_time
    due = Proposal.objects.filter(
        addressed_to__isnull=False, due_on__gte=period.starts_on, due_on__lte=period.ends_on
    ).values_list("addressed_to_id", "due_on", "replied_at")
    for body_id, due_on, replied_at in due:
        score = of(body_id)
        score.proposals_due += 1
        score.proposals_in_time += bool(
            replied_at is not None and timezone.localdate(replied_at) <= due_on
        )
    for body_id, short_name, name in Body.objects.filter(pk__in=scores).values_list(
        "pk", "short_name", "name"
    ):
        scores[body_id].name = short_name or name
    rows = list(scores.values())
    _rank(rows)
    return LeagueTable(period=period, day=day, rows=rows)


def _none_last(value: float | None) -> float:
    return -1.0 if value is None else value


SORTS: dict[str, Callable[[BodyScore], tuple[float | int | str, ...]]] = {
    "hang": lambda r: (r.rank, sort_key(r.name)),
    "bao-cao": lambda r: (-_none_last(r.reports_share), r.rank),
    "dung-tien-do": lambda r: (-_none_last(r.on_track_share), r.rank),
    "qua-han": lambda r: (-r.overdue, r.rank),
    "kien-nghi": lambda r: (-_none_last(r.proposals_share), r.rank),
    "ten": lambda r: (sort_key(r.name),),
}


def sorted_rows(rows: Sequence[BodyScore], sort: str) -> list[BodyScore]:
    return sorted(rows, key=SORTS.get(sort, SORTS["hang"]))
