"""The status engine, rule by rule (see tracking/status.py)."""

from datetime import date

import pytest

from programmes.deadlines import parse_deadline
from tracking.status import Reading, TaskStatus, expected_percent, task_status

YEAR_2023 = parse_deadline("Năm 2023")  # 01/01/2023 – 31/12/2023
BY_DATE = parse_deadline("30/6/2023")
ONGOING = parse_deadline("Thường xuyên")
YEARLY = parse_deadline("Hằng năm")
RANGE = parse_deadline("2021–2025")
QUARTER = parse_deadline("Quý II/2023")


def reading(confirmed, period_end=None, percent=None, completed=None, blocked=False):
    return Reading(
        confirmed_on=confirmed,
        period_ends_on=period_end or confirmed,
        percent=percent,
        completed_on=completed,
        blocked=blocked,
    )


def status(deadline, readings=(), on=date(2023, 7, 1), started_on=None):
    return task_status(deadline=deadline, started_on=started_on, readings=readings, on=on)


def test_no_report_before_the_deadline_is_not_started():
    assert status(YEAR_2023, on=date(2023, 3, 1)) == TaskStatus.NOT_STARTED


def test_no_report_after_the_deadline_is_overdue():
    assert status(YEAR_2023, on=date(2024, 1, 1)) == TaskStatus.OVERDUE


def test_the_due_day_itself_is_not_overdue():
    assert status(YEAR_2023, on=date(2023, 12, 31)) == TaskStatus.NOT_STARTED


def test_completed_by_the_due_date_is_on_time():
    done = reading(date(2023, 12, 20), percent=100, completed=date(2023, 12, 15))
    assert status(YEAR_2023, [done], on=date(2024, 3, 1)) == TaskStatus.COMPLETED_ON_TIME


def test_completed_after_the_due_date_is_late():
    done = reading(date(2024, 2, 1), percent=100, completed=date(2024, 1, 20))
    assert status(YEAR_2023, [done], on=date(2024, 3, 1)) == TaskStatus.COMPLETED_LATE


def test_past_due_and_not_completed_is_overdue_even_when_blocked():
    stuck = reading(date(2023, 11, 1), percent=60, blocked=True)
    assert status(YEAR_2023, [stuck], on=date(2024, 1, 2)) == TaskStatus.OVERDUE


def test_a_blocked_report_before_the_deadline_makes_it_blocked():
    stuck = reading(date(2023, 6, 20), percent=60, blocked=True)
    assert status(YEAR_2023, [stuck], on=date(2023, 7, 1)) == TaskStatus.BLOCKED


@pytest.mark.parametrize(
    ("percent", "on", "expected"),
    [
        # on 02/07/2023 half the year has gone: 50 % expected, 10 points of tolerance
        (50, date(2023, 7, 2), TaskStatus.ON_TRACK),
        (40, date(2023, 7, 2), TaskStatus.ON_TRACK),
        (39, date(2023, 7, 2), TaskStatus.BEHIND),
        (0, date(2023, 1, 5), TaskStatus.ON_TRACK),
        (85, date(2023, 12, 30), TaskStatus.BEHIND),
        (95, date(2023, 12, 30), TaskStatus.ON_TRACK),
    ],
)
def test_in_progress_compares_percent_done_with_the_elapsed_window(percent, on, expected):
    report = reading(date(2023, 1, 3), percent=percent)
    assert status(YEAR_2023, [report], on=on) == expected


def test_a_single_date_deadline_uses_the_tasks_start_as_window_start():
    report = reading(date(2023, 3, 20), percent=20)
    # 2023-01-01 .. 2023-06-30, on 2023-04-01 half the window is gone: 20 % is behind
    on = date(2023, 4, 1)
    assert status(BY_DATE, [report], on=on, started_on=date(2023, 1, 1)) == TaskStatus.BEHIND
    assert status(BY_DATE, [report], on=on, started_on=None) == TaskStatus.ON_TRACK


def test_a_quarter_deadline_and_a_range_work_alike():
    report = reading(date(2023, 4, 20), percent=10)
    assert status(QUARTER, [report], on=date(2023, 6, 1)) == TaskStatus.BEHIND
    report = reading(date(2023, 1, 20), percent=50)
    assert status(RANGE, [report], on=date(2023, 6, 1)) == TaskStatus.ON_TRACK


def test_reports_confirmed_after_the_date_do_not_count():
    later = reading(date(2023, 9, 1), percent=100, completed=date(2023, 8, 30))
    assert status(YEAR_2023, [later], on=date(2023, 7, 1)) == TaskStatus.NOT_STARTED


def test_the_latest_period_wins():
    old = reading(date(2023, 4, 1), period_end=date(2023, 3, 14), percent=90)
    new = reading(date(2023, 3, 30), period_end=date(2023, 6, 14), percent=10, blocked=True)
    assert status(YEAR_2023, [old, new], on=date(2023, 7, 1)) == TaskStatus.BLOCKED


@pytest.mark.parametrize("deadline", [ONGOING, YEARLY])
def test_ongoing_tasks_never_complete_and_never_go_overdue(deadline):
    claims_done = reading(date(2023, 6, 20), completed=date(2023, 6, 15))
    assert status(deadline, [claims_done], on=date(2023, 7, 1)) == TaskStatus.ON_TRACK
    assert status(deadline, on=date(2030, 1, 1)) == TaskStatus.NOT_STARTED


def test_an_ongoing_task_falls_behind_when_it_stops_reporting():
    last = reading(date(2023, 3, 20), period_end=date(2023, 3, 14))
    assert status(ONGOING, [last], on=date(2023, 5, 1)) == TaskStatus.ON_TRACK
    assert status(ONGOING, [last], on=date(2023, 7, 1)) == TaskStatus.BEHIND


def test_a_task_without_deadline_is_on_track_while_it_reports():
    assert status(None, [reading(date(2023, 1, 1), percent=0)]) == TaskStatus.ON_TRACK
    assert status(None) == TaskStatus.NOT_STARTED


def test_expected_percent_is_clamped():
    assert (
        expected_percent(start=date(2023, 1, 1), due=date(2023, 12, 31), on=date(2022, 1, 1)) == 0
    )
    assert (
        expected_percent(start=date(2023, 1, 1), due=date(2023, 12, 31), on=date(2025, 1, 1)) == 100
    )
    assert expected_percent(start=None, due=date(2023, 12, 31), on=date(2023, 1, 1)) is None
