"""Targets: which readings count on a day, the latest one per target and its judgement."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from programmes.models import Programme, Target
from tracking.models import ReportState, TargetReading
from tracking.selectors.rows import end_of


@dataclass(frozen=True)
class Judgement:
    """A target's latest counted reading on a day and what it says of the plan."""

    value: Decimal
    ends_on: date
    met: bool
    judgement: str  # "met", "exceeded" or "missed"
    ratio: Decimal | None  # how much of the plan is achieved, in percent (see ``achieved``)

    @property
    def label(self) -> str:
        return str(JUDGEMENT_LABELS[self.judgement])


JUDGEMENT_LABELS = {"met": _("Met"), "exceeded": _("Exceeded"), "missed": _("Missed")}


def counted_readings(day: date) -> "QuerySet[Any]":
    """Target readings that count on ``day``: from reports confirmed by then, and imported
    ones recorded by then; each with the end of its period and when it started to count."""
    return (
        TargetReading.objects.filter(
            Q(report__state=ReportState.CONFIRMED) | Q(report__isnull=True)
        )
        .annotate(
            ends_on=Coalesce("report__period__ends_on", "period__ends_on"),
            counted_at=Coalesce("report__decided_at", "recorded_at"),
        )
        .filter(counted_at__lt=end_of(day))
    )


def target_judgements(day: date, programme_ids: list[int] | None = None) -> dict[int, Judgement]:
    """{target: latest confirmed reading as of the day, and whether it meets the plan}."""
    readings = (
        counted_readings(day)
        .order_by("target_id", F("ends_on").desc(), F("counted_at").desc())
        .distinct("target_id")
        .values_list(
            "target_id",
            "value",
            "ends_on",
            "target__comparator",
            "target__planned_value",
            "target__planned_max",
        )
    )
    if programme_ids is not None:
        readings = readings.filter(target__programme_id__in=programme_ids)
    result: dict[int, Judgement] = {}
    for target_id, value, ends_on, comparator, planned, planned_max in readings:
        target = Target(
            pk=target_id, comparator=comparator, planned_value=planned, planned_max=planned_max
        )
        result[target_id] = Judgement(
            value=value,
            ends_on=ends_on,
            met=target.is_met_by(value),
            judgement=judgement(target, value),
            ratio=achieved(comparator, value, planned),
        )
    return result


LOWER_IS_BETTER = ("lte", "lt")


def achieved(comparator: str, value: Decimal, planned: Decimal | None) -> Decimal | None:
    """How much of the plan a reading achieves, in percent: the reading over the plan, or for
    a lower-is-better target (≤, <) the plan over the reading, so that 1,8 against "≤ 1" reads
    as 55,6 %, never as 180 %. None when it has no meaning (no plan, a zero)."""
    if not planned:
        return None
    if comparator in LOWER_IS_BETTER:
        return 100 * planned / value if value > 0 else None
    return 100 * value / planned


def judgement(target: Target, value: Decimal) -> str:
    """đạt (met), vượt (exceeded) or không đạt (missed)."""
    if not target.is_met_by(value):
        return "missed"
    exceeded = (target.comparator == "gte" and value > target.planned_value) or (
        target.comparator == "lte" and value < target.planned_value
    )
    return "exceeded" if exceeded else "met"


def judgement_label(judged: Judgement | None) -> str:
    return judged.label if judged else str(_("No reading yet"))


def target_history(day: date, programme_ids: list[int]) -> dict[int, list[tuple[date, Decimal]]]:
    """{target: [(period end, value), …]} of confirmed readings up to the day, oldest first."""
    rows = (
        counted_readings(day)
        .filter(target__programme_id__in=programme_ids)
        .order_by("target_id", "ends_on", "counted_at")
        .values_list("target_id", "ends_on", "value")
    )
    history: dict[int, dict[date, Decimal]] = defaultdict(dict)
    for target_id, ends_on, value in rows:
        history[target_id][ends_on] = value  # the last confirmed for a period wins
    return {target: sorted(values.items())[-8:] for target, values in history.items()}


@dataclass(frozen=True)
class TargetLine:
    """A programme's target on a day: its latest judged reading and its recent readings."""

    target: Target
    judged: Judgement | None
    history: list[tuple[date, Decimal]]


def target_lines(programme: Programme, day: date) -> list[TargetLine]:
    judged = target_judgements(day, [programme.pk])
    history = target_history(day, [programme.pk])
    return [
        TargetLine(target, judged.get(target.pk), history.get(target.pk, []))
        for target in programme.targets.all()
    ]
