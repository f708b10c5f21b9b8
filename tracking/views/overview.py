"""The leaders' overview and a programme's progress by group."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from programmes.access import leader_required, programme_for
from programmes.models import Task
from tracking.cache import cached
from tracking.forms import AsOfForm, CompareForm
from tracking.selectors import overview as overview_selectors
from tracking.selectors.compare import programme_compare
from tracking.selectors.overview import BodyLine
from tracking.selectors.rollup import Rule, rollup
from tracking.selectors.rows import decorate, rows_on
from tracking.views import HtmxHttpRequest

# The bodies' table: worst first (most overdue, then blocked, then waiting), or by a column.
BODY_SORTS: dict[str, Callable[[BodyLine], Any]] = {
    "": lambda line: (-line.tally.overdue, -line.tally.blocked, -line.awaiting, line.body.name),
    "ten": lambda line: line.body.sort_key,
    "nhiem-vu": lambda line: (-line.tally.total, line.body.sort_key),
    "vuong-mac": lambda line: (-line.tally.blocked, line.body.sort_key),
    "cho-xac-nhan": lambda line: (-line.awaiting, line.body.sort_key),
    "tien-do": lambda line: (
        line.tally.progress if line.tally.progress is not None else 101,
        line.body.sort_key,
    ),
}


@require_GET
@leader_required
def overview(request: HtmxHttpRequest) -> HttpResponse:
    form = AsOfForm(request.GET or None)
    day = form.day()
    # Counted once, then kept until a write that changes the counts forgets it.
    data = cached(f"overview:{day.isoformat()}", lambda: overview_selectors.overview(day))
    order = request.GET.get("bang", "")
    bodies = sorted(data.bodies, key=BODY_SORTS.get(order, BODY_SORTS[""]))
    midterms = sorted(
        {d for line in data.programmes if (d := line.programme.midterm_review_on) is not None}
    )
    show_all = bool(request.GET.get("tat_ca"))
    order = order if order in BODY_SORTS else ""
    context = {
        "form": form,
        "data": data,
        "bodies": bodies,
        "order": order,
        "show_all": show_all,
        "chart": overview_selectors.trend_chart(len(data.trend)),
        "midterms": midterms,
        "export_query": urlencode(
            {k: v for k, v in (("ngay", form.data.get("ngay", "")), ("bang", order)) if v}
        ),
        "nav": "overview",
    }
    # 40 programmes and 150 bodies take most of the page's time to render: the tables are
    # rendered once per day, order and language, and forgotten with the counts they show.
    key = ":".join(
        [
            "overview-tables",
            day.isoformat(),
            "asked" if form.data.get("ngay") else "today",
            order,
            "all" if show_all else "first",
            get_language() or "",
        ]
    )
    tables = cached(key, lambda: render_to_string("tracking/_overview_tables.html", context))
    context["tables"] = mark_safe(tables)  # noqa: S308 - our own template's output
    return render(request, "tracking/overview.html", context)


@require_GET
@leader_required
def programme_progress(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request.user, slug)
    form = AsOfForm(request.GET or None)
    day = form.day()
    rows = rows_on(day, Task.objects.filter(programme=programme))
    sections, total = rollup(programme, rows)
    # One group's tasks at a time (the first unless another is asked for): a programme of 300
    # tasks reads as its groups' roll-up, each group one click away.
    open_key = request.GET.get("nhom") or (sections[0].key if sections else "")
    for section in sections:
        if section.key == open_key:
            decorate(section.rows)
    context = {
        "programme": programme,
        "form": form,
        "day": day,
        "sections": sections,
        "open_key": open_key,
        "total": total,
        "rule": Rule.of(programme).sentence(),
        "midterms": [programme.midterm_review_on] if programme.midterm_review_on else [],
        "nav": "overview",
    }
    return render(request, "tracking/programme_progress.html", context)


@require_GET
@leader_required
def programme_comparison(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The programme on two days side by side: the mid-term review and today by default."""
    programme = programme_for(request.user, slug)
    midterm = programme.midterm_review_on
    default_first = midterm or timezone.localdate().replace(month=1, day=1)
    form = CompareForm(request.GET or None, default_first=default_first)
    first, second = form.days()
    key = f"compare:{programme.pk}:{first.isoformat()}:{second.isoformat()}:{get_language()}"
    context = {
        "programme": programme,
        "form": form,
        # Kept until a confirmation or a change of the plan forgets the summaries.
        "comparison": cached(key, lambda: programme_compare(programme, first, second)),
        "midterm": midterm,
        "nav": "overview",
    }
    # Hundreds of moved tasks took most of the page's time to render: rendered once, kept
    # and forgotten with the figures they show.
    body = cached(
        f"{key}:html", lambda: render_to_string("tracking/_comparison_body.html", context)
    )
    context["body"] = mark_safe(body)  # noqa: S308 - our own template's output
    return render(request, "tracking/programme_comparison.html", context)
