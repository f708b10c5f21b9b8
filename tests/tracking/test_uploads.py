"""Uploads: evidence downloads named from what the file is, oversize requests refused before
their file is stored, Excel imports capped in rows."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.urls import reverse
from openpyxl import Workbook

from programmes import imports as task_imports
from tests.factories import ProgrammeFactory, TargetFactory
from tracking import services
from tracking.documents import readings_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def draft(task, period, official):
    return services.report_start(task=task, period=period, by=official)


@pytest.fixture
def stored_bytes(monkeypatch):
    """Bytes that Django's own handlers kept (in memory or in a temporary file)."""
    kept: list[int] = []
    for handler in (MemoryFileUploadHandler, TemporaryFileUploadHandler):
        original = handler.receive_data_chunk

        def receive(self, raw_data, start, original=original):
            kept.append(len(raw_data))
            return original(self, raw_data, start)

        monkeypatch.setattr(handler, "receive_data_chunk", receive)
    return kept


def test_the_download_is_named_from_the_sniffed_type_not_the_upload(client, official, draft):
    client.force_login(official)
    pdf = SimpleUploadedFile("scan.exe", b"%PDF-1.7\n...", "application/x-msdownload")
    client.post(reverse("tracking:evidence-add", args=[draft.pk]), {"file": pdf})
    evidence = draft.evidence.get()
    response = client.get(reverse("tracking:evidence-download", args=[evidence.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="minh-chung-{evidence.pk}.pdf"'
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_an_oversize_upload_is_refused_before_its_file_is_stored(
    client, official, draft, settings, stored_bytes
):
    settings.UPLOAD_MAX_BYTES = 4096
    client.force_login(official)
    big = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20_000, "image/png")
    response = client.post(
        reverse("tracking:evidence-add", args=[draft.pk]), {"file": big}, follow=True
    )
    assert "Tệp quá lớn: giới hạn là 20 MB. Chưa lưu gì." in response.text
    assert not draft.evidence.exists()
    assert sum(stored_bytes) == 0

    small = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "image/png")
    client.post(reverse("tracking:evidence-add", args=[draft.pk]), {"file": small})
    assert draft.evidence.count() == 1 and sum(stored_bytes) > 0


def test_the_excel_imports_say_the_file_is_too_large_not_that_it_is_missing(
    client, leader, settings, stored_bytes
):
    settings.UPLOAD_MAX_BYTES = 4096
    programme = ProgrammeFactory()
    client.force_login(leader)
    big = b"PK\x03\x04" + b"0" * 20_000
    for url in (
        reverse("programmes:import-upload", args=[programme.slug]),
        reverse("tracking:readings-import", args=[programme.slug]),
    ):
        response = client.post(url, {"file": SimpleUploadedFile("a.xlsx", big)})
        assert "Tệp quá lớn" in response.text, url
        assert "bắt buộc" not in response.text, url
    assert sum(stored_bytes) == 0


def workbook(headings, rows) -> bytes:
    book = Workbook()
    book.active.append(headings)
    for row in rows:
        book.active.append(list(row))
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_task_list_longer_than_the_cap_is_refused_with_a_clear_message(monkeypatch):
    monkeypatch.setattr(task_imports, "MAX_ROWS", 3)
    headings = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì"]
    reading = task_imports.read_task_sheet(
        workbook(headings, [(str(n), f"Nhiệm vụ {n}", "") for n in range(1, 5)])
    )
    assert reading.rows == []
    assert [e.message for e in reading.errors] == [
        "Bảng tính có hơn 3 dòng: hãy chia thành nhiều tệp."
    ]
    assert task_imports.read_task_sheet(
        workbook(headings, [(str(n), f"Nhiệm vụ {n}", "") for n in range(1, 4)])
    ).rows


def test_a_readings_sheet_longer_than_the_cap_is_refused_with_a_clear_message(monkeypatch):
    monkeypatch.setattr(readings_sheet, "MAX_ROWS", 3)
    programme = ProgrammeFactory()
    TargetFactory(programme=programme, position=1, name="Tỷ lệ đô thị hóa", unit="%")
    headings = readings_sheet.HEADINGS
    line = ("1", "", "%", "Năm 2023", "47,5", "")
    rows, errors = readings_sheet.read_readings_sheet(workbook(headings, [line] * 4), programme)
    assert rows == []
    assert [e["message"] for e in errors] == ["Bảng tính có hơn 3 dòng: hãy chia thành nhiều tệp."]
    rows, errors = readings_sheet.read_readings_sheet(workbook(headings, [line] * 3), programme)
    assert len(rows) == 3 and errors == []
