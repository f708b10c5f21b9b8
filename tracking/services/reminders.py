"""Reminders: the daily sweep that finds what is due, and the delivery that sends it.

The sweep turns the reminder rules into ``Reminder`` rows whose ``key`` (rule, recipient,
subject, occurrence, days) is unique, inserted with ON CONFLICT DO NOTHING: a rerun, a retried
task or two beats add nothing twice, and a sweep killed halfway is finished by the next run.
Delivery then claims each row, sends it and marks it, one at a time (``reminders_deliver``).
An email handed to the mail server just before a crash, whose row was not yet marked, is sent
again once its claim times out: email has no exactly-once; everything else here does.

The work is set-based: a fixed number of queries per rule and period, whatever the number of
tasks, so that the sweep over a province (10⁵ tasks, 2,000 accounts) takes seconds.

Reminders before an event fire at the nearest threshold crossed ("7 days before"): when the
sweep missed a day, the next run sends the reminder it missed, once. Escalations of overdue
tasks fire at each level crossed within the last ``CATCH_UP_DAYS``.
"""

import logging
import re
import smtplib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from programmes.documents import TRACKED_KINDS
from programmes.models import (
    Assignment,
    AssignmentRole,
    Programme,
    Role,
    Task,
    User,
    reports_by,
)
from tracking.models import (
    Audience,
    Channel,
    DeliveryState,
    Notification,
    Period,
    ProgressReport,
    Reminder,
    ReminderEvent,
    ReminderRule,
    ReportState,
)
from tracking.periods import span_containing
from tracking.selectors.rows import list_counts
from tracking.services.reports import period_for
from tracking.status import COMPLETED

log = logging.getLogger(__name__)
CATCH_UP_DAYS = 31
CHUNK = 5000
OPEN_ENDED = ("ongoing", "recurring")


