"""The reporting cycle a programme asks for: one report per task and period it chose, and only
those periods are offered, reminded and counted (issue #11)."""

import importlib
from datetime import date

import pytest
import time_machine
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from programmes.models import AssignmentRole, Programme
from tests.factories import AssignmentFactory, ProgrammeFactory, TaskFactory, period_of
from tracking import services
from tracking.models import ProgressReport, Reminder, ReminderEvent
from tracking.selectors import inbox
from tracking.selectors.reports import reportable_spans
from tracking.services import reminders

pytestmark = pytest.mark.django_db
# Quarter IV/2026 runs 15/09–14/12/2026 and is due 16/12/2026; so are the second half and the
# year: a programme asking for all three owes three reports that day.
ON = date(2026, 12, 10)


def task_of(programme: Programme, department, title: str = "Chuyển đổi số"):
    task = TaskFactory(programme=programme, title=title)
    task.set_deadline("2021–2030")
    task.save()
    AssignmentFactory(task=task, body=department, role=AssignmentRole.LEAD)
    return task


def labels(spans) -> list[str]:
    return [span.label for span in spans]


def test_a_new_programme_reports_quarterly():
    programme = ProgrammeFactory()
    assert programme.reporting_periods == ["quarter"]
    assert programme.reporting_kinds == ["quarter"]
    assert Programme(reporting_periods=[]).reporting_kinds == ["quarter"]
    assert Programme(reporting_periods=["year", "quarter"]).reporting_kinds == ["quarter", "year"]


@time_machine.travel(ON)
def test_a_quarterly_programmes_task_owes_one_report_per_quarter(department):
    quarterly = task_of(ProgrammeFactory(), department)
    everything = task_of(
        ProgrammeFactory(reporting_periods=["quarter", "half_year", "year"]), department
    )
    assert labels(reportable_spans(quarterly, ON)) == ["Quý IV/2026"]
    assert labels(reportable_spans(everything, ON)) == [
        "Quý IV/2026",
        "6 tháng cuối năm 2026",
        "Năm 2026",
    ]


@time_machine.travel(ON)
def test_a_six_monthly_programme_gets_only_six_month_periods(department, official):
    task = task_of(ProgrammeFactory(reporting_periods=["half_year"]), department)
    assert labels(reportable_spans(task, ON)) == ["6 tháng cuối năm 2026"]
    step = inbox.urgent(official, ON).items[0].step
    assert step is not None and step.span.label == "6 tháng cuối năm 2026"
    assert [c.label for c in inbox.filter_choices(official, ON).periods] == [
        "6 tháng cuối năm 2026"
    ]


def test_one_reminder_per_period_the_programme_asks_for(department, official, reminder_rules):
    task_of(ProgrammeFactory(), department)
    reminders.reminders_sweep(on=date(2026, 12, 9))  # seven days before 16/12
    due = Reminder.objects.filter(recipient=official, rule__event=ReminderEvent.REPORT_DUE)
    assert [r.subject for r in due] and len(due) == 1
    assert "Quý IV/2026" in due[0].text + due[0].subject


def test_a_six_monthly_programme_is_reminded_of_the_half_only(department, official, reminder_rules):
    task_of(ProgrammeFactory(reporting_periods=["half_year"]), department)
    reminders.reminders_sweep(on=date(2026, 12, 9))
    due = list(Reminder.objects.filter(recipient=official, rule__event=ReminderEvent.REPORT_DUE))
    assert len(due) == 1
    assert "6 tháng cuối năm 2026" in due[0].text + due[0].subject


@time_machine.travel(ON)
def test_a_period_the_task_does_not_owe_is_refused_by_the_form_and_the_service(
    client, department, official
):
    task = task_of(ProgrammeFactory(), department)
    client.force_login(official)
    response = client.post(
        reverse("tracking:report-start", args=[task.pk]),
        {"kind": "half_year", "year": 2026, "number": 2},
        follow=True,
    )
    assert "Nhiệm vụ không phải báo cáo kỳ này." in response.text
    with pytest.raises(ValidationError):
        services.report_start(task=task, period=period_of("year", 2026), by=official)
    assert not ProgressReport.objects.exists()
    page = client.get(reverse("tracking:task-detail", args=[task.pk])).text
    assert "Quý IV/2026" in page and "6 tháng cuối năm 2026" not in page


@time_machine.travel(ON)
def test_the_unit_page_lists_the_current_period_of_each_kind_asked(client, head, department):
    task_of(ProgrammeFactory(), department, "Nhiệm vụ báo cáo quý")
    task_of(ProgrammeFactory(reporting_periods=["year"]), department, "Nhiệm vụ báo cáo năm")
    client.force_login(head)
    page = client.get(reverse("tracking:unit", args=[department.pk])).text
    quarter = page.split('id="unreported-title-quarter"')[1].split("</section>")[0]
    year = page.split('id="unreported-title-year"')[1].split("</section>")[0]
    assert "Nhiệm vụ báo cáo quý" in quarter and "Nhiệm vụ báo cáo năm" not in quarter
    assert "Nhiệm vụ báo cáo năm" in year and "Nhiệm vụ báo cáo quý" not in year
    assert "unreported-title-half_year" not in page


def test_the_admin_chooses_the_cycle_with_vietnamese_words(client, admin_user):
    programme = ProgrammeFactory()
    client.force_login(admin_user)
    url = reverse("admin:programmes_programme_change", args=[programme.pk])
    page = client.get(url).text
    for words in ("Hằng quý", "6 tháng", "Hằng năm"):
        assert f"{words}</label>" in page
    assert 'value="quarter,half_year,year"' not in page  # no codes typed in a text box
    assert 'type="checkbox" name="reporting_periods" value="quarter"' in page


def test_the_admin_form_keeps_the_chosen_periods_in_order():
    from programmes.admin import ProgrammeAdminForm

    form = ProgrammeAdminForm(data={"reporting_periods": ["year", "half_year"]})
    form.is_valid()
    assert form.cleaned_data["reporting_periods"] == ["half_year", "year"]
    empty = ProgrammeAdminForm(data={"reporting_periods": []})
    assert not empty.is_valid()
    assert empty.errors["reporting_periods"] == ["Hãy chọn ít nhất một kỳ báo cáo."]


def test_the_migration_turns_the_old_default_into_quarterly_and_keeps_a_choice():
    migration = importlib.import_module("programmes.migrations.0012_programme_reporting_cycle")
    old = ProgrammeFactory(reporting_periods=["quarter", "half_year", "year"])
    none = ProgrammeFactory(reporting_periods=[])
    chosen = ProgrammeFactory(reporting_periods=["quarter", "year"])
    migration.to_quarterly(apps, None)
    for programme in (old, none, chosen):
        programme.refresh_from_db()
    assert old.reporting_periods == ["quarter"] and none.reporting_periods == ["quarter"]
    assert chosen.reporting_periods == ["quarter", "year"]
