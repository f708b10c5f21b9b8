"""The leaders' pages: every number on the overview against a hand-computed fixture, "as of"
from history, lists and their Excel export, targets, search, permissions and query counts."""

import unicodedata
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from programmes.models import WORK_KINDS, AssignmentRole
from tests.factories import (
    AssignmentFactory,
    BodyFactory,
    ProgrammeFactory,
    TargetFactory,
    TaskFactory,
    UserFactory,
    period_of,
)
from tracking.models import ProgressReport, ReportState, TargetReading
from tracking.selectors import overview as overview_selectors
from tracking.selectors.rollup import Tally
from tracking.selectors.rows import rows_on
from tracking.selectors.targets import target_judgements
from tracking.services import task_state_refresh
from tracking.services.states import task_states_refresh

pytestmark = pytest.mark.django_db
TODAY = date(2024, 1, 10)


def at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 9))  # noqa: DTZ001


def confirmed(
    task,
    body,
    author,
    period,
    *,
    on,
    percent=None,
    completed_on=None,
    blocked=False,
    proposals="",
    readings=None,
):
    report = ProgressReport.objects.create(
        task=task,
        body=body,
        period=period,
        is_lead=True,
        state=ReportState.CONFIRMED,
        percent=percent,
        completed_on=completed_on,
        blocked=blocked,
        results="Kết quả",
        difficulties="Thiếu vốn" if blocked else "",
        proposals=proposals,
        author=author,
        submitted_at=at(on),
        decided_at=at(on),
    )
    for target, value in (readings or {}).items():
        TargetReading.objects.create(report=report, target=target, value=value)
    task_state_refresh(task=task, on=on)
    return report


def make_task(programme, body, deadline, title):
    task = TaskFactory(programme=programme, title=title)
    task.set_deadline(deadline)
    task.save()
    AssignmentFactory(task=task, body=body, role=AssignmentRole.LEAD)
    return task


@pytest.fixture
def province(department, other_department, official):
    programme = ProgrammeFactory(code="17-CTr/TU", issued_on=None, term_start=2021)
    q4 = period_of("quarter", 2023, 4)  # 15/09–14/12/2023
    q3 = period_of("quarter", 2023, 3)
    t = {
        "overdue": make_task(programme, department, "Năm 2023", "Hoàn thiện hạ tầng số"),
        "on_track": make_task(programme, department, "Năm 2024", "Xây dựng nông thôn mới"),
        "blocked": make_task(programme, other_department, "Năm 2024", "Giải phóng mặt bằng"),
        "on_time": make_task(programme, department, "Năm 2023", "Lập quy hoạch"),
        "late": make_task(programme, other_department, "30/6/2023", "Sắp xếp bộ máy"),
        "not_started": make_task(programme, department, "Thường xuyên", "Tuyên truyền"),
        "behind": make_task(programme, department, "2021–2025", "Phát triển nguồn nhân lực"),
    }
    target = TargetFactory(
        programme=programme,
        task=t["on_track"],
        name="Xã đạt chuẩn nông thôn mới",
        unit="xã",
        planned_value=Decimal("50"),
    )
    confirmed(
        t["on_track"],
        department,
        official,
        q4,
        on=date(2023, 12, 16),
        percent=50,
        readings={target: Decimal("55")},
    )
    confirmed(
        t["blocked"],
        other_department,
        official,
        q4,
        on=date(2023, 12, 16),
        percent=20,
        blocked=True,
        proposals="Đề nghị bổ sung kinh phí",
    )
    confirmed(
        t["on_time"],
        department,
        official,
        q4,
        on=date(2023, 12, 22),
        percent=100,
        completed_on=date(2023, 12, 20),
    )
    confirmed(
        t["late"],
        other_department,
        official,
        q3,
        on=date(2023, 8, 2),
        percent=100,
        completed_on=date(2023, 8, 1),
    )
    confirmed(t["behind"], department, official, q4, on=date(2023, 12, 16), percent=10)
    task_states_refresh(on=TODAY)  # as the nightly refresh does
    return programme, t, target


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
    from tracking.services.states import task_states_refresh

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
    from tracking.services.states import task_states_refresh

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
    assert len(small) == len(large) <= 12


