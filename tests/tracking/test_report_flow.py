"""Writing, submitting, returning and confirming reports (tracking/services.py)."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tests.factories import report_words as words
from tracking import services
from tracking.models import (
    Notification,
    ProgressReport,
    ReportState,
    StatusChange,
    TaskState,
)
from tracking.services import ReportConflict
from tracking.status import TaskStatus

pytestmark = pytest.mark.django_db


def written(task, period, official, **changes) -> ProgressReport:
    report = services.report_start(task=task, period=period, by=official)
    return services.report_save(
        report=report, by=official, data=words(**changes), version=report.version
    )


def test_starting_twice_gives_the_same_draft(task, period, official):
    first = services.report_start(task=task, period=period, by=official)
    second = services.report_start(task=task, period=period, by=official)
    assert first.pk == second.pk
    assert first.is_lead and first.state == ReportState.DRAFT


def test_a_coordinating_body_reports_its_part(task, period, other_official):
    report = services.report_start(task=task, period=period, by=other_official)
    assert not report.is_lead


def test_saves_apart_in_time_are_kept_as_versions(task, period, official):
    with time_machine.travel(date(2023, 6, 20), tick=False) as clock:
        report = written(task, period, official)
        clock.shift(15 * 60)
        report = services.report_save(
            report=report, by=official, data=words(percent=70), version=report.version
        )
    assert [v.action for v in report.versions.all()] == ["created", "saved", "saved"]
    assert [v.data["percent"] for v in report.versions.all()] == [0, 60, 70]


def test_a_second_editor_with_a_stale_version_is_refused_and_nothing_is_overwritten(
    task, period, official, head
):
    report = services.report_start(task=task, period=period, by=official)
    opened_at = report.version
    services.report_save(report=report, by=head, data=words(results="Bình viết"), version=opened_at)
    with pytest.raises(ReportConflict) as error:
        services.report_save(
            report=report, by=official, data=words(results="An viết"), version=opened_at
        )
    assert "Trần Thị Bình" in error.value.messages[0]
    report.refresh_from_db()
    assert report.results == "Bình viết"


def test_submitting_needs_results(task, period, official):
    report = written(task, period, official, results="")
    with pytest.raises(ValidationError, match="Hãy ghi kết quả đạt được") as error:
        services.report_submit(report=report, by=official, version=report.version)
    assert "kết quả" in " ".join(error.value.messages).lower()


def test_a_blocked_report_needs_difficulties_and_proposals(task, period, official):
    report = written(task, period, official, blocked=True, difficulties="Thiếu vốn")
    with pytest.raises(ValidationError, match="cần ghi rõ khó khăn và kiến nghị"):
        services.report_submit(report=report, by=official, version=report.version)


def test_submitting_twice_submits_once(task, period, official, head):
    report = written(task, period, official)
    services.report_submit(report=report, by=official, version=report.version)
    with pytest.raises(ValidationError, match="đã được gửi"):
        services.report_submit(report=report, by=official, version=report.version)
    assert Notification.objects.filter(recipient=head).count() == 1
    assert report.versions.filter(action="submitted").count() == 1


def test_head_returns_with_a_comment_and_the_author_is_told(task, period, official, head):
    report = written(task, period, official)
    report = services.report_submit(report=report, by=official, version=report.version)
    report = services.report_return(
        report=report, by=head, comment="Bổ sung số liệu quý II.", version=report.version
    )
    assert report.state == ReportState.RETURNED
    assert Notification.objects.get(recipient=official).message.endswith("Bổ sung số liệu quý II.")


def test_returning_needs_a_comment(task, period, official, head):
    report = written(task, period, official)
    report = services.report_submit(report=report, by=official, version=report.version)
    with pytest.raises(ValidationError, match="Hãy ghi rõ nội dung cần chỉnh sửa"):
        services.report_return(report=report, by=head, comment="  ", version=report.version)


def test_a_stale_form_after_a_return_is_refused(task, period, official, head):
    report = written(task, period, official)
    seen = report.version
    report = services.report_submit(report=report, by=official, version=report.version)
    services.report_return(report=report, by=head, comment="Sửa lại", version=report.version)
    with pytest.raises(ReportConflict):
        services.report_save(report=report, by=official, data=words(), version=seen)


def test_only_the_head_of_the_reporting_body_decides(task, period, official, other_official):
    report = written(task, period, official)
    report = services.report_submit(report=report, by=official, version=report.version)
    for someone in (official, other_official):
        with pytest.raises(ValidationError, match="Chỉ lãnh đạo .* mới xác nhận"):
            services.report_confirm(report=report, by=someone, version=report.version)


@time_machine.travel(date(2023, 6, 20))
def test_confirming_the_leads_report_updates_the_task_state_and_history(
    task, period, official, head
):
    report = written(task, period, official, percent=60)
    report = services.report_submit(report=report, by=official, version=report.version)
    services.report_confirm(report=report, by=head, version=report.version)

    state = TaskState.objects.get(task=task)
    assert (state.status, state.percent, state.report) == (TaskStatus.ON_TRACK, 60, report)
    change = StatusChange.objects.filter(task=task).order_by("pk").last()
    assert (change.new_status, change.by, change.report) == (TaskStatus.ON_TRACK, head, report)
    assert Notification.objects.filter(recipient=official).count() == 1


@time_machine.travel(date(2023, 6, 20))
def test_a_coordinators_report_does_not_change_the_task_state(
    task, period, other_official, other_department
):
    from tests.factories import UserFactory

    other_head = UserFactory(role="head", body=other_department)
    changes = StatusChange.objects.filter(task=task).count()
    report = written(task, period, other_official)
    report = services.report_submit(report=report, by=other_official, version=report.version)
    services.report_confirm(report=report, by=other_head, version=report.version)
    state = TaskState.objects.get(task=task)
    assert (state.report, state.percent) == (None, None)
    assert StatusChange.objects.filter(task=task).count() == changes


def test_confirmed_reports_can_no_longer_change(task, period, official, head):
    report = written(task, period, official)
    report = services.report_submit(report=report, by=official, version=report.version)
    report = services.report_confirm(report=report, by=head, version=report.version)
    with pytest.raises(ValidationError, match="không thể sửa nữa"):
        services.report_save(report=report, by=official, data=words(), version=report.version)


def test_target_readings_are_saved_with_the_report(task, period, official, target):
    report = written(task, period, official, readings={target.pk: Decimal("7")})
    assert report.readings.get().value == Decimal("7")
    report = services.report_save(
        report=report, by=official, data=words(readings={}), version=report.version
    )
    assert not report.readings.exists()


def test_completed_means_100_percent_and_needs_the_date(task, period, official):
    report = written(task, period, official, progress="completed", percent=40)
    assert report.percent == 100
    with pytest.raises(ValidationError, match="Hãy ghi ngày hoàn thành"):
        services.report_submit(report=report, by=official, version=report.version)


def test_an_ongoing_task_cannot_be_reported_completed(task, period, official):
    task.set_deadline("Thường xuyên")
    task.save()
    report = services.report_start(task=task, period=period, by=official)
    assert report.percent is None
    with pytest.raises(ValidationError, match="không có trạng thái hoàn thành"):
        services.report_save(
            report=report, by=official, data=words(progress="completed"), version=report.version
        )


def test_a_body_makes_its_own_subtask(task, official):
    subtask = services.subtask_create(
        parent=task,
        by=official,
        title="Lập danh mục dự án",
        deadline_text="Quý III/2023",
        assignee=official,
    )
    assert subtask.owner_body == official.body
    assert subtask.deadline_due == date(2023, 9, 30)
    assert subtask.assignments.current().get().body == official.body


def test_a_subtask_needs_an_assignee_of_the_same_body(task, official, other_official):
    with pytest.raises(ValidationError, match="phải thuộc đơn vị của bạn"):
        services.subtask_create(parent=task, by=official, title="X", assignee=other_official)
    with pytest.raises(ValidationError, match="Thời hạn|thời hạn"):
        services.subtask_create(parent=task, by=official, title="X", deadline_text="sớm")


def test_autosaves_within_minutes_fold_into_one_draft_version(task, period, official):
    from tracking.models import ReportVersion

    with time_machine.travel(date(2023, 6, 20), tick=False) as clock:
        report = services.report_start(task=task, period=period, by=official)
        for minute in range(3):  # three pauses in typing, a minute apart
            clock.shift(60)
            data = words()
            data.results = f"Đã làm phần {minute + 1}"
            report = services.report_save(
                report=report, by=official, data=data, version=report.version
            )
        saves = ReportVersion.objects.filter(report=report, action="saved")
        assert saves.count() == 1
        assert saves.get().data["results"] == "Đã làm phần 3"
        assert saves.get().version == report.version
        clock.shift(10 * 60)  # back after a break: a new version
        report = services.report_save(
            report=report, by=official, data=words(), version=report.version
        )
        report = services.report_submit(report=report, by=official, version=report.version)
    actions = list(ReportVersion.objects.filter(report=report).values_list("action", flat=True))
    assert actions == ["created", "saved", "saved", "submitted"]


def test_a_resubmission_is_said_to_be_one(task, period, official, head):
    from tracking.models import Notification

    report = written(task, period, official)
    report = services.report_submit(report=report, by=official, version=report.version)
    report = services.report_return(
        report=report, by=head, comment="Bổ sung", version=report.version
    )
    services.report_submit(report=report, by=official, version=report.version)
    told = list(
        Notification.objects.filter(recipient=head).order_by("pk").values_list("message", flat=True)
    )
    assert "đã gửi lại báo cáo" not in told[0] and "đã gửi lại báo cáo" in told[1]
