"""A task's projected finish date from its own history, and how it compares with the head's
rating of the task's delivery confidence.

A pure module, like ``tracking.status``: the kept state stores what ``forecast_finish``
returns, an earlier day's rows call it over the readings confirmed by then, and the tests feed
it constructed histories.

The rule: the lead body's confirmed readings, each a (period end, % done) point, fitted by least
squares (% done against days); where the line reaches 100 % is the projected finish. There is
none for fewer than two readings on different days, for a line that does not rise, for a task
already completed, and for an ongoing or recurring task (it never completes). A task whose
projected finish falls after its due date is projected late ("dự báo trễ hạn").
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes.deadlines import Deadline

# A line rising more slowly than this reaches 100 % a lifetime away: call it flat, not a date.
MAX_HORIZON_DAYS = 100 * 365


class Confidence(models.TextChoices):
    """The head's rating of how likely the task is delivered on time (the UK delivery unit's
    delivery-confidence scale), highest first."""

    HIGH = "high", _("High")
    MEDIUM_HIGH = "medium_high", _("Medium-high")
    MEDIUM_LOW = "medium_low", _("Medium-low")
    LOW = "low", _("Low")


CONFIDENT: tuple[str, ...] = (Confidence.HIGH, Confidence.MEDIUM_HIGH)
DOUBTFUL: tuple[str, ...] = (Confidence.MEDIUM_LOW, Confidence.LOW)
_RANK = {value: rank for rank, value in enumerate(reversed(Confidence.values))}


def confidence_dropped(previous: str, new: str) -> bool:
    """Whether ``new`` is a lower rating than ``previous`` (either may be empty: no drop)."""
    if not previous or not new:
        return False
    return _RANK[new] < _RANK[previous]


class Why(models.TextChoices):
    """Why a task has the forecast it has (or none)."""

    PROJECTED = "projected", _("Projected from the confirmed readings")
    COMPLETED = "completed", _("Completed: no forecast needed")
    OPEN_ENDED = "open_ended", _("Ongoing task: never completes, no forecast")
    TOO_FEW = "too_few", _("Too few confirmed readings to forecast (at least two periods)")
    FLAT = "flat", _("Progress is not rising: no finish date can be projected")


@dataclass(frozen=True)
class Point:
    """A confirmed reading: the % done at the end of its period."""

    on: date
    percent: int


@dataclass(frozen=True)
class Forecast:
    finish_on: date | None
    why: Why


def forecast_finish(
    points: Iterable[Point], *, deadline: Deadline | None, completed: bool
) -> Forecast:
    """The projected finish date of a task from its confirmed readings (see the module)."""
    if completed:
        return Forecast(None, Why.COMPLETED)
    if deadline is not None and deadline.is_open_ended:
        return Forecast(None, Why.OPEN_ENDED)
    # One reading a day: a later confirmation of the same period replaces the earlier one.
    by_day = {point.on: point.percent for point in sorted(points, key=lambda p: p.on)}
    if len(by_day) < 2:
        return Forecast(None, Why.TOO_FEW)
    last_day = max(by_day)
    if by_day[last_day] >= 100:
        return Forecast(last_day, Why.PROJECTED)
    first = min(by_day)
    xs = [(day - first).days for day in by_day]
    ys = list(by_day.values())
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    if slope <= 0:
        return Forecast(None, Why.FLAT)
    days = mean_x + (100 - mean_y) / slope
    if days > MAX_HORIZON_DAYS:
        return Forecast(None, Why.FLAT)
    # The line may say 100 % was due before the latest reading, which said less: not before it.
    finish = max(first + timedelta(days=round(days)), last_day + timedelta(days=1))
    return Forecast(finish, Why.PROJECTED)


def projected_late(finish_on: date | None, due: date | None) -> bool:
    """The one rule of "dự báo trễ hạn": projected to finish after the due date."""
    return finish_on is not None and due is not None and finish_on > due


class Disagreement(models.TextChoices):
    """Where the head's rating and the forecast disagree."""

    RATED_HIGH_FORECAST_LATE = "rated_high", _("Rated high, forecast late")
    RATED_LOW_FORECAST_ON_TIME = "rated_low", _("Rated low, forecast on time")


def disagreement(confidence: str, finish_on: date | None, due: date | None) -> str:
    """The rating against the forecast: a ``Disagreement`` value, or "" when they agree or
    either is missing (no rating, no forecast, no due date)."""
    if not confidence or finish_on is None or due is None:
        return ""
    late = projected_late(finish_on, due)
    if late and confidence in CONFIDENT:
        return Disagreement.RATED_HIGH_FORECAST_LATE
    if not late and confidence in DOUBTFUL:
        return Disagreement.RATED_LOW_FORECAST_ON_TIME
    return ""
