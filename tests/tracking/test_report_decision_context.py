"""The head's report page: the task's deadline and kept status, the previous period's
confirmed report, and after a return what the official changed (a word diff, escaped)."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from tests.factories import period_of
from tests.factories import report_words as words
from tests.tracking.province import confirmed
from tracking import services
from tracking.selectors.reports import DiffPart, changes_since_return, text_diff

pytestmark = pytest.mark.django_db


def detail(client, report) -> str:
    return client.get(reverse("tracking:report-detail", args=[report.pk])).text


def sent(task, period, official, **changes):
    report = services.report_start(task=task, period=period, by=official)
    report = services.report_save(
        report=report, by=official, data=words(**changes), version=report.version
    )
    return services.report_submit(report=report, by=official, version=report.version)


def test_text_diff_marks_words_removed_and_added():
    parts = text_diff("Đã rà soát 12 dự án.", "Đã rà soát 15 dự án.")
    assert "".join(p.text for p in parts if p.op != "del") == "Đã rà soát 15 dự án."
    assert "".join(p.text for p in parts if p.op != "ins") == "Đã rà soát 12 dự án."
    assert [p.text for p in parts if p.op == "del"] == ["12"]
    assert [p.text for p in parts if p.op == "ins"] == ["15"]
    assert text_diff("", "Mới") == [DiffPart("ins", "Mới")]


def test_the_head_sees_deadline_status_and_the_previous_confirmed_report(
    client, task, department, official, head, period
):
    confirmed(task, department, official, period_of("quarter", 2023, 1), on=date(2023, 3, 20))
    report = sent(task, period, official)
    client.force_login(head)
    page = detail(client, report)
    context = page.split('class="report-context"')[1].split("</section>\n")[0]
    assert "Thời hạn nhiệm vụ" in context and "Năm 2023" in context
    assert "31/12/2023" in context
    assert "Tình trạng nhiệm vụ hiện nay" in context
    assert "Báo cáo kỳ trước đã xác nhận: Quý I/2023" in page
    assert "Những gì đã sửa" not in page  # never returned


def test_a_first_report_says_there_is_no_previous_one(client, task, official, head, period):
    report = sent(task, period, official)
    client.force_login(head)
    assert "Chưa có báo cáo kỳ trước nào của đơn vị" in detail(client, report)


def test_after_a_return_the_head_sees_what_changed_escaped(client, task, official, head, period):
    report = sent(task, period, official, results="Đã rà soát 12 dự án.")
    report = services.report_return(
        report=report, by=head, comment="Ghi rõ số dự án", version=report.version
    )
    with time_machine.travel(date(2023, 6, 21)):
        report = services.report_save(
            report=report,
            by=official,
            data=words(results="Đã rà soát 15 dự án <script>alert(1)</script>", percent=80),
            version=report.version,
        )
        report = services.report_submit(report=report, by=official, version=report.version)
    client.force_login(head)
    page = detail(client, report)
    changed = page.split('class="since-return"')[1].split("</section>")[0]
    assert "Lý do trả lại:</strong> Ghi rõ số dự án" in changed
    assert "<del>12</del>" in changed
    assert "<ins>15</ins>" in changed
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in changed and "<script>alert" not in page
    assert "<del>60</del><ins>80</ins>%" in changed
    assert "Khó khăn" not in changed  # unchanged fields are not listed


def test_a_returned_report_not_yet_sent_again_shows_no_diff(task, official, head, period):
    report = sent(task, period, official)
    report = services.report_return(
        report=report, by=head, comment="Bổ sung", version=report.version
    )
    assert changes_since_return(report) is None


def test_resubmitted_unchanged_says_nothing_changed(client, task, official, head, period):
    report = sent(task, period, official)
    report = services.report_return(
        report=report, by=head, comment="Bổ sung", version=report.version
    )
    report = services.report_submit(report=report, by=official, version=report.version)
    client.force_login(head)
    assert "Không có gì được sửa từ khi bị trả lại." in detail(client, report)
