"""The head's rating of delivery confidence, set when confirming, and the forecast beside it:
the confirm flow, the kept forecast, the leaders' lists and the overview's numbers."""

import re
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.models import AssignmentRole
from tests.factories import AssignmentFactory, ProgrammeFactory, period_of
from tests.tracking.province import at, confirmed, make_task
from tracking import services
from tracking.forecast import Confidence, Point, forecast_finish
from tracking.models import ProgressReport, ReportState, TaskState
from tracking.selectors.overview import overview
from tracking.selectors.rows import FORECAST_LISTS, ListFilter, list_counts, list_rows
from tracking.services.states import task_states_refresh

pytestmark = pytest.mark.django_db

TODAY = date(2024, 1, 10)
LATE_LIST = "du-bao-tre-han"
DISAGREE_LIST = "danh-gia-lech"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(at(TODAY)):
        yield


@pytest.fixture
def programme():
    return ProgrammeFactory(issued_on=date(2023, 1, 1))


def submitted(task, body, author, period, *, percent: int, is_lead: bool = True):
    return ProgressReport.objects.create(
        task=task,
        body=body,
        period=period,
        is_lead=is_lead,
        state=ReportState.SUBMITTED,
        percent=percent,
        results="Đã triển khai",
        author=author,
        submitted_at=at(TODAY),
    )


@pytest.fixture
def rated(programme, department, official):
    """A task due at the end of 2024, its Q3/2023 report (10 %) rated High, and its Q4/2023
    report (20 %) submitted to Bình, the head: at that pace it finishes late."""
    task = make_task(programme, department, "Năm 2024", "Chuyển đổi số trong cơ quan nhà nước")
    first = confirmed(
        task, department, official, period_of("quarter", 2023, 3), on=date(2023, 9, 20), percent=10
    )
    ProgressReport.objects.filter(pk=first.pk).update(confidence=Confidence.HIGH)
    second = submitted(task, department, official, period_of("quarter", 2023, 4), percent=20)
    return task, second


def confirm(client, report, **fields):
    data = {"version": report.version, **fields}
    return client.post(reverse("tracking:report-confirm", args=[report.pk]), data)


def test_a_head_confirms_with_a_rating_and_the_task_page_shows_it(client, head, leader, rated):
    task, report = rated
    client.force_login(head)
    page = client.get(reverse("tracking:report-detail", args=[report.pk])).text
    assert "Khả năng hoàn thành đúng hạn" in page
    assert re.search(r'value="high"[^>]*checked', page)  # the previous rating, preselected
    assert "Kỳ trước: Cao." in page
    ProgressReport.objects.filter(task=task, state=ReportState.CONFIRMED).update(
        confidence=Confidence.MEDIUM_LOW
    )

    response = confirm(client, report, confidence=Confidence.MEDIUM_HIGH)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.CONFIRMED
    assert report.confidence == Confidence.MEDIUM_HIGH
    assert report.versions.last().data["confidence"] == Confidence.MEDIUM_HIGH
    page = client.get(reverse("tracking:report-detail", args=[report.pk])).text
    assert '<span class="confidence confidence-medium_high">Khá</span>' in page

    client.force_login(leader)
    page = client.get(reverse("tracking:task-detail", args=[task.pk])).text
    assert "Khá" in page
    assert "Dự báo trễ hạn" in page
    assert "Đánh giá cao nhưng dự báo trễ hạn" in page


def test_a_drop_without_a_reason_is_refused_and_keeps_what_was_typed(client, head, rated):
    _task, report = rated
    client.force_login(head)
    response = confirm(client, report, confidence=Confidence.LOW)
    assert response.status_code == 200
    refused = "Mức đánh giá thấp hơn kỳ trước (Cao): hãy nêu lý do."
    assert f'<p class="form-error" role="alert">{refused}</p>' in response.text  # by the field
    assert re.search(r'value="low"[^>]*checked', response.text)
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert report.confidence == ""

    reason = "Vốn đầu tư công giải ngân chậm"
    response = confirm(client, report, confidence=Confidence.LOW, confidence_reason=reason)
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.state, report.confidence, report.confidence_reason) == (
        ReportState.CONFIRMED,
        Confidence.LOW,
        reason,
    )


