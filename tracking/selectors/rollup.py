"""The roll-up of tasks into groups and programmes: written once, for the pages, the exports
and the Word report alike.

The rule: a group holds every work task under it at any depth, each counted once, in the
outermost group above it (the programme's sections I, II, …); tasks under no group form one
section of their own. Counts are by status over all tasks. "Tiến độ bình quân" is the mean %
done of the tasks that have a confirmed report (completed ones count 100 %); tasks without a
report are left out of the mean and counted separately (``unreported``), never taken as 0 %.
"""

from collections import Counter
from dataclasses import dataclass, field

from programmes.models import Programme, Task, TaskKind
from tracking.selectors.rows import Row
from tracking.status import COMPLETED, STATUS_ORDER, TaskStatus


@dataclass
class Segment:
    status: str
    label: str
    count: int
    share: float


@dataclass
class Tally:
    """Counts of tasks by status, with the mean % done of those that reported."""

    total: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    percent_sum: int = 0
    percent_count: int = 0

    def add(self, row: Row) -> None:
        self.add_counts(row.status, 1, row.percent or 0, int(row.percent is not None))

    def add_counts(self, status: str, count: int, percent_sum: int, percent_count: int) -> None:
        """Add what SQL counted: ``count`` tasks of ``status``."""
        self.total += count
        self.by_status[status] += count
        self.percent_sum += percent_sum
        self.percent_count += percent_count

    def merge(self, other: "Tally") -> None:
        self.total += other.total
        self.by_status.update(other.by_status)
        self.percent_sum += other.percent_sum
        self.percent_count += other.percent_count

    @property
    def progress(self) -> float | None:
        return self.percent_sum / self.percent_count if self.percent_count else None

    @property
    def unreported(self) -> int:
        """Tasks left out of the mean: no confirmed report gives them a figure."""
        return self.total - self.percent_count

    @property
    def completed(self) -> int:
        return sum(self.by_status[s] for s in COMPLETED)

    @property
    def overdue(self) -> int:
        return self.by_status[TaskStatus.OVERDUE]

    @property
    def blocked(self) -> int:
        return self.by_status[TaskStatus.BLOCKED]

    def segments(self) -> list[Segment]:
        """The status bar: each status's count and share, in a fixed order."""
        return [
            Segment(
                status=status,
                label=str(status.label),
                count=self.by_status[status],
                share=100 * self.by_status[status] / self.total if self.total else 0,
            )
            for status in STATUS_ORDER
        ]


def tally(rows: list[Row]) -> Tally:
    result = Tally()
    for row in rows:
        result.add(row)
    return result


@dataclass
class Section:
    """A group of a programme (None: the tasks under no group) with its rows and roll-up."""

    group: Task | None
    rows: list[Row]
    tally: Tally

    @property
    def key(self) -> str:
        """How a page names the section in its address ("?nhom=…")."""
        return str(self.group.pk) if self.group is not None else "khac"

    @property
    def title(self) -> str:
        if self.group is None:
            return ""
        return f"{self.group.number} {self.group.title}".strip()


def rollup(programme: Programme, rows: list[Row]) -> tuple[list[Section], Tally]:
    """The programme's rows by outermost group, in the programme's order, and its total."""
    tree = list(
        Task.objects.filter(programme=programme)
        .order_by("position", "pk")
        .only("pk", "parent_id", "kind", "number", "title", "position")
    )
    by_pk = {task.pk: task for task in tree}
    children: dict[int | None, list[Task]] = {}
    for task in tree:
        children.setdefault(task.parent_id, []).append(task)
    # Tree order: each node after its parent, siblings by position (1.2 before 1.10).
    order: dict[int, int] = {}

    def visit(parent: int | None) -> None:
        for child in children.get(parent, []):
            order[child.pk] = len(order)
            visit(child.pk)

    visit(None)

    def outermost_group(pk: int) -> int | None:
        found = None
        node = by_pk.get(pk)
        while node is not None and node.parent_id is not None:
            node = by_pk.get(node.parent_id)
            if node is not None and node.kind == TaskKind.GROUP:
                found = node.pk
        return found

    members: dict[int | None, list[Row]] = {}
    for row in sorted(rows, key=lambda r: order.get(r.pk, len(order))):
        members.setdefault(outermost_group(row.pk), []).append(row)
    groups = [t for t in tree if t.kind == TaskKind.GROUP and outermost_group(t.pk) is None]
    groups.sort(key=lambda g: order.get(g.pk, 0))
    sections = [Section(g, members.get(g.pk, []), tally(members.get(g.pk, []))) for g in groups]
    if members.get(None):
        sections.append(Section(None, members[None], tally(members[None])))
    return sections, tally(rows)
