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
        # The cached summaries follow the plan: a programme's roll-up rule, a task's weight.
        from django.db.models.signals import post_delete, post_save

        from programmes.models import Goal, Programme, Target, Task
        from tracking.cache import on_plan_saved

        for model in (Programme, Task, Goal, Target):
            for signal in (post_save, post_delete):
                signal.connect(on_plan_saved, sender=model, dispatch_uid=f"forget-{model.__name__}")
