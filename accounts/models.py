"""Account lists from Excel, read first and applied after a preview."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes.models import User


class AccountImport(models.Model):
    """An uploaded list of accounts (họ tên, email, cơ quan, vai trò), read and shown for
    checking before anything is saved; applied all or nothing."""

    class State(models.TextChoices):
        PREVIEW = "preview", _("Waiting for confirmation")
        APPLIED = "applied", _("Imported")

    file_name = models.CharField(_("file name"), max_length=255)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PREVIEW
    )
    reading = models.JSONField(_("what was read"))
    created_by = models.ForeignKey(
        User, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    applied_at = models.DateTimeField(_("saved at"), null=True, blank=True)
    created_count = models.PositiveIntegerField(_("accounts made"), default=0)
    updated_count = models.PositiveIntegerField(_("accounts updated"), default=0)

    class Meta:
        verbose_name = _("account list import")
        verbose_name_plural = _("account list imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def errors(self) -> list[dict]:
        return self.reading.get("errors", [])

    @property
    def rows(self) -> list[dict]:
        return self.reading.get("rows", [])
