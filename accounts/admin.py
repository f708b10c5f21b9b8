from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.models import AccountImport


@admin.register(AccountImport)
class AccountImportAdmin(admin.ModelAdmin):
    """The record of each account list: who uploaded it, when it was saved, what it made.
    Read only; lists are uploaded and saved on their own pages."""

    list_display = (
        "file_name",
        "state",
        "created_by",
        "created_at",
        "created_count",
        "updated_count",
    )
    list_filter = ("state",)
    list_select_related = ("created_by",)
    readonly_fields = [f.name for f in AccountImport._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Rows"))
    def preview(self, batch: AccountImport) -> str:
        url = reverse("accounts:import-preview", args=[batch.pk])
        return format_html('<a href="{}">{}</a>', url, _("See the rows"))
