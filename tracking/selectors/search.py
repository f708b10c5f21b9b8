"""Diacritic-insensitive search over programmes, tasks, bodies and reports."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import Q

from programmes.documents import TRACKED_KINDS
from programmes.models import Body, Programme, Task, User
from programmes.text import fold
from tracking.models import ProgressReport


@dataclass
class SearchResults:
    programmes: list[Programme]
    tasks: list[Task]
    bodies: list[Body]
    reports: list[ProgressReport]

    @property
    def empty(self) -> bool:
        return not (self.programmes or self.tasks or self.bodies or self.reports)


def search(user: User, query: str, limit: int = 20) -> SearchResults:
    """Diacritic-insensitive search: "nong thon moi" finds "nông thôn mới", NFC and NFD alike.

    Names are matched on their stored folded text; reports by full-text search on theirs, with
    a GIN index that needs no contrib extension.
    """
    folded = fold(query)
    words = [word for word in folded.split() if word]
    name_filter = Q()
    for word in words:
        name_filter &= Q(search_text__contains=word)
    programmes = list(Programme.objects.tracked().filter(name_filter).order_by("sort_key")[:limit])
    tasks = list(
        Task.objects.filter(name_filter, programme__kind__in=TRACKED_KINDS)
        .select_related("programme")
        .order_by("programme__sort_key", "programme_id", "tree_key")[:limit]
    )
    bodies = list(Body.objects.filter(name_filter).order_by("sort_key")[:limit])
    terms = " & ".join(f"{word}:*" for word in words if word.isalnum())
    reports: list[ProgressReport] = []
    if terms:
        reports = list(
            ProgressReport.objects.visible_to(user)
            .annotate(document=SearchVector("search_text", config="simple"))
            .filter(document=SearchQuery(terms, search_type="raw", config="simple"))
            .select_related("task", "body", "period")
            .order_by("-period__ends_on", "-pk")[:limit]
        )
    return SearchResults(programmes, tasks, bodies, reports)
