"""The mid-term review report (báo cáo sơ kết giữa nhiệm kỳ) as a Word document.

Laid out as the Tỉnh ủy's office would send it (Hướng dẫn 36-HD/VPTW; Quy định 399-QĐ/TW):
A4, Times New Roman, margins 20/20/30/15 mm, page numbers centred at the top from page 2;
the Party header ("TỈNH ỦY …" with "*" and "Số    -BC/TU" on the left, "ĐẢNG CỘNG SẢN VIỆT
NAM" with a rule as long as it and the italic place-and-date line on the right) or, for a
plan of the UBND, the state header (Nghị định 30/2020/NĐ-CP). The body is a narrative: results
by group with the group table, the targets, difficulties and proposals grouped with their
counts, the rest of the term; the full task lists follow as appendix tables. What it says
comes from ``midterm_content.gather``.
"""

import re
from dataclasses import dataclass
from datetime import date
from io import BytesIO

from django.utils import translation
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from programmes.models import Programme
from tracking.documents.midterm_content import (
    Concern,
    Content,
    gather,
    items_of,
    province_of,
    section_title,
)
from tracking.documents.wordml import (
    CELL_MARGIN,
    FONT,
    add_paragraph,
    add_run,
    cant_split,
    caps_mm,
    cell_line,
    grid_table,
    number,
    page_number_field,
    plain_table,
    rule_under,
    set_widths,
)
from tracking.selectors.rollup import Tally
from tracking.selectors.rows import Row
from tracking.status import TaskStatus

__all__ = ["gather", "items_of", "midterm_docx", "number", "place_and_date", "subject"]

BEHIND = (TaskStatus.BEHIND, TaskStatus.OVERDUE, TaskStatus.BLOCKED)


def place_and_date(place: str, day: date) -> str:
    """ "Bình Phước, ngày 05 tháng 6 năm 2023": days below 10 and the months January and
    February take a leading zero, in Party documents (HD 36-HD/VPTW: "ngày 20 tháng 02 năm
    2018") as in state ones (NĐ 30/2020: "ngày 05 tháng 01 năm 2020")."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


# Document building ----------------------------------------------------------------------------

# Widths in mm. The page's text is 165 mm wide (A4 less 30 and 15 mm margins); the header's
# right column must hold the quốc hiệu on one line (95 mm at 13 pt bold in Times New Roman).
TEXT_WIDTH = 165
HEADER_COLUMNS = (62, 103)
# Measured in Times New Roman (Liberation Serif has the same metrics), bold.
QUOC_HIEU_13 = 95.0
TIEU_NGU_14 = 60.4
DANG_15 = 72.7
# The groups, difficulties and proposals the body of the report names before it refers the
# reader to the appendix for the rest.
LISTED = 10


def _is_state(programme: Programme) -> bool:
    """A plan of the UBND is a state document (Nghị định 30/2020/NĐ-CP); the rest are the
    Party's (Hướng dẫn 36-HD/VPTW)."""
    return programme.code_issuer.upper().startswith("UBND")


