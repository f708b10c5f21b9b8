"""The reminder sweep and delivery, run in this process (the real worker is in
test_reminders_worker.py)."""

from datetime import date, timedelta

import pytest
from django.core import mail

from programmes.models import AssignmentRole, Role
from tests.factories import (
    AssignmentFactory,
    BodyFactory,
    ProgrammeFactory,
    TaskFactory,
    UserFactory,
    period_of,
)
from tracking.models import (
    Notification,
    Period,
    ProgressReport,
    Reminder,
    ReminderRule,
    ReportState,
)
from tracking.services import reminders
from tracking.services.reminders import levels_after, threshold_before
from tracking.services.states import task_states_refresh

pytestmark = pytest.mark.django_db


def test_threshold_before_picks_the_nearest_crossed():
    event = date(2023, 6, 16)
    assert threshold_before(event, [14, 7, 1], date(2023, 6, 1)) is None
    assert threshold_before(event, [14, 7, 1], date(2023, 6, 2)) == 14
    assert threshold_before(event, [14, 7, 1], date(2023, 6, 9)) == 7
    assert threshold_before(event, [14, 7, 1], date(2023, 6, 12)) == 7  # a missed day catches up
    assert threshold_before(event, [14, 7, 1], date(2023, 6, 16)) == 1
    assert threshold_before(event, [14, 7, 1], date(2023, 6, 17)) is None


def test_levels_after_are_each_crossed_once_within_the_catch_up_window():
    due = date(2023, 6, 30)
    assert levels_after(due, [7, 30], date(2023, 7, 6)) == []
    assert levels_after(due, [7, 30], date(2023, 7, 7)) == [7]
    assert levels_after(due, [7, 30], date(2023, 7, 30)) == [7, 30]
    assert levels_after(due, [7, 30], date(2023, 12, 1)) == []


@pytest.fixture
def province(department, other_department, reminder_rules):
    """A programme reporting quarterly with a mid-term review, tasks and people."""
    programme = ProgrammeFactory(midterm_review_on=date(2023, 7, 15), reporting_periods=["quarter"])
    dated = TaskFactory(programme=programme, title="Hoàn thành quy hoạch")
    dated.set_deadline("30/6/2023")
    dated.save()
    ongoing = TaskFactory(programme=programme, title="Tuyên truyền")
    ongoing.set_deadline("Thường xuyên")
    ongoing.save()
    for task in (dated, ongoing):
        AssignmentFactory(task=task, body=department, role=AssignmentRole.LEAD)
        AssignmentFactory(task=task, body=other_department, role=AssignmentRole.COORDINATING)
    people = {
        "official": UserFactory(body=department, email="an@so.gov.vn"),
        "head": UserFactory(body=department, role=Role.HEAD, email="binh@so.gov.vn"),
        "coordinator": UserFactory(body=other_department, email="em@so.gov.vn"),
        "leader": UserFactory(role=Role.LEADER, body=BodyFactory(), email="cuong@tu.gov.vn"),
        "stranger": UserFactory(body=BodyFactory(), email="x@so.gov.vn"),
    }
    return programme, dated, ongoing, people


def sweep_days(first: date, last: date) -> None:
    day = first
    while day <= last:
        reminders.reminders_sweep(on=day)
        day += timedelta(days=1)


def keys_for(user) -> list[str]:
    return sorted(
        f"{r.rule.event}:{r.key.split(':', 2)[2]}" for r in Reminder.objects.filter(recipient=user)
    )


