"""Excel exports of the lists leaders act on (openpyxl): Vietnamese headings, dates as
dd/mm/yyyy, a frozen header row and widths that fit."""

from collections.abc import Iterable, Sequence
from datetime import date
from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
