"""A target's path (lộ trình): the value expected on any date, from the baseline through the
milestones to the planned value in the target year."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from programmes.models import Comparator, TargetMilestone
from tests.factories import TargetFactory, TaskFactory

pytestmark = pytest.mark.django_db


def grdp(**fields):
    """A rising target: 10 in 2020, at least 30 by 2026."""
    values = {
        "baseline_value": Decimal("10"),
        "baseline_year": 2020,
        "planned_value": Decimal("30"),
        "target_year": 2026,
    }
    return TargetFactory(**{**values, **fields})


def test_without_milestones_the_path_is_the_straight_line_from_the_baseline():
    target = grdp()
    assert target.expected_on(date(2020, 12, 31)) == 10
    # Three of six years gone at the end of 2023: a third of the way… half of it.
    assert target.expected_on(date(2023, 12, 31)) == 20
    assert Decimal("19.8") < target.expected_on(date(2023, 12, 14)) < 20
    assert target.expected_on(date(2026, 6, 30)) == 30  # the target year expects the plan
    assert target.expected_on(date(2028, 1, 1)) == 30
    assert target.expected_on(date(2019, 5, 1)) == 10  # nothing more before the baseline


def test_a_milestone_is_expected_all_its_year_and_bends_the_line():
    target = grdp()
    target.milestones.create(year=2024, value=Decimal("26"))
    assert target.expected_on(date(2024, 3, 31)) == 26
    assert target.expected_on(date(2024, 12, 31)) == 26
    assert target.expected_on(date(2022, 12, 31)) == 18  # 10 → 26 over four years
    assert target.expected_on(date(2025, 12, 31)) == 28  # 26 → 30 over two years
    assert target.path() == [(2020, 10), (2024, 26), (2026, 30)]


def test_without_a_baseline_the_first_milestone_is_expected_until_its_year():
    target = grdp(baseline_value=None, baseline_year=None)
    assert not target.has_path()
    assert target.expected_on(date(2023, 6, 30)) == 30  # nothing to go by but the plan
    target.milestones.create(year=2024, value=Decimal("20"))
    target = type(target).objects.get(pk=target.pk)
    assert target.has_path()
    assert target.expected_on(date(2023, 6, 30)) == 20
    assert target.expected_on(date(2025, 12, 31)) == 25


def test_a_baseline_without_its_year_draws_no_path():
    target = grdp(baseline_year=None)
    assert not target.has_path()
    assert target.expected_on(date(2023, 12, 31)) == 30


def test_a_target_without_a_target_year_is_judged_by_its_plan_at_any_date():
    target = grdp(target_year=None)
    assert target.is_final_on(date(2022, 1, 1))
    assert target.expected_on(date(2022, 1, 1)) == 30


def test_a_falling_target_expects_less_each_year():
    target = grdp(
        comparator=Comparator.AT_MOST,
        baseline_value=Decimal("4"),
        planned_value=Decimal("1"),
    )
    assert target.direction() == -1
    assert target.expected_on(date(2023, 12, 31)) == Decimal("2.5")


def test_a_range_leads_to_its_edge_nearest_the_baseline():
    above = grdp(
        comparator=Comparator.RANGE,
        baseline_value=Decimal("2.6"),
        planned_value=Decimal("1.8"),
        planned_max=Decimal("2.1"),
    )
    assert above.goal == Decimal("2.1")
    assert above.direction() == -1
    assert above.expected_on(date(2023, 12, 31)) == Decimal("2.35")
    below = grdp(comparator=Comparator.RANGE, planned_max=Decimal("35"))
    assert below.goal == 30 and below.direction() == 1


def test_a_milestone_lies_between_the_baseline_year_and_the_target_year():
    target = grdp()
    for year in (2020, 2026, 2027):
        with pytest.raises(ValidationError) as caught:
            TargetMilestone(target=target, year=year, value=Decimal("20")).full_clean()
        assert "year" in caught.value.message_dict
    TargetMilestone(target=target, year=2025, value=Decimal("20")).full_clean()


def test_a_target_names_a_task_of_its_own_programme_only():
    target = grdp()
    target.task = TaskFactory()  # another programme's
    with pytest.raises(ValidationError) as caught:
        target.full_clean()
    assert "task" in caught.value.message_dict
    target.task = TaskFactory(programme=target.programme)
    target.full_clean()
