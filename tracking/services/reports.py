"""Writes on reports: drafts, saves, submissions, decisions, evidence, body sub-tasks.

Each function is one state change in one transaction. The report row is locked while it
changes, and every change carries the version the person saw: a second click, a second
editor or a stale form is refused with a clear message instead of overwriting.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from programmes.models import Assignment, AssignmentRole, Body, Role, Task, TaskKind, User
from programmes.services import task_assign
from programmes.text import fold
from tracking.cache import forget_summaries
from tracking.evidence import EXTENSIONS, check_upload
from tracking.forecast import Confidence, confidence_dropped
from tracking.models import (
    Evidence,
    Period,
    Progress,
    ProgressReport,
    ReportState,
    ReportVersion,
    TargetReading,
)
from tracking.numbers import check_reading
from tracking.periods import PeriodSpan
from tracking.selectors.forecast import previous_confidence
from tracking.selectors.reports import reportable_spans
from tracking.services.locks import period_check_open, period_refuse_locked
from tracking.services.notifications import notify
from tracking.services.states import task_state_refresh
from tracking.signals import report_confirmed

REPORT_FIELDS = (
    "progress",
    "percent",
    "completed_on",
    "blocked",
    "results",
    "difficulties",
    "proposals",
)


class ReportConflict(ValidationError):
    """The report changed since the person loaded it."""


@dataclass
class ReportData:
    progress: str
    percent: int | None
    completed_on: date | None
    blocked: bool
    results: str
    difficulties: str
    proposals: str
    readings: dict[int, Decimal]


def _snapshot(report: ProgressReport, readings: dict[int, Decimal] | None = None) -> dict[str, Any]:
    """What a version keeps; ``readings`` when the caller has just written them."""
    data = {name: getattr(report, name) for name in REPORT_FIELDS}
    data["completed_on"] = report.completed_on.isoformat() if report.completed_on else None
    data["return_comment"] = report.return_comment
    data["confidence"] = report.confidence
    data["confidence_reason"] = report.confidence_reason
    if readings is None:
        readings = dict(report.readings.values_list("target_id", "value"))
    data["readings"] = {str(pk): str(readings[pk]) for pk in sorted(readings)}
    return data


# Saves by the same person within this many minutes of the last one fold into one draft
# version, so that a report's history shows what was written, not every pause in typing.
FOLD_MINUTES = 5


def _fold_into_last_save(
    report: ProgressReport, *, by: User, readings: dict[int, Decimal] | None
) -> bool:
    """Update the last version instead of adding one when it is a save of the same person a
    few minutes ago; submissions, returns and confirmations always keep their own."""
    last = report.versions.order_by("-at", "-pk").first()
    if last is None or last.action != "saved" or last.by_id != by.pk:
        return False
    if timezone.now() - last.at > timedelta(minutes=FOLD_MINUTES):
        return False
    last.version = report.version
    last.state = report.state
    last.data = _snapshot(report, readings)
    last.save(update_fields=["version", "state", "data"])
    return True


def _record(
    report: ProgressReport,
    *,
    action: str,
    by: User,
    readings: dict[int, Decimal] | None = None,
) -> None:
    if action == "saved" and _fold_into_last_save(report, by=by, readings=readings):
        return
    ReportVersion.objects.create(
        report=report,
        version=report.version,
        state=report.state,
        action=action,
        data=_snapshot(report, readings),
        by=by,
    )


def _locked(report: ProgressReport, *, version: int | None) -> ProgressReport:
    """Lock the report's row and check that nobody changed it since ``version``."""
    # The period and task come with the locked row: read afresh, in the same statement.
    current = (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("period", "task", "author")
        .get(pk=report.pk)
    )
    if version is not None and current.version != version:
        raise ReportConflict(
            _(
                "This report was changed by %(who)s at %(when)s after you opened it. "
                "Your changes were not saved: reload the page to see the new version."
            )
            % {
                "who": current.author.get_full_name(),
                "when": timezone.localtime(current.updated_at).strftime("%H:%M %d/%m/%Y"),
            }
        )
    return current


