"""Celery tasks: thin adapters over the services, each safe to run twice."""

import logging
import os
import time
from datetime import date

from celery import shared_task
from django.utils import timezone

from tracking import reminders
from tracking.models import Heartbeat

log = logging.getLogger(__name__)


def _day(on: str | None) -> date:
    return date.fromisoformat(on) if on else timezone.localdate()


def _pause_for_tests():
    """REMINDER_SWEEP_PAUSE_SECONDS makes the sweep stop after each rule, so that the test
    suite can kill a worker in the middle of a sweep. Unset in any real deployment."""
    seconds = float(os.environ.get("REMINDER_SWEEP_PAUSE_SECONDS") or 0)
    return (lambda _rule: time.sleep(seconds)) if seconds else None


@shared_task(acks_late=True)
def reminders_sweep(on: str | None = None, deliver: bool = True) -> int:
    due = reminders.reminders_sweep(on=_day(on), pause=_pause_for_tests())
    if deliver:
        reminders_deliver.delay()
    return due


@shared_task(acks_late=True)
def reminders_deliver() -> int:
    return reminders.reminders_deliver()


@shared_task(acks_late=True)
def weekly_digest(on: str | None = None) -> int:
    created = reminders.digest_create(on=_day(on))
    reminders_deliver.delay()
    return created


@shared_task(acks_late=True)
def task_states_refresh(on: str | None = None) -> int:
    return reminders.task_states_refresh(on=_day(on))


@shared_task
def heartbeat() -> str:
    now = timezone.now()
    Heartbeat.objects.update_or_create(name="worker", defaults={"at": now})
    return now.isoformat()


def enqueue(task, *args) -> bool:
    """Queue ``task`` without letting a broken broker break the request that asked.

    The periodic sweep and delivery catch up whatever was not queued.
    """
    try:
        task.apply_async(args=args, retry=False)
    except Exception:  # noqa: BLE001 - the broker is down: log, and let the page work
        log.warning("broker unavailable: %s not queued", task.name, exc_info=True)
        return False
    return True
