from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "tracking"
    verbose_name = _("Progress tracking")

    def ready(self) -> None:
        # The plan (``programmes``) tells us when tasks change under it; their kept status is
        # written in the same transaction (see ``tracking.services.states``).
        from programmes.signals import tasks_changed
        from tracking.services.states import on_tasks_changed

        tasks_changed.connect(on_tasks_changed, dispatch_uid="tracking-task-states")
