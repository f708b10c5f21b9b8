"""The provincial leaders' pages: overview, programme progress, lists, targets, search."""

from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from programmes import access as plan_access
from programmes.models import Body, Programme, Task
from programmes.text import fold
from tracking import access, dashboards, exports
from tracking.cache import cached
from tracking.models import Period, ProgressReport, ReportState
from tracking.status import TaskStatus
from tracking.views import HtmxHttpRequest

LISTS = {
    "qua-han": gettext_lazy("Overdue tasks"),
    "vuong-mac": gettext_lazy("Tasks blocked by difficulties"),
    "sap-den-han": gettext_lazy("Due in the next 30 days"),
    "tat-ca": gettext_lazy("All tasks"),
}
SORTS = {
    "han": lambda r: (r.deadline_due or date.max, r.number),
    "so": lambda r: (r.programme_id, r.number),
    "trang-thai": lambda r: (dashboards.STATUS_ORDER.index(r.status), r.deadline_due or date.max),
    "tien-do": lambda r: (r.percent if r.percent is not None else -1, r.number),
}
PAGE_SIZE = 50


class AsOfForm(forms.Form):
    ngay = forms.DateField(
        label=gettext_lazy("As of"),
        required=False,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )

    def day(self) -> date:
        today = timezone.localdate()
        if self.is_valid() and self.cleaned_data.get("ngay"):
            return min(self.cleaned_data["ngay"], today)
        return today


class ListFilterForm(AsOfForm):
    chuong_trinh = forms.ModelChoiceField(
        label=gettext_lazy("Programme"), queryset=Programme.objects.tracked(), required=False
    )
    co_quan = forms.ModelChoiceField(
        label=gettext_lazy("Lead body"), queryset=Body.objects.all(), required=False
    )
    trang_thai = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[("", "—"), *TaskStatus.choices],
        required=False,
    )
    sap_xep = forms.ChoiceField(
        label=gettext_lazy("Sort by"),
        choices=[
            ("han", gettext_lazy("Deadline")),
            ("so", gettext_lazy("Number")),
            ("trang-thai", gettext_lazy("Status")),
            ("tien-do", gettext_lazy("Progress")),
        ],
        required=False,
    )


@require_GET
@login_required
def overview(request: HtmxHttpRequest) -> HttpResponse:
    access.require_leader(request.user)
    form = AsOfForm(request.GET or None)
    day = form.day()
    # Counted once, then kept until a confirmation or the status refresh changes the counts.
    data = cached(f"overview:{day.isoformat()}", lambda: dashboards.overview(day))
    midterms = sorted({p["programme"].midterm_review_on for p in data.programmes} - {None})
    context = {"form": form, "data": data, "midterms": midterms, "nav": "overview"}
    return render(request, "tracking/overview.html", context)


def _filtered(kind: str, form: ListFilterForm):
    """Today's lists come from the kept states, in SQL; an earlier day's from the history."""
    day = form.day()
    cleaned = form.cleaned_data if form.is_valid() else {}
    if day >= timezone.localdate():
        rows = dashboards.KeptRows(
            kind=kind,
            day=day,
            programme=cleaned.get("chuong_trinh"),
            body=cleaned.get("co_quan"),
            status=cleaned.get("trang_thai") or "",
            sort=cleaned.get("sap_xep") or "han",
        )
        return day, rows
    tasks = Task.objects.filter(
        programme__kind__in=("programme", "plan"), kind__in=dashboards.WORK_KINDS
    )
    if cleaned.get("chuong_trinh"):
        tasks = tasks.filter(programme=cleaned["chuong_trinh"])
    rows = dashboards.task_rows(day, tasks)
    if kind == "qua-han":
        rows = [r for r in rows if r.status == TaskStatus.OVERDUE]
    elif kind == "vuong-mac":
        rows = [r for r in rows if r.status == TaskStatus.BLOCKED or r.blocked]
    elif kind == "sap-den-han":
        soon = day + timedelta(days=30)
        rows = [
            r
            for r in rows
            if r.deadline_due
            and day <= r.deadline_due <= soon
            and r.status not in dashboards.COMPLETED
        ]
    if cleaned.get("co_quan"):
        rows = [r for r in rows if r.lead_id == cleaned["co_quan"].pk]
    if cleaned.get("trang_thai"):
        rows = [r for r in rows if r.status == cleaned["trang_thai"]]
    rows.sort(key=SORTS.get(cleaned.get("sap_xep") or "han", SORTS["han"]))
    return day, rows


def _decorate(rows: list[dashboards.Row]) -> None:
    """Names of programmes and lead bodies, and the proposals behind blocked tasks."""
    names = {
        pk: code or title
        for pk, code, title in Programme.objects.values_list("pk", "code", "title")
    }
    bodies = dict(
        Body.objects.filter(pk__in={r.lead_id for r in rows}).values_list("pk", "short_name")
    )
    proposals = dict(
        ProgressReport.objects.filter(
            pk__in=[r.report_id for r in rows if r.report_id]
        ).values_list("pk", "proposals")
    )
    for row in rows:
        row.programme = names.get(row.programme_id, "")
        row.lead = bodies.get(row.lead_id, "")
        row.proposals = proposals.get(row.report_id, "")


