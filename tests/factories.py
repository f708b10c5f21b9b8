"""factory_boy factories for volume; the named people live in conftest.py."""

from typing import TYPE_CHECKING

import factory
from django.contrib.auth.hashers import make_password

from programmes.models import (
    Assignment,
    AssignmentRole,
    Body,
    BodyKind,
    Goal,
    Programme,
    Role,
    Target,
    Task,
    TaskKind,
    User,
)
from programmes.signals import tasks_changed_send
from tracking.models import Period
from tracking.periods import period_span
from tracking.services import period_for

if TYPE_CHECKING:
    from tracking.services import ReportData

PASSWORD = "mat-khau-thu-nghiem"
_hashed: list[str] = []


def hashed_password() -> str:
    """PASSWORD hashed once, by the tests' fast hasher (``tests/conftest.py``)."""
    if not _hashed:
        _hashed.append(make_password(PASSWORD))
    return _hashed[0]


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    code = factory.Sequence(lambda n: f"co-quan-{n}")
    name = factory.Sequence(lambda n: f"Sở Thử nghiệm số {n}")
    short_name = factory.Sequence(lambda n: f"Sở TN {n}")
    kind = BodyKind.DEPARTMENT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    role = Role.OFFICIAL
    body = factory.SubFactory(BodyFactory)
    password = factory.LazyFunction(hashed_password)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    slug = factory.Sequence(lambda n: f"ctr-{n}")
    code = factory.Sequence(lambda n: f"{n + 1}-CTr/TU")
    kind = "programme"
    title = factory.Sequence(lambda n: f"Chương trình hành động số {n + 1}")
    term_start = 2020
    term_end = 2025


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    kind = TaskKind.TASK
    position = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda task: f"{task.position}.")
    title = factory.Sequence(lambda n: f"Nhiệm vụ thử nghiệm {n}")

    @factory.post_generation
    def kept_state(self, create: bool, extracted: object, **kwargs: object) -> None:
        # As every service that adds tasks does: the task's status gets its home at once.
        if create:
            tasks_changed_send([self.pk])


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment
        skip_postgeneration_save = True

    task = factory.SubFactory(TaskFactory)
    body = factory.SubFactory(BodyFactory)
    role = AssignmentRole.LEAD

    @factory.post_generation
    def kept_state(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            tasks_changed_send([self.task_id])


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    programme = factory.SubFactory(ProgrammeFactory)
    kind = Goal.Kind.HORIZON
    horizon = 2025
    text = "Phấn đấu đến năm 2025 hoàn thành chính quyền điện tử."


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    programme = factory.SubFactory(ProgrammeFactory)
    name = "Tốc độ tăng trưởng GRDP bình quân"
    unit = "%/năm"
    planned_value = "8.5"
    target_year = 2025


def period_of(kind: str, year: int, number: int = 1) -> Period:
    """The stored reporting period, as the services create it."""
    return period_for(period_span(kind, year, number))


def report_words(**changes: object) -> "ReportData":
    """What an official writes in a report, with ``changes`` to the usual words."""
    from tracking.services import ReportData

    data: dict[str, object] = {
        "progress": "in_progress",
        "percent": 60,
        "completed_on": None,
        "blocked": False,
        "results": "Đã rà soát 12 dự án.",
        "difficulties": "",
        "proposals": "",
        "readings": {},
    }
    data.update(changes)
    return ReportData(**data)  # type: ignore[arg-type]
