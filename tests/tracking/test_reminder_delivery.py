"""Delivering the reminder outbox one message at a time: a refused address fails alone, a
claim survives a crash, and nothing is sent twice (the real worker is in
test_reminders_worker.py)."""

import smtplib
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from tests.factories import UserFactory
from tracking.models import Channel, DeliveryState, Notification, Reminder
from tracking.services import reminders

pytestmark = pytest.mark.django_db

REFUSED = "nobody@so.gov.vn"


class RefusingBackend(EmailBackend):
    """The local mail box, with a mail server that answers 550 for one address."""

    def send_messages(self, messages):
        for message in messages:
            if REFUSED in message.to:
                raise smtplib.SMTPRecipientsRefused({REFUSED: (550, b"5.1.1 User unknown")})
        return super().send_messages(messages)


@pytest.fixture
def refusing_mail(settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"


@pytest.fixture
def outbox(official, head, other_official):
    """Five reminders by email and in the app; the third is to an address the server refuses."""
    official.email, head.email, other_official.email = (
        "an@so.gov.vn",
        "binh@so.gov.vn",
        "em@so.gov.vn",
    )
    for person in (official, head, other_official):
        person.save()
    refused = UserFactory(username="khong", email=REFUSED, body=official.body)
    people = [official, head, refused, other_official, UserFactory(email="", body=official.body)]
    for n, person in enumerate(people):
        Reminder.objects.create(
            key=f"test:{n}",
            recipient=person,
            channels=[Channel.EMAIL, Channel.IN_APP],
            subject=f"Nhắc việc {n}",
            text="Báo cáo quý sắp đến hạn.",
        )
    return {"people": people, "refused": refused}


def test_a_refused_address_fails_alone_and_everyone_else_gets_one_email(refusing_mail, outbox):
    assert reminders.reminders_deliver() == 4  # four delivered, the refused one not

    assert sorted(m.to[0] for m in mail.outbox) == [
        "an@so.gov.vn",
        "binh@so.gov.vn",
        "em@so.gov.vn",
    ]
    failed = Reminder.objects.get(recipient=outbox["refused"])
    assert failed.state == DeliveryState.FAILED
    assert failed.attempts == 1
    assert "550" in failed.error and "User unknown" in failed.error
    assert Reminder.objects.exclude(pk=failed.pk).filter(state=DeliveryState.SENT).count() == 4

    assert reminders.reminders_deliver() == 0  # the next run sends nobody anything again
    assert len(mail.outbox) == 3


def test_the_in_app_notice_is_created_once_whatever_becomes_of_the_email(refusing_mail, outbox):
    reminders.reminders_deliver()
    for person in outbox["people"]:
        assert Notification.objects.filter(recipient=person).count() == 1
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        reminders.reminders_deliver()  # the refused email is tried again
    assert Notification.objects.filter(recipient=outbox["refused"]).count() == 1
    assert Reminder.objects.get(recipient=outbox["refused"]).attempts == 2


def test_a_failed_email_is_retried_later_and_given_up_after_the_cap(refusing_mail, outbox):
    refused = Reminder.objects.get(recipient=outbox["refused"])
    reminders.reminders_deliver()
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert reminders.reminders_deliver() == 0
        refused.refresh_from_db()
        assert refused.attempts == 1  # not yet due again
    later = timezone.now()
    for _ in range(reminders.MAX_ATTEMPTS + 2):
        later += timedelta(days=1)
        with time_machine.travel(later):
            reminders.reminders_deliver()
    refused.refresh_from_db()
    assert refused.state == DeliveryState.FAILED
    assert refused.attempts == reminders.MAX_ATTEMPTS
    assert len(mail.outbox) == 3


def test_a_failure_that_heals_is_delivered_on_a_later_try(refusing_mail, outbox, settings):
    reminders.reminders_deliver()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the box exists now
    with time_machine.travel(timezone.now() + timedelta(minutes=20)):
        assert reminders.reminders_deliver() == 1
    refused = Reminder.objects.get(recipient=outbox["refused"])
    assert (refused.state, refused.error) == (DeliveryState.SENT, "")
    assert [m.to for m in mail.outbox].count([REFUSED]) == 1


def test_a_claimed_reminder_is_not_sent_again_while_its_claim_is_fresh(outbox, settings):
    """A worker that claimed a reminder and died before marking it: the claim is kept for
    CLAIM_TIMEOUT (it may have been handed to the mail server), then tried again."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    claimed = Reminder.objects.get(recipient=outbox["people"][0])
    reminders._claim()  # the worker's claim, committed before the mail server was asked
    claimed.refresh_from_db()
    assert (claimed.state, claimed.attempts) == (DeliveryState.SENDING, 1)

    reminders.reminders_deliver()  # another worker, a minute later: skips the claim
    claimed.refresh_from_db()
    assert claimed.state == DeliveryState.SENDING
    assert "an@so.gov.vn" not in [m.to[0] for m in mail.outbox]

    after = timezone.now() + reminders.CLAIM_TIMEOUT + timedelta(seconds=1)
    with time_machine.travel(after):
        assert reminders.reminders_deliver() == 1  # the abandoned claim is retried, once
        assert reminders.reminders_deliver() == 0
    claimed.refresh_from_db()
    assert (claimed.state, claimed.attempts) == (DeliveryState.SENT, 2)
    assert [m.to[0] for m in mail.outbox].count("an@so.gov.vn") == 1
    assert Notification.objects.filter(recipient=outbox["people"][0]).count() == 1


def test_a_late_mark_from_a_stale_claim_does_not_overwrite_a_newer_one(outbox, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    stale, _emailed = reminders._claim()
    with time_machine.travel(timezone.now() + reminders.CLAIM_TIMEOUT + timedelta(seconds=1)):
        fresh, _emailed = reminders._claim()
    assert fresh.pk == stale.pk and fresh.claimed_at != stale.claimed_at
    reminders._mark(stale, error=RuntimeError("the old worker woke up"))
    fresh.refresh_from_db()
    assert fresh.state == DeliveryState.SENDING and fresh.error == ""


def test_a_reminder_only_in_the_app_is_delivered_without_email(official, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    reminder = Reminder.objects.create(
        key="in-app", recipient=official, channels=[Channel.IN_APP], subject="S", text="T"
    )
    assert reminders.reminders_deliver() == 1
    reminder.refresh_from_db()
    assert reminder.state == DeliveryState.SENT and reminder.sent_at is not None
    assert mail.outbox == [] and Notification.objects.filter(recipient=official).count() == 1


def test_a_claim_abandoned_as_often_as_the_cap_allows_is_marked_failed(outbox, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    stuck = Reminder.objects.get(recipient=outbox["people"][0])
    Reminder.objects.filter(pk=stuck.pk).update(
        state=DeliveryState.SENDING,
        attempts=reminders.MAX_ATTEMPTS,
        claimed_at=timezone.now() - reminders.CLAIM_TIMEOUT - timedelta(seconds=1),
    )
    reminders.reminders_deliver()
    stuck.refresh_from_db()
    assert (stuck.state, stuck.error) == (DeliveryState.FAILED, "abandoned by a stopped worker")
    assert "an@so.gov.vn" not in [m.to[0] for m in mail.outbox]


class UnreachableBackend(EmailBackend):
    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")


def test_an_unreachable_mail_server_stops_the_run_without_using_up_attempts(outbox, settings):
    settings.EMAIL_BACKEND = f"{__name__}.UnreachableBackend"
    assert reminders.reminders_deliver() == 0
    tried = Reminder.objects.get(state=DeliveryState.FAILED)
    assert tried.attempts == 0 and "Connection refused" in tried.error
    assert Reminder.objects.filter(state=DeliveryState.PENDING).count() == 4  # not even tried
    assert Notification.objects.count() == 1  # only the one claimed so far

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # it is back
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert reminders.reminders_deliver() == 5
    assert len(mail.outbox) == 4
    assert Notification.objects.count() == 5
