"""The mid-term review report (báo cáo sơ kết giữa nhiệm kỳ) as a Word document.

Laid out as the Tỉnh ủy's office would send it (Hướng dẫn 36-HD/VPTW; Quy định 399-QĐ/TW):
A4, Times New Roman, margins 20/20/30/15 mm, page numbers centred at the top from page 2;
the Party header ("TỈNH ỦY …" with "*" and "Số    -BC/TU" on the left, "ĐẢNG CỘNG SẢN VIỆT
NAM" with a rule and the italic place-and-date line on the right) or, for a plan of the UBND,
the state header (Nghị định 30/2020/NĐ-CP). The numbers come from the same reads as the
leaders' pages, as of the chosen day.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import translation
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from programmes.models import Body, BodyKind, Programme, Task
from tracking.models import ProgressReport, ReportState
from tracking.selectors.rollup import Section, Tally, rollup
from tracking.selectors.rows import Row, end_of, rows_on
from tracking.selectors.targets import target_judgements
from tracking.status import COMPLETED, TaskStatus

FONT = "Times New Roman"
BEHIND = (TaskStatus.BEHIND, TaskStatus.OVERDUE, TaskStatus.BLOCKED)


def place_and_date(place: str, day: date) -> str:
    """ "Bình Phước, ngày 05 tháng 6 năm 2023": days below 10 and the months January and
    February take a leading zero, in Party documents (HD 36-HD/VPTW: "ngày 20 tháng 02 năm
    2018") as in state ones (NĐ 30/2020: "ngày 05 tháng 01 năm 2020")."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def _province(programme: Programme) -> str:
    body = programme.issuing_body
    if body is None:
        return ""
    for ancestor in Body.objects.ancestors(body, include_self=True):
        if ancestor.kind == BodyKind.PROVINCE:
            return ancestor.short_name or ancestor.name.removeprefix("Tỉnh ").strip()
    return ""


@dataclass
class Concern:
    """A difficulty or proposal as the offices wrote it, with the tasks whose confirmed reports
    raised it (each task once, in the programme's order)."""

    text: str
    rows: list[Row] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rows)


@dataclass
class Content:
    programme: Programme
    day: date
    sections: list[Section]
    targets: list[dict]
    difficulties: list[Concern]
    proposals: list[Concern]
    remaining: list[Row]
    overdue: list[Row]
    total: Tally

    @property
    def groups(self) -> list[dict]:
        """The sections that hold tasks, with the title the report gives them."""
        return [
            {
                "title": section_title(section, len(self.sections)),
                "name": _named(section, len(self.sections)),
                "tally": section.tally,
            }
            for section in self.sections
            if section.tally.total
        ]


def section_title(section: Section, count: int) -> str:
    if section.title:
        return section.title
    return "Các nhiệm vụ khác" if count > 1 else "Các nhiệm vụ, giải pháp"


def _named(section: Section, count: int) -> str:
    """A group as a sentence names it: its title without its number, "nhóm" in lower case
    ("nhóm nhiệm vụ 5: hạ tầng giao thông")."""
    title = section.group.title.strip() if section.group else section_title(section, count)
    if title[:4].casefold() == "nhóm":
        return "nhóm" + title[4:]
    return f"nhóm {title[:1].lower()}{title[1:]}"


BULLET = re.compile(r"^[\s\-–—+•*·]+")


def items_of(text: str) -> list[str]:
    """A report's free text as separate items: one per line, without list markers or the
    final full stop, so that "- Thiếu kinh phí." and "Thiếu kinh phí" are the same item."""
    found = []
    for line in text.splitlines():
        item = BULLET.sub("", line).strip().rstrip(".;,").strip()
        if item:
            found.append(item[:1].upper() + item[1:])
    return found


def _key(item: str) -> str:
    return " ".join(item.casefold().split())


