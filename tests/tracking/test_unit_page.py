"""The unit page ("Đơn vị của tôi"): a head's own body only (leaders any body's), its counts
equal the lists they link to, and several reports confirmed at once."""

import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from programmes.models import AssignmentRole, Role
from tests.factories import ProgrammeFactory, UserFactory
from tests.tracking.test_inbox import TODAY, make, sent
from tracking.models import ReportState
from tracking.services.states import task_states_refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(department, other_department, official):
    programme = ProgrammeFactory(
        code="17-CTr/TU", issued_on=date(2021, 1, 1), reporting_periods=["quarter"]
    )
    tasks = {
        "a": make(programme, department, "Xây dựng nông thôn mới"),
        "b": make(programme, department, "Phát triển du lịch"),
        "c": make(programme, department, "Hoàn thiện hạ tầng số", deadline="Năm 2025"),
        "d": make(programme, department, "Cải cách hành chính"),
        "e": make(programme, department, "Chuyển đổi số", role=AssignmentRole.COORDINATING),
        "theirs": make(programme, other_department, "Quy hoạch đô thị"),
    }
    with time_machine.travel(TODAY):
        reports = [sent(tasks[key], official) for key in ("a", "b")]
        task_states_refresh(on=TODAY)
    return tasks, reports


def url(body) -> str:
    return reverse("tracking:unit", args=[body.pk])


@time_machine.travel(TODAY)
def test_the_head_sees_the_queue_the_unreported_and_the_overdue(client, head, unit, department):
    client.force_login(head)
    page = client.get(url(department)).text
    assert "Đơn vị của tôi" in page
    queue = page.split('id="queue-title"')[1].split('id="status-title"')[0]
    assert "Xây dựng nông thôn mới" in queue and "Phát triển du lịch" in queue
    assert queue.count('type="checkbox"') == 2
    unreported = page.split('id="unreported-title-quarter"')[1].split('id="overdue-title"')[0]
    assert "Chưa gửi báo cáo Quý IV/2026" in unreported
    for title in ("Hoàn thiện hạ tầng số", "Cải cách hành chính", "Chuyển đổi số"):
        assert title in unreported
    assert "Xây dựng nông thôn mới" not in unreported  # sent, waiting for the head
    overdue = page.split('id="overdue-title"')[1]
    assert "Hoàn thiện hạ tầng số" in overdue and "Cải cách hành chính" not in overdue
    assert "Quy hoạch đô thị" not in page


@time_machine.travel(TODAY)
def test_each_count_equals_the_list_it_links_to(client, head, unit, department):
    client.force_login(head)
    page = client.get(url(department)).text
    links = re.findall(r'href="(/nhiem-vu-cua-toi/\?[^"]+)"><strong>(\d+)</strong>', page)
    assert links, "the counts by status link to the inbox's list"
    for href, count in links:
        listed = client.get(href.replace("&amp;", "&")).text.split('id="all-title"')[1]
        assert listed.count('class="inbox-item"') == int(count), href


def test_a_head_opens_only_their_own_body(client, head, other_department, department):
    other_head = UserFactory(role=Role.HEAD, body=other_department)
    client.force_login(other_head)
    assert client.get(url(department)).status_code == 404
    assert client.get(url(other_department)).status_code == 200
    client.force_login(head)
    assert client.get(url(other_department)).status_code == 404


def test_an_official_cannot_open_the_unit_page(client, official, department):
    client.force_login(official)
    assert client.get(url(department)).status_code == 404


@time_machine.travel(TODAY)
def test_a_leader_reads_any_body_but_confirms_nothing(client, leader, unit, department):
    client.force_login(leader)
    page = client.get(url(department)).text
    assert "Xây dựng nông thôn mới" in page
    assert 'name="bao_cao"' not in page  # no report to pick for confirming
    _tasks, reports = unit
    confirm = reverse("tracking:unit-confirm", args=[department.pk])
    response = client.post(confirm, {"bao_cao": [f"{r.pk}:{r.version}" for r in reports]})
    assert response.status_code == 404
    assert {r.state for r in type(reports[0]).objects.filter(pk__in=[r.pk for r in reports])} == {
        ReportState.SUBMITTED
    }


@time_machine.travel(TODAY)
def test_the_head_confirms_several_reports_at_once(client, head, unit, department):
    _tasks, reports = unit
    client.force_login(head)
    confirm = reverse("tracking:unit-confirm", args=[department.pk])
    response = client.post(
        confirm, {"bao_cao": [f"{r.pk}:{r.version}" for r in reports]}, follow=True
    )
    assert "Đã xác nhận 2 báo cáo." in response.text
    for report in reports:
        report.refresh_from_db()
        assert report.state == ReportState.CONFIRMED


@time_machine.travel(TODAY)
def test_a_report_changed_since_is_refused_by_name_and_the_others_are_confirmed(
    client, head, unit, department
):
    _tasks, (first, second) = unit
    client.force_login(head)
    confirm = reverse("tracking:unit-confirm", args=[department.pk])
    stale = f"{first.pk}:{first.version - 1}"
    response = client.post(
        confirm, {"bao_cao": [stale, f"{second.pk}:{second.version}"]}, follow=True
    )
    assert "Chưa xác nhận: “" in response.text and "Xây dựng nông thôn mới" in response.text
    assert "Đã xác nhận 1 báo cáo." in response.text
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (ReportState.SUBMITTED, ReportState.CONFIRMED)


@time_machine.travel(TODAY)
def test_another_bodys_report_cannot_be_slipped_into_the_form(
    client, head, unit, department, other_department, other_official
):
    tasks, _reports = unit
    theirs = sent(tasks["theirs"], other_official)
    client.force_login(head)
    confirm = reverse("tracking:unit-confirm", args=[department.pk])
    response = client.post(confirm, {"bao_cao": [f"{theirs.pk}:{theirs.version}"]}, follow=True)
    assert "không thuộc đơn vị của bạn" in response.text
    theirs.refresh_from_db()
    assert theirs.state == ReportState.SUBMITTED


def test_nothing_ticked_says_so(client, head, department):
    client.force_login(head)
    confirm = reverse("tracking:unit-confirm", args=[department.pk])
    response = client.post(confirm, {}, follow=True)
    assert "Hãy chọn các báo cáo cần xác nhận." in response.text


@time_machine.travel(TODAY)
def test_a_leaders_counts_link_to_the_leaders_list_and_equal_it(client, leader, unit, department):
    client.force_login(leader)
    page = client.get(url(department)).text
    links = re.findall(r'href="(/danh-sach/tat-ca/\?[^"]+)"><strong>(\d+)</strong>', page)
    assert links
    for href, count in links:
        listed = client.get(href.replace("&amp;", "&")).text
        assert listed.count("<tr>") - 1 == int(count), href  # less the heading row
