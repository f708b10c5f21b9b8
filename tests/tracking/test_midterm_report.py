"""The mid-term review report in Word: its structure, its numbers and its wording."""

import re
from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document

from programmes.models import AssignmentRole, BodyKind, TaskKind
from tests.factories import (
    AssignmentFactory,
    BodyFactory,
    ProgrammeFactory,
    TaskFactory,
    period_of,
)
from tests.tracking.province import TODAY, at
from tracking.documents.midterm_docx import (
    CELL_MARGIN,
    QUOC_HIEU_13,
    TIEU_NGU_14,
    gather,
    items_of,
    midterm_docx,
    number,
    place_and_date,
    subject,
)
from tracking.models import ProgressReport, ReportState
from tracking.services import task_state_refresh

pytestmark = pytest.mark.django_db


def test_place_and_date_lines():
    assert place_and_date("Bình Phước", date(2023, 6, 15)) == "Bình Phước, ngày 15 tháng 6 năm 2023"
    assert place_and_date("Bình Phước", date(2020, 1, 5)) == (
        "Bình Phước, ngày 05 tháng 01 năm 2020"
    )
    assert place_and_date("Bình Phước", date(2020, 3, 5)).endswith("ngày 05 tháng 3 năm 2020")


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
    assert header[0].text.split("\n") == ["TỈNH ỦY BÌNH PHƯỚC", "*", "Số        -BC/TU"]
    assert header[1].text.split("\n")[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert "Bình Phước, ngày 10 tháng 01 năm 2024" in header[1].text
    assert header[1].paragraphs[-1].runs[0].italic
    text = text_of(document)
    assert (
        "BÁO CÁO" in text
        and "Sơ kết giữa nhiệm kỳ thực hiện Chương trình hành động số 17-CTr/TU" in text
    )
    assert (
        "có 7 nhiệm vụ; đã hoàn thành 2 nhiệm vụ (1 nhiệm vụ đúng hạn, 1 nhiệm vụ quá hạn)" in text
    )
    assert "1 nhiệm vụ gặp khó khăn, vướng mắc; 1 nhiệm vụ đã quá thời hạn" in text
    assert "Tiến độ bình quân của 5 nhiệm vụ có báo cáo đạt 56%" in text
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
    assert "Các chỉ tiêu đề ra đều đạt và vượt (1/1 chỉ tiêu)." in text
    assert "- Đề nghị bổ sung kinh phí — 1 nhiệm vụ." in text  # from confirmed reports
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
    left, right = (cell.text for cell in document.tables[0].rows[0].cells)
    assert left.startswith("ỦY BAN NHÂN DÂN\n") and "Số:" in left
    assert right.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    assert "ngày 10 tháng 01 năm 2024" in right
    signature = _signature_table(document)
    received = signature.rows[0].cells[0].paragraphs
    first = next(p for p in received if p.text)
    assert first.text == "Nơi nhận:" and first.runs[0].bold and first.runs[0].italic
    assert [p.text for p in received if p.text][-1] == "- Lưu: VT."
    assert "TM. ỦY BAN NHÂN DÂN" in signature.rows[0].cells[1].text


def test_leaders_download_it_and_officials_cannot(client, leader, official, province):  # noqa: F811
    programme = province[0]
    url = reverse("tracking:midterm-report", args=[programme.slug])
    client.force_login(official)
    assert client.get(url).status_code == 403
    client.force_login(leader)
    response = client.get(url, {"ngay": "10/01/2024"})
    assert response["Content-Disposition"].endswith('-10-01-2024.docx"')
    assert Document(BytesIO(response.content)).paragraphs


def _signature_table(document):
    """The borderless table that holds "Nơi nhận" and the signer."""
    return next(t for t in document.tables if "Nơi nhận:" in t.rows[0].cells[0].text)


def body_text(document) -> str:
    """The report up to its appendices: paragraphs only, the tables left out."""
    parts = []
    for paragraph in document.paragraphs:
        if paragraph.text.startswith("PHỤ LỤC"):
            break
        parts.append(paragraph.text)
    return "\n".join(parts)


def lead_report(
    task,
    body,
    author,
    period,
    *,
    on,
    difficulties="",
    proposals="",
    percent=30,
    state=ReportState.CONFIRMED,
):
    report = ProgressReport.objects.create(
        task=task,
        body=body,
        period=period,
        is_lead=True,
        state=state,
        percent=percent,
        results="Đã triển khai",
        difficulties=difficulties,
        proposals=proposals,
        author=author,
        submitted_at=at(on),
        decided_at=at(on),
    )
    task_state_refresh(task=task, on=on)
    return report


@pytest.fixture
def numbered(department, official):
    """Group 1 holds tasks 1.1 … 1.10 in the programme's order, created out of it; a task
    under no group is numbered only with a list marker ("-")."""
    programme = ProgrammeFactory(
        code="05-CTr/TU",
        title="Chương trình hành động thực hiện Nghị quyết Đại hội Đảng bộ tỉnh",
        issued_on=date(2021, 1, 1),
    )
    group = TaskFactory(
        programme=programme, kind=TaskKind.GROUP, number="1.", position=1, title="Kinh tế"
    )
    tasks = {}
    for n in (10, 3, 1, 2, 9, 4, 8, 5, 7, 6):
        task = TaskFactory(
            programme=programme,
            parent=group,
            number=f"1.{n}",
            position=n,
            title=f"Nhiệm vụ {n}",
        )
        task.set_deadline("Năm 2025")
        task.save()
        AssignmentFactory(task=task, body=department, role=AssignmentRole.LEAD)
        tasks[f"1.{n}"] = task
    loose = TaskFactory(programme=programme, number="-", position=2, title="Tuyên truyền")
    loose.set_deadline("Năm 2022")  # past on the report's day, never completed
    loose.save()
    AssignmentFactory(task=loose, body=department, role=AssignmentRole.LEAD)
    tasks["loose"] = loose
    return programme, tasks


def test_items_of_a_report_are_its_lines_without_markers_or_full_stops():
    assert items_of("- Thiếu kinh phí.\n+ thiếu nhân lực;\n\n") == [
        "Thiếu kinh phí",
        "Thiếu nhân lực",
    ]


def test_identical_difficulties_are_grouped_with_their_count(numbered, department, official):
    programme, tasks = numbered
    q4 = period_of("quarter", 2023, 4)
    lead_report(
        tasks["1.1"],
        department,
        official,
        q4,
        on=date(2023, 12, 16),
        difficulties="Thiếu kinh phí.",
    )
    lead_report(
        tasks["1.2"],
        department,
        official,
        q4,
        on=date(2023, 12, 16),
        difficulties="- thiếu kinh phí\n- Thiếu nhân lực.",
    )
    lead_report(
        tasks["1.10"],
        department,
        official,
        q4,
        on=date(2023, 12, 16),
        difficulties="Thiếu kinh phí",
        proposals="Đề nghị bổ sung kinh phí.",
    )
    content = gather(programme, TODAY)
    assert [(c.text, c.count) for c in content.difficulties] == [
        ("Thiếu kinh phí", 3),
        ("Thiếu nhân lực", 1),
    ]
    assert [row.number for row in content.difficulties[0].rows] == ["1.1", "1.2", "1.10"]
    document = Document(BytesIO(midterm_docx(programme, TODAY)))
    text = body_text(document)
    assert "- Thiếu kinh phí — 3 nhiệm vụ." in text
    assert "- Thiếu nhân lực — 1 nhiệm vụ." in text
    assert text.count("Thiếu kinh phí") == 1  # said once, not once per task
    assert "- Đề nghị bổ sung kinh phí — 1 nhiệm vụ." in text
    appendix = next(t for t in document.tables if t.rows[0].cells[1].text == "Khó khăn, vướng mắc")
    assert [c.text for c in appendix.rows[1].cells] == [
        "1",
        "Thiếu kinh phí.",
        "3",
        "1.1, 1.2, 1.10.",
    ]


def test_difficulties_of_earlier_reports_stay_in_the_review(numbered, department, official):
    """A Q4 report's difficulties count although the later six-month report has none; a
    report confirmed after the report's day does not count yet."""
    programme, tasks = numbered
    lead_report(
        tasks["1.3"],
        department,
        official,
        period_of("quarter", 2023, 4),
        on=date(2023, 12, 16),
        difficulties="Vướng mắc giải phóng mặt bằng",
    )
    lead_report(
        tasks["1.3"],
        department,
        official,
        period_of("half", 2024, 1),
        on=date(2024, 1, 5),
        percent=60,
    )
    lead_report(
        tasks["1.4"],
        department,
        official,
        period_of("half", 2024, 1),
        on=date(2024, 2, 1),
        difficulties="Thiếu nhân lực",
    )
    lead_report(
        tasks["1.5"],
        department,
        official,
        period_of("quarter", 2023, 4),
        on=date(2023, 12, 20),
        difficulties="Chưa được xác nhận",
        state=ReportState.SUBMITTED,
    )  # sent, not yet confirmed: not counted
    content = gather(programme, TODAY)
    assert [(c.text, c.count) for c in content.difficulties] == [
        ("Vướng mắc giải phóng mặt bằng", 1)
    ]
    assert next(r for r in content.remaining if r.number == "1.3").percent == 60


def test_no_sentence_counts_zero_tasks(numbered):
    programme, _tasks = numbered
    document = Document(BytesIO(midterm_docx(programme, TODAY)))
    text = body_text(document)
    assert not re.search(r"(?<![\d.,])0 nhiệm vụ", text)
    assert "chưa có nhiệm vụ hoàn thành" in text
    assert "- -" not in text_of(document)  # a task numbered "-" gets no second marker


def test_the_appendix_lists_tasks_in_the_programmes_numbering(numbered):
    programme, _tasks = numbered
    document = Document(BytesIO(midterm_docx(programme, TODAY)))
    appendix = next(t for t in document.tables if t.rows[0].cells[0].text == "Số TT")
    tasks = [row.cells for row in appendix.rows[1:] if row.cells[0]._tc is not row.cells[1]._tc]
    banners = [
        row.cells[0].text for row in appendix.rows[1:] if row.cells[0]._tc is row.cells[1]._tc
    ]
    assert [cells[0].text for cells in tasks] == [f"1.{n}" for n in range(1, 11)]  # 1.2, 1.10
    assert banners == ["1. Kinh tế"]  # the group's title above its tasks


def test_remaining_tasks_leave_out_deadlines_already_past(numbered):
    programme, tasks = numbered
    content = gather(programme, TODAY)
    assert tasks["loose"].pk not in {row.pk for row in content.remaining}
    assert [row.pk for row in content.overdue] == [tasks["loose"].pk]
    assert len(content.remaining) == 10
    text = text_of(Document(BytesIO(midterm_docx(programme, TODAY))))
    assert "PHỤ LỤC 2\nNHIỆM VỤ ĐÃ QUÁ THỜI HẠN NHƯNG CHƯA HOÀN THÀNH" in text


def test_the_subject_names_the_programme_once(numbered):
    programme, _tasks = numbered
    assert subject(programme) == (
        "Sơ kết giữa nhiệm kỳ thực hiện Chương trình hành động số 05-CTr/TU",
        "thực hiện Nghị quyết Đại hội Đảng bộ tỉnh",
    )


def test_the_party_recipients_are_underlined_and_the_signer_has_room(numbered):
    programme, _tasks = numbered
    document = Document(BytesIO(midterm_docx(programme, TODAY)))
    left, right = _signature_table(document).rows[0].cells
    heading = left.paragraphs[0]
    assert heading.text == "Nơi nhận:" and heading.runs[0].underline
    assert not heading.runs[0].bold and not heading.runs[0].italic
    assert [p.text for p in left.paragraphs][-1] == "- Lưu Văn phòng Tỉnh ủy."
    lines = [p.text for p in right.paragraphs]
    assert lines[:2] == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]
    assert lines[2:-1] == [""] * (len(lines) - 3) and len(lines) >= 6  # room to sign
    assert lines[-1].strip("…") == ""  # the line for the signer's name


def test_the_state_header_keeps_the_quoc_hieu_on_a_line_and_rules_as_long_as_the_text(
    province,
):
    programme = province[0]
    programme.code = "123/KH-UBND"
    programme.save()
    document = Document(BytesIO(midterm_docx(programme, TODAY)))
    right = document.tables[0].rows[0].cells[1]
    width = right.width.mm - 2 * CELL_MARGIN
    assert width >= QUOC_HIEU_13  # room for "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" at 13 pt
    texts = [p.text for p in right.paragraphs]
    rule = right.paragraphs[texts.index("Độc lập - Tự do - Hạnh phúc") + 1]
    assert rule.text == "" and "w:top" in rule._p.xml
    layout = rule.paragraph_format
    assert layout.left_indent.mm > 0
    assert width - layout.left_indent.mm - layout.right_indent.mm == pytest.approx(
        TIEU_NGU_14, abs=0.5
    )
    appendix_heading = next(p for p in document.paragraphs if p.text.startswith("Phụ lục"))
    assert appendix_heading.text == "Phụ lục I"  # NĐ 30 numbers appendices in Roman
