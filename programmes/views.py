from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.uploads import refused_for_size
from programmes import access, selectors, services
from programmes.models import User


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


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


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
@login_required
def import_template(request: AuthedRequest) -> HttpResponse:
    from programmes.imports import template_workbook

    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-nhiem-vu.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
@access.leader_required
def import_upload(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = access.programme_for(request.user, slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and not refused_for_size(request, form) and form.is_valid():
        try:
            batch = services.import_read(
                programme=programme, upload=form.cleaned_data["file"], by=request.user
            )
            return redirect("programmes:import-preview", slug=slug, pk=batch.pk)
        except ValidationError as error:
            form.add_error("file", error)
    context = {"programme": programme, "form": form, "nav": "programmes"}
    return render(request, "programmes/import_upload.html", context)


@require_GET
@access.leader_required
def import_preview(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    programme = access.programme_for(request.user, slug)
    batch = access.import_batch_for(request.user, programme, pk)
    context = {"programme": programme, "batch": batch, "nav": "programmes"}
    return render(request, "programmes/import_preview.html", context)


@require_POST
@access.leader_required
def import_apply(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    programme = access.programme_for(request.user, slug)
    batch = access.import_batch_for(request.user, programme, pk)
    try:
        if services.import_start(batch=batch, by=request.user):
            batch.refresh_from_db()
            messages.success(
                request, _("%(count)s tasks were imported.") % {"count": batch.applied_count}
            )
            return redirect(programme.get_absolute_url())
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("programmes:import-preview", slug=slug, pk=pk)


@require_GET
@access.leader_required
def import_progress(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    """The progress bar of a long import (polled by htmx); the programme once it is done."""
    from django.core.cache import cache
    from django_htmx.http import HttpResponseClientRedirect

    programme = access.programme_for(request.user, slug)
    batch = access.import_batch_for(request.user, programme, pk)
    if batch.state == batch.State.APPLIED:
        messages.success(
            request, _("%(count)s tasks were imported.") % {"count": batch.applied_count}
        )
        return HttpResponseClientRedirect(programme.get_absolute_url())
    try:
        percent = cache.get(services.import_progress_key(batch.pk)) or 0
    except Exception:  # noqa: BLE001 - without the cache the bar just waits
        percent = 0
    context = {"programme": programme, "batch": batch, "percent": percent}
    return render(request, "programmes/import_preview.html#progress", context)


@require_http_methods(["GET", "POST"])
@access.leader_required
def text_import(request: AuthedRequest, slug: str) -> HttpResponse:
    """Paste the programme's text, edit the draft it gives (rows added, removed, moved and
    indented by static/js/draft-editor.js), then save it whole."""
    from programmes.text_forms import DraftEditor, PasteForm
    from programmes.text_import import draft_from_text

    programme = access.programme_for(request.user, slug)
    action = request.POST.get("action")
    paste = PasteForm(request.POST if action == "read" else None)
    editor = draft = None
    if action == "read" and paste.is_valid():
        draft = draft_from_text(paste.cleaned_data["text"])
        editor = DraftEditor.from_draft(draft)
    elif action == "save":
        try:
            editor = DraftEditor.from_post(request.POST)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        if editor is not None and editor.is_valid():
            try:
                saved = services.programme_draft_save(
                    programme=programme, by=request.user, **editor.cleaned()
                )
            except services.DraftAlreadySaved:
                messages.info(request, _("This draft has already been saved."))
                return redirect(programme.get_absolute_url())
            messages.success(
                request,
                _("%(tasks)s tasks, %(targets)s targets and %(goals)s goals were added.")
                % {
                    "tasks": saved.task_count,
                    "targets": saved.target_count,
                    "goals": saved.goal_count,
                },
            )
            return redirect(programme.get_absolute_url())
    context = {
        "programme": programme,
        "paste": paste,
        "editor": editor,
        "draft": draft,
        "nav": "programmes",
    }
    return render(request, "programmes/text_import.html", context)
