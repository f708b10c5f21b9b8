"""Task lists from Excel, in the layout offices use or in the downloadable template:
STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành.

Reading is separate from saving: ``read_task_sheet`` turns a workbook into rows and errors
(each naming its row and column, in Vietnamese) without touching the database beyond looking
bodies up; ``apply_rows`` saves them all in one transaction, or nothing.

A sheet exported from a programme (``programmes.roundtrip``) has three more columns: Mã (the
task's id), Loại (its kind) and Thuộc mã (its parent's id). A sheet with the Mã column is read
for a round trip: rows keep their id and their parent, new rows (no id) are placed by their
number, and ``programmes.roundtrip`` compares them with the programme instead of adding them.
"""

import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from io import BytesIO
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from programmes.deadlines import DeadlineError, parse_deadline
from programmes.models import Body, Programme, Task, TaskKind, tree_key
from programmes.signals import tasks_changed_send
from programmes.text import fold, normalize

HEADINGS = [
    "STT",
    "Nội dung nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
]
COLUMNS = {  # folded heading → field
    "stt": "number",
    "so tt": "number",
    "noi dung nhiem vu": "title",
    "noi dung": "title",
    "nhiem vu": "title",
    "ten nhiem vu": "title",
    "co quan chu tri": "lead",
    "chu tri": "lead",
    "don vi chu tri": "lead",
    "co quan phoi hop": "coordinating",
    "phoi hop": "coordinating",
    "don vi phoi hop": "coordinating",
    "thoi gian hoan thanh": "deadline",
    "thoi han": "deadline",
    "thoi han hoan thanh": "deadline",
    "thoi gian": "deadline",
    # The round trip's columns (``programmes.roundtrip``).
    "ma": "id",
    "ma nhiem vu": "id",
    "loai": "kind",
    "loai nhiem vu": "kind",
    "thuoc ma": "parent",
    "ma cha": "parent",
}
# How the Loại column names each kind: the sheet is Vietnamese whatever the reader's language.
KIND_NAMES = {
    TaskKind.GROUP: "Nhóm nhiệm vụ",
    TaskKind.TASK: "Nhiệm vụ",
    TaskKind.BREAKTHROUGH: "Đột phá chiến lược",
    TaskKind.SUBTASK: "Nhiệm vụ của cơ quan",
}
KINDS = {fold(name): str(kind) for kind, name in KIND_NAMES.items()} | {
    str(kind): str(kind) for kind in KIND_NAMES
}
EXCEL_EPOCH = date(1899, 12, 30)
ROMAN = re.compile(r"^(?=[ivxlc]+\.?$)[ivxlc]+\.?$")


@dataclass
class ImportRow:
    line: int  # the row number in the sheet
    number: str
    title: str
    depth: int
    lead_id: int | None = None
    coordinating_ids: list[int] = field(default_factory=list)
    deadline: str = ""
    lead_name: str = ""
    coordinating_names: list[str] = field(default_factory=list)
    # Read for a round trip only (a sheet with the Mã column):
    task_id: int | None = None  # the task this row is; None for a new row
    parent_index: int | None = None  # the row (index in the reading) this row belongs to
    kind: str = ""  # from the Loại column; "" keeps the task's kind
    unknown_coordinating: list[str] = field(default_factory=list)  # to map in the preview


@dataclass
class ImportError_:
    line: int
    column: str
    message: str
    body: str = ""  # an unknown body's name: the error goes once the name is mapped


@dataclass
class SheetReading:
    rows: list[ImportRow]
    errors: list[ImportError_]
    unknown_bodies: list[str]
    round_trip: bool = False  # the sheet has the Mã column: compare, do not add

    def as_json(self) -> dict:
        return {
            "rows": [asdict(row) for row in self.rows],
            "errors": [asdict(error) for error in self.errors],
            "unknown_bodies": self.unknown_bodies,
            "round_trip": self.round_trip,
        }


