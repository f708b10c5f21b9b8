"""Excel exports of the pages that list things: a programme's progress, the bodies' table of
the overview, the official's inbox, the head's queue and search results.

Each export reads its rows from the same selector as its page, with the same filters and in
the same order, and is guarded as its page is: what a person exports is what the page shows
them (all of it, not one page of it).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from programmes import selectors as plan_selectors
from programmes.access import leader_required, programme_for
from programmes.models import AssignmentRole, Task
from programmes.text import fold
from tracking.cache import cached
from tracking.documents import excel
from tracking.documents.excel import Column
from tracking.forms import AsOfForm, inbox_filter
from tracking.selectors import inbox
from tracking.selectors import overview as overview_selectors
from tracking.selectors import reports as report_selectors
from tracking.selectors.rollup import rollup
from tracking.selectors.rows import decorate, rows_on
from tracking.selectors.search import search as search_everything
from tracking.views import HtmxHttpRequest
from tracking.views.overview import BODY_SORTS


@require_GET
@leader_required
def programme_progress_export(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The programme's groups, each followed by its tasks, in the programme's order (1.2
    before 1.10), on the day asked for: the progress page with every group open."""
    programme = programme_for(request.user, slug)
    day = AsOfForm(request.GET or None).day()
    sections, _total = rollup(programme, rows_on(day, Task.objects.filter(programme=programme)))
    decorate([row for section in sections for row in section.rows])
    lines: list[list[object]] = []
    groups: list[int] = []
    for section in sections:
        groups.append(len(lines))
        tally = section.tally
        lines.append(
            [
                section.group.number if section.group else "",
                section.group.title if section.group else _("Tasks outside groups"),
                "",
                "",
                None,
                _("%(total)d tasks, %(overdue)d overdue, %(blocked)d blocked")
                % {"total": tally.total, "overdue": tally.overdue, "blocked": tally.blocked},
                round(tally.progress, 1) if tally.progress is not None else None,
            ]
        )
        lines.extend(
            [
                row.number,
                row.title,
                row.lead,
                row.deadline_text,
                row.deadline_due,
                row.status_label,
                row.percent,
            ]
            for row in section.rows
        )
    return excel.workbook_response(
        filename=f"tien-do-{programme.slug}-{day:%d-%m-%Y}.xlsx",
        title=_("Progress of %(programme)s") % {"programme": programme.code or programme.title},
        day=day,
        headings=[
            Column(_("No."), 8),
            Column(_("Task"), 70),
            Column(_("Lead body"), 24),
            Column(_("Deadline"), 16),
            Column(_("Due"), 12),
            Column(_("Status"), 28),
            Column(_("Progress"), 10, "percent"),
        ],
        rows=lines,
        strong=groups,
    )


@require_GET
@leader_required
def overview_bodies_export(request: HtmxHttpRequest) -> HttpResponse:
    """The overview's table of lead bodies, on the day and in the order the page shows."""
    day = AsOfForm(request.GET or None).day()
    data = cached(f"overview:{day.isoformat()}", lambda: overview_selectors.overview(day))
    order = request.GET.get("bang", "")
    bodies = sorted(data.bodies, key=BODY_SORTS.get(order, BODY_SORTS[""]))
    return excel.workbook_response(
        filename=f"co-quan-chu-tri-{day:%d-%m-%Y}.xlsx",
        title=_("Tasks by lead body"),
        day=day,
        headings=[
            Column(_("Body"), 44),
            Column(_("Tasks led"), 12, "number"),
            Column(_("Average progress"), 12, "percent"),
            Column(_("Completed"), 12, "number"),
            Column(_("Overdue"), 12, "number"),
            Column(_("Blocked"), 12, "number"),
            Column(_("Reports awaiting confirmation"), 14, "number"),
        ],
        rows=(
            [
                line.body.name,
                line.tally.total,
                round(line.tally.progress, 1) if line.tally.progress is not None else None,
                line.tally.completed,
                line.tally.overdue,
                line.tally.blocked,
                line.awaiting,
            ]
            for line in bodies
        ),
    )


@require_GET
@login_required
def body_list_export(request: HtmxHttpRequest) -> HttpResponse:
    """The list of bodies as its page shows it: the tree in order, each body's kind, the tasks
    it leads and coordinates now, and whether it was merged or closed."""
    today = timezone.localdate()
    lines = []
    for body in plan_selectors.body_tree():
        if body.successor is not None:
            note = _("merged into %(successor)s on %(date)s") % {
                "successor": body.successor.display_name,
                "date": f"{body.active_to:%d/%m/%Y}" if body.active_to else "",
            }
        elif not body.is_active:
            note = _("closed on %(date)s") % {
                "date": f"{body.active_to:%d/%m/%Y}" if body.active_to else ""
            }
        else:
            note = ""
        # The tree's depth as an indent, as the page shows it.
        lines.append(
            [
                "    " * body.tree_depth + body.name,
                body.short_name,
                str(body.get_kind_display()),
                body.lead_count,
                body.coordinating_count,
                note,
            ]
        )
    return excel.workbook_response(
        filename=f"co-quan-don-vi-{today:%d-%m-%Y}.xlsx",
        title=_("Bodies"),
        day=today,
        headings=[
            Column(_("Body"), 56),
            Column(_("Short name"), 20),
            Column(_("Kind"), 20),
            Column(_("Tasks led"), 12, "number"),
            Column(_("Tasks coordinated"), 12, "number"),
            Column(_("Note"), 36),
        ],
        rows=lines,
    )


