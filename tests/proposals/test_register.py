"""The register of difficulties and proposals: made from confirmed reports exactly once,
answered by leaders and the addressed body's head, status rules, the task's page, the export,
reminders past the answer date."""

from datetime import date, timedelta
from io import BytesIO

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from programmes.models import Role
from proposals.models import Proposal, ProposalStatus
from proposals.services import (
    proposal_answer,
    proposal_readdress,
    proposal_resolve,
    proposal_take_up,
    proposals_from_report,
    proposals_remind,
    split_proposals,
)
from tests.factories import BodyFactory, UserFactory
from tracking import services
from tracking.models import Notification
from tracking.services import ReportData

pytestmark = pytest.mark.django_db

TODAY = date(2023, 7, 3)


def words(proposals: str) -> ReportData:
    return ReportData(
        progress="in_progress",
        percent=30,
        completed_on=None,
        blocked=True,
        results="Đã rà soát 12 dự án.",
        difficulties="Thiếu vốn đối ứng.",
        proposals=proposals,
        readings={},
    )


@pytest.fixture
def issuing_body(task):
    """The programme's issuing body, with its head Giang."""
    body = BodyFactory(name="Ủy ban nhân dân tỉnh", short_name="UBND tỉnh")
    task.programme.issuing_body = body
    task.programme.save(update_fields=["issuing_body"])
    UserFactory(username="giang", full_name="Đỗ Văn Giang", role=Role.HEAD, body=body)
    return body


@pytest.fixture
def submitted(task, period, official):
    report = services.report_start(task=task, period=period, by=official)
    report = services.report_save(
        report=report,
        by=official,
        data=words("- Đề nghị bổ sung kinh phí 2 tỷ đồng.\n\n2) Đề nghị giao đất sạch cho dự án."),
        version=report.version,
    )
    return services.report_submit(report=report, by=official, version=report.version)


@pytest.fixture
def confirmed(submitted, head, issuing_body):
    with time_machine.travel(TODAY, tick=False):
        return services.report_confirm(report=submitted, by=head, version=submitted.version)


def addressed_head(issuing_body):
    from programmes.models import User

    return User.objects.get(username="giang")


def test_each_line_is_one_proposal_without_its_bullet():
    assert split_proposals("- Một.\n\n• Hai\n3. Ba\nb) Bốn\n  ") == ["Một.", "Hai", "Ba", "Bốn"]


def test_confirming_a_report_puts_its_proposals_in_the_register(confirmed, issuing_body, task):
    items = list(Proposal.objects.order_by("number"))
    assert [p.text for p in items] == [
        "Đề nghị bổ sung kinh phí 2 tỷ đồng.",
        "Đề nghị giao đất sạch cho dự án.",
    ]
    first = items[0]
    assert first.task == task and first.body == confirmed.body
    assert first.addressed_to == issuing_body  # the programme's issuing body by default
    assert first.due_on == TODAY + timedelta(days=30)
    assert first.status == ProposalStatus.NEW


def test_the_register_takes_a_report_once(confirmed):
    proposals_from_report(report=confirmed)
    proposals_from_report(report=confirmed)
    assert Proposal.objects.count() == 2


def test_a_submitted_or_returned_report_adds_nothing(submitted, head, issuing_body):
    proposals_from_report(report=submitted)
    services.report_return(report=submitted, by=head, comment="Bổ sung", version=submitted.version)
    assert not Proposal.objects.exists()


def test_a_failed_confirmation_leaves_no_proposal(submitted, other_official):
    with pytest.raises(ValidationError):
        services.report_confirm(report=submitted, by=other_official, version=submitted.version)
    assert not Proposal.objects.exists()


def test_the_addressed_head_and_leaders_answer_others_do_not(
    confirmed, issuing_body, head, official, other_official, leader
):
    first, second = Proposal.objects.order_by("number")
    for person in (official, head, other_official):  # the proposing body does not answer itself
        with pytest.raises(ValidationError):
            proposal_answer(proposal=first, by=person, reply="Đồng ý")
    proposal_answer(proposal=first, by=addressed_head(issuing_body), reply="Đã bố trí vốn.")
    proposal_answer(proposal=second, by=leader, reply="Giao Sở TN&MT xử lý.")
    first.refresh_from_db()
    assert first.status == ProposalStatus.ANSWERED
    assert first.replied_by.username == "giang" and first.replied_at is not None


