"""Target readings from Excel: preview, errors by row and column, all or nothing, counted in
the targets table."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.factories import ProgrammeFactory, TargetFactory
from tracking.documents.readings_sheet import read_readings_sheet
from tracking.models import TargetReading
from tracking.selectors.targets import target_judgements

pytestmark = pytest.mark.django_db
HEADINGS = ["STT", "Chỉ tiêu", "ĐVT", "Kỳ báo cáo", "Thực hiện", "Ghi chú"]


def sheet(rows) -> bytes:
    book = Workbook()
    book.active.append(HEADINGS)
    for row in rows:
        book.active.append(list(row))
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def programme():
    programme = ProgrammeFactory()
    TargetFactory(
        programme=programme,
        position=1,
        name="Tốc độ tăng trưởng GRDP",
        unit="%",
        planned_value=Decimal("8.5"),
    )
    TargetFactory(
        programme=programme,
        position=2,
        name="Tỷ lệ đô thị hóa",
        unit="%",
        planned_value=Decimal("50"),
    )
    return programme


def test_rows_name_their_target_period_and_value(programme):
    rows, errors = read_readings_sheet(
        sheet(
            [
                ("1", "tốc độ tăng trưởng grdp", "%", "Năm 2023", "8,9", ""),
                ("2", "", "%", "6 tháng đầu năm 2024", 47.5, "ước"),
            ]
        ),
        programme,
    )
    assert errors == []
    assert [(r["kind"], r["year"], r["number"], r["value"]) for r in rows] == [
        ("year", 2023, 1, "8.9"),
        ("half_year", 2024, 1, "47.5"),
    ]


def test_every_error_names_its_row_and_column(programme):
    rows, errors = read_readings_sheet(
        sheet(
            [
                ("", "Chỉ tiêu lạ", "%", "Năm 2023", "1", ""),
                ("1", "", "%", "tháng sau", "1", ""),
                ("2", "", "%", "Quý II/2023", "nhiều", ""),
                ("2", "", "%", "Quý II/2023", None, ""),
            ]
        ),
        programme,
    )
    found = {(e["line"], e["column"]): e["message"] for e in errors}
    assert found[(2, "B")] == "Không có chỉ tiêu “Chỉ tiêu lạ” trong chương trình này."
    assert found[(3, "D")].startswith("“tháng sau” không phải kỳ báo cáo")
    assert found[(4, "E")] == "“nhiều” không phải là số. Hãy viết theo dạng 1.234,5."
    assert found[(5, "E")] == "Giá trị đang để trống."
    assert rows == []


@time_machine.travel(date(2024, 2, 1))
def test_preview_then_save_once_and_the_targets_table_counts_it(client, leader, programme):
    client.force_login(leader)
    url = reverse("tracking:readings-import", args=[programme.slug])
    page = client.post(
        url,
        {
            "file": SimpleUploadedFile(
                "chi-tieu.xlsx",
                sheet(
                    [("1", "", "%", "Năm 2023", "8,9", ""), ("2", "", "%", "Năm 2023", "47,5", "")]
                ),
            )
        },
    ).text
    assert not TargetReading.objects.exists()  # nothing before confirming
    token = page.split('name="token" value="')[1].split('"')[0]
    client.post(url, {"action": "save", "token": token})
    response = client.post(url, {"action": "save", "token": token}, follow=True)  # second click
    assert "đã được lưu" in response.text
    assert TargetReading.objects.count() == 2
    judged = target_judgements(date(2024, 2, 1), [programme.pk])
    # 47,5 of "50 by 2025" read in 2023, with no baseline to draw a path: not yet met.
    assert sorted(j.judgement for j in judged.values()) == ["exceeded", "not_yet"]
    table = client.get(reverse("tracking:programme-targets", args=[programme.slug])).text
    assert "Vượt" in table and "Chưa đạt" in table


def test_the_template_lists_the_programmes_targets(client, leader, programme, official):
    client.force_login(leader)
    url = reverse("tracking:readings-import", args=[programme.slug])
    rows = list(load_workbook(BytesIO(client.get(url, {"mau": 1}).content)).active.values)
    assert rows[0] == tuple(HEADINGS)
    assert [row[1] for row in rows[1:]] == ["Tốc độ tăng trưởng GRDP", "Tỷ lệ đô thị hóa"]
    client.force_login(official)
    assert client.get(url).status_code == 403
