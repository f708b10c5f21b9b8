"""Excel imports of a programme's tasks, read first and applied after a preview."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes.models.bodies import User
from programmes.models.programmes import Programme


class ImportBatch(models.Model):
    """An uploaded task list, read and shown for checking before anything is saved."""

    class State(models.TextChoices):
        PREVIEW = "preview", _("Waiting for confirmation")
        RUNNING = "running", _("Importing")
        APPLIED = "applied", _("Imported")
        FAILED = "failed", _("Failed")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="imports"
    )
    file_name = models.CharField(_("file name"), max_length=255)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PREVIEW
    )
    reading = models.JSONField(_("what was read"))
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_count = models.PositiveIntegerField(default=0)
    failure = models.TextField(blank=True)

    class Meta:
        verbose_name = _("task list import")
        verbose_name_plural = _("task list imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.programme} – {self.file_name}"

    @property
    def mapping(self) -> dict[str, int]:
        """Unknown body names (as written) → the body chosen for each in the preview."""
        return self.reading.get("mapping", {})

    @property
    def errors(self) -> list[dict]:
        """The errors left: an unknown body's goes once a body is chosen for its name."""
        mapped = self.mapping
        return [e for e in self.reading.get("errors", []) if e.get("body", "") not in mapped]

    @property
    def round_trip(self) -> bool:
        """The file came from the programme's export (it has the Mã column): its rows are
        compared with the tasks, not added to them."""
        return bool(self.reading.get("round_trip"))

    @property
    def rows(self) -> list[dict]:
        return self.reading.get("rows", [])
