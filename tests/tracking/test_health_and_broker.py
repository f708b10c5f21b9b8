"""The health view and the heartbeat. (Submitting and confirming with the broker down:
``test_broker_down.py``.)"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from tracking import tasks
from tracking.models import Heartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture
def beat_task():
    task, _ = PeriodicTask.objects.get_or_create(
        name="Nhịp tim worker", defaults={"task": "tracking.tasks.heartbeat"}
    )
    return task


def test_health_is_ok_when_worker_and_beat_are_fresh(client, beat_task):
    Heartbeat.objects.create(name="worker", at=timezone.now())
    PeriodicTask.objects.filter(pk=beat_task.pk).update(last_run_at=timezone.now())
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["ok"] is True
    assert response.json()["broker"] is True  # the real Redis


def test_health_says_which_part_is_down(client, beat_task):
    Heartbeat.objects.create(name="worker", at=timezone.now() - timedelta(minutes=10))
    PeriodicTask.objects.filter(pk=beat_task.pk).update(last_run_at=timezone.now())
    body = client.get(reverse("health")).json()
    assert (body["ok"], body["worker"], body["beat"]) == (False, False, True)
    assert client.get(reverse("health")).status_code == 503
    PeriodicTask.objects.filter(pk=beat_task.pk).update(
        last_run_at=timezone.now() - timedelta(minutes=10)
    )
    assert client.get(reverse("health")).json()["beat"] is False


def test_a_fresh_heartbeat_proves_beat_too(client, beat_task):
    # Only beat sends the heartbeat task; django-celery-beat records its sends lazily.
    Heartbeat.objects.create(name="worker", at=timezone.now())
    assert client.get(reverse("health")).json()["beat"] is True


def test_the_heartbeat_task_records_the_worker():
    tasks.heartbeat()
    assert Heartbeat.objects.get(name="worker").at > timezone.now() - timedelta(seconds=5)
