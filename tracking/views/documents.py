"""Documents for leaders: the mid-term review report in Word."""

from datetime import date

from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from programmes.access import leader_required, programme_for
from tracking.documents.midterm_docx import midterm_docx
from tracking.forms import AsOfForm
from tracking.views import HtmxHttpRequest

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@require_GET
@leader_required
def midterm_report(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The mid-term review report in Word, as of the review date unless another day is asked."""
    programme = programme_for(request.user, slug)
    form = AsOfForm(request.GET or None)
    asked = form.is_valid() and form.cleaned_data.get("ngay")
    day = (
        form.day() if asked else min(programme.midterm_review_on or date.max, timezone.localdate())
    )
    response = HttpResponse(midterm_docx(programme, day), content_type=DOCX)
    name = f"bao-cao-so-ket-{programme.slug}-{day:%d-%m-%Y}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
