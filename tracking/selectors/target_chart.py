"""A target's path and readings as the geometry of a small SVG chart, drawn on the server.

The template writes the SVG from these numbers (no script, no inline style: the page's CSP
forbids them, SVG attributes are fine), so it prints and reads without hovering: the years
at both ends, the planned value at the end of the path and the latest reading are written
on the chart itself.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils.formats import number_format

from programmes.models import Target

# Room for the labels at a 10-unit font: the value on the right, the years below.
LEFT, RIGHT, TOP, BOTTOM = 4, 44, 12, 16


TONES = {"ok": "#1b5e20", "bad": "#b3261e", "none": "#6b7785"}


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    value: str
    read_on: date
    tone: str  # "ok" (met or on the path), "bad" (missed or behind), "none" (nothing to go by)

    @property
    def colour(self) -> str:
        return TONES[self.tone]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    path: str  # "x,y x,y …" of the expected path, empty without one
    dots: list[Dot]
    first_year: int
    last_year: int
    goal_y: float  # where the planned value is, for its label
    goal: str
    bottom: float  # the baseline of the year labels
    axis: float  # the foot of the plot, above the year labels
    right: float  # where the value labels start
    today_x: float  # the day the page is read for
    font: int  # the labels' size

    @property
    def small_font(self) -> int:
        return self.font - 1

    @property
    def labelled(self) -> list[Dot]:
        """The readings written on the chart: all of them on a large one, else the latest."""
        if self.font > 10 and len(self.dots) <= 12:
            return self.dots
        return self.dots[-1:]


def _label(value: Decimal) -> str:
    if value == value.to_integral():
        return number_format(value.quantize(Decimal(1)))
    return number_format(round(value, 2).normalize())


def target_chart(
    target: Target,
    readings: Sequence[tuple[date, Decimal, str]],
    day: date,
    *,
    width: int,
    height: int,
) -> Chart:
    """The expected path (sampled where it bends: the ends of the anchor years and the first
    day of each, where it steps to that year's value) and each reading (read on, value, on
    track, behind or neither as a tone) as a dot, from the
    baseline (or the first reading) to the end of the target year (or the day)."""
    anchors = target.path()
    days = [read_on for read_on, _value, _tone in readings]
    ends = [date(target.target_year, 12, 31)] if target.target_year else []
    if target.baseline_value is not None and target.baseline_year:
        starts = [date(target.baseline_year, 12, 31)]
    else:
        starts = [date(anchors[0][0], 1, 1)] if anchors else []
    first = min([*starts, *days, day])
    last = max([*ends, *days, day, first + timedelta(days=1)])
    breaks = {first, last}
    for year, _value in anchors:
        breaks.update({date(year - 1, 12, 31), date(year, 1, 1), date(year, 12, 31)})
    path = [(at, target.expected_on(at)) for at in sorted(breaks) if first <= at <= last]
    values = [value for _day, value in path] + [value for _day, value, _ok in readings]
    if target.planned_max is not None:
        values.append(target.planned_max)
    low, high = min(values, default=Decimal(0)), max(values, default=Decimal(1))
    if low == high:
        low, high = low - 1, high + 1
    span_days = (last - first).days
    font = 10 if width < 400 else 15  # a large chart is shown smaller on a phone
    right, top, bottom = (round(margin * font / 10) for margin in (RIGHT, TOP, BOTTOM))
    inner_w, inner_h = width - LEFT - right, height - top - bottom

    def x(day: date) -> float:
        return round(LEFT + inner_w * (day - first).days / span_days, 1)

    def y(value: Decimal) -> float:
        return round(top + inner_h * float((high - value) / (high - low)), 1)

    dots = [Dot(x(at), y(value), _label(value), at, on_track) for at, value, on_track in readings]
    return Chart(
        width=width,
        height=height,
        path=" ".join(f"{x(at)},{y(value)}" for at, value in path),
        today_x=x(day),
        font=font,
        dots=dots,
        first_year=first.year,
        last_year=last.year,
        goal_y=y(target.goal),
        goal=_label(target.goal),
        bottom=height - 3,
        axis=height - bottom,
        right=width - right + 4,
    )
