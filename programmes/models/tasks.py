"""The task tree and the bodies assigned to each task."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from tree_queries.models import TreeNode
from tree_queries.query import TreeQuerySet

from programmes.deadlines import Deadline, DeadlineError, DeadlineKind, parse_deadline
from programmes.models.base import SearchableMixin
from programmes.models.bodies import Body, User
from programmes.models.programmes import Programme


def tree_key(parent_key: str, position: int) -> str:
    """A task's key in the programme's order: its parent's, then its own position."""
    own = f"{min(position, 9999):04d}"
    return f"{parent_key}.{own}" if parent_key else own


class TaskKind(models.TextChoices):
    GROUP = "group", _("Group of tasks")
    TASK = "task", _("Task")
    BREAKTHROUGH = "breakthrough", _("Strategic breakthrough")
    SUBTASK = "subtask", _("Body sub-task")


# Kinds of task that are worked on and so have a status; a group only gathers them.
WORK_KINDS: tuple[str, ...] = (TaskKind.TASK, TaskKind.BREAKTHROUGH, TaskKind.SUBTASK)


class TaskQuerySet(TreeQuerySet):
    def visible_to(self, user: "User") -> "TaskQuerySet":
        """Every signed-in account reads the task tree."""
        return self if user.is_authenticated else self.none()

    def reported_by(self, user: "User") -> "TaskQuerySet":
        """Tasks the user's body reports on: it leads or coordinates them, or owns the
        sub-task."""
        body_id = user.body_id
        if not user.reports_for_body or body_id is None:
            return self.none()
        return self.of_body(body_id)

    def of_body(self, body_id: int) -> "TaskQuerySet":
        """Tasks the body leads or coordinates now: what its officials report on, and what a
        leader sees of the body on its unit page."""
        assigned = Assignment.objects.current().filter(task_id=OuterRef("pk"), body_id=body_id)
        return self.filter(Exists(assigned))


class Task(SearchableMixin, TreeNode):
    """A node of a programme's task tree: group, task, strategic breakthrough or sub-task.

    ``number`` is kept as officials write it ("1.", "1.1", "a)", "-"). The deadline is kept
    as written and parsed into a window (see ``programmes.deadlines``).
    """

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="tasks"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=TaskKind.choices)
    number = models.CharField(_("number"), max_length=20, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    # The positions from the root down, zero-padded ("0001.0002.0010"): sorting on it gives
    # the programme's own order (I before II, 1.2 before 1.10, a group before its tasks) in
    # SQL and in Python alike. Kept by ``save`` and by the services that move or add tasks.
    tree_key = models.CharField(max_length=255, default="", editable=False)
    title = models.TextField(_("title"))
    description = models.TextField(_("content"), blank=True)
    owner_body = models.ForeignKey(
        Body,
        verbose_name=_("owning body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_subtasks",
        help_text=_("For a body sub-task: the body that made it from its assigned task."),
    )
    assignee = models.ForeignKey(
        "User",
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_subtasks",
        help_text=_("For a body sub-task: the official of the body who carries it out."),
    )
    deadline_text = models.CharField(_("deadline"), max_length=100, blank=True)
    deadline_kind = models.CharField(
        _("deadline kind"), max_length=16, choices=DeadlineKind.choices, blank=True, editable=False
    )
    deadline_start = models.DateField(_("window starts"), null=True, blank=True, editable=False)
    deadline_due = models.DateField(_("due"), null=True, blank=True, editable=False)
    deadline_every = models.CharField(max_length=16, blank=True, editable=False)
    # Set when a re-imported Excel list no longer holds the task. A task is archived, never
    # deleted by an import: its reports and status history (kept by ``tracking``) stay whole.
    archived_on = models.DateField(
        _("archived on"),
        null=True,
        blank=True,
        help_text=_("Left out of the programme's re-imported task list; its history is kept."),
    )

    objects = TaskQuerySet.as_manager(with_tree_fields=False)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["programme", "position", "pk"]
        indexes = [
            models.Index(fields=["programme", "parent", "position"]),
            models.Index(fields=["programme", "tree_key"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="subtask") | Q(owner_body__isnull=False),
                name="task_subtask_has_owner",
                violation_error_message=_("A body sub-task needs the body that owns it."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        parent_key = self.parent.tree_key if self.parent_id and self.parent else ""
        self.tree_key = tree_key(parent_key, self.position)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "tree_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("programmes:programme-detail", args=[self.programme.slug]) + f"#t{self.pk}"

    def searchable_parts(self) -> list[str]:
        return [self.number, self.title, self.description]

    def sortable_text(self) -> str:
        return self.title

    @property
    def deadline(self) -> Deadline | None:
        if not self.deadline_kind:
            return None
        return Deadline(
            self.deadline_text,
            self.deadline_kind,
            self.deadline_start,
            self.deadline_due,
            self.deadline_every,
        )

    def set_deadline(self, text: str) -> None:
        """Parse ``text`` and store it with its window; raises ``DeadlineError``."""
        parsed = parse_deadline(text)
        self.deadline_text = parsed.text if parsed else ""
        self.deadline_kind = parsed.kind if parsed else ""
        self.deadline_start = parsed.start if parsed else None
        self.deadline_due = parsed.due if parsed else None
        self.deadline_every = parsed.every if parsed else ""

    def clean(self) -> None:
        super().clean()
        try:
            self.set_deadline(self.deadline_text)
        except DeadlineError as error:
            raise ValidationError({"deadline_text": error.message}) from None
        if self.parent_id and self.parent.programme_id != self.programme_id:
            raise ValidationError({"parent": _("The parent task belongs to another programme.")})


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    COORDINATING = "coordinating", _("Coordinating")


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def current(self) -> "AssignmentQuerySet":
        return self.filter(ended_on__isnull=True)


class Assignment(models.Model):
    """A body's part in a task: the one lead (chủ trì) or a coordinating body (phối hợp).

    An assignment is never rewritten: when a body merges, its assignment ends and its
    successor's starts, pointing back at it with ``carried_from``.
    """

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="assignments"
    )
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(_("role"), max_length=16, choices=AssignmentRole.choices)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried over from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["task", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["task"],
                condition=Q(role="lead", ended_on__isnull=True),
                name="assignment_one_lead_per_task",
                violation_error_message=_("A task has exactly one lead body."),
            ),
            models.UniqueConstraint(
                fields=["task", "body"],
                condition=Q(ended_on__isnull=True),
                name="assignment_body_once_per_task",
                violation_error_message=_("This body is already assigned to the task."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} – {self.get_role_display()}"
