"""The mid-term review report (báo cáo sơ kết giữa nhiệm kỳ) as a Word document.

Laid out as the Tỉnh ủy's office would send it (Hướng dẫn 36-HD/VPTW; Quy định 399-QĐ/TW):
A4, Times New Roman, margins 20/20/30/15 mm, page numbers centred at the top from page 2;
the Party header ("TỈNH ỦY …" with "*" and "Số    -BC/TU" on the left, "ĐẢNG CỘNG SẢN VIỆT
NAM" with a rule and the italic place-and-date line on the right) or, for a plan of the UBND,
the state header (Nghị định 30/2020/NĐ-CP). The numbers come from the same reads as the
leaders' pages, as of the chosen day.
"""

from dataclasses import dataclass
from datetime import date
from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from programmes.models import Body, BodyKind, Programme, Task
from tracking.models import ProgressReport
from tracking.selectors.rollup import Tally, rollup
from tracking.selectors.rows import Row, rows_on
from tracking.selectors.targets import target_judgements
from tracking.status import COMPLETED, TaskStatus

FONT = "Times New Roman"
BEHIND = (TaskStatus.BEHIND, TaskStatus.OVERDUE, TaskStatus.BLOCKED)


def place_and_date(place: str, day: date, *, state: bool = False) -> str:
    """ "Bình Phước, ngày 15 tháng 6 năm 2023"; state documents pad days below 10 and the
    months January and February with a zero ("ngày 05 tháng 01 năm 2020")."""
    if state:
        day_text = f"{day.day:02d}"
        month_text = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    else:
        day_text, month_text = str(day.day), str(day.month)
    return f"{place}, ngày {day_text} tháng {month_text} năm {day.year}"


def _province(programme: Programme) -> str:
    body = programme.issuing_body
    if body is None:
        return ""
    for ancestor in Body.objects.ancestors(body, include_self=True):
        if ancestor.kind == BodyKind.PROVINCE:
            return ancestor.short_name or ancestor.name.removeprefix("Tỉnh ").strip()
    return ""


@dataclass
class Content:
    programme: Programme
    day: date
    groups: list[dict]
    targets: list[dict]
    difficulties: list[tuple[str, str, str]]
    proposals: list[tuple[str, str, str]]
    remaining: list[Row]
    total: Tally


def gather(programme: Programme, day: date) -> Content:
    """What the report says, from the same reads as the leaders' pages: the rows of the day,
    rolled up by the one roll-up rule."""
    rows = rows_on(day, Task.objects.filter(programme=programme))
    names = dict(Body.objects.values_list("pk", "name"))
    for row in rows:
        row.lead = names.get(row.lead_id, "") if row.lead_id else ""
    sections, total = rollup(programme, rows)
    group_rows = [
        {
            "title": section.title
            or ("Các nhiệm vụ khác" if len(sections) > 1 else "Các nhiệm vụ, giải pháp"),
            "tally": section.tally,
        }
        for section in sections
        if section.tally.total
    ]
    report_ids = [r.report_id for r in rows if r.report_id]
    reports = ProgressReport.objects.filter(pk__in=report_ids).select_related("task", "body")
    difficulties = [
        (f"{r.task.number} {r.task.title}", r.body.name, r.difficulties)
        for r in reports
        if r.difficulties.strip()
    ]
    proposals = [
        (f"{r.task.number} {r.task.title}", r.body.name, r.proposals)
        for r in reports
        if r.proposals.strip()
    ]
    judged = target_judgements(day, [programme.pk])
    targets = [
        {"target": target, "judged": judged.get(target.pk)} for target in programme.targets.all()
    ]
    remaining = [r for section in sections for r in section.rows if r.status not in COMPLETED]
    return Content(
        programme,
        day,
        group_rows,
        targets,
        sorted(difficulties),
        sorted(proposals),
        remaining,
        total,
    )


# Document building ----------------------------------------------------------------------------


