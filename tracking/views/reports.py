"""An official's work: my tasks, a task's page, writing a report, evidence, sub-tasks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from config.uploads import too_large_message, upload_too_large
from programmes import access as plan_access
from programmes.models import WORK_KINDS, Task
from tracking import access, services
from tracking.evidence import download_name as evidence_download_name
from tracking.forms import EvidenceForm, ReportForm, SubtaskForm, inbox_filter
from tracking.models import ProgressReport, ReportState
from tracking.periods import period_span
from tracking.selectors import inbox
from tracking.selectors import reports as selectors
from tracking.selectors.forecast import task_outlook
from tracking.services.locks import locked_message
from tracking.status import TaskStatus
from tracking.views import HtmxHttpRequest, error_messages


@require_GET
@login_required
def my_tasks(request: HtmxHttpRequest) -> HttpResponse:
    """The official's inbox: "Cần làm ngay" first, then every task, filtered and paged. htmx
    swaps only the list when a filter changes or a page is turned."""
    today = timezone.localdate()
    chosen = inbox_filter(request.GET)
    page = inbox.inbox_page(request.user, chosen, today, request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    context = {
        "page": page,
        "chosen": chosen,
        "filtered": chosen != inbox.InboxFilter(),
        "query": query.urlencode(),
        "statuses": TaskStatus.choices,
        "nav": "my-tasks",
    }
    template = "tracking/my_tasks.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    else:
        shown = None if request.GET.get("can_lam") == "tat-ca" else inbox.URGENT_SHOWN
        context["urgent"] = inbox.urgent(request.user, today, shown=shown)
        choices = inbox.filter_choices(request.user, today)
        context["programmes"] = choices.programmes
        context["periods"] = choices.periods
    return render(request, template, context)


@require_GET
@login_required
def task_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    task = plan_access.task_for(request.user, pk)
    can_report = Task.objects.reported_by(request.user).filter(pk=pk).exists()
    reports = (
        ProgressReport.objects.visible_to(request.user)
        .filter(task=task)
        .select_related("body", "period", "author")
        .order_by("-period__ends_on", "-is_lead")
    )
    status = selectors.kept_status(task)
    state = getattr(task, "state", None)
    today = timezone.localdate()
    context = {
        "task": task,
        "status": status,
        "status_label": status.label,
        "percent": state.percent if state else None,
        "can_report": can_report,
        "reports": reports,
        "periods": selectors.unlocked_spans(task, today) if can_report else [],
        "subtasks": task.children.select_related("owner_body", "assignee").order_by("position"),
        "subtask_form": SubtaskForm(body_id=request.user.body_id) if can_report else None,
        "assignments": task.assignments.current().select_related("body"),
        "outlook": task_outlook(task) if task.kind in WORK_KINDS else None,
    }
    return render(request, "tracking/task_detail.html", context)


@require_POST
@login_required
def report_start(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Open the body's report on the task for a period it owes now (the buttons on the task
    page); any other period is refused."""
    task = access.task_to_report(request.user, pk)
    try:
        span = period_span(
            request.POST["kind"], int(request.POST["year"]), int(request.POST.get("number", 1))
        )
    except (KeyError, ValueError):
        raise Http404 from None
    # The service refuses an unowed period too; asking first keeps a crafted request (year
    # 9999) from storing a Period row for it.
    if span not in selectors.reportable_spans(task, timezone.localdate()):
        messages.error(request, _("This task does not owe a report for that period."))
        return redirect("tracking:task-detail", pk=task.pk)
    try:
        report = services.report_start(task=task, period=services.period_for(span), by=request.user)
    except ValidationError as error:  # the period is locked
        for message in error_messages(error):
            messages.error(request, message)
        return redirect("tracking:task-detail", pk=task.pk)
    return redirect("tracking:report-edit", pk=report.pk)


def _report_form(report: ProgressReport, data=None) -> ReportForm:
    open_ended = bool(report.task.deadline and report.task.deadline.is_open_ended)
    initial = {"version": report.version}
    return ReportForm(
        data,
        instance=report,
        initial=initial,
        open_ended=open_ended,
        targets=report.task.targets.all(),
    )


