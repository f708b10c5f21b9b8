"""Importing task lists from Excel: preview first, every error named by row and column in
Vietnamese, all or nothing."""

import unicodedata
from datetime import date, datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from programmes.imports import read_task_sheet, template_workbook
from programmes.models import Assignment, AssignmentRole, ImportBatch, Task, TaskKind
from tests.factories import BodyFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def workbook(
    rows,
    headings=(
        "STT",
        "Nội dung nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian hoàn thành",
    ),
    title_rows=(),
) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in title_rows:
        sheet.append(row)
    sheet.append(list(headings))
    for row in rows:
        sheet.append(list(row))
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def bodies():
    return {
        "tc": BodyFactory(name="Sở Tài chính tỉnh Đồng Nai", short_name="Sở Tài chính"),
        "xd": BodyFactory(name="Sở Xây dựng tỉnh Đồng Nai", short_name="Sở Xây dựng"),
        "khdt": BodyFactory(name="Sở Kế hoạch và Đầu tư", short_name="Sở KH&ĐT"),
    }


GOOD = [
    ("I", "Nhóm nhiệm vụ về kinh tế", "", "", ""),
    ("1", "Rà soát quy hoạch", "Sở Tài chính", "Sở Xây dựng; sở kh&đt", "Quý II/2026"),
    ("a)", "Lấy ý kiến các sở", "SỞ TÀI CHÍNH", "", datetime(2026, 4, 30)),  # noqa: DTZ001
    ("-", "Tổng hợp ý kiến", "so tai chinh tinh dong nai", "", 46142),
    ("2", "Tuyên truyền", unicodedata.normalize("NFD", "Sở Xây dựng"), "", "Thường xuyên"),
    ("II", "Nhóm nhiệm vụ về xã hội", "", "", ""),
    ("1", "Phát triển y tế cơ sở", "", "", "2021–2025"),
]


def test_reads_the_office_layout_with_depths_bodies_and_deadlines(bodies):
    reading = read_task_sheet(workbook(GOOD, title_rows=[["DANH MỤC NHIỆM VỤ"], []]))
    assert reading.errors == []
    assert [(r.number, r.depth) for r in reading.rows] == [
        ("I", 0),
        ("1", 1),
        ("a)", 2),
        ("-", 3),
        ("2", 1),
        ("II", 0),
        ("1", 1),
    ]
    second = reading.rows[1]
    assert second.lead_id == bodies["tc"].pk
    assert second.coordinating_ids == [bodies["xd"].pk, bodies["khdt"].pk]
    assert reading.rows[2].deadline == "30/4/2026"  # an Excel date
    assert reading.rows[3].deadline == "30/4/2026"  # an Excel serial number
    assert reading.rows[4].lead_id == bodies["xd"].pk  # NFD text


def test_every_error_names_its_row_and_column(bodies):
    rows = [
        ("1", "Rà soát quy hoạch", "Sở Không Có", "Sở Xây dựng, Ban Bí Ẩn", "khi nào xong"),
        ("2", "", "Sở Tài chính", "", ""),
        ("3", "Đúng", "Sở Tài chính", "", "31/2/2026"),
    ]
    reading = read_task_sheet(workbook(rows))
    found = {(e.line, e.column): e.message for e in reading.errors}
    assert found[(2, "C")] == "Không có cơ quan “Sở Không Có”."
    assert found[(2, "D")] == "Không có cơ quan “Ban Bí Ẩn”."
    assert found[(2, "E")].startswith("Không đọc được thời hạn “khi nào xong”")
    assert found[(3, "B")] == "Nội dung nhiệm vụ đang để trống."
    assert found[(4, "E")] == "Ngày 31/2/2026 không có trong lịch."
    assert reading.unknown_bodies == ["Ban Bí Ẩn", "Sở Không Có"]


def test_a_file_that_is_not_excel_or_has_no_heading_says_so(bodies):
    assert "không phải tệp Excel" in read_task_sheet(b"not a workbook").errors[0].message
    reading = read_task_sheet(workbook([("x", "y")], headings=("A", "B")))
    assert reading.errors[0].message.startswith("Không tìm thấy dòng tiêu đề")


def test_the_template_reads_back_without_errors_when_its_bodies_exist():
    book = load_workbook(BytesIO(template_workbook()))
    assert [c.value for c in book.active[1]] == [
        "STT",
        "Nội dung nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian hoàn thành",
    ]
    assert book.active.freeze_panes == "A2"


def upload(client, programme, content, name="nhiem-vu.xlsx"):
    url = reverse("programmes:import-upload", args=[programme.slug])
    return client.post(url, {"file": SimpleUploadedFile(name, content)}, follow=True)