class _Blank(dict[str, object]):
    """Placeholders an admin misspells stay visible instead of breaking the sweep."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, context: Mapping[str, object]) -> str:
    try:
        return template.format_map(_Blank(context))
    except (ValueError, IndexError):  # a stray brace in an admin's text
        return template


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@dataclass
class People:
    """Active accounts by body and role, read once per sweep."""

    officials: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    heads: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    leaders: list[int] = field(default_factory=list)

    @classmethod
    def load(cls) -> "People":
        people = cls()
        rows = User.objects.filter(is_active=True).values_list("pk", "body_id", "role")
        for pk, body_id, role in rows:
            if role == Role.OFFICIAL and body_id:
                people.officials[body_id].append(pk)
            elif role == Role.HEAD and body_id:
                people.heads[body_id].append(pk)
            elif role == Role.LEADER:
                people.leaders.append(pk)
        return people

    def for_bodies(
        self, audience: Iterable[str], lead: set[int], coordinating: set[int]
    ) -> set[int]:
        recipients: set[int] = set()
        for kind in audience:
            if kind == Audience.LEAD_OFFICIALS:
                recipients.update(pk for body in lead for pk in self.officials[body])
            elif kind == Audience.COORDINATING_OFFICIALS:
                recipients.update(pk for body in coordinating for pk in self.officials[body])
            elif kind == Audience.HEADS:
                recipients.update(pk for body in lead for pk in self.heads[body])
            elif kind == Audience.LEADERS:
                recipients.update(self.leaders)
        return recipients


def threshold_before(event_on: date, days: Iterable[int], on: date) -> int | None:
    """The nearest "N days before" threshold crossed by ``on``, while the event is ahead."""
    if on > event_on:
        return None
    crossed = [d for d in days if event_on - timedelta(days=d) <= on]
    return min(crossed) if crossed else None


def levels_after(due_on: date, days: Iterable[int], on: date) -> list[int]:
    """The "N days overdue" levels crossed by ``on`` within the catch-up window."""
    return [d for d in days if 0 <= (on - (due_on + timedelta(days=d))).days <= CATCH_UP_DAYS]


# A written-out address and the words that lead to it ("Chi tiết: http://…", "tại: http://…"):
# the email needs them, the in-app notice links its text instead.
_LINK = re.compile(
    r"\s*(?:(?:Chi tiết|Xem|Details)\s*:|tại\s*:|at\s*:)?\s*https?://\S+", re.IGNORECASE
)


def in_app_text(reminder: Reminder) -> str:
    """The reminder as an in-app notice: its subject and text without addresses written out
    (the notice itself links to the page)."""
    text = _LINK.sub("", reminder.text).strip()
    return f"{reminder.subject}: {text}" if text else reminder.subject


def _reminder(
    rule: ReminderRule,
    recipient: int,
    subject: str,
    on_key: str,
    context: Mapping[str, object],
    url: str,
    due: date | None,
) -> Reminder:
    return Reminder(
        key=f"{rule.pk}:{recipient}:{subject}:{on_key}",
        rule=rule,
        recipient_id=recipient,
        channels=list(rule.channels),
        subject=render(rule.subject, context)[:255],
        text=render(rule.body, context),
        url=url,
        due_on=due,
    )


def _current_assignments(
    tasks: QuerySet[Task] | None = None,
) -> dict[int, tuple[set[int], set[int]]]:
    """{task_id: (lead body ids, coordinating body ids)} for tracked programmes.

    ``tasks`` is a query set, used as a subquery: a long literal IN list through a server-side
    cursor makes PostgreSQL pick a plan that takes minutes at 10⁵ tasks.
    """
    rows = Assignment.objects.current().filter(task__programme__kind__in=TRACKED_KINDS)
    if tasks is not None:
        rows = rows.filter(task_id__in=tasks.values("pk"))
    bodies: dict[int, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
    for task_id, body_id, role in rows.values_list("task_id", "body_id", "role"):
        bodies[task_id][0 if role == AssignmentRole.LEAD else 1].add(body_id)
    return bodies


def _body_names() -> dict[int, str]:
    from programmes.models import Body

    return {
        pk: short or name
        for pk, name, short in Body.objects.values_list("pk", "name", "short_name")
    }


def _open_tasks() -> QuerySet[Task]:
    """Tasks of tracked programmes with a due date, not open-ended, not completed and not
    archived by a re-import."""
    return (
        Task.objects.filter(
            programme__kind__in=TRACKED_KINDS, deadline_due__isnull=False, archived_on__isnull=True
        )
        .exclude(deadline_kind__in=OPEN_ENDED)
        .exclude(state__status__in=COMPLETED)
    )


TASK_FIELDS = ("pk", "number", "title", "deadline_due", "programme__code", "programme__title")
LISTED = 10  # tasks named in one reminder; the rest are counted


def _task_line(task: Mapping[str, Any]) -> str:
    programme = task["programme__code"] or task["programme__title"]
    return f"{task['number']} {task['title']} ({programme})".strip()


def _task_rules(rule: ReminderRule, on: date, people: People) -> Iterator[Reminder]:
    """Deadlines ahead and overdue escalations, one reminder per person, due date and level,
    naming the tasks: nobody gets fifty emails for fifty tasks due the same day."""
    if rule.event == ReminderEvent.TASK_DEADLINE:
        window = (on, on + timedelta(days=max(rule.days)))
    else:
        window = (
            on - timedelta(days=max(rule.days) + CATCH_UP_DAYS),
            on - timedelta(days=min(rule.days)),
        )
    selected = _open_tasks().filter(deadline_due__range=window)
    tasks = list(selected.values(*TASK_FIELDS))
    assignments = _current_assignments(selected)
    names = _body_names()
    groups: dict[tuple[int, date, int], list[dict[str, Any]]] = defaultdict(list)
    for task in tasks:
        lead, coordinating = assignments.get(task["pk"], (set(), set()))
        task["lead"] = ", ".join(sorted(names.get(pk, "") for pk in lead))
        if rule.event == ReminderEvent.TASK_DEADLINE:
            found = threshold_before(task["deadline_due"], rule.days, on)
            levels = [found] if found is not None else []
        else:
            levels = levels_after(task["deadline_due"], rule.days, on)
        for days in levels:
            for recipient in people.for_bodies(rule.audience, lead, coordinating):
                groups[(recipient, task["deadline_due"], days)].append(task)
    leaders = set(people.leaders)
    for (recipient, due, days), listed in groups.items():
        listed.sort(key=lambda t: (t["programme__code"], t["number"]))
        single = listed[0] if len(listed) == 1 else None
        lines = [_task_line(t) if single else f"- {_task_line(t)}" for t in listed[:LISTED]]
        if len(listed) > LISTED:
            lines.append(f"… (+{len(listed) - LISTED})")
        if recipient in leaders:  # an escalation: the leader acts on the overdue list
            url = reverse("tracking:task-list", args=["qua-han"])
        elif single:
            url = reverse("tracking:task-detail", args=[single["pk"]])
        else:
            url = reverse("tracking:my-tasks")
        context = {
            "task": "\n".join(lines),
            "count": len(listed),
            "due": due.strftime("%d/%m/%Y"),
            "days": days,
            "programme": single["programme__code"] if single else "",
            "body": single["lead"] if single else "",
            "period": "",
            "link": site_url(url),
        }
        yield _reminder(rule, recipient, f"due{due:%Y%m%d}", f"{days}", context, url, due)


def _asked_kinds() -> list[str]:
    """The period kinds some tracked programme asks reports for: a period nobody owes is
    neither reminded of nor stored."""
    return Programme.objects.tracked().reporting_kinds()


def _periods_ahead(on: date, horizon: int) -> list[Period]:
    spans = {}
    for kind in _asked_kinds():
        day = on - timedelta(days=10)  # a period whose figures closed lately is still due
        while day <= on + timedelta(days=horizon):
            span = span_containing(kind, day)
            spans[(span.kind, span.year, span.number)] = span
            day = span.ends_on + timedelta(days=1)
    return [period_for(span) for span in spans.values()]


def _report_due(rule: ReminderRule, on: date, people: People) -> Iterator[Reminder]:
    """One reminder per person and period: how many of the body's tasks still lack a report."""
    for period in _periods_ahead(on, max(rule.days)):
        if period.is_locked_on(on):  # no report can be written for it: do not ask for one
            continue
        days = threshold_before(period.due_on, rule.days, on)
        if days is None:
            continue
        rows = (
            Assignment.objects.current()
            .filter(
                reports_by(period.kind, prefix="task__programme__"),
                task__programme__kind__in=TRACKED_KINDS,
            )
            .exclude(task__state__status__in=COMPLETED)
            .values_list("task_id", "body_id", "role")
        )
        reported = set(
            ProgressReport.objects.filter(
                period=period, state__in=(ReportState.SUBMITTED, ReportState.CONFIRMED)
            ).values_list("task_id", "body_id")
        )
        missing: dict[int, int] = defaultdict(int)  # body → tasks without a report
        leads: set[int] = set()
        coordinating: set[int] = set()
        for task_id, body_id, role in rows.iterator(chunk_size=CHUNK):
            if (task_id, body_id) in reported:
                continue
            missing[body_id] += 1
            (leads if role == AssignmentRole.LEAD else coordinating).add(body_id)
        url = reverse("tracking:my-tasks")
        for body_id, count in missing.items():
            context = {
                "period": str(period),
                "due": period.due_on.strftime("%d/%m/%Y"),
                "days": days,
                "count": count,
                "task": "",
                "programme": "",
                "body": "",
                "link": site_url(url),
            }
            lead = {body_id} & leads
            coordinating_here = {body_id} & coordinating
            for recipient in people.for_bodies(rule.audience, lead, coordinating_here):
                yield _reminder(
                    rule,
                    recipient,
                    f"period{period.pk}:body{body_id}",
                    f"{days}",
                    context,
                    url,
                    period.due_on,
                )


