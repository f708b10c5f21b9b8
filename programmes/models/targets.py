"""Quantified targets (chỉ tiêu) of a programme and the path (lộ trình) each should follow."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programmes.models.programmes import Programme


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

    def clean(self) -> None:
        super().clean()
        task = self.task if self.task_id else None
        if task and self.programme_id and task.programme_id != self.programme_id:
            raise ValidationError({"task": _("Choose a task of the target's own programme.")})

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

    # The path (lộ trình) ------------------------------------------------------------------
    # A year's figure stands for the end of that year: the baseline ("năm 2020: 10"), each
    # milestone ("đến năm 2025: 22") and the planned value in the target year. A date in one of
    # those years expects that year's value; a date between them expects the straight line
    # between the two ends of year around it. ``milestones`` is read through ``.all()`` so that
    # pages prefetch it.

    @property
    def goal(self) -> Decimal:
        """The planned value the path leads to: for a range, its edge nearest the baseline."""
        if (
            self.comparator == Comparator.RANGE
            and self.planned_max is not None
            and self.baseline_value is not None
            and self.baseline_value > self.planned_max
        ):
            return self.planned_max
        return self.planned_value

    def path(self) -> list[tuple[int, Decimal]]:
        """[(year, value)]: the baseline, the milestones and the goal in the target year."""
        points: dict[int, Decimal] = {}
        if self.baseline_value is not None and self.baseline_year:
            points[self.baseline_year] = self.baseline_value
        for milestone in self.milestones.all():
            points[milestone.year] = milestone.value
        if self.target_year:
            points[self.target_year] = self.goal
        return sorted(points.items())

    def has_path(self) -> bool:
        """Whether anything is expected before the target year (a baseline or a milestone)."""
        return bool(self.target_year) and len(self.path()) > 1

    def is_final_on(self, day: date) -> bool:
        """From the target year on (or with no target year) a reading is judged by the plan."""
        return not self.target_year or day.year >= self.target_year

    def expected_on(self, day: date) -> Decimal:
        """The value expected on a day: the milestone of the day's year if set, else the straight
        line from the anchor before to the anchor after; the goal once the target year comes,
        and the first anchor before it (with no baseline nothing lower can be expected)."""
        if self.is_final_on(day):
            return self.goal
        anchors = self.path()
        before = [(year, value) for year, value in anchors if year < day.year]
        after = [(year, value) for year, value in anchors if year > day.year]
        same = [value for year, value in anchors if year == day.year]
        if same:
            return same[0]
        if not before:
            return after[0][1]
        (year0, value0), (year1, value1) = before[-1], after[0]
        # Counted in years, each day a share of its own year, so that the end of each year
        # falls on a whole number whatever the leap days.
        days_in_year = (date(day.year, 12, 31) - date(day.year - 1, 12, 31)).days
        when = Decimal(day.year - 1) + Decimal(day.timetuple().tm_yday) / days_in_year
        share = (when - year0) / (year1 - year0)
        return (value0 + (value1 - value0) * share).quantize(Decimal("0.0001"))

    def direction(self) -> int:
        """+1 when the path should rise, -1 when it should fall, 0 when the value should hold."""
        if self.comparator in (Comparator.AT_LEAST, Comparator.MORE_THAN):
            return 1
        if self.comparator in (Comparator.AT_MOST, Comparator.LESS_THAN):
            return -1
        if self.baseline_value is None or self.is_met_by(self.baseline_value):
            return 0
        return 1 if self.baseline_value < self.goal else -1

    def is_on_path(self, value: Decimal, day: date) -> bool:
        """Whether a reading of the day is where the path expects it, or further along; the
        comparator's strictness holds for the expected value as for the plan. A range must
        also not overshoot its far edge."""
        expected = self.expected_on(day)
        match self.comparator:
            case Comparator.AT_LEAST:
                return value >= expected
            case Comparator.MORE_THAN:
                return value > expected
            case Comparator.AT_MOST:
                return value <= expected
            case Comparator.LESS_THAN:
                return value < expected
        direction = self.direction()
        if direction == 0:
            return self.is_met_by(value)
        ceiling = self.planned_max if self.comparator == Comparator.RANGE else None
        floor = self.planned_value if self.comparator == Comparator.RANGE else None
        if direction > 0:
            return value >= expected and (ceiling is None or value <= ceiling)
        return value <= expected and (floor is None or value >= floor)


class TargetMilestone(models.Model):
    """A value a target should reach by the end of a year on its way from the baseline to the
    planned value (lộ trình: "đến năm 2025 đạt 22 %, đến năm 2030 đạt 30 %")."""

    target = models.ForeignKey(
        Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="milestones"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["target", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "year"],
                name="milestone_once_per_year",
                violation_error_message=_("A target has one milestone a year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"

    def clean(self) -> None:
        super().clean()
        try:
            target = self.target  # set but unsaved when the target is added with its milestones
        except Target.DoesNotExist:
            return
        if self.year is None:
            return
        if target.baseline_year and self.year <= target.baseline_year:
            raise ValidationError(
                {
                    "year": _("A milestone comes after the baseline year (%(year)s).")
                    % {"year": target.baseline_year}
                }
            )
        if target.target_year and self.year >= target.target_year:
            raise ValidationError(
                {
                    "year": _(
                        "A milestone comes before the target year (%(year)s); the planned "
                        "value is the last step."
                    )
                    % {"year": target.target_year}
                }
            )


# Tasks ----------------------------------------------------------------------------------------