def test_preview_then_save_builds_the_tree_once(client, leader, bodies):
    programme = ProgrammeFactory()
    client.force_login(leader)
    response = upload(client, programme, workbook(GOOD))
    assert "7 nhiệm vụ sẵn sàng để thêm." in response.text
    assert not Task.objects.filter(programme=programme).exists()  # nothing before confirming
    batch = ImportBatch.objects.get()
    apply = reverse("programmes:import-apply", args=[programme.slug, batch.pk])
    client.post(apply)
    response = client.post(apply, follow=True)  # a second click
    assert "Tệp này đã được nhập." in response.text
    tasks = Task.objects.filter(programme=programme)
    assert tasks.count() == 7
    assert tasks.filter(kind=TaskKind.GROUP).count() == 2
    child = tasks.get(title="Tổng hợp ý kiến")
    assert child.parent.title == "Lấy ý kiến các sở"
    assert child.parent.parent.parent.title == "Nhóm nhiệm vụ về kinh tế"
    assert child.deadline_due == date(2026, 4, 30)
    task = tasks.get(title="Rà soát quy hoạch")
    assert task.assignments.get(role=AssignmentRole.LEAD).body == bodies["tc"]
    assert task.search_text == "1 ra soat quy hoach"


def test_a_file_with_errors_saves_nothing(client, leader, bodies):
    programme = ProgrammeFactory()
    client.force_login(leader)
    rows = [*GOOD, ("3", "Nhiệm vụ lỗi", "Sở Không Có", "", "")]
    response = upload(client, programme, workbook(rows))
    assert "Dòng 9, cột C" in response.text and "Không có cơ quan “Sở Không Có”." in response.text
    batch = ImportBatch.objects.get()
    client.post(reverse("programmes:import-apply", args=[programme.slug, batch.pk]))
    assert not Task.objects.filter(programme=programme).exists()
    assert not Assignment.objects.exists()


def test_officials_cannot_import(client, official):
    programme = ProgrammeFactory()
    client.force_login(official)
    response = client.get(reverse("programmes:import-upload", args=[programme.slug]))
    assert response.status_code == 403


def test_body_names_with_commas_are_kept_whole():
    culture = BodyFactory(name="Sở Văn hóa, Thể thao và Du lịch", short_name="Sở VHTT&DL")
    health = BodyFactory(name="Sở Y tế", short_name="")
    rows = [("1", "Tổ chức lễ hội", "Sở Y tế", "Sở Văn hóa, Thể thao và Du lịch, Sở Y tế", "")]
    reading = read_task_sheet(workbook(rows))
    assert reading.errors == []
    assert reading.rows[0].lead_id == health.pk
    assert reading.rows[0].coordinating_ids == [culture.pk]


@pytest.fixture
def long_import(monkeypatch):
    """Any list of more than three rows counts as long."""
    from programmes import services

    monkeypatch.setattr(services, "IMPORT_IN_BACKGROUND", 3)
    sent = []
    monkeypatch.setattr(
        "celery.current_app.send_task", lambda name, args, **kw: sent.append((name, args))
    )
    return sent


def test_a_long_import_runs_in_the_worker_behind_a_progress_bar(
    client, leader, bodies, long_import
):
    from programmes import services

    programme = ProgrammeFactory()
    client.force_login(leader)
    upload(client, programme, workbook(GOOD))
    batch = ImportBatch.objects.get()
    page = client.post(
        reverse("programmes:import-apply", args=[programme.slug, batch.pk]), follow=True
    ).text
    assert long_import == [("programmes.tasks.import_apply", [batch.pk])]
    assert "<progress" in page and 'hx-trigger="every 1s"' in page
    again = client.post(
        reverse("programmes:import-apply", args=[programme.slug, batch.pk]), follow=True
    )
    assert "Tệp này đang được nhập." in again.text  # a second click
    progress_url = reverse("programmes:import-progress", args=[programme.slug, batch.pk])
    assert "<progress" in client.get(progress_url, HTTP_HX_REQUEST="true").text

    assert services.import_run(batch_pk=batch.pk) == 7  # what the worker does
    response = client.get(progress_url, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == programme.get_absolute_url()
    assert Task.objects.filter(programme=programme).count() == 7


def test_a_long_import_is_saved_here_when_the_broker_is_down(client, leader, bodies, monkeypatch):
    from programmes import services

    monkeypatch.setattr(services, "IMPORT_IN_BACKGROUND", 3)

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr("celery.current_app.send_task", broker_down)
    programme = ProgrammeFactory()
    client.force_login(leader)
    upload(client, programme, workbook(GOOD))
    batch = ImportBatch.objects.get()
    client.post(reverse("programmes:import-apply", args=[programme.slug, batch.pk]))
    assert Task.objects.filter(programme=programme).count() == 7
