"""The report pages: my tasks, writing (with htmx autosave), evidence, decisions, timeline."""

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AssignmentFactory, TaskFactory
from tracking import services
from tracking.models import Notification, ProgressReport, ReportState
from tracking.services.states import task_states_refresh

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def draft(task, period, official):
    return services.report_start(task=task, period=period, by=official)


def form_data(report, **changes):
    data = {
        "progress": "in_progress",
        "percent": "40",
        "results": "Đã rà soát 12 dự án.",
        "difficulties": "",
        "proposals": "",
        "version": report.version,
    }
    data.update(changes)
    return data


@time_machine.travel(date(2023, 5, 2))
def test_my_tasks_lists_the_bodys_tasks_with_status_and_next_report(
    client, official, task, django_assert_max_num_queries
):
    for _ in range(10):
        AssignmentFactory(task=TaskFactory(programme=task.programme), body=official.body)
    client.force_login(official)
    client.get(reverse("tracking:my-tasks"))  # the first visit in a quarter creates its period
    with django_assert_max_num_queries(10):
        page = client.get(reverse("tracking:my-tasks")).text
    assert "Rà soát danh mục dự án kêu gọi đầu tư" in page
    assert "Chưa triển khai" in page
    assert "Viết báo cáo Quý II/2023" in page
    # Every task in the list; the fixture's task is also in "Cần làm ngay": its state was kept
    # on the real today, when its 2023 deadline has passed.
    assert page.count('class="inbox-item"') == 11 + 1
    assert "Nhiệm vụ quá hạn" in page


def test_my_tasks_query_count_does_not_grow(client, official, task):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(official)
    client.get(reverse("tracking:my-tasks"))  # the first visit in a quarter creates its period
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("tracking:my-tasks"))
    for _ in range(20):
        AssignmentFactory(task=TaskFactory(programme=task.programme), body=official.body)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("tracking:my-tasks"))
    assert len(few) == len(many)


@time_machine.travel(date(2023, 6, 20))
def test_starting_a_report_twice_opens_the_same_draft(client, official, task):
    client.force_login(official)
    url = reverse("tracking:report-start", args=[task.pk])
    first = client.post(url, {"kind": "quarter", "year": 2023, "number": 2})
    second = client.post(url, {"kind": "quarter", "year": 2023, "number": 2})
    assert first.url == second.url
    assert ProgressReport.objects.count() == 1


def test_autosave_by_htmx_returns_the_status_partial_with_the_new_version(client, official, draft):
    client.force_login(official)
    url = reverse("tracking:report-edit", args=[draft.pk])
    response = client.post(url, form_data(draft), **HTMX)
    assert response.status_code == 200
    assert 'id="save-status"' in response.text
    assert "<form" not in response.text  # only the partial
    draft.refresh_from_db()
    assert f'name="version" value="{draft.version}"' in response.text
    assert draft.results == "Đã rà soát 12 dự án."


def test_a_stale_autosave_gets_a_conflict_message_and_overwrites_nothing(
    client, official, head, draft
):
    opened = draft.version
    services.report_save(
        report=draft,
        by=head,
        data=services.ReportData(
            progress="in_progress",
            percent=10,
            completed_on=None,
            blocked=False,
            results="Bình đã sửa",
            difficulties="",
            proposals="",
            readings={},
        ),
        version=opened,
    )
    client.force_login(official)
    url = reverse("tracking:report-edit", args=[draft.pk])
    response = client.post(url, form_data(draft, version=opened), **HTMX)
    assert "Trần Thị Bình" in response.text and "tải lại trang" in response.text
    draft.refresh_from_db()
    assert draft.results == "Bình đã sửa"


