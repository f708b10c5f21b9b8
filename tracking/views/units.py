"""A unit's page ("Đơn vị của tôi") and confirming several reports from its queue at once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from tracking import access, services
from tracking.forms import ticked_reports
from tracking.selectors import units as selectors
from tracking.views import HtmxHttpRequest, error_messages


@require_GET
@login_required
def unit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    body = access.unit_for(request.user, pk)
    context = {
        "page": selectors.unit_page(body, timezone.localdate()),
        "can_decide": selectors.can_decide(request.user, body),
        "nav": "unit" if request.user.body_id == body.pk else "",
    }
    return render(request, "tracking/unit_detail.html", context)


@require_POST
@login_required
def unit_confirm(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Confirm the ticked reports, each on its own through ``report_confirm`` with the version
    the head saw: one refused (changed, already decided, not theirs) leaves the others done
    and is named in the message."""
    body = access.unit_for(request.user, pk)
    if not selectors.can_decide(request.user, body):
        raise Http404
    chosen = ticked_reports(request.POST.getlist("bao_cao"))
    if not chosen:
        messages.error(request, _("Tick the reports to confirm."))
    confirmed = 0
    for report_pk, version in chosen:
        try:
            report = access.report_to_decide(request.user, report_pk)
        except Http404:
            messages.error(request, _("A report ticked is not one of your body's."))
            continue
        try:
            services.report_confirm(report=report, by=request.user, version=version)
            confirmed += 1
        except ValidationError as error:
            reason = " ".join(error_messages(error))
            messages.error(
                request,
                _("Not confirmed: “%(task)s” (%(period)s). %(reason)s")
                % {"task": report.task, "period": report.period, "reason": reason},
            )
    if confirmed:
        messages.success(
            request,
            ngettext(
                "%(count)d report was confirmed.", "%(count)d reports were confirmed.", confirmed
            )
            % {"count": confirmed},
        )
    return redirect("tracking:unit", pk=body.pk)
