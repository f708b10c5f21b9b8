"""Structure and numbering: sections, Roman, Arabic, letters, dashes; lists of tasks."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from programmes.text import fold
from programmes.text_import.drafts import Draft, DraftTask
from programmes.text_import.helpers import _capitalised, _is_caps
from programmes.text_import.patterns import BREAKTHROUGH, CONNECTORS, ITEM, LISTED, ROMAN, VALUE
from programmes.text_import.vocabulary import _SECTION_KINDS


def _marker_type(number: str, previous_letter: str) -> str:
    raw = number.rstrip(".-/")
    if raw in "-+•*–":
        return {"+": "plus", "•": "dash", "*": "dash", "–": "dash"}.get(raw, "dash")
    if raw.endswith(")") or (len(raw) == 1 and raw.islower()):
        return "alpha"
    if re.fullmatch(r"\d+", raw):
        return "arabic"
    if re.fullmatch(r"\d+(?:\.\d+)+", raw):
        return "arabic" + "." * raw.count(".")
    if len(raw) == 1 and raw not in "IVX":
        return "letter"
    if raw in "IVX" and previous_letter and ord(raw) == ord(previous_letter) + 1:
        return "letter"
    if ROMAN.fullmatch(raw):
        return "roman"
    return "letter"


# A section heading is often longer than its kind: "I. MỤC TIÊU, CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ
# YẾU", "II. NHỮNG NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM THỜI GIAN TỚI". A heading with no full stop that
# opens with the kind's words is that section; for tasks only in capitals, since a group of tasks
# may well be called "Giải pháp phát triển du lịch". ("NỘI DUNG CHỦ YẾU CỦA KẾ HOẠCH …" names its
# subject: a group of its own.)
_SECTION_OPENINGS: list[tuple[str, re.Pattern[str], bool]] = [
    ("purpose", re.compile(r"^(?:muc dich|yeu cau)\b"), False),
    # "I. SỰ CẦN THIẾT BAN HÀNH KẾ HOẠCH", "CĂN CỨ XÂY DỰNG KẾ HOẠCH": the reasons, no tasks
    (
        "purpose",
        re.compile(r"^(?:su can thiet|can cu (?:xay dung|ban hanh)|co so (?:phap ly|xay dung))\b"),
        False,
    ),
    ("goals", re.compile(r"^(?:cac\s+)?(?:muc tieu|chi tieu)\b"), False),
    ("organisation", re.compile(r"^(?:to chuc thuc hien|phan cong)\b"), False),
    ("funding", re.compile(r"^kinh phi\b"), False),
    ("tasks", re.compile(r"^(?:cac\s+|nhung\s+)?(?:nhom\s+)?(?:nhiem vu|giai phap)\b"), True),
]


def _section_kind(title: str) -> str:
    folded = fold(title).strip(" .:;")
    # "QUAN ĐIỂM, MỤC TIÊU, YÊU CẦU": a heading made of the words of sections that hold no task
    parts = re.split(r"\s*(?:,|\bva\b)\s*", folded)
    if len(parts) > 1 and set(parts) <= {
        "quan diem",
        "muc dich",
        "yeu cau",
        "muc tieu",
        "chi tieu",
    }:
        return "goals" if {"muc tieu", "chi tieu"} & set(parts) else "purpose"
    for kind, pattern in _SECTION_KINDS:
        if pattern.match(folded):
            return kind
    heading = not title.rstrip().endswith((".", ";")) and len(title.split()) <= 16
    for kind, pattern, capitals_only in _SECTION_OPENINGS:
        if heading and pattern.match(folded) and (_is_caps(title) or not capitals_only):
            return kind
    return ""


@dataclass
class _Item:
    number: str
    title: str
    depth: int
    type: str
    section: str = ""
    lift: int = 0


def _items(paragraphs: list[str]) -> list[_Item]:
    """Numbered and bulleted lines with their depth from the order marker types appear in.

    A paragraph with no number after a heading (a numbered line with no full stop) belongs to
    that heading, one level below it.
    """
    items: list[_Item] = []
    stack: list[str] = []
    previous_letter = ""
    heading: _Item | None = None
    for line in "\n".join(paragraphs).split("\n"):
        if re.match(r"^(?:Nơi nhận|TM\.|T/M|KT\.|\./\.)", line):
            break
        match = ITEM.match(line)
        if not match:
            if heading is not None and not _is_caps(line):
                items.append(
                    _Item(number="", title=line.strip(), depth=heading.depth + 1, type="para")
                )
            continue
        number, body = match.groups()
        kind = _marker_type(number, previous_letter)
        if kind == "letter":
            previous_letter = number.rstrip(".-/")
        if kind in stack:
            depth = stack.index(kind)
            del stack[depth + 1 :]
        else:
            stack.append(kind)
            depth = len(stack) - 1
        item = _Item(number=number.strip(), title=body.strip(), depth=depth, type=kind)
        items.append(item)
        ends = body.rstrip()[-1:] in ".;!?…"
        bullet = kind in ("dash", "plus")
        heading = item if not ends and not bullet and len(body) < 200 else None
    return items


# "- 1Nghị định 63/2010/NĐ-CP về …": a list of the documents a text rests on, not tasks.
_REFERENCE_ITEM = re.compile(
    r"^\d*\s*(?:Luật|Nghị định|Nghị quyết|Thông tư|Quyết định|Chỉ thị|Kế hoạch|Công văn|Kết luận"
    r"|Chương trình|Hướng dẫn)\s+(?:số\s+)?\d+[^\s]*/"
)
_REFERENCE = re.compile(
    r"(?:nhiệm vụ|nội dung|mục|điểm|khoản|tiết)\s+(?:số\s+)?((?:[IVX]+|\d+(?:\.\d+)*|[a-zđ])"
    r"(?:\s*(?:,|và)\s*(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ]))*)\b"
)


def _structure(paragraphs: list[str], draft: Draft) -> tuple[list[DraftTask], list[DraftTask]]:
    """Task groups and tasks, and the organisation section's assignments.

    Purpose, goals and funding sections are set apart: their items are never tasks.
    """
    items = [
        i
        for i in _items(paragraphs)
        if not re.match(r"^Điều\s+\d", i.title) and not _REFERENCE_ITEM.match(i.title)
    ]
    if not items:
        return [], []
    # The section an item belongs to: the nearest heading above it that names a section kind.
    open_sections: list[tuple[int, str]] = []
    for item in items:
        while open_sections and open_sections[-1][0] >= item.depth:
            open_sections.pop()
        kind = _section_kind(item.title) if item.type != "para" else ""
        # The tasks section's own heading is left out: its items move up one level.
        item.lift = sum(1 for _depth, open_kind in open_sections if open_kind == "tasks")
        if kind:
            item.section = "heading:" + kind
            open_sections.append((item.depth, kind))
        else:
            item.section = open_sections[-1][1] if open_sections else ""
    for item in items:
        if item.section == "purpose":
            draft.purpose.append(_capitalised(item.title))
        elif item.section in ("goals", "funding"):
            draft.set_apart.append(_capitalised(item.title))
    # Everything but purpose, goals, organisation and funding: a tasks section's items, and
    # sections the text names by their subject ("II. VỀ PHÁT TRIỂN KINH TẾ").
    task_items = [i for i in items if i.section in ("tasks", "")]
    # A target list ("- Tỷ lệ đô thị hóa: 33,5%") is not a list of tasks.
    task_items = [i for i in task_items if not _is_target_line(i.title)]
    organisation = [
        DraftTask(number=i.number, title=i.title, depth=0)
        for i in items
        if i.section == "organisation" and not _is_target_line(i.title)
    ]
    if not task_items:
        return [], organisation
    base = min(i.depth - i.lift for i in task_items)
    tasks = [
        DraftTask(number=i.number, title=i.title, depth=i.depth - i.lift - base, kind="task")
        for i in task_items
    ]
    top = [t for t in tasks if t.depth == 0]
    nested = len(top) < len(tasks)
    for item, task in zip(task_items, tasks, strict=True):
        if task.depth == 0 and (item.type in ("letter", "roman") or nested or len(top) >= 3):
            task.kind = "group"
    return tasks, organisation


def _attach(tasks: list[DraftTask], organisation: list[DraftTask]) -> list[DraftTask]:
    """Assignments of the organisation section put on the tasks they name ("nhiệm vụ tại
    mục 2"); the others stay as tasks of their own."""
    by_number = {t.number.rstrip(".-/)"): t for t in tasks if t.number}
    kept = []
    for assignment in organisation:
        named = []
        for match in _REFERENCE.finditer(assignment.title):
            named += [
                by_number[n] for n in re.split(r"\s*(?:,|và)\s*", match.group(1)) if n in by_number
            ]
        if not named:
            kept.append(assignment)
            continue
        for task in named:
            task.lead_id = task.lead_id or assignment.lead_id
            task.lead_name = task.lead_name or assignment.lead_name
            for body_id in assignment.coordinating_ids:
                if body_id not in task.coordinating_ids:
                    task.coordinating_ids.append(body_id)
            for name in assignment.coordinating_names:
                if name not in task.coordinating_names:
                    task.coordinating_names.append(name)
            task.deadline = task.deadline or assignment.deadline
    return tasks + kept


def _is_target_line(title: str) -> bool:
    """A line that states targets and nothing else: "Tỷ lệ che phủ rừng 59,2%"."""
    values = list(VALUE.finditer(title))
    if not values:
        return False
    rest = VALUE.sub("", title)
    words = len(re.findall(r"\w+", rest))
    return words <= 14 * len(values) and not re.search(
        r"\b(?:chủ trì|phối hợp|tham mưu|triển khai)\b", title, re.I
    )


def _listed(text: str) -> tuple[list[DraftTask], list[str]]:
    """Tasks listed in a sentence: "Tỉnh đưa ra 6 nhiệm vụ … gồm: A; B; …"."""
    warnings: list[str] = []
    flat = " ".join(text.split())
    match = LISTED.search(flat)
    if not match:
        return [], warnings
    expected = int(match.group(1))
    rest = CONNECTORS.sub("; ", flat[match.end() :])
    end = re.search(r"\.\s+[A-ZĐ][^;]*?(?:đặt ra|đề ra|yêu cầu)", rest)
    if end:
        rest = rest[: end.start()]
    rest = re.split(r"\.\s+(?=[A-ZĐÀ-Ỹ])", rest)[0] if ";" not in rest[:400] else rest
    items = [item.strip(" .") for item in rest.split(";") if item.strip(" .")]
    if len(items) < 2:
        return [], warnings
    tasks = []
    for index, item in enumerate(items[:expected], start=1):
        task = DraftTask(number=f"{index}.", title=item, depth=0)
        tasks.append(task)
        found = BREAKTHROUGH.search(item)
        if found:
            count = int(found.group(1))
            parts = [
                p.strip(" .") for p in re.split(r",\s*|\s+và\s+", found.group(2)) if p.strip(" .")
            ]
            for part in parts[:count]:
                tasks.append(DraftTask(number="-", title=part, depth=1, kind="breakthrough"))
            if len(parts) != count:
                warnings.append(
                    _(
                        "The text announces %(count)s strategic breakthroughs "
                        "but %(found)s were found."
                    )
                    % {"count": count, "found": len(parts)}
                )
    if len(items) != expected:
        warnings.append(
            _("The text announces %(count)s tasks but %(found)s were found.")
            % {"count": expected, "found": len(items)}
        )
    return tasks, warnings


_ANNOUNCED = re.compile(
    r"\b(\d{1,2})\s+(?:nhóm nhiệm vụ|nhóm giải pháp|nhiệm vụ(?:,| và)? giải pháp"
    r"|nhiệm vụ trọng tâm)\b",
    re.IGNORECASE,
)


def _announced(text: str, tasks: list[DraftTask]) -> list[str]:
    """ "4 nhóm nhiệm vụ …" (with or without a colon) followed by its numbered groups: the
    count the text gives is checked against the groups found."""
    groups = [t for t in tasks if t.kind == "group" and t.depth == 0]
    match = _ANNOUNCED.search(text)
    if not match or not groups or int(match.group(1)) == len(groups):
        return []
    return [
        _("The text announces %(count)s groups of tasks but %(found)s were found.")
        % {"count": match.group(1), "found": len(groups)}
    ]