def test_a_quarter_up_to_the_midterm_review_sends_every_reminder_exactly_once(province):
    programme, dated, _ongoing, people = province

    sweep_days(date(2023, 5, 20), date(2023, 8, 5))
    first_pass = Reminder.objects.count()
    sweep_days(date(2023, 5, 20), date(2023, 8, 5))  # a rerun, a retry, a second beat
    assert Reminder.objects.count() == first_pass

    q2 = Period.objects.get(kind="quarter", year=2023, number=2)  # due 16/06/2023
    report_due = [f"report_due:period{q2.pk}:body{{b}}:{d}" for d in (14, 7, 1)]
    deadline = [f"task_deadline:due20230630:{d}" for d in (30, 7, 1)]
    midterm = [f"midterm_review:programme{programme.pk}:20230715:{d}" for d in (30, 14, 7, 1)]
    official_body = people["official"].body_id
    coordinator_body = people["coordinator"].body_id
    assert keys_for(people["official"]) == sorted(
        [k.format(b=official_body) for k in report_due] + deadline
    )
    assert keys_for(people["coordinator"]) == sorted(
        k.format(b=coordinator_body) for k in report_due
    )
    assert keys_for(people["head"]) == sorted(midterm + ["task_overdue:due20230630:7"])
    assert keys_for(people["leader"]) == sorted(midterm + ["task_overdue:due20230630:30"])
    assert keys_for(people["stranger"]) == []
    # The leader's 30-day escalation leads to the overdue list, the head's to the task.
    escalation = Reminder.objects.get(recipient=people["leader"], rule__event="task_overdue")
    assert escalation.url == "/danh-sach/qua-han/"
    assert Reminder.objects.get(recipient=people["head"], rule__event="task_overdue").url == (
        f"/nhiem-vu/{dated.pk}/"
    )


def test_a_missed_day_is_caught_up_once(province):
    _programme, _dated, _ongoing, people = province
    reminders.reminders_sweep(on=date(2023, 6, 1))  # the 30-day deadline reminder
    # the sweep did not run from 2/6 to 24/6; on 25/6 the 7-day reminder goes out, late, once
    reminders.reminders_sweep(on=date(2023, 6, 25))
    reminders.reminders_sweep(on=date(2023, 6, 26))
    keys = [k for k in keys_for(people["official"]) if k.startswith("task_deadline")]
    assert [k.rsplit(":", 1)[1] for k in keys] == ["30", "7"]


def test_a_body_that_reported_is_not_reminded(province, department):
    _programme, dated, ongoing, people = province
    period = period_of("quarter", 2023, 2)
    for task in (dated, ongoing):
        ProgressReport.objects.create(
            task=task,
            body=department,
            period=period,
            is_lead=True,
            state=ReportState.SUBMITTED,
            author=people["official"],
        )
    reminders.reminders_sweep(on=date(2023, 6, 9))
    assert not Reminder.objects.filter(
        rule__event="report_due", recipient=people["official"]
    ).exists()
    assert Reminder.objects.filter(
        rule__event="report_due", recipient=people["coordinator"]
    ).exists()


def test_nobody_is_asked_to_report_on_a_locked_period(province, admin_user):
    from tracking.services.locks import period_lock

    _programme, _dated, _ongoing, people = province
    period_lock(period=period_of("quarter", 2023, 2), by=admin_user, reason="Đã sơ kết")
    reminders.reminders_sweep(on=date(2023, 6, 9))
    assert not Reminder.objects.filter(rule__event="report_due").exists()