def _concerns(
    reports: list[tuple[int, str]], rows: dict[int, Row], order: dict[int, int]
) -> list[Concern]:
    """Identical items grouped with the tasks that raised them (each once, in the
    programme's order), the most frequent first."""
    concerns: dict[str, Concern] = {}
    counted: dict[str, set[int]] = {}
    for task_id, text in reports:
        row = rows.get(task_id)
        if row is None:
            continue
        for item in items_of(text):
            key = _key(item)
            concern = concerns.setdefault(key, Concern(item))
            if task_id not in counted.setdefault(key, set()):
                counted[key].add(task_id)
                concern.rows.append(row)
    for concern in concerns.values():
        concern.rows.sort(key=lambda r: order[r.pk])
    return sorted(concerns.values(), key=lambda c: (-c.count, _key(c.text)))


def gather(programme: Programme, day: date) -> Content:
    """What the report says, from the same reads as the leaders' pages: the rows of the day,
    rolled up by the one roll-up rule. Difficulties and proposals come from every confirmed
    lead report up to the day, not only the latest: a difficulty reported in one quarter
    stays in the review even when a later report no longer repeats it."""
    rows = rows_on(day, Task.objects.filter(programme=programme))
    # Short names ("Sở Tài chính") keep the appendix tables' rows to a line or two.
    names = {
        pk: short or name
        for pk, name, short in Body.objects.values_list("pk", "name", "short_name")
    }
    for row in rows:
        row.lead = names.get(row.lead_id, "") if row.lead_id else ""
    sections, total = rollup(programme, rows)
    ordered = [row for section in sections for row in section.rows]
    order = {row.pk: index for index, row in enumerate(ordered)}
    by_pk = {row.pk: row for row in ordered}
    reports = list(
        ProgressReport.objects.filter(
            task_id__in=list(by_pk),
            is_lead=True,
            state=ReportState.CONFIRMED,
            decided_at__lt=end_of(day),
        )
        .exclude(difficulties="", proposals="")
        .order_by("period__ends_on", "decided_at")
        .values_list("task_id", "difficulties", "proposals")
    )
    difficulties = _concerns([(task, text) for task, text, _ in reports], by_pk, order)
    proposals = _concerns([(task, text) for task, _, text in reports], by_pk, order)
    judged = target_judgements(day, [programme.pk])
    targets = [
        {"target": target, "judged": judged.get(target.pk)} for target in programme.targets.all()
    ]
    # The rest of the term: what is neither done nor already past its deadline on the day;
    # the overdue ones (the status engine's word, not a date compared here) get their own list.
    open_rows = [row for row in ordered if row.status not in COMPLETED]
    return Content(
        programme=programme,
        day=day,
        sections=sections,
        targets=targets,
        difficulties=difficulties,
        proposals=proposals,
        remaining=[row for row in open_rows if row.status != TaskStatus.OVERDUE],
        overdue=[row for row in open_rows if row.status == TaskStatus.OVERDUE],
        total=total,
    )


# Document building ----------------------------------------------------------------------------

# Widths in mm. The page's text is 165 mm wide (A4 less 30 and 15 mm margins); the header's
# right column must hold the quốc hiệu on one line (95 mm at 13 pt bold in Times New Roman).
TEXT_WIDTH = 165
HEADER_COLUMNS = (62, 103)
CELL_MARGIN = 1  # each side, set on the header and signature tables
# Measured in Times New Roman (Liberation Serif has the same metrics), bold.
QUOC_HIEU_13 = 95.0
TIEU_NGU_14 = 60.4
DANG_15 = 72.7
CAPS_EM = 0.63  # mean advance of a bold capital, in ems: for names we cannot measure ahead
# The groups, difficulties and proposals the body of the report names before it refers the
# reader to the appendix for the rest.
LISTED = 10


def _run(paragraph, text: str, *, size: float = 14, bold=False, italic=False, underline=False):
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    run.underline = underline
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return run


def _paragraph(
    container,
    text: str = "",
    *,
    align=None,
    size: float = 14,
    bold=False,
    italic=False,
    indent=True,
    space_after: float = 6,
    keep_with_next=False,
):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.keep_with_next = keep_with_next
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _rule_under(container, *, text_mm: float, column_mm: float, share: float = 1.0) -> None:
    """A solid line under the centred line of ``text_mm`` just written, ``share`` of its
    length. It is the top border of a paragraph of its own, brought in by indents: a border
    on the text's own paragraph would span the column, and indents there could wrap it."""
    paragraph = container.add_paragraph()
    inside = column_mm - 2 * CELL_MARGIN
    side = max(0.0, (inside - text_mm * share) / 2)
    layout = paragraph.paragraph_format
    layout.left_indent = layout.right_indent = Mm(side)
    layout.space_before, layout.space_after = Pt(2), Pt(0)  # clear of the letters above
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = Pt(3)
    border = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    border.append(top)
    paragraph._p.get_or_add_pPr().append(border)


