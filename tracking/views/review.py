"""A head's decisions: a report's page, the queue, confirm and return."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tracking import access, services
from tracking.forms import DecisionForm, ReturnForm
from tracking.models import ProgressReport, ReportState
from tracking.selectors import reports as selectors
from tracking.views import HtmxHttpRequest, error_messages


@require_GET
@login_required
def report_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    report = access.report_for(request.user, pk)
    locked = report.period.is_locked
    can_decide = (
        request.user.is_head
        and request.user.body_id == report.body_id
        and report.state == ReportState.SUBMITTED
        and not locked
    )
    context = {
        "report": report,
        "readings": report.readings.select_related("target"),
        "evidence": report.evidence.all(),
        "history": selectors.report_history(report),
        "coordinators": selectors.coordinator_reports(report),
        "can_decide": can_decide,
        "locked": locked,
        "can_edit": report.is_editable
        and not locked
        and report.body_id == request.user.body_id
        and request.user.reports_for_body,
        # The decision's context (report_context.html): the task's deadline and kept status,
        # the previous period's confirmed report, what changed since it was returned.
        "task_status": selectors.kept_status(report.task),
        "previous": selectors.previous_confirmed(report),
        "since_return": selectors.changes_since_return(report),
        "return_form": ReturnForm(initial={"version": report.version}),
        "decision_form": DecisionForm(initial={"version": report.version}),
    }
    return render(request, "tracking/report_detail.html", context)


@require_GET
@login_required
def review_queue(request: HtmxHttpRequest) -> HttpResponse:
    reports = (
        ProgressReport.objects.awaiting(request.user)
        .select_related("task__programme", "period", "author")
        .order_by("submitted_at")
    )
    return render(request, "tracking/review_queue.html", {"reports": reports, "nav": "review"})


@require_POST
@login_required
def report_confirm(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    report = access.report_to_decide(request.user, pk)
    form = DecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("The form is incomplete: reload the page."))
        services.report_confirm(
            report=report, by=request.user, version=form.cleaned_data["version"]
        )
        messages.success(request, _("The report was confirmed."))
        return redirect("tracking:review-queue")
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    return redirect("tracking:report-detail", pk=report.pk)


@require_POST
@login_required
def report_return(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    report = access.report_to_decide(request.user, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.report_return(
                report=report,
                by=request.user,
                comment=form.cleaned_data["comment"],
                version=form.cleaned_data["version"],
            )
            messages.success(request, _("The report was returned to its author."))
            return redirect("tracking:review-queue")
        except ValidationError as error:
            for message in error_messages(error):
                messages.error(request, message)
    else:
        messages.error(request, _("Say what needs changing."))
    return redirect("tracking:report-detail", pk=report.pk)