def test_status_moves_only_along_the_allowed_steps(confirmed, leader):
    proposal = Proposal.objects.order_by("number").first()
    with pytest.raises(ValidationError):
        proposal_resolve(proposal=proposal, by=leader)  # not answered yet
    with pytest.raises(ValidationError):
        proposal_answer(proposal=proposal, by=leader, reply="  ")  # an empty answer
    proposal = proposal_take_up(proposal=proposal, by=leader)
    assert proposal.status == ProposalStatus.IN_PROGRESS
    with pytest.raises(ValidationError):
        proposal_take_up(proposal=proposal, by=leader)  # already being handled
    proposal = proposal_answer(proposal=proposal, by=leader, reply="Đã bố trí vốn.")
    proposal = proposal_resolve(proposal=proposal, by=leader)
    assert proposal.status == ProposalStatus.RESOLVED and proposal.resolved_at
    for step in (proposal_take_up, proposal_resolve):
        with pytest.raises(ValidationError):
            step(proposal=proposal, by=leader)


def test_the_answer_reaches_the_proposing_body_on_its_task_page(
    client, confirmed, official, leader, other_official, task
):
    proposal = Proposal.objects.order_by("number").first()
    proposal_answer(proposal=proposal, by=leader, reply="Đã bố trí 2 tỷ đồng từ nguồn dự phòng.")
    assert Notification.objects.filter(recipient=official, message__contains="2 tỷ").exists()
    client.force_login(official)
    page = client.get(reverse("tracking:task-detail", args=[task.pk])).text
    assert "Đã bố trí 2 tỷ đồng từ nguồn dự phòng." in page
    assert "Đề nghị giao đất sạch cho dự án." in page
    client.force_login(other_official)  # a coordinating body: not its proposal
    assert (
        "Đề nghị giao đất sạch"
        not in client.get(reverse("tracking:task-detail", args=[task.pk])).text
    )


def test_the_queue_of_a_head_holds_what_is_addressed_to_the_body(
    client, confirmed, issuing_body, head
):
    client.force_login(addressed_head(issuing_body))
    page = client.get(reverse("proposals:queue")).text
    assert "Đề nghị bổ sung kinh phí 2 tỷ đồng." in page
    client.force_login(head)  # the proposing body's head answers none of them
    assert "Đề nghị bổ sung kinh phí" not in client.get(reverse("proposals:queue")).text


