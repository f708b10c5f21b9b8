"""A programme's targets: the latest reading of each, judged against the plan."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from programmes.access import leader_required, programme_for
from tracking.documents import excel
from tracking.documents.excel import Column
from tracking.forms import AsOfForm
from tracking.selectors.targets import judgement_label, target_lines
from tracking.views import HtmxHttpRequest


@require_GET
@leader_required
def programme_targets(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request.user, slug)
    form = AsOfForm(request.GET or None)
    day = form.day()
    rows = target_lines(programme, day)
    context = {"programme": programme, "form": form, "day": day, "rows": rows, "nav": "overview"}
    if request.GET.get("xuat") == "xlsx":
        return excel.workbook_response(
            filename=f"chi-tieu-{programme.slug}-{day:%d-%m-%Y}.xlsx",
            title=_("Targets"),
            day=day,
            headings=[
                Column(_("No."), 6),
                Column(_("Target"), 50),
                Column(_("Unit"), 12),
                Column(_("Comparator"), 8),
                Column(_("Baseline"), 12, "number"),
                Column(_("Baseline year"), 8),
                Column(_("Planned"), 14, "number"),
                Column(_("Target year"), 8),
                Column(_("Expected on the day"), 14, "number"),
                Column(_("Achieved"), 14, "number"),
                Column(_("Read on"), 12),
                Column(_("Share of plan"), 12, "percent"),
                Column(_("Judgement"), 14),
            ],
            rows=(
                [
                    n,
                    r.target.name,
                    r.target.unit,
                    r.target.get_comparator_display(),
                    r.target.baseline_value,
                    r.target.baseline_year,
                    r.target.planned_value,
                    r.target.target_year,
                    round(r.expected, 2) if r.expected is not None else None,
                    r.judged.value if r.judged else None,
                    r.judged.read_on if r.judged else None,
                    round(r.judged.ratio, 1) if r.judged and r.judged.ratio else None,
                    judgement_label(r.judged),
                ]
                for n, r in enumerate(rows, start=1)
            ),
        )
    return render(request, "tracking/programme_targets.html", context)


@require_GET
@leader_required
def target_detail(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """One target: its baseline and path, every reading judged on its day, the tasks behind it."""
    programme = programme_for(request.user, slug)
    form = AsOfForm(request.GET or None)
    day = form.day()
    rows = target_lines(programme, day, programme.targets.filter(pk=pk))
    if not rows:
        raise Http404
    context = {"programme": programme, "form": form, "day": day, "row": rows[0], "nav": "overview"}
    return render(request, "tracking/target_detail.html", context)