def _form_errors(form: ReportForm) -> list[str]:
    # A hidden field (the version) has no label and the person cannot fix it by typing: say
    # what to do instead of "None: Enter a whole number.".
    def labelled(name: str, message: str) -> str:
        field = form.fields.get(name)
        if field is None:
            return message
        if field.widget.is_hidden or not field.label:
            return _("The form is incomplete: reload the page.")
        return f"{field.label}: {message}"

    return [labelled(name, str(m)) for name, messages_ in form.errors.items() for m in messages_]


# "Gửi lãnh đạo đơn vị" with no evidence attached saves the draft and asks once more (a second
# step on the server, not a browser dialog: it works without JavaScript and under the CSP).
SEND = "submit"
SEND_WITHOUT_EVIDENCE = "submit_without_evidence"
ASK_EVIDENCE = "thieu-minh-chung"


def _save_and_maybe_submit(request: HtmxHttpRequest, report: ProgressReport, form: ReportForm):
    """Save the draft; submit it when asked (and, with no evidence, when asked twice)."""
    report = services.report_save(
        report=report,
        by=request.user,
        data=form.report_data(),
        version=form.cleaned_data["version"],
    )
    action = request.POST.get("action")
    if action == SEND and not report.evidence.exists():
        services.report_check_ready(report)  # its own errors first, then the question
        return report
    if action in (SEND, SEND_WITHOUT_EVIDENCE):
        report = services.report_submit(report=report, by=request.user, version=report.version)
    return report


def _target_inputs(form: ReportForm) -> list[tuple[object, selectors.TargetContext]]:
    """Each reading box with its target's unit, plan, baseline and last counted reading."""
    fields = form.target_fields()
    last = selectors.last_readings([t.pk for _f, t in fields], timezone.localdate())
    return [(field, selectors.TargetContext(t, last.get(t.pk))) for field, t in fields]


