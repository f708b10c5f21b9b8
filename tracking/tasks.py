"""Celery tasks: thin adapters over the services, each safe to run twice. Their dotted paths
(``tracking.tasks.*``) are what beat's schedules name: keep them."""

import logging
import os
import time
from collections.abc import Callable
from datetime import date

from celery import shared_task
from django.utils import timezone

from tracking.models import Heartbeat
from tracking.queue import enqueue
from tracking.services import reminders, states

log = logging.getLogger(__name__)


def _day(on: str | None) -> date:
    return date.fromisoformat(on) if on else timezone.localdate()


def _pause_for_tests(variable: str) -> Callable[[object], None] | None:
    """REMINDER_SWEEP_PAUSE_SECONDS makes the sweep stop after each rule, and
    REMINDER_DELIVER_PAUSE_SECONDS the delivery after each reminder, so that the test suite
    can kill a worker in the middle of either. Unset in any real deployment."""
    seconds = float(os.environ.get(variable) or 0)
    return (lambda _done: time.sleep(seconds)) if seconds else None


@shared_task(acks_late=True)
def reminders_sweep(on: str | None = None, deliver: bool = True) -> int:
    due = reminders.reminders_sweep(
        on=_day(on), pause=_pause_for_tests("REMINDER_SWEEP_PAUSE_SECONDS")
    )
    if deliver:
        enqueue("tracking.tasks.reminders_deliver")
    return due


@shared_task(acks_late=True)
def reminders_deliver() -> int:
    return reminders.reminders_deliver(pause=_pause_for_tests("REMINDER_DELIVER_PAUSE_SECONDS"))


@shared_task(acks_late=True)
def weekly_digest(on: str | None = None) -> int:
    created = reminders.digest_create(on=_day(on))
    enqueue("tracking.tasks.reminders_deliver")
    return created


@shared_task(acks_late=True)
def task_states_refresh(on: str | None = None) -> int:
    """Just after midnight: every task's kept status for the new day."""
    return states.task_states_refresh(on=_day(on))


@shared_task
def heartbeat() -> str:
    now = timezone.now()
    Heartbeat.objects.update_or_create(name="worker", defaults={"at": now})
    return now.isoformat()