def _midterm(rule: ReminderRule, on: date, people: People) -> Iterator[Reminder]:
    programmes = Programme.objects.tracked().filter(
        midterm_review_on__range=(on, on + timedelta(days=max(rule.days)))
    )
    for programme in programmes:
        review_on = programme.midterm_review_on
        if review_on is None:
            continue
        days = threshold_before(review_on, rule.days, on)
        if days is None:
            continue
        bodies = _current_assignments(programme.tasks.all()).values()
        lead = set().union(*(b[0] for b in bodies)) if bodies else set()
        coordinating = set().union(*(b[1] for b in bodies)) if bodies else set()
        url = programme.get_absolute_url()
        context = {
            "programme": programme.code or programme.title,
            "task": "",
            "period": "",
            "due": review_on.strftime("%d/%m/%Y"),
            "days": days,
            "body": "",
            "link": site_url(url),
        }
        for recipient in people.for_bodies(rule.audience, lead, coordinating):
            yield _reminder(
                rule,
                recipient,
                f"programme{programme.pk}",
                f"{programme.midterm_review_on:%Y%m%d}:{days}",
                context,
                url,
                programme.midterm_review_on,
            )


HANDLERS = {
    ReminderEvent.REPORT_DUE: _report_due,
    ReminderEvent.MIDTERM_REVIEW: _midterm,
    ReminderEvent.TASK_DEADLINE: _task_rules,
    ReminderEvent.TASK_OVERDUE: _task_rules,
}