def period_for(span: PeriodSpan) -> Period:
    """The stored period of ``span``, created on first use (reports and reminders point at
    it); only writes call this, never a page view."""
    period, _created = Period.objects.get_or_create(
        kind=span.kind,
        year=span.year,
        number=span.number,
        defaults={"starts_on": span.starts_on, "ends_on": span.ends_on, "due_on": span.due_on},
    )
    return period


@transaction.atomic
def report_start(*, task: Task, period: Period, by: User) -> ProgressReport:
    """The body's report on ``task`` for ``period``: the existing one, or a new draft.

    Safe to call twice (a double click, two tabs): the second call finds the first's report.
    A new one only for a period the task owes a report for now (``reportable_spans``).
    """
    body_id = by.body_id
    if body_id is None:
        raise ValidationError(_("Your account belongs to no body: it writes no reports."))
    existing = ProgressReport.objects.filter(task=task, body_id=body_id, period=period).first()
    if existing:
        return existing
    owed = {(s.kind, s.year, s.number) for s in reportable_spans(task, timezone.localdate())}
    if (period.kind, period.year, period.number) not in owed:
        raise ValidationError(_("This task does not owe a report for that period."))
    period_check_open(period.pk)
    role = (
        Assignment.objects.current()
        .filter(task=task, body_id=body_id)
        .values_list("role", flat=True)
        .first()
    )
    try:
        with transaction.atomic():
            report = ProgressReport.objects.create(
                task=task,
                body_id=body_id,
                period=period,
                is_lead=role == AssignmentRole.LEAD,
                author=by,
                percent=None if _open_ended(task) else 0,
            )
    except IntegrityError:  # created by a concurrent request a moment ago
        return ProgressReport.objects.get(task=task, body_id=body_id, period=period)
    _record(report, action="created", by=by)
    return report


def _open_ended(task: Task) -> bool:
    return bool(task.deadline and task.deadline.is_open_ended)


def _validate_for_submit(report: ProgressReport) -> None:
    errors = {}
    if not report.results.strip():
        errors["results"] = _("Write the results achieved before submitting.")
    if report.progress == Progress.COMPLETED and not report.completed_on:
        errors["completed_on"] = _("Give the date the task was completed.")
    if report.blocked and not (report.difficulties.strip() and report.proposals.strip()):
        errors["proposals"] = _("A blocked task needs its difficulties and proposals.")
    if errors:
        raise ValidationError(errors)


def report_check_ready(report: ProgressReport) -> None:
    """Raise what submitting the report now would refuse for its words (nothing is written):
    the form asks about missing evidence only of a report that could be sent."""
    _validate_for_submit(report)


@transaction.atomic
def report_save(
    *, report: ProgressReport, by: User, data: ReportData, version: int, action: str = "saved"
) -> ProgressReport:
    """Save the official's words on an editable report (a draft or a returned report)."""
    report = _locked(report, version=version)
    period_refuse_locked(report.period)
    if not report.is_editable:
        raise ValidationError(
            _("This report is %(state)s and can no longer be changed.")
            % {"state": report.get_state_display().lower()}
        )
    if _open_ended(report.task):
        data.percent = None
        if data.progress == Progress.COMPLETED:
            raise ValidationError(
                {"progress": _("An ongoing task is never completed: report this period's results.")}
            )
    if data.progress == Progress.COMPLETED:
        data.percent = 100
        if data.completed_on and data.completed_on > timezone.localdate():
            raise ValidationError(
                {"completed_on": _("The completion date cannot be later than today.")}
            )
    else:
        data.completed_on = None
    for value in data.readings.values():
        check_reading(value)  # the form checks too; this guards every other caller
    for name in REPORT_FIELDS:
        setattr(report, name, getattr(data, name))
    report.search_text = fold(" ".join([data.results, data.difficulties, data.proposals]))
    report.author = by
    report.version += 1
    report.save(update_fields=[*REPORT_FIELDS, "search_text", "author", "version", "updated_at"])
    _readings_write(report, data.readings)
    _record(report, action=action, by=by, readings=data.readings)
    return report


