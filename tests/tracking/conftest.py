from datetime import date

import pytest
import time_machine

from programmes.models import AssignmentRole
from programmes.services import task_save
from tests.factories import (
    AssignmentFactory,
    ProgrammeFactory,
    TargetFactory,
    TaskFactory,
    period_of,
)


@pytest.fixture
def period():
    """Quarter II/2023, on a day a report on it is owed: 20/06/2023, four days after it was
    due (the services refuse a report for a period the task does not owe today). A test that
    travels elsewhere itself travels from here."""
    with time_machine.travel(date(2023, 6, 20)):
        yield period_of("quarter", 2023, 2)


@pytest.fixture
def task(department, other_department):
    """A task led by An's and Bình's department, with Em's department coordinating."""
    programme = ProgrammeFactory(issued_on=date(2023, 1, 1))
    task = TaskFactory(programme=programme, title="Rà soát danh mục dự án kêu gọi đầu tư")
    task_save(task=task, deadline_text="Năm 2023")
    AssignmentFactory(task=task, body=department, role=AssignmentRole.LEAD)
    AssignmentFactory(task=task, body=other_department, role=AssignmentRole.COORDINATING)
    return task


@pytest.fixture
def target(task):
    return TargetFactory(programme=task.programme, task=task, name="Số dự án", unit="dự án")
