"""The league table of bodies: a leaders' page, its period chosen, sortable, exportable."""

from datetime import date

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from league import selectors
from programmes.access import leader_required
from tracking.cache import cached
from tracking.documents.excel import workbook_response
from tracking.models import Period
from tracking.views import HtmxHttpRequest


def _period(request: HtmxHttpRequest) -> Period | None:
    today = timezone.localdate()
    chosen = request.GET.get("ky", "")
    if chosen.isdigit():
        period = selectors.periods_to_choose(today).filter(pk=int(chosen)).first()
        if period is None:
            raise Http404
        return period
    return selectors.default_period(today)


def _sort(request: HtmxHttpRequest) -> str:
    sort = request.GET.get("sap-xep", "hang")
    return sort if sort in selectors.SORTS else "hang"


def _columns() -> list[tuple[str, str]]:
    return [
        ("hang", _("Rank")),
        ("ten", _("Body")),
        ("bao-cao", _("Reports on time")),
        ("dung-tien-do", _("Tasks on track")),
        ("qua-han", _("Overdue tasks")),
        ("kien-nghi", _("Proposals answered in time")),
    ]


def _table(period: Period, today: date) -> selectors.LeagueTable:
    """Counted over every task of the province: kept with the summaries until a write that
    changes them (a confirmation, a plan change, a proposal's answer) forgets it."""
    return cached(
        f"league:{period.pk}:{today.isoformat()}", lambda: selectors.league_table(period, today)
    )


@require_GET
@leader_required
def league_table(request: HtmxHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    period = _period(request)
    sort = _sort(request)
    table = _table(period, today) if period else None
    context = {
        "table": table,
        "periods": list(selectors.periods_to_choose(today)[:16]),
        "period": period,
        "sort": sort,
        "columns": _columns(),
        "nav": "league",
    }
    if table is not None and period is not None:
        # 150 bodies × 6 columns took most of the page's time to render: rendered once per
        # period, day, order and language, and forgotten with the figures they show.
        key = f"league-rows:{period.pk}:{today.isoformat()}:{sort}:{get_language() or ''}"
        rows = selectors.sorted_rows(table.rows, sort)
        context["table_html"] = mark_safe(  # noqa: S308 - our own template's output
            cached(
                key, lambda: render_to_string("league/_league_rows.html", {**context, "rows": rows})
            )
        )
    return render(request, "league/league_table.html", context)


@require_GET
@leader_required
def league_export(request: HtmxHttpRequest) -> HttpResponse:
    period = _period(request)
    if period is None:
        raise Http404
    table = _table(period, timezone.localdate())
    headings = [
        (_("Rank"), 8),
        (_("Body"), 40),
        (_("Reports on time (%)"), 16),
        (_("Reports due"), 12),
        (_("Tasks on track (%)"), 16),
        (_("Tasks led"), 12),
        (_("Overdue tasks"), 12),
        (_("Proposals answered in time (%)"), 18),
        (_("Proposals due"), 12),
    ]
    rows = (
        [
            row.rank,
            row.name,
            row.reports_percent,
            row.reports_owed,
            row.on_track_percent,
            row.tasks,
            row.overdue,
            row.proposals_percent,
            row.proposals_due,
        ]
        for row in selectors.sorted_rows(table.rows, _sort(request))
    )
    return workbook_response(
        filename=f"bang-xep-hang-{period.kind}-{period.year}-{period.number}.xlsx",
        title=_("League table"),
        headings=headings,
        rows=rows,
    )
