"""Drafts read from a programme's text, once saved."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes.models.bodies import User
from programmes.models.programmes import Programme


class SavedDraft(models.Model):
    """A draft read from a programme's text and saved into it.

    The editor page carries a token made when the text was read; saving records it here first,
    in the saving transaction, so a second save of the same draft (a double click, the back
    button and a resubmit) finds it and adds nothing.
    """

    token = models.UUIDField(_("draft token"), unique=True)
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="saved_drafts",
    )
    saved_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField(auto_now_add=True)
    goal_count = models.PositiveIntegerField(default=0)
    task_count = models.PositiveIntegerField(default=0)
    target_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("saved draft")
        verbose_name_plural = _("saved drafts")

    def __str__(self) -> str:
        return str(self.token)