def test_submitting_sends_the_report_to_the_head(client, official, head, draft):
    client.force_login(official)
    url = reverse("tracking:report-edit", args=[draft.pk])
    response = client.post(url, form_data(draft, action="submit_without_evidence"))
    assert response.url == reverse("tracking:report-detail", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.state == ReportState.SUBMITTED
    assert Notification.objects.filter(recipient=head).exists()


def test_submitting_without_results_keeps_the_text_and_says_why(client, official, draft):
    client.force_login(official)
    url = reverse("tracking:report-edit", args=[draft.pk])
    response = client.post(
        url, form_data(draft, action="submit", results="", difficulties="Thiếu nhân lực")
    )
    assert response.status_code == 200
    assert "Hãy ghi kết quả đạt được trước khi gửi." in response.text
    assert "Thiếu nhân lực" in response.text
    draft.refresh_from_db()
    assert draft.state == ReportState.DRAFT and draft.difficulties == "Thiếu nhân lực"
    assert f'name="version" value="{draft.version}"' in response.text  # the next save works


def test_submitting_by_htmx_sends_the_browser_to_the_report(client, official, draft):
    client.force_login(official)
    url = reverse("tracking:report-edit", args=[draft.pk])
    response = client.post(url, form_data(draft, action="submit_without_evidence"), **HTMX)
    assert response["HX-Redirect"] == reverse("tracking:report-detail", args=[draft.pk])


def test_a_second_click_on_submit_says_it_was_already_sent(client, official, draft):
    client.force_login(official)
    url = reverse("tracking:report-edit", args=[draft.pk])
    client.post(url, form_data(draft, action="submit_without_evidence"))
    response = client.post(url, form_data(draft, action="submit_without_evidence"))
    assert response.status_code == 302  # a submitted report opens read-only
    assert draft.versions.filter(action="submitted").count() == 1


def test_a_garbage_number_in_a_target_reading_is_refused_in_vietnamese(
    client, official, draft, target
):
    client.force_login(official)
    url = reverse("tracking:report-edit", args=[draft.pk])
    response = client.post(url, form_data(draft, **{f"target_{target.pk}": "mười hai"}))
    assert "“mười hai” không phải là số" in response.text
    response = client.post(url, form_data(draft, **{f"target_{target.pk}": "1.234,5"}))
    assert draft.readings.get().value == 1234.5


def test_evidence_upload_checks_the_content_not_the_name(client, official, draft):
    client.force_login(official)
    url = reverse("tracking:evidence-add", args=[draft.pk])
    fake = SimpleUploadedFile("quyet-dinh.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(url, {"file": fake, "code": "15/QĐ-UBND"}, follow=True)
    assert "không phải tệp PDF" in response.text
    real = SimpleUploadedFile("quyet-dinh.pdf", b"%PDF-1.7\n...", "application/octet-stream")
    response = client.post(
        url, {"file": real, "code": "15/QĐ-UBND", "issued_on": "05/01/2023"}, follow=True
    )
    evidence = draft.evidence.get()
    assert (evidence.code, evidence.issued_on, evidence.content_type) == (
        "15/QĐ-UBND",
        date(2023, 1, 5),
        "application/pdf",
    )
    assert "15/QĐ-UBND" in response.text


def test_evidence_over_the_size_limit_is_refused(client, official, draft, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    client.force_login(official)
    big = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 2048, "image/png")
    response = client.post(
        reverse("tracking:evidence-add", args=[draft.pk]), {"file": big}, follow=True
    )
    assert "giới hạn là" in response.text
    assert not draft.evidence.exists()


def test_head_queue_confirm_and_timeline(
    client, official, head, draft, django_assert_max_num_queries
):
    client.force_login(official)
    client.post(
        reverse("tracking:report-edit", args=[draft.pk]),
        form_data(draft, action="submit_without_evidence"),
    )
    draft.refresh_from_db()

    client.force_login(head)
    with django_assert_max_num_queries(8):
        queue = client.get(reverse("tracking:review-queue")).text
    assert draft.task.title in queue
    client.post(reverse("tracking:report-confirm", args=[draft.pk]), {"version": draft.version})
    draft.refresh_from_db()
    assert draft.state == ReportState.CONFIRMED

    timeline = client.get(reverse("tracking:task-timeline", args=[draft.task_id])).text
    for words in (
        "gửi lãnh đạo xác nhận",
        "xác nhận báo cáo",
        "Trạng thái",
    ):
        assert words in timeline
    # Starting and saving a draft are not events of the task.
    assert "bắt đầu soạn báo cáo" not in timeline
    assert "lưu bản nháp" not in timeline


def test_a_stale_decision_is_refused(client, official, head, draft):
    client.force_login(official)
    client.post(
        reverse("tracking:report-edit", args=[draft.pk]),
        form_data(draft, action="submit_without_evidence"),
    )
    client.force_login(head)
    response = client.post(
        reverse("tracking:report-confirm", args=[draft.pk]), {"version": 1}, follow=True
    )
    assert "tải lại trang" in response.text
    draft.refresh_from_db()
    assert draft.state == ReportState.SUBMITTED


def test_notifications_read_and_unread(client, official, head, draft):
    client.force_login(official)
    client.post(
        reverse("tracking:report-edit", args=[draft.pk]),
        form_data(draft, action="submit_without_evidence"),
    )
    client.force_login(head)
    page = client.get(reverse("tracking:notifications")).text
    assert 'class="unread"' in page and 'class="count"' in page
    client.post(reverse("tracking:notifications"))
    page = client.get(reverse("tracking:notifications")).text
    assert 'class="unread"' not in page


def test_a_past_due_task_turns_overdue_at_the_midnight_refresh_and_pages_never_write(
    client, official, task
):
    client.force_login(official)
    task_states_refresh(on=date(2023, 12, 30))
    with time_machine.travel(date(2023, 12, 30)):
        assert "status-overdue" not in client.get(reverse("tracking:my-tasks")).text
    with time_machine.travel(date(2024, 1, 1)):
        task_states_refresh(on=date(2024, 1, 1))  # beat, just after midnight
        with CaptureQueriesContext(connection) as queries:
            mine = client.get(reverse("tracking:my-tasks")).text
            detail = client.get(reverse("tracking:task-detail", args=[task.pk])).text
    assert 'class="status status-overdue">Quá hạn' in mine and "Quá hạn" in detail
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == [] or all("django_session" in sql for sql in writes)


@time_machine.travel(date(2023, 11, 23))
def test_only_periods_still_open_are_offered(client, official, task):
    task.programme.reporting_periods = ["quarter", "half_year", "year"]
    task.programme.save(update_fields=["reporting_periods"])
    client.force_login(official)
    page = client.get(reverse("tracking:task-detail", args=[task.pk])).text
    assert "Quý IV/2023" in page and "Năm 2023" in page and "6 tháng cuối năm 2023" in page
    assert "Quý III/2023" not in page  # due 18/09/2023, more than a month ago
    assert "Năm 2022" not in page
