"""Reads that pages share. Each returns what a page needs in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, QuerySet

from programmes.models import (
    WORK_KINDS,
    Assignment,
    AssignmentRole,
    Body,
    Goal,
    Programme,
    Task,
    TaskKind,
)


def programme_list() -> QuerySet[Programme]:
    """Programmes and plans with their issuing body and task counts."""
    return (
        Programme.objects.tracked()
        .select_related("issuing_body")
        .annotate(
            group_count=Count(
                "tasks", filter=Q(tasks__kind=TaskKind.GROUP, tasks__archived_on__isnull=True)
            ),
            task_count=Count(
                "tasks", filter=Q(tasks__kind__in=WORK_KINDS, tasks__archived_on__isnull=True)
            ),
        )
        .order_by("sort_key")
    )


@dataclass
class TaskNode:
    """A task with what its row shows: depth, lead and coordinating bodies."""

    task: Task
    depth: int
    lead: Body | None = None
    coordinating: list[Body] = field(default_factory=list)


def task_tree(programme: Programme) -> list[TaskNode]:
    """The programme's task tree in reading order (depth first, by position); archived tasks
    are left out."""
    current = Assignment.objects.current().select_related("body").order_by("role", "body__sort_key")
    tasks = (
        Task.objects.with_tree_fields()
        .order_siblings_by("position")
        .filter(programme=programme, archived_on__isnull=True)
        .select_related("owner_body")
        .prefetch_related(Prefetch("assignments", queryset=current, to_attr="current_assignments"))
    )
    nodes = []
    for task in tasks:
        node = TaskNode(task=task, depth=task.tree_depth)
        for assignment in task.current_assignments:
            if assignment.role == AssignmentRole.LEAD:
                node.lead = assignment.body
            else:
                node.coordinating.append(assignment.body)
        nodes.append(node)
    return nodes


@dataclass
class GoalSections:
    general: list[Goal]
    by_horizon: list[tuple[int, list[Goal]]]
    specific: list[Goal]


def goal_sections(programme: Programme) -> GoalSections:
    goals = list(programme.goals.all())
    horizons = sorted(
        {goal.horizon for goal in goals if goal.kind == Goal.Kind.HORIZON and goal.horizon}
    )
    return GoalSections(
        general=[goal for goal in goals if goal.kind == Goal.Kind.GENERAL],
        by_horizon=[
            (year, [g for g in goals if g.kind == Goal.Kind.HORIZON and g.horizon == year])
            for year in horizons
        ],
        specific=[goal for goal in goals if goal.kind == Goal.Kind.SPECIFIC],
    )


def body_tree() -> QuerySet[Body]:
    """All bodies in tree order, siblings in Vietnamese alphabetical order, with task counts."""
    return (
        Body.objects.with_tree_fields()
        .order_siblings_by("sort_key")
        .select_related("successor")
        .annotate(
            lead_count=Count(
                "assignments",
                filter=Q(assignments__ended_on__isnull=True, assignments__role=AssignmentRole.LEAD),
            ),
            coordinating_count=Count(
                "assignments",
                filter=Q(
                    assignments__ended_on__isnull=True,
                    assignments__role=AssignmentRole.COORDINATING,
                ),
            ),
        )
    )


def body_assignments(body: Body) -> QuerySet[Assignment]:
    """The body's assignments, current first, with their task, programme and predecessor."""
    return (
        Assignment.objects.filter(body=body)
        .select_related("task__programme", "task__parent", "carried_from__body")
        .order_by(
            F("ended_on").desc(nulls_first=True),
            "task__programme__sort_key",
            "task__programme_id",
            "task__position",
        )
    )