def test_answering_in_the_product(client, confirmed, issuing_body):
    proposal = Proposal.objects.order_by("number").first()
    client.force_login(addressed_head(issuing_body))
    detail = client.get(reverse("proposals:detail", args=[proposal.pk])).text
    assert reverse("proposals:act", args=[proposal.pk]) in detail
    client.post(
        reverse("proposals:act", args=[proposal.pk]),
        {"action": "answer", "reply": "Đã trình UBND tỉnh bố trí vốn."},
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ANSWERED
    answered = client.get(reverse("proposals:queue"), {"trang-thai": "da-tra-loi"}).text
    assert "Đề nghị bổ sung kinh phí" in answered


def test_the_register_exports_to_excel(client, confirmed, leader):
    proposal = Proposal.objects.order_by("number").first()
    proposal_answer(proposal=proposal, by=leader, reply="Đã bố trí vốn.")
    client.force_login(leader)
    response = client.get(reverse("proposals:export"), {"trang-thai": "tat-ca"})
    # Row 1 is the export's title, row 2 blank, row 3 the headings.
    rows = list(load_workbook(BytesIO(response.content)).active.values)[2:]
    assert rows[0][:5] == ("STT", "Nhiệm vụ", "Chương trình", "Cơ quan kiến nghị", "Kiến nghị")
    assert [(r[4], r[8], r[9]) for r in rows[1:]] == [
        ("Đề nghị bổ sung kinh phí 2 tỷ đồng.", "Đã trả lời", "Đã bố trí vốn."),
        ("Đề nghị giao đất sạch cho dự án.", "Mới", None),
    ]


def test_unanswered_proposals_past_their_date_are_reminded_once_then_escalated(
    confirmed, issuing_body, leader
):
    giang = addressed_head(issuing_body)
    first, second = Proposal.objects.order_by("number")
    proposal_answer(proposal=second, by=leader, reply="Đã giao đất.")
    due = first.due_on
    assert proposals_remind(on=due) == 0  # due today: not late yet
    assert proposals_remind(on=due + timedelta(days=1)) == 1
    assert proposals_remind(on=due + timedelta(days=2)) == 0  # never twice
    assert Notification.objects.filter(recipient=giang).count() == 1
    assert not Notification.objects.filter(recipient=leader, message__contains="quá").exists()
    assert proposals_remind(on=due + timedelta(days=15)) == 1  # escalated to leaders
    assert Notification.objects.filter(recipient=leader, message__contains="15 ngày").exists()
    assert proposals_remind(on=due + timedelta(days=40)) == 0


def test_beat_runs_the_reminder_daily_and_the_task_calls_the_service(confirmed):
    import importlib

    from django.apps import apps
    from django_celery_beat.models import PeriodicTask

    from proposals.tasks import proposals_remind as task

    migration = importlib.import_module("proposals.migrations.0002_reminder_schedule")
    migration.create(apps, None)
    schedule = PeriodicTask.objects.get(task="proposals.tasks.proposals_remind")
    assert (schedule.crontab.hour, schedule.crontab.minute) == ("7", "30")
    due = Proposal.objects.order_by("number").first().due_on
    with time_machine.travel(due + timedelta(days=1)):
        assert task() == 2  # both proposals are late: their heads are told


def test_a_leader_sends_a_proposal_to_another_body_whose_head_then_answers(
    client, confirmed, leader, official, other_department
):
    proposal = Proposal.objects.order_by("number").first()
    tai_chinh_head = UserFactory(role=Role.HEAD, body=other_department)
    with pytest.raises(ValidationError):
        proposal_answer(proposal=proposal, by=tai_chinh_head, reply="Đồng ý")
    client.force_login(official)  # only leaders send proposals elsewhere
    url = reverse("proposals:readdress", args=[proposal.pk])
    assert client.post(url, {"addressed_to": other_department.pk}).status_code == 403
    client.force_login(leader)
    client.post(url, {"addressed_to": other_department.pk})
    proposal.refresh_from_db()
    assert proposal.addressed_to == other_department
    assert Notification.objects.filter(recipient=tai_chinh_head).exists()
    proposal_answer(proposal=proposal, by=tai_chinh_head, reply="Đã bố trí vốn.")
    with pytest.raises(ValidationError):  # answered: it stays with the body that answered
        proposal_readdress(proposal=proposal, by=leader, to=None)


def test_the_midterm_report_says_how_many_proposals_were_resolved(confirmed, leader, task):
    from docx import Document

    from tracking.documents.midterm_docx import midterm_docx

    first, second = Proposal.objects.order_by("number")
    with time_machine.travel(date(2023, 7, 10), tick=False):
        proposal_answer(proposal=first, by=leader, reply="Đã bố trí vốn.")
        proposal_resolve(proposal=first, by=leader)
    day = second.due_on + timedelta(days=3)  # the second was never answered: late by then
    text = "\n".join(
        p.text for p in Document(BytesIO(midterm_docx(task.programme, day))).paragraphs
    )
    assert (
        f"đến ngày {day:%d/%m/%Y} có 2 kiến nghị, đề xuất của các cơ quan chủ trì: 1 kiến nghị "
        "đã được giải quyết; 1 kiến nghị chưa được giải quyết (0 đã được trả lời, 1 chưa được "
        "trả lời, trong đó 1 quá hạn trả lời)."
    ) in text
    # As of the day before the first was resolved, neither was.
    before = Document(BytesIO(midterm_docx(task.programme, date(2023, 7, 9)))).paragraphs
    assert any("0 kiến nghị đã được giải quyết; 2 kiến nghị" in p.text for p in before)