def _caps_mm(text: str, size: float) -> float:
    return len(text) * CAPS_EM * size * 25.4 / 72


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


def _widths(table, widths_mm: list[float] | tuple[float, ...]) -> None:
    """Fixed column widths that Word and LibreOffice both keep."""
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _plain(table) -> None:
    """No borders and narrow cell margins: a layout table for the header and signature."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(round(CELL_MARGIN * 56.7)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def _line(
    cell,
    text: str,
    *,
    bold=False,
    italic=False,
    underline=False,
    size: float = 14,
    align=WD_ALIGN_PARAGRAPH.CENTER,
):
    """A line in a table cell: the cell's first (empty) paragraph, then new ones."""
    first = cell.paragraphs[0]
    paragraph = first if not first.text and not first.runs else cell.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(0)
    _run(paragraph, text, size=size, bold=bold, italic=italic, underline=underline)
    return paragraph


def _is_state(programme: Programme) -> bool:
    """A plan of the UBND is a state document (Nghị định 30/2020/NĐ-CP); the rest are the
    Party's (Hướng dẫn 36-HD/VPTW)."""
    return programme.code_issuer.upper().startswith("UBND")


def _header(document, content: Content) -> None:
    programme = content.programme
    province = _province(programme)
    state = _is_state(programme)
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _plain(table)
    _widths(table, HEADER_COLUMNS)
    left, right = table.rows[0].cells
    left_mm, right_mm = HEADER_COLUMNS
    if state:
        # NĐ 30/2020: the body in capitals, bold, 13 pt, a rule of a third to a half of the
        # line under it; "Số:" and the symbol below; the quốc hiệu 13 pt bold on one line,
        # the tiêu ngữ 14 pt bold with a rule as long as it; place and date in italics.
        _line(left, "ỦY BAN NHÂN DÂN", bold=True, size=13)
        name = f"TỈNH {province}".upper().strip()
        _line(left, name, bold=True, size=13)
        _rule_under(
            left,
            text_mm=_caps_mm(max(name, "ỦY BAN NHÂN DÂN", key=len), 13),
            column_mm=left_mm,
            share=0.4,
        )
        _line(left, "", size=6)
        _line(left, "Số:        /BC-UBND", size=13)
        _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13)
        _line(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=14)
        _rule_under(right, text_mm=TIEU_NGU_14, column_mm=right_mm)
        date_line = place_and_date(province, content.day)
    else:
        # HD 36-HD/VPTW: "TỈNH ỦY …" 14 pt bold with a star under it, "Số …-BC/TU" 14 pt
        # (no colon); "ĐẢNG CỘNG SẢN VIỆT NAM" 15 pt bold with a rule as long as it.
        _line(left, f"TỈNH ỦY {province}".upper().strip(), bold=True, size=14)
        _line(left, "*", size=14)
        _line(left, "Số        -BC/TU", size=14)
        _line(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, size=15)
        _rule_under(right, text_mm=DANG_15, column_mm=right_mm)
        date_line = place_and_date(province, content.day)
    _line(right, "", size=8)
    _line(right, date_line if province else date_line.lstrip(", "), italic=True, size=14)


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
    _paragraph(document, "", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _run(paragraph, "BÁO CÁO", size=16 if not _is_state(content.programme) else 14, bold=True)
    for line in subject(content.programme):
        if line:
            paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
            _run(paragraph, line, size=14, bold=True)
    if _is_state(content.programme):
        _rule_under(document, text_mm=TEXT_WIDTH / 3, column_mm=TEXT_WIDTH + 2 * CELL_MARGIN)
        _paragraph(document, "", space_after=6)
    else:
        _paragraph(document, "-----", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)


def _heading(document, text: str) -> None:
    paragraph = _paragraph(document, indent=True, space_after=6, keep_with_next=True)
    paragraph.paragraph_format.space_before = Pt(6)
    _run(paragraph, text, size=14, bold=True)


def _numeral(index: int) -> str:
    return ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"][index - 1]


def _roman(index: int, state: bool) -> str:
    """Section numbers: "I-" in Party documents (HD 36), "I." in state ones."""
    return f"{_numeral(index)}." if state else f"{_numeral(index)}-"


def _cant_split(row) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def _twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def _cell_xml(
    text: str,
    width: float,
    *,
    size: float,
    bold: bool,
    left: bool,
    span: int = 1,
    keep_next: bool = False,
) -> str:
    """A table cell as WordprocessingML: one paragraph per line of ``text``. Tables of a few
    hundred rows are written as text and parsed once; python-docx's cell-by-cell calls take
    seconds for them."""
    run_properties = (
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" '
        f'w:cs="{FONT}"/>{"<w:b/>" if bold else ""}<w:sz w:val="{round(size * 2)}"/>'
        f'<w:szCs w:val="{round(size * 2)}"/></w:rPr>'
    )
    align = "left" if left else "center"
    keep = "<w:keepNext/>" if keep_next else ""
    paragraphs = "".join(
        f'<w:p><w:pPr>{keep}<w:spacing w:before="0" w:after="0"/><w:jc w:val="{align}"/></w:pPr>'
        f'<w:r>{run_properties}<w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        for line in (text.split("\n") if text else [""])
    )
    spanned = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{_twips(width)}" w:type="dxa"/>{spanned}'
        f'<w:vAlign w:val="center"/></w:tcPr>{paragraphs}</w:tc>'
    )


