"""What the report services refuse whoever calls them (a form, a script, a crafted POST): a
period the task does not owe, a completion date still to come, figures a reading cannot hold."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import period_of
from tests.factories import report_words as words
from tracking import services
from tracking.documents.readings_sheet import _number
from tracking.forms import parse_vietnamese_number
from tracking.models import Period, ProgressReport, ReportState

pytestmark = pytest.mark.django_db
ON = date(2023, 6, 20)  # Quarter II/2023 was due on 16/06; Quarter III is under way


@time_machine.travel(ON)
def test_a_period_the_task_does_not_owe_is_refused_by_the_service(task, official):
    far = Period.objects.create(
        kind="quarter",
        year=9999,
        number=1,
        starts_on=date(9998, 12, 15),
        ends_on=date(9999, 3, 14),
        due_on=date(9999, 3, 16),
    )
    bogus = Period.objects.create(
        kind="bogus", year=2023, number=1, starts_on=ON, ends_on=ON, due_on=ON
    )
    long_past = period_of("quarter", 2023, 1)
    for period in (far, bogus, long_past):
        with pytest.raises(ValidationError, match="không phải báo cáo"):
            services.report_start(task=task, period=period, by=official)
    assert not ProgressReport.objects.exists()
    for owed in (period_of("quarter", 2023, 2), period_of("quarter", 2023, 3)):
        assert services.report_start(task=task, period=owed, by=official).period == owed


@time_machine.travel(ON)
def test_a_crafted_start_for_year_9999_or_a_bogus_kind_makes_no_report(client, task, official):
    client.force_login(official)
    url = reverse("tracking:report-start", args=[task.pk])
    for data in ({"kind": "quarter", "year": 9999, "number": 1}, {"kind": "bogus", "year": 9999}):
        response = client.post(url, data, follow=True)
        assert "Nhiệm vụ không phải báo cáo kỳ này." in response.text
    assert not ProgressReport.objects.exists()
    assert not Period.objects.filter(year=9999).exists()


def test_a_completion_date_in_the_future_is_refused(task, period, official):
    report = services.report_start(task=task, period=period, by=official)
    with pytest.raises(ValidationError) as error:
        services.report_save(
            report=report,
            by=official,
            data=words(progress="completed", completed_on=date(2023, 6, 21)),
            version=report.version,
        )
    assert error.value.message_dict["completed_on"] == [
        "Ngày hoàn thành không được sau ngày hôm nay."
    ]
    report.refresh_from_db()
    assert report.completed_on is None and report.version == 1
    saved = services.report_save(
        report=report,
        by=official,
        data=words(progress="completed", completed_on=date(2023, 6, 20)),
        version=report.version,
    )
    assert saved.completed_on == date(2023, 6, 20)


def test_the_form_shows_the_future_date_error_instead_of_saving(client, task, period, official):
    report = services.report_start(task=task, period=period, by=official)
    client.force_login(official)
    response = client.post(
        reverse("tracking:report-edit", args=[report.pk]),
        {
            "progress": "completed",
            "completed_on": "01/01/2030",
            "results": "Xong.",
            "version": report.version,
            "action": "submit",
        },
    )
    assert response.status_code == 200
    assert "Ngày hoàn thành không được sau ngày hôm nay." in response.text
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT and report.completed_on is None


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("1e400", "không phải là số"),
        ("NaN", "không phải là số"),
        ("Infinity", "không phải là số"),
        ("-inf", "không phải là số"),
        ("12345678901234567890", "quá lớn"),
        ("123.456.789.012.345", "quá lớn"),
        ("0,00001", "quá 4 chữ số sau dấu phẩy"),
        ("1,23456", "quá 4 chữ số sau dấu phẩy"),
    ],
)
def test_figures_a_reading_cannot_hold_get_a_clear_message(typed, says):
    with pytest.raises(ValidationError) as error:
        parse_vietnamese_number(typed)
    assert says in error.value.messages[0] and typed in error.value.messages[0]


def test_figures_officials_type_still_read():
    assert parse_vietnamese_number("1.234,5") == Decimal("1234.5")
    assert parse_vietnamese_number("83,2%") == Decimal("83.2")
    assert parse_vietnamese_number("0,0001") == Decimal("0.0001")
    assert parse_vietnamese_number("1,50000") == Decimal("1.5")  # trailing zeros lose nothing
    assert parse_vietnamese_number("99.999.999.999.999") == Decimal("99999999999999")
    assert parse_vietnamese_number("-12,5") == Decimal("-12.5")


def test_a_target_reading_of_1e400_is_an_error_on_the_page_not_a_500(
    client, task, period, official, target
):
    report = services.report_start(task=task, period=period, by=official)
    client.force_login(official)
    for typed in ("1e400", "12345678901234567890", "0,00001", "NaN"):
        response = client.post(
            reverse("tracking:report-edit", args=[report.pk]),
            {
                "progress": "in_progress",
                "percent": "40",
                "results": "Đã làm.",
                "version": report.version,
                f"target_{target.pk}": typed,
            },
        )
        assert response.status_code == 200, typed
        assert f"“{typed}”" in response.text
    assert not report.readings.exists()


def test_the_service_refuses_a_reading_no_form_checked(task, period, official, target):
    report = services.report_start(task=task, period=period, by=official)
    with pytest.raises(ValidationError):
        services.report_save(
            report=report,
            by=official,
            data=words(readings={target.pk: Decimal("1e400")}),
            version=report.version,
        )


def test_the_readings_sheet_refuses_the_same_figures():
    for cell in ("1e400", float("nan"), 1e300, "0,00001"):
        with pytest.raises(ValueError):
            _number(cell)
    assert _number(0.1 + 0.2) == Decimal("0.3")  # a spreadsheet's binary noise is not a figure
    assert _number("1.234,5") == Decimal("1234.5")
