"""A head's decisions: a report's page, the queue, confirm and return."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tracking import access, services
from tracking.forecast import Confidence
from tracking.forms import ConfirmForm, ReturnForm
from tracking.models import ProgressReport, ReportState
from tracking.selectors import reports as selectors
from tracking.selectors.forecast import previous_confidence
from tracking.views import HtmxHttpRequest, error_messages


@require_GET
@login_required
def report_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    report = access.report_for(request.user, pk)
    return _detail(request, report)


def _detail(
    request: HtmxHttpRequest, report: ProgressReport, confirm_form: ConfirmForm | None = None
) -> HttpResponse:
    """The report's page; after a refused confirmation, with the head's rating as typed."""
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
    }
    if can_decide and report.is_lead:
        previous = previous_confidence(report)
        context["previous_confidence"] = previous
        context["previous_confidence_label"] = Confidence(previous).label if previous else ""
        context["decision_form"] = confirm_form or ConfirmForm(
            initial={"version": report.version, "confidence": previous}
        )
    else:
        context["decision_form"] = ConfirmForm(initial={"version": report.version})
    return render(request, "tracking/report_detail.html", context)


@require_GET
@login_required
def review_queue(request: HtmxHttpRequest) -> HttpResponse:
    reports = selectors.review_queue(request.user)
    return render(request, "tracking/review_queue.html", {"reports": reports, "nav": "review"})


@require_POST
@login_required
def report_confirm(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    report = access.report_to_decide(request.user, pk)
    form = ConfirmForm(request.POST)
    try:
        if not form.is_valid():
            if "version" in form.errors:
                raise ValidationError(_("The form is incomplete: reload the page."))
            raise ValidationError([m for errors in form.errors.values() for m in errors])
        services.report_confirm(
            report=report,
            by=request.user,
            version=form.cleaned_data["version"],
            confidence=form.cleaned_data["confidence"],
            confidence_reason=form.cleaned_data["confidence_reason"],
        )
        messages.success(request, _("The report was confirmed."))
        return redirect("tracking:review-queue")
    except ValidationError as error:
        refused = error
        for message in error_messages(error):
            messages.error(request, message)
    # Shown again with the rating and reason as typed, so that nothing is lost; the page now
    # shows the report as it is, so the form carries its current version.
    report.refresh_from_db()
    data = request.POST.copy()
    data["version"] = str(report.version)
    shown = ConfirmForm(data)
    if shown.is_valid():  # the service's word on a field goes beside that field too
        for name, errors in getattr(refused, "error_dict", {}).items():
            if name in shown.fields:
                shown.add_error(name, errors)
    return _detail(request, report, shown)


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
