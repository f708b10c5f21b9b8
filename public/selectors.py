"""What a public page shows of a programme, and nothing more.

Everything here is read from the plan (the programme's published text: its groups and
targets) and from confirmed reports only (the kept state of each task, target readings that
count): no draft, no report's words (results, difficulties, proposals), no evidence and no
person. The page's template receives these dataclasses, never a model or a report, so a
private field cannot slip into it by a later edit of the template.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from programmes.models import Programme, Task
from tracking.cache import cached
from tracking.selectors.overview import overview
from tracking.selectors.rollup import Rule, Segment, Tally, rollup
from tracking.selectors.rows import rows_on
from tracking.selectors.targets import target_lines

# As long as the other summaries (``tracking.cache.cached``'s default): the registry of cached
# keys that ``forget_summaries`` reads lives that long, so a longer-lived page could outlive
# the registry and miss being forgotten on a confirmation or a change of the plan.
TIMEOUT = 600


@dataclass(frozen=True)
class PublicTally:
    """Counts by status and progress of a group or a programme."""

    total: int
    completed: int
    overdue: int
    progress: float | None
    segments: list[Segment]

    @classmethod
    def of(cls, tally: Tally) -> "PublicTally":
        return cls(
            total=tally.total,
            completed=tally.completed,
            overdue=tally.overdue,
            progress=tally.progress,
            segments=tally.segments(),
        )


@dataclass(frozen=True)
class PublicGroup:
    title: str  # number and title as the programme's text writes them
    tally: PublicTally


@dataclass(frozen=True)
class PublicTarget:
    name: str
    unit: str
    comparator: str  # as the targets page writes it ("≥")
    planned: Decimal
    planned_max: Decimal | None  # the top of a range
    value: Decimal | None
    ends_on: date | None
    ratio: Decimal | None
    judgement: str  # "met", "exceeded", "missed" or "" without a reading
    judgement_label: str


@dataclass(frozen=True)
class PublicProgramme:
    slug: str
    code: str
    title: str
    summary: str
    issuer: str
    term: str
    day: date
    rule: str
    total: PublicTally
    groups: list[PublicGroup]
    targets: list[PublicTarget]


def _targets(programme: Programme, day: date) -> list[PublicTarget]:
    result = []
    for line in target_lines(programme, day):
        target, judged = line.target, line.judged
        result.append(
            PublicTarget(
                name=target.name,
                unit=target.unit,
                comparator=str(target.get_comparator_display()),
                planned=target.planned_value,
                planned_max=target.planned_max,
                value=judged.value if judged else None,
                ends_on=judged.ends_on if judged else None,
                ratio=judged.ratio if judged else None,
                judgement=judged.judgement if judged else "",
                judgement_label=judged.label if judged else "",
            )
        )
    return result


def _compute(programme: Programme, day: date) -> PublicProgramme:
    rows = rows_on(day, Task.objects.filter(programme=programme))
    sections, total = rollup(programme, rows)
    return PublicProgramme(
        slug=programme.slug,
        code=programme.code,
        title=programme.title,
        summary=programme.summary,
        issuer=programme.issuing_body.name if programme.issuing_body else "",
        term=programme.term,
        day=day,
        rule=Rule.of(programme).sentence(),
        total=PublicTally.of(total),
        groups=[PublicGroup(section.title, PublicTally.of(section.tally)) for section in sections],
        targets=_targets(programme, day),
    )


def public_programme(programme: Programme, day: date) -> PublicProgramme:
    """The public page's content of ``programme`` on ``day``, cached per programme and day."""
    key = f"public:{programme.pk}:{day.isoformat()}"
    return cached(key, lambda: _compute(programme, day), timeout=TIMEOUT)


@dataclass(frozen=True)
class PublicCard:
    """A public programme in the list: what it is and its progress."""

    slug: str
    code: str
    title: str
    term: str
    day: date
    total: PublicTally


def public_programmes(day: date) -> list[PublicCard]:
    """Every public programme on ``day``, in the programmes' order, with its progress from the
    leaders' overview of the day (counted for all programmes at once, by each one's rule)."""

    def compute() -> list[PublicCard]:
        tallies = {
            line.programme.pk: line.tally
            for line in cached(f"overview:{day.isoformat()}", lambda: overview(day)).programmes
        }
        return [
            PublicCard(
                slug=programme.slug,
                code=programme.code,
                title=programme.title,
                term=programme.term,
                day=day,
                total=PublicTally.of(tallies.get(programme.pk) or Tally()),
            )
            for programme in Programme.objects.public().order_by("sort_key")
        ]

    return cached(f"public-list:{day.isoformat()}", compute, timeout=TIMEOUT)
