"""The plan: bodies, accounts, programmes, goals, targets, the task tree and its assignments."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from tree_queries.models import TreeNode
from tree_queries.query import TreeQuerySet

from programmes.deadlines import Deadline, DeadlineError, DeadlineKind, parse_deadline
from programmes.documents import (
    TRACKED_KINDS,
    DocumentCodeError,
    DocumentKind,
    parse_document_code,
)
from programmes.text import fold, normalize, sort_key


class SearchableMixin(models.Model):
    """Keeps a folded search text and a Vietnamese sort key beside the displayed text.

    They are derived data, not business rules, so they are refreshed on every save: admin
    edits and services alike keep them right.
    """

    search_text = models.TextField(editable=False, default="")
    sort_key = models.CharField(max_length=600, editable=False, default="", db_index=True)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = fold(" ".join(part for part in self.searchable_parts() if part))
        self.sort_key = sort_key(self.sortable_text())[:600]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "sort_key"}
        super().save(*args, **kwargs)

    def searchable_parts(self) -> list[str]:
        raise NotImplementedError

    def sortable_text(self) -> str:
        raise NotImplementedError


# Bodies ---------------------------------------------------------------------------------------


class BodyKind(models.TextChoices):
    PROVINCE = "province", _("Province or city")
    PARTY_COMMITTEE = "party_committee", _("Party committee")
    PARTY_BOARD = "party_board", _("Party board or office")
    PEOPLES_COMMITTEE = "peoples_committee", _("People's committee")
    DEPARTMENT = "department", _("Department")
    POLICE = "police", _("Police")
    MILITARY = "military", _("Military command")
    FRONT = "front", _("Fatherland Front and mass organisation")
    LOCAL = "local", _("Local committee")
    CENTRAL = "central", _("Central ministry or agency")


class BodyQuerySet(TreeQuerySet):
    def visible_to(self, user: "User") -> "BodyQuerySet":
        """Every signed-in account reads the registry of bodies (a body's page shows its own
        reports only through ``tracking``'s report rules)."""
        return self if user.is_authenticated else self.none()

    def active_on(self, day: date) -> "BodyQuerySet":
        return self.filter(
            Q(active_from__isnull=True) | Q(active_from__lte=day),
            Q(active_to__isnull=True) | Q(active_to__gt=day),
        )


class Body(SearchableMixin, TreeNode):
    """A body (cơ quan, đơn vị): a node in the tree of a province's organisations.

    Bodies are renamed, merged and split; those changes are recorded as ``BodyEvent`` rows and
    a merged body points at its ``successor``, so its history stays readable.
    """

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=BodyKind.choices)
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_to = models.DateField(
        _("active until"), null=True, blank=True, help_text=_("The first day it no longer exists.")
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )

    objects = BodyQuerySet.as_manager(with_tree_fields=False)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["sort_key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_to__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_to__gt=models.F("active_from")),
                name="body_active_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:body-detail", args=[self.pk])

    def searchable_parts(self) -> list[str]:
        return [self.name, self.short_name]

    def sortable_text(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.active_to is None

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def name_on(self, day: date) -> str:
        """The name the body had on ``day`` (renames are kept as events)."""
        later = [e for e in self.events.all() if e.kind == BodyEvent.Kind.RENAME and e.on > day]
        return min(later, key=lambda e: e.on).old_name if later else self.name

    def current(self) -> "Body":
        """Follow merges to the body that carries this one's work today."""
        body: Body = self
        seen: set[int] = set()
        while body.successor is not None and body.pk not in seen:
            seen.add(body.pk)
            body = body.successor
        return body


class BodyEvent(models.Model):
    """A rename, merge or split of a body, with its date: the body's readable history."""

    class Kind(models.TextChoices):
        RENAME = "rename", _("Renamed")
        MERGE = "merge", _("Merged into")
        SPLIT = "split", _("Split into")

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    on = models.DateField(_("date"))
    related = models.ForeignKey(
        Body,
        verbose_name=_("related body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    old_name = models.CharField(_("old name"), max_length=255, blank=True)
    new_name = models.CharField(_("new name"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("body change")
        verbose_name_plural = _("body changes")
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.body} – {self.get_kind_display()} ({self.on:%d/%m/%Y})"


# Accounts -------------------------------------------------------------------------------------


class Role(models.TextChoices):
    OFFICIAL = "official", _("Official")
    HEAD = "head", _("Head of body")
    LEADER = "leader", _("Provincial leader")
    ADMIN = "admin", _("Administrator")


class User(AbstractUser):
    """An account. Officials and heads belong to a body; their work is scoped to it."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.OFFICIAL)
    body = models.ForeignKey(
        Body,
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accounts",
    )
    wants_digest = models.BooleanField(
        _("weekly digest by email"),
        default=True,
        help_text=_(
            "Deadline reminders are always sent; only the weekly digest can be turned off."
        ),
    )

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=["official", "head"]) | Q(body__isnull=False),
                name="user_body_required_for_body_roles",
                violation_error_message=_("Officials and heads of bodies must belong to a body."),
            ),
        ]

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    # The role checks, used by views, access rules and templates alike.

    @property
    def is_leader(self) -> bool:
        """Provincial leaders and admins: they read every report and the leaders' pages
        (overview, lists, targets, documents) and manage programmes and their task lists;
        they write no reports."""
        return self.is_active and (self.role in (Role.LEADER, Role.ADMIN) or self.is_superuser)

    @property
    def reports_for_body(self) -> bool:
        """Officials and heads write their own body's reports."""
        return self.role in (Role.OFFICIAL, Role.HEAD) and self.body_id is not None

    @property
    def is_head(self) -> bool:
        """A head of body confirms or returns their body's reports."""
        return self.role == Role.HEAD and self.body_id is not None

    @property
    def needs_second_factor(self) -> bool:
        """Leaders read everything, admins change everything: both sign in with a TOTP code
        (accounts/views.py), and so does anyone else who may open the Django admin."""
        return self.role in {Role.LEADER, Role.ADMIN} or self.is_staff or self.is_superuser

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # Django ends every session whose stored hash no longer matches. Mixing in whether the
        # account needs a second factor ends an official's sessions when they are made a
        # leader or admin: they sign in again, this time with a code. Accounts that need none
        # keep Django's own hash, so their sessions are untouched.
        if not self.needs_second_factor:
            return super()._get_session_auth_hash(secret=secret)  # type: ignore[misc]
        return salted_hmac(
            "programmes.User.get_session_auth_hash.second_factor",
            self.password,
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def __str__(self) -> str:
        return self.get_full_name()


# Programmes -----------------------------------------------------------------------------------


class ReportingPeriod(models.TextChoices):
    QUARTER = "quarter", _("Quarterly")
    HALF_YEAR = "half_year", _("Six-monthly")
    YEAR = "year", _("Yearly")


def default_reporting_periods() -> list[str]:
    return [ReportingPeriod.QUARTER, ReportingPeriod.HALF_YEAR, ReportingPeriod.YEAR]


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def visible_to(self, user: "User") -> "ProgrammeQuerySet":
        """The plan is read by every signed-in account: officials place their body's work in
        the whole programme."""
        return self if user.is_authenticated else self.none()

    def tracked(self) -> "ProgrammeQuerySet":
        """Programmes and plans: the documents that carry tasks to track."""
        return self.filter(kind__in=TRACKED_KINDS)


class Programme(SearchableMixin, models.Model):
    """A programme, plan or resolution (văn bản), identified by its code as written.

    The code is parsed into number, year, kind and issuer where it can be; codes vary in
    practice ("147-CTHĐ/TU"), so the written code is what is kept and shown.
    """

    slug = models.SlugField(_("key"), max_length=120, unique=True)
    code = models.CharField(_("document code"), max_length=60, blank=True)
    code_number = models.CharField(_("number"), max_length=20, blank=True, editable=False)
    code_year = models.PositiveSmallIntegerField(_("year in code"), null=True, editable=False)
    code_kind = models.CharField(_("kind in code"), max_length=20, blank=True, editable=False)
    code_issuer = models.CharField(_("issuer in code"), max_length=40, blank=True, editable=False)
    kind = models.CharField(_("document kind"), max_length=16, choices=DocumentKind.choices)
    title = models.TextField(_("title"))
    summary = models.TextField(_("summary"), blank=True)
    issuing_body = models.ForeignKey(
        Body,
        verbose_name=_("issuing body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_programmes",
    )
    directing_body = models.ForeignKey(
        Body,
        verbose_name=_("directing body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directed_programmes",
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    term_start = models.PositiveSmallIntegerField(_("term from"), null=True, blank=True)
    term_end = models.PositiveSmallIntegerField(_("term to"), null=True, blank=True)
    implements = models.ManyToManyField(
        "self",
        verbose_name=_("implements"),
        symmetrical=False,
        blank=True,
        related_name="implemented_by",
    )
    midterm_review_on = models.DateField(_("mid-term review on"), null=True, blank=True)
    midterm_review_note = models.TextField(_("mid-term review"), blank=True)
    reporting_periods = ArrayField(
        models.CharField(max_length=16, choices=ReportingPeriod.choices),
        verbose_name=_("reporting periods"),
        default=default_reporting_periods,
        blank=True,
    )
    implementation = models.TextField(_("organisation of implementation"), blank=True)
    source = models.TextField(_("source"), blank=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme or plan")
        verbose_name_plural = _("programmes and plans")
        ordering = ["sort_key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True)
                | Q(term_start__isnull=True)
                | Q(term_end__gte=models.F("term_start")),
                name="programme_term_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip() if self.code else self.title

    def save(self, *args, **kwargs):
        # The parsed parts are derived from the written code, as far as it parses.
        try:
            parsed = parse_document_code(self.code) if self.code else None
        except DocumentCodeError:
            parsed = None
        self.code_number = parsed.number if parsed else ""
        self.code_year = parsed.year if parsed else None
        self.code_kind = parsed.kind if parsed else ""
        self.code_issuer = parsed.issuer if parsed else ""
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                "code_number",
                "code_year",
                "code_kind",
                "code_issuer",
            }
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("programmes:programme-detail", args=[self.slug])

    def searchable_parts(self) -> list[str]:
        return [self.code, self.title, self.summary]

    def sortable_text(self) -> str:
        return self.title

    @property
    def term(self) -> str:
        if self.term_start and self.term_end:
            return f"{self.term_start}–{self.term_end}"
        return str(self.term_start or self.term_end or "")

    def clean(self) -> None:
        self.code = normalize(self.code)
        if self.code:
            try:
                parse_document_code(self.code)
            except DocumentCodeError as error:
                raise ValidationError({"code": error.message}) from None


class Goal(models.Model):
    """A goal (mục tiêu): general, for a horizon (2025, 2030, 2045) or a specific one."""

    class Kind(models.TextChoices):
        GENERAL = "general", _("General goal")
        HORIZON = "horizon", _("Goal by horizon")
        SPECIFIC = "specific", _("Specific goal")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="goals"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    horizon = models.PositiveSmallIntegerField(_("horizon year"), null=True, blank=True)
    text = models.TextField(_("text"))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["programme", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="horizon") | Q(horizon__isnull=False),
                name="goal_horizon_has_year",
                violation_error_message=_("A goal by horizon needs its year."),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Comparator(models.TextChoices):
    AT_LEAST = "gte", "≥"  # tối thiểu, ít nhất, … trở lên
    MORE_THAN = "gt", ">"  # trên, hơn
    AT_MOST = "lte", "≤"  # tối đa, không quá
    LESS_THAN = "lt", "<"  # dưới
    EQUAL = "eq", "="  # đạt, bằng, or the bare value
    RANGE = "range", _("range")


class Target(models.Model):
    """A quantified target (chỉ tiêu) with its unit, baseline and planned value."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="targets"
    )
    task = models.ForeignKey(
        "Task",
        verbose_name=_("task"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="targets",
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    name = models.TextField(_("target"))
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    comparator = models.CharField(
        _("comparator"), max_length=8, choices=Comparator.choices, default=Comparator.AT_LEAST
    )
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    planned_value = models.DecimalField(_("planned value"), max_digits=18, decimal_places=4)
    planned_max = models.DecimalField(
        _("planned upper bound"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["programme", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(comparator="range")
                | Q(planned_max__isnull=False, planned_max__gte=models.F("planned_value")),
                name="target_range_has_upper_bound",
                violation_error_message=_("A range needs an upper bound above its lower one."),
            ),
        ]

    def __str__(self) -> str:
        return self.name[:80]

    def is_met_by(self, value: Decimal) -> bool:
        """Whether a reading meets the planned value."""
        match self.comparator:
            case Comparator.AT_LEAST:
                return value >= self.planned_value
            case Comparator.MORE_THAN:
                return value > self.planned_value
            case Comparator.AT_MOST:
                return value <= self.planned_value
            case Comparator.LESS_THAN:
                return value < self.planned_value
            case Comparator.EQUAL:
                return value == self.planned_value
            case _:
                return self.planned_value <= value <= (self.planned_max or self.planned_value)


# Tasks ----------------------------------------------------------------------------------------


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


class ImportBatch(models.Model):
    """An uploaded task list, read and shown for checking before anything is saved."""

    class State(models.TextChoices):
        PREVIEW = "preview", _("Waiting for confirmation")
        RUNNING = "running", _("Importing")
        APPLIED = "applied", _("Imported")
        FAILED = "failed", _("Failed")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="imports"
    )
    file_name = models.CharField(_("file name"), max_length=255)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PREVIEW
    )
    reading = models.JSONField(_("what was read"))
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_count = models.PositiveIntegerField(default=0)
    failure = models.TextField(blank=True)

    class Meta:
        verbose_name = _("task list import")
        verbose_name_plural = _("task list imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.programme} – {self.file_name}"

    @property
    def errors(self) -> list[dict]:
        return self.reading.get("errors", [])

    @property
    def rows(self) -> list[dict]:
        return self.reading.get("rows", [])