def _run(paragraph, text: str, *, size: int = 14, bold=False, italic=False, caps=False):
    run = paragraph.add_run(text.upper() if caps else text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    return run


def _paragraph(
    container,
    text: str = "",
    *,
    align=None,
    size=14,
    bold=False,
    italic=False,
    indent=True,
    space_after=6,
):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.paragraph_format.space_after = Pt(space_after)
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _rule_below(paragraph) -> None:
    """A solid line under a heading line, as under "ĐẢNG CỘNG SẢN VIỆT NAM"."""
    properties = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    properties.append(border)


def _page_number_field(paragraph) -> None:
    run = paragraph.add_run()
    run.font.name = FONT
    run.font.size = Pt(14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _widths(table, widths_mm: list[int]) -> None:
    """Fixed column widths that Word and LibreOffice both keep."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _line(cell, text: str, *, bold=False, italic=False, size=14, align=WD_ALIGN_PARAGRAPH.CENTER):
    """A line in a table cell: the cell's first (empty) paragraph, then new ones."""
    first = cell.paragraphs[0]
    paragraph = first if not first.text and not first.runs else cell.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    else:
        _run(paragraph, "", size=size)
    return paragraph


def _header(document, content: Content) -> None:
    programme = content.programme
    province = _province(programme)
    state = programme.code_issuer.upper().startswith("UBND")
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _widths(table, [70, 95])
    left, right = table.rows[0].cells
    if state:
        _line(left, f"ỦY BAN NHÂN DÂN TỈNH {province}".upper().strip(), bold=True, size=13)
        _rule_below(left.paragraphs[-1])
        _line(left, "Số:      /BC-UBND", size=13)
        _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13)
        _rule_below(_line(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=14))
        date_line = place_and_date(province, content.day, state=True)
    else:
        _line(left, f"TỈNH ỦY {province}".upper().strip(), bold=True, size=14)
        _line(left, "*", size=14)
        _line(left, "Số     -BC/TU", size=14)
        _rule_below(_line(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, size=15))
        date_line = place_and_date(province, content.day)
    _line(right, "")
    _line(right, date_line if province else date_line.lstrip(", "), italic=True, size=14)


def _title(document, content: Content) -> None:
    programme = content.programme
    _paragraph(document, "", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _run(paragraph, "BÁO CÁO", size=16, bold=True)
    subject = "Sơ kết giữa nhiệm kỳ thực hiện "
    subject += (
        f"{programme.get_kind_display()} số {programme.code}" if programme.code else programme.title
    )
    paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _run(paragraph, subject, size=14, bold=True)
    if programme.code:
        paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
        _run(paragraph, programme.title[:1].upper() + programme.title[1:], size=14, bold=True)
    paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    _run(paragraph, "-----", size=14)


def _heading(document, text: str) -> None:
    paragraph = _paragraph(document, indent=True, space_after=6)
    _run(paragraph, text, size=14, bold=True)


def _table(document, headings: list[str], rows: list[list[str]], widths: list[int]) -> None:
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        _line(cell, text, bold=True, size=12)
    for values in rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, values, strict=True)):
            align = WD_ALIGN_PARAGRAPH.LEFT if index == 1 else WD_ALIGN_PARAGRAPH.CENTER
            _line(cell, text, size=12, align=align)
    _widths(table, widths)
    _paragraph(document, "", space_after=6)


def number(value, digits: int = 1) -> str:
    """1.234,5 — Vietnamese grouping and decimal comma."""
    if value is None:
        return ""
    text = f"{float(value):,.{digits}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def _gathered(document, heading: str, items: list[tuple[str, str, str]], none: str) -> None:
    """A section of what confirmed reports say, task by task, with the body that said it."""
    _heading(document, heading)
    for task, body, text in items:
        _paragraph(document, f"- {task} ({body}): {text}")
    if not items:
        _paragraph(document, none)


