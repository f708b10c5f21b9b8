"""Redis down: submitting and confirming still work through the real Celery publishing path
(pointed at a port nobody listens on), and the emails wait in the outbox for the periodic
delivery."""

import socket

import pytest
from celery import Celery
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse

from tracking import queue, services
from tracking.models import DeliveryState, Reminder, ReportState
from tracking.services import reminders

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free again once closed: nobody listens there


@pytest.fixture
def broker_down(monkeypatch, settings):
    """The site's Celery settings, with the broker on a closed port."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    app = Celery("broker-down", set_as_current=False)
    app.config_from_object(django_settings, namespace="CELERY")
    app.conf.broker_url = f"redis://127.0.0.1:{closed_port()}/0"
    monkeypatch.setattr(queue, "current_app", app)
    return app


def test_the_site_has_no_result_backend_to_wait_on():
    assert django_settings.CELERY_RESULT_BACKEND is None
    assert django_settings.CELERY_BROKER_TRANSPORT_OPTIONS["max_retries"] == 1


def test_enqueue_says_false_instead_of_raising(broker_down):
    assert queue.enqueue("tracking.tasks.reminders_deliver") is False


def test_submit_and_confirm_work_and_the_emails_wait_in_the_outbox(
    client, official, head, task, period, broker_down, django_capture_on_commit_callbacks
):
    official.email, head.email = "an@so.gov.vn", "binh@so.gov.vn"
    official.save()
    head.save()
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
    assert Reminder.objects.get(recipient=head).state == DeliveryState.PENDING

    client.force_login(head)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("tracking:report-confirm", args=[report.pk]), {"version": report.version}
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.CONFIRMED
    assert Reminder.objects.get(recipient=official).state == DeliveryState.PENDING
    assert mail.outbox == []

    assert reminders.reminders_deliver() == 2  # Redis is back: beat's delivery catches up
    assert sorted(m.to[0] for m in mail.outbox) == ["an@so.gov.vn", "binh@so.gov.vn"]
