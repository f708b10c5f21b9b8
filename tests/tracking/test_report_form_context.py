"""The report form: evidence before the send button and a second step when none is attached,
each target's context beside its box, a Vietnamese file picker, a future completion date
refused by its field."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import TargetFactory, period_of
from tests.tracking.province import confirmed
from tracking import services
from tracking.models import ReportState

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def report(task, period, official):
    return services.report_start(task=task, period=period, by=official)


def edit_url(report) -> str:
    return reverse("tracking:report-edit", args=[report.pk])


def typed(report, **changes) -> dict[str, object]:
    data: dict[str, object] = {
        "progress": "in_progress",
        "percent": "40",
        "results": "Đã rà soát 12 dự án.",
        "version": report.version,
    }
    data.update(changes)
    return data


def test_the_evidence_comes_before_the_send_button(client, report, official):
    client.force_login(official)
    page = client.get(edit_url(report)).text
    assert page.index('id="evidence"') < page.index('value="submit"')
    assert 'form="report-form" name="action" value="submit"' in page


def test_the_file_picker_is_worded_in_vietnamese(client, report, official):
    client.force_login(official)
    page = client.get(edit_url(report)).text
    assert '<label for="evidence-file" class="file-button" role="button">Chọn tệp</label>' in page
    assert 'id="evidence-file" class="visually-hidden"' in page
    assert "Chưa chọn tệp nào" in page and "js/file-picker.js" in page


def test_each_target_box_shows_unit_plan_baseline_and_last_confirmed_reading(
    client, task, department, official, period
):
    target = TargetFactory(
        programme=task.programme,
        task=task,
        name="Xã đạt chuẩn nông thôn mới",
        unit="xã",
        comparator="gte",
        planned_value=Decimal("50"),
        target_year=2025,
        baseline_value=Decimal("30"),
        baseline_year=2020,
    )
    confirmed(
        task,
        department,
        official,
        period_of("quarter", 2023, 1),
        on=date(2023, 3, 20),
        readings={target: Decimal("42.5")},
    )
    report = services.report_start(task=task, period=period, by=official)
    client.force_login(official)
    page = client.get(edit_url(report)).text
    box = page.split('class="target-input"')[1].split("</div>")[0]
    assert "Xã đạt chuẩn nông thôn mới" in box and "(xã)" in box
    assert "Kế hoạch: <strong>≥ 50 xã</strong> (2025)" in box
    assert "Giá trị gốc: 30 xã (2020)" in box
    assert "Số liệu gần nhất đã xác nhận: <strong>42,5 xã</strong>" in box
    assert "kỳ đến 14/03/2023" in box


def test_a_target_without_readings_says_so(client, report, official, target):
    client.force_login(official)
    box = client.get(edit_url(report)).text.split('class="target-input"')[1].split("</div>")[0]
    assert "Số liệu gần nhất đã xác nhận: chưa có" in box


def test_a_future_completion_date_is_refused_by_its_field(client, report, official):
    client.force_login(official)
    data = typed(report, progress="completed", completed_on="01/01/2030", action="save")
    page = client.post(edit_url(report), data).text
    by_field = page.split('id="errors-completed_on"')[1].split("</div>")[0]
    assert "Ngày hoàn thành không được sau ngày hôm nay." in by_field
    report.refresh_from_db()
    assert report.completed_on is None and report.version == 1


def test_with_htmx_the_error_reaches_its_field_out_of_band(client, report, official):
    client.force_login(official)
    data = typed(report, progress="completed", completed_on="01/01/2030")
    page = client.post(edit_url(report), data, headers={"HX-Request": "true"}).text
    oob = page.split('id="errors-completed_on"')[1].split("</div>")[0]
    assert 'hx-swap-oob="true"' in oob and "Ngày hoàn thành không được sau ngày hôm nay." in oob
    fixed = client.post(
        edit_url(report), typed(report, completed_on=""), headers={"HX-Request": "true"}
    ).text
    cleared = fixed.split('id="errors-completed_on"')[1].split("</div>")[0]
    assert "Ngày hoàn thành" not in cleared  # the error by the field is cleared once fixed


def test_sending_without_evidence_saves_and_asks_once_more(client, report, official):
    client.force_login(official)
    response = client.post(edit_url(report), typed(report, action="submit"))
    assert response.status_code == 302
    assert response["Location"] == f"{edit_url(report)}?gui=thieu-minh-chung#gui"
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT and report.results == "Đã rà soát 12 dự án."
    page = client.get(response["Location"]).text
    assert "Báo cáo chưa kèm văn bản, minh chứng nào." in page
    assert 'value="submit_without_evidence"' in page and 'value="submit">' not in page
    client.post(edit_url(report), typed(report, action="submit_without_evidence"))
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_sending_with_htmx_and_no_evidence_redirects_to_the_question(client, report, official):
    client.force_login(official)
    response = client.post(
        edit_url(report), typed(report, action="submit"), headers={"HX-Request": "true"}
    )
    assert response["HX-Redirect"] == f"{edit_url(report)}?gui=thieu-minh-chung#gui"
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_sending_with_evidence_goes_straight_to_the_head(client, report, official):
    services.evidence_add(
        report=report,
        by=official,
        upload=SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf"),
    )
    client.force_login(official)
    response = client.post(edit_url(report), typed(report, action="submit"))
    assert response["Location"] == reverse("tracking:report-detail", args=[report.pk])
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_attaching_evidence_with_htmx_puts_the_send_button_back(client, report, official):
    client.force_login(official)
    response = client.post(
        reverse("tracking:evidence-add", args=[report.pk]),
        {"file": SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")},
        headers={"HX-Request": "true"},
    )
    actions = response.text.split('id="gui"')[1]
    assert actions.startswith(' hx-swap-oob="true"')
    assert 'value="submit">Gửi lãnh đạo đơn vị' in actions
    assert "submit_without_evidence" not in actions
