"""Queueing Celery work by name, so that services never import the tasks module (which
imports them), and never let a broken broker break the request that asked."""

import logging

from celery import current_app

log = logging.getLogger(__name__)


def enqueue(name: str, *args: object) -> bool:
    """Queue the task ``name`` (e.g. "tracking.tasks.reminders_deliver"); False when the
    broker is down. The periodic sweep and delivery catch up whatever was not queued."""
    try:
        current_app.send_task(name, args=args, retry=False)
    except Exception:  # noqa: BLE001 - the broker is down: log, and let the page work
        log.warning("broker unavailable: %s not queued", name, exc_info=True)
        return False
    return True