@require_http_methods(["GET", "POST"])
@login_required
def report_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Write a report. htmx saves the draft as the official types (the status partial comes
    back with the new version); the buttons save or submit, with or without JavaScript."""
    report = access.report_for(request.user, pk, write=True)
    if report.period.is_locked:
        messages.error(request, locked_message(report.period))
    if not report.is_editable or report.period.is_locked:
        if request.htmx:
            return HttpResponseClientRedirect(reverse("tracking:report-detail", args=[report.pk]))
        return redirect("tracking:report-detail", pk=report.pk)
    form = _report_form(report, request.POST or None)
    errors: list[str] = []
    if request.method == "POST":
        if not form.is_valid():
            errors = _form_errors(form)
        else:
            try:
                report = _save_and_maybe_submit(request, report, form)
            except services.ReportConflict as error:
                errors = list(error.messages)
            except ValidationError as error:
                # The draft was saved before submitting failed: keep what was typed, with the
                # version that is now current, so that the next save does not conflict.
                errors = error_messages(error)
                report.refresh_from_db()
                data = request.POST.copy()
                data["version"] = str(report.version)
                form = _report_form(report, data)
                form.is_valid()
                for name, problems in getattr(error, "error_dict", {}).items():
                    if name in form.fields:  # by its field too ("results", "completed_on")
                        form.add_error(name, problems)
            else:
                return _after_save(request, report, form)
    if request.htmx and request.method == "POST":
        context = {"report": report, "form": form, "field_errors": form, "errors": errors}
        context["saved_at"] = timezone.localtime(report.updated_at)
        return render(request, "tracking/report_edit.html#save-status", context)
    evidence = list(report.evidence.all())
    context = {
        "report": report,
        "form": form,
        "errors": errors,
        "target_inputs": _target_inputs(form),
        "evidence_form": EvidenceForm(),
        "evidence": evidence,
        "ask_evidence": request.GET.get("gui") == ASK_EVIDENCE and not evidence,
        "coordinators": selectors.coordinator_reports(report),
        "saved_at": timezone.localtime(report.updated_at),
        "nav": "my-tasks",
    }
    return render(request, "tracking/report_edit.html", context)


def _after_save(request: HtmxHttpRequest, report: ProgressReport, form: ReportForm) -> HttpResponse:
    if report.state == ReportState.SUBMITTED:
        messages.success(request, _("The report was sent to the head of your body."))
        url = reverse("tracking:report-detail", args=[report.pk])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    if request.POST.get("action") == SEND:  # no evidence yet: saved, and asked once more
        url = reverse("tracking:report-edit", args=[report.pk]) + f"?gui={ASK_EVIDENCE}#gui"
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    if request.htmx:
        # The saved-status partial needs only the new version (no form to build), and the
        # form just saved, whose empty errors clear those shown by the fields.
        context = {
            "report": report,
            "field_errors": form,
            "errors": [],
            "saved_at": timezone.localtime(report.updated_at),
        }
        return render(request, "tracking/report_edit.html#save-status", context)
    messages.success(request, _("Draft saved."))
    return redirect("tracking:report-edit", pk=report.pk)


def _evidence_response(
    request: HtmxHttpRequest, report: ProgressReport, notes: list
) -> HttpResponse:
    """The evidence partial for htmx (the typed report stays on the page), else a redirect."""
    if request.htmx:
        context = {
            "report": report,
            "evidence": report.evidence.all(),
            "evidence_form": EvidenceForm(),
            "evidence_messages": [{"ok": ok, "text": text} for ok, text in notes],
            "actions_oob": True,  # the send buttons without the no-evidence question
        }
        return render(request, "tracking/report_edit.html#evidence", context)
    for ok, text in notes:
        (messages.success if ok else messages.error)(request, text)
    return redirect("tracking:report-edit", pk=report.pk)


@require_POST
@login_required
def evidence_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    report = access.report_for(request.user, pk, write=True)
    form = EvidenceForm(request.POST, request.FILES)
    notes: list[tuple[bool, str]] = []
    if upload_too_large(request):
        notes.append((False, too_large_message()))
    elif form.is_valid():
        try:
            services.evidence_add(
                report=report,
                by=request.user,
                upload=form.cleaned_data["file"],
                code=form.cleaned_data["code"],
                issued_on=form.cleaned_data["issued_on"],
                title=form.cleaned_data["title"],
            )
            notes.append((True, _("The evidence file was attached.")))
        except ValidationError as error:
            notes += [(False, message) for message in error_messages(error)]
    else:
        notes += [(False, str(message)) for errors in form.errors.values() for message in errors]
    return _evidence_response(request, report, notes)


@require_POST
@login_required
def evidence_remove(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    evidence = access.evidence_for(request.user, pk)
    report = access.report_for(request.user, evidence.report_id, write=True)
    notes: list[tuple[bool, str]] = []
    try:
        services.evidence_remove(evidence=evidence, by=request.user)
    except ValidationError as error:
        notes += [(False, message) for message in error_messages(error)]
    return _evidence_response(request, report, notes)


@require_GET
@login_required
def evidence_download(request: HtmxHttpRequest, pk: int) -> FileResponse:
    """The file under a name made from its sniffed type (``minh-chung-12.pdf``): never the
    uploaded name, whose extension may say something else (``scan.exe``)."""
    evidence = access.evidence_for(request.user, pk)
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence_download_name(evidence),
        content_type=evidence.content_type,
    )


@require_POST
@login_required
def subtask_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    task = access.task_to_report(request.user, pk)
    form = SubtaskForm(request.POST, body_id=request.user.body_id)
    if form.is_valid():
        try:
            services.subtask_create(
                parent=task,
                by=request.user,
                title=form.cleaned_data["title"],
                deadline_text=form.cleaned_data["deadline_text"],
                assignee=form.cleaned_data["assignee"],
            )
            messages.success(request, _("The sub-task was created."))
        except ValidationError as error:
            for message in error_messages(error):
                messages.error(request, message)
    else:
        for field_errors in form.errors.values():
            for problem in field_errors:
                messages.error(request, str(problem))
    return redirect("tracking:task-detail", pk=task.pk)


@require_GET
@login_required
def task_timeline(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    task = plan_access.task_for(request.user, pk)
    events = selectors.task_timeline(request.user, task)
    return render(request, "tracking/task_timeline.html", {"task": task, "events": events})
