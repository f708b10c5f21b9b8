"""The roll-up of tasks into groups and programmes: written once, for the pages, the exports
and the Word report alike.

The rule: a group holds every work task under it at any depth, each counted once, in the
outermost group above it (the programme's sections I, II, …); tasks under no group form one
section of their own. Counts are by status over all tasks. "Tiến độ" is the mean % done of the
tasks (completed ones count 100 %), by the programme's own rule (``Rule``, set by an admin on
the programme): each task weighs the same or its own ``Task.weight``, and a task without a
confirmed report is either left out of the mean (and counted separately, ``unreported``) or
taken as 0 %.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from programmes.models import Programme, ProgressWeighting, Task, TaskKind, UnreportedTasks
from tracking.selectors.rows import Row
from tracking.status import COMPLETED, STATUS_ORDER, TaskStatus


@dataclass
class Segment:
    status: str
    label: str
    count: int
    share: float


@dataclass(frozen=True)
class Rule:
    """A programme's roll-up rule: whether tasks weigh by ``Task.weight`` and whether a task
    without a confirmed report counts as 0 % (rather than being left out of the mean)."""

    weighted: bool = False
    unreported_as_zero: bool = False

    @classmethod
    def of(cls, programme: Programme) -> "Rule":
        return cls(
            weighted=programme.progress_weighting == ProgressWeighting.TASK_WEIGHTS,
            unreported_as_zero=programme.unreported_tasks == UnreportedTasks.ZERO,
        )

    def sums(
        self,
        *,
        count: int,
        counted: int,
        percent_total: float,
        weighted_total: float,
        weight_counted: float,
        weight_all: float,
    ) -> tuple[float, float]:
        """(sum of weight × %, sum of weights in the mean) of ``count`` tasks, ``counted`` of
        which have a figure: ``percent_total`` is their plain sum of %, ``weighted_total`` the
        sum of weight × %, ``weight_counted`` and ``weight_all`` the weights of those with a
        figure and of all."""
        if self.weighted:
            return weighted_total, weight_all if self.unreported_as_zero else weight_counted
        return percent_total, float(count if self.unreported_as_zero else counted)

    def sentence(self) -> str:
        """How group and programme progress is computed, in one sentence for the page."""
        mean = (
            _("Progress = mean weighted by each task's weight")
            if self.weighted
            else _("Progress = plain mean over the tasks, each weighing the same")
        )
        unreported = (
            _("tasks without a confirmed report count as 0 %")
            if self.unreported_as_zero
            else _("tasks without a confirmed report are left out of the mean")
        )
        return _("%(mean)s (completed = 100 %%); %(unreported)s.") % {
            "mean": mean,
            "unreported": unreported,
        }


@dataclass
class Tally:
    """Counts of tasks by status, with the mean % done by the programme's ``rule``.

    ``percent_sum`` is the sum of weight × % of the tasks in the mean and ``weight_sum`` the
    sum of their weights (both counts of tasks when every task weighs 1); ``percent_count``
    is how many tasks have a figure at all.
    """

    total: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    percent_sum: float = 0
    percent_count: int = 0
    weight_sum: float = 0
    rule: Rule = Rule()  # a plain default: tallies cached before the rule existed read it too

    def add(self, row: Row) -> None:
        has = row.percent is not None
        percent = row.percent or 0
        self.add_counts(
            row.status,
            1,
            *self.rule.sums(
                count=1,
                counted=int(has),
                percent_total=percent,
                weighted_total=row.weight * percent,
                weight_counted=row.weight if has else 0,
                weight_all=row.weight,
            ),
            percent_count=int(has),
        )

    def add_counts(
        self,
        status: str,
        count: int,
        percent_sum: float,
        weight_sum: float,
        *,
        percent_count: int,
    ) -> None:
        """Add what SQL counted: ``count`` tasks of ``status``, their weighted % and weights
        in the mean (``Rule.sums``) and how many have a figure."""
        self.total += count
        self.by_status[status] += count
        self.percent_sum += percent_sum
        self.weight_sum += weight_sum
        self.percent_count += percent_count

    def merge(self, other: "Tally") -> None:
        self.total += other.total
        self.by_status.update(other.by_status)
        self.percent_sum += other.percent_sum
        self.weight_sum += other.weight_sum
        self.percent_count += other.percent_count

    @property
    def progress(self) -> float | None:
        return self.percent_sum / self.weight_sum if self.weight_sum else None

    @property
    def unreported(self) -> int:
        """Tasks with no confirmed report to give them a figure (left out of the mean or
        counted as 0 %, by the rule)."""
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


def tally(rows: list[Row], rule: Rule | None = None) -> Tally:
    result = Tally(rule=rule or Rule())
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
    """The programme's rows by outermost group, in the programme's order, and its total, by
    the programme's rule."""
    rule = Rule.of(programme)
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
    sections = [
        Section(g, members.get(g.pk, []), tally(members.get(g.pk, []), rule)) for g in groups
    ]
    if members.get(None):
        sections.append(Section(None, members[None], tally(members[None], rule)))
    return sections, tally(rows, rule)
