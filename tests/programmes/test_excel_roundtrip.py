"""A programme's tasks out to Excel and back by id: the export reads back in the import's
layout, an unchanged export changes nothing, an edited one changes exactly what was edited
(after a preview of old → new), unknown bodies can be mapped, foreign ids are refused."""

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from programmes import services
from programmes.imports import read_task_sheet
from programmes.models import Assignment, AssignmentRole, ImportBatch, Task
from programmes.roundtrip import EXPORT_HEADINGS, export_workbook
from tests.factories import BodyFactory, ProgrammeFactory, TaskFactory
from tests.programmes.test_excel_import import GOOD, workbook
from tracking.models import StatusChange
from tracking.selectors.rows import rows_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def bodies():
    return {
        "tc": BodyFactory(name="Sở Tài chính tỉnh Đồng Nai", short_name="Sở Tài chính"),
        "xd": BodyFactory(name="Sở Xây dựng tỉnh Đồng Nai", short_name="Sở Xây dựng"),
        "khdt": BodyFactory(name="Sở Kế hoạch và Đầu tư", short_name="Sở KH&ĐT"),
        "yt": BodyFactory(name="Sở Y tế tỉnh Đồng Nai", short_name="Sở Y tế"),
    }


@pytest.fixture
def programme(bodies, leader):
    """A programme whose tasks came from a first-time import of the offices' sheet."""
    programme = ProgrammeFactory(code="17-CTr/TU")
    batch = ImportBatch.objects.create(
        programme=programme,
        file_name="lan-dau.xlsx",
        reading=read_task_sheet(workbook(GOOD)).as_json(),
        created_by=leader,
    )
    assert services.import_start(batch=batch, by=leader)
    return programme


def sheet_of(content: bytes):
    return load_workbook(BytesIO(content)).active


def saved(sheet) -> bytes:
    buffer = BytesIO()
    sheet.parent.save(buffer)
    return buffer.getvalue()


def row_of(sheet, title: str) -> int:
    for cells in sheet.iter_rows(min_row=2):
        if cells[1].value == title:
            return cells[1].row
    raise AssertionError(title)


def upload(client, programme, content: bytes):
    url = reverse("programmes:import-upload", args=[programme.slug])
    client.post(url, {"file": SimpleUploadedFile("sua.xlsx", content)})
    batch = ImportBatch.objects.filter(programme=programme).latest("pk")
    preview = client.get(reverse("programmes:import-preview", args=[programme.slug, batch.pk]))
    return batch, preview


def apply(client, programme, batch, preview):
    plan = preview.context["plan"]
    return client.post(
        reverse("programmes:import-apply", args=[programme.slug, batch.pk]),
        {"plan": plan.fingerprint if plan else ""},
        follow=True,
    )


def snapshot(programme):
    """Everything the plan keeps of the programme's tasks and their assignments."""
    tasks = list(
        Task.objects.filter(programme=programme)
        .order_by("pk")
        .values_list(
            "pk",
            "parent_id",
            "kind",
            "number",
            "title",
            "position",
            "tree_key",
            "deadline_text",
            "deadline_due",
            "archived_on",
        )
    )
    assignments = list(
        Assignment.objects.filter(task__programme=programme)
        .order_by("pk")
        .values_list("pk", "task_id", "body_id", "role", "ended_on")
    )
    return tasks, assignments


def test_the_export_reads_back_in_the_import_layout_in_the_programmes_order(programme, bodies):
    sheet = sheet_of(export_workbook(programme))
    assert [cell.value for cell in sheet[1]] == EXPORT_HEADINGS
    assert EXPORT_HEADINGS[:5] == [
        "STT",
        "Nội dung nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian hoàn thành",
    ]
    assert [(row[0].value, row[5].value) for row in sheet.iter_rows(min_row=2)] == [
        ("I", "Nhóm nhiệm vụ"),
        ("1", "Nhiệm vụ"),
        ("a)", "Nhiệm vụ"),
        ("-", "Nhiệm vụ"),
        ("2", "Nhiệm vụ"),
        ("II", "Nhóm nhiệm vụ"),
        ("1", "Nhiệm vụ"),
    ]
    review = Task.objects.get(programme=programme, title="Rà soát quy hoạch")
    line = row_of(sheet, "Rà soát quy hoạch")
    assert sheet.cell(line, 3).value == "Sở Tài chính tỉnh Đồng Nai"
    assert sheet.cell(line, 4).value == "Sở Kế hoạch và Đầu tư; Sở Xây dựng tỉnh Đồng Nai"
    assert sheet.cell(line, 5).value == "Quý II/2026"
    assert sheet.cell(line, 7).value == review.pk
    assert sheet.cell(line, 8).value == review.parent_id

    reading = read_task_sheet(export_workbook(programme))
    assert reading.errors == [] and reading.round_trip
    assert [(row.number, row.depth) for row in reading.rows] == [
        ("I", 0),
        ("1", 1),
        ("a)", 2),
        ("-", 3),
        ("2", 1),
        ("II", 0),
        ("1", 1),
    ]
    assert reading.rows[1].task_id == review.pk
    assert reading.rows[1].lead_id == bodies["tc"].pk