def test_delivery_sends_email_and_in_app_once(province, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _programme, _dated, _ongoing, people = province
    reminders.reminders_sweep(on=date(2023, 6, 9))
    pending = Reminder.objects.filter(sent_at__isnull=True).count()
    assert pending > 0
    assert reminders.reminders_deliver() == pending
    assert reminders.reminders_deliver() == 0
    assert len(mail.outbox) == pending
    message = next(m for m in mail.outbox if m.to == ["an@so.gov.vn"])
    assert "Còn 7 ngày đến hạn nộp báo cáo Quý II/2023" in message.subject
    assert "http://" in message.body and "/nhiem-vu-cua-toi/" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert (
        Notification.objects.filter(recipient=people["official"]).count()
        == Reminder.objects.filter(recipient=people["official"]).count()
    )


def test_an_admin_edits_the_text_and_the_lead_times(province):
    _programme, dated, _ongoing, people = province
    rule = ReminderRule.objects.get(event="task_deadline")
    rule.days = [3]
    rule.subject = "Sắp đến hạn: {task} ({due}) {unknown}"
    rule.save()
    reminders.reminders_sweep(on=date(2023, 6, 27))
    reminder = Reminder.objects.get(rule=rule)
    assert reminder.subject == (
        f"Sắp đến hạn: {dated} ({dated.programme.code}) (30/06/2023) {{unknown}}"
    )
    assert reminder.recipient == people["official"]


def test_an_inactive_rule_sends_nothing(province):
    ReminderRule.objects.update(is_active=False)
    reminders.reminders_sweep(on=date(2023, 6, 9))
    assert not Reminder.objects.exists()


def test_weekly_digest_respects_opt_out_and_is_sent_once_a_week(province):
    _programme, _dated, _ongoing, people = province
    quiet = UserFactory(role=Role.LEADER, body=BodyFactory(), wants_digest=False)
    reminders.digest_create(on=date(2023, 7, 3))
    reminders.digest_create(on=date(2023, 7, 5))  # same ISO week
    digests = Reminder.objects.filter(key__startswith="digest:")
    assert [d.recipient for d in digests] == [people["leader"]]
    assert "Nhiệm vụ quá hạn: 1" in digests[0].text
    assert "sơ kết giữa nhiệm kỳ: 12" in digests[0].text.lower()
    assert not Reminder.objects.filter(recipient=quiet).exists()


def test_deadline_reminders_ignore_the_digest_opt_out(province):
    _programme, _dated, _ongoing, people = province
    people["official"].wants_digest = False
    people["official"].save()
    reminders.reminders_sweep(on=date(2023, 6, 9))
    assert Reminder.objects.filter(recipient=people["official"]).exists()


def test_task_states_refresh_makes_overdue_tasks_visible(province):
    from tracking.models import TaskState

    _programme, dated, ongoing, _people = province
    task_states_refresh(on=date(2023, 6, 30))
    assert TaskState.objects.get(task=dated).status == "not_started"
    assert task_states_refresh(on=date(2023, 7, 1)) == 1  # at midnight it turns overdue
    assert TaskState.objects.get(task=dated).status == "overdue"
    assert TaskState.objects.get(task=ongoing).status == "not_started"  # never overdue
    assert task_states_refresh(on=date(2023, 7, 2)) == 0


def test_tasks_due_the_same_day_come_in_one_reminder_per_person(province, department):
    programme, dated, _ongoing, people = province
    for n in range(12):
        task = TaskFactory(programme=programme, title=f"Nhiệm vụ cùng hạn {n}")
        task.set_deadline("30/6/2023")
        task.save()
        AssignmentFactory(task=task, body=department, role=AssignmentRole.LEAD)
    reminders.reminders_sweep(on=date(2023, 6, 23))
    reminder = Reminder.objects.get(rule__event="task_deadline", recipient=people["official"])
    assert reminder.subject == "Còn 7 ngày đến hạn 30/06/2023: 13 nhiệm vụ"
    assert [line for line in reminder.text.splitlines() if line.startswith("- ")][9]
    assert len([line for line in reminder.text.splitlines() if line.startswith("- ")]) == 10
    assert "… (+3)" in reminder.text
    assert reminder.url == "/nhiem-vu-cua-toi/"


def test_refresh_command_recomputes_todays_statuses(province, capsys):
    from django.core.management import call_command

    from tracking.models import TaskState

    _programme, dated, _ongoing, _people = province  # due 30/06/2023, never reported
    task_states_refresh(on=date(2023, 6, 1))  # as kept the month before
    call_command("refresh_task_states")
    assert TaskState.objects.get(task=dated).status == "overdue"
    assert "1 task statuses changed" in capsys.readouterr().out


def test_in_app_notices_link_their_page_instead_of_writing_the_address_out():
    from tracking.models import Reminder
    from tracking.services.reminders import in_app_text

    reminder = Reminder(
        subject="Còn 7 ngày đến hạn 30/06/2023",
        text="Nhiệm vụ: Lập quy hoạch\nChi tiết: http://127.0.0.1:8000/nhiem-vu/5/",
        url="/nhiem-vu/5/",
    )
    assert in_app_text(reminder) == "Còn 7 ngày đến hạn 30/06/2023: Nhiệm vụ: Lập quy hoạch"
    assert "http" not in in_app_text(reminder)


def test_a_task_archived_by_a_re_import_is_neither_reminded_nor_escalated(province):
    from programmes.models import Task

    _programme, dated, _ongoing, _people = province
    Task.objects.filter(pk=dated.pk).update(archived_on=date(2023, 5, 1))
    sweep_days(date(2023, 5, 20), date(2023, 8, 5))
    assert not Reminder.objects.filter(rule__event__in=["task_deadline", "task_overdue"]).exists()
    assert Reminder.objects.filter(rule__event="report_due").exists()  # the sweep did run
