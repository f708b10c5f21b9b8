"""Loads the seed programmes and bodies from the YAML files in ``programmes/seed/``.

Loading is idempotent: rows are matched on natural keys (body code, programme slug, a task's
parent and position, a goal's position) and updated in place, so a second run changes nothing.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from programmes.models import Body, Goal, Programme, Role, Task, User
from programmes.services import task_assign
from programmes.signals import tasks_changed_send
from programmes.text import normalize

SEED_DIR = Path(__file__).resolve().parent / "seed"
PROGRAMME_FILES = ("binh_phuoc_17_ctr_tu.yaml", "binh_duong_8_nhom_nhiem_vu.yaml")

# Demo accounts for `make run`: one per role. Never created in production by this module
# unless asked (`load_seeds --demo-accounts`).
DEMO_PASSWORD = "demo-2026"  # noqa: S105 - printed for the demo, never a real account
DEMO_ACCOUNTS = (
    ("canbo", "Nguyễn Văn An", Role.OFFICIAL, "bp-so-khdt"),
    ("lanhdao", "Trần Thị Bình", Role.HEAD, "bp-so-khdt"),
    ("tinhuy", "Lê Văn Cường", Role.LEADER, "bp-ttr"),
    ("quantri", "Phạm Thị Dung", Role.ADMIN, "bp-vptu"),
)


@dataclass
class SeedResult:
    bodies: int = 0
    programmes: list[str] = field(default_factory=list)
    accounts: list[tuple[str, str]] = field(default_factory=list)


def _read(name: str) -> Any:
    with (SEED_DIR / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _text(value: Any) -> str:
    return normalize(str(value)) if value is not None else ""


def _load_bodies(nodes: list[dict], parent: Body | None, result: SeedResult) -> None:
    for node in nodes:
        body, _ = Body.objects.update_or_create(
            code=node["code"],
            defaults={
                "name": _text(node["name"]),
                "short_name": _text(node.get("short_name")),
                "kind": node["kind"],
                "parent": parent,
            },
        )
        result.bodies += 1
        _load_bodies(node.get("children", []), body, result)


def _body(code: str | None) -> Body | None:
    return Body.objects.get(code=code) if code else None


def _term(data: dict) -> dict:
    start, end = data.get("term") or (None, None)
    return {"term_start": start, "term_end": end}


def _load_tasks(programme: Programme, nodes: list[dict], parent: Task | None) -> None:
    for position, node in enumerate(nodes, start=1):
        task = Task.objects.filter(programme=programme, parent=parent, position=position).first()
        task = task or Task(programme=programme, parent=parent, position=position)
        task.kind = node["kind"]
        task.number = _text(node.get("number"))
        task.title = _text(node["title"])
        task.description = _text(node.get("description"))
        task.set_deadline(node.get("deadline") or "")
        task.save()
        lead = _body(node.get("lead"))
        coordinating = [b for code in node.get("coordinating", []) if (b := _body(code))]
        if lead or coordinating:
            task_assign(task=task, lead=lead, coordinating=coordinating)
        else:
            tasks_changed_send([task.pk])
        _load_tasks(programme, node.get("children", []), task)
    # Drop what the data no longer has at this level (idempotent when it shrinks).
    Task.objects.filter(programme=programme, parent=parent, position__gt=len(nodes)).delete()


def _load_programme(data: dict) -> Programme:
    implemented = []
    for document in data.get("implements", []):
        resolution, _ = Programme.objects.update_or_create(
            slug=document["slug"],
            defaults={
                "code": _text(document.get("code")),
                "kind": document["kind"],
                "title": _text(document["title"]),
                **_term(document),
            },
        )
        implemented.append(resolution)
    programme, _ = Programme.objects.update_or_create(
        slug=data["slug"],
        defaults={
            "code": _text(data.get("code")),
            "kind": data["kind"],
            "title": _text(data["title"]),
            "summary": _text(data.get("summary")),
            "issuing_body": _body(data.get("issuing_body")),
            "directing_body": _body(data.get("directing_body")),
            "midterm_review_note": _text(data.get("midterm_review_note")),
            "implementation": _text(data.get("implementation")),
            "source": _text(data.get("source")),
            **_term(data),
        },
    )
    programme.implements.set(implemented)
    goals = data.get("goals", [])
    for position, goal in enumerate(goals, start=1):
        Goal.objects.update_or_create(
            programme=programme,
            position=position,
            defaults={
                "kind": goal["kind"],
                "horizon": goal.get("horizon"),
                "text": _text(goal["text"]),
            },
        )
    programme.goals.filter(position__gt=len(goals)).delete()
    _load_tasks(programme, data.get("tasks", []), None)
    return programme


def _load_demo_accounts(result: SeedResult) -> None:
    for username, full_name, role, body_code in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"full_name": full_name, "role": role, "body": _body(body_code)},
        )
        if created:
            user.is_staff = user.is_superuser = role == Role.ADMIN
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["is_staff", "is_superuser", "password"])
        result.accounts.append((username, role))


@transaction.atomic
def seed_load(*, demo_accounts: bool = False) -> SeedResult:
    result = SeedResult()
    _load_bodies(_read("bodies.yaml"), None, result)
    for name in PROGRAMME_FILES:
        result.programmes.append(str(_load_programme(_read(name))))
    if demo_accounts:
        result.programmes.append(str(_load_programme(_read("demo_plan.yaml"))))
        _load_demo_accounts(result)
    return result
