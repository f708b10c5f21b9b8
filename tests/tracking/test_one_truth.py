"""One truth per fact: every number on the overview equals the count of the list behind it,
today and as of any day, right after each kind of write that can move a task's status."""

from datetime import date, timedelta

import pytest
import time_machine
from django.contrib import admin

from programmes.imports import apply_rows
from programmes.models import AssignmentRole, Task
from programmes.services import body_merge, programme_add_draft
from tests.factories import AssignmentFactory, BodyFactory, ProgrammeFactory, TaskFactory
from tracking.models import TaskState
from tracking.selectors.overview import overview
from tracking.selectors.rows import ListFilter, list_rows
from tracking.services.states import task_states_refresh
from tracking.status import TaskStatus

pytestmark = pytest.mark.django_db

TODAY = date(2024, 3, 1)


def counted(kind: str, day: date, **chosen: int) -> int:
    return len(list(list_rows(kind, day, ListFilter(**chosen))))


def cards_equal_lists(day: date):
    """Each card and table count of the overview against the list it links to."""
    data = overview(day)
    assert data.province.overdue == counted("qua-han", day)
    assert data.province.blocked == counted("vuong-mac", day)
    assert data.province.total == counted("tat-ca", day)
    assert data.province.completed == counted("hoan-thanh", day)
    for line in data.programmes:
        pk = line.programme.pk
        assert line.tally.overdue == counted("qua-han", day, programme_id=pk)
        assert line.tally.blocked == counted("vuong-mac", day, programme_id=pk)
        assert line.tally.total == counted("tat-ca", day, programme_id=pk)
    for line in data.bodies:
        assert line.tally.overdue == counted("qua-han", day, body_id=line.body.pk)
    return data


def led_task(programme, body, deadline: str, title: str) -> Task:
    task = TaskFactory(programme=programme, title=title, deadline_text=deadline)
    task.set_deadline(deadline)
    task.save()
    AssignmentFactory(task=task, body=body, role=AssignmentRole.LEAD)
    return task


@pytest.fixture
def programme():
    return ProgrammeFactory(issued_on=date(2021, 1, 1))


@time_machine.travel(TODAY)
def test_tasks_imported_from_excel_are_counted_at_once(programme, department):
    rows = [
        {
            "number": "1.",
            "title": "Số hóa hồ sơ đất đai",
            "depth": 0,
            "kind": "task",
            "deadline": "31/12/2023",
            "lead_id": department.pk,
            "coordinating_ids": [],
        }
    ]
    apply_rows(programme=programme, rows=rows)
    data = cards_equal_lists(TODAY)
    assert data.province.overdue == 1


@time_machine.travel(TODAY)
def test_tasks_saved_from_a_text_draft_are_counted_at_once(programme, department):
    tasks = [
        {
            "keep": True,
            "number": "1.",
            "title": "Rà soát quy hoạch",
            "depth": 0,
            "kind": "task",
            "deadline": "30/6/2023",
            "lead": department,
        }
    ]
    programme_add_draft(programme=programme, goals=[], tasks=tasks)
    data = cards_equal_lists(TODAY)
    assert data.province.overdue == 1


@time_machine.travel(TODAY)
def test_a_deadline_changed_in_the_admin_moves_the_lists_at_once(programme, department, rf):
    task = led_task(programme, department, "Năm 2025", "Xây dựng đề án")
    assert cards_equal_lists(TODAY).province.overdue == 0
    task.deadline_text = "31/12/2023"
    admin.site._registry[Task].save_model(rf.post("/"), task, form=None, change=True)
    data = cards_equal_lists(TODAY)
    assert data.province.overdue == 1
    assert TaskState.objects.get(task=task).status == TaskStatus.OVERDUE


@time_machine.travel(TODAY)
def test_a_merge_moves_the_bodies_counts_and_lists_together(programme, department):
    successor = BodyFactory(name="Sở Tài chính")
    led_task(programme, department, "31/12/2023", "Quyết toán vốn")
    body_merge(sources=[department], into=successor, on=TODAY - timedelta(days=1))
    data = cards_equal_lists(TODAY)
    overdue = {line.body.pk: line.tally.overdue for line in data.bodies}
    assert overdue.get(successor.pk) == 1 and not overdue.get(department.pk)


def test_at_midnight_the_refresh_moves_cards_and_lists_together(programme, department):
    led_task(programme, department, "29/2/2024", "Hoàn thành báo cáo")
    with time_machine.travel(TODAY - timedelta(days=1)):
        task_states_refresh(on=TODAY - timedelta(days=1))
    with time_machine.travel(TODAY):
        # Before the refresh every page still reads yesterday's kept status: they agree.
        assert cards_equal_lists(TODAY).province.overdue == 0
        task_states_refresh(on=TODAY)
        assert cards_equal_lists(TODAY).province.overdue == 1


def test_as_of_an_earlier_day_the_cards_equal_the_lists(programme, department, other_department):
    led_task(programme, department, "31/12/2022", "Việc đã quá hạn năm 2022")
    led_task(programme, other_department, "Năm 2023", "Việc của năm 2023")
    led_task(programme, department, "Thường xuyên", "Việc thường xuyên")
    for day in (date(2022, 6, 1), date(2023, 1, 15), date(2024, 1, 2)):
        data = cards_equal_lists(day)
        assert data.province.total == 3
    assert cards_equal_lists(date(2024, 1, 2)).province.overdue == 2
