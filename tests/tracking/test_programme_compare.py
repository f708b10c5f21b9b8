"""A programme on two days side by side: the mid-term review and today by default, or any two
dates; progress and counts by status per programme and group, and the tasks that moved."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from programmes.models import Task
from tests.tracking.province import TODAY
from tracking.selectors.rollup import rollup
from tracking.selectors.rows import rows_on
from tracking.status import TaskStatus

pytestmark = pytest.mark.django_db

EARLIER = date(2023, 9, 1)


def url(programme, **query):
    return reverse("tracking:programme-compare", args=[programme.slug]), query


@time_machine.travel(TODAY)
def test_two_dates_read_as_the_progress_page_reads_each_day(client, leader, province):
    programme, tasks, _target = province
    client.force_login(leader)
    path, query = url(programme, tu="01/09/2023", den="10/01/2024")
    comparison = client.get(path, query).context["comparison"]
    assert (comparison.first, comparison.second) == (EARLIER, TODAY)
    for side_day, tally in ((EARLIER, comparison.total.first), (TODAY, comparison.total.second)):
        _sections, total = rollup(
            programme, rows_on(side_day, Task.objects.filter(programme=programme))
        )
        assert (tally.total, tally.progress, dict(tally.by_status)) == (
            total.total,
            total.progress,
            dict(total.by_status),
        )
    assert comparison.total.second.progress == pytest.approx((50 + 20 + 100 + 100 + 10) / 5)


@time_machine.travel(TODAY)
def test_what_moved_lists_each_task_whose_status_changed_with_both_statuses(
    client, leader, province
):
    programme, tasks, _target = province
    client.force_login(leader)
    path, query = url(programme, tu="01/09/2023")
    response = client.get(path, query)
    moved = {
        m.second.pk: (m.first.status, m.second.status) for m in response.context["comparison"].moved
    }
    before = {
        row.pk: row.status for row in rows_on(EARLIER, Task.objects.filter(programme=programme))
    }
    after = {row.pk: row.status for row in rows_on(TODAY, Task.objects.filter(programme=programme))}
    assert moved == {pk: (before[pk], after[pk]) for pk in after if before[pk] != after[pk]}
    assert moved[tasks["on_time"].pk][1] == TaskStatus.COMPLETED_ON_TIME
    assert tasks["late"].pk not in moved  # completed in August, unchanged since
    html = response.content.decode()
    assert "Hoàn thành đúng hạn" in html or str(TaskStatus.COMPLETED_ON_TIME.label) in html


@time_machine.travel(TODAY)
def test_the_mid_term_review_and_today_are_the_default(client, leader, province):
    programme, _tasks, _target = province
    programme.midterm_review_on = date(2023, 10, 15)
    programme.save()
    client.force_login(leader)
    comparison = client.get(reverse("tracking:programme-compare", args=[programme.slug])).context[
        "comparison"
    ]
    assert (comparison.first, comparison.second) == (date(2023, 10, 15), TODAY)


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"tu": "31/02/2023"}, "tu", "dd/mm/yyyy"),
        ({"tu": "hôm qua"}, "tu", "dd/mm/yyyy"),
        ({"den": "01/02/2030"}, "den", "sau hôm nay"),
        ({"tu": "01/12/2023", "den": "01/09/2023"}, "den", "không được trước"),
    ],
)
@time_machine.travel(TODAY)
def test_a_bad_date_gets_a_vietnamese_error_and_keeps_what_was_written(
    client, leader, province, query, field, message
):
    programme, _tasks, _target = province
    client.force_login(leader)
    response = client.get(*url(programme, **query))
    assert response.status_code == 200
    form = response.context["form"]
    assert message in form.errors[field][0]
    html = response.content.decode()
    for value in query.values():
        assert f'value="{value}"' in html
    assert 'role="alert"' in html


@time_machine.travel(TODAY)
def test_the_progress_page_links_to_the_comparison(client, leader, province):
    programme, _tasks, _target = province
    client.force_login(leader)
    html = client.get(
        reverse("tracking:programme-progress", args=[programme.slug])
    ).content.decode()
    assert reverse("tracking:programme-compare", args=[programme.slug]) in html
