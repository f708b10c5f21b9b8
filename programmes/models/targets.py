"""Quantified targets (chỉ tiêu) of a programme."""

from decimal import Decimal

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
