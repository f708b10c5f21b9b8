from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeagueConfig(AppConfig):
    """The league table of bodies. No models: it reads ``tracking`` and ``proposals``, which
    is why it is not part of ``tracking`` (that never imports the apps built on it)."""

    name = "league"
    verbose_name = _("League table of bodies")
