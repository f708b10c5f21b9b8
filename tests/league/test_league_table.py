"""The league table of bodies: shares, ranks and sorting on a province built by hand, the
page and its export."""

from datetime import date
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from league.selectors import league_table, sorted_rows
from proposals.models import Proposal, ProposalStatus
from tests.factories import BodyFactory, ProgrammeFactory, period_of
from tests.tracking.province import at, confirmed, make_task

pytestmark = pytest.mark.django_db

TODAY = date(2024, 1, 10)


@pytest.fixture
def province(official):
    """Quarter IV/2023 (15/09–14/12, reports due 18/12):

    - Sở A leads two tasks, both reported on time and on track: 100 %, 100 %, no proposals.
    - Sở B leads two: one reported on time and on track, one due 30/6/2023 with no report
      (overdue); one proposal answered late: 50 %, 50 %, 1 overdue, 0 %.
    - Sở C leads two, reported on 16/12 and, late, on 20/12 (so not on track as of the due
      day); one proposal answered in time: 50 %, 50 %, 0 overdue, 100 %.
    """
    programme = ProgrammeFactory(issued_on=date(2023, 1, 1))
    q4 = period_of("quarter", 2023, 4)
    a = BodyFactory(short_name="Sở A")
    b = BodyFactory(short_name="Sở B")
    c = BodyFactory(short_name="Sở C")
    with time_machine.travel(date(2023, 1, 2)):
        tasks = {
            "a1": make_task(programme, a, "Năm 2024", "A một"),
            "a2": make_task(programme, a, "Năm 2024", "A hai"),
            "b1": make_task(programme, b, "Năm 2024", "B một"),
            "b2": make_task(programme, b, "30/6/2023", "B hai"),
            "c1": make_task(programme, c, "Năm 2024", "C một"),
            "c2": make_task(programme, c, "Năm 2024", "C hai"),
        }
    for key in ("a1", "a2", "b1", "c1"):
        body = {"a": a, "b": b, "c": c}[key[0]]
        confirmed(tasks[key], body, official, q4, on=date(2023, 12, 16), percent=20)
    late = confirmed(tasks["c2"], c, official, q4, on=date(2023, 12, 20), percent=20)
    for addressed_to, due_on, replied_on in (
        (b, date(2023, 12, 1), date(2023, 12, 5)),
        (c, date(2023, 12, 10), date(2023, 12, 8)),
    ):
        Proposal.objects.create(
            report=late,
            number=1 if addressed_to == b else 2,
            task=tasks["c2"],
            body=c,
            text="Đề nghị bổ sung kinh phí",
            addressed_to=addressed_to,
            due_on=due_on,
            status=ProposalStatus.ANSWERED,
            reply="Đã bố trí",
            replied_at=at(replied_on),
        )
    return q4


@time_machine.travel(TODAY)
def test_the_ranks_follow_the_shares_then_fewer_overdue_tasks(province):
    table = league_table(province, TODAY)
    assert table.day == date(2023, 12, 18)  # statuses as of the due day of the reports
    found = {
        row.name: (
            row.rank,
            row.reports_percent,
            row.on_track_percent,
            row.overdue,
            row.proposals_percent,
        )
        for row in table.rows
    }
    assert found == {
        "Sở A": (1, 100.0, 100.0, 0, None),
        "Sở C": (2, 50.0, 50.0, 0, 100.0),
        "Sở B": (3, 50.0, 50.0, 1, 0.0),
    }


@time_machine.travel(TODAY)
def test_equal_scores_share_a_rank_and_sorting_keeps_the_ranks(province, official):
    twin = BodyFactory(short_name="Sở A bis")
    programme = ProgrammeFactory(issued_on=date(2023, 1, 1))
    with time_machine.travel(date(2023, 1, 2)):
        task = make_task(programme, twin, "Năm 2024", "A bis")
    confirmed(task, twin, official, province, on=date(2023, 12, 16), percent=20)
    rows = league_table(province, TODAY).rows
    assert [(row.name, row.rank) for row in rows] == [
        ("Sở A", 1),
        ("Sở A bis", 1),
        ("Sở C", 3),
        ("Sở B", 4),
    ]
    assert [row.name for row in sorted_rows(rows, "qua-han")][0] == "Sở B"
    assert [row.name for row in sorted_rows(rows, "kien-nghi")][:2] == ["Sở C", "Sở B"]


@time_machine.travel(TODAY)
def test_the_page_and_its_export(client, leader, province, official):
    client.force_login(leader)
    page = client.get(reverse("league:table"), {"ky": province.pk, "sap-xep": "qua-han"}).text
    assert page.index("Sở B") < page.index("Sở A")
    response = client.get(reverse("league:export"), {"ky": province.pk})
    # Row 1 is the export's title, row 2 blank, row 3 the headings.
    rows = list(load_workbook(BytesIO(response.content)).active.values)[2:]
    assert [row[:2] for row in rows[1:]] == [(1, "Sở A"), (2, "Sở C"), (3, "Sở B")]
    assert rows[3][7] == 0  # Sở B answered none of its proposals in time
    client.force_login(official)
    assert client.get(reverse("league:table")).status_code == 403


def test_the_kept_table_is_forgotten_when_a_proposal_is_answered(
    client, leader, province, official, django_capture_on_commit_callbacks
):
    from proposals.services import proposal_answer

    proposal = Proposal.objects.get(number=1)  # answered late by Sở B: re-sent to Sở A unanswered
    sa = BodyFactory._meta.model.objects.get(short_name="Sở A")
    Proposal.objects.filter(pk=proposal.pk).update(
        addressed_to=sa, status=ProposalStatus.NEW, reply="", replied_at=None
    )
    client.force_login(leader)

    def sheet_row_of_a() -> tuple:
        with time_machine.travel(TODAY):
            response = client.get(reverse("league:export"), {"ky": province.pk})
        rows = list(load_workbook(BytesIO(response.content)).active.values)[3:]
        return next(row for row in rows if row[1] == "Sở A")

    assert sheet_row_of_a()[7:9] == (0, 1)  # one proposal due, none answered in time
    with time_machine.travel(date(2023, 11, 20)), django_capture_on_commit_callbacks(execute=True):
        proposal_answer(proposal=Proposal.objects.get(pk=proposal.pk), by=leader, reply="Đã xử lý")
    assert sheet_row_of_a()[7:9] == (100, 1)
