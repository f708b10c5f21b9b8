"""The roll-up of a programme by group: one rule for the page, the exports and the Word
report; numbering order (1.2 before 1.10); tasks without a report left out of the mean."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from programmes.models import AssignmentRole, TaskKind
from tests.factories import AssignmentFactory, ProgrammeFactory, TaskFactory, period_of
from tracking import services
from tracking.documents.midterm_docx import gather
from tracking.services import ReportData

pytestmark = pytest.mark.django_db

TODAY = date(2023, 11, 1)


@pytest.fixture
def grouped(department, official, head):
    """Group I holds tasks 1.1 … 1.10 (1.2 reported at 40 %), group II holds a sub-group with
    one task reported at 80 %; one task sits under no group."""
    programme = ProgrammeFactory(issued_on=date(2023, 1, 1))
    first = TaskFactory(programme=programme, kind=TaskKind.GROUP, number="I.", position=1)
    second = TaskFactory(programme=programme, kind=TaskKind.GROUP, number="II.", position=2)
    inner = TaskFactory(
        programme=programme, parent=second, kind=TaskKind.GROUP, number="1.", position=1
    )
    tasks = {}
    for n in range(1, 11):
        tasks[f"1.{n}"] = TaskFactory(
            programme=programme, parent=first, number=f"1.{n}", position=n, deadline_text=""
        )
    tasks["2.1"] = TaskFactory(programme=programme, parent=inner, number="a)", position=1)
    tasks["loose"] = TaskFactory(programme=programme, number="-", position=3)
    for task in tasks.values():
        AssignmentFactory(task=task, body=department, role=AssignmentRole.LEAD)
    period = period_of("quarter", 2023, 4)  # the quarter owed on TODAY
    with time_machine.travel(TODAY):
        for key, percent in (("1.2", 40), ("2.1", 80)):
            report = services.report_start(task=tasks[key], period=period, by=official)
            data = ReportData("in_progress", percent, None, False, "Đã làm", "", "", {})
            report = services.report_save(report=report, by=official, data=data, version=1)
            report = services.report_submit(report=report, by=official, version=report.version)
            services.report_confirm(report=report, by=head, version=report.version)
    return programme, first, second, tasks


@time_machine.travel(TODAY)
def test_programme_progress_rolls_up_by_outermost_group_in_numbering_order(client, leader, grouped):
    programme, first, second, _tasks = grouped
    client.force_login(leader)
    response = client.get(reverse("tracking:programme-progress", args=[programme.slug]))
    sections = response.context["sections"]
    assert [s.group for s in sections] == [first, second, None]
    numbers = [row.number for row in sections[0].rows]
    assert numbers == [f"1.{n}" for n in range(1, 11)]  # 1.2 before 1.10
    assert (sections[0].tally.total, sections[0].tally.progress) == (10, 40)
    assert sections[0].tally.unreported == 9  # left out of the mean, not taken as 0 %
    assert (sections[1].tally.total, sections[1].tally.progress) == (1, 80)
    assert sections[2].tally.total == 1
    assert response.context["total"].progress == 60


@time_machine.travel(TODAY)
def test_the_word_report_uses_the_same_roll_up(grouped):
    programme, _first, _second, _tasks = grouped
    content = gather(programme, TODAY)
    assert [(g["tally"].total, g["tally"].progress) for g in content.groups] == [
        (10, 40),
        (1, 80),
        (1, None),
    ]
    assert content.total.progress == 60


def test_lists_follow_the_programmes_numbering_today_and_as_of_an_earlier_day(grouped):
    from tracking.selectors.rows import ListFilter, list_rows

    programme, _first, _second, _tasks = grouped
    expected = [*(f"1.{n}" for n in range(1, 11)), "a)", "-"]
    with time_machine.travel(TODAY):
        today = [row.number for row in list_rows("tat-ca", TODAY, ListFilter(programme.pk))]
    earlier = date(2023, 10, 1)
    before = [row.number for row in list_rows("tat-ca", earlier, ListFilter(programme.pk))]
    assert today == expected == before


@time_machine.travel(TODAY)
def test_the_page_shows_one_groups_tasks_at_a_time(client, leader, grouped):
    programme, first, second, tasks = grouped
    client.force_login(leader)
    url = reverse("tracking:programme-progress", args=[programme.slug])
    page = client.get(url).text
    assert tasks["1.10"].title in page and tasks["2.1"].title not in page
    assert f"?nhom={second.pk}" in page  # the other groups are one click away
    page = client.get(url, {"nhom": second.pk}).text
    assert tasks["2.1"].title in page and tasks["1.10"].title not in page
