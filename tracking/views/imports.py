"""Imports by leaders: target readings from Excel."""

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from config.uploads import refused_for_size
from programmes.access import leader_required, programme_for
from tracking.documents import excel, readings_sheet
from tracking.forms import ReadingsUploadForm
from tracking.services.readings import apply_readings
from tracking.views import HtmxHttpRequest, error_messages


@require_http_methods(["GET", "POST"])
@leader_required
def readings_import(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Target readings from Excel: upload, check the preview, save all or nothing.

    The preview is kept in the session under a one-time key, so a second click on "save"
    finds nothing to save and says so.
    """
    programme = programme_for(request.user, slug)
    if request.GET.get("mau"):
        response = HttpResponse(
            readings_sheet.template_workbook(programme), content_type=excel.XLSX
        )
        response["Content-Disposition"] = f'attachment; filename="chi-tieu-{programme.slug}.xlsx"'
        return response
    form = ReadingsUploadForm(request.POST or None, request.FILES or None)
    rows = errors = None
    token = ""
    if request.POST.get("action") == "save":
        pending = request.session.pop(f"readings:{request.POST.get('token')}", None)
        if pending is None:
            messages.error(
                request, _("These readings have already been saved, or the page is stale.")
            )
        else:
            try:
                count = apply_readings(programme=programme, rows=pending, by=request.user)
            except ValidationError as error:  # a period was locked since the preview
                for message in error_messages(error):
                    messages.error(request, message)
            else:
                messages.success(request, _("%(count)s readings were saved.") % {"count": count})
        return redirect("tracking:programme-targets", slug=slug)
    if request.method == "POST" and not refused_for_size(request, form) and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 10 * 1024 * 1024:
            form.add_error("file", _("The file is larger than 10 MB."))
        else:
            rows, errors = readings_sheet.read_readings_sheet(upload.read(), programme)
            if not errors:
                token = secrets.token_urlsafe(8)
                request.session[f"readings:{token}"] = rows
    context = {
        "programme": programme,
        "form": form,
        "rows": rows,
        "errors": errors,
        "token": token,
        "nav": "overview",
    }
    return render(request, "tracking/readings_import.html", context)
