"""Reminders through the real Redis broker and a real Celery worker started here.

The worker runs against this session's test database. The sweep takes the day it sweeps
for as an argument, so the test travels through a quarter by asking for each day in turn.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from celery import Celery
from celery.result import AsyncResult
from django.conf import settings
from django.db import connection

from config.celery import app
from tracking.models import Reminder
from tracking.tasks import heartbeat, reminders_deliver, reminders_sweep

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]
RESULTS = Celery("test-results", backend=settings.REDIS_URL, set_as_current=False)


class Worker:
    def __init__(self, mail_dir: Path):
        self.queue = f"test-{uuid.uuid4().hex[:8]}"
        self.mail_dir = mail_dir
        self.process: subprocess.Popen | None = None

    def start(self, **extra_env: str) -> None:
        env = {
            **os.environ,
            "DJANGO_DATABASE_NAME": connection.settings_dict["NAME"],
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            **extra_env,
        }
        self.process = subprocess.Popen(  # noqa: S603 - our own worker
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                # The site has no result backend (nothing there reads results); this test
                # waits for each task's answer, so its worker stores them in Redis.
                "--result-backend",
                settings.REDIS_URL,
                "worker",
                "--pool=solo",
                "--loglevel=WARNING",
                "-Q",
                self.queue,
                "-n",
                f"{self.queue}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
        )
        self.answer(heartbeat.apply_async(queue=self.queue))  # it is up and consuming

    def run(self, task, **kwargs):
        return self.answer(task.apply_async(kwargs=kwargs, queue=self.queue))

    def answer(self, sent: AsyncResult):
        """The task's result, read from the worker's result backend (the site has none)."""
        return RESULTS.AsyncResult(sent.id).get(timeout=60)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        app.control.purge()


@pytest.fixture
def worker(transactional_db, reminder_rules, tmp_path):
    worker = Worker(tmp_path / "mail")
    yield worker
    worker.stop()


def build_province():
    from programmes.models import AssignmentRole, Role
    from tests.factories import (
        AssignmentFactory,
        BodyFactory,
        ProgrammeFactory,
        TaskFactory,
        UserFactory,
    )

    lead, helper = BodyFactory(), BodyFactory()
    programme = ProgrammeFactory(midterm_review_on=date(2023, 7, 15), reporting_periods=["quarter"])
    task = TaskFactory(programme=programme, title="Hoàn thành quy hoạch")
    task.set_deadline("30/6/2023")
    task.save()
    AssignmentFactory(task=task, body=lead, role=AssignmentRole.LEAD)
    AssignmentFactory(task=task, body=helper, role=AssignmentRole.COORDINATING)
    return {
        "programme": programme,
        "task": task,
        "official": UserFactory(body=lead, email="an@so.gov.vn"),
        "head": UserFactory(body=lead, role=Role.HEAD, email="binh@so.gov.vn"),
        "coordinator": UserFactory(body=helper, email="em@so.gov.vn"),
        "leader": UserFactory(role=Role.LEADER, body=BodyFactory(), email="cuong@tu.gov.vn"),
    }


def counts_by_person() -> dict[str, int]:
    result: dict[str, int] = {}
    for reminder in Reminder.objects.select_related("recipient"):
        result[reminder.recipient.email] = result.get(reminder.recipient.email, 0) + 1
    return result


def test_a_quarter_through_the_real_worker_sends_each_reminder_once(worker):
    people = build_province()
    worker.start()

    for _ in range(2):  # the second pass is every rerun, retry and double beat at once
        day = date(2023, 5, 20)
        while day <= date(2023, 8, 5):
            worker.run(reminders_sweep, on=day.isoformat(), deliver=False)
            day += timedelta(days=1)
    sent = worker.run(reminders_deliver)

    # official: 3 report-due (14, 7, 1 days) + 3 task deadline (30, 7, 1 days)
    # coordinator: 3 report-due; head: 4 mid-term (30, 14, 7, 1) + 1 escalation at 7 days
    # leader: 4 mid-term + 1 escalation at 30 days
    expected = {"an@so.gov.vn": 6, "em@so.gov.vn": 3, "binh@so.gov.vn": 5, "cuong@tu.gov.vn": 5}
    assert counts_by_person() == expected
    assert sent == sum(expected.values())
    assert worker.run(reminders_deliver) == 0
    emails = list(worker.mail_dir.glob("*.log"))
    text = "".join(path.read_text() for path in emails)
    assert text.count("To: an@so.gov.vn") == 6
    assert "Subject: =?utf-8?" in text or "Subject: " in text
    assert people["task"].title in Reminder.objects.filter(rule__event="task_deadline").first().text


def test_a_worker_killed_mid_sweep_finishes_after_restart_without_duplicates_or_gaps(worker):
    build_province()
    day = "2023-06-09"  # report due in 7 days (rule 1); task deadline in 21 days (rule 3)
    worker.start(REMINDER_SWEEP_PAUSE_SECONDS="30")
    reminders_sweep.apply_async(kwargs={"on": day, "deliver": False}, queue=worker.queue)
    deadline = time.monotonic() + 60
    while not Reminder.objects.exists():  # the first rule has committed its reminders
        assert time.monotonic() < deadline, "the sweep never started"
        time.sleep(0.2)
    worker.kill()  # in the pause after the first rule, before the task deadline rule
    assert set(Reminder.objects.values_list("rule__event", flat=True)) == {"report_due"}

    worker.start()
    app.control.purge()  # the killed task's message, if redelivered, would run it a third time
    worker.run(reminders_sweep, on=day, deliver=False)
    worker.run(reminders_sweep, on=day, deliver=False)

    keys = sorted(Reminder.objects.values_list("rule__event", "recipient__email"))
    assert keys == [
        ("report_due", "an@so.gov.vn"),
        ("report_due", "em@so.gov.vn"),
        ("task_deadline", "an@so.gov.vn"),
    ]


def test_a_worker_killed_mid_delivery_sends_nothing_twice_after_restart(worker):
    """Killed after it marked a reminder sent (the pause), the worker's successor sends the
    rest, once each: only a kill between the mail server's answer and the mark can repeat a
    message (README: reminders)."""
    build_province()
    from tracking.models import DeliveryState

    worker.start()
    for day in ("2023-06-02", "2023-06-09", "2023-06-15", "2023-06-23"):
        worker.run(reminders_sweep, on=day, deliver=False)
    due = Reminder.objects.count()
    assert due >= 5
    worker.stop()

    worker.start(REMINDER_DELIVER_PAUSE_SECONDS="30")
    reminders_deliver.apply_async(queue=worker.queue)
    deadline = time.monotonic() + 60
    while not Reminder.objects.filter(state=DeliveryState.SENT).exists():
        assert time.monotonic() < deadline, "delivery never started"
        time.sleep(0.2)
    worker.kill()  # in the pause after the first reminder was sent and marked
    assert Reminder.objects.filter(state=DeliveryState.SENT).count() == 1
    assert not Reminder.objects.filter(state=DeliveryState.SENDING).exists()

    worker.start()
    app.control.purge()  # the killed task's message, if redelivered, would only find none due
    assert worker.run(reminders_deliver) == due - 1
    text = "".join(path.read_text() for path in worker.mail_dir.glob("*.log"))
    assert text.count("Message-ID: ") == due  # one email per reminder
    assert Reminder.objects.filter(state=DeliveryState.SENT).count() == due
