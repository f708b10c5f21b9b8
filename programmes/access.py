"""The only way views fetch plan objects for a user, and the one check of leaders' pages.

The plan itself (programmes, goals, targets, tasks, bodies) is read by every signed-in
account: officials need to see the whole programme to place their body's work in it. What a
body may write is decided in ``tracking.access``. Role checks are properties of the user
(``User.is_leader``, ``is_head``, ``reports_for_body``), read by views and templates alike.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from programmes.models import Body, ImportBatch, Programme, Task, User

View = TypeVar("View", bound=Callable[..., HttpResponse])


def leader_required(view: View) -> View:
    """The leaders' pages: signed in, and a provincial leader or admin (403 otherwise)."""

    @login_required
    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not (isinstance(user, User) and user.is_leader):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked  # type: ignore[return-value]


def admin_required(view: View) -> View:
    """The administrators' pages (accounts): signed in, and an admin (403 otherwise)."""

    @login_required
    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not (isinstance(user, User) and user.is_admin):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked  # type: ignore[return-value]


def programme_for(user: User, slug: str) -> Programme:
    programmes = Programme.objects.visible_to(user).select_related("issuing_body")
    return get_object_or_404(programmes, slug=slug)


def body_for(user: User, pk: int) -> Body:
    bodies: QuerySet[Body] = Body.objects.visible_to(user).select_related("parent", "successor")
    return get_object_or_404(bodies, pk=pk)


def task_for(user: User, pk: int) -> Task:
    tasks: QuerySet[Task] = Task.objects.visible_to(user).select_related(
        "programme", "parent", "state"
    )
    return get_object_or_404(tasks, pk=pk)


def import_batch_for(user: User, programme: Programme, pk: int) -> ImportBatch:
    if not user.is_leader:
        raise PermissionDenied
    return get_object_or_404(ImportBatch, pk=pk, programme=programme)