@require_GET
@login_required
def task_list(request: HtmxHttpRequest, kind: str) -> HttpResponse:
    access.require_leader(request.user)
    if kind not in LISTS:
        from django.http import Http404

        raise Http404
    form = ListFilterForm(request.GET or None)
    day, rows = _filtered(kind, form)
    if request.GET.get("xuat") == "xlsx":
        rows = list(rows)
        _decorate(rows)
        return _export(kind, day, rows)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    _decorate(page.object_list)
    query = request.GET.copy()
    query.pop("trang", None)
    context = {
        "kind": kind,
        "choices": _filter_choices(form),
        "title": LISTS[kind],
        "lists": LISTS,
        "form": form,
        "day": day,
        "page": page,
        "count": page.paginator.count,
        "query": query.urlencode(),
        "nav": "lists",
    }
    template = "tracking/task_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


def _filter_choices(form: ListFilterForm) -> dict:
    """The filter selects' options as plain pairs: rendering 150 bodies through Django's
    widget templates took longer than the rest of the page."""
    chosen = form.data if form.is_bound else {}
    return {
        "programmes": Programme.objects.tracked()
        .order_by("sort_key")
        .values_list("pk", "code", "title"),
        "bodies": Body.objects.filter(active_to__isnull=True)
        .order_by("sort_key")
        .values_list("pk", "name"),
        "statuses": TaskStatus.choices,
        "sorts": form.fields["sap_xep"].choices,
        "chosen": chosen,
    }


def _export(kind: str, day: date, rows: list[dashboards.Row]) -> HttpResponse:
    headings = [
        (_("Programme"), 16),
        (_("No."), 8),
        (_("Task"), 60),
        (_("Lead body"), 24),
        (_("Deadline"), 16),
        (_("Due"), 12),
        (_("Status"), 26),
        (_("Progress"), 10),
        (_("Proposals"), 50),
    ]
    return exports.workbook_response(
        filename=f"{kind}-{day:%d-%m-%Y}.xlsx",
        title=str(LISTS[kind]),
        headings=headings,
        rows=(
            [
                r.programme,
                r.number,
                r.title,
                r.lead,
                r.deadline_text,
                r.deadline_due,
                r.status_label,
                r.percent,
                r.proposals,
            ]
            for r in rows
        ),
    )