def _body(document, content: Content) -> None:
    programme, total = content.programme, content.total
    _heading(document, "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ")
    _paragraph(
        document,
        f"Tính đến ngày {content.day:%d/%m/%Y}, {programme.get_kind_display().lower()} có "
        f"{total.total} nhiệm vụ; đã hoàn thành {total.completed} nhiệm vụ, đang thực hiện "
        f"{total.by_status[TaskStatus.ON_TRACK] + total.by_status[TaskStatus.BEHIND]} nhiệm vụ "
        f"(trong đó {total.by_status[TaskStatus.BEHIND]} nhiệm vụ chậm tiến độ), "
        f"{total.overdue} nhiệm vụ quá hạn, {total.blocked} nhiệm vụ có khó khăn, vướng mắc, "
        f"{total.by_status[TaskStatus.NOT_STARTED]} nhiệm vụ chưa triển khai"
        + (
            f"; tiến độ bình quân đạt {number(total.progress)}%."
            if total.progress is not None
            else "."
        ),
    )
    rows = []
    for index, group in enumerate(content.groups, start=1):
        tally = group["tally"]
        behind = sum(tally.by_status[s] for s in BEHIND)
        rows.append(
            [
                str(index),
                group["title"],
                str(tally.total),
                str(tally.completed),
                str(tally.by_status[TaskStatus.ON_TRACK]),
                str(behind),
                f"{number(tally.progress)}%" if tally.progress is not None else "",
            ]
        )
    if rows:
        _table(
            document,
            [
                "STT",
                "Nhóm nhiệm vụ, giải pháp",
                "Số nhiệm vụ",
                "Hoàn thành",
                "Đúng tiến độ",
                "Chậm, quá hạn, vướng mắc",
                "Tiến độ bình quân",
            ],
            rows,
            [12, 58, 18, 20, 20, 24, 20],
        )

    _heading(document, "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
    if content.targets:
        rows = []
        for index, item in enumerate(content.targets, start=1):
            target, judged = item["target"], item["judged"]
            label = judged.label if judged else "Chưa có số liệu"
            rows.append(
                [
                    str(index),
                    target.name,
                    target.unit,
                    f"{target.get_comparator_display()} {number(target.planned_value, 2)}",
                    number(judged.value, 2) if judged else "",
                    f"{number(judged.ratio)}" if judged and judged.ratio is not None else "",
                    label,
                ]
            )
        met = sum(1 for item in content.targets if item["judged"] and item["judged"].met)
        _paragraph(document, f"{met}/{len(content.targets)} chỉ tiêu đạt và vượt.")
        _table(
            document,
            ["STT", "Chỉ tiêu", "ĐVT", "Mục tiêu NQ", "Thực hiện", "Tỷ lệ %", "Đánh giá"],
            rows,
            [12, 60, 18, 26, 22, 18, 24],
        )
    else:
        _paragraph(document, "Chương trình không đề ra chỉ tiêu định lượng.")

    _gathered(
        document,
        "III. KHÓ KHĂN, VƯỚNG MẮC VÀ NGUYÊN NHÂN",
        content.difficulties,
        "Các báo cáo đã xác nhận không nêu khó khăn, vướng mắc.",
    )
    _gathered(
        document,
        "IV. KIẾN NGHỊ, ĐỀ XUẤT",
        content.proposals,
        "Các báo cáo đã xác nhận không có kiến nghị, đề xuất.",
    )

    _heading(document, "V. NHIỆM VỤ TRỌNG TÂM THỜI GIAN CÒN LẠI CỦA NHIỆM KỲ")
    if content.remaining:
        for row in content.remaining:
            due = f"; thời hạn: {row.deadline_text}" if row.deadline_text else ""
            lead = f"; chủ trì: {row.lead}" if row.lead else ""
            _paragraph(
                document, f"- {row.number} {row.title[:1].upper()}{row.title[1:]}{lead}{due}."
            )
    else:
        _paragraph(document, "Các nhiệm vụ của chương trình đã hoàn thành.")


def _signature(document, content: Content) -> None:
    state = content.programme.code_issuer.upper().startswith("UBND")
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [85, 80])
    left, right = table.rows[0].cells
    _line(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    recipients = (
        ["- Thường trực HĐND tỉnh,", "- Các sở, ban, ngành,", "- Lưu: VT."]
        if state
        else [
            "- Ban Chấp hành Đảng bộ tỉnh,",
            "- Các cơ quan, đơn vị liên quan,",
            "- Lưu Văn phòng Tỉnh ủy.",
        ]
    )
    for line in recipients:
        _line(left, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(right, "TM. ỦY BAN NHÂN DÂN" if state else "T/M BAN THƯỜNG VỤ", bold=True)
    _line(right, "CHỦ TỊCH" if state else "BÍ THƯ", bold=True)


def midterm_docx(programme: Programme, day: date) -> bytes:
    content = gather(programme, day)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True  # no number on page 1
    number_line = section.header.paragraphs[0]
    number_line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number_field(number_line)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    _header(document, content)
    _title(document, content)
    _body(document, content)
    _signature(document, content)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
