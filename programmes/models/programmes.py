"""Programmes and plans with their goals by horizon."""

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from programmes.documents import (
    TRACKED_KINDS,
    DocumentCodeError,
    DocumentKind,
    parse_document_code,
)
from programmes.models.base import SearchableMixin
from programmes.models.bodies import Body, User
from programmes.text import normalize


class ReportingPeriod(models.TextChoices):
    QUARTER = "quarter", _("Quarterly")
    HALF_YEAR = "half_year", _("Six-monthly")
    YEAR = "year", _("Yearly")


class ProgressWeighting(models.TextChoices):
    """How a group's and a programme's progress weighs its tasks."""

    EQUAL = "equal", _("Equal weights")
    TASK_WEIGHTS = "task_weights", _("Weights per task")


class UnreportedTasks(models.TextChoices):
    """How the roll-up counts a task without a confirmed report."""

    LEFT_OUT = "left_out", _("Left out of the mean")
    ZERO = "zero", _("Counted as 0 %")


def default_reporting_periods() -> list[str]:
    """A programme reports quarterly unless it asks for more: one report per task and period,
    never a quarter, a six-month and a year report due the same day. Six-month and yearly
    summaries are built from the quarterly reports (see the README, "Reporting cycle")."""
    return [ReportingPeriod.QUARTER]


def reports_by(kind: str, *, prefix: str = "") -> Q:
    """Programmes that ask a report for periods of ``kind``, in SQL (``prefix`` reaches the
    programme from another model: ``"task__programme__"``); the rule of ``reporting_kinds``."""
    asks = Q(**{f"{prefix}reporting_periods__contains": [kind]})
    if kind == ReportingPeriod.QUARTER:
        asks |= Q(**{f"{prefix}reporting_periods": []})
    return asks


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def visible_to(self, user: "User") -> "ProgrammeQuerySet":
        """The plan is read by every signed-in account: officials place their body's work in
        the whole programme."""
        return self if user.is_authenticated else self.none()

    def public(self) -> "ProgrammeQuerySet":
        """Programmes an admin opened to the public (``is_public``): read without signing in."""
        return self.filter(is_public=True)

    def reporting_kinds(self) -> list[str]:
        """The period kinds these programmes ask reports for, shortest first (one query)."""
        found: set[str] = set()
        for periods in self.values_list("reporting_periods", flat=True).distinct():
            found.update(Programme(reporting_periods=periods).reporting_kinds)
        return [kind.value for kind in ReportingPeriod if kind in found]

    def tracked(self) -> "ProgrammeQuerySet":
        """Programmes and plans: the documents that carry tasks to track."""
        return self.filter(kind__in=TRACKED_KINDS)


class Programme(SearchableMixin, models.Model):
    """A programme, plan or resolution (văn bản), identified by its code as written.

    The code is parsed into number, year, kind and issuer where it can be; codes vary in
    practice ("147-CTHĐ/TU"), so the written code is what is kept and shown.
    """

    slug = models.SlugField(_("web address (slug)"), max_length=120, unique=True)
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
    # The roll-up rule of this programme (``tracking.selectors.rollup``) and its public page.
    progress_weighting = models.CharField(
        _("progress weighting"),
        max_length=16,
        choices=ProgressWeighting.choices,
        default=ProgressWeighting.EQUAL,
        help_text=_("How the progress of a group and of the programme weighs its tasks."),
    )
    unreported_tasks = models.CharField(
        _("tasks without a confirmed report"),
        max_length=16,
        choices=UnreportedTasks.choices,
        default=UnreportedTasks.LEFT_OUT,
        help_text=_("Whether a task without a confirmed report is left out or counted as 0 %."),
    )
    is_public = models.BooleanField(
        _("public page"),
        default=False,
        help_text=_(
            "Publish the programme's groups, progress and targets at /cong-khai/, without "
            "names of officials, drafts, difficulties, proposals or evidence."
        ),
    )
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
    def reporting_kinds(self) -> list[str]:
        """The period kinds the programme asks a report for, shortest first: the one home of
        the rule every page, reminder and count reads (none chosen reads as quarterly)."""
        chosen = set(self.reporting_periods or ())
        return [kind.value for kind in ReportingPeriod if kind in chosen] or [
            ReportingPeriod.QUARTER.value
        ]

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
