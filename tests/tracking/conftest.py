"""Fixtures of the execution tests: a reporting period, a task with its lead and coordinating
bodies, a target, and the hand-built province of the leaders' pages."""

from datetime import date
from decimal import Decimal

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
from tests.tracking.province import TODAY, confirmed, make_task
from tracking.services.states import task_states_refresh


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


@pytest.fixture
def province(department, other_department, official):
    programme = ProgrammeFactory(code="17-CTr/TU", issued_on=None, term_start=2021)
    q4 = period_of("quarter", 2023, 4)  # 15/09–14/12/2023
    q3 = period_of("quarter", 2023, 3)
    t = {
        "overdue": make_task(programme, department, "Năm 2023", "Hoàn thiện hạ tầng số"),
        "on_track": make_task(programme, department, "Năm 2024", "Xây dựng nông thôn mới"),
        "blocked": make_task(programme, other_department, "Năm 2024", "Giải phóng mặt bằng"),
        "on_time": make_task(programme, department, "Năm 2023", "Lập quy hoạch"),
        "late": make_task(programme, other_department, "30/6/2023", "Sắp xếp bộ máy"),
        "not_started": make_task(programme, department, "Thường xuyên", "Tuyên truyền"),
        "behind": make_task(programme, department, "2021–2025", "Phát triển nguồn nhân lực"),
    }
    target = TargetFactory(
        programme=programme,
        task=t["on_track"],
        name="Xã đạt chuẩn nông thôn mới",
        unit="xã",
        planned_value=Decimal("50"),
    )
    confirmed(
        t["on_track"],
        department,
        official,
        q4,
        on=date(2023, 12, 16),
        percent=50,
        readings={target: Decimal("55")},
    )
    confirmed(
        t["blocked"],
        other_department,
        official,
        q4,
        on=date(2023, 12, 16),
        percent=20,
        blocked=True,
        proposals="Đề nghị bổ sung kinh phí",
    )
    confirmed(
        t["on_time"],
        department,
        official,
        q4,
        on=date(2023, 12, 22),
        percent=100,
        completed_on=date(2023, 12, 20),
    )
    confirmed(
        t["late"],
        other_department,
        official,
        q3,
        on=date(2023, 8, 2),
        percent=100,
        completed_on=date(2023, 8, 1),
    )
    confirmed(t["behind"], department, official, q4, on=date(2023, 12, 16), percent=10)
    task_states_refresh(on=TODAY)  # as the nightly refresh does
    return programme, t, target