@require_GET
@login_required
def programme_progress(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    access.require_leader(request.user)
    programme = plan_access.programme_for(request.user, slug)
    form = AsOfForm(request.GET or None)
    day = form.day()
    rows = dashboards.task_rows(
        day, Task.objects.filter(programme=programme, kind__in=dashboards.WORK_KINDS)
    )
    _decorate(rows)
    groups = list(programme.tasks.filter(kind="group").order_by("position"))
    by_parent: dict[int | None, list] = {}
    for row in sorted(rows, key=lambda r: r.number):
        by_parent.setdefault(row.parent_id, []).append(row)
    sections = []
    for group in groups:
        tally = dashboards.Tally()
        members = _descendants(group.pk, by_parent)
        for row in members:
            tally.add(row)
        sections.append({"group": group, "tally": tally, "rows": members})
    grouped = {row.pk for section in sections for row in section["rows"]}
    loose = [row for row in rows if row.pk not in grouped]
    if loose:
        tally = dashboards.Tally()
        for row in loose:
            tally.add(row)
        sections.append({"group": None, "tally": tally, "rows": loose})
    total = dashboards.Tally()
    for row in rows:
        total.add(row)
    context = {
        "programme": programme,
        "form": form,
        "day": day,
        "sections": sections,
        "total": total,
        "midterms": [programme.midterm_review_on] if programme.midterm_review_on else [],
        "nav": "overview",
    }
    return render(request, "tracking/programme_progress.html", context)


def _descendants(pk: int, by_parent: dict) -> list:
    found = []
    for row in by_parent.get(pk, []):
        found.append(row)
        found.extend(_descendants(row.pk, by_parent))
    return found


@require_GET
@login_required
def programme_targets(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    access.require_leader(request.user)
    programme = plan_access.programme_for(request.user, slug)
    form = AsOfForm(request.GET or None)
    day = form.day()
    judged = dashboards.target_judgements(day, [programme.pk])
    history = dashboards.target_history(day, [programme.pk])
    rows = []
    for target in programme.targets.all():
        found = judged.get(target.pk)
        rows.append({"target": target, "judged": found, "history": history.get(target.pk, [])})
    context = {"programme": programme, "form": form, "day": day, "rows": rows, "nav": "overview"}
    if request.GET.get("xuat") == "xlsx":
        return exports.workbook_response(
            filename=f"chi-tieu-{programme.slug}-{day:%d-%m-%Y}.xlsx",
            title=_("Targets"),
            headings=[
                (_("No."), 6),
                (_("Target"), 50),
                (_("Unit"), 12),
                (_("Planned"), 14),
                (_("Achieved"), 14),
                (_("Share of plan"), 12),
                (_("Judgement"), 14),
            ],
            rows=(
                [
                    n,
                    r["target"].name,
                    r["target"].unit,
                    r["target"].planned_value,
                    r["judged"]["value"] if r["judged"] else None,
                    round(r["judged"]["ratio"], 1)
                    if r["judged"] and r["judged"]["ratio"]
                    else None,
                    dashboards.judgement_label(r["judged"]),
                ]
                for n, r in enumerate(rows, start=1)
            ),
        )
    return render(request, "tracking/programme_targets.html", context)


@require_GET
@login_required
def search(request: HtmxHttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()
    results = dashboards.search(request.user, query) if len(fold(query)) >= 2 else None
    context = {"query": query, "results": results, "nav": "search"}
    template = "tracking/search.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@require_GET
@login_required
def midterm_report(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The mid-term review report in Word, as of the review date unless another day is asked."""
    from tracking.midterm_report import midterm_docx

    access.require_leader(request.user)
    programme = plan_access.programme_for(request.user, slug)
    form = AsOfForm(request.GET or None)
    asked = form.is_valid() and form.cleaned_data.get("ngay")
    day = (
        form.day() if asked else min(programme.midterm_review_on or date.max, timezone.localdate())
    )
    response = HttpResponse(midterm_docx(programme, day), content_type=DOCX)
    name = f"bao-cao-so-ket-{programme.slug}-{day:%d-%m-%Y}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class ReportFilterForm(forms.Form):
    chuong_trinh = forms.ModelChoiceField(
        label=gettext_lazy("Programme"), queryset=Programme.objects.tracked(), required=False
    )
    co_quan = forms.ModelChoiceField(
        label=gettext_lazy("Body"), queryset=Body.objects.all(), required=False
    )
    ky = forms.ModelChoiceField(
        label=gettext_lazy("Period"),
        queryset=Period.objects.order_by("-ends_on", "kind"),
        required=False,
    )
    trang_thai = forms.ChoiceField(
        label=gettext_lazy("State"),
        choices=[("", "—"), *ReportState.choices],
        required=False,
    )


@require_GET
@login_required
def report_list(request: HtmxHttpRequest) -> HttpResponse:
    """Every report the filters select, newest period first; exportable to Excel."""
    access.require_leader(request.user)
    form = ReportFilterForm(request.GET or None)
    reports = (
        ProgressReport.objects.exclude(state=ReportState.DRAFT)
        .select_related("task__programme", "body", "period", "author")
        .order_by("-period__ends_on", "task__programme__sort_key", "task__number", "body__sort_key")
    )
    cleaned = form.cleaned_data if form.is_valid() else {}
    if cleaned.get("chuong_trinh"):
        reports = reports.filter(task__programme=cleaned["chuong_trinh"])
    if cleaned.get("co_quan"):
        reports = reports.filter(body=cleaned["co_quan"])
    if cleaned.get("ky"):
        reports = reports.filter(period=cleaned["ky"])
    if cleaned.get("trang_thai"):
        reports = reports.filter(state=cleaned["trang_thai"])
    if request.GET.get("xuat") == "xlsx":
        return exports.workbook_response(
            filename="bao-cao-tien-do.xlsx",
            title=_("Progress reports"),
            headings=[
                (_("Programme"), 16),
                (_("No."), 8),
                (_("Task"), 50),
                (_("Body"), 26),
                (_("Period"), 16),
                (_("State"), 16),
                (_("Progress"), 10),
                (_("Submitted"), 12),
                (_("Results achieved"), 60),
                (_("Difficulties"), 40),
                (_("Proposals"), 40),
            ],
            rows=(
                [
                    r.task.programme.code or r.task.programme.title,
                    r.task.number,
                    r.task.title,
                    r.body.name,
                    str(r.period),
                    str(r.get_state_display()),
                    r.percent,
                    timezone.localdate(r.submitted_at) if r.submitted_at else None,
                    r.results,
                    r.difficulties,
                    r.proposals,
                ]
                for r in reports.iterator(chunk_size=2000)
            ),
        )
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "nav": "lists"}
    return render(request, "tracking/report_list.html", context)


class ReadingsUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel file (.xlsx)"))


@require_http_methods(["GET", "POST"])
@login_required
def readings_import(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Target readings from Excel: upload, check the preview, save all or nothing.

    The preview is kept in the session under a one-time key, so a second click on "save"
    finds nothing to save and says so.
    """
    import secrets

    from tracking import readings_import as readings

    access.require_leader(request.user)
    programme = plan_access.programme_for(request.user, slug)
    if request.GET.get("mau"):
        response = HttpResponse(readings.template_workbook(programme), content_type=exports.XLSX)
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
            count = readings.apply_readings(programme=programme, rows=pending, by=request.user)
            messages.success(request, _("%(count)s readings were saved.") % {"count": count})
        return redirect("tracking:programme-targets", slug=slug)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 10 * 1024 * 1024:
            form.add_error("file", _("The file is larger than 10 MB."))
        else:
            rows, errors = readings.read_readings_sheet(upload.read(), programme)
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
