from datetime import date

import pytest
from django.core.exceptions import ValidationError

from programmes.models import Assignment, AssignmentRole, BodyEvent, TaskKind
from programmes.services import body_merge, body_rename, body_split
from tests.factories import AssignmentFactory, BodyFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db

MERGER = date(2025, 3, 1)


@pytest.fixture
def planning():
    return BodyFactory(name="Sở Kế hoạch và Đầu tư tỉnh Bình Phước", short_name="Sở KH&ĐT")


@pytest.fixture
def finance():
    return BodyFactory(name="Sở Tài chính tỉnh Bình Phước", short_name="Sở Tài chính")


def test_merge_carries_tasks_over_to_the_successor(planning, finance):
    led = AssignmentFactory(body=planning, role=AssignmentRole.LEAD, started_on=date(2021, 6, 1))
    helped = AssignmentFactory(body=planning, role=AssignmentRole.COORDINATING)

    body_merge(sources=[planning], into=finance, on=MERGER)

    current = Assignment.objects.current()
    assert current.get(task=led.task).body == finance
    assert current.get(task=led.task).role == AssignmentRole.LEAD
    assert current.get(task=helped.task, body=finance).role == AssignmentRole.COORDINATING
    assert not current.filter(body=planning).exists()


def test_after_a_merge_the_history_still_reads_as_it_was(planning, finance):
    led = AssignmentFactory(body=planning, role=AssignmentRole.LEAD, started_on=date(2021, 6, 1))

    body_merge(sources=[planning], into=finance, on=MERGER)

    led.refresh_from_db()
    assert led.body == planning  # the 2021 assignment still names the body it was given to
    assert led.ended_on == MERGER
    successor_part = led.carried_to.get()
    assert (successor_part.body, successor_part.started_on) == (finance, MERGER)
    planning.refresh_from_db()
    assert planning.name == "Sở Kế hoạch và Đầu tư tỉnh Bình Phước"
    assert (planning.active_to, planning.successor, planning.current()) == (
        MERGER,
        finance,
        finance,
    )
    event = BodyEvent.objects.get(body=planning)
    assert (event.kind, event.on, event.related) == (BodyEvent.Kind.MERGE, MERGER, finance)


def test_merge_moves_accounts_and_owned_subtasks(planning, finance):
    official = UserFactory(body=planning)
    subtask = TaskFactory(kind=TaskKind.SUBTASK, owner_body=planning)

    body_merge(sources=[planning], into=finance, on=MERGER)

    official.refresh_from_db()
    subtask.refresh_from_db()
    assert official.body == finance
    assert subtask.owner_body == finance


def test_a_lead_merged_into_a_coordinator_makes_it_the_lead(planning, finance):
    lead = AssignmentFactory(body=planning, role=AssignmentRole.LEAD)
    AssignmentFactory(task=lead.task, body=finance, role=AssignmentRole.COORDINATING)

    body_merge(sources=[planning], into=finance, on=MERGER)

    current = Assignment.objects.current().filter(task=lead.task)
    assert [(a.body, a.role) for a in current] == [(finance, AssignmentRole.LEAD)]


def test_two_bodies_merge_into_a_new_one():
    agriculture = BodyFactory(name="Sở Nông nghiệp và Phát triển nông thôn")
    environment = BodyFactory(name="Sở Tài nguyên và Môi trường")
    merged = BodyFactory(name="Sở Nông nghiệp và Môi trường", active_from=MERGER)
    task = TaskFactory()
    AssignmentFactory(task=task, body=agriculture, role=AssignmentRole.LEAD)
    AssignmentFactory(task=task, body=environment, role=AssignmentRole.COORDINATING)

    body_merge(sources=[agriculture, environment], into=merged, on=MERGER)

    current = Assignment.objects.current().filter(task=task)
    assert [(a.body, a.role) for a in current] == [(merged, AssignmentRole.LEAD)]
    assert set(merged.predecessors.all()) == {agriculture, environment}


def test_a_body_cannot_merge_into_itself_or_twice(planning, finance):
    with pytest.raises(ValidationError):
        body_merge(sources=[planning], into=planning, on=MERGER)
    body_merge(sources=[planning], into=finance, on=MERGER)
    with pytest.raises(ValidationError):
        body_merge(sources=[planning], into=finance, on=MERGER)


def test_rename_keeps_the_old_name_for_dates_before_it(planning):
    body_rename(body=planning, name="Sở Tài chính – Kế hoạch", on=date(2025, 3, 1))
    planning.refresh_from_db()
    assert planning.name == "Sở Tài chính – Kế hoạch"
    assert planning.name_on(date(2024, 1, 1)) == "Sở Kế hoạch và Đầu tư tỉnh Bình Phước"
    assert planning.name_on(date(2025, 6, 1)) == "Sở Tài chính – Kế hoạch"


def test_split_sends_each_task_where_it_is_told(planning, finance):
    other = BodyFactory()
    first = AssignmentFactory(body=planning, role=AssignmentRole.LEAD)
    second = AssignmentFactory(body=planning, role=AssignmentRole.LEAD)

    body_split(
        source=planning, into=[finance, other], on=MERGER, task_bodies={second.task_id: other}
    )

    current = Assignment.objects.current()
    assert current.get(task=first.task).body == finance
    assert current.get(task=second.task).body == other
    assert BodyEvent.objects.filter(body=planning, kind=BodyEvent.Kind.SPLIT).count() == 2
