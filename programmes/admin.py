from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import FORMFIELD_FOR_DBFIELD_DEFAULTS
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from programmes.models import (
    Assignment,
    Body,
    BodyEvent,
    Goal,
    Programme,
    ReportingPeriod,
    Target,
    TargetMilestone,
    Task,
    User,
)
from programmes.services import (
    assignments_changed,
    body_merge,
    body_rename,
    body_split,
    programme_save,
    task_save,
    user_deactivate,
)
from programmes.text import fold


# Numbers in the admin are typed as people write them, "85,5" and "1.234,5": every admin form's
# decimal field is localized (a text input read with the vi formats), not an <input
# type=number> that wants "85.5". Set before the admins below are registered, which is when
# each ModelAdmin copies these defaults; the admins of later apps get it too.
class LocalizedDecimalField(forms.DecimalField):
    """Shown as typed, without the four stored decimals: 1.234,5 rather than 1.234,5000."""

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            value = value.normalize()
            if value.as_tuple().exponent > 0:
                value = value.quantize(Decimal(1))
        return super().prepare_value(value)


FORMFIELD_FOR_DBFIELD_DEFAULTS.setdefault(models.DecimalField, {}).update(
    localize=True, form_class=LocalizedDecimalField
)


class MergeForm(forms.Form):
    into: "forms.ModelChoiceField[Body]" = forms.ModelChoiceField(
        label=_("Merged into"), queryset=Body.objects.filter(active_to__isnull=True)
    )
    on = forms.DateField(label=_("On"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    note = forms.CharField(
        label=_("Decision"), required=False, help_text=_("For example: Quyết định số 15/QĐ-UBND.")
    )


class RenameForm(forms.Form):
    name = forms.CharField(label=_("New name"), max_length=255)
    short_name = forms.CharField(label=_("New short name"), max_length=80, required=False)
    on = forms.DateField(
        label=_("Renamed on"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    note = forms.CharField(
        label=_("Decision"), required=False, help_text=_("For example: Quyết định số 15/QĐ-UBND.")
    )


class SplitForm(forms.Form):
    main: "forms.ModelChoiceField[Body]" = forms.ModelChoiceField(
        label=_("Main successor"),
        queryset=Body.objects.filter(active_to__isnull=True),
        help_text=_("Takes over the current tasks, the accounts and the sub-tasks it owns."),
    )
    others: "forms.ModelMultipleChoiceField[Body]" = forms.ModelMultipleChoiceField(
        label=_("Other bodies it splits into"),
        queryset=Body.objects.filter(active_to__isnull=True),
        required=False,
        help_text=_("Hold Ctrl (Cmd on a Mac) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    on = forms.DateField(label=_("On"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    note = forms.CharField(
        label=_("Decision"), required=False, help_text=_("For example: Quyết định số 15/QĐ-UBND.")
    )


class FoldedSearchAdmin(admin.ModelAdmin):
    """Admin search that ignores diacritics and case: "so tai chinh" finds "Sở Tài chính".

    It searches the stored folded text, so it behaves the same without ``unaccent``.
    """

    search_fields = ("search_text",)

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


class AssignmentInline(admin.TabularInline):
    model = Assignment
    fk_name = "task"
    extra = 1
    autocomplete_fields = ("body",)
    readonly_fields = ("carried_from",)


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = (
        "position",
        "name",
        "unit",
        "comparator",
        "planned_value",
        "planned_max",
        "target_year",
    )


class GoalInline(admin.TabularInline):
    model = Goal
    extra = 0


class BodyEventInline(admin.TabularInline):
    model = BodyEvent
    fk_name = "body"
    extra = 0
    readonly_fields = ("kind", "on", "related", "old_name", "new_name", "note", "created_at")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        # Renames and merges go through their services, which move tasks and accounts too.
        return False


@admin.register(Body)
class BodyAdmin(FoldedSearchAdmin):
    list_display = ("name", "short_name", "kind", "parent", "active_from", "active_to", "successor")
    list_filter = ("kind", ("active_to", admin.EmptyFieldListFilter))
    autocomplete_fields = ("parent", "successor")
    readonly_fields = ("active_to", "successor")  # set by a merge or a split, with history
    inlines = (BodyEventInline,)
    actions = ("rename", "split", "merge_into")

    def _run(self, request, queryset, *, form, apply, action: str, title: str, template: str):
        """A body action's page: its form until the service accepts it (its refusal shown on
        the form, what was typed kept), then the message ``apply`` returns."""
        if "apply" in request.POST and form.is_valid():
            try:
                done = apply(form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(request, done, messages.SUCCESS)
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "bodies": queryset,
            "form": form,
            "action": action,
            "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, template, context)

    def _one_body(self, request, queryset) -> Body | None:
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one body."), messages.ERROR)
            return None
        return queryset.get()

    @staticmethod
    def _posted(request):
        return request.POST if "apply" in request.POST else None

    @admin.action(description=_("Rename the selected body (the old name is kept)"))
    def rename(self, request, queryset):
        """A new name from a date; the old name stays in the body's history and in what was
        written before that date."""
        body = self._one_body(request, queryset)
        if body is None:
            return None
        old = body.name

        def apply(data) -> str:
            body_rename(
                body=body,
                name=data["name"],
                short_name=data["short_name"],
                on=data["on"],
                note=data["note"],
            )
            return _("%(old)s is now called %(new)s.") % {"old": old, "new": data["name"]}

        initial = {"name": body.name, "short_name": body.short_name}
        return self._run(
            request,
            queryset,
            form=RenameForm(self._posted(request), initial=initial),
            apply=apply,
            action="rename",
            title=_("Rename a body"),
            template="admin/programmes/body_rename.html",
        )

    @admin.action(description=_("Split the selected body into several bodies"))
    def split(self, request, queryset):
        """Close the body on a date; its current tasks, accounts and owned sub-tasks go to the
        main successor (to be redistributed afterwards), and its history names every part."""
        body = self._one_body(request, queryset)
        if body is None:
            return None

        def apply(data) -> str:
            main = data["main"]
            parts = [main, *(b for b in data["others"] if b.pk != main.pk)]
            body_split(source=body, into=parts, on=data["on"], note=data["note"])
            return _("%(body)s was split into %(parts)s.") % {
                "body": body.name,
                "parts": ", ".join(part.name for part in parts),
            }

        return self._run(
            request,
            queryset,
            form=SplitForm(self._posted(request)),
            apply=apply,
            action="split",
            title=_("Split a body"),
            template="admin/programmes/body_split.html",
        )

    @admin.action(description=_("Merge the selected bodies into another body"))
    def merge_into(self, request, queryset):
        """Ask for the successor and the date, then merge through the service, which carries
        tasks, accounts and sub-tasks over and keeps the history readable."""

        def apply(data) -> str:
            count = queryset.count()
            body_merge(sources=list(queryset), into=data["into"], on=data["on"], note=data["note"])
            return _("%(count)s bodies were merged into %(into)s.") % {
                "count": count,
                "into": data["into"],
            }

        return self._run(
            request,
            queryset,
            form=MergeForm(self._posted(request)),
            apply=apply,
            action="merge_into",
            title=_("Merge bodies"),
            template="admin/programmes/body_merge.html",
        )


@admin.register(BodyEvent)
class BodyEventAdmin(admin.ModelAdmin):
    list_display = ("body", "kind", "on", "related", "old_name", "new_name")
    list_filter = ("kind",)
    search_fields = ("body__name", "related__name", "old_name", "new_name")
    date_hierarchy = "on"
    readonly_fields = ("created_at",)


class SignedInFilter(admin.SimpleListFilter):
    """Accounts made but never used: people who never got or never opened their e-mail."""

    title = _("sign-in")
    parameter_name = "signed_in"

    def lookups(self, request, model_admin):
        return (("never", _("Never signed in")), ("yes", _("Has signed in")))

    def queryset(self, request, queryset):
        if self.value() == "never":
            return queryset.filter(last_login__isnull=True)
        if self.value() == "yes":
            return queryset.filter(last_login__isnull=False)
        return queryset


@admin.register(User)
class AccountAdmin(UserAdmin):
    list_display = ("username", "full_name", "role", "body", "email", "is_active", "last_login")
    list_filter = ("role", "is_active", SignedInFilter, "is_staff")
    list_select_related = ("body",)
    search_fields = ("username", "full_name", "email", "body__name")
    autocomplete_fields = ("body",)
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (_("Role and body"), {"fields": ("full_name", "role", "body", "wants_digest")}),
    )
    add_fieldsets = (
        *(UserAdmin.add_fieldsets or ()),
        (_("Role and body"), {"fields": ("full_name", "role", "body")}),
    )
    actions = ("deactivate",)

    def has_delete_permission(self, request, obj=None) -> bool:
        # Accounts are deactivated, never deleted: reports and history keep their author.
        return False

    @admin.action(description=_("Deactivate the selected accounts (they can no longer sign in)"))
    def deactivate(self, request, queryset):
        done = user_deactivate(users=list(queryset), by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)s account was deactivated.",
                "%(count)s accounts were deactivated.",
                len(done),
            )
            % {"count": len(done)},
            messages.SUCCESS,
        )
        if any(user.pk == request.user.pk for user in queryset):
            self.message_user(request, _("Your own account stays active."), messages.WARNING)


class ProgrammeAdminForm(forms.ModelForm):
    """The reporting cycle chosen with boxes worded as officials say it ("Hằng quý", "6
    tháng", "Hằng năm"), never typed as codes."""

    reporting_periods = forms.MultipleChoiceField(
        label=_("Reporting cycle"),
        choices=ReportingPeriod.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one reporting period.")},
        help_text=_(
            "Each task owes one report for each period chosen. Quarterly is enough for most "
            "programmes: the six-month and yearly summaries are built from the quarterly "
            "reports."
        ),
    )

    class Meta:
        model = Programme
        # The admin lists the fields it shows from this form: every field of the model.
        fields = "__all__"  # noqa: DJ007

    def clean_reporting_periods(self) -> list[str]:
        chosen = set(self.cleaned_data["reporting_periods"])
        return [kind.value for kind in ReportingPeriod if kind in chosen]


@admin.register(Programme)
class ProgrammeAdmin(FoldedSearchAdmin):
    form = ProgrammeAdminForm
    list_display = (
        "code",
        "title",
        "kind",
        "issuing_body",
        "issued_on",
        "term_start",
        "term_end",
        "is_public",
    )
    list_filter = ("kind", "issuing_body", "is_public", "progress_weighting")
    autocomplete_fields = ("issuing_body", "directing_body", "implements")
    readonly_fields = ("code_number", "code_year", "code_kind", "code_issuer")
    prepopulated_fields = {"slug": ("code",)}
    inlines = (GoalInline, TargetInline)

    def save_model(self, request, obj, form, change):
        programme_save(programme=obj)


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ("programme", "kind", "horizon", "text")
    list_filter = ("kind", "horizon", "programme")
    search_fields = ("text",)


class TargetMilestoneInline(admin.TabularInline):
    model = TargetMilestone
    extra = 2
    fields = ("year", "value")


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("name", "programme", "unit", "comparator", "planned_value", "target_year")
    list_filter = ("programme", "comparator", "target_year")
    list_select_related = ("programme",)
    search_fields = ("name",)
    inlines = (TargetMilestoneInline,)

    def get_form(self, request, obj=None, change=False, **kwargs):
        """The task picker offers the tasks of the target's programme only (a province has
        thousands): the one posted, the saved one, or ``?programme=`` on the add page."""
        form = super().get_form(request, obj, change, **kwargs)
        field = form.base_fields.get("task")
        if field is not None:
            chosen = request.POST.get("programme") or request.GET.get("programme") or ""
            programme_id = int(chosen) if chosen.isdigit() else (obj.programme_id if obj else None)
            field.queryset = (
                Task.objects.filter(programme_id=programme_id).order_by("tree_key", "pk")
                if programme_id
                else Task.objects.none()
            )
            if not programme_id:
                field.help_text = _(
                    "Save the target with its programme first: its programme's tasks are then "
                    "offered here."
                )
        return form


@admin.register(Task)
class TaskAdmin(FoldedSearchAdmin):
    list_display = (
        "number",
        "title",
        "kind",
        "programme",
        "deadline_text",
        "deadline_due",
        "weight",
    )
    list_filter = ("programme", "kind", "deadline_kind")
    autocomplete_fields = ("parent", "owner_body")
    readonly_fields = ("deadline_kind", "deadline_start", "deadline_due")
    inlines = (AssignmentInline,)

    def save_model(self, request, obj, form, change):
        # Through the service, so that the task's kept status follows its new deadline.
        task_save(task=obj, deadline_text=obj.deadline_text)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        assignments_changed(task_ids=[form.instance.pk])


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("task", "body", "role", "started_on", "ended_on")
    list_filter = ("role", ("ended_on", admin.EmptyFieldListFilter))
    search_fields = ("task__title", "body__name")
    autocomplete_fields = ("task", "body")
    readonly_fields = ("carried_from",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        assignments_changed(task_ids=[obj.task_id])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        assignments_changed(task_ids=[obj.task_id])