def test_texts_that_look_like_formulas_stay_text(programme):
    TaskFactory(programme=programme, number="-", title='=HYPERLINK("http://evil.example","Xem")')
    sheet = sheet_of(export_workbook(programme))
    line = row_of(sheet, '=HYPERLINK("http://evil.example","Xem")')
    assert sheet.cell(line, 2).data_type == "s" and sheet.cell(line, 2).quotePrefix
    assert sheet.cell(line, 1).data_type == "s" and sheet.cell(line, 1).value == "-"


def test_an_unchanged_export_changes_nothing(client, leader, programme):
    before = snapshot(programme)
    history = StatusChange.objects.count()
    client.force_login(leader)
    batch, preview = upload(client, programme, export_workbook(programme))
    assert "0 thêm mới · 0 thay đổi · 0 lưu trữ · 7 không đổi" in preview.text
    assert "Tệp khớp với chương trình: không có gì để lưu." in preview.text
    apply(client, programme, batch, preview)
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.APPLIED
    assert snapshot(programme) == before
    assert StatusChange.objects.count() == history


def test_an_edited_export_changes_what_was_edited_after_a_preview(
    client, leader, programme, bodies
):
    tasks = {task.title: task for task in Task.objects.filter(programme=programme)}
    review, collect, health = (
        tasks["Rà soát quy hoạch"],
        tasks["Tổng hợp ý kiến"],
        tasks["Phát triển y tế cơ sở"],
    )
    kept_assignments = set(Assignment.objects.filter(task=review).values_list("pk", flat=True))
    sheet = sheet_of(export_workbook(programme))
    line = row_of(sheet, "Rà soát quy hoạch")
    sheet.cell(line, 2).value = "Rà soát, điều chỉnh quy hoạch tỉnh"
    sheet.cell(line, 5).value = "Quý IV/2026"
    health_line = row_of(sheet, "Phát triển y tế cơ sở")
    sheet.cell(health_line, 3).value = "Sở Y tế"
    sheet.delete_rows(row_of(sheet, "Tổng hợp ý kiến"))
    sheet.append(["2", "Nâng cấp trạm y tế xã", "Sở Y tế", "Sở Tài chính", "Năm 2027"])
    client.force_login(leader)
    batch, preview = upload(client, programme, saved(sheet))

    assert "1 thêm mới · 2 thay đổi · 1 lưu trữ · 4 không đổi" in preview.text
    assert "<del>Rà soát quy hoạch</del> → <ins>Rà soát, điều chỉnh quy hoạch tỉnh</ins>" in (
        preview.text
    )
    assert "<del>Quý II/2026</del> → <ins>Quý IV/2026</ins>" in preview.text
    assert "<del>—</del> → <ins>Sở Y tế tỉnh Đồng Nai</ins>" in preview.text
    assert "Nâng cấp trạm y tế xã" in preview.text and "Tổng hợp ý kiến" in preview.text
    assert Task.objects.get(pk=review.pk).title == "Rà soát quy hoạch"  # nothing before saving

    response = apply(client, programme, batch, preview)
    assert "Đã lưu các thay đổi: thêm 1, sửa 2, lưu trữ 1." in response.text
    review.refresh_from_db()
    assert review.title == "Rà soát, điều chỉnh quy hoạch tỉnh"
    assert review.deadline_due == date(2026, 12, 31)
    assert review.search_text == "1 ra soat, dieu chinh quy hoach tinh"
    # Its bodies did not change: the same assignments, none ended or added.
    assert set(Assignment.objects.filter(task=review).values_list("pk", flat=True)) == (
        kept_assignments
    )
    health_lead = Assignment.objects.current().get(task=health, role=AssignmentRole.LEAD)
    assert health_lead.body == bodies["yt"]
    added = Task.objects.get(programme=programme, title="Nâng cấp trạm y tế xã")
    assert added.parent == health.parent and added.deadline_due == date(2027, 12, 31)
    assert added.tree_key > health.tree_key
    assert (
        Assignment.objects.current().get(task=added, role=AssignmentRole.COORDINATING).body
        == (bodies["tc"])
    )
    collect.refresh_from_db()  # archived, not deleted; its part ends
    assert collect.archived_on is not None
    assert not Assignment.objects.current().filter(task=collect).exists()
    assert Assignment.objects.filter(task=collect).exists()
    page = client.get(programme.get_absolute_url()).text
    assert "Tổng hợp ý kiến" not in page and "Nâng cấp trạm y tế xã" in page

    # Exported again and uploaded as it is: nothing more to change.
    batch, preview = upload(client, programme, export_workbook(programme))
    assert "0 thêm mới · 0 thay đổi · 0 lưu trữ · 7 không đổi" in preview.text


