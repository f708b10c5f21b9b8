"""Target readings from Excel: STT | Chỉ tiêu | ĐVT | Kỳ báo cáo | Thực hiện | Ghi chú.

A row names its target by the number (STT, the target's position in the programme) or by its
name, its period as officials write it ("Quý II/2023", "6 tháng đầu năm 2023", "Năm 2023")
and its value the Vietnamese way ("1.234,5", "83,2%"). Reading never writes; saving writes
every row or none.
"""

from dataclasses import asdict, dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from programmes.deadlines import DeadlineError, DeadlineKind, parse_deadline
from programmes.models import Programme
from programmes.text import fold, normalize
from tracking.documents.excel import keep_text
from tracking.numbers import check_reading, parse_vietnamese_number
from tracking.periods import period_span
from tracking.selectors.periods import locked_keys

MAX_ROWS = 5000  # rows read under the heading, blank ones included

HEADINGS = ["STT", "Chỉ tiêu", "ĐVT", "Kỳ báo cáo", "Thực hiện", "Ghi chú"]
COLUMNS = {
    "stt": "number",
    "chi tieu": "name",
    "ten chi tieu": "name",
    "dvt": "unit",
    "don vi tinh": "unit",
    "ky bao cao": "period",
    "ky": "period",
    "thuc hien": "value",
    "gia tri": "value",
    "ghi chu": "note",
}


@dataclass
class ReadingRow:
    line: int
    target_id: int
    target: str
    period: str
    kind: str
    year: int
    number: int
    value: str
    note: str


@dataclass
class ReadingError:
    line: int
    column: str
    message: str


def template_workbook(programme: Programme) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Chỉ tiêu"
    sheet.append(HEADINGS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, target in enumerate(programme.targets.all(), start=1):
        sheet.append([index, target.name, target.unit, "", None, ""])
    keep_text(sheet)
    for index, width in enumerate([6, 60, 12, 20, 14, 30], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize(str(value))


def _number(value) -> Decimal:
    """A cell's figure: a number as Excel stores it, or text as officials type it."""
    try:
        if isinstance(value, float):  # 15 significant digits: no binary noise (0.1 + 0.2)
            return check_reading(Decimal(f"{value:.15g}"), shown=_text(value))
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return check_reading(Decimal(value), shown=_text(value))
        return parse_vietnamese_number(_text(value))
    except ValidationError as error:
        raise ValueError(error.messages[0]) from None


def _period(text: str) -> tuple[str, int, int]:
    """(kind, year, number) of a reporting period written as officials write it."""
    try:
        parsed = parse_deadline(text)
    except DeadlineError:
        parsed = None
    start = parsed.start if parsed else None
    if parsed and start and parsed.kind == DeadlineKind.QUARTER:
        return "quarter", start.year, (start.month - 1) // 3 + 1
    if parsed and start and parsed.kind == DeadlineKind.HALF_YEAR:
        return "half_year", start.year, 1 if start.month == 1 else 2
    if parsed and start and parsed.kind == DeadlineKind.YEAR:
        return "year", start.year, 1
    raise ValueError(
        _(
            "“%(text)s” is not a reporting period. Write Quý II/2023, "
            "6 tháng đầu năm 2023 or Năm 2023."
        )
        % {"text": text}
    )


def read_readings_sheet(content: bytes, programme: Programme) -> tuple[list, list]:
    try:
        book = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file gets the same clear answer
        return [], [ReadingError(0, "", _("The file is not an Excel (.xlsx) workbook."))]
    rows_iter = book.worksheets[0].iter_rows(values_only=True)
    columns, header = {}, 0
    for line, values in enumerate(rows_iter, start=1):
        found = {
            COLUMNS[fold(_text(v))]: i for i, v in enumerate(values) if fold(_text(v)) in COLUMNS
        }
        if "value" in found and ("name" in found or "number" in found):
            columns, header = found, line
            break
        if line >= 15:
            break
    if not columns:
        message = _("No heading row found. The first row should read: %(headings)s.") % {
            "headings": " | ".join(HEADINGS)
        }
        return [], [ReadingError(1, "", message)]
    letters = {name: get_column_letter(index + 1) for name, index in columns.items()}
    targets = list(programme.targets.all())
    by_name = {fold(t.name): t for t in targets}
    locked = locked_keys(timezone.localdate())
    rows, errors = [], []
    for line, values in enumerate(rows_iter, start=header + 1):
        if line > header + MAX_ROWS:
            message = _("The sheet has more than %(max)s rows: split it into several files.") % {
                "max": f"{MAX_ROWS:,}".replace(",", ".")
            }
            return [], [asdict(ReadingError(line, "", message))]

        def cell(name, values=values):
            index = columns.get(name)
            return values[index] if index is not None and index < len(values) else None

        name, number, raw = _text(cell("name")), _text(cell("number")), cell("value")
        if not name and not number and raw in (None, ""):
            continue
        target = by_name.get(fold(name)) if name else None
        if target is None and number.isdigit() and 1 <= int(number) <= len(targets) and not name:
            target = targets[int(number) - 1]
        if target is None:
            column = letters.get("name", letters.get("number", "A"))
            errors.append(
                ReadingError(
                    line,
                    column,
                    _("No target “%(name)s” in this programme.") % {"name": name or number},
                )
            )
            continue
        period_text = _text(cell("period"))
        if isinstance(cell("period"), datetime | date):
            period_text = ""
        try:
            kind, year, period_number = _period(period_text)
        except ValueError as error:
            errors.append(ReadingError(line, letters.get("period", "D"), str(error)))
            continue
        if (kind, year, period_number) in locked:
            message = _(
                "The reporting period %(period)s is locked: its readings can no longer be changed."
            ) % {"period": period_span(kind, year, period_number)}
            errors.append(ReadingError(line, letters.get("period", "D"), message))
            continue
        if raw in (None, ""):
            errors.append(ReadingError(line, letters["value"], _("The value is empty.")))
            continue
        try:
            value = _number(raw)
        except ValueError as error:
            errors.append(ReadingError(line, letters["value"], str(error)))
            continue
        rows.append(
            ReadingRow(
                line=line,
                target_id=target.pk,
                target=target.name,
                period=period_text,
                kind=kind,
                year=year,
                number=period_number,
                value=str(value),
                note=_text(cell("note"))[:255],
            )
        )
    if not rows and not errors:
        errors.append(ReadingError(header + 1, "", _("The sheet has no rows under its heading.")))
    return [asdict(r) for r in rows], [asdict(e) for e in errors]