def _insert(reminders: Iterable[Reminder]) -> int:
    count = 0
    batch: list[Reminder] = []
    for reminder in reminders:
        batch.append(reminder)
        if len(batch) >= CHUNK:
            Reminder.objects.bulk_create(batch, ignore_conflicts=True)
            count += len(batch)
            batch = []
    if batch:
        Reminder.objects.bulk_create(batch, ignore_conflicts=True)
        count += len(batch)
    return count


def reminders_sweep(*, on: date, pause: Callable[[ReminderRule], None] | None = None) -> int:
    """Create the reminders due on ``on``; returns how many were due (new or not).

    Each rule's reminders are committed on their own, so a sweep killed halfway keeps what
    it did and the next run adds only what is missing. ``pause`` is called after each rule
    (the crash test uses it).
    """
    people = People.load()
    due = 0
    for rule in ReminderRule.objects.filter(is_active=True).order_by("pk"):
        if not rule.days or not rule.audience:
            continue
        with transaction.atomic():
            due += _insert(HANDLERS[ReminderEvent(rule.event)](rule, on, people))
        if pause:
            pause(rule)
    return due


def digest_create(*, on: date) -> int:
    """The weekly digest for provincial leaders who want it: one per person and ISO week."""
    year, week, _weekday = on.isocalendar()
    # The same numbers as the overview's cards and the lists behind them.
    counts = list_counts(on)
    overdue, blocked = counts["qua-han"], counts["vuong-mac"]
    awaiting = ProgressReport.objects.filter(state=ReportState.SUBMITTED).count()
    review = (
        Programme.objects.tracked()
        .filter(midterm_review_on__gte=on)
        .order_by("midterm_review_on")
        .values_list("midterm_review_on", flat=True)
        .first()
    )
    from django.utils.translation import gettext as _

    lines = [
        _("Overdue tasks: %(n)s") % {"n": overdue},
        _("Tasks blocked by difficulties: %(n)s") % {"n": blocked},
        _("Reports awaiting confirmation: %(n)s") % {"n": awaiting},
    ]
    if review is not None:
        lines.append(
            _("Days to the mid-term review: %(n)s (%(date)s)")
            % {"n": (review - on).days, "date": review.strftime("%d/%m/%Y")}
        )
    subject = _("Weekly summary, week %(week)s/%(year)s") % {"week": week, "year": year}
    leaders = User.objects.filter(role=Role.LEADER, is_active=True, wants_digest=True)
    return _insert(
        Reminder(
            key=f"digest:{leader_pk}:{year}W{week:02d}",
            recipient_id=leader_pk,
            channels=[Channel.EMAIL, Channel.IN_APP],
            subject=subject,
            text="\n".join(lines),
            url=reverse("programmes:programme-list"),
        )
        for leader_pk in leaders.values_list("pk", flat=True)
    )


def _email(reminder: Reminder) -> EmailMultiAlternatives:
    context = {"reminder": reminder, "link": site_url(reminder.url) if reminder.url else ""}
    message = EmailMultiAlternatives(
        subject=reminder.subject,
        body=render_to_string("tracking/email/reminder.txt", context),
        to=[reminder.recipient.email],
    )
    message.attach_alternative(
        render_to_string("tracking/email/reminder.html", context), "text/html"
    )
    return message


# A claim older than this is taken to be a worker that died between claiming a reminder and
# marking it: the reminder is tried again (and, if the mail server had taken it, sent twice).
CLAIM_TIMEOUT = timedelta(minutes=10)
MAX_ATTEMPTS = 5
RETRY_AFTER = timedelta(minutes=15)  # doubled after each failed attempt


