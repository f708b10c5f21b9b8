"""The leaders' lists (overdue, blocked, due soon, all) and the reports list: filters, sorting,
paging, Excel exports and their query budget."""

from datetime import date
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from tests.tracking.province import TODAY

pytestmark = pytest.mark.django_db


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
    assert rows[0][0] == "TẤT CẢ NHIỆM VỤ tính đến ngày 10/01/2024"  # the title row
    assert rows[2][:3] == ("Chương trình", "STT", "Nhiệm vụ")
    assert len(rows) == 3 + 5
    assert sheet.freeze_panes == "A4" and sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    due = next(row for row in sheet.iter_rows(min_row=4) if row[2].value == "Lập quy hoạch")[5]
    assert due.value.date() == date(2023, 12, 31) and due.number_format == "DD/MM/YYYY"


def test_reports_list_filters_and_exports(client, leader, official, province, other_department):
    client.force_login(leader)
    page = client.get(reverse("tracking:report-list"), {"co_quan": other_department.pk}).text
    assert "Giải phóng mặt bằng" in page and "Lập quy hoạch" not in page
    response = client.get(reverse("tracking:report-list"), {"xuat": "xlsx"})
    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert rows[2][:4] == ("Chương trình", "STT", "Nhiệm vụ", "Cơ quan, đơn vị")
    assert len(rows) == 3 + 5
    client.force_login(official)
    assert client.get(reverse("tracking:report-list")).status_code == 403


@time_machine.travel(TODAY)
def test_list_query_budget(client, leader, province, django_assert_max_num_queries):
    client.force_login(leader)
    with django_assert_max_num_queries(12):
        client.get(reverse("tracking:task-list", args=["tat-ca"]))
    with django_assert_max_num_queries(12):
        client.get(reverse("tracking:task-list", args=["vuong-mac"]))
