"""The targets table: the latest confirmed reading judged against the plan."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from tests.factories import TargetFactory, TaskFactory, period_of
from tests.tracking.province import TODAY, at
from tracking.models import TargetReading
from tracking.selectors.targets import achieved, judgement, target_judgements, target_lines

pytestmark = pytest.mark.django_db


@time_machine.travel(TODAY)
def test_targets_table_judges_the_latest_confirmed_reading(client, leader, province):
    programme, _tasks, target = province
    client.force_login(leader)
    page = client.get(reverse("tracking:programme-targets", args=[programme.slug])).text
    assert "Xã đạt chuẩn nông thôn mới" in page
    assert "110,0%" in page and "Vượt" in page
    judged = target_judgements(TODAY, [programme.pk])[target.pk]
    assert (judged.value, judged.judgement) == (Decimal("55"), "exceeded")


def test_a_lower_is_better_reading_is_never_shown_above_its_plan():
    assert achieved("lte", Decimal("1.8"), Decimal("1")) == Decimal("100") / Decimal("1.8")
    assert achieved("gte", Decimal("18"), Decimal("30")) == 60
    assert achieved("lte", Decimal("0"), Decimal("1")) is None
    assert achieved("gte", Decimal("5"), None) is None


# Targets along a path (lộ trình) ---------------------------------------------------------

END_2023 = date(2023, 12, 31)


def path_target(comparator="gte", baseline="10", planned="30", planned_max=None, **fields):
    """Baseline in 2020, the plan by 2026: mid-term is half way."""
    return TargetFactory(
        comparator=comparator,
        baseline_value=Decimal(baseline) if baseline is not None else None,
        baseline_year=2020 if baseline is not None else None,
        planned_value=Decimal(planned),
        planned_max=Decimal(planned_max) if planned_max else None,
        target_year=2026,
        **fields,
    )


def read(target, value, *, kind="year", year=2023, number=1, on=None):
    """An imported reading of a period, recorded on ``on`` (after the period by default)."""
    period = period_of(kind, year, number)
    return TargetReading.objects.create(
        target=target,
        period=period,
        value=Decimal(value),
        recorded_at=at(on or period.ends_on + timedelta(days=5)),
    )


@pytest.mark.parametrize(
    ("comparator", "baseline", "planned", "planned_max", "value", "expected"),
    [
        # ≥ 30 by 2026 from 10 in 2020: 20 expected at the end of 2023.
        ("gte", "10", "30", None, "18", "behind"),
        ("gte", "10", "30", None, "20", "on_track"),
        ("gte", "10", "30", None, "30", "met"),
        ("gte", "10", "30", None, "31", "exceeded"),
        # > 30: strict on the path as on the plan.
        ("gt", "10", "30", None, "20", "behind"),
        ("gt", "10", "30", None, "20.5", "on_track"),
        ("gt", "10", "30", None, "30.5", "met"),
        # ≤ 1 by 2026 from 4: 2,5 expected; lower is better.
        ("lte", "4", "1", None, "2.6", "behind"),
        ("lte", "4", "1", None, "2.5", "on_track"),
        ("lte", "4", "1", None, "1", "met"),
        ("lte", "4", "1", None, "0.8", "exceeded"),
        ("lt", "4", "1", None, "2.5", "behind"),
        ("lt", "4", "1", None, "2.4", "on_track"),
        # = 100 (% of communes) from 0: 50 expected.
        ("eq", "0", "100", None, "40", "behind"),
        ("eq", "0", "100", None, "60", "on_track"),
        ("eq", "0", "100", None, "100", "met"),
        # 1,8–2,1 from 2,6: falling to 2,1, so 2,35 expected; not below the band.
        ("range", "2.6", "1.8", "2.1", "2.4", "behind"),
        ("range", "2.6", "1.8", "2.1", "2.3", "on_track"),
        ("range", "2.6", "1.8", "2.1", "2.0", "met"),
        ("range", "2.6", "1.8", "2.1", "1.5", "behind"),
        # No baseline: nothing to judge a mid-term figure by but the plan.
        ("gte", None, "30", None, "18", "not_yet"),
    ],
)
def test_a_mid_term_reading_is_judged_against_the_path(
    comparator, baseline, planned, planned_max, value, expected
):
    target = path_target(comparator, baseline, planned, planned_max)
    assert judgement(target, Decimal(value), on=END_2023) == expected


def test_in_the_target_year_a_reading_short_of_the_plan_is_missed():
    target = path_target()
    assert judgement(target, Decimal("29"), on=date(2026, 12, 14)) == "missed"
    assert judgement(target, Decimal("29")) == "missed"  # no date: the plan alone


def test_the_issue_example_18_is_behind_and_23_on_track_in_2023():
    behind, on_track = path_target(name="Tỷ lệ đô thị hóa"), path_target(name="Tỷ lệ hộ nghèo")
    read(behind, "18")
    read(on_track, "23")
    judged = target_judgements(date(2024, 1, 10))
    assert judged[behind.pk].judgement == "behind"
    assert judged[on_track.pk].judgement == "on_track"
    assert Decimal("19.8") < judged[behind.pk].expected < 20  # read on 14/12/2023
    assert judged[behind.pk].read_on == date(2023, 12, 14)
    assert not judged[on_track.pk].met and judged[on_track.pk].on_track


def test_a_reading_is_dated_when_it_was_read_never_in_the_future():
    target = path_target()
    read(target, "15", kind="half_year", year=2024, number=1, on=date(2024, 3, 2))
    (line,) = target_lines(target.programme, date(2024, 3, 10))
    assert line.judged.read_on == date(2024, 3, 2)  # the period ends on 14/06/2024
    assert line.history == [(date(2024, 3, 2), Decimal("15"))]


@pytest.mark.parametrize("value", ["1.01", "1.8", "4", "250"])
@pytest.mark.parametrize("comparator", ["lte", "lt"])
def test_a_lower_is_better_reading_that_misses_never_shows_a_full_share(comparator, value):
    ratio = achieved(comparator, Decimal(value), Decimal("1"))
    assert ratio is not None and ratio < 100


def test_a_range_is_a_full_share_inside_its_band_and_short_of_it_outside():
    assert achieved("range", Decimal("2.0"), Decimal("1.8"), Decimal("2.1")) == 100
    assert achieved("range", Decimal("2.4"), Decimal("1.8"), Decimal("2.1")) == 87.5
    assert achieved("range", Decimal("0.9"), Decimal("1.8"), Decimal("2.1")) == 50


@time_machine.travel(date(2024, 1, 10))
def test_the_targets_page_shows_baseline_path_and_judgement_in_vietnamese(client, leader):
    target = path_target(name="Tỷ lệ đô thị hóa", unit="%")
    read(target, "18")
    poverty = path_target("lte", "4", "1", name="Tỷ lệ hộ nghèo", programme=target.programme)
    read(poverty, "1.8", year=2026, on=date(2024, 1, 5))  # the 2026 figure, confirmed early
    client.force_login(leader)
    page = client.get(reverse("tracking:programme-targets", args=[target.programme.slug])).text
    assert "Chậm so với lộ trình" in page
    assert "Đúng lộ trình" in page  # 1,8 is below the 2,5… expected early in 2024
    assert "Giá trị gốc 10 (2020)" in page
    assert "55,6%" in page and "180,0%" not in page
    assert "Không đạt" not in page  # nothing is missed before 2026


def test_the_chart_draws_the_path_and_a_dot_for_each_reading(client, leader):
    target = path_target(name="Tỷ lệ đô thị hóa")
    target.milestones.create(year=2024, value=Decimal("26"))
    for year, value in ((2021, "12"), (2022, "15"), (2023, "18")):
        read(target, value, year=year)
    (line,) = target_lines(target.programme, date(2024, 1, 10))
    chart = line.chart
    assert [dot.value for dot in chart.dots] == ["12", "15", "18"]
    assert [dot.tone for dot in chart.dots] == ["bad", "bad", "bad"]
    assert chart.path.count(",") >= 4 and chart.first_year == 2020 and chart.last_year == 2026
    xs = [dot.x for dot in chart.dots]
    assert xs == sorted(xs) and chart.dots[0].y > chart.dots[-1].y  # rising: up the chart
    client.force_login(leader)
    url = reverse("tracking:target-detail", args=[target.programme.slug, target.pk])
    page = client.get(url, {"ngay": "10/01/2024"}).text
    assert page.count('<circle class="chart-dot') == 3
    assert f'points="{line.large_chart.path}"' in page  # coordinates with a point, not a comma
    for label in ("12", "15", "18", "30", "2020", "2026"):  # read without hovering
        assert f">{label}</text>" in page


def test_the_target_page_lists_path_readings_and_the_tasks_behind_it(client, leader):
    task = TaskFactory(title="Phát triển đô thị")
    target = path_target(name="Tỷ lệ đô thị hóa", programme=task.programme, task=task)
    target.milestones.create(year=2025, value=Decimal("25"))
    read(target, "18")
    client.force_login(leader)
    url = reverse("tracking:target-detail", args=[target.programme.slug, target.pk])
    page = client.get(url, {"ngay": "10/01/2024"}).text
    assert "Lộ trình" in page and "Mốc" in page and "2025" in page
    assert "14/12/2023" in page and "Chậm so với lộ trình" in page
    assert "Phát triển đô thị" in page
    assert reverse("tracking:task-detail", args=[task.pk]) in page
    other = TargetFactory()
    url = reverse("tracking:target-detail", args=[target.programme.slug, other.pk])
    assert client.get(url).status_code == 404  # another programme's target


@pytest.mark.parametrize("name", ["tracking:programme-targets", "tracking:target-detail"])
def test_the_targets_pages_count_the_same_queries_with_more_targets(client, leader, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = path_target(task=TaskFactory())
    programme = first.programme
    read(first, "18")

    def more(n):
        for i in range(n):
            task = TaskFactory(programme=programme)
            target = path_target(programme=programme, task=task, name=f"Chỉ tiêu {n}-{i}")
            target.milestones.create(year=2024, value=Decimal("20"))
            target.milestones.create(year=2025, value=Decimal("25"))
            read(target, "19", year=2022)
            read(target, "21")

    args = [programme.slug] if name == "tracking:programme-targets" else [programme.slug, first.pk]
    url = reverse(name, args=args)
    client.force_login(leader)

    def queries():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    more(1)
    few = queries()
    more(5)
    assert queries() == few


def test_the_overview_counts_a_target_behind_its_path_as_missed_and_one_on_it_as_neither(
    department,
):
    from tests.factories import ProgrammeFactory
    from tests.tracking.province import make_task
    from tracking.selectors.overview import overview

    programme = ProgrammeFactory()
    task = make_task(programme, department, "Năm 2026", "Đô thị")
    for name, value in (("Chậm", "18"), ("Đúng", "23"), ("Đạt", "31")):
        read(path_target(programme=programme, task=task, name=name), value)
    (line,) = [p for p in overview(date(2024, 1, 10)).programmes if p.programme == programme]
    assert line.targets == {"met": 1, "missed": 1, "total": 3}


def test_the_targets_export_has_the_expected_value_and_the_day_read(client, leader):
    import io

    from openpyxl import load_workbook

    target = path_target(name="Tỷ lệ đô thị hóa")
    read(target, "18")
    client.force_login(leader)
    url = reverse("tracking:programme-targets", args=[target.programme.slug])
    response = client.get(url, {"ngay": "31/12/2023", "xuat": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]
    assert "Dự kiến theo lộ trình" in cells and "20" in cells
    assert "Chậm so với lộ trình" in cells
