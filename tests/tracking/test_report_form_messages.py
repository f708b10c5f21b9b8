"""What the report form says when what was sent cannot be read: Vietnamese, and never
"None: …" for the hidden version field."""

import pytest
from django.urls import reverse

from tracking import services

pytestmark = pytest.mark.django_db


def test_a_broken_hidden_version_says_reload_instead_of_none(client, official, task, period):
    report = services.report_start(task=task, period=period, by=official)
    client.force_login(official)
    data = {
        "progress": "in_progress",
        "percent": "40",
        "results": "Đã rà soát 12 dự án.",
        "version": "abc",
    }
    page = client.post(reverse("tracking:report-edit", args=[report.pk]), data).text
    assert "None:" not in page
    assert "Biểu mẫu chưa đủ thông tin: hãy tải lại trang." in page


def test_null_characters_typed_in_a_report_are_refused_in_vietnamese(
    client, official, task, period
):
    report = services.report_start(task=task, period=period, by=official)
    client.force_login(official)
    data = {
        "progress": "in_progress",
        "percent": "40",
        "results": "Đã rà soát\x00",
        "version": report.version,
    }
    page = client.post(reverse("tracking:report-edit", args=[report.pk]), data).text
    assert "Null characters" not in page
    assert "Không được dùng ký tự rỗng (NUL)." in page
