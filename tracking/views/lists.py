"""The leaders' lists: tasks (overdue, blocked, due soon, all) and progress reports."""

from datetime import date
from typing import cast

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from programmes.access import leader_required
from programmes.models import Body, Programme
from tracking.documents import excel
from tracking.documents.excel import Column
from tracking.forms import ListFilterForm, ReportFilterForm
from tracking.models import ProgressReport, ReportState
from tracking.selectors.rows import FORECAST_LISTS, LISTS, Row, decorate, list_rows
from tracking.status import TaskStatus
from tracking.views import HtmxHttpRequest

PAGE_SIZE = 50


@require_GET
@leader_required
def task_list(request: HtmxHttpRequest, kind: str) -> HttpResponse:
    if kind not in LISTS:
        raise Http404
    form = ListFilterForm(request.GET or None)
    day = form.day()
    rows = list_rows(kind, day, form.chosen())
    if request.GET.get("xuat") == "xlsx":
        everything = list(rows)
        decorate(everything)
        return _export(kind, day, everything)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    shown = list(page.object_list)
    decorate(shown)
    page.object_list = shown
    query = request.GET.copy()
    query.pop("trang", None)
    context = {
        "kind": kind,
        "choices": _filter_choices(form),
        "title": LISTS[kind].title,
        "lists": {slug: entry.title for slug, entry in LISTS.items()},
        "form": form,
        "day": day,
        "page": page,
        "count": page.paginator.count,
        "forecast_lists": FORECAST_LISTS,
        "query": query.urlencode(),
        "nav": "lists",
    }
    template = "tracking/task_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


def _filter_choices(form: ListFilterForm) -> dict[str, object]:
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
        "sorts": cast(forms.ChoiceField, form.fields["sap_xep"]).choices,
        "chosen": chosen,
    }


def _export(kind: str, day: date, rows: list[Row]) -> HttpResponse:
    headings = [
        Column(_("Programme"), 16),
        Column(_("No."), 8),
        Column(_("Task"), 60),
        Column(_("Lead body"), 24),
        Column(_("Deadline"), 16),
        Column(_("Due"), 12),
        Column(_("Days overdue"), 10),
        Column(_("Status"), 26),
        Column(_("Progress"), 10, "percent"),
        Column(_("Proposals"), 50),
    ]
    return excel.workbook_response(
        filename=f"{kind}-{day:%d-%m-%Y}.xlsx",
        title=str(LISTS[kind].title),
        day=day,
        headings=headings,
        rows=(
            [
                r.programme,
                r.number,
                r.title,
                r.lead,
                r.deadline_text,
                r.deadline_due,
                r.days_overdue,
                r.status_label,
                r.percent,
                r.proposals,
            ]
            for r in rows
        ),
    )


@require_GET
@leader_required
def report_list(request: HtmxHttpRequest) -> HttpResponse:
    """Every report the filters select, newest period first; exportable to Excel."""
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
        return excel.workbook_response(
            filename="bao-cao-tien-do.xlsx",
            title=_("Progress reports"),
            day=timezone.localdate(),
            headings=[
                (_("Programme"), 16),
                (_("No."), 8),
                (_("Task"), 50),
                (_("Body"), 26),
                (_("Period"), 16),
                (_("State"), 16),
                Column(_("Progress"), 10, "percent"),
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