@require_GET
@login_required
def my_tasks_export(request: HtmxHttpRequest) -> HttpResponse:
    """Every task of the official's inbox with the filters chosen on the page, all pages."""
    today = timezone.localdate()
    chosen = inbox_filter(request.GET)
    rows = inbox.inbox_rows(
        request.user, list(inbox.inbox_tasks(request.user, chosen, today)), today
    )
    roles: dict[str, str] = {
        AssignmentRole.LEAD: _("Lead"),
        AssignmentRole.COORDINATING: _("Coordinating"),
    }
    body = request.user.body
    return excel.workbook_response(
        filename=f"nhiem-vu-cua-toi-{today:%d-%m-%Y}.xlsx",
        title=f"{_('My tasks')} – {body.name}" if body else _("My tasks"),
        day=today,
        headings=[
            Column(_("Programme"), 16),
            Column(_("No."), 8),
            Column(_("Task"), 60),
            Column(_("Our part"), 12),
            Column(_("Deadline"), 16),
            Column(_("Due"), 12),
            Column(_("Status"), 26),
            Column(_("Progress"), 10, "percent"),
            Column(_("Next report"), 30),
        ],
        rows=(
            [
                row.task.programme.code or row.task.programme.title,
                row.task.number,
                row.task.title,
                roles.get(row.role, ""),
                row.task.deadline_text,
                row.task.deadline_due,
                row.status_label,
                row.percent,
                row.step.label if row.step else "",
            ]
            for row in rows
        ),
    )


@require_GET
@login_required
def review_queue_export(request: HtmxHttpRequest) -> HttpResponse:
    """The head's queue of reports to confirm, oldest first, with what each says."""
    reports = report_selectors.review_queue(request.user)
    return excel.workbook_response(
        filename=f"cho-xac-nhan-{timezone.localdate():%d-%m-%Y}.xlsx",
        title=_("Reports to confirm"),
        day=timezone.localdate(),
        headings=[
            Column(_("Programme"), 16),
            Column(_("No."), 8),
            Column(_("Task"), 50),
            Column(_("Period"), 16),
            Column(_("Written by"), 22),
            Column(_("Submitted"), 12),
            Column(_("Progress"), 10, "percent"),
            Column(_("Blocked by difficulties"), 12),
            Column(_("Results achieved"), 50),
            Column(_("Difficulties"), 40),
            Column(_("Proposals"), 40),
        ],
        rows=(
            [
                r.task.programme.code or r.task.programme.title,
                r.task.number,
                r.task.title,
                str(r.period),
                str(r.author or ""),
                timezone.localdate(r.submitted_at) if r.submitted_at else None,
                r.percent,
                _("Yes") if r.blocked else "",
                r.results,
                r.difficulties,
                r.proposals,
            ]
            for r in reports
        ),
    )


@require_GET
@login_required
def search_export(request: HtmxHttpRequest) -> HttpResponse:
    """What the search page found for the words, section by section as the page lists it."""
    query = (request.GET.get("q") or "").strip()
    if len(fold(query)) < 2:
        messages.error(request, _("Type at least two letters."))
        return redirect("tracking:search")
    found = search_everything(request.user, query)
    lines: list[list[object]] = []
    for p in found.programmes:
        lines.append([_("Programme"), p.code, p.title, "", ""])
    for t in found.tasks:
        lines.append([_("Task"), t.number, t.title, t.programme.code or t.programme.title, ""])
    for b in found.bodies:
        lines.append([_("Body"), b.short_name, b.name, "", ""])
    for r in found.reports:
        title = f"{r.task.number} {r.task.title}".strip()
        lines.append([_("Report"), str(r.period), title, r.body.name, r.results])
    return excel.workbook_response(
        filename=f"tim-kiem-{timezone.localdate():%d-%m-%Y}.xlsx",
        title=_("Search results for “%(query)s”") % {"query": query[:100]},
        day=timezone.localdate(),
        headings=[
            Column(_("Kind"), 14),
            Column(_("Code, number or period"), 16),
            Column(_("Name"), 70),
            Column(_("Of"), 30),
            Column(_("Results achieved"), 50),
        ],
        rows=lines,
    )
