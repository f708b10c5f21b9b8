"""Locking reporting periods (khóa sổ kỳ báo cáo), and the one check every write calls.

A locked period takes no new or changed reports, evidence, decisions or target readings,
whichever way they come (the report pages, the readings import, a service called from a
shell). Each write path calls ``period_check_open`` inside its own transaction, after it has
locked the rows it changes, so a lock committed a moment earlier is seen.

Why this lives in ``tracking`` rather than an app of its own: the lock is a property of
``tracking``'s ``Period`` and ``tracking``'s services must refuse writes on it. ``tracking``
may not import later apps, so a separate ``locks`` app could only refuse through a signal
receiver that raises — business logic hidden in a signal, which the house style rules out.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from programmes.models import Role, User
from tracking.models import Period, PeriodLockChange


class PeriodLocked(ValidationError):
    """A write on a locked period."""


def locked_message(period: Period) -> str:
    return _(
        "The reporting period %(period)s is locked: its reports, evidence and target "
        "readings can no longer be added or changed. Ask an administrator to unlock it."
    ) % {"period": period}


def period_check_open(period_id: int, *, on: date | None = None) -> None:
    """Refuse a write on the period when it is locked (read afresh, not from a cached row)."""
    period_refuse_locked(Period.objects.get(pk=period_id), on=on)


def period_refuse_locked(period: Period, *, on: date | None = None) -> None:
    """Refuse a write on ``period``, a row the caller has just read (e.g. with the report it
    locked)."""
    if period.is_locked_on(on or timezone.localdate()):
        raise PeriodLocked(locked_message(period))


def _check_admin(by: User) -> None:
    if not (by.is_active and (by.role == Role.ADMIN or by.is_superuser)):
        raise ValidationError(_("Only an administrator locks or unlocks reporting periods."))


def _record(period: Period, *, action: str, by: User, reason: str) -> None:
    PeriodLockChange.objects.create(
        period=period, action=action, locks_on=period.locks_on, reason=reason, by=by
    )


@transaction.atomic
def period_lock(*, period: Period, by: User, reason: str = "") -> Period:
    """Lock the period now (after its review)."""
    _check_admin(by)
    period = Period.objects.select_for_update().get(pk=period.pk)
    if period.locked_at is not None:
        raise ValidationError(_("This period is already locked."))
    period.locked_at = timezone.now()
    period.save(update_fields=["locked_at"])
    _record(period, action=PeriodLockChange.Action.LOCKED, by=by, reason=reason.strip())
    return period


@transaction.atomic
def period_lock_schedule(
    *, period: Period, by: User, locks_on: date | None, reason: str = ""
) -> Period:
    """Set (or clear, with ``None``) the day from which the period is locked."""
    _check_admin(by)
    period = Period.objects.select_for_update().get(pk=period.pk)
    period.locks_on = locks_on
    period.save(update_fields=["locks_on"])
    _record(period, action=PeriodLockChange.Action.SCHEDULED, by=by, reason=reason.strip())
    return period


@transaction.atomic
def period_unlock(*, period: Period, by: User, reason: str) -> Period:
    """Unlock the period, with the reason kept in its history. The lock day is cleared too
    (otherwise the period would still be locked by date); set a new one to relock later."""
    _check_admin(by)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for unlocking the period.")})
    period = Period.objects.select_for_update().get(pk=period.pk)
    if not period.is_locked:
        raise ValidationError(_("This period is not locked."))
    period.locked_at = None
    period.locks_on = None
    period.save(update_fields=["locked_at", "locks_on"])
    _record(period, action=PeriodLockChange.Action.UNLOCKED, by=by, reason=reason)
    return period
