"""The health view, and pages that keep working when the broker is down."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from kombu.exceptions import OperationalError

from tracking import queue, services, tasks
from tracking.models import Heartbeat, Reminder, ReportState
from tracking.services import reminders

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


def test_submission_works_with_the_broker_down_and_the_email_follows_later(
    client, official, head, task, period, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    head.email = "binh@so.gov.vn"
    head.save()

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(queue.current_app, "send_task", broker_down)
    report = services.report_start(task=task, period=period, by=official)
    client.force_login(official)
    data = {
        "progress": "in_progress",
        "percent": "50",
        "results": "Đã làm.",
        "version": report.version,
        "action": "submit_without_evidence",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("tracking:report-edit", args=[report.pk]), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    pending = Reminder.objects.get(recipient=head)
    assert pending.sent_at is None and mail.outbox == []

    reminders.reminders_deliver()  # the broker is back: the periodic delivery catches up
    assert [m.to for m in mail.outbox] == [["binh@so.gov.vn"]]