def test_a_rise_or_the_same_rating_needs_no_reason(head, rated):
    _task, report = rated
    report = services.report_confirm(
        report=report, by=head, version=report.version, confidence=Confidence.HIGH
    )
    assert report.confidence == Confidence.HIGH


def test_confirming_several_at_once_carries_the_previous_rating_over(
    client, head, department, rated
):
    _task, report = rated
    client.force_login(head)
    response = client.post(
        reverse("tracking:unit-confirm", args=[department.pk]),
        {"bao_cao": [f"{report.pk}:{report.version}"]},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.CONFIRMED
    assert report.confidence == Confidence.HIGH
    assert report.confidence_reason == ""


def test_a_first_report_confirmed_without_a_rating_stays_unrated(
    programme, department, official, head
):
    task = make_task(programme, department, "Năm 2024", "Cải cách hành chính")
    report = submitted(task, department, official, period_of("quarter", 2023, 4), percent=20)
    report = services.report_confirm(report=report, by=head, version=report.version)
    assert report.confidence == ""


def test_a_coordinating_report_carries_no_rating(
    programme, department, other_department, official, head
):
    task = make_task(programme, other_department, "Năm 2024", "Phát triển du lịch")
    AssignmentFactory(task=task, body=department, role=AssignmentRole.COORDINATING)
    report = submitted(
        task, department, official, period_of("quarter", 2023, 4), percent=20, is_lead=False
    )
    report = services.report_confirm(
        report=report, by=head, version=report.version, confidence=Confidence.LOW
    )
    assert report.confidence == ""


def test_a_made_up_rating_is_refused(head, rated):
    _task, report = rated
    with pytest.raises(ValidationError, match="mức đánh giá|rating"):
        services.report_confirm(
            report=report, by=head, version=report.version, confidence="excellent"
        )
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_the_confirmation_keeps_the_forecast_on_the_tasks_state(head, rated):
    task, report = rated
    assert TaskState.objects.get(task=task).forecast_on is None  # one reading only
    services.report_confirm(report=report, by=head, version=report.version)
    expected = forecast_finish(
        [Point(date(2023, 9, 14), 10), Point(date(2023, 12, 14), 20)],
        deadline=task.deadline,
        completed=False,
    ).finish_on
    assert expected is not None and expected > date(2024, 12, 31)
    assert TaskState.objects.get(task=task).forecast_on == expected
    assert [row.pk for row in list_rows(LATE_LIST, TODAY, ListFilter())] == [task.pk]


@pytest.fixture
def forecasts(programme, department, other_department, official):
    """Tasks of each kind of forecast, with their last two quarters confirmed."""
    q3, q4 = period_of("quarter", 2023, 3), period_of("quarter", 2023, 4)

    def history(title, deadline, body, first, second, rating="", completed_on=None):
        task = make_task(programme, body, deadline, title)
        confirmed(task, body, official, q3, on=date(2023, 9, 20), percent=first)
        last = confirmed(
            task,
            body,
            official,
            q4,
            on=date(2023, 12, 20),
            percent=second,
            completed_on=completed_on,
        )
        ProgressReport.objects.filter(pk=last.pk).update(confidence=rating)
        return task

    tasks = {
        "late_rated_high": history("Số hóa hồ sơ", "Năm 2024", department, 10, 20, "high"),
        "late_rated_low": history("Xây kho lưu trữ", "Năm 2024", other_department, 5, 15, "low"),
        "on_time_rated_low": history(
            "Đào tạo cán bộ", "Năm 2024", department, 40, 70, "medium_low"
        ),
        "on_time_rated_high": history("Rà soát quy hoạch", "Năm 2024", department, 40, 70, "high"),
        "flat": history("Giải phóng mặt bằng", "Năm 2024", department, 30, 30, "high"),
        "overdue": history("Lập đề án", "30/12/2023", department, 10, 20, "high"),
        "ongoing": history("Tuyên truyền", "Thường xuyên", department, 10, 20, "high"),
        "completed": history(
            "Ban hành kế hoạch", "Năm 2024", department, 50, 100, "high", date(2023, 12, 1)
        ),
    }
    task_states_refresh(on=TODAY)
    return tasks


def test_the_forecast_lists_hold_the_tasks_they_say(forecasts):
    late = {row.pk for row in list_rows(LATE_LIST, TODAY, ListFilter())}
    assert late == {forecasts["late_rated_high"].pk, forecasts["late_rated_low"].pk}
    disagree = {row.pk for row in list_rows(DISAGREE_LIST, TODAY, ListFilter())}
    assert disagree == {forecasts["late_rated_high"].pk, forecasts["on_time_rated_low"].pk}


def test_the_forecast_lists_today_and_as_of_a_day_agree(forecasts):
    """The two rules of each list (SQL over the kept state, and over an earlier day's rows)
    select the same tasks: a day after the last confirmation nothing else moved."""
    for kind in FORECAST_LISTS:
        today = sorted(row.pk for row in list_rows(kind, TODAY, ListFilter()))
        earlier = sorted(row.pk for row in list_rows(kind, date(2024, 1, 9), ListFilter()))
        assert today == earlier


@pytest.mark.parametrize("day", [TODAY, date(2024, 1, 9), date(2023, 10, 1)])
def test_the_overview_counts_equal_the_lists(forecasts, department, day):
    data = overview(day)
    assert data.forecast_late == len(list(list_rows(LATE_LIST, day, ListFilter())))
    assert data.disagree == len(list(list_rows(DISAGREE_LIST, day, ListFilter())))
    counts = list_counts(day, FORECAST_LISTS)
    assert (counts[LATE_LIST], counts[DISAGREE_LIST]) == (data.forecast_late, data.disagree)
    by_body = len(list(list_rows(LATE_LIST, day, ListFilter(body_id=department.pk))))
    assert by_body == (1 if day >= date(2023, 12, 20) else 0)


def test_as_of_a_day_before_the_second_reading_there_is_no_forecast(forecasts):
    assert list_counts(date(2023, 10, 1), FORECAST_LISTS) == {LATE_LIST: 0, DISAGREE_LIST: 0}


def test_the_overview_links_to_the_forecast_list_with_its_count(client, leader, forecasts):
    client.force_login(leader)
    page = client.get(reverse("tracking:overview")).text
    url = reverse("tracking:task-list", args=[LATE_LIST])
    assert f'href="{url}"><strong>2</strong>' in page
    listed = client.get(url).text
    assert "Số hóa hồ sơ" in listed and "Xây kho lưu trữ" in listed
    assert "Đánh giá cao nhưng dự báo trễ hạn" in listed
    assert "Rà soát quy hoạch" not in listed


@pytest.mark.parametrize("kind", FORECAST_LISTS)
def test_only_leaders_open_the_forecast_lists(client, official, head, leader, kind):
    url = reverse("tracking:task-list", args=[kind])
    assert client.get(url).status_code == 302  # to the sign-in page
    for person in (official, head):
        client.force_login(person)
        assert client.get(url).status_code == 403
    client.force_login(leader)
    assert client.get(url).status_code == 200


def test_the_forecast_list_reads_the_same_queries_at_any_size(
    client, leader, programme, department, official
):
    q3, q4 = period_of("quarter", 2023, 3), period_of("quarter", 2023, 4)

    def grow(n: int) -> None:
        for i in range(n):
            task = make_task(programme, department, "Năm 2024", f"Nhiệm vụ {i}")
            confirmed(task, department, official, q3, on=date(2023, 9, 20), percent=5)
            report = confirmed(task, department, official, q4, on=date(2023, 12, 20), percent=10)
            ProgressReport.objects.filter(pk=report.pk).update(confidence="high")

    client.force_login(leader)
    urls = [reverse("tracking:task-list", args=[kind]) for kind in FORECAST_LISTS]
    urls.append(reverse("tracking:overview"))

    def queries(url: str) -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    grow(2)
    few = [queries(url) for url in urls]
    grow(5)
    task_states_refresh(on=TODAY)
    assert [queries(url) for url in urls] == few
    assert list_counts(TODAY, [LATE_LIST])[LATE_LIST] == 7
