from django.contrib import admin

from proposals.models import Proposal


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    """Read only: proposals come from confirmed reports and are answered in the product,
    where the rules of who answers and which status follows which are kept."""

    list_display = ("text", "body", "addressed_to", "due_on", "status", "replied_at")
    list_filter = ("status", "addressed_to")
    search_fields = ("text", "reply", "task__title", "body__name")
    readonly_fields = [f.name for f in Proposal._meta.fields]

    def has_add_permission(self, request):
        return False