def _header(document, content: Content) -> None:
    programme = content.programme
    province = province_of(programme)
    state = _is_state(programme)
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    plain_table(table)
    set_widths(table, HEADER_COLUMNS)
    left, right = table.rows[0].cells
    left_mm, right_mm = HEADER_COLUMNS
    if state:
        # NĐ 30/2020: the body in capitals, bold, 13 pt, a rule of a third to a half of the
        # line under it; "Số:" and the symbol below; the quốc hiệu 13 pt bold on one line,
        # the tiêu ngữ 14 pt bold with a rule as long as it; place and date in italics.
        cell_line(left, "ỦY BAN NHÂN DÂN", bold=True, size=13)
        name = f"TỈNH {province}".upper().strip()
        cell_line(left, name, bold=True, size=13)
        rule_under(
            left,
            text_mm=caps_mm(max(name, "ỦY BAN NHÂN DÂN", key=len), 13),
            column_mm=left_mm,
            share=0.4,
        )
        cell_line(left, "", size=6)
        cell_line(left, "Số:        /BC-UBND", size=13)
        cell_line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13)
        cell_line(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=14)
        rule_under(right, text_mm=TIEU_NGU_14, column_mm=right_mm)
        date_line = place_and_date(province, content.day)
    else:
        # HD 36-HD/VPTW: "TỈNH ỦY …" 14 pt bold with a star under it, "Số …-BC/TU" 14 pt
        # (no colon); "ĐẢNG CỘNG SẢN VIỆT NAM" 15 pt bold with a rule as long as it.
        cell_line(left, f"TỈNH ỦY {province}".upper().strip(), bold=True, size=14)
        cell_line(left, "*", size=14)
        cell_line(left, "Số        -BC/TU", size=14)
        cell_line(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, size=15)
        rule_under(right, text_mm=DANG_15, column_mm=right_mm)
        date_line = place_and_date(province, content.day)
    cell_line(right, "", size=8)
    cell_line(right, date_line if province else date_line.lstrip(", "), italic=True, size=14)


def subject(programme: Programme) -> tuple[str, str]:
    """The trích yếu on two lines, naming the programme once: "Sơ kết giữa nhiệm kỳ thực hiện
    Chương trình hành động số 17-CTr/TU" and what it is about, without its kind again."""
    kind = programme.get_kind_display()
    if not programme.code:
        return "Sơ kết giữa nhiệm kỳ thực hiện", programme.title
    first = f"Sơ kết giữa nhiệm kỳ thực hiện {kind} số {programme.code}"
    about = programme.title.strip()
    if about.casefold().startswith(kind.casefold()):
        about = about[len(kind) :].strip()
        # "… số 17-CTr/TU" or "… số 17" written into the title as well.
        about = re.sub(r"^số\s+\S+\s*", "", about, flags=re.IGNORECASE).strip(" ,")
    return first, about


