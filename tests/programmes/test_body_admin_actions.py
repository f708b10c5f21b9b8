"""Bodies renamed, split and merged from the admin: each through its service, with its date,
refused in Vietnamese when the date would make the history read wrong."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from programmes.models import Assignment, AssignmentRole, Body, BodyEvent
from programmes.services import body_merge, body_split
from tests.factories import AssignmentFactory, BodyFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:programmes_body_changelist")


@pytest.fixture
def planning():
    return BodyFactory(name="Sở Kế hoạch và Đầu tư", short_name="Sở KH&ĐT")


@pytest.fixture
def finance():
    return BodyFactory(name="Sở Tài chính", short_name="Sở TC")


def test_a_merge_dated_before_an_assignment_it_would_end_is_refused(planning, finance):
    AssignmentFactory(body=planning, role=AssignmentRole.LEAD, started_on=date(2025, 8, 1))
    with pytest.raises(ValidationError) as refused:
        body_merge(sources=[planning], into=finance, on=date(2025, 7, 1))
    assert "01/08/2025" in refused.value.messages[0]
    planning.refresh_from_db()
    assert planning.active_to is None
    assert Assignment.objects.current().get().body == planning


def test_a_merge_on_or_after_the_assignments_goes_through(planning, finance):
    AssignmentFactory(body=planning, role=AssignmentRole.LEAD, started_on=date(2025, 7, 1))
    body_merge(sources=[planning], into=finance, on=date(2025, 7, 1))
    assert Assignment.objects.current().get().body == finance


def test_a_split_dated_before_an_assignment_is_refused(planning, finance):
    AssignmentFactory(body=planning, role=AssignmentRole.LEAD, started_on=date(2025, 8, 1))
    with pytest.raises(ValidationError):
        body_split(source=planning, into=[finance], on=date(2025, 7, 1))
    assert Assignment.objects.current().get().body == planning


def test_the_admin_shows_the_merge_refusal_in_vietnamese_and_keeps_the_form(
    client, admin_user, planning, finance
):
    AssignmentFactory(body=planning, role=AssignmentRole.LEAD, started_on=date(2025, 8, 1))
    client.force_login(admin_user)
    response = client.post(
        CHANGELIST,
        {
            "action": "merge_into",
            "_selected_action": [planning.pk],
            "apply": "1",
            "into": finance.pk,
            "on": "01/07/2025",
            "note": "Quyết định số 15/QĐ-UBND",
        },
    )
    assert response.status_code == 200
    assert "không thể ghi ngày thay đổi trước ngày đó (01/07/2025)" in response.text
    assert "Quyết định số 15/QĐ-UBND" in response.text  # what was typed is still there
    planning.refresh_from_db()
    assert planning.active_to is None


def test_an_admin_renames_a_body_and_the_old_name_is_kept_with_its_date(
    client, admin_user, planning
):
    client.force_login(admin_user)
    form = client.post(CHANGELIST, {"action": "rename", "_selected_action": [planning.pk]})
    assert "Đổi tên cơ quan" in form.text
    assert 'value="Sở Kế hoạch và Đầu tư"' in form.text
    client.post(
        CHANGELIST,
        {
            "action": "rename",
            "_selected_action": [planning.pk],
            "apply": "1",
            "name": "Sở Tài chính – Kế hoạch",
            "short_name": "Sở TC-KH",
            "on": "01/03/2025",
            "note": "Nghị quyết số 20/NQ-HĐND",
        },
    )
    planning.refresh_from_db()
    assert (planning.name, planning.short_name) == ("Sở Tài chính – Kế hoạch", "Sở TC-KH")
    event = BodyEvent.objects.get(body=planning)
    assert (event.kind, event.on, event.old_name, event.new_name, event.note) == (
        BodyEvent.Kind.RENAME,
        date(2025, 3, 1),
        "Sở Kế hoạch và Đầu tư",
        "Sở Tài chính – Kế hoạch",
        "Nghị quyết số 20/NQ-HĐND",
    )
    assert planning.name_on(date(2024, 12, 31)) == "Sở Kế hoạch và Đầu tư"


def test_a_rename_needs_one_body_and_a_date(client, admin_user, planning, finance):
    client.force_login(admin_user)
    two = client.post(
        CHANGELIST, {"action": "rename", "_selected_action": [planning.pk, finance.pk]}, follow=True
    )
    assert "Hãy chọn đúng một cơ quan." in two.text
    no_date = client.post(
        CHANGELIST,
        {"action": "rename", "_selected_action": [planning.pk], "apply": "1", "name": "Sở mới"},
    )
    assert no_date.status_code == 200
    assert "Sở mới" in no_date.text
    assert not BodyEvent.objects.exists()


def test_an_admin_splits_a_body_and_its_work_goes_to_the_main_successor(
    client, admin_user, planning, finance
):
    investment = BodyFactory(name="Ban Quản lý dự án đầu tư")
    led = AssignmentFactory(body=planning, role=AssignmentRole.LEAD, started_on=date(2021, 6, 1))
    official = UserFactory(body=planning)
    client.force_login(admin_user)
    form = client.post(CHANGELIST, {"action": "split", "_selected_action": [planning.pk]})
    assert "Chia tách cơ quan" in form.text
    client.post(
        CHANGELIST,
        {
            "action": "split",
            "_selected_action": [planning.pk],
            "apply": "1",
            "main": finance.pk,
            "others": [investment.pk],
            "on": "01/07/2025",
        },
    )
    planning.refresh_from_db()
    assert (planning.active_to, planning.successor) == (date(2025, 7, 1), finance)
    assert Assignment.objects.current().get(task=led.task).body == finance
    official.refresh_from_db()
    assert official.body == finance
    parts = set(
        BodyEvent.objects.filter(body=planning, kind=BodyEvent.Kind.SPLIT).values_list(
            "related", flat=True
        )
    )
    assert parts == {finance.pk, investment.pk}


def test_a_body_is_not_split_into_itself(client, admin_user, planning):
    client.force_login(admin_user)
    response = client.post(
        CHANGELIST,
        {
            "action": "split",
            "_selected_action": [planning.pk],
            "apply": "1",
            "main": planning.pk,
            "on": "01/07/2025",
        },
    )
    assert "Không thể chia tách một cơ quan thành chính nó." in response.text
    assert Body.objects.get(pk=planning.pk).active_to is None
