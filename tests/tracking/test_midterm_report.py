"""The mid-term review report in Word: its structure and its numbers."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document

from programmes.models import BodyKind
from tests.factories import BodyFactory
from tests.tracking.province import TODAY
from tracking.documents.midterm_docx import midterm_docx, number, place_and_date

pytestmark = pytest.mark.django_db


def test_place_and_date_lines():
    assert place_and_date("Bình Phước", date(2023, 6, 15)) == "Bình Phước, ngày 15 tháng 6 năm 2023"
    assert place_and_date("Bình Phước", date(2020, 1, 5), state=True) == (
        "Bình Phước, ngày 05 tháng 01 năm 2020"
    )
    assert place_and_date("Bình Phước", date(2020, 3, 5), state=True).endswith(
        "ngày 05 tháng 3 năm 2020"
    )


def test_numbers_are_written_the_vietnamese_way():
    assert number(1234.5) == "1.234,5"
    assert number(56.0) == "56"
    assert number(83.25, 2) == "83,25"


def text_of(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_report_has_the_party_layout_and_the_numbers(province):  # noqa: F811
    programme, _tasks, _target = province
    province_body = BodyFactory(
        name="Tỉnh Bình Phước", short_name="Bình Phước", kind=BodyKind.PROVINCE
    )
    programme.issuing_body = BodyFactory(
        name="Ban Chấp hành Đảng bộ tỉnh Bình Phước", parent=province_body
    )
    programme.save()
    document = Document(BytesIO(midterm_docx(programme, TODAY)))

    header = document.tables[0].rows[0].cells
    assert header[0].text.split("\n") == ["TỈNH ỦY BÌNH PHƯỚC", "*", "Số     -BC/TU"]
    assert header[1].text.split("\n")[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert "Bình Phước, ngày 10 tháng 1 năm 2024" in header[1].text
    assert header[1].paragraphs[-1].runs[0].italic
    text = text_of(document)
    assert (
        "BÁO CÁO" in text
        and "Sơ kết giữa nhiệm kỳ thực hiện Chương trình hành động số 17-CTr/TU" in text
    )
    assert "có 7 nhiệm vụ; đã hoàn thành 2 nhiệm vụ" in text
    assert "1 nhiệm vụ quá hạn, 1 nhiệm vụ có khó khăn, vướng mắc" in text
    assert "tiến độ bình quân đạt 56%" in text
    targets = document.tables[2]
    assert [c.text for c in targets.rows[0].cells] == [
        "STT",
        "Chỉ tiêu",
        "ĐVT",
        "Mục tiêu NQ",
        "Thực hiện",
        "Tỷ lệ %",
        "Đánh giá",
    ]
    assert [c.text for c in targets.rows[1].cells][1:] == [
        "Xã đạt chuẩn nông thôn mới",
        "xã",
        "≥ 50",
        "55",
        "110",
        "Vượt",
    ]
    assert "1/1 chỉ tiêu đạt và vượt." in text
    assert "Đề nghị bổ sung kinh phí" in text  # proposals from confirmed reports
    assert "Lưu Văn phòng Tỉnh ủy." in text and "T/M BAN THƯỜNG VỤ" in text
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    assert section.different_first_page_header_footer  # page numbers from page 2
    assert "PAGE" in section.header._element.xml
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_a_plan_of_the_ubnd_gets_the_state_header(province):  # noqa: F811
    programme, _tasks, _target = province
    programme.code = "123/KH-UBND"
    programme.save()
    document = Document(BytesIO(midterm_docx(programme, TODAY)))
    right = document.tables[0].rows[0].cells[1].text
    assert right.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    assert "ngày 10 tháng 01 năm 2024" in right


def test_leaders_download_it_and_officials_cannot(client, leader, official, province):  # noqa: F811
    programme = province[0]
    url = reverse("tracking:midterm-report", args=[programme.slug])
    client.force_login(official)
    assert client.get(url).status_code == 403
    client.force_login(leader)
    response = client.get(url, {"ngay": "10/01/2024"})
    assert response["Content-Disposition"].endswith('-10-01-2024.docx"')
    assert Document(BytesIO(response.content)).paragraphs
