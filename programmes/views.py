from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from programmes import access, selectors
from programmes.models import User


class AuthedRequest(HttpRequest):
    user: User


@require_GET
@login_required
def programme_list(request: AuthedRequest) -> HttpResponse:
    programmes = selectors.programme_list()
    return render(
        request, "programmes/programme_list.html", {"programmes": programmes, "nav": "programmes"}
    )


@require_GET
@login_required
def programme_detail(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = access.programme_for(request.user, slug)
    context = {
        "nav": "programmes",
        "programme": programme,
        "implements": programme.implements.all(),
        "goals": selectors.goal_sections(programme),
        "targets": programme.targets.select_related("task"),
        "nodes": selectors.task_tree(programme),
    }
    return render(request, "programmes/programme_detail.html", context)


@require_GET
@login_required
def body_list(request: AuthedRequest) -> HttpResponse:
    return render(
        request, "programmes/body_list.html", {"bodies": selectors.body_tree(), "nav": "bodies"}
    )


@require_GET
@login_required
def body_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    body = access.body_for(request.user, pk)
    context = {
        "nav": "bodies",
        "body": body,
        "assignments": selectors.body_assignments(body),
        "events": body.events.select_related("related"),
        "predecessors": body.predecessors.all(),
        "children": body.children.order_by("sort_key"),
    }
    return render(request, "programmes/body_detail.html", context)