def template_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Nhiệm vụ"
    sheet.append(HEADINGS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    examples = [
        ["I", "Nhóm nhiệm vụ về phát triển kinh tế", "", "", ""],
        [
            "1",
            "Rà soát, điều chỉnh quy hoạch tỉnh",
            "Sở Tài chính",
            "Sở Xây dựng; Sở Nông nghiệp và Môi trường",
            "Quý II/2026",
        ],
        ["a)", "Lấy ý kiến các sở, ngành", "Sở Tài chính", "", "30/4/2026"],
        [
            "2",
            "Tuyên truyền, phổ biến chương trình",
            "Ban Tuyên giáo và Dân vận Tỉnh ủy",
            "",
            "Thường xuyên",
        ],
    ]
    for row in examples:
        sheet.append(row)
    for index, width in enumerate([8, 60, 30, 40, 22], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class BodyIndex:
    """Bodies looked up by their name or short name, folded: case, diacritics, NFC/NFD and
    old or new tone placement do not matter."""

    def __init__(self) -> None:
        self.by_key: dict[str, int] = {}
        for pk, name, short in Body.objects.filter(active_to__isnull=True).values_list(
            "pk", "name", "short_name"
        ):
            for text in (name, short):
                if text:
                    self.by_key.setdefault(fold(text), pk)

    def find(self, text: str) -> int | None:
        return self.by_key.get(fold(text))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize(str(value))


def _deadline_text(value: Any) -> str:
    """Deadlines as text, Excel dates or Excel serial numbers, as dd/mm/yyyy."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value.day}/{value.month}/{value.year}"
    if isinstance(value, int | float) and 20000 <= value <= 80000:
        day = EXCEL_EPOCH + timedelta(days=int(value))
        return f"{day.day}/{day.month}/{day.year}"
    return _text(value)


@dataclass
class _Numbering:
    """What the rows read so far say about depth: kept as it goes, so reading stays linear."""

    has_groups: bool = False
    last: int = -1  # depth of the previous row
    last_numbered: int | None = None  # depth of the previous "1." / "1.1" row
    seen: set[int] = field(default_factory=set)

    def depth(self, number: str) -> int:
        """I. → 0, 1. → under the group, 1.1 → one more, a) and - → under the row above."""
        folded = fold(number).rstrip(".")
        if ROMAN.match(folded) and folded != "c":
            self.has_groups = True
            depth = 0
        elif re.fullmatch(r"\d+(\.\d+)*", folded):
            depth = (1 if self.has_groups else 0) + folded.count(".")
            self.last_numbered = depth
        elif re.fullmatch(r"[a-zđ]\)?", folded):
            depth = (self.last_numbered if self.last_numbered is not None else self.last) + 1
        elif folded in ("-", "+", "*", "•"):
            depth = self.last + 1
        else:
            depth = 1 if self.has_groups else 0
        return depth

    def add(self, depth: int) -> None:
        self.last = depth
        self.seen.add(depth)


def _split_bodies(text: str, bodies: BodyIndex) -> list[str]:
    """Bodies listed in one cell, separated by ";", new lines or commas. Names that hold a
    comma themselves ("Sở Văn hóa, Thể thao và Du lịch") are joined back when they match."""
    names: list[str] = []
    for part in re.split(r"[;\n]+", text):
        pieces = [piece.strip(" .") for piece in part.split(",") if piece.strip(" .")]
        start = 0
        while start < len(pieces):
            for end in range(len(pieces), start, -1):
                candidate = ", ".join(pieces[start:end])
                if bodies.find(candidate) is not None or end == start + 1:
                    names.append(candidate)
                    start = end
                    break
    return names


# Rows read under the heading, blank ones included: a programme has a few hundred tasks; a
# sheet of a million formatted rows would hold a web worker for minutes.
MAX_ROWS = 5000


def too_many_rows() -> str:
    return _("The sheet has more than %(max)s rows: split it into several files.") % {
        "max": f"{MAX_ROWS:,}".replace(",", ".")
    }


def read_task_sheet(content: bytes) -> SheetReading:
    try:
        book = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file gets the same clear answer
        return SheetReading(
            [], [ImportError_(0, "", _("The file is not an Excel (.xlsx) workbook."))], []
        )
    sheet = book.worksheets[0]
    errors: list[ImportError_] = []
    rows_iter = sheet.iter_rows(values_only=True)
    columns: dict[str, int] = {}
    header_line = 0
    for line, values in enumerate(rows_iter, start=1):
        found = {
            COLUMNS[fold(_text(v))]: i for i, v in enumerate(values) if fold(_text(v)) in COLUMNS
        }
        if "title" in found:
            columns, header_line = found, line
            break
        if line >= 15:
            break
    if not columns:
        message = _("No heading row found. The first row should read: %(headings)s.") % {
            "headings": " | ".join(HEADINGS)
        }
        return SheetReading([], [ImportError_(1, "", message)], [])
    letters = {name: get_column_letter(index + 1) for name, index in columns.items()}
    bodies = BodyIndex()
    unknown: list[str] = []
    rows: list[ImportRow] = []
    numbering = _Numbering()
    round_trip = "id" in columns
    ids = _RoundTripIds()
    for line, values in enumerate(rows_iter, start=header_line + 1):
        if line > header_line + MAX_ROWS:
            return SheetReading([], [ImportError_(line, "", too_many_rows())], [])

        def cell(name, values=values):
            index = columns.get(name)
            return values[index] if index is not None and index < len(values) else None

        title = _text(cell("title"))
        number = _text(cell("number"))
        if not title and not number:
            continue
        if not title:
            errors.append(ImportError_(line, letters["title"], _("The task's content is empty.")))
            continue
        depth = numbering.depth(number) if number else numbering.last + 1
        row = ImportRow(line=line, number=number, title=title, depth=depth)
        if round_trip:
            errors.extend(ids.place(row, cell("id"), cell("parent"), letters))
            errors.extend(_read_kind(row, cell("kind"), letters))
        lead = _text(cell("lead"))
        if lead:
            row.lead_name = lead
            row.lead_id = bodies.find(lead)
            if row.lead_id is None:
                unknown.append(lead)
                errors.append(
                    ImportError_(
                        line,
                        letters["lead"],
                        _("Unknown body “%(name)s”.") % {"name": lead},
                        body=lead,
                    )
                )
        for name in _split_bodies(_text(cell("coordinating")), bodies):
            coordinator = bodies.find(name)
            row.coordinating_names.append(name)
            if coordinator is None:
                unknown.append(name)
                row.unknown_coordinating.append(name)
                errors.append(
                    ImportError_(
                        line,
                        letters["coordinating"],
                        _("Unknown body “%(name)s”.") % {"name": name},
                        body=name,
                    )
                )
            elif coordinator != row.lead_id:
                row.coordinating_ids.append(coordinator)
        deadline = _deadline_text(cell("deadline"))
        if deadline:
            try:
                parse_deadline(deadline)
                row.deadline = deadline
            except DeadlineError as error:
                errors.append(ImportError_(line, letters["deadline"], error.message))
        if round_trip:
            depth = row.depth
        if depth > 0 and depth - 1 not in numbering.seen:
            errors.append(
                ImportError_(
                    line,
                    letters.get("number", "A"),
                    _("“%(number)s” has no row above it to belong to.") % {"number": number},
                )
            )
        numbering.add(depth)
        rows.append(row)
    if not rows and not errors:  # a round trip too: an empty file would archive every task
        errors.append(
            ImportError_(header_line + 1, "", _("The sheet has no tasks under its heading row."))
        )
    return SheetReading(rows, errors, sorted(set(unknown), key=fold), round_trip)


def _id_cell(value: Any) -> int | None:
    """A task id as Excel hands it back (12, 12.0 or "12"); raises ValueError otherwise."""
    text = _text(value)
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(text)
    return int(text)


class _RoundTripIds:
    """Places the rows of a round-trip sheet in the tree as they are read: a row with a
    parent id belongs to the row above with that id; a row with an id and no parent id is at
    the top; a new row (no id) is placed by its number under the row above, as a first import
    does."""

    def __init__(self) -> None:
        self.index_of: dict[int, int] = {}  # task id → index of its row
        self.paths: list[list[int]] = []  # each row's ancestors' indexes, then its own

    def place(self, row: ImportRow, id_value: Any, parent_value: Any, letters) -> list:
        errors = []
        index = len(self.paths)
        try:
            row.task_id = _id_cell(id_value)
        except ValueError as error:
            message = _("“%(id)s” is not a task id: leave the cell empty for a new task.")
            errors.append(ImportError_(row.line, letters["id"], message % {"id": error}))
        if row.task_id is not None and row.task_id in self.index_of:
            errors.append(
                ImportError_(
                    row.line,
                    letters["id"],
                    _("The id %(id)s is already on another row.") % {"id": row.task_id},
                )
            )
        try:
            parent = _id_cell(parent_value)
        except ValueError as error:
            parent = None
            message = _("“%(id)s” is not a task id.") % {"id": error}
            errors.append(ImportError_(row.line, letters.get("parent", "A"), message))
        path: list[int] = []
        if parent is not None:
            if parent in self.index_of:
                path = self.paths[self.index_of[parent]]
            else:
                message = _("No row above has the id %(id)s.") % {"id": parent}
                errors.append(ImportError_(row.line, letters.get("parent", "A"), message))
        elif row.task_id is None and self.paths and row.depth > 0:
            path = self.paths[-1][: row.depth]
        row.parent_index = path[-1] if path else None
        row.depth = len(path)
        if row.task_id is not None:
            self.index_of.setdefault(row.task_id, index)
        self.paths.append([*path, index])
        return errors


def _read_kind(row: ImportRow, value: Any, letters) -> list:
    text = _text(value)
    if not text:
        return []
    kind = KINDS.get(fold(text))
    if kind is None:
        message = _("Unknown kind “%(kind)s”: write one of %(kinds)s.") % {
            "kind": text,
            "kinds": ", ".join(KIND_NAMES.values()),
        }
        return [ImportError_(row.line, letters["kind"], message)]
    row.kind = kind
    return []


@transaction.atomic
def apply_rows(*, programme: Programme, rows: list[dict], progress=None) -> int:
    """Add the rows under the programme's existing tasks: all or nothing.

    Tasks are inserted level by level and assignments in one go, so a 5,000-row sheet takes
    a handful of queries.
    """
    from programmes.models import Assignment, AssignmentRole
    from programmes.text import sort_key

    last = (
        Task.objects.filter(programme=programme, parent=None)
        .order_by("-position")
        .values_list("position", flat=True)
        .first()
    )
    parents: list[int | None] = []
    stack: list[int] = []
    for index, data in enumerate(rows):
        stack = stack[: data["depth"]]
        parents.append(stack[-1] if stack else None)
        stack.append(index)
    positions: dict[int | None, int] = {None: last or 0}
    tasks: list[Task | None] = [None] * len(rows)
    for depth in sorted({data["depth"] for data in rows}):
        level = []
        for index, data in enumerate(rows):
            if data["depth"] != depth:
                continue
            parent_index = parents[index]
            positions[parent_index] = positions.get(parent_index, 0) + 1
            group = depth == 0 and ROMAN.match(fold(data["number"]).rstrip("."))
            kind = data.get("kind") or (TaskKind.GROUP if group else TaskKind.TASK)
            task = Task(
                programme=programme,
                parent=tasks[parent_index] if parent_index is not None else None,
                kind=kind,
                number=data["number"],
                position=positions[parent_index],
                title=data["title"],
                search_text=fold(f"{data['number']} {data['title']}"),
                sort_key=sort_key(data["title"])[:600],
            )
            task.set_deadline(data["deadline"])
            parent = tasks[parent_index] if parent_index is not None else None
            task.tree_key = tree_key(parent.tree_key if parent else "", task.position)
            tasks[index] = task
            level.append(task)
        Task.objects.bulk_create(level)
        if progress:
            progress(sum(1 for task in tasks if task is not None) / len(rows))
    assignments = []
    for saved, data in zip(tasks, rows, strict=True):
        if data["lead_id"]:
            assignments.append(
                Assignment(task=saved, body_id=data["lead_id"], role=AssignmentRole.LEAD)
            )
        for body_id in dict.fromkeys(data["coordinating_ids"]):
            if body_id != data["lead_id"]:
                assignments.append(
                    Assignment(task=saved, body_id=body_id, role=AssignmentRole.COORDINATING)
                )
    Assignment.objects.bulk_create(assignments, batch_size=5000)
    tasks_changed_send(task.pk for task in tasks if task is not None)
    return len(tasks)
