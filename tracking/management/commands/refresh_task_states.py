from django.core.management.base import BaseCommand
from django.utils import timezone

from tracking.services.states import task_states_refresh


class Command(BaseCommand):
    help = "Write every task's kept status for today (beat does it just after midnight)."

    def handle(self, *args: object, **options: object) -> None:
        changed = task_states_refresh(on=timezone.localdate())
        self.stdout.write(f"{changed} task statuses changed")