def _table(
    document,
    headings: list[str],
    rows: list[list[str]],
    widths: list[float],
    *,
    size: float = 12,
    left: tuple[int, ...] = (1,),
    banners: dict[int, str] | None = None,
    bold_last: bool = False,
) -> None:
    """A ruled table of fixed column widths, its heading row repeated on each page and no row
    split across pages; ``banners`` puts a full-width bold row (a group's title) before the
    row of that index."""
    borders = "".join(
        f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    parts = [
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{_twips(sum(widths))}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
        '<w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{_twips(width)}"/>' for width in widths),
        "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
        *(
            _cell_xml(text, width, size=size, bold=True, left=False)
            for text, width in zip(headings, widths, strict=True)
        ),
        "</w:tr>",
    ]
    for index, values in enumerate(rows):
        if banners and index in banners:
            parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            parts.append(
                _cell_xml(
                    banners[index],
                    sum(widths),
                    size=size,
                    bold=True,
                    left=True,
                    span=len(widths),
                    keep_next=True,  # a group's title never ends a page
                )
            )
            parts.append("</w:tr>")
        bold = bold_last and index == len(rows) - 1
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        parts.extend(
            _cell_xml(text, width, size=size, bold=bold, left=column in left)
            for column, (text, width) in enumerate(zip(values, widths, strict=True))
        )
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    after = _paragraph(document, "", space_after=0)
    after._p.addprevious(parse_xml("".join(parts)))