def _readings_write(report: ProgressReport, readings: dict[int, Decimal]) -> None:
    """Write only the readings that changed: an autosave usually changes none."""
    allowed = set(report.task.targets.values_list("pk", flat=True))
    if not allowed.issuperset(readings):
        raise ValidationError(_("That target does not belong to this task."))
    existing = {reading.target_id: reading for reading in report.readings.all()}
    if gone := [r.pk for target_id, r in existing.items() if target_id not in readings]:
        TargetReading.objects.filter(pk__in=gone).delete()
    for target_id, value in readings.items():
        reading = existing.get(target_id)
        if reading is None:
            TargetReading.objects.create(report=report, target_id=target_id, value=value)
        elif reading.value != value:
            reading.value = value
            reading.save(update_fields=["value"])


@transaction.atomic
def report_submit(*, report: ProgressReport, by: User, version: int) -> ProgressReport:
    """Send the report to the body's head. A second click finds it submitted and says so."""
    report = _locked(report, version=None)
    period_refuse_locked(report.period)
    if report.state == ReportState.SUBMITTED:
        raise ValidationError(_("This report has already been submitted."))
    if report.version != version:
        _locked(report, version=version)  # raises the conflict message
    if not report.is_editable:
        raise ValidationError(_("This report has already been confirmed."))
    _validate_for_submit(report)
    resubmitted = report.state == ReportState.RETURNED
    report.state = ReportState.SUBMITTED
    report.submitted_at = timezone.now()
    report.version += 1
    report.save(update_fields=["state", "submitted_at", "version", "updated_at"])
    _record(report, action="submitted", by=by)
    transaction.on_commit(forget_summaries)  # the counts awaiting confirmation moved
    heads = User.objects.filter(body_id=report.body_id, role=Role.HEAD, is_active=True)
    words = (
        _("%(who)s resubmitted the report on “%(task)s” (%(period)s) after it was returned.")
        if resubmitted
        else _("%(who)s submitted a report on “%(task)s” (%(period)s) for confirmation.")
    )
    notify(
        heads,
        words % {"who": by.get_full_name(), "task": report.task, "period": report.period},
        reverse("tracking:report-detail", args=[report.pk]),
        key=f"report{report.pk}:v{report.version}:submitted",
    )
    return report


def _decide(
    report: ProgressReport,
    *,
    by: User,
    version: int,
    state: str,
    comment: str,
    also: dict[str, str] | None = None,
) -> ProgressReport:
    """A head's decision on a submitted report: checked, then written with its time."""
    report = _locked(report, version=None)
    period_refuse_locked(report.period)
    if report.state != ReportState.SUBMITTED:
        raise ValidationError(
            _("This report is %(state)s: there is nothing to decide.")
            % {"state": report.get_state_display().lower()}
        )
    if report.version != version:
        _locked(report, version=version)
    if by.role != Role.HEAD or by.body_id != report.body_id:
        raise ValidationError(
            _("Only the head of %(body)s decides on its reports.") % {"body": report.body.name}
        )
    report.state = state
    report.return_comment = comment
    report.decided_at = timezone.now()
    report.decided_by = by
    report.version += 1
    for name, value in (also or {}).items():
        setattr(report, name, value)
    fields = ["state", "return_comment", "decided_at", "decided_by", "version", "updated_at"]
    report.save(update_fields=[*fields, *(also or {})])
    return report


@transaction.atomic
def report_return(
    *, report: ProgressReport, by: User, comment: str, version: int
) -> ProgressReport:
    """Return a submitted report to its author with the head's comment."""
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": _("Say what needs changing.")})
    report = _decide(report, by=by, version=version, state=ReportState.RETURNED, comment=comment)
    _record(report, action="returned", by=by)
    transaction.on_commit(forget_summaries)
    notify(
        [report.author],
        _("%(who)s returned your report on “%(task)s”: %(comment)s")
        % {"who": by.get_full_name(), "task": report.task, "comment": comment},
        reverse("tracking:report-edit", args=[report.pk]),
        key=f"report{report.pk}:v{report.version}:returned",
    )
    return report


