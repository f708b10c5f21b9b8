"""The draft's data classes: what the reader hands the editor."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


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
    lead_name: str = ""  # as read, also when the body is not registered
    coordinating_names: list[str] = field(default_factory=list)


@dataclass
class DraftTarget:
    name: str
    value: Decimal
    unit: str
    comparator: str = "eq"  # eq, gte, gt, lte, lt or range (see programmes.models.Comparator)
    value_max: Decimal | None = None
    horizon: str = ""  # as read: "2030", "2026-2030"
    target_year: int | None = None
    parent: str = ""  # the target this one details ("…; trong đó …")
    note: str = ""  # what the text adds in brackets ("(12 xã)")


@dataclass
class DraftBody:
    body_id: int | None  # None: not in the registry, offered for creation
    name: str
    role: str = ""  # "lead", "coordinating" or "" when the text does not say
    written: str = ""  # the first form the text uses


@dataclass
class DraftDocument:
    code: str = ""
    kind: str = ""
    issuer: str = ""
    issued_on: date | None = None
    programme_id: int | None = None  # a programme already saved with this code


@dataclass
class Draft:
    goals: list[DraftGoal] = field(default_factory=list)
    tasks: list[DraftTask] = field(default_factory=list)
    targets: list[DraftTarget] = field(default_factory=list)
    bodies: list[DraftBody] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    document: DraftDocument = field(default_factory=DraftDocument)
    cited: list[DraftDocument] = field(default_factory=list)
    province: str = ""
    horizon: str = ""  # "2025-2030" for a term, "2024" for a one-year plan
    purpose: list[str] = field(default_factory=list)
    # items of the goals and funding sections, as written: never tasks, also not in prose
    set_apart: list[str] = field(default_factory=list)
