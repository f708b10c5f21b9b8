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


class BodyMappingForm(forms.Form):
    """A body for each name of the file that the registry does not know."""

    def __init__(self, names: list[str], *args, **kwargs) -> None:
        from programmes.models import Body

        super().__init__(*args, **kwargs)
        self.names = names
        # One query for every select: the choices are built once.
        choices = (
            [("", "—")]
            + [
                (str(pk), name)
                for pk, name in Body.objects.filter(active_to__isnull=True)
                .order_by("sort_key")
                .values_list("pk", "name")
            ]
            if names
            else []
        )
        for index, name in enumerate(names):
            self.fields[f"body_{index}"] = forms.TypedChoiceField(
                label=name, choices=choices, coerce=int, required=False, empty_value=None
            )

    def mapping(self) -> dict[str, int]:
        return {
            name: self.cleaned_data[f"body_{index}"]
            for index, name in enumerate(self.names)
            if self.cleaned_data.get(f"body_{index}")
        }


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
@login_required
def programme_export(request: AuthedRequest, slug: str) -> HttpResponse:
    """The programme's tasks as an Excel file to edit and import again (by id)."""
    from programmes.roundtrip import export_workbook

    programme = access.programme_for(request.user, slug)
    response = HttpResponse(export_workbook(programme), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="nhiem-vu-{programme.slug}.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
@access.leader_required
def import_preview(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    """What the file adds (or, for a file exported from the programme, changes); a POST
    keeps the bodies chosen for the names the registry does not know."""
    from programmes.models import Body
    from programmes.roundtrip import compare

    programme = access.programme_for(request.user, slug)
    batch = access.import_batch_for(request.user, programme, pk)
    names = batch.reading.get("unknown_bodies", [])
    initial = {f"body_{i}": batch.mapping.get(name) for i, name in enumerate(names)}
    form = BodyMappingForm(names, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        chosen = Body.objects.in_bulk(form.mapping().values())
        try:
            services.import_map(
                batch=batch,
                mapping={name: chosen.get(pk) for name, pk in form.mapping().items()},
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("programmes:import-preview", slug=slug, pk=pk)
    plan = None
    if batch.round_trip and batch.state == batch.State.PREVIEW and not batch.errors:
        plan = compare(programme=programme, rows=batch.rows, mapping=batch.mapping)
    context = {
        "programme": programme,
        "batch": batch,
        "plan": plan,
        "mapping_form": form,
        "nav": "programmes",
    }
    return render(request, "programmes/import_preview.html", context)


@require_POST
@access.leader_required
def import_apply(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    programme = access.programme_for(request.user, slug)
    batch = access.import_batch_for(request.user, programme, pk)
    try:
        fingerprint = request.POST.get("plan", "")
        if services.import_start(batch=batch, by=request.user, fingerprint=fingerprint):
            batch.refresh_from_db()
            messages.success(request, _applied_message(batch))
            return redirect(programme.get_absolute_url())
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("programmes:import-preview", slug=slug, pk=pk)


def _applied_message(batch) -> str:
    summary = batch.reading.get("summary")
    if summary is None:
        return _("%(count)s tasks were imported.") % {"count": batch.applied_count}
    return (
        _("The changes were saved: %(added)s added, %(changed)s changed, %(removed)s archived.")
        % summary
    )


@require_GET
@access.leader_required
def import_progress(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    """The progress bar of a long import (polled by htmx); the programme once it is done."""
    from django.core.cache import cache
    from django_htmx.http import HttpResponseClientRedirect

    programme = access.programme_for(request.user, slug)
    batch = access.import_batch_for(request.user, programme, pk)
    if batch.state == batch.State.APPLIED:
        messages.success(request, _applied_message(batch))
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