def _due_for_delivery(now: datetime) -> Q:
    """Pending rows, failed rows whose next try has come, and claims abandoned by a worker."""
    retried = Q(state=DeliveryState.FAILED, retry_at__lte=now) | Q(
        state=DeliveryState.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT
    )
    return Q(state=DeliveryState.PENDING) | (Q(attempts__lt=MAX_ATTEMPTS) & retried)


def _claim() -> tuple[Reminder, bool] | None:
    """Take the next reminder due for delivery, in a transaction of its own.

    Its in-app notification is created here, on the first claim only, so that it exists once
    whatever becomes of the email. Returns the reminder and whether an email is to be sent
    (when not, the reminder is already marked sent); ``None`` when nothing is due.
    """
    now = timezone.now()
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(_due_for_delivery(now))
            .select_related("recipient")
            .order_by("pk")
            .first()
        )
        if reminder is None:
            return None
        if reminder.state == DeliveryState.PENDING and Channel.IN_APP in reminder.channels:
            Notification.objects.create(
                recipient_id=reminder.recipient_id,
                message=in_app_text(reminder)[:2000],
                url=reminder.url,
            )
        emailed = Channel.EMAIL in reminder.channels and bool(reminder.recipient.email)
        if emailed:
            reminder.state = DeliveryState.SENDING
            reminder.attempts += 1
        else:
            reminder.state = DeliveryState.SENT
            reminder.sent_at = now
        reminder.claimed_at = now
        reminder.save(update_fields=["state", "attempts", "sent_at", "claimed_at"])
    return reminder, emailed


def _mark(reminder: Reminder, *, error: Exception | None, counted: bool = True) -> None:
    """Record what the mail server said; only the claim this worker holds is marked.

    An attempt that never reached the server (``counted=False``) is not counted against the
    cap: a mail server down for an afternoon does not use up everyone's attempts.
    """
    now = timezone.now()
    mine = Reminder.objects.filter(
        pk=reminder.pk, state=DeliveryState.SENDING, claimed_at=reminder.claimed_at
    )
    if error is None:
        mine.update(state=DeliveryState.SENT, sent_at=now, error="", retry_at=None)
        return
    log.warning("reminder %s not delivered: %s", reminder.pk, error)
    attempts = reminder.attempts if counted else reminder.attempts - 1
    mine.update(
        state=DeliveryState.FAILED,
        attempts=attempts,
        error=f"{type(error).__name__}: {error}"[:2000],
        retry_at=now + RETRY_AFTER * 2 ** max(attempts - 1, 0),
    )


# The server answered about this message (a refused address, sender or content): it fails
# alone. Any other error means the server was not reached: the run stops and tries later.
REFUSED = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def reminders_deliver(*, pause: Callable[[Reminder], None] | None = None) -> int:
    """Send the reminders due for delivery, one at a time; returns how many were delivered.

    Each reminder is claimed (marked "sending") and committed before the mail server is asked,
    then marked sent or failed: a refused address fails alone, and a worker killed mid-run
    resends at most the message it was handing over (see ``CLAIM_TIMEOUT``). Workers running
    side by side skip each other's claims. One SMTP session serves the run. ``pause`` is
    called after each delivered reminder (the crash test uses it).
    """
    # A claim abandoned by a worker as often as the cap allows is not tried again: say so.
    Reminder.objects.filter(
        state=DeliveryState.SENDING,
        claimed_at__lt=timezone.now() - CLAIM_TIMEOUT,
        attempts__gte=MAX_ATTEMPTS,
    ).update(state=DeliveryState.FAILED, error="abandoned by a stopped worker")
    delivered = 0
    connection = get_connection()
    try:
        while (claimed := _claim()) is not None:
            reminder, emailed = claimed
            if emailed:
                try:
                    message = _email(reminder)
                except Exception as error:  # noqa: BLE001 - a broken template fails this one
                    _mark(reminder, error=error)
                    continue
                try:
                    connection.open()  # once per run; again after a refusal closed it
                    connection.send_messages([message])
                except REFUSED as error:
                    connection.close()
                    _mark(reminder, error=error)
                    continue
                except Exception as error:  # noqa: BLE001 - the server is unreachable
                    _mark(reminder, error=error, counted=False)
                    break
                _mark(reminder, error=None)
            delivered += 1
            if pause:
                pause(reminder)
    finally:
        connection.close()
    return delivered
