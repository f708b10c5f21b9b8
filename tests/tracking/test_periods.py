from datetime import date

from django.test import override_settings

from tracking.periods import period_span, span_containing


def test_a_quarter_runs_from_the_15th_before_it_to_the_14th_of_its_last_month():
    span = period_span("quarter", 2023, 2)
    assert (span.starts_on, span.ends_on) == (date(2023, 3, 15), date(2023, 6, 14))
    assert span.label == "Quý II/2023"


def test_the_first_quarter_starts_in_december_of_the_year_before():
    span = period_span("quarter", 2023, 1)
    assert (span.starts_on, span.ends_on) == (date(2022, 12, 15), date(2023, 3, 14))


def test_six_months_and_a_year():
    half = period_span("half_year", 2023, 1)
    year = period_span("year", 2023)
    assert (half.starts_on, half.ends_on) == (date(2022, 12, 15), date(2023, 6, 14))
    assert (year.starts_on, year.ends_on) == (date(2022, 12, 15), date(2023, 12, 14))
    assert half.label == "6 tháng đầu năm 2023"
    assert year.label == "Năm 2023"


def test_reports_are_due_two_working_days_after_the_cutoff():
    # 14/6/2023 is a Wednesday: due Friday 16/6. 14/12/2023 is a Thursday: due Monday 18/12.
    assert period_span("quarter", 2023, 2).due_on == date(2023, 6, 16)
    assert period_span("quarter", 2023, 4).due_on == date(2023, 12, 18)


def test_the_period_containing_a_day():
    assert span_containing("quarter", date(2023, 12, 20)).year == 2024
    assert span_containing("quarter", date(2023, 12, 20)).number == 1
    assert span_containing("quarter", date(2023, 6, 14)).number == 2


@override_settings(REPORT_CUTOFF_DAY=0)
def test_calendar_periods_when_configured():
    span = period_span("quarter", 2023, 2)
    assert (span.starts_on, span.ends_on) == (date(2023, 4, 1), date(2023, 6, 30))
