"""Writes on notifications: telling people in the app (and by email through the outbox),
and marking what they have read."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from programmes.models import User
from tracking.models import Channel, Notification, Reminder
from tracking.queue import enqueue


def notify(recipients: Iterable[User], message: str, url: str, *, key: str) -> None:
    """Tell people in the app at once, and by email through the reminder outbox.

    The email goes out when the worker delivers it; with the broker down the page still works
    and the periodic delivery sends it later (``key`` keeps it to one email per event).
    """
    recipients = list(recipients)
    Notification.objects.bulk_create(
        Notification(recipient=user, message=message, url=url) for user in recipients
    )
    Reminder.objects.bulk_create(
        [
            Reminder(
                key=f"{key}:{user.pk}",
                recipient=user,
                channels=[Channel.EMAIL],
                subject=message[:255],
                text=message,
                url=url,
            )
            for user in recipients
            if user.email
        ],
        ignore_conflicts=True,
    )
    transaction.on_commit(lambda: enqueue("tracking.tasks.reminders_deliver"))


@transaction.atomic
def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