def _rating(report: ProgressReport, confidence: str, reason: str) -> dict[str, str]:
    """The rating a confirmation stores on a lead report: the one given (a drop from the
    task's previous rating needs its reason), or, when none is given (confirming several at
    once from the unit's queue), the previous rating carried over, so that the task's
    current rating is always its latest confirmed lead report's."""
    if not report.is_lead:
        return {}  # coordinating bodies report their part; the rating is the lead's
    if confidence and confidence not in Confidence.values:
        raise ValidationError({"confidence": _("Choose a rating from the list.")})
    previous = previous_confidence(report)
    if not confidence:
        return {"confidence": previous, "confidence_reason": ""}
    reason = reason.strip()
    if confidence_dropped(previous, confidence) and not reason:
        raise ValidationError(
            {
                "confidence_reason": _(
                    "The rating is lower than the previous one (%(previous)s): say why."
                )
                % {"previous": Confidence(previous).label}
            }
        )
    return {"confidence": confidence, "confidence_reason": reason}


@transaction.atomic
def report_confirm(
    *,
    report: ProgressReport,
    by: User,
    version: int,
    confidence: str = "",
    confidence_reason: str = "",
) -> ProgressReport:
    """Confirm a submitted report: from now on it counts, and the task's state follows.

    On a lead report the head rates the task's delivery confidence (``_rating``)."""
    also = _rating(report, confidence, confidence_reason)
    report = _decide(
        report, by=by, version=version, state=ReportState.CONFIRMED, comment="", also=also
    )
    _record(report, action="confirmed", by=by)
    report_confirmed.send(sender=ProgressReport, report=report)
    transaction.on_commit(forget_summaries)
    if report.is_lead:  # the task's latest confirmed lead report may be this one now
        task_state_refresh(task=report.task, on=timezone.localdate(), by=by, report=report)
    notify(
        [report.author],
        _("%(who)s confirmed your report on “%(task)s” (%(period)s).")
        % {"who": by.get_full_name(), "task": report.task, "period": report.period},
        reverse("tracking:report-detail", args=[report.pk]),
        key=f"report{report.pk}:v{report.version}:confirmed",
    )
    return report


@transaction.atomic
def evidence_add(
    *,
    report: ProgressReport,
    by: User,
    upload: "UploadedFile[bytes]",
    code: str = "",
    issued_on: date | None = None,
    title: str = "",
) -> Evidence:
    report = _locked(report, version=None)
    period_refuse_locked(report.period)
    if not report.is_editable:
        raise ValidationError(_("Evidence can only be added while the report is being written."))
    content_type = check_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    original = upload.name or "minh-chung"
    upload.name = f"{digest.hexdigest()[:16]}.{EXTENSIONS[content_type]}"
    evidence = Evidence.objects.create(
        report=report,
        code=code.strip(),
        issued_on=issued_on,
        title=title.strip(),
        file=upload,
        original_name=original[:255],
        content_type=content_type,
        size=upload.size or 0,
        sha256=digest.hexdigest(),
        uploaded_by=by,
    )
    # Evidence is a list of its own: adding to it does not make the open form's text stale,
    # so the report's version stays; the history still records it.
    _record(report, action="evidence_added", by=by)
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, by: User) -> None:
    report = _locked(evidence.report, version=None)
    period_refuse_locked(report.period)
    if not report.is_editable or report.body_id != by.body_id:
        raise ValidationError(_("Evidence can only be removed while the report is being written."))
    evidence.file.delete(save=False)
    evidence.delete()
    _record(report, action="evidence_removed", by=by)


@transaction.atomic
def subtask_create(
    *, parent: Task, by: User, title: str, deadline_text: str = "", assignee: User | None = None
) -> Task:
    """A body turns its assigned task into a sub-task of its own, led by the body."""
    if (
        by.body_id is None
        or not Assignment.objects.current().filter(task=parent, body_id=by.body_id).exists()
    ):
        raise ValidationError(_("Your body is not assigned to this task."))
    if assignee is not None and assignee.body_id != by.body_id:
        raise ValidationError({"assignee": _("The assignee must belong to your body.")})
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Give the sub-task a title.")})
    body = Body.objects.get(pk=by.body_id)
    siblings = parent.children.count()
    subtask = Task(
        programme_id=parent.programme_id,
        parent=parent,
        kind=TaskKind.SUBTASK,
        number="-",
        position=siblings + 1,
        title=title,
        owner_body=body,
        assignee=assignee,
    )
    try:
        subtask.set_deadline(deadline_text)
    except ValueError as error:
        raise ValidationError({"deadline_text": str(error)}) from None
    subtask.save()
    task_assign(task=subtask, lead=body, on=timezone.localdate())
    return subtask
