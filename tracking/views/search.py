"""Search across programmes, tasks, bodies and the reports a person may read."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from programmes.text import fold
from tracking.selectors.search import search as search_everything
from tracking.views import HtmxHttpRequest


@require_GET
@login_required
def search(request: HtmxHttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()
    results = search_everything(request.user, query) if len(fold(query)) >= 2 else None
    context = {
        "query": query,
        "results": results,
        "export_query": urlencode({"q": query}),
        "nav": "search",
    }
    template = "tracking/search.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)
