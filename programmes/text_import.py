"""A programme's text, as published, turned into a draft to edit before saving.

It finds numbered groups and items ("1.", "I.", "a)", "-"), goals by horizon ("đến năm 2025",
"Đến 2030", "tầm nhìn đến năm 2045"), the tasks a sentence lists ("… 6 nhiệm vụ … gồm: A; B;
…"), strategic breakthroughs ("3 đột phá chiến lược về X, Y, Z"), quantified targets
("GRDP bình quân 8,5%/năm", "tỷ lệ đô thị hóa đạt 50%"), deadlines in any Vietnamese form, and
the bodies it names, with their role where the sentence says "chủ trì" or "phối hợp".
Nothing here writes: the draft is shown in the browser, edited, then saved.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from programmes.deadlines import DeadlineError, parse_deadline
from programmes.models import Body, BodyKind
from programmes.text import fold

ITEM = re.compile(r"^\s*((?:[IVXLC]+|\d+(?:\.\d+)*)\.|[a-zđ]\)|[-+•])\s+(\S.*)$")
HORIZON = re.compile(r"(?:tầm nhìn\s+)?(?:đến|tới)\s+(?:năm\s+)?(20\d\d)", re.IGNORECASE)
LISTED = re.compile(r"(\d+)\s+(nhiệm vụ|nhóm nhiệm vụ|giải pháp)[^:]*?(?:gồm|là|sau)\s*:\s*", re.I)
BREAKTHROUGH = re.compile(r"(\d+)\s+đột phá chiến lược\s+(?:về|là|gồm)?\s*:?\s*(.+)$", re.I)
TARGET = re.compile(
    r"(?P<name>[^.;:,]{3,80}?)\s+(?:đạt|bình quân|khoảng|trên|dưới|tối thiểu|ít nhất)?\s*"
    r"(?P<cmp>≥|≤|>=|<=|trên|dưới)?\s*(?P<value>\d+(?:[.,]\d+)?)\s*(?P<unit>%(?:/năm)?|"
    r"km|ha|xã|huyện|triệu đồng|tỷ đồng|USD|lần)",
    re.IGNORECASE,
)
CONNECTORS = re.compile(r"\.\s+(?:Bên cạnh đó|Đồng thời|Ngoài ra|Cùng với đó),\s*", re.IGNORECASE)
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ“\"])")


@dataclass
class DraftGoal:
    horizon: int | None
    text: str


@dataclass
class DraftTask:
    number: str
    title: str
    depth: int
    kind: str = "task"
    deadline: str = ""
    lead_id: int | None = None
    coordinating_ids: list[int] = field(default_factory=list)


@dataclass
class DraftTarget:
    name: str
    value: Decimal
    unit: str
    comparator: str = "gte"


@dataclass
class DraftBody:
    body_id: int
    name: str
    role: str = ""  # "lead", "coordinating" or "" when the text does not say


@dataclass
class Draft:
    goals: list[DraftGoal] = field(default_factory=list)
    tasks: list[DraftTask] = field(default_factory=list)
    targets: list[DraftTarget] = field(default_factory=list)
    bodies: list[DraftBody] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.split(text) if s.strip()]


def _capitalised(text: str) -> str:
    text = text.strip(" .;:")
    return text[:1].upper() + text[1:] if text else text


def _goals(text: str) -> list[DraftGoal]:
    goals = []
    for sentence in _sentences(text.replace("\n", " ")):
        match = HORIZON.search(sentence)
        if (
            match
            and re.search(r"mục tiêu|phấn đấu|trở thành|tầm nhìn|đến\s+20", sentence, re.I)
            and not re.search(r"nhiệm kỳ\s+\d{4}\s*[-–]\s*" + match.group(1), sentence)
        ):
            goals.append(DraftGoal(int(match.group(1)), sentence))
    # A sentence with two horizons ("Và đến năm 2045 …") is split at the second.
    result = []
    for goal in goals:
        parts = re.split(
            r"\.\s*(?:Và\s+)?(?=(?:đến|tầm nhìn đến)\s+(?:năm\s+)?20\d\d)", goal.text, flags=re.I
        )
        for part in parts:
            found = HORIZON.search(part)
            if found:
                part = re.sub(r"^.*?mục tiêu\s*:\s*", "", part, flags=re.IGNORECASE)
                part = re.sub(r"^(?:và|Và)\s+", "", part)
                result.append(DraftGoal(int(found.group(1)), _capitalised(part) + "."))
    seen, unique = set(), []
    for goal in result:
        if (goal.horizon, goal.text) not in seen:
            seen.add((goal.horizon, goal.text))
            unique.append(goal)
    return unique


def _numbered(lines: list[str]) -> list[DraftTask]:
    tasks: list[DraftTask] = []
    for line in lines:
        match = ITEM.match(line)
        if not match:
            if tasks and line.strip() and not tasks[-1].title.endswith("."):
                tasks[-1].title += " " + line.strip()
            continue
        number, body = match.groups()
        folded = fold(number).rstrip(".")
        if re.fullmatch(r"[ivxlc]+", folded):
            depth, kind = 0, "group"
        elif re.fullmatch(r"\d+(\.\d+)*", folded):
            has_roman = any(t.kind == "group" and t.depth == 0 for t in tasks)
            depth = (1 if has_roman else 0) + folded.count(".")
            kind = "task"
        else:
            depth = (tasks[-1].depth + 1) if tasks else 0
            kind = "task"
        tasks.append(DraftTask(number=number, title=body.strip(), depth=depth, kind=kind))
    if tasks and all(t.depth == 0 for t in tasks) and len(tasks) >= 3:
        # A flat list of paragraphs numbered 1., 2., … is the programme's groups.
        for task in tasks:
            task.kind = "group"
    return tasks


def _listed(text: str) -> tuple[list[DraftTask], list[str]]:
    """Tasks listed in a sentence: "Tỉnh đưa ra 6 nhiệm vụ … gồm: A; B; …"."""
    warnings = []
    flat = " ".join(text.split())
    match = LISTED.search(flat)
    if not match:
        return [], warnings
    expected = int(match.group(1))
    rest = CONNECTORS.sub("; ", flat[match.end() :])
    rest = rest.split("\n")[0]
    end = re.search(r"\.\s+[A-ZĐ][^;]*?(?:đặt ra|đề ra|yêu cầu)", rest)
    if end:
        rest = rest[: end.start()]
    items = [item.strip(" .") for item in rest.split(";") if item.strip(" .")]
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
                    f"Văn bản nêu {count} đột phá chiến lược nhưng tìm thấy {len(parts)}."
                )
    if len(items) != expected:
        warnings.append(f"Văn bản nêu {expected} nhiệm vụ nhưng tìm thấy {len(items)}.")
    return tasks, warnings


def _targets(text: str) -> list[DraftTarget]:
    targets = []
    for match in TARGET.finditer(text.replace("\n", " ")):
        name = match.group("name").strip()
        name = re.sub(r"^(?:và|với|trong đó|phấn đấu)\s+", "", name, flags=re.I)
        value = Decimal(match.group("value").replace(".", "").replace(",", "."))
        comparator = {"≤": "lte", "<=": "lte", "dưới": "lte"}.get(
            (match.group("cmp") or "").lower(), "gte"
        )
        targets.append(
            DraftTarget(
                name=_capitalised(name),
                value=value,
                unit=match.group("unit"),
                comparator=comparator,
            )
        )
    return targets


def _body_keys(text: str) -> list[tuple[str, int, str]]:
    """(folded key, body, name), longest first. A body's name also counts without its
    province ("Ban Thường vụ Tỉnh ủy") when the text names that province; a key that fits
    more than one body is dropped."""
    folded_text = fold(text)
    provinces = {
        pk: fold(short or name.removeprefix("Tỉnh "))
        for pk, name, short in Body.objects.filter(kind=BodyKind.PROVINCE).values_list(
            "pk", "name", "short_name"
        )
    }
    named = [province for province in provinces.values() if province in folded_text]
    owners: dict[str, set[int]] = {}
    names: dict[int, str] = {}
    bodies = Body.objects.filter(active_to__isnull=True).exclude(kind=BodyKind.PROVINCE)
    for pk, name, short in bodies.values_list("pk", "name", "short_name"):
        names[pk] = name
        folded = fold(name)
        candidates = {folded}
        if short and len(short) > 6:
            candidates.add(fold(short))
        for province in named:
            for suffix in (f" tinh {province}", f" {province}"):
                if folded.endswith(suffix):
                    candidates.add(folded.removesuffix(suffix))
        for key in candidates:
            if len(key) > 6:
                owners.setdefault(key, set()).add(pk)
    keys = [
        (key, next(iter(pks)), names[next(iter(pks))])
        for key, pks in owners.items()
        if len(pks) == 1
    ]
    return sorted(keys, key=lambda item: -len(item[0]))


def _role(before: str, after: str) -> str:
    """ "X chủ trì" or "chủ trì: X" → lead; "phối hợp (với) X" → coordinating."""
    if re.match(r"\s*(?:,\s*)?chu tri", after) or re.search(r"chu tri\s*:?\s*$", before):
        return "lead"
    if re.search(r"phoi hop(?:\s+voi)?\s*:?\s*(?:cac\s+)?$", before) or re.match(
        r"\s*phoi hop", after
    ):
        return "coordinating"
    return ""


def _bodies(text: str) -> list[DraftBody]:
    keys = _body_keys(text)
    found: dict[int, DraftBody] = {}
    for sentence in _sentences(text.replace("\n", " ")):
        folded = f" {fold(sentence)} "
        taken: list[tuple[int, int]] = []
        for key, pk, name in keys:
            start = folded.find(f" {key}")
            if start < 0 or any(a <= start < b for a, b in taken):
                continue
            end = start + len(key) + 1
            taken.append((start, end))
            role = _role(folded[max(0, start - 30) : start], folded[end : end + 15])
            current = found.get(pk)
            if current is None or (role and not current.role):
                found[pk] = DraftBody(pk, name, role)
    return list(found.values())


def _deadlines(tasks: list[DraftTask]) -> None:
    """A deadline at the end of an item, after "thời hạn" or in brackets."""
    for task in tasks:
        match = re.search(
            r"(?:thời hạn|hoàn thành)\s*:?\s*([^;)]+?)\s*\)?\.?$|\(([^()]+)\)\.?$", task.title, re.I
        )
        if not match:
            continue
        candidate = (match.group(1) or match.group(2)).strip()
        try:
            if parse_deadline(candidate):
                task.deadline = candidate
        except DeadlineError:
            continue


def draft_from_text(text: str) -> Draft:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n")
    lines = text.split("\n")
    draft = Draft()
    draft.goals = _goals(text)
    numbered = _numbered(lines)
    listed, warnings = _listed(text)
    draft.warnings += warnings
    draft.tasks = numbered if len(numbered) >= len(listed) else listed
    for task in draft.tasks:
        task.title = (
            _capitalised(task.title) if task.kind != "breakthrough" else task.title.strip(" .")
        )
    _deadlines(draft.tasks)
    draft.targets = _targets(text)
    draft.bodies = _bodies(text)
    return draft