def test_a_new_row_under_a_task_and_a_moved_task_follow_the_parent_column(
    client, leader, programme
):
    sheet = sheet_of(export_workbook(programme))
    consult = Task.objects.get(programme=programme, title="Lấy ý kiến các sở")
    health = Task.objects.get(programme=programme, title="Phát triển y tế cơ sở")
    line = row_of(sheet, "Lấy ý kiến các sở")
    sheet.insert_rows(line + 2)
    sheet.cell(line + 2, 1).value = "b)"
    sheet.cell(line + 2, 2).value = "Hoàn thiện hồ sơ"
    sheet.cell(row_of(sheet, "Phát triển y tế cơ sở"), 8).value = consult.parent_id
    client.force_login(leader)
    batch, preview = upload(client, programme, saved(sheet))
    assert "1 thêm mới · 1 thay đổi" in preview.text
    apply(client, programme, batch, preview)
    added = Task.objects.get(programme=programme, title="Hoàn thiện hồ sơ")
    assert added.parent_id == consult.parent_id
    health.refresh_from_db()
    assert health.parent_id == consult.parent_id
    order = list(
        Task.objects.filter(programme=programme, parent_id=consult.parent_id)
        .order_by("tree_key")
        .values_list("title", flat=True)
    )
    assert order == ["Lấy ý kiến các sở", "Hoàn thiện hồ sơ", "Phát triển y tế cơ sở"]


def test_an_unknown_body_is_mapped_in_the_preview_and_used_on_saving(
    client, leader, programme, bodies
):
    sheet = sheet_of(export_workbook(programme))
    line = row_of(sheet, "Tuyên truyền")
    sheet.cell(line, 3).value = "Sở Y tế Đồng Nai (mới)"
    sheet.cell(line, 4).value = "Ban Bí Ẩn"
    client.force_login(leader)
    batch, preview = upload(client, programme, saved(sheet))
    assert "Không có cơ quan “Sở Y tế Đồng Nai (mới)”." in preview.text
    assert "Cơ quan chưa có trong danh mục" in preview.text
    assert preview.context["plan"] is None
    response = apply(client, programme, batch, preview)  # not before the names are mapped
    assert "Hãy sửa các lỗi trong tệp rồi tải lên lại." in response.text

    url = reverse("programmes:import-preview", args=[programme.slug, batch.pk])
    names = batch.reading["unknown_bodies"]
    assert names == ["Ban Bí Ẩn", "Sở Y tế Đồng Nai (mới)"]
    client.post(url, {"body_0": bodies["khdt"].pk, "body_1": bodies["yt"].pk})
    preview = client.get(url)
    assert "Không có cơ quan" not in preview.text
    assert "<ins>Sở Y tế tỉnh Đồng Nai</ins>" in preview.text
    assert "<ins>Sở Kế hoạch và Đầu tư</ins>" in preview.text
    apply(client, programme, batch, preview)
    task = Task.objects.get(programme=programme, title="Tuyên truyền")
    current = Assignment.objects.current().filter(task=task)
    assert current.get(role=AssignmentRole.LEAD).body == bodies["yt"]
    assert current.get(role=AssignmentRole.COORDINATING).body == bodies["khdt"]


def test_a_first_time_import_can_map_an_unknown_body_too(client, leader, bodies):
    programme = ProgrammeFactory()
    client.force_login(leader)
    rows = [("1", "Nhiệm vụ mới", "Sở Không Có", "", "")]
    batch, preview = upload(client, programme, workbook(rows))
    assert "Dòng 2, cột C" in preview.text
    url = reverse("programmes:import-preview", args=[programme.slug, batch.pk])
    client.post(url, {"body_0": bodies["tc"].pk})
    preview = client.get(url)
    assert "1 nhiệm vụ sẵn sàng để thêm." in preview.text
    apply(client, programme, batch, preview)
    task = Task.objects.get(programme=programme)
    assert task.assignments.get(role=AssignmentRole.LEAD).body == bodies["tc"]


