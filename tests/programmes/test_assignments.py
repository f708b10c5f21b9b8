from datetime import date

import pytest
from django.db import IntegrityError, transaction

from programmes.models import Assignment, AssignmentRole
from programmes.services import task_assign
from tests.factories import AssignmentFactory, BodyFactory, TaskFactory

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_second_lead_on_a_task():
    first = AssignmentFactory(role=AssignmentRole.LEAD)
    with pytest.raises(IntegrityError), transaction.atomic():
        AssignmentFactory(task=first.task, role=AssignmentRole.LEAD)


def test_a_task_has_any_number_of_coordinating_bodies():
    lead = AssignmentFactory(role=AssignmentRole.LEAD)
    for _ in range(3):
        AssignmentFactory(task=lead.task, role=AssignmentRole.COORDINATING)
    assert lead.task.assignments.filter(role=AssignmentRole.COORDINATING).count() == 3


def test_a_body_is_assigned_to_a_task_once():
    first = AssignmentFactory(role=AssignmentRole.COORDINATING)
    with pytest.raises(IntegrityError), transaction.atomic():
        AssignmentFactory(task=first.task, body=first.body, role=AssignmentRole.LEAD)


def test_an_ended_lead_makes_room_for_the_next_one():
    first = AssignmentFactory(role=AssignmentRole.LEAD, ended_on=date(2025, 3, 1))
    AssignmentFactory(task=first.task, role=AssignmentRole.LEAD)
    assert first.task.assignments.filter(role=AssignmentRole.LEAD).count() == 2
    assert first.task.assignments.current().filter(role=AssignmentRole.LEAD).count() == 1


def test_task_assign_sets_lead_and_coordinators_and_ends_what_is_dropped():
    task = TaskFactory()
    lead, helper, other = BodyFactory(), BodyFactory(), BodyFactory()
    task_assign(task=task, lead=lead, coordinating=[helper], on=date(2023, 1, 1))
    task_assign(task=task, lead=other, coordinating=[helper], on=date(2024, 1, 1))
    current = {(a.body, a.role) for a in Assignment.objects.current().filter(task=task)}
    assert current == {(other, AssignmentRole.LEAD), (helper, AssignmentRole.COORDINATING)}
    ended = Assignment.objects.get(task=task, body=lead)
    assert ended.ended_on == date(2024, 1, 1)
