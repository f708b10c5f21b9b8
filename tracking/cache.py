"""A cache that never breaks a page: with Redis down, the value is computed instead."""

import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

log = logging.getLogger(__name__)
T = TypeVar("T")
SUMMARY_KEYS = "dashboard-summary-keys"


def cached(key: str, compute: Callable[[], T], timeout: int = 600) -> T:
    try:
        value = cache.get(key)
        if value is not None:
            return value
    except Exception:  # noqa: BLE001 - Redis down: compute, as without a cache
        log.warning("cache unavailable", exc_info=True)
        return compute()
    value = compute()
    try:
        cache.set(key, value, timeout)
        keys = set(cache.get(SUMMARY_KEYS) or ())
        cache.set(SUMMARY_KEYS, keys | {key}, timeout)
    except Exception:  # noqa: BLE001
        log.warning("cache unavailable", exc_info=True)
    return value


def forget_summaries() -> None:
    """After a confirmation: the summaries counted from confirmed reports are stale."""
    try:
        keys = cache.get(SUMMARY_KEYS) or ()
        cache.delete_many([*keys, SUMMARY_KEYS])
    except Exception:  # noqa: BLE001
        log.warning("cache unavailable", exc_info=True)


def on_plan_saved(sender: object, **kwargs: object) -> None:
    """A programme, task, goal or target saved or deleted (Django's ``post_save`` and
    ``post_delete``): a programme's roll-up rule, a task's weight or title, a target may have
    changed what the summaries and the public pages show, so they are forgotten once the
    change commits."""
    transaction.on_commit(forget_summaries)
