from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Difficulties and proposals")

    def ready(self) -> None:
        # ``tracking`` cannot import this app: it says when a report is confirmed, and the
        # register takes the report's proposals in the same transaction; and it asks, while
        # writing the mid-term report, how many proposals were resolved (its section IV).
        from proposals.selectors import on_midterm_report
        from proposals.services import on_report_confirmed
        from tracking.signals import midterm_proposals_summary, report_confirmed

        report_confirmed.connect(on_report_confirmed, dispatch_uid="proposals-from-reports")
        midterm_proposals_summary.connect(on_midterm_report, dispatch_uid="proposals-midterm")