@time_machine.travel(TODAY)
def test_lists_filter_sort_paginate_and_show_proposals(client, leader, province, other_department):
    client.force_login(leader)
    page = client.get(reverse("tracking:task-list", args=["vuong-mac"])).text
    assert "Giải phóng mặt bằng" in page and "Đề nghị bổ sung kinh phí" in page
    page = client.get(reverse("tracking:task-list", args=["qua-han"])).text
    assert "Hoàn thiện hạ tầng số" in page and "Giải phóng mặt bằng" not in page
    page = client.get(
        reverse("tracking:task-list", args=["tat-ca"]), {"co_quan": other_department.pk}
    ).text
    assert "Sắp xếp bộ máy" in page and "Lập quy hoạch" not in page
    page = client.get(reverse("tracking:task-list", args=["tat-ca"]), {"trang_thai": "behind"}).text
    assert "Phát triển nguồn nhân lực" in page and "Tuyên truyền" not in page
    partial = client.get(
        reverse("tracking:task-list", args=["tat-ca"]), HTTP_HX_REQUEST="true"
    ).text
    assert 'id="results"' in partial and "<form" not in partial


@time_machine.travel(TODAY)
def test_every_list_exports_to_excel_with_the_filters(client, leader, province, department):
    client.force_login(leader)
    response = client.get(
        reverse("tracking:task-list", args=["tat-ca"]), {"co_quan": department.pk, "xuat": "xlsx"}
    )
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("Chương trình", "STT", "Nhiệm vụ")
    assert len(rows) == 1 + 5
    assert sheet.freeze_panes == "A2"
    due = next(row for row in sheet.iter_rows(min_row=2) if row[2].value == "Lập quy hoạch")[5]
    assert due.value.date() == date(2023, 12, 31) and due.number_format == "DD/MM/YYYY"


@time_machine.travel(TODAY)
def test_targets_table_judges_the_latest_confirmed_reading(client, leader, province):
    programme, _tasks, target = province
    client.force_login(leader)
    page = client.get(reverse("tracking:programme-targets", args=[programme.slug])).text
    assert "Xã đạt chuẩn nông thôn mới" in page
    assert "110,0%" in page and "Vượt" in page
    judged = target_judgements(TODAY, [programme.pk])[target.pk]
    assert (judged.value, judged.judgement) == (Decimal("55"), "exceeded")


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


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("nong thon moi", "Xây dựng nông thôn mới"),
        ("NÔNG THÔN MỚI", "Xây dựng nông thôn mới"),
        (unicodedata.normalize("NFD", "nông thôn mới"), "Xây dựng nông thôn mới"),
        ("dong nai", "Sở Tài chính tỉnh Đồng Nai"),
        ("kinh phi", "Giải phóng mặt bằng"),  # in a report's proposals
        ("17-ctr", "17-CTr/TU"),
    ],
)
def test_search_ignores_diacritics_case_and_unicode_form(client, leader, province, query, found):
    from programmes.services import body_rename

    body_rename(body=BodyFactory(), name="Sở Tài chính tỉnh Đồng Nai", on=TODAY)
    report = ProgressReport.objects.get(blocked=True)
    from programmes.text import fold

    report.search_text = fold(f"{report.results} {report.proposals}")
    report.save(update_fields=["search_text"])
    client.force_login(leader)
    page = client.get(reverse("tracking:search"), {"q": query}).text
    assert found in page


def test_search_shows_officials_only_their_bodys_reports(client, province, other_department):
    from programmes.text import fold

    ProgressReport.objects.update(search_text=fold("kinh phí"))
    outsider = UserFactory(body=BodyFactory())
    client.force_login(outsider)
    page = client.get(reverse("tracking:search"), {"q": "kinh phi"}).text
    assert "Không tìm thấy kết quả" in page


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


def test_reports_list_filters_and_exports(client, leader, official, province, other_department):
    client.force_login(leader)
    page = client.get(reverse("tracking:report-list"), {"co_quan": other_department.pk}).text
    assert "Giải phóng mặt bằng" in page and "Lập quy hoạch" not in page
    response = client.get(reverse("tracking:report-list"), {"xuat": "xlsx"})
    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert rows[0][:4] == ("Chương trình", "STT", "Nhiệm vụ", "Cơ quan, đơn vị")
    assert len(rows) == 1 + 5
    client.force_login(official)
    assert client.get(reverse("tracking:report-list")).status_code == 403


@time_machine.travel(TODAY)
def test_list_query_budget(client, leader, province, django_assert_max_num_queries):
    client.force_login(leader)
    with django_assert_max_num_queries(12):
        client.get(reverse("tracking:task-list", args=["tat-ca"]))
    with django_assert_max_num_queries(12):
        client.get(reverse("tracking:task-list", args=["vuong-mac"]))