def number(value, digits: int = 1) -> str:
    """1.234,5 — Vietnamese grouping and decimal comma."""
    if value is None:
        return ""
    text = f"{float(value):,.{digits}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


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
        _paragraph(document, f"{kind} chưa có nhiệm vụ được giao để theo dõi.")
        return
    sentence = (
        f"Tính đến ngày {content.day:%d/%m/%Y}, {kind} có {total.total} nhiệm vụ; "
        f"{status_sentence(total)}."
    )
    _paragraph(document, sentence)
    if total.progress is not None:
        measured = total.total - total.unreported
        tail = (
            f" ({total.unreported} nhiệm vụ chưa có báo cáo được xác nhận nên chưa tính)."
            if total.unreported
            else "."
        )
        _paragraph(
            document,
            f"Tiến độ bình quân của {measured} nhiệm vụ có báo cáo đạt "
            f"{_percent(total.progress)}{tail}",
        )
    groups = content.groups
    if len(groups) > 1:
        _paragraph(document, "Kết quả theo từng nhóm nhiệm vụ, giải pháp như sau:")
        for group in groups:
            paragraph = _paragraph(document)
            _run(paragraph, f"{_item(group['title'])}", italic=True)
            _run(paragraph, " — ")
            _run(paragraph, f"{group_sentence(group['tally'])}.")
        ranked = [g for g in groups if g["tally"].progress is not None]
        if len(ranked) > 1:
            best = max(ranked, key=lambda g: g["tally"].progress or 0)
            worst = min(ranked, key=lambda g: g["tally"].progress or 0)
            if best is not worst and best["tally"].progress != worst["tally"].progress:
                _paragraph(
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
    _table(
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
        _paragraph(
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
    _paragraph(document, targets_sentence(content))
    _table(
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
        _paragraph(document, none)
        return
    tasks = len({row.pk for concern in concerns for row in concern.rows})
    where = f" (các nhiệm vụ nêu từng nội dung tại {appendix.name})" if appendix else ""
    _paragraph(
        document,
        f"Qua báo cáo đã được xác nhận của các cơ quan chủ trì, có {tasks} nhiệm vụ nêu "
        f"{what}; tổng hợp theo nội dung như sau{where}:",
    )
    for concern in concerns[:LISTED]:
        _paragraph(document, f"- {concern.text} — {concern.count} nhiệm vụ.")
    rest = concerns[LISTED:]
    if rest:
        others = len({row.pk for concern in rest for row in concern.rows})
        _paragraph(
            document,
            f"- {len(rest)} nội dung khác, mỗi nội dung do ít nhiệm vụ nêu — {others} nhiệm vụ.",
        )


def _remaining(document, content: Content, state: bool, appendices: dict[str, Appendix]) -> None:
    _heading(document, f"{_roman(5, state)} NHIỆM VỤ TRỌNG TÂM THỜI GIAN CÒN LẠI CỦA NHIỆM KỲ")
    remaining, overdue = content.remaining, content.overdue
    if not remaining and not overdue:
        _paragraph(document, "Các nhiệm vụ đã hoàn thành; tiếp tục duy trì, phát huy kết quả.")
        return
    if remaining:
        _paragraph(
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
                _paragraph(document, f"{_item(title)} — {count} nhiệm vụ.")
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
            _paragraph(
                document,
                f"Có {len(soon)} nhiệm vụ đến hạn từ nay đến hết năm "
                f"{content.day.year}, cần ưu tiên hoàn thành đúng thời hạn.",
            )
    if overdue:
        _paragraph(
            document,
            f"Đối với {len(overdue)} nhiệm vụ đã quá thời hạn nhưng chưa hoàn thành (danh mục "
            f"tại {appendices['overdue'].name}), các cơ quan chủ trì khẩn trương rà soát, "
            "báo cáo rõ nguyên nhân, đề xuất thời hạn hoàn thành mới.",
        )
    if content.difficulties:
        _paragraph(
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
    _plain(table)
    _widths(table, [80, 85])
    for row in table.rows:
        _cant_split(row)
    left, right = table.rows[0].cells
    if state:
        _line(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
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
        _line(left, "Nơi nhận:", underline=True, size=14, align=WD_ALIGN_PARAGRAPH.LEFT)
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
        _line(left, line, size=size, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(right, authority, bold=True, size=14)
    _line(right, title, bold=True, size=14)
    for _ in range(5):  # the signature and the seal
        _line(right, "", size=14)
    _line(right, "…………………………", bold=True, size=14)  # the signer's name


def _appendix_heading(document, content: Content, appendix: Appendix) -> None:
    state = _is_state(content.programme)
    paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    paragraph.paragraph_format.page_break_before = True
    _run(paragraph, appendix.name.upper() if not state else appendix.name, bold=True)
    _paragraph(
        document,
        appendix.title.upper(),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        bold=True,
        space_after=0,
    )
    number_text = "Báo cáo số        /BC-UBND" if state else "Báo cáo số        -BC/TU"
    author = "Ủy ban nhân dân tỉnh" if state else "Ban Thường vụ Tỉnh ủy"
    _paragraph(
        document,
        f"(Kèm theo {number_text}, ngày {content.day:%d/%m/%Y} của {author})",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        italic=True,
        space_after=0,
    )
    _paragraph(document, "-----", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)


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
    _table(
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
    _table(
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
        _page_number_field(number_line)
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
