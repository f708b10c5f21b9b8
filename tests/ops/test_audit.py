"""Item 10: admin changes are recorded with their old and new values and readable by admins;
the status history, task states and heartbeats are read-only in the admin and their pages
stay fast at any size."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from tests.factories import ProgrammeFactory, TaskFactory, UserFactory
from tracking.models import Heartbeat, ReminderRule, StatusChange, TaskState

pytestmark = pytest.mark.django_db

AUDITED = [
    "programmes.Programme",
    "programmes.Goal",
    "programmes.Target",
    "programmes.Task",
    "programmes.Assignment",
    "programmes.Body",
    "programmes.User",
    "tracking.ReminderRule",
    "tracking.Period",
]


@pytest.mark.parametrize("label", AUDITED)
def test_every_model_edited_in_the_admin_is_audited(label):
    assert auditlog.contains(apps.get_model(label))


@pytest.fixture
def rule(reminder_rules):
    return reminder_rules.first()


def rule_form(rule: ReminderRule, **changes) -> dict:
    data = {
        "name": rule.name,
        "event": rule.event,
        "days": ",".join(str(day) for day in rule.days),
        "audience": list(rule.audience),
        "channels": list(rule.channels),
        "subject": rule.subject,
        "body": rule.body,
        "is_active": "on" if rule.is_active else "",
    }
    data.update(changes)
    return data


def test_an_admin_change_is_recorded_with_old_and_new_values_and_who_made_it(
    client, admin_user, rule
):
    client.force_login(admin_user)
    url = reverse("admin:tracking_reminderrule_change", args=[rule.pk])
    old_subject = rule.subject
    response = client.post(url, rule_form(rule, subject="Nhắc báo cáo quý (mới)"))
    assert response.status_code == 302, response.content[:2000]
    entry = LogEntry.objects.get_for_object(rule).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == admin_user
    assert entry.changes_dict["subject"] == [old_subject, "Nhắc báo cáo quý (mới)"]


def test_admins_read_the_changes_in_the_admin(client, admin_user, rule):
    client.force_login(admin_user)
    client.post(
        reverse("admin:tracking_reminderrule_change", args=[rule.pk]),
        rule_form(rule, subject="Tiêu đề mới"),
    )
    entry = LogEntry.objects.get_for_object(rule).get(action=LogEntry.Action.UPDATE)
    listing = client.get(reverse("admin:auditlog_logentry_changelist"))
    assert listing.status_code == 200
    assert rule.name in listing.text
    assert "Nhật ký thay đổi" in listing.text
    assert "tiêu đề" in listing.text.lower()  # the changed field by its name in the form
    detail = client.get(reverse("admin:auditlog_logentry_change", args=[entry.pk]))
    assert detail.status_code == 200
    assert "Tiêu đề mới" in detail.text
    assert rule.subject in detail.text  # the old value beside the new
    assert "Giá trị cũ" in detail.text


def test_the_audit_log_cannot_be_edited_or_deleted_in_the_admin(client, admin_user, rule):
    client.force_login(admin_user)
    client.post(
        reverse("admin:tracking_reminderrule_change", args=[rule.pk]),
        rule_form(rule, subject="Khác"),
    )
    entry = LogEntry.objects.get_for_object(rule).latest("timestamp")
    assert client.get(reverse("admin:auditlog_logentry_add")).status_code == 403
    delete = client.post(
        reverse("admin:auditlog_logentry_delete", args=[entry.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_a_programme_edit_records_the_old_title(admin_user):
    programme = ProgrammeFactory(title="Chương trình cũ")
    programme.title = "Chương trình mới"
    programme.save(update_fields=["title"])
    entry = LogEntry.objects.get_for_object(programme).get(action=LogEntry.Action.UPDATE)
    assert entry.changes_dict["title"] == ["Chương trình cũ", "Chương trình mới"]
    assert "search_text" not in entry.changes_dict


def test_an_account_change_masks_the_password_and_ignores_sign_ins(client, admin_user):
    account = UserFactory(username="giang", full_name="Giang")
    account.set_password("mat-khau-moi-2026")
    account.last_login = timezone.now()
    account.save()
    entry = LogEntry.objects.get_for_object(account).get(action=LogEntry.Action.UPDATE)
    assert "last_login" not in entry.changes_dict
    assert "mat-khau" not in str(entry.changes)
    assert account.password not in str(entry.changes)


@pytest.fixture
def history(admin_user):
    """300 status changes over 30 tasks: enough to show a query count that grows per row."""
    tasks = [TaskFactory() for _ in range(30)]
    StatusChange.objects.bulk_create(
        StatusChange(task=task, old_status="not_started", new_status="on_track", by=admin_user)
        for task in tasks
        for _ in range(10)
    )
    assert TaskState.objects.count() >= 30  # written by the engine as the tasks were made
    Heartbeat.objects.create(name="worker", at=timezone.now() - timedelta(seconds=30))
    return StatusChange.objects.order_by("pk")


READ_ONLY = [
    ("tracking", "statuschange", StatusChange),
    ("tracking", "taskstate", TaskState),
    ("tracking", "heartbeat", Heartbeat),
]


@pytest.mark.parametrize(("app", "name", "model"), READ_ONLY, ids=[r[1] for r in READ_ONLY])
def test_history_states_and_heartbeats_cannot_be_added_changed_or_deleted(
    client, admin_user, history, app, name, model
):
    client.force_login(admin_user)
    obj = model.objects.order_by("pk").first()
    assert client.get(reverse(f"admin:{app}_{name}_add")).status_code == 403
    detail = client.get(reverse(f"admin:{app}_{name}_change", args=[obj.pk]))
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.text  # shown, no save button
    assert client.post(reverse(f"admin:{app}_{name}_change", args=[obj.pk]), {}).status_code == 403
    delete = client.post(reverse(f"admin:{app}_{name}_delete", args=[obj.pk]), {"post": "yes"})
    assert delete.status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize(("app", "name", "model"), READ_ONLY, ids=[r[1] for r in READ_ONLY])
def test_read_only_pages_load_in_a_fixed_number_of_queries(
    client, admin_user, history, django_assert_max_num_queries, app, name, model
):
    client.force_login(admin_user)
    with django_assert_max_num_queries(15):
        listing = client.get(reverse(f"admin:{app}_{name}_changelist"))
    assert listing.status_code == 200
    obj = model.objects.order_by("pk").last()
    with django_assert_max_num_queries(15):
        detail = client.get(reverse(f"admin:{app}_{name}_change", args=[obj.pk]))
    assert detail.status_code == 200
    assert "<option" not in detail.text.split('id="content-main"')[1].split("</form>")[0]


def test_the_status_history_detail_names_the_task_without_a_dropdown(client, admin_user, history):
    client.force_login(admin_user)
    change = history.last()
    page = client.get(reverse("admin:tracking_statuschange_change", args=[change.pk])).text
    assert change.task.title in page
    assert "<select" not in page.split('id="content-main"')[1]


def test_locking_a_period_is_recorded_in_the_audit_log(admin_user):
    from tracking.periods import period_span
    from tracking.services import locks
    from tracking.services.reports import period_for

    period = period_for(period_span("quarter", 2025, 1))
    locks.period_lock(period=period, by=admin_user, reason="Đã tổng hợp")
    entry = LogEntry.objects.get_for_object(period).get(action=LogEntry.Action.UPDATE)
    assert "locked_at" in entry.changes_dict
    assert entry.changes_dict["locked_at"][0] == "None"
