"""The forecast of a task's finish from its own confirmed history, on constructed histories
(``tracking.forecast``, pure: no database)."""

from datetime import date

from programmes.deadlines import parse_deadline
from tracking.forecast import (
    Confidence,
    Disagreement,
    Point,
    Why,
    confidence_dropped,
    disagreement,
    forecast_finish,
    projected_late,
)

YEAR_2024 = parse_deadline("Năm 2024")  # due 31/12/2024


def test_a_linear_history_finishes_where_its_line_reaches_100():
    # 10 % every 100 days from 01/01/2024: 100 % on day 900.
    points = [
        Point(date(2024, 1, 1), 10),
        Point(date(2024, 4, 10), 20),
        Point(date(2024, 7, 19), 30),
    ]
    found = forecast_finish(points, deadline=YEAR_2024, completed=False)
    assert found.why == Why.PROJECTED
    assert found.finish_on == date(2026, 6, 19)  # 01/01/2024 + 900 days
    assert projected_late(found.finish_on, YEAR_2024.due)


def test_a_quick_task_is_forecast_on_time():
    points = [Point(date(2024, 3, 14), 40), Point(date(2024, 6, 14), 70)]
    found = forecast_finish(points, deadline=YEAR_2024, completed=False)
    assert found.finish_on is not None
    assert date(2024, 9, 1) < found.finish_on < date(2024, 9, 30)
    assert not projected_late(found.finish_on, YEAR_2024.due)


def test_least_squares_smooths_an_uneven_history():
    # 0, 60, 60 over two equal steps: slope 30 per step (not 60), mean 40 at the middle.
    points = [
        Point(date(2024, 1, 1), 0),
        Point(date(2024, 1, 11), 60),
        Point(date(2024, 1, 21), 60),
    ]
    found = forecast_finish(points, deadline=None, completed=False)
    assert found.finish_on == date(2024, 1, 31)  # middle + 60 % / 3 % a day = 20 days


def test_a_flat_or_falling_history_has_no_forecast():
    flat = [Point(date(2024, 1, 1), 30), Point(date(2024, 4, 1), 30)]
    falling = [Point(date(2024, 1, 1), 40), Point(date(2024, 4, 1), 30)]
    for points in (flat, falling):
        found = forecast_finish(points, deadline=YEAR_2024, completed=False)
        assert found == forecast_finish(points, deadline=YEAR_2024, completed=False)
        assert (found.finish_on, found.why) == (None, Why.FLAT)


def test_a_crawl_to_a_century_away_is_flat():
    points = [Point(date(2024, 1, 1), 10), Point(date(2025, 12, 31), 11)]  # 1 % in 730 days
    assert forecast_finish(points, deadline=YEAR_2024, completed=False).why == Why.FLAT


def test_too_few_points_have_no_forecast():
    one = [Point(date(2024, 1, 1), 30)]
    same_day = [Point(date(2024, 1, 1), 30), Point(date(2024, 1, 1), 50)]
    for points in ([], one, same_day):
        found = forecast_finish(points, deadline=YEAR_2024, completed=False)
        assert (found.finish_on, found.why) == (None, Why.TOO_FEW)


def test_a_later_confirmation_of_the_same_period_replaces_the_earlier():
    points = [
        Point(date(2024, 1, 1), 10),
        Point(date(2024, 4, 10), 90),
        Point(date(2024, 4, 10), 20),
    ]
    found = forecast_finish(points, deadline=YEAR_2024, completed=False)
    assert found.finish_on == date(2026, 6, 19)  # 10 → 20 in 100 days: 900 days from the start


def test_a_completed_task_needs_no_forecast():
    points = [Point(date(2024, 1, 1), 10), Point(date(2024, 4, 10), 100)]
    found = forecast_finish(points, deadline=YEAR_2024, completed=True)
    assert (found.finish_on, found.why) == (None, Why.COMPLETED)


def test_a_task_at_100_but_not_completed_finishes_at_that_reading():
    points = [Point(date(2024, 1, 1), 10), Point(date(2024, 4, 10), 100)]
    found = forecast_finish(points, deadline=YEAR_2024, completed=False)
    assert found.finish_on == date(2024, 4, 10)


def test_the_finish_is_never_before_the_latest_reading_below_100():
    # The line says 100 % came before 21/01; the latest reading (21/01) says 90.
    points = [
        Point(date(2024, 1, 1), 0),
        Point(date(2024, 1, 11), 95),
        Point(date(2024, 1, 21), 90),
    ]
    found = forecast_finish(points, deadline=None, completed=False)
    assert found.finish_on == date(2024, 1, 22)


def test_a_task_without_a_deadline_is_forecast_but_never_late():
    points = [Point(date(2024, 1, 1), 10), Point(date(2024, 4, 10), 20)]
    found = forecast_finish(points, deadline=None, completed=False)
    assert found.finish_on is not None
    assert not projected_late(found.finish_on, None)
    assert disagreement(Confidence.LOW, found.finish_on, None) == ""


def test_ongoing_and_recurring_tasks_are_not_forecast():
    points = [Point(date(2024, 1, 1), 10), Point(date(2024, 4, 10), 20)]
    for text in ("Thường xuyên", "Hằng năm"):
        found = forecast_finish(points, deadline=parse_deadline(text), completed=False)
        assert (found.finish_on, found.why) == (None, Why.OPEN_ENDED)


def test_a_drop_is_a_lower_rating_than_the_previous_one():
    assert confidence_dropped(Confidence.HIGH, Confidence.MEDIUM_HIGH)
    assert confidence_dropped(Confidence.MEDIUM_LOW, Confidence.LOW)
    assert not confidence_dropped(Confidence.LOW, Confidence.HIGH)
    assert not confidence_dropped(Confidence.MEDIUM_HIGH, Confidence.MEDIUM_HIGH)
    assert not confidence_dropped("", Confidence.LOW)  # a first rating is no drop


def test_rating_and_forecast_disagree_both_ways():
    due = date(2024, 12, 31)
    late, on_time = date(2025, 3, 1), date(2024, 10, 1)
    assert disagreement(Confidence.HIGH, late, due) == Disagreement.RATED_HIGH_FORECAST_LATE
    assert disagreement(Confidence.MEDIUM_HIGH, late, due) == Disagreement.RATED_HIGH_FORECAST_LATE
    assert disagreement(Confidence.LOW, on_time, due) == Disagreement.RATED_LOW_FORECAST_ON_TIME
    assert disagreement(Confidence.MEDIUM_LOW, on_time, due) == (
        Disagreement.RATED_LOW_FORECAST_ON_TIME
    )
    assert disagreement(Confidence.HIGH, on_time, due) == ""
    assert disagreement(Confidence.LOW, late, due) == ""
    assert disagreement("", late, due) == ""
    assert disagreement(Confidence.HIGH, None, due) == ""