def _title(document, content: Content) -> None:
    add_paragraph(document, "", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    paragraph = add_paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    add_run(paragraph, "BÁO CÁO", size=16 if not _is_state(content.programme) else 14, bold=True)
    for line in subject(content.programme):
        if line:
            paragraph = add_paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
            add_run(paragraph, line, size=14, bold=True)
    if _is_state(content.programme):
        rule_under(document, text_mm=TEXT_WIDTH / 3, column_mm=TEXT_WIDTH + 2 * CELL_MARGIN)
        add_paragraph(document, "", space_after=6)
    else:
        add_paragraph(document, "-----", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)


def _heading(document, text: str) -> None:
    paragraph = add_paragraph(document, indent=True, space_after=6, keep_with_next=True)
    paragraph.paragraph_format.space_before = Pt(6)
    add_run(paragraph, text, size=14, bold=True)


def _numeral(index: int) -> str:
    return ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"][index - 1]


def _roman(index: int, state: bool) -> str:
    """Section numbers: "I-" in Party documents (HD 36), "I." in state ones."""
    return f"{_numeral(index)}." if state else f"{_numeral(index)}-"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def counted(count: int, what: str) -> str:
    """ "12 nhiệm vụ chậm tiến độ"; "" when there are none, so no sentence says "0 nhiệm vụ"."""
    return f"{count} nhiệm vụ {what}".strip() if count else ""


def status_sentence(tally: Tally) -> str:
    """How the tasks stand, naming only the statuses that have tasks: "đã hoàn thành 12 nhiệm
    vụ (10 đúng hạn); 30 nhiệm vụ đang thực hiện đúng tiến độ; …"."""
    done = tally.completed
    late = tally.by_status[TaskStatus.COMPLETED_LATE]
    if done:
        first = f"đã hoàn thành {done} nhiệm vụ"
        if late:
            on_time = done - late
            first += (
                f" ({on_time} nhiệm vụ đúng hạn, {late} nhiệm vụ quá hạn)"
                if on_time
                else (", đều quá thời hạn đề ra")
            )
    else:
        first = "chưa có nhiệm vụ hoàn thành"
    parts = [
        first,
        counted(tally.by_status[TaskStatus.ON_TRACK], "đang thực hiện đúng tiến độ"),
        counted(tally.by_status[TaskStatus.BEHIND], "đang thực hiện nhưng chậm tiến độ"),
        counted(tally.blocked, "gặp khó khăn, vướng mắc"),
        counted(tally.overdue, "đã quá thời hạn nhưng chưa hoàn thành"),
        counted(tally.by_status[TaskStatus.NOT_STARTED], "chưa triển khai"),
    ]
    return "; ".join(part for part in parts if part)


def group_sentence(tally: Tally) -> str:
    """A group in a line: its size, what is done, its mean progress and what lags, naming
    only what has tasks ("37 nhiệm vụ, chưa có nhiệm vụ hoàn thành, tiến độ bình quân 80,8%;
    6 nhiệm vụ quá hạn")."""
    done = f"hoàn thành {tally.completed}" if tally.completed else "chưa có nhiệm vụ hoàn thành"
    text = f"{tally.total} nhiệm vụ, {done}"
    if tally.progress is not None:
        text += f", tiến độ bình quân {_percent(tally.progress)}"
    lagging = [
        counted(tally.by_status[TaskStatus.BEHIND], "chậm tiến độ"),
        counted(tally.blocked, "vướng mắc"),
        counted(tally.overdue, "quá hạn"),
    ]
    named = ", ".join(part for part in lagging if part)
    return f"{text}; {named}" if named else f"{text}; không có nhiệm vụ chậm, quá hạn"


def _item(title: str) -> str:
    """A list item: a dash before it unless it carries its own number ("1. Kinh tế"), so
    that no line starts with two markers."""
    title = _capital(title.strip())
    return title if re.match(r"^[\dIVXLivxl]+[.)\-]", title) else f"- {title}"


def _percent(value: float | None) -> str:
    return f"{number(value)}%" if value is not None else ""


def _results(document, content: Content, state: bool) -> None:
    programme, total = content.programme, content.total
    kind = programme.get_kind_display()
    _heading(document, f"{_roman(1, state)} KẾT QUẢ THỰC HIỆN NHIỆM VỤ")
    if not total.total:
        add_paragraph(document, f"{kind} chưa có nhiệm vụ được giao để theo dõi.")
        return
    sentence = (
        f"Tính đến ngày {content.day:%d/%m/%Y}, {kind} có {total.total} nhiệm vụ; "
        f"{status_sentence(total)}."
    )
    add_paragraph(document, sentence)
    if total.progress is not None:
        measured = total.total - total.unreported
        tail = (
            f" ({total.unreported} nhiệm vụ chưa có báo cáo được xác nhận nên chưa tính)."
            if total.unreported
            else "."
        )
        add_paragraph(
            document,
            f"Tiến độ bình quân của {measured} nhiệm vụ có báo cáo đạt "
            f"{_percent(total.progress)}{tail}",
        )
    groups = content.groups
    if len(groups) > 1:
        add_paragraph(document, "Kết quả theo từng nhóm nhiệm vụ, giải pháp như sau:")
        for group in groups:
            paragraph = add_paragraph(document)
            add_run(paragraph, f"{_item(group['title'])}", italic=True)
            add_run(paragraph, " — ")
            add_run(paragraph, f"{group_sentence(group['tally'])}.")
        ranked = [g for g in groups if g["tally"].progress is not None]
        if len(ranked) > 1:
            best = max(ranked, key=lambda g: g["tally"].progress or 0)
            worst = min(ranked, key=lambda g: g["tally"].progress or 0)
            if best is not worst and best["tally"].progress != worst["tally"].progress:
                add_paragraph(
                    document,
                    f"Tiến độ bình quân cao nhất là {best['name']}, đạt "
                    f"{_percent(best['tally'].progress)}; thấp nhất là {worst['name']}, đạt "
                    f"{_percent(worst['tally'].progress)}.",
                )
    rows = []
    for index, group in enumerate(groups, start=1):
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
                str(tally.by_status[TaskStatus.NOT_STARTED]),
                _percent(tally.progress),
            ]
        )
    rows.append(
        [
            "",
            "Tổng cộng",
            str(total.total),
            str(total.completed),
            str(total.by_status[TaskStatus.ON_TRACK]),
            str(sum(total.by_status[s] for s in BEHIND)),
            str(total.by_status[TaskStatus.NOT_STARTED]),
            _percent(total.progress),
        ]
    )
    grid_table(
        document,
        [
            "STT",
            "Nhóm nhiệm vụ, giải pháp",
            "Số nhiệm vụ",
            "Hoàn thành",
            "Đúng tiến độ",
            "Chậm, quá hạn, vướng mắc",
            "Chưa triển khai",
            "Tiến độ bình quân",
        ],
        rows,
        [11, 52, 15, 17, 17, 19, 17, 17],
        size=11,
    )


