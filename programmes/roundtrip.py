"""A programme's tasks out to Excel and back, by id.

``export_workbook`` writes the tasks in the layout the import reads (``programmes.imports``)
with three more columns: Loại (kind), Mã (the task's id) and Thuộc mã (its parent's id).
An official edits the file; uploaded again, ``compare`` tells what it changes: rows added
(no id), rows changed (old → new per cell), tasks removed (left out of the file) and how many
rows are unchanged; ``programmes.services.import_round_trip`` saves exactly that, all or
nothing.

Removed tasks are archived (``Task.archived_on``), never deleted: whether a task has reports
is ``tracking``'s knowledge, which ``programmes`` may not import, and an archived task keeps
its reports, statuses and assignments' history either way. Its current assignments end, so
it leaves the bodies' lists, and it leaves the plan's pages and the leaders' lists.
"""

import hashlib
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from io import BytesIO
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from programmes.deadlines import DeadlineError, parse_deadline
from programmes.imports import HEADINGS, KIND_NAMES, ImportError_
from programmes.models import Assignment, AssignmentRole, Body, Programme, Task, TaskKind, tree_key
from programmes.text import fold, normalize, sort_key

EXPORT_HEADINGS = [*HEADINGS, "Loại", "Mã", "Thuộc mã"]
WIDTHS = [8, 60, 30, 40, 22, 20, 8, 10]
# What Excel, LibreOffice and CSV readers take as the start of a formula (as
# ``tracking.documents.excel``, which ``programmes`` may not import).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _as_text(cell: Cell) -> None:
    """Keep a string cell a string, shown with Excel's quote prefix: a title "=HYPERLINK(…)"
    or a number "-" never becomes a formula, in the file or once edited in Excel."""
    if cell.data_type == "f" or (
        isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)
    ):
        cell.data_type = "s"
        cell.quotePrefix = True


def export_workbook(programme: Programme) -> bytes:
    """The programme's tasks (archived ones left out) in reading order, ready to edit and
    import again."""
    from programmes.selectors import task_tree

    book = Workbook()
    sheet = book.active
    sheet.title = "Nhiệm vụ"
    sheet.append(EXPORT_HEADINGS)
    for node in task_tree(programme):
        task = node.task
        sheet.append(
            [
                task.number,
                task.title,
                node.lead.name if node.lead else "",
                "; ".join(body.name for body in node.coordinating),
                task.deadline_text,
                KIND_NAMES.get(task.kind, ""),  # type: ignore[call-overload]
                task.pk,
                task.parent_id,
            ]
        )
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            _as_text(cell)
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_mapping(rows: list[dict], mapping: dict[str, int]) -> list[dict]:
    """The rows with the bodies the registry did not know replaced by those chosen for them
    in the preview (``mapping``: name as written → body id); names still unmapped stay out."""
    resolved = []
    for row in rows:
        lead_id = row["lead_id"]
        if lead_id is None and row.get("lead_name"):
            lead_id = mapping.get(row["lead_name"])
        coordinating = [
            *row["coordinating_ids"],
            *(mapping[name] for name in row.get("unknown_coordinating", []) if name in mapping),
        ]
        coordinating = [pk for pk in dict.fromkeys(coordinating) if pk != lead_id]
        resolved.append(row | {"lead_id": lead_id, "coordinating_ids": coordinating})
    return resolved


@dataclass
class CellChange:
    label: str
    old: str
    new: str


@dataclass
class RowChange:
    """A row whose task the file changes: what each changed cell was and becomes."""

    line: int
    task_id: int
    number: str
    title: str
    cells: list[CellChange] = field(default_factory=list)


@dataclass
class RemovedTask:
    task_id: int
    number: str
    title: str


