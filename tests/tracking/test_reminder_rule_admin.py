"""Reminder rules in the admin: whom to remind and by which channel are ticked in Vietnamese,
and stored as the codes the reminder sweep reads."""

import pytest
from django.urls import reverse

from tracking.models import ReminderRule

pytestmark = pytest.mark.django_db


def rule_data(**changes) -> dict:
    data = {
        "name": "Nhắc hạn nhiệm vụ (thử)",
        "event": "task_deadline",
        "days": "14,7,1",
        "audience": ["lead_officials", "heads"],
        "channels": ["email", "in_app"],
        "subject": "Sắp đến hạn: {task}",
        "body": "Nhiệm vụ {task} đến hạn ngày {due}.",
        "is_active": "on",
    }
    data.update(changes)
    return data


def test_the_rule_form_shows_vietnamese_checkboxes_not_codes(client, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("admin:tracking_reminderrule_add")).text
    assert 'type="checkbox" name="audience" value="lead_officials"' in page
    assert 'type="checkbox" name="channels" value="in_app"' in page
    assert "Cán bộ cơ quan chủ trì" in page
    assert "Thông báo trong hệ thống" in page
    assert 'name="audience" value="lead_officials,' not in page


def test_ticked_boxes_are_stored_as_the_codes_the_sweep_reads(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("admin:tracking_reminderrule_add"), rule_data())
    assert response.status_code == 302
    rule = ReminderRule.objects.get(name="Nhắc hạn nhiệm vụ (thử)")
    assert rule.audience == ["lead_officials", "heads"]
    assert rule.channels == ["email", "in_app"]
    assert rule.days == [14, 7, 1]


def test_a_rule_without_a_channel_is_refused_in_vietnamese(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("admin:tracking_reminderrule_add"), rule_data(channels=[]))
    assert response.status_code == 200
    assert "Hãy chọn ít nhất một kênh gửi." in response.text
    assert not ReminderRule.objects.filter(name="Nhắc hạn nhiệm vụ (thử)").exists()


def test_an_unknown_code_is_refused(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:tracking_reminderrule_add"), rule_data(audience=["everyone"])
    )
    assert response.status_code == 200
    assert not ReminderRule.objects.filter(name="Nhắc hạn nhiệm vụ (thử)").exists()


def test_the_list_names_audiences_and_channels_in_vietnamese(client, admin_user, reminder_rules):
    client.force_login(admin_user)
    page = client.get(reverse("admin:tracking_reminderrule_changelist")).text
    assert "lead_officials" not in page
    assert "in_app" not in page
