"""Locked reporting periods: every write path refuses, with a clear Vietnamese message; an
admin locks, sets a lock date and unlocks with a reason, all kept in the history."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from tests.factories import TargetFactory, period_of
from tracking import services
from tracking.documents.readings_sheet import read_readings_sheet
from tracking.models import (
    Evidence,
    PeriodLockChange,
    ProgressReport,
    ReportState,
    TargetReading,
)
from tracking.services import ReportData
from tracking.services.locks import (
    PeriodLocked,
    period_lock,
    period_lock_schedule,
    period_unlock,
)
from tracking.services.readings import apply_readings

pytestmark = pytest.mark.django_db


def words() -> ReportData:
    return ReportData(
        progress="in_progress",
        percent=40,
        completed_on=None,
        blocked=False,
        results="Đã rà soát 12 dự án.",
        difficulties="",
        proposals="",
        readings={},
    )


def pdf(name: str = "bao-cao.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 noi dung", "application/pdf")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def draft(task, period, official):
    report = services.report_start(task=task, period=period, by=official)
    return services.report_save(report=report, by=official, data=words(), version=report.version)


@pytest.fixture
def submitted(draft, official):
    return services.report_submit(report=draft, by=official, version=draft.version)


def lock(period, admin_user):
    return period_lock(period=period, by=admin_user, reason="Đã sơ kết quý")


def assert_refused_as_locked(call) -> None:
    with pytest.raises(PeriodLocked) as caught:
        call()
    assert "đã khóa sổ" in caught.value.messages[0]


# One test per write path -------------------------------------------------------------------


def test_a_locked_period_refuses_a_new_report(task, period, official, admin_user):
    lock(period, admin_user)
    assert_refused_as_locked(lambda: services.report_start(task=task, period=period, by=official))
    assert not ProgressReport.objects.exists()


def test_a_locked_period_refuses_saving_a_draft(draft, official, period, admin_user):
    lock(period, admin_user)
    assert_refused_as_locked(
        lambda: services.report_save(report=draft, by=official, data=words(), version=draft.version)
    )


def test_a_locked_period_refuses_changing_a_reading_through_a_report(
    draft, official, period, admin_user, target
):
    lock(period, admin_user)
    data = words()
    data.readings = {target.pk: Decimal("3")}
    assert_refused_as_locked(
        lambda: services.report_save(report=draft, by=official, data=data, version=draft.version)
    )
    assert not TargetReading.objects.exists()


def test_a_locked_period_refuses_a_submission(draft, official, period, admin_user):
    lock(period, admin_user)
    assert_refused_as_locked(
        lambda: services.report_submit(report=draft, by=official, version=draft.version)
    )
    draft.refresh_from_db()
    assert draft.state == ReportState.DRAFT


def test_a_locked_period_refuses_a_confirmation(submitted, head, period, admin_user):
    lock(period, admin_user)
    assert_refused_as_locked(
        lambda: services.report_confirm(report=submitted, by=head, version=submitted.version)
    )
    submitted.refresh_from_db()
    assert submitted.state == ReportState.SUBMITTED


def test_a_locked_period_refuses_a_return(submitted, head, period, admin_user):
    lock(period, admin_user)
    assert_refused_as_locked(
        lambda: services.report_return(
            report=submitted, by=head, comment="Bổ sung", version=submitted.version
        )
    )


def test_a_locked_period_refuses_new_evidence(draft, official, period, admin_user):
    lock(period, admin_user)
    assert_refused_as_locked(lambda: services.evidence_add(report=draft, by=official, upload=pdf()))
    assert not Evidence.objects.exists()


def test_a_locked_period_refuses_removing_evidence(draft, official, period, admin_user):
    evidence = services.evidence_add(report=draft, by=official, upload=pdf())
    lock(period, admin_user)
    assert_refused_as_locked(lambda: services.evidence_remove(evidence=evidence, by=official))
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_a_locked_period_refuses_imported_readings_all_or_nothing(leader, admin_user, task):
    TargetFactory(programme=task.programme, name="Số dự án", unit="dự án")
    target = task.programme.targets.get()
    lock(period_of("year", 2023), admin_user)
    rows = [
        {"target_id": target.pk, "kind": "year", "year": 2024, "number": 1, "value": "3"},
        {"target_id": target.pk, "kind": "year", "year": 2023, "number": 1, "value": "2"},
    ]
    for row in rows:
        row["note"] = ""
    assert_refused_as_locked(lambda: apply_readings(programme=task.programme, rows=rows, by=leader))
    assert not TargetReading.objects.exists()


def test_the_readings_preview_names_the_row_of_a_locked_period(admin_user, task):
    TargetFactory(programme=task.programme, name="Số dự án", unit="dự án")
    lock(period_of("year", 2023), admin_user)
    book = Workbook()
    book.active.append(["STT", "Chỉ tiêu", "ĐVT", "Kỳ báo cáo", "Thực hiện", "Ghi chú"])
    book.active.append(["1", "Số dự án", "dự án", "Năm 2023", "2", ""])
    book.active.append(["1", "Số dự án", "dự án", "Năm 2024", "3", ""])
    buffer = BytesIO()
    book.save(buffer)
    rows, errors = read_readings_sheet(buffer.getvalue(), task.programme)
    assert [(e["line"], e["column"]) for e in errors] == [(2, "D")]
    assert "đã khóa sổ" in errors[0]["message"]
    assert [r["year"] for r in rows] == [2024]


# The pages --------------------------------------------------------------------------------


def test_the_report_form_of_a_locked_period_sends_to_the_report_with_the_reason(
    client, draft, official, period, admin_user
):
    lock(period, admin_user)
    client.force_login(official)
    response = client.get(reverse("tracking:report-edit", args=[draft.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("tracking:report-detail", args=[draft.pk])
    assert "đã khóa sổ" in response.text
    assert reverse("tracking:report-edit", args=[draft.pk]) not in response.text


def test_the_head_sees_no_decision_buttons_on_a_locked_period(
    client, submitted, head, period, admin_user
):
    lock(period, admin_user)
    client.force_login(head)
    page = client.get(reverse("tracking:report-detail", args=[submitted.pk])).text
    assert reverse("tracking:report-confirm", args=[submitted.pk]) not in page
    assert "đã khóa sổ" in page


@time_machine.travel(date(2026, 8, 1))
def test_the_task_page_offers_no_report_for_a_locked_period(client, task, official, admin_user):
    task.programme.reporting_periods = ["quarter", "half_year"]
    task.programme.save(update_fields=["reporting_periods"])
    client.force_login(official)
    url = reverse("tracking:task-detail", args=[task.pk])
    assert "Quý III/2026" in client.get(url).text
    lock(period_of("quarter", 2026, 3), admin_user)
    page = client.get(url).text
    assert "Quý III/2026" not in page
    assert "6 tháng cuối năm 2026" in page  # an open period is still offered


# Locking, lock dates, unlocking and the history ---------------------------------------------


def test_a_period_locks_by_itself_on_its_lock_date(task, period, official, admin_user):
    today = timezone.localdate()
    period_lock_schedule(period=period, by=admin_user, locks_on=today + timedelta(days=1))
    services.report_start(task=task, period=period, by=official)  # still open today
    with time_machine.travel(today + timedelta(days=1)):
        period.refresh_from_db()
        assert period.is_locked
        report = ProgressReport.objects.get()
        assert_refused_as_locked(
            lambda: services.report_save(
                report=report, by=official, data=words(), version=report.version
            )
        )


def test_an_admin_unlocks_with_a_reason_and_the_history_keeps_every_change(
    draft, official, period, admin_user
):
    lock(period, admin_user)
    with pytest.raises(ValidationError):
        period_unlock(period=period, by=admin_user, reason="  ")
    period_unlock(period=period, by=admin_user, reason="Sở KH&ĐT xin bổ sung số liệu")
    services.report_save(report=draft, by=official, data=words(), version=draft.version)
    lock(period, admin_user)  # relocked
    history = list(PeriodLockChange.objects.values_list("action", "reason", "by__username"))
    assert history == [
        ("locked", "Đã sơ kết quý", "dung"),
        ("unlocked", "Sở KH&ĐT xin bổ sung số liệu", "dung"),
        ("locked", "Đã sơ kết quý", "dung"),
    ]


def test_only_an_admin_locks_or_unlocks(period, leader, head, admin_user):
    for person in (leader, head):
        with pytest.raises(ValidationError):
            period_lock(period=period, by=person)
    lock(period, admin_user)
    with pytest.raises(ValidationError):
        period_unlock(period=period, by=leader, reason="Xin mở")


def test_the_admin_locks_and_unlocks_in_the_period_form(client, period, admin_user):
    client.force_login(admin_user)
    url = reverse("admin:tracking_period_change", args=[period.pk])
    form = {
        "kind": period.kind,
        "year": period.year,
        "number": period.number,
        "starts_on": period.starts_on.isoformat(),
        "ends_on": period.ends_on.isoformat(),
        "due_on": period.due_on.isoformat(),
        "lock_changes-TOTAL_FORMS": 0,
        "lock_changes-INITIAL_FORMS": 0,
    }
    assert client.post(url, {**form, "lock_action": "lock"}).status_code == 302
    period.refresh_from_db()
    assert period.is_locked
    refused = client.post(url, {**form, "lock_action": "unlock", "lock_reason": ""})
    assert refused.status_code == 200  # the form asks for the reason
    form["lock_changes-INITIAL_FORMS"] = 1
    form["lock_changes-TOTAL_FORMS"] = 1
    form["lock_changes-0-id"] = PeriodLockChange.objects.get().pk
    form["lock_changes-0-period"] = period.pk
    client.post(url, {**form, "lock_action": "unlock", "lock_reason": "Bổ sung số liệu"})
    period.refresh_from_db()
    assert not period.is_locked
    history = client.get(reverse("admin:tracking_periodlockchange_changelist")).text
    assert "Bổ sung số liệu" in history


def test_the_heads_queue_marks_a_report_of_a_locked_period(
    client, submitted, head, period, admin_user
):
    client.force_login(head)
    assert "đã khóa sổ" not in client.get(reverse("tracking:review-queue")).text
    lock(period, admin_user)
    assert "kỳ báo cáo đã khóa sổ" in client.get(reverse("tracking:review-queue")).text