@dataclass
class Plan:
    """What a round-trip file changes in its programme, read against the programme now."""

    added: list[dict]
    changed: list[RowChange]
    removed: list[RemovedTask]
    unchanged: int
    errors: list[ImportError_]
    # For ``apply``: the new parent (task id, or "row:<index>" for a new row) and position of
    # every row, and the groups of siblings whose positions are written again.
    parents: list[int | str | None] = field(default_factory=list)
    positions: dict[int, int] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.changed or self.removed)

    @property
    def fingerprint(self) -> str:
        """Names this plan: the preview's form carries it, and applying a plan that is no
        longer the one the leader saw (the programme changed meanwhile) is refused."""
        content = [
            [row["line"] for row in self.added],
            [asdict(change) for change in self.changed],
            [removed.task_id for removed in self.removed],
        ]
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:20]


def window(text: str) -> tuple | None:
    try:
        parsed = parse_deadline(text)
    except DeadlineError:
        return ("invalid", text)
    return (parsed.kind, parsed.start, parsed.due, parsed.every) if parsed else None


def _label(task: Task | None, row: dict | None = None) -> str:
    if row is not None:
        return f"{row['number']} {row['title']}".strip()[:80]
    return f"{task.number} {task.title}".strip()[:80] if task else "—"


def programme_tasks(programme: Programme, lock: bool = False) -> dict[int, Task]:
    current = Assignment.objects.current().order_by("role", "pk")
    tasks = Task.objects.filter(programme=programme).prefetch_related(
        Prefetch("assignments", queryset=current, to_attr="current_assignments")
    )
    if lock:
        tasks = tasks.select_for_update(of=("self",))
    return {task.pk: task for task in tasks.order_by("pk")}


def parts(task: Task) -> tuple[int | None, list[int]]:
    lead = None
    coordinating = []
    for assignment in task.current_assignments:
        if assignment.role == AssignmentRole.LEAD:
            lead = assignment.body_id
        else:
            coordinating.append(assignment.body_id)
    return lead, coordinating


def _id_errors(rows: list[dict], tasks: dict[int, Task]) -> list[ImportError_]:
    """Ids that are not this programme's tasks, and kinds a file may not set."""
    errors = []
    foreign = {row["task_id"] for row in rows if row["task_id"] and row["task_id"] not in tasks}
    elsewhere = dict(Task.objects.filter(pk__in=foreign).values_list("pk", "programme__code"))
    for row in rows:
        task_id = row["task_id"]
        task = tasks.get(task_id) if task_id else None
        if task_id and task is None:
            if task_id in elsewhere:
                message = _(
                    "Task %(id)s belongs to another programme (%(programme)s): remove its id "
                    "to add the row as a new task."
                ) % {"id": task_id, "programme": elsewhere[task_id] or "—"}
            else:
                message = _("No task has the id %(id)s: remove it to add the row as a new task.")
                message %= {"id": task_id}
            errors.append(ImportError_(row["line"], "", message))
        subtask = TaskKind.SUBTASK
        if row["kind"] and (row["kind"] == subtask) != ((task.kind if task else "") == subtask):
            message = _(
                "A body's sub-task is added and removed by its body on the task's page; its "
                "kind cannot be set or changed from Excel."
            )
            errors.append(ImportError_(row["line"], "", message))
    return errors


