"""Reporting periods and their cut-off and due dates.

Nghị định 09/2019/NĐ-CP, as provinces apply it: a quarter's figures run from the 15th of the
month before the quarter to the 14th of its last month; six months from 15/12 to 14/6; a year
from 15/12 to 14/12. Reports are due a couple of working days after the cut-off. Both numbers
are settings (``REPORT_CUTOFF_DAY``, ``REPORT_DUE_WORKING_DAYS``): set the cut-off day to 0 to
use calendar periods (a quarter from its first to its last day).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils.translation import gettext as _

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class PeriodSpan:
    kind: str  # "quarter", "half_year" or "year"
    year: int
    number: int  # quarter 1–4, half 1–2, 1 for a year
    starts_on: date
    ends_on: date
    due_on: date

    @property
    def label(self) -> str:
        if self.kind == "quarter":
            return _("Quarter %(q)s/%(year)s") % {"q": ROMAN[self.number], "year": self.year}
        if self.kind == "half_year":
            if self.number == 1:
                return _("First half of %(year)s") % {"year": self.year}
            return _("Second half of %(year)s") % {"year": self.year}
        return _("Year %(year)s") % {"year": self.year}

    def __str__(self) -> str:
        return self.label


def _cutoff_day() -> int:
    return getattr(settings, "REPORT_CUTOFF_DAY", 14)


def _add_working_days(day: date, count: int) -> date:
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def _month_end(year: int, month: int) -> date:
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


def _span(kind: str, year: int, number: int, first_month: int, last_month: int) -> PeriodSpan:
    cutoff = _cutoff_day()
    if cutoff:
        start_year, start_month = (year, first_month - 1) if first_month > 1 else (year - 1, 12)
        starts_on = date(start_year, start_month, cutoff + 1)
        ends_on = date(year, last_month, cutoff)
    else:
        starts_on = date(year, first_month, 1)
        ends_on = _month_end(year, last_month)
    due_on = _add_working_days(ends_on, getattr(settings, "REPORT_DUE_WORKING_DAYS", 2))
    return PeriodSpan(kind, year, number, starts_on, ends_on, due_on)


def period_span(kind: str, year: int, number: int = 1) -> PeriodSpan:
    if kind == "quarter":
        return _span(kind, year, number, 3 * number - 2, 3 * number)
    if kind == "half_year":
        return _span(kind, year, number, 6 * number - 5, 6 * number)
    return _span("year", year, 1, 1, 12)


def span_containing(kind: str, day: date) -> PeriodSpan:
    """The period of ``kind`` whose figures include ``day``."""
    for year in (day.year, day.year + 1):
        count = {"quarter": 4, "half_year": 2}.get(kind, 1)
        for number in range(1, count + 1):
            span = period_span(kind, year, number)
            if span.starts_on <= day <= span.ends_on:
                return span
    raise ValueError(day)  # pragma: no cover - every day falls in a period
