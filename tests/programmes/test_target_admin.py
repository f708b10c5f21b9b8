"""The admin's target form: milestones inline, a task picker of the programme's tasks only."""

from decimal import Decimal

import pytest
from django.urls import reverse

from programmes.models import Target
from tests.factories import TargetFactory, TaskFactory

pytestmark = pytest.mark.django_db


def form_data(target, **changes):
    data = {
        "programme": target.programme_id,
        "task": "",
        "position": 0,
        "name": target.name,
        "unit": target.unit,
        "comparator": "gte",
        "baseline_value": "10",
        "baseline_year": "2020",
        "planned_value": "30",
        "planned_max": "",
        "target_year": "2026",
        "milestones-TOTAL_FORMS": "1",
        "milestones-INITIAL_FORMS": "0",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "1000",
        "milestones-0-year": "2025",
        "milestones-0-value": "25",
    }
    return {**data, **changes}


def test_the_task_picker_offers_only_the_programmes_tasks(client, admin_user):
    target = TargetFactory()
    own = TaskFactory(programme=target.programme, title="Phát triển đô thị")
    TaskFactory(title="Nhiệm vụ của chương trình khác")
    client.force_login(admin_user)
    page = client.get(reverse("admin:programmes_target_change", args=[target.pk])).text
    assert "Phát triển đô thị" in page
    assert "Nhiệm vụ của chương trình khác" not in page
    assert f'value="{own.pk}"' in page


def test_a_new_target_offers_no_task_until_its_programme_is_known(client, admin_user):
    TaskFactory(title="Nhiệm vụ của chương trình khác")
    client.force_login(admin_user)
    page = client.get(reverse("admin:programmes_target_add")).text
    assert "Nhiệm vụ của chương trình khác" not in page
    assert "Hãy lưu chỉ tiêu cùng chương trình" in page


def test_another_programmes_task_is_refused_and_milestones_are_saved(client, admin_user):
    target = TargetFactory()
    stranger = TaskFactory()
    own = TaskFactory(programme=target.programme)
    client.force_login(admin_user)
    url = reverse("admin:programmes_target_change", args=[target.pk])
    refused = client.post(url, form_data(target, task=stranger.pk))
    assert refused.status_code == 200 and "errorlist" in refused.text
    assert Target.objects.get(pk=target.pk).task_id is None
    saved = client.post(url, form_data(target, task=own.pk))
    assert saved.status_code == 302
    target.refresh_from_db()
    assert target.task_id == own.pk
    assert list(target.milestones.values_list("year", "value")) == [(2025, Decimal("25"))]


def test_a_milestone_outside_the_path_gets_a_clear_error(client, admin_user):
    target = TargetFactory()
    client.force_login(admin_user)
    url = reverse("admin:programmes_target_change", args=[target.pk])
    page = client.post(url, form_data(target, **{"milestones-0-year": "2027"})).text
    assert "Mốc lộ trình phải trước năm đích (2026)" in page
    assert not target.milestones.exists()