def compare(
    *, programme: Programme, rows: list[dict], mapping: dict[str, int], lock: bool = False
) -> Plan:
    """What the rows of a round-trip file would change in ``programme``. Reads only."""
    rows = with_mapping(rows, mapping)
    tasks = programme_tasks(programme, lock=lock)
    errors = _id_errors(rows, tasks)
    if errors:
        return Plan([], [], [], 0, errors)
    body_ids = {pk for row in rows for pk in [row["lead_id"], *row["coordinating_ids"]] if pk}
    body_ids |= {a.body_id for t in tasks.values() for a in t.current_assignments}
    names = dict(Body.objects.filter(pk__in=body_ids).values_list("pk", "name"))

    def bodies(ids: list[int]) -> str:
        return "; ".join(sorted((names.get(pk, "?") for pk in ids), key=fold)) or "—"

    parents: list[int | str | None] = []
    for row in rows:
        index = row["parent_index"]
        if index is None:
            parents.append(None)
        else:
            parents.append(rows[index]["task_id"] or f"row:{index}")
    changes: dict[int, RowChange] = {}

    def change(index: int, label: str, old: str, new: str) -> None:
        row = rows[index]
        entry = changes.setdefault(
            index, RowChange(row["line"], row["task_id"], row["number"], row["title"])
        )
        entry.cells.append(CellChange(label, old or "—", new or "—"))

    for index, row in enumerate(rows):
        task = tasks.get(row["task_id"]) if row["task_id"] else None
        if task is None:
            continue
        if task.archived_on is not None:
            change(index, _("Archived"), task.archived_on.strftime("%d/%m/%Y"), _("Restored"))
        if row["number"] != normalize(task.number):
            change(index, _("No."), task.number, row["number"])
        if row["title"] != normalize(task.title):
            change(index, _("Task"), task.title, row["title"])
        if row["kind"] and row["kind"] != task.kind:
            change(index, _("Kind"), KIND_NAMES[task.kind], KIND_NAMES[row["kind"]])  # type: ignore[index]
        if parents[index] != task.parent_id:
            parent_row = rows[row["parent_index"]] if row["parent_index"] is not None else None
            change(index, _("Belongs to"), _label(task.parent), _label(None, parent_row))
        if window(row["deadline"]) != window(task.deadline_text):
            change(index, _("Deadline"), task.deadline_text, row["deadline"])
        lead, coordinating = parts(task)
        if row["lead_id"] != lead:
            change(
                index,
                _("Lead"),
                bodies([lead] if lead else []),
                bodies([row["lead_id"]] if row["lead_id"] else []),
            )
        if set(row["coordinating_ids"]) != set(coordinating):
            change(index, _("Coordinating"), bodies(coordinating), bodies(row["coordinating_ids"]))

    # Order: each parent's children in the file's order. Where the tasks that stay under the
    # same parent keep their order and nothing is added or moved in, positions stay as they are.
    children: dict[int | str | None, list[int]] = defaultdict(list)
    for index, parent in enumerate(parents):
        children[parent].append(index)
    positions: dict[int, int] = {}
    for parent, indexes in children.items():
        stayed = [
            i
            for i in indexes
            if rows[i]["task_id"] and tasks[rows[i]["task_id"]].parent_id == parent
        ]
        before = sorted(
            stayed, key=lambda i: (tasks[rows[i]["task_id"]].position, rows[i]["task_id"])
        )
        for rank, (was, now) in enumerate(zip(before, stayed, strict=True), start=1):
            if was != now:
                change(now, _("Order"), str(before.index(now) + 1), str(rank))
        if len(stayed) != len(indexes) or before != stayed:
            positions.update({i: position for position, i in enumerate(indexes, start=1)})

    in_file = {row["task_id"] for row in rows if row["task_id"]}
    removed = [
        RemovedTask(task.pk, task.number, task.title)
        for task in sorted(tasks.values(), key=lambda task: (task.tree_key, task.pk))
        if task.pk not in in_file and task.archived_on is None
    ]
    added = [row | {"index": i} for i, row in enumerate(rows) if not row["task_id"]]
    return Plan(
        added=added,
        changed=[changes[i] for i in sorted(changes)],
        removed=removed,
        unchanged=len(rows) - len(added) - len(changes),
        errors=[],
        parents=parents,
        positions=positions,
    )


def refresh_search(task: Task) -> None:
    task.search_text = fold(" ".join(part for part in task.searchable_parts() if part))
    task.sort_key = sort_key(task.sortable_text())[:600]


def rekey(programme: Programme) -> None:
    """Every task's ``tree_key`` from its parent's and its position, where it moved."""
    found = list(
        Task.objects.filter(programme=programme).only("pk", "parent_id", "position", "tree_key")
    )
    by_parent: dict[Any, list[Task]] = defaultdict(list)
    for task in found:
        by_parent[task.parent_id].append(task)
    changed = []
    stack: list[tuple[Any, str]] = [(None, "")]
    while stack:
        parent, key = stack.pop()
        for task in by_parent.get(parent, []):
            wanted = tree_key(key, task.position)
            if task.tree_key != wanted:
                task.tree_key = wanted
                changed.append(task)
            stack.append((task.pk, wanted))
    Task.objects.bulk_update(changed, ["tree_key"], batch_size=2000)
