"""The programme's text and a body's page show each task as a link to its page, with its
status chip and % done, read for the whole page in one query (``{% load task_status %}``)."""

import re
from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.models import AssignmentRole, TaskKind
from tests.factories import AssignmentFactory, ProgrammeFactory, TaskFactory, period_of
from tests.tracking.province import TODAY, confirmed
from tracking.models import TaskState
from tracking.services.states import task_states_refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(department, official):
    programme = ProgrammeFactory(code="17-CTr/TU", slug="ctr-17", issued_on=None, term_start=2021)
    group = TaskFactory(
        programme=programme, kind=TaskKind.GROUP, position=1, number="1.", title="Kinh tế"
    )
    tasks = []
    for position, title, deadline in (
        (1, "hoàn thiện hạ tầng số", "Năm 2023"),
        (2, "xây dựng nông thôn mới nâng cao", "Năm 2024"),
    ):
        task = TaskFactory(
            programme=programme,
            parent=group,
            position=position,
            number=f"1.{position}",
            title=title,
        )
        task.set_deadline(deadline)
        task.save()
        AssignmentFactory(task=task, body=department, role=AssignmentRole.LEAD)
        tasks.append(task)
    confirmed(
        tasks[1],
        department,
        official,
        period_of("quarter", 2023, 4),
        on=date(2023, 12, 16),
        percent=40,
    )
    task_states_refresh(on=TODAY)
    return programme, group, tasks


def link(task) -> str:
    return f'<a class="task-link" href="{reverse("tracking:task-detail", args=[task.pk])}">'


@time_machine.travel(TODAY)
def test_the_programme_text_links_each_task_with_its_status_and_percent(client, official, plan):
    programme, group, (overdue, on_track) = plan
    client.force_login(official)
    page = client.get(reverse("programmes:programme-detail", args=[programme.slug])).text
    assert f"{link(overdue)}Hoàn thiện hạ tầng số</a>" in page
    assert f"{link(on_track)}Xây dựng nông thôn mới nâng cao</a>" in page
    assert '<span class="status status-overdue">Quá hạn</span>' in page
    chip = '<span class="status status-on_track">Đang thực hiện — đúng tiến độ</span>'
    assert re.search(chip + r'\s*<span class="percent">40%</span>', page)
    assert reverse("tracking:task-detail", args=[group.pk]) not in page  # a group has no page


@time_machine.travel(TODAY)
def test_a_body_page_links_its_tasks_to_their_pages(client, official, department, plan):
    _programme, _group, (overdue, on_track) = plan
    client.force_login(official)
    page = client.get(reverse("programmes:body-detail", args=[department.pk])).text
    assert f"{link(overdue)}1.1 Hoàn thiện hạ tầng số</a>" in page
    assert f"{link(on_track)}1.2 Xây dựng nông thôn mới nâng cao</a>" in page
    assert '<span class="status status-overdue">Quá hạn</span>' in page
    assert '<span class="percent">40%</span>' in page
    assert f'href="{overdue.get_absolute_url()}"' not in page  # no more anchors


@time_machine.travel(TODAY)
def test_a_task_without_a_kept_state_reads_not_started(client, official, plan):
    programme, _group, (overdue, _on_track) = plan
    TaskState.objects.filter(task=overdue).delete()
    client.force_login(official)
    page = client.get(reverse("programmes:programme-detail", args=[programme.slug])).text
    assert '<span class="status status-not_started">Chưa triển khai</span>' in page


@time_machine.travel(TODAY)
@pytest.mark.parametrize("name", ["programmes:programme-detail", "programmes:body-detail"])
def test_the_pages_read_the_states_in_one_query(client, official, department, plan, name):
    programme, group, _tasks = plan
    client.force_login(official)
    key = programme.slug if name.endswith("programme-detail") else department.pk
    url = reverse(name, args=[key])

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        states = [q for q in captured if '"tracking_taskstate"' in q["sql"]]
        return len(captured), len(states)

    few = queries()
    for n in range(12):
        extra = TaskFactory(programme=programme, parent=group, position=10 + n)
        AssignmentFactory(task=extra, body=department, role=AssignmentRole.LEAD)
    assert queries() == few
    assert few[1] == 1