def targets_sentence(content: Content) -> str:
    """How many targets are met, naming none that has no target in it ("0/30")."""
    total = len(content.targets)
    met = sum(1 for item in content.targets if item["judged"] and item["judged"].met)
    unknown = sum(1 for item in content.targets if not item["judged"])
    if unknown == total:
        return (
            f"Tính đến ngày {content.day:%d/%m/%Y}, các chỉ tiêu chưa có số liệu thực hiện "
            "được xác nhận."
        )
    if met == total:
        return f"Các chỉ tiêu đề ra đều đạt và vượt ({met}/{total} chỉ tiêu)."
    sentence = (
        f"Trong {total} chỉ tiêu, {met} chỉ tiêu đạt và vượt"
        if met
        else f"Trong {total} chỉ tiêu, chưa có chỉ tiêu đạt"
    )
    if unknown:
        sentence += f"; {unknown} chỉ tiêu chưa có số liệu"
    return f"{sentence}."


def _targets(document, content: Content, state: bool) -> None:
    _heading(document, f"{_roman(2, state)} KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
    if not content.targets:
        add_paragraph(
            document, f"{content.programme.get_kind_display()} không đề ra chỉ tiêu định lượng."
        )
        return
    rows = []
    for index, item in enumerate(content.targets, start=1):
        target, judged = item["target"], item["judged"]
        rows.append(
            [
                str(index),
                target.name,
                target.unit,
                f"{target.get_comparator_display()} {number(target.planned_value, 2)}",
                number(judged.value, 2) if judged else "",
                number(judged.ratio) if judged and judged.ratio is not None else "",
                judged.label if judged else "Chưa có số liệu",
            ]
        )
    add_paragraph(document, targets_sentence(content))
    grid_table(
        document,
        ["STT", "Chỉ tiêu", "ĐVT", "Mục tiêu NQ", "Thực hiện", "Tỷ lệ %", "Đánh giá"],
        rows,
        [10, 48, 15, 24, 22, 16, 30],
        size=11,
    )


@dataclass
class Appendix:
    """An appendix table: its title and what the body calls it ("Phụ lục 2")."""

    number: int
    title: str
    state: bool = False

    @property
    def name(self) -> str:
        """ "Phụ lục 2" in Party documents; "Phụ lục II" in state ones (NĐ 30/2020)."""
        return f"Phụ lục {_numeral(self.number) if self.state else self.number}"


def _concerns_section(
    document,
    heading: str,
    concerns: list[Concern],
    *,
    what: str,
    appendix: Appendix | None,
    none: str,
) -> None:
    """Identical items once, with how many tasks raised them, most frequent first."""
    _heading(document, heading)
    if not concerns:
        add_paragraph(document, none)
        return
    tasks = len({row.pk for concern in concerns for row in concern.rows})
    where = f" (các nhiệm vụ nêu từng nội dung tại {appendix.name})" if appendix else ""
    add_paragraph(
        document,
        f"Qua báo cáo đã được xác nhận của các cơ quan chủ trì, có {tasks} nhiệm vụ nêu "
        f"{what}; tổng hợp theo nội dung như sau{where}:",
    )
    for concern in concerns[:LISTED]:
        add_paragraph(document, f"- {concern.text} — {concern.count} nhiệm vụ.")
    rest = concerns[LISTED:]
    if rest:
        others = len({row.pk for concern in rest for row in concern.rows})
        add_paragraph(
            document,
            f"- {len(rest)} nội dung khác, mỗi nội dung do ít nhiệm vụ nêu — {others} nhiệm vụ.",
        )


def _remaining(document, content: Content, state: bool, appendices: dict[str, Appendix]) -> None:
    _heading(document, f"{_roman(5, state)} NHIỆM VỤ TRỌNG TÂM THỜI GIAN CÒN LẠI CỦA NHIỆM KỲ")
    remaining, overdue = content.remaining, content.overdue
    if not remaining and not overdue:
        add_paragraph(document, "Các nhiệm vụ đã hoàn thành; tiếp tục duy trì, phát huy kết quả.")
        return
    if remaining:
        add_paragraph(
            document,
            f"Tập trung chỉ đạo thực hiện {len(remaining)} nhiệm vụ chưa hoàn thành và còn "
            f"trong thời hạn (danh mục tại {appendices['remaining'].name}), trong đó:",
        )
        wanted = {row.pk for row in remaining}
        by_section = {
            section_title(section, len(content.sections)): sum(
                1 for row in section.rows if row.pk in wanted
            )
            for section in content.sections
        }
        for title, count in by_section.items():
            if count:
                add_paragraph(document, f"{_item(title)} — {count} nhiệm vụ.")
        first_due = sorted(
            (row for row in remaining if row.deadline_due is not None),
            key=lambda row: row.deadline_due or content.day,
        )
        soon = [
            row
            for row in first_due
            if row.deadline_due and row.deadline_due.year == content.day.year
        ]
        if soon:
            add_paragraph(
                document,
                f"Có {len(soon)} nhiệm vụ đến hạn từ nay đến hết năm "
                f"{content.day.year}, cần ưu tiên hoàn thành đúng thời hạn.",
            )
    if overdue:
        add_paragraph(
            document,
            f"Đối với {len(overdue)} nhiệm vụ đã quá thời hạn nhưng chưa hoàn thành (danh mục "
            f"tại {appendices['overdue'].name}), các cơ quan chủ trì khẩn trương rà soát, "
            "báo cáo rõ nguyên nhân, đề xuất thời hạn hoàn thành mới.",
        )
    if content.difficulties:
        add_paragraph(
            document,
            "Các cơ quan có thẩm quyền xem xét, tháo gỡ các khó khăn, vướng mắc đã nêu tại "
            "mục III; các cơ quan chủ trì báo cáo kết quả thực hiện theo định kỳ.",
        )


def _signature(document, content: Content) -> None:
    """ "Nơi nhận" on the left, the signer on the right with room for the signature and seal
    and a line for the name. Party (HD 36): "Nơi nhận:" 14 pt underlined, the list 12 pt,
    each line ending with a comma. State (NĐ 30): "Nơi nhận:" 12 pt bold italic, the list
    11 pt, each line ending with a semicolon, "- Lưu: VT." last."""
    state = _is_state(content.programme)
    # The last lines of the text go with the signature: a signer alone on a page signs nothing.
    for paragraph in document.paragraphs[-2:]:
        paragraph.paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=2)
    plain_table(table)
    set_widths(table, [80, 85])
    for row in table.rows:
        cant_split(row)
    left, right = table.rows[0].cells
    if state:
        cell_line(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
        recipients = [
            "- Thường trực Tỉnh ủy;",
            "- Thường trực HĐND tỉnh;",
            "- Chủ tịch, các PCT UBND tỉnh;",
            "- Các sở, ban, ngành tỉnh;",
            "- UBND các huyện, thị xã, thành phố;",
            "- Lưu: VT.",
        ]
        size: float = 11
        authority, title = "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    else:
        cell_line(left, "Nơi nhận:", underline=True, size=14, align=WD_ALIGN_PARAGRAPH.LEFT)
        recipients = [
            "- Các đồng chí Tỉnh ủy viên,",
            "- Các ban, đảng đoàn, ban cán sự đảng,",
            "  đảng ủy trực thuộc Tỉnh ủy,",
            "- Các sở, ban, ngành, MTTQ và",
            "  các tổ chức chính trị - xã hội tỉnh,",
            "- Lưu Văn phòng Tỉnh ủy.",
        ]
        size = 12
        authority, title = "T/M BAN THƯỜNG VỤ", "BÍ THƯ"
    for line in recipients:
        cell_line(left, line, size=size, align=WD_ALIGN_PARAGRAPH.LEFT)
    cell_line(right, authority, bold=True, size=14)
    cell_line(right, title, bold=True, size=14)
    for _ in range(5):  # the signature and the seal
        cell_line(right, "", size=14)
    cell_line(right, "…………………………", bold=True, size=14)  # the signer's name


def _appendix_heading(document, content: Content, appendix: Appendix) -> None:
    state = _is_state(content.programme)
    paragraph = add_paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    paragraph.paragraph_format.page_break_before = True
    add_run(paragraph, appendix.name.upper() if not state else appendix.name, bold=True)
    add_paragraph(
        document,
        appendix.title.upper(),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        bold=True,
        space_after=0,
    )
    province = province_of(content.programme)
    if state:
        attached = (
            f"(Kèm theo Báo cáo số        /BC-UBND ngày {content.day:%d/%m/%Y} của "
            f"Ủy ban nhân dân tỉnh {province})".replace(" )", ")")
        )
    else:
        attached = (
            f"(Kèm theo Báo cáo số        -BC/TU, ngày {content.day:%d/%m/%Y} "
            "của Ban Thường vụ Tỉnh ủy)"
        )
    add_paragraph(document, attached, align=WD_ALIGN_PARAGRAPH.CENTER, italic=True, space_after=0)
    if state:  # NĐ 30: a short rule; HD 36: five hyphens
        rule_under(document, text_mm=TEXT_WIDTH / 3, column_mm=TEXT_WIDTH + 2 * CELL_MARGIN)
        add_paragraph(document, "", space_after=0)
    else:
        add_paragraph(document, "-----", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)


def _shown_number(row: Row) -> str:
    """The programme's number, unless it is only a list marker ("-", "+")."""
    return row.number.strip() if any(ch.isalnum() for ch in row.number) else ""


def _reference(row: Row) -> str:
    """How a table names a task: its number in the programme, or its title's start."""
    shown = _shown_number(row).rstrip(".")
    if shown:
        return shown
    title = _capital(row.title.strip())
    return title if len(title) <= 40 else f"{title[:38].rstrip()}…"


def _with_banners(content: Content, rows: list[Row]) -> tuple[list[Row], dict[int, str]]:
    """``rows`` in the programme's order with each group's title before its first row."""
    wanted = {row.pk for row in rows}
    ordered: list[Row] = []
    banners: dict[int, str] = {}
    for section in content.sections:
        members = [row for row in section.rows if row.pk in wanted]
        if members and len(content.sections) > 1:
            banners[len(ordered)] = _capital(section_title(section, len(content.sections)))
        ordered.extend(members)
    return ordered, banners


def _situation(row: Row) -> str:
    """The status as the pages word it; for an overdue task, by how many days."""
    if row.days_overdue is not None:
        return f"Quá hạn {row.days_overdue} ngày"
    return str(TaskStatus(row.status).label)


def _task_appendix(document, content: Content, appendix: Appendix, rows: list[Row]) -> None:
    """A full list of tasks, by group in the programme's order, numbered as the programme
    numbers them."""
    _appendix_heading(document, content, appendix)
    ordered, banners = _with_banners(content, rows)
    grid_table(
        document,
        ["Số TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tình hình thực hiện", "Tiến độ"],
        [
            [
                _shown_number(row),
                _capital(row.title.strip()),
                row.lead,
                row.deadline_text,
                _situation(row),
                f"{row.percent}%" if row.percent is not None else "",
            ]
            for row in ordered
        ],
        [13, 60, 28, 18, 35, 11],
        size=11,
        left=(1, 2),
        banners=banners,
    )


def _concern_appendix(
    document, content: Content, appendix: Appendix, concerns: list[Concern], column: str
) -> None:
    """Every difficulty (or proposal) as written, once, with the tasks that raised it by
    their numbers in the programme, in its order."""
    _appendix_heading(document, content, appendix)
    grid_table(
        document,
        ["STT", column, "Số nhiệm vụ", "Nhiệm vụ nêu (theo số thứ tự của chương trình)"],
        [
            [
                str(index),
                f"{concern.text}.",
                str(concern.count),
                ", ".join(_reference(row) for row in concern.rows) + ".",
            ]
            for index, concern in enumerate(concerns, start=1)
        ],
        [12, 55, 18, 80],
        size=11,
        left=(1, 3),
    )


def _plan_appendices(content: Content) -> dict[str, Appendix]:
    """Number the appendices that have rows, in the order the body refers to them."""
    titles = {
        "remaining": "Nhiệm vụ chưa hoàn thành, còn trong thời hạn",
        "overdue": "Nhiệm vụ đã quá thời hạn nhưng chưa hoàn thành",
        "difficulties": "Khó khăn, vướng mắc và các nhiệm vụ nêu",
        "proposals": "Kiến nghị, đề xuất và các nhiệm vụ nêu",
    }
    present = {
        "remaining": bool(content.remaining),
        "overdue": bool(content.overdue),
        "difficulties": bool(content.difficulties),
        "proposals": bool(content.proposals),
    }
    planned: dict[str, Appendix] = {}
    for key, title in titles.items():
        if present[key]:
            planned[key] = Appendix(len(planned) + 1, title, _is_state(content.programme))
    return planned


def _body(document, content: Content) -> None:
    state = _is_state(content.programme)
    appendices = _plan_appendices(content)
    _results(document, content, state)
    _targets(document, content, state)
    _concerns_section(
        document,
        f"{_roman(3, state)} KHÓ KHĂN, VƯỚNG MẮC",
        content.difficulties,
        what="khó khăn, vướng mắc",
        appendix=appendices.get("difficulties"),
        none="Các báo cáo đã xác nhận không nêu khó khăn, vướng mắc.",
    )
    _concerns_section(
        document,
        f"{_roman(4, state)} KIẾN NGHỊ, ĐỀ XUẤT",
        content.proposals,
        what="kiến nghị, đề xuất",
        appendix=appendices.get("proposals"),
        none="Các báo cáo đã xác nhận không có kiến nghị, đề xuất.",
    )
    for paragraph in content.register:
        add_paragraph(document, paragraph)
    _remaining(document, content, state, appendices)


def _appendices(document, content: Content) -> None:
    appendices = _plan_appendices(content)
    if "remaining" in appendices:
        _task_appendix(document, content, appendices["remaining"], content.remaining)
    if "overdue" in appendices:
        _task_appendix(document, content, appendices["overdue"], content.overdue)
    if "difficulties" in appendices:
        _concern_appendix(
            document,
            content,
            appendices["difficulties"],
            content.difficulties,
            "Khó khăn, vướng mắc",
        )
    if "proposals" in appendices:
        _concern_appendix(
            document, content, appendices["proposals"], content.proposals, "Kiến nghị, đề xuất"
        )


def midterm_docx(programme: Programme, day: date) -> bytes:
    with translation.override("vi"):
        content = gather(programme, day)
        document = Document()
        section = document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.header_distance = Mm(10)
        section.different_first_page_header_footer = True  # no number on page 1
        number_line = section.header.paragraphs[0]
        number_line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        page_number_field(number_line)
        style = document.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(14)
        style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        _header(document, content)
        _title(document, content)
        _body(document, content)
        _signature(document, content)
        _appendices(document, content)
        buffer = BytesIO()
        document.save(buffer)
        return buffer.getvalue()
