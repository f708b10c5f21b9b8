"""The leaders' overview and programme progress: every number against a hand-computed
province, today from the kept states and as of an earlier day from the history."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.models import WORK_KINDS
from tests.factories import (
    BodyFactory,
    ProgrammeFactory,
    period_of,
)
from tests.tracking.province import TODAY, confirmed, make_task
from tracking.selectors import overview as overview_selectors
from tracking.selectors.rollup import Tally
from tracking.selectors.rows import rows_on
from tracking.services.states import task_states_refresh

pytestmark = pytest.mark.django_db


def test_every_number_on_the_overview_matches_the_hand_count(province, department):
    programme, _tasks, _target = province
    data = overview_selectors.overview(TODAY)

    tally = data.programmes[0].tally
    assert tally.total == 7
    assert dict(tally.by_status) == {
        "overdue": 1,
        "on_track": 1,
        "blocked": 1,
        "completed_on_time": 1,
        "completed_late": 1,
        "not_started": 1,
        "behind": 1,
    }
    # % done of tasks with a reading: 50, 20, 100, 100, 10 → 280 / 5
    assert tally.progress == pytest.approx(56.0)
    assert data.programmes[0].targets == {"met": 1, "missed": 0, "total": 1}
    led = {item.body: item.tally for item in data.bodies}
    assert (led[department].total, led[department].overdue) == (5, 1)
    assert data.province.total == 7


@time_machine.travel(TODAY)
def test_the_overview_page_shows_the_counts(client, leader, province):

    task_states_refresh(on=TODAY)  # the nightly refresh
    client.force_login(leader)
    page = client.get(reverse("tracking:overview")).text
    assert "17-CTr/TU" in page
    assert "Tình hình tại ngày 10/01/2024" in page
    assert "56,0%" in page
    assert "Quá hạn: 1 (14,3%)" in page


@time_machine.travel(TODAY)
def test_todays_counts_from_kept_states_match_the_history_after_the_nightly_refresh(province):
    """The fast path (grouped kept states) and the full one (every task's history) agree."""
    from collections import defaultdict

    from django.db.models import Count, Q

    from programmes.models import Programme

    def counts(tallies):
        return {
            key: (tally.total, dict(+tally.by_status), tally.percent_sum, tally.percent_count)
            for key, tally in tallies.items()
            if tally.total
        }

    task_states_refresh(on=TODAY)
    work = Count("tasks", filter=Q(tasks__kind__in=WORK_KINDS))
    programmes = {p.pk: p for p in Programme.objects.tracked().annotate(work_count=work)}
    work_counts = {pk: p.work_count for pk, p in programmes.items()}
    kept_programmes, kept_bodies = overview_selectors._tallies_kept(work_counts)
    by_programme, by_body = defaultdict(Tally), defaultdict(Tally)
    for row in rows_on(TODAY):
        by_programme[row.programme_id].add(row)
        by_body[row.lead_id].add(row)
    assert counts(kept_programmes) == counts(by_programme)
    assert counts(kept_bodies) == counts(by_body)


def test_as_of_an_earlier_day_reads_the_history(province):
    _programme, tasks, _target = province
    rows = {r.pk: r for r in rows_on(date(2023, 12, 18))}
    # 18/12/2023: "on time" was not yet confirmed (22/12), so it was in progress on nothing
    assert rows[tasks["on_time"].pk].status == "not_started"
    assert rows[tasks["late"].pk].status == "completed_late"
    assert rows[tasks["overdue"].pk].status == "not_started"  # not due before 31/12/2023
    rows = {r.pk: r for r in rows_on(date(2023, 7, 15))}
    assert rows[tasks["late"].pk].status == "overdue"  # due 30/06, completion confirmed 02/08


@time_machine.travel(TODAY)
def test_as_of_form_takes_vietnamese_dates_and_explains_a_wrong_one(client, leader, province):
    client.force_login(leader)
    page = client.get(reverse("tracking:overview"), {"ngay": "18/12/2023"}).text
    assert "Tình hình tại ngày 18/12/2023" in page
    page = client.get(reverse("tracking:overview"), {"ngay": "31/02/2023"}).text
    assert "Hãy viết ngày theo dạng dd/mm/yyyy" in page
    assert "Tình hình tại ngày 10/01/2024" in page


@time_machine.travel(TODAY)
def test_overview_queries_do_not_grow_with_the_data(client, leader, province, department, official):
    from django.core.cache import cache

    client.force_login(leader)
    url = reverse("tracking:overview")
    cache.clear()  # measure the page with nothing cached, the worst case
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    programme = ProgrammeFactory()
    q4 = period_of("quarter", 2023, 4)
    for n in range(60):
        task = make_task(programme, BodyFactory(), "Năm 2024", f"Nhiệm vụ {n}")
        if n % 2:
            confirmed(
                task, task.assignments.get().body, official, q4, on=date(2023, 12, 16), percent=n
            )
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    # 13: the forecast lists' counts ("Dự báo trễ hạn", "Đánh giá lệch dự báo") are one more.
    assert len(small) == len(large) <= 13


@time_machine.travel(TODAY)
def test_a_confirmation_refreshes_the_cached_trend(
    client, leader, head, official, province, django_capture_on_commit_callbacks
):
    from tracking import services

    client.force_login(leader)

    def q4_reports() -> int:
        trend = client.get(reverse("tracking:overview")).context["data"].trend
        return next(point.reports for point in trend if point.label == "Quý IV/2023")

    before = q4_reports()
    task = province[1]["not_started"]
    report = services.report_start(task=task, period=period_of("quarter", 2023, 4), by=official)
    report = services.report_save(
        report=report,
        by=official,
        version=report.version,
        data=services.ReportData("in_progress", None, None, False, "Đã làm", "", "", {}),
    )
    report = services.report_submit(report=report, by=official, version=report.version)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_confirm(report=report, by=head, version=report.version)
    assert q4_reports() == before + 1  # the cached trend was forgotten and counted anew


def test_pages_work_with_the_cache_down(client, leader, province, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    client.force_login(leader)
    assert client.get(reverse("tracking:overview")).status_code == 200


@time_machine.travel(TODAY)
def test_programme_progress_lists_the_tasks_and_says_the_mean(client, leader, province):
    programme, tasks, _target = province
    client.force_login(leader)
    page = client.get(reverse("tracking:programme-progress", args=[programme.slug])).text
    assert "Hoàn thiện hạ tầng số" in page and "Tiến độ bình quân" in page


@pytest.mark.parametrize(
    "url", ["tracking:overview", "tracking:task-list", "tracking:programme-progress"]
)
def test_officials_and_heads_cannot_open_the_leaders_pages(client, official, head, province, url):
    programme = province[0]
    args = {"tracking:task-list": ["qua-han"], "tracking:programme-progress": [programme.slug]}
    for user in (official, head):
        client.force_login(user)
        response = client.get(reverse(url, args=args.get(url, [])))
        assert response.status_code == 403
        assert "Không có quyền truy cập" in response.text


@time_machine.travel(TODAY)
def test_the_bodies_table_puts_the_worst_first_and_sorts_by_any_column(
    client, leader, province, department, other_department
):
    client.force_login(leader)
    worst_first = client.get(reverse("tracking:overview")).context["bodies"]
    overdue = [line.tally.overdue for line in worst_first]
    assert overdue == sorted(overdue, reverse=True)
    by_name = client.get(reverse("tracking:overview"), {"bang": "ten"}).context["bodies"]
    keys = [line.body.sort_key for line in by_name]
    assert keys == sorted(keys)


@time_machine.travel(TODAY)
def test_every_card_links_to_the_list_behind_it(client, leader, province):
    client.force_login(leader)
    page = client.get(reverse("tracking:overview")).text
    for kind in ("tat-ca", "qua-han", "vuong-mac", "hoan-thanh"):
        assert reverse("tracking:task-list", args=[kind]) in page
    assert "không tính" in page  # the mean says how it is computed
