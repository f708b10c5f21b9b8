from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The public pages of the programmes an admin opens to the public (``is_public``): their
    groups, progress and targets, read from confirmed reports only, without anyone's name or
    any report's words. No models: it reads ``programmes`` and ``tracking``."""

    name = "public"
    verbose_name = _("Public pages")
