"""Tables of tasks (STT | Nội dung | Chủ trì | Phối hợp | Thời hạn)."""

import re

from programmes.deadlines import DeadlineError, parse_deadline
from programmes.text import fold
from programmes.text_import.deadlines import _deadline_in
from programmes.text_import.drafts import DraftTask

_COLUMNS: list[tuple[str, re.Pattern[str]]] = [
    ("lead", re.compile(r"chu tri")),
    ("coordinating", re.compile(r"phoi hop")),
    ("deadline", re.compile(r"thoi gian|thoi han|tien do|hoan thanh")),
    ("number", re.compile(r"^(?:stt|tt|so tt)$")),
    ("title", re.compile(r"nhiem vu|noi dung|cong viec|ten de an|giai phap")),
    ("product", re.compile(r"san pham|ket qua")),
]


def _cells(line: str) -> list[str]:
    line = line.strip(" \r")
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    if line.count("|") >= 2:
        return [c.strip() for c in line.strip("|").split("|")]
    return []


def _table_tasks(text: str) -> list[DraftTask]:
    """Rows of a task table pasted from Word or a web page (cells split by tabs or "|"), read
    through its header row: "STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian"."""
    tasks: list[DraftTask] = []
    columns: dict[str, int] = {}
    for line in text.split("\n"):
        cells = _cells(line)
        if len(cells) < 3:
            continue
        folded = [fold(c) for c in cells]
        if "lead" not in columns and any("chu tri" in f for f in folded):
            columns = {}
            for index, heading in enumerate(folded):
                for name, pattern in _COLUMNS:
                    if name not in columns and pattern.search(heading):
                        columns[name] = index
                        break
            continue
        if "lead" not in columns or "title" not in columns:
            continue

        row = {name: cells[index] for name, index in columns.items() if index < len(cells)}

        def cell(name: str, row: dict[str, str] = row) -> str:
            return row.get(name, "")

        title = cell("title")
        if not title:
            continue
        number = cell("number")
        group = bool(re.fullmatch(r"[IVX]+\.?|[A-Z]\.?", number)) and not cell("lead")
        deadline = cell("deadline")
        try:
            deadline = deadline if parse_deadline(deadline) else ""
        except DeadlineError:
            deadline = _deadline_in(deadline) or deadline
        task = DraftTask(
            number=number,
            title=title,
            depth=0 if group or not any(t.kind == "group" for t in tasks) else 1,
            kind="group" if group else "task",
            deadline=deadline,
        )
        # The bodies are read by _assign from the task's own words: put them there as roles.
        lead, coordinating = cell("lead"), cell("coordinating")
        task.lead_name = lead
        task.coordinating_names = [coordinating] if coordinating else []
        tasks.append(task)
    return tasks
