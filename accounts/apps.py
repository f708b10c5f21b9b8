from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Sign-in and security")

    def ready(self) -> None:
        from accounts import middleware  # noqa: F401 - connects its user_logged_in receiver
