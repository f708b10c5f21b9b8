"""A programme on two days side by side (the mid-term review and today, or any two): its
progress and counts by status, per programme and per group, and the tasks whose status moved.

Both days go through the same as-of engine (``rows_on``) and the one roll-up (``rollup``), so
each column reads exactly as the progress page does on that day.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from programmes.models import Programme, Task
from tracking.selectors.rollup import Section, Tally, rollup
from tracking.selectors.rows import Row, decorate, rows_on
from tracking.status import STATUS_ORDER


@dataclass
class StatusLine:
    """How many tasks had a status on each day."""

    status: str
    label: str
    first: int
    second: int

    @property
    def change(self) -> int:
        return self.second - self.first


@dataclass
class Side:
    """A programme or one of its groups on both days, with its tasks whose status moved."""

    key: str
    title: str
    first: Tally
    second: Tally
    moved: list["Move"] = field(default_factory=list)

    @property
    def change(self) -> float | None:
        """Points of progress gained between the days (None when a day has no figure)."""
        if self.first.progress is None or self.second.progress is None:
            return None
        return self.second.progress - self.first.progress

    @property
    def statuses(self) -> list[StatusLine]:
        return [
            StatusLine(
                status=status,
                label=str(status.label),
                first=self.first.by_status[status],
                second=self.second.by_status[status],
            )
            for status in STATUS_ORDER
        ]


@dataclass
class Move:
    """A task whose status differs between the days: its row on each."""

    first: Row
    second: Row
    group: str


@dataclass(frozen=True)
class Transition:
    """How many tasks went from one status to another between the days."""

    before: str
    after: str
    before_label: str
    after_label: str
    count: int


@dataclass
class Comparison:
    first: date
    second: date
    total: Side
    groups: list[Side]
    moved: list[Move]

    @property
    def transitions(self) -> list[Transition]:
        """The moves summed by (status before, status after), the most frequent first."""
        counts = Counter((move.first.status, move.second.status) for move in self.moved)
        labels = {s.value: str(s.label) for s in STATUS_ORDER}
        return [
            Transition(before, after, labels[before], labels[after], count)
            for (before, after), count in sorted(counts.items(), key=lambda item: -item[1])
        ]


def _empty_like(section: Section) -> Tally:
    return Tally(rule=section.tally.rule)


def programme_compare(programme: Programme, first: date, second: date) -> Comparison:
    """``programme`` on ``first`` and on ``second`` (``first`` the earlier)."""
    tasks = Task.objects.filter(programme=programme)
    before_sections, before_total = rollup(programme, rows_on(first, tasks))
    after_sections, after_total = rollup(programme, rows_on(second, tasks))
    before_by_key = {section.key: section for section in before_sections}
    groups: list[Side] = []
    moved: list[Move] = []
    for section in after_sections:
        before = before_by_key.get(section.key)
        side = Side(
            key=section.key,
            title=section.title,
            first=before.tally if before else _empty_like(section),
            second=section.tally,
        )
        earlier = {row.pk: row for row in before.rows} if before else {}
        for row in section.rows:
            old = earlier.get(row.pk)
            if old is not None and old.status != row.status:
                side.moved.append(Move(first=old, second=row, group=section.title))
        groups.append(side)
        moved += side.moved
    decorate([row for move in moved for row in (move.first, move.second)])
    return Comparison(
        first=first,
        second=second,
        total=Side(key="", title=str(programme), first=before_total, second=after_total),
        groups=groups,
        moved=moved,
    )
