"""Small pieces of a Word document written with python-docx: runs and paragraphs in Times New
Roman, rules as long as a line of text, layout tables without borders, and ruled tables of
hundreds of rows written as WordprocessingML in one go (python-docx's cell-by-cell calls take
seconds for them)."""

from xml.sax.saxutils import escape

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
CELL_MARGIN = 1  # mm each side, set on the layout tables (header and signature)
CAPS_EM = 0.63  # mean advance of a bold capital in Times New Roman, in ems


def add_run(paragraph, text: str, *, size: float = 14, bold=False, italic=False, underline=False):
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    run.underline = underline
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return run


def add_paragraph(
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
        add_run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def rule_under(container, *, text_mm: float, column_mm: float, share: float = 1.0) -> None:
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


def caps_mm(text: str, size: float) -> float:
    return len(text) * CAPS_EM * size * 25.4 / 72


def page_number_field(paragraph) -> None:
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


def set_widths(table, widths_mm: list[float] | tuple[float, ...]) -> None:
    """Fixed column widths that Word and LibreOffice both keep."""
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def plain_table(table) -> None:
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


def cell_line(
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
    add_run(paragraph, text, size=size, bold=bold, italic=italic, underline=underline)
    return paragraph


def cant_split(row) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def cell_xml(
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
        f'<w:tc><w:tcPr><w:tcW w:w="{twips(width)}" w:type="dxa"/>{spanned}'
        f'<w:vAlign w:val="center"/></w:tcPr>{paragraphs}</w:tc>'
    )


def grid_table(
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
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{twips(sum(widths))}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
        '<w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{twips(width)}"/>' for width in widths),
        "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
        *(
            cell_xml(text, width, size=size, bold=True, left=False)
            for text, width in zip(headings, widths, strict=True)
        ),
        "</w:tr>",
    ]
    for index, values in enumerate(rows):
        if banners and index in banners:
            parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            parts.append(
                cell_xml(
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
            cell_xml(text, width, size=size, bold=bold, left=column in left)
            for column, (text, width) in enumerate(zip(values, widths, strict=True))
        )
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    after = add_paragraph(document, "", space_after=0)
    after._p.addprevious(parse_xml("".join(parts)))


def number(value, digits: int = 1) -> str:
    """1.234,5 — Vietnamese grouping and decimal comma."""
    if value is None:
        return ""
    text = f"{float(value):,.{digits}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text
