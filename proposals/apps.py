from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Difficulties and proposals")

    def ready(self) -> None:
        # ``tracking`` cannot import this app: it says when a report is confirmed, and the
        # register takes the report's proposals in the same transaction.
        from proposals.services import on_report_confirmed
        from tracking.signals import report_confirmed

        report_confirmed.connect(on_report_confirmed, dispatch_uid="proposals-from-reports")