def test_an_id_of_another_programme_or_of_no_task_is_a_row_error(client, leader, programme):
    other = TaskFactory(title="Nhiệm vụ của chương trình khác", programme__code="5-CTr/TU")
    sheet = sheet_of(export_workbook(programme))
    sheet.cell(row_of(sheet, "Tuyên truyền"), 7).value = other.pk
    sheet.cell(row_of(sheet, "Phát triển y tế cơ sở"), 7).value = 999999
    before = snapshot(programme)
    client.force_login(leader)
    batch, preview = upload(client, programme, saved(sheet))
    assert f"Dòng 6: Nhiệm vụ mã {other.pk} thuộc chương trình khác (5-CTr/TU)" in preview.text
    assert "Dòng 8: Không có nhiệm vụ nào mang mã 999999" in preview.text
    assert "2 lỗi: chưa lưu gì cho đến khi tệp được sửa." in preview.text
    apply(client, programme, batch, preview)
    assert snapshot(programme) == before
    assert Task.objects.get(pk=other.pk).programme_id != programme.pk


def test_row_errors_of_ids_name_their_row_and_column(programme):
    sheet = sheet_of(export_workbook(programme))
    sheet.cell(3, 7).value = "abc"
    sheet.cell(4, 7).value = sheet.cell(5, 7).value  # the same id twice
    sheet.cell(6, 8).value = 424242  # a parent no row above has
    sheet.cell(7, 6).value = "Việc gì đó"
    found = {(e.line, e.column): e.message for e in read_task_sheet(saved(sheet)).errors}
    assert found[(3, "G")].startswith("“abc” không phải mã nhiệm vụ")
    assert found[(5, "G")].startswith("Mã ") and "đã có ở một dòng khác" in found[(5, "G")]
    assert found[(6, "H")] == "Không có dòng nào phía trên mang mã 424242."
    assert found[(7, "F")].startswith("Không có loại “Việc gì đó”")


def test_saving_twice_applies_once_and_a_stale_preview_is_refused(
    client, leader, programme, bodies
):
    sheet = sheet_of(export_workbook(programme))
    sheet.append(["3", "Nhiệm vụ thêm", "Sở Tài chính", "", "Năm 2026"])
    client.force_login(leader)
    batch, preview = upload(client, programme, saved(sheet))
    apply(client, programme, batch, preview)
    again = apply(client, programme, batch, preview)
    assert "Tệp này đã được nhập." in again.text
    assert Task.objects.filter(programme=programme, title="Nhiệm vụ thêm").count() == 1

    sheet.cell(row_of(sheet, "Tuyên truyền"), 2).value = "Tuyên truyền sâu rộng"
    batch, preview = upload(client, programme, saved(sheet))  # adds the row a second time
    assert "1 thêm mới · 1 thay đổi · 1 lưu trữ" in preview.text
    Task.objects.filter(programme=programme, title="Tuyên truyền").update(number="2.")
    response = apply(client, programme, batch, preview)
    assert "Chương trình đã thay đổi sau khi xem trước" in response.text
    assert Task.objects.filter(programme=programme, title="Tuyên truyền").exists()
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.PREVIEW


def test_an_archived_task_leaves_the_bodies_lists_and_can_come_back(
    client, leader, programme, bodies
):
    content = export_workbook(programme)  # before the removal
    sheet = sheet_of(content)
    sheet.delete_rows(row_of(sheet, "Tuyên truyền"))
    client.force_login(leader)
    batch, preview = upload(client, programme, saved(sheet))
    apply(client, programme, batch, preview)
    task = Task.objects.get(programme=programme, title="Tuyên truyền")
    assert task.archived_on is not None
    assert not Task.objects.of_body(bodies["xd"].pk).filter(pk=task.pk).exists()
    rows = rows_on(timezone.localdate(), Task.objects.filter(programme=programme))
    assert task.pk not in {row.pk for row in rows}  # out of the leaders' rows
    assert len(rows) == 4

    batch, preview = upload(client, programme, content)  # the old file again
    assert "<del>—</del> → <ins>Sở Xây dựng tỉnh Đồng Nai</ins>" in preview.text
    assert "Khôi phục" in preview.text
    apply(client, programme, batch, preview)
    task.refresh_from_db()
    assert task.archived_on is None
    assert Task.objects.of_body(bodies["xd"].pk).filter(pk=task.pk).exists()


def test_everyone_who_reads_the_programme_can_download_it(client, official, programme):
    client.force_login(official)
    response = client.get(reverse("programmes:programme-export", args=[programme.slug]))
    assert response.status_code == 200
    assert "nhiem-vu-" in response["Content-Disposition"]
    assert sheet_of(response.content).max_row == 8


def test_an_export_emptied_of_its_rows_archives_nothing(programme):
    sheet = sheet_of(export_workbook(programme))
    sheet.delete_rows(2, sheet.max_row)
    reading = read_task_sheet(saved(sheet))
    assert [e.message for e in reading.errors] == [
        "Trang tính không có nhiệm vụ nào dưới dòng tiêu đề."
    ]
